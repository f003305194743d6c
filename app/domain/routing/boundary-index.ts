import { booleanPointInPolygon } from '@turf/boolean-point-in-polygon';
import Flatbush from 'flatbush';
import type { Polygon, Position } from 'geojson';
import { ValidationError } from '../shared/errors';
import { checkPoint, haversineMetres, type Point } from './geo';
import { regionOfKato } from './kato';
import { NO_OVERRIDES, type RoutingOverride, type RoutingOverrides } from './overrides';

/**
 * Point -> administrative unit, in memory.
 *
 * Two layers: level 1 (20 regions and cities of republican significance) and level 2 (districts,
 * cities of regional significance, city districts). Every polygon of a (Multi)Polygon is a separate
 * entry of a flatbush R-tree for its layer, keyed by its own bounding box; a lookup asks the tree
 * for the boxes containing the point and runs an exact point-in-polygon test (holes respected, a
 * point on an edge counts as inside) only on those.
 *
 * Rules of `locate`:
 *   1. Level 2 first. When several units contain the point (an edge shared by two districts, or an
 *      enclave drawn without a hole), the smallest unit by area wins, then the lower KATO code: the
 *      most specific unit, and always the same answer.
 *   2. The region of a level-2 unit is its parent (from the row, else the KATO prefix), not a second
 *      polygon test: the two layers of the source agree (no gaps, no mismatch on a 0.05° grid), and
 *      a district that slightly overshoots its region's outline still belongs to its own region.
 *   3. No level-2 unit: the smallest level-1 unit containing the point, with district = null.
 *   4. Neither: outside Kazakhstan. There is no tolerance band at the border (the source is
 *      simplified to ~11 m); a point in the sea or abroad is refused.
 *   5. Overrides (see overrides.ts) then move a point from its base unit to a newer unit.
 */

export interface BoundaryRow {
  kato: string;
  /** 1: region / city of republican significance; 2: district / city / city district. */
  level: number;
  /** The first-level unit of a level-2 row; default: the KATO prefix rule. */
  parentKato?: string | null;
  /** GeoJSON Polygon or MultiPolygon, WGS84 (as stored in unit_boundaries.geometry). */
  geometry: unknown;
}

export type Location =
  | {
      kind: 'inside';
      /** First-level unit (region or city of republican significance). */
      region: string;
      /** Second-level unit, or null when only a region polygon contains the point. */
      district: string | null;
      /** Which layer decided: a level-2 polygon, an override area, or only a level-1 polygon. */
      via: 'district-polygon' | 'override' | 'region-polygon';
      /** The level-2 unit of the base polygon layer (differs from `district` after an override). */
      baseDistrict: string | null;
      /** True when an approximate override area decided. */
      approximate: boolean;
      /** Newer units carved out of the base unit that have no polygon yet (see `pending`). */
      mayBelongTo: readonly string[];
    }
  | { kind: 'outside' }
  | { kind: 'invalid-point'; reason: 'not-finite' | 'out-of-range' };

export interface BoundaryIndexStats {
  regions: number;
  districts: number;
  /** Polygons in the trees (a MultiPolygon counts each of its polygons). */
  polygons: number;
  vertices: number;
  overrides: number;
  pending: number;
}

interface Entry {
  unit: number;
  polygon: Polygon;
}

interface UnitInfo {
  kato: string;
  parent: string;
  area: number;
}

/** Shoelace area of a ring in square degrees (only used to compare units at one point). */
function ringArea(ring: readonly Position[]): number {
  let sum = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const a = ring[j]!;
    const b = ring[i]!;
    sum += (a[0]! - b[0]!) * (a[1]! + b[1]!);
  }
  return Math.abs(sum / 2);
}

function polygonArea(rings: readonly (readonly Position[])[]): number {
  const [outer, ...holes] = rings;
  return outer ? ringArea(outer) - holes.reduce((s, h) => s + ringArea(h), 0) : 0;
}

function isPositionArray(value: unknown): value is Position[] {
  return (
    Array.isArray(value) &&
    value.length >= 4 &&
    value.every((p) => Array.isArray(p) && typeof p[0] === 'number' && typeof p[1] === 'number')
  );
}

/** The polygons of a row's geometry, or null when it is not a usable Polygon / MultiPolygon. */
function polygonsOf(geometry: unknown): Position[][][] | null {
  if (typeof geometry !== 'object' || geometry === null) return null;
  const g = geometry as { type?: unknown; coordinates?: unknown };
  const polygons = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : null;
  if (!Array.isArray(polygons) || polygons.length === 0) return null;
  for (const rings of polygons as unknown[]) {
    if (!Array.isArray(rings) || rings.length === 0 || !rings.every(isPositionArray)) return null;
  }
  return polygons as Position[][][];
}

class Layer {
  private readonly tree: Flatbush | null;

  constructor(
    private readonly entries: readonly Entry[],
    private readonly units: readonly UnitInfo[],
  ) {
    if (entries.length === 0) {
      this.tree = null;
      return;
    }
    const tree = new Flatbush(entries.length);
    for (const { polygon } of entries) {
      let minX = Infinity;
      let minY = Infinity;
      let maxX = -Infinity;
      let maxY = -Infinity;
      for (const [x, y] of polygon.coordinates[0]!) {
        if (x! < minX) minX = x!;
        if (y! < minY) minY = y!;
        if (x! > maxX) maxX = x!;
        if (y! > maxY) maxY = y!;
      }
      tree.add(minX, minY, maxX, maxY);
    }
    tree.finish();
    this.tree = tree;
  }

  /** The most specific unit containing the point (rule 1), or null. */
  find(point: Point): UnitInfo | null {
    if (!this.tree) return null;
    let best: UnitInfo | null = null;
    const coord = [point.lon, point.lat];
    for (const i of this.tree.search(point.lon, point.lat, point.lon, point.lat)) {
      const entry = this.entries[i]!;
      const unit = this.units[entry.unit]!;
      if (best && (unit === best || unit.area > best.area || (unit.area === best.area && unit.kato > best.kato))) continue;
      if (booleanPointInPolygon(coord, entry.polygon)) best = unit;
    }
    return best;
  }
}

function inArea(override: RoutingOverride, point: Point): boolean {
  const { area } = override;
  if (area.type === 'circle') return haversineMetres(area.centre, point) <= area.radiusM;
  return booleanPointInPolygon([point.lon, point.lat], area.geometry);
}

export class BoundaryIndex {
  readonly stats: BoundaryIndexStats;

  private constructor(
    private readonly level1: Layer,
    private readonly level2: Layer,
    private readonly overridesByBase: ReadonlyMap<string, readonly RoutingOverride[]>,
    private readonly pendingByBase: ReadonlyMap<string, readonly string[]>,
    stats: BoundaryIndexStats,
  ) {
    this.stats = stats;
  }

  /**
   * Builds the index. Throws ValidationError `routing.boundaries-invalid` (fields: KATO -> problem)
   * for a row with a level other than 1 or 2, a geometry that is not a Polygon / MultiPolygon of
   * closed rings, or a repeated KATO code.
   */
  static build(rows: readonly BoundaryRow[], opts: { overrides?: RoutingOverrides } = {}): BoundaryIndex {
    const problems: Record<string, string> = {};
    const seen = new Set<string>();
    const layers = { 1: { entries: [] as Entry[], units: [] as UnitInfo[] }, 2: { entries: [] as Entry[], units: [] as UnitInfo[] } };
    let vertices = 0;
    for (const row of rows) {
      if (seen.has(row.kato)) {
        problems[row.kato] = 'repeated KATO code';
        continue;
      }
      seen.add(row.kato);
      if (row.level !== 1 && row.level !== 2) {
        problems[row.kato] = `level ${row.level} is neither 1 nor 2`;
        continue;
      }
      const polygons = polygonsOf(row.geometry);
      if (!polygons) {
        problems[row.kato] = 'geometry is not a Polygon or MultiPolygon of rings of [lon, lat] positions';
        continue;
      }
      const layer = layers[row.level];
      const unit = layer.units.length;
      layer.units.push({
        kato: row.kato,
        parent: row.level === 1 ? row.kato : (row.parentKato ?? regionOfKato(row.kato)),
        area: polygons.reduce((s, p) => s + polygonArea(p), 0),
      });
      for (const coordinates of polygons) {
        layer.entries.push({ unit, polygon: { type: 'Polygon', coordinates } });
        for (const r of coordinates) vertices += r.length;
      }
    }
    if (Object.keys(problems).length > 0) throw new ValidationError('routing.boundaries-invalid', problems);

    const overrides = opts.overrides ?? NO_OVERRIDES;
    const overridesByBase = new Map<string, RoutingOverride[]>();
    for (const o of overrides.overrides)
      for (const base of o.carvedFrom) overridesByBase.set(base, [...(overridesByBase.get(base) ?? []), o]);
    const pendingByBase = new Map<string, string[]>();
    for (const p of overrides.pending)
      for (const base of p.carvedFrom) pendingByBase.set(base, [...(pendingByBase.get(base) ?? []), p.kato]);

    return new BoundaryIndex(
      new Layer(layers[1].entries, layers[1].units),
      new Layer(layers[2].entries, layers[2].units),
      overridesByBase,
      pendingByBase,
      {
        regions: layers[1].units.length,
        districts: layers[2].units.length,
        polygons: layers[1].entries.length + layers[2].entries.length,
        vertices,
        overrides: overrides.overrides.length,
        pending: overrides.pending.length,
      },
    );
  }

  /** Where a point is (see the rules above). Never throws. */
  locate(input: { lon: unknown; lat: unknown }): Location {
    const checked = checkPoint(input);
    if (checked.kind === 'invalid') return { kind: 'invalid-point', reason: checked.reason };
    const point = checked.point;

    const district = this.level2.find(point);
    const region = district ? null : this.level1.find(point);
    if (!district && !region) return { kind: 'outside' };
    const base = district ? district.kato : region!.kato;
    const regionKato = district ? district.parent : region!.kato;

    for (const o of this.overridesByBase.get(base) ?? []) {
      if (o.kato === base || !inArea(o, point)) continue;
      return {
        kind: 'inside',
        region: regionOfKato(o.kato),
        district: o.kato,
        via: 'override',
        baseDistrict: district?.kato ?? null,
        approximate: o.approximate,
        mayBelongTo: [],
      };
    }
    return {
      kind: 'inside',
      region: regionKato,
      district: district?.kato ?? null,
      via: district ? 'district-polygon' : 'region-polygon',
      baseDistrict: district?.kato ?? null,
      approximate: false,
      mayBelongTo: this.pendingByBase.get(base) ?? [],
    };
  }
}
