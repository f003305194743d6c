import type { Db } from '../../../db/client';
import { fitEquirectangular, unionBox, type Projection } from '../maps/projection';
import { DEFAULT_MAP_OPTIONS } from '../maps/region-map.server';
import { loadUnitShapes, type MapUnitPath } from '../maps/shapes.server';
import { geometryToPath } from '../maps/svg-path';

/**
 * The map of the filing form, drawn from the seeded polygons as inline SVG (no tile server), in
 * three zoom levels:
 *   - country: the 20 first-level units, each a link that zooms to it;
 *   - region: the region's outline and its districts, each a link that zooms to the district;
 *   - district: one district (or city district) alone, where a click or tap sets the point.
 * The page turns a click into longitude/latitude with `inverse` (the projection's constants); the
 * server checks the point again when the report is filed (inside Kazakhstan, BoundaryIndex).
 * Built once per database handle and zoom, then shared by every request.
 */

export type FilingMapUnit = MapUnitPath;

export interface FilingMap {
  zoom: 'country' | 'region' | 'district';
  /** The unit zoomed to (null for the country). */
  focusKato: string | null;
  width: number;
  height: number;
  units: FilingMapUnit[];
  /** x = x0 + lon · kx, y = y0 − lat · ky (and back): what the page needs to place and read points. */
  inverse: { x0: number; y0: number; kx: number; ky: number };
}

function inverseOf(p: Projection): FilingMap['inverse'] {
  const [x0, y0] = p.project(0, 0);
  const [x1] = p.project(1, 0);
  const [, y1] = p.project(0, 1);
  return { x0, y0, kx: x1 - x0, ky: y0 - y1 };
}

/** Pixel position of a point on the map (may fall outside the drawing). */
export function projectOnMap(map: Pick<FilingMap, 'inverse'>, lon: number, lat: number): { x: number; y: number } {
  return { x: map.inverse.x0 + lon * map.inverse.kx, y: map.inverse.y0 - lat * map.inverse.ky };
}

async function build(db: Db, zoom: FilingMap['zoom'], focus: string | null): Promise<FilingMap | null> {
  const usable = await loadUnitShapes(db, zoom === 'country' ? { kind: 'country' } : zoom === 'region' ? { kind: 'region', kato: focus! } : { kind: 'unit', kato: focus! });
  const focusRow = focus ? usable.find((r) => r.kato === focus) : undefined;
  if (focus && !focusRow) return null;
  const box = unionBox((focusRow ? [focusRow] : usable).map((r) => r.box));
  if (!box || !(box.maxLon > box.minLon) || !(box.maxLat > box.minLat)) return null;
  const projection = fitEquirectangular(box, DEFAULT_MAP_OPTIONS.width, DEFAULT_MAP_OPTIONS.padding);
  // Finer outlines when zoomed in (a district is a few dozen pixels of the country map).
  const opts = zoom === 'country' ? DEFAULT_MAP_OPTIONS : { ...DEFAULT_MAP_OPTIONS, epsilon: 0.4, minArea: 0.5 };
  const out: FilingMapUnit[] = [];
  for (const r of usable) {
    const path = geometryToPath(r.geometry, projection, opts);
    if (path.d === '') continue;
    out.push({ kato: r.kato, level: r.level, nameKk: r.nameKk, nameRu: r.nameRu, nameEn: r.nameEn, d: path.d });
  }
  return { zoom, focusKato: focus, width: projection.width, height: projection.height, units: out, inverse: inverseOf(projection) };
}

const cache = new WeakMap<object, Map<string, Promise<FilingMap | null>>>();

/** The map for a zoom: no unit -> country; a first-level unit -> region; a second-level -> district. */
export function filingMap(db: Db, focus: { kato: string; level: number } | null): Promise<FilingMap | null> {
  const zoom: FilingMap['zoom'] = !focus ? 'country' : focus.level <= 1 ? 'region' : 'district';
  const key = `${zoom}:${focus?.kato ?? 'KZ'}`;
  let perDb = cache.get(db);
  if (!perDb) {
    perDb = new Map();
    cache.set(db, perDb);
  }
  let hit = perDb.get(key);
  if (!hit) {
    hit = build(db, zoom, focus?.kato ?? null);
    hit.catch(() => perDb.delete(key));
    perDb.set(key, hit);
  }
  return hit;
}
