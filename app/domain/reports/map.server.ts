import type { Db } from '../../../db/client';
import { DEFAULT_MAP_OPTIONS } from '../maps/region-map.server';
import { fitEquirectangular, unionBox, type LonLatBox, type Projection } from '../maps/projection';
import { loadUnitShapes, type MapUnitPath } from '../maps/shapes.server';
import { geometryToPath } from '../maps/svg-path';
import type { Deps } from '../shared/deps';
import type { StatusGroup } from './groups';
import type { MapPoint } from './public.server';

/**
 * The map of the public report list: an inline SVG drawn from the seeded polygons (no tiles), with
 * the reports as dots. Without a region filter it shows the first-level units of the country; with
 * one it zooms to that region and draws its districts (level 2) inside its outline. The base
 * shapes are built once per process and database handle (like maps/region-map.server.ts); the dots
 * are projected per request with the same projection.
 */

export type ReportMapUnit = MapUnitPath;

export interface ReportMapBase {
  width: number;
  height: number;
  /** The region zoomed to, or null for the whole country. */
  regionKato: string | null;
  units: ReportMapUnit[];
  projection: Projection;
}

export interface ReportMapDot {
  number: string;
  x: number;
  y: number;
  group: StatusGroup;
}

export interface ReportMap {
  width: number;
  height: number;
  regionKato: string | null;
  units: ReportMapUnit[];
  dots: ReportMapDot[];
}

async function buildBase(db: Db, regionKato: string | null): Promise<ReportMapBase | null> {
  const usable = await loadUnitShapes(db, regionKato ? { kind: 'region', kato: regionKato } : { kind: 'country' });
  // Zoomed: the region's own box (its districts lie inside it); else the union of the regions.
  const region = regionKato ? usable.find((r) => r.kato === regionKato) : undefined;
  const boxes: LonLatBox[] = (region ? [region] : usable).map((r) => r.box);
  const box = unionBox(boxes);
  if (!box || !(box.maxLon > box.minLon) || !(box.maxLat > box.minLat)) return null;
  const projection = fitEquirectangular(box, DEFAULT_MAP_OPTIONS.width, DEFAULT_MAP_OPTIONS.padding);
  const out: ReportMapUnit[] = [];
  for (const r of usable) {
    const path = geometryToPath(r.geometry, projection, DEFAULT_MAP_OPTIONS);
    if (path.d === '') continue;
    out.push({ kato: r.kato, level: r.level, nameKk: r.nameKk, nameRu: r.nameRu, nameEn: r.nameEn, d: path.d });
  }
  return { width: projection.width, height: projection.height, regionKato: region ? regionKato : null, units: out, projection };
}

const cache = new WeakMap<Db, Map<string, Promise<ReportMapBase | null>>>();

export function getReportMapBase(deps: Pick<Deps, 'db'>, regionKato: string | null): Promise<ReportMapBase | null> {
  let perDb = cache.get(deps.db);
  if (!perDb) {
    perDb = new Map();
    cache.set(deps.db, perDb);
  }
  const key = regionKato ?? 'KZ';
  let base = perDb.get(key);
  if (!base) {
    base = buildBase(deps.db, regionKato);
    base.catch(() => perDb.delete(key));
    perDb.set(key, base);
  }
  return base;
}

/** The base map with the points projected (points outside the drawn extent are left out). */
export function placeDots(base: ReportMapBase, points: readonly MapPoint[]): ReportMap {
  const dots: ReportMapDot[] = [];
  for (const p of points) {
    const [x, y] = base.projection.project(p.lon, p.lat);
    if (x < 0 || y < 0 || x > base.width || y > base.height) continue;
    dots.push({ number: p.number, x: Math.round(x * 10) / 10, y: Math.round(y * 10) / 10, group: p.group });
  }
  return { width: base.width, height: base.height, regionKato: base.regionKato, units: base.units, dots };
}

export async function getReportMap(deps: Pick<Deps, 'db'>, regionKato: string | null, points: readonly MapPoint[]): Promise<ReportMap | null> {
  const base = await getReportMapBase(deps, regionKato);
  return base ? placeDots(base, points) : null;
}
