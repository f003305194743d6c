import type { Db } from '../../../db/client';
import type { Deps } from '../shared/deps';
import { fitEquirectangular, unionBox } from './projection';
import { loadUnitShapes, type UnitShape } from './shapes.server';
import { geometryToPath, type PathOptions } from './svg-path';

/**
 * The map of the first-level units (regions and cities of republican significance) as SVG paths,
 * drawn from the seeded polygons (unit_boundaries, COD-AB 2023) with no external tiles: projected
 * (projection.ts), simplified (simplify.ts) and encoded (svg-path.ts) once per process and database
 * handle, then shared by every request. Cities are listed last so they are drawn above the region
 * around them.
 */

export interface MapUnit {
  kato: string;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  /** City of republican significance (Astana, Almaty, Shymkent): small, drawn on top. */
  city: boolean;
  d: string;
}

export interface RegionMap {
  width: number;
  height: number;
  units: MapUnit[];
  stats: { pointsIn: number; pointsOut: number; buildMs: number; pathBytes: number };
}

export interface MapOptions extends PathOptions {
  width: number;
  padding: number;
}

/** 640 px wide is plenty for a page column; ε = 0.6 px is below what the eye sees at that size. */
export const DEFAULT_MAP_OPTIONS: MapOptions = { width: 640, padding: 4, epsilon: 0.6, minArea: 1.5, precision: 1 };

/** A boundary row the region map is built from (a unit shape; the level is not needed). */
export type BoundaryInput = Omit<UnitShape, 'level'>;

/** Builds the map from boundary rows (pure apart from timing). */
export function buildRegionMap(rows: readonly BoundaryInput[], opts: MapOptions = DEFAULT_MAP_OPTIONS): RegionMap | null {
  const started = performance.now();
  const box = unionBox(rows.map((r) => r.box));
  if (!box) return null;
  const projection = fitEquirectangular(box, opts.width, opts.padding);
  let pointsIn = 0;
  let pointsOut = 0;
  let pathBytes = 0;
  const out: MapUnit[] = [];
  for (const r of rows) {
    const path = geometryToPath(r.geometry, projection, opts);
    if (path.d === '') continue;
    pointsIn += path.pointsIn;
    pointsOut += path.pointsOut;
    pathBytes += path.d.length;
    out.push({ kato: r.kato, nameKk: r.nameKk, nameRu: r.nameRu, nameEn: r.nameEn, city: r.type === 'city_of_republican_significance', d: path.d });
  }
  out.sort((a, b) => Number(a.city) - Number(b.city) || a.kato.localeCompare(b.kato));
  return {
    width: projection.width,
    height: projection.height,
    units: out,
    stats: { pointsIn, pointsOut, buildMs: Math.round((performance.now() - started) * 10) / 10, pathBytes },
  };
}

async function loadBoundaries(db: Db): Promise<BoundaryInput[]> {
  return (await loadUnitShapes(db, { kind: 'country' })).map(({ kato, type, nameKk, nameRu, nameEn, geometry, box }) => ({ kato, type, nameKk, nameRu, nameEn, geometry, box }));
}

const cache = new WeakMap<Db, Promise<RegionMap | null>>();

/**
 * The first-level map for this database, built on first use and kept for the life of the process
 * (null when no boundary is seeded). Call invalidateRegionMap after boundaries are edited.
 */
export function getRegionMap(deps: Pick<Deps, 'db'>): Promise<RegionMap | null> {
  let map = cache.get(deps.db);
  if (!map) {
    map = loadBoundaries(deps.db).then((rows) => buildRegionMap(rows));
    map.catch(() => cache.delete(deps.db));
    cache.set(deps.db, map);
  }
  return map;
}

export function invalidateRegionMap(deps: Pick<Deps, 'db'>): void {
  cache.delete(deps.db);
}
