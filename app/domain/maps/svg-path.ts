import type { Projection } from './projection';
import { ringArea, simplifyRing, type Pt } from './simplify';

/**
 * GeoJSON polygons to compact SVG path data (pure).
 *
 * Steps per ring: project every vertex to map pixels, simplify with Douglas–Peucker at tolerance ε
 * pixels (simplify.ts), drop rings smaller than `minArea` square pixels (islets invisible at this
 * size) but always keep the largest ring of a unit, round to `precision` decimals and write the ring
 * as one absolute move followed by relative line commands ("M12 34l3-2 …z"). The deltas are taken
 * between the rounded absolute positions in integer arithmetic, so rounding errors do not add up
 * along a ring. Holes are written as further subpaths; draw with fill-rule="evenodd".
 *
 * Each region is simplified on its own, so two neighbours may differ by up to ε along their shared
 * border (hairline slivers under a 0.5 px stroke). For a decorative choropleth that is acceptable;
 * a topology-preserving simplification (shared arcs) would be the next step if borders must match.
 */

export type PolygonalGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

export interface PathOptions {
  /** Douglas–Peucker tolerance in pixels. */
  epsilon: number;
  /** Rings with a smaller area (square pixels) are dropped, except a unit's largest ring. */
  minArea: number;
  /** Decimals kept in the path data (0 = whole pixels). */
  precision: number;
}

export interface PathResult {
  d: string;
  pointsIn: number;
  pointsOut: number;
  rings: number;
}

export function isPolygonalGeometry(value: unknown): value is PolygonalGeometry {
  if (typeof value !== 'object' || value === null) return false;
  const g = value as { type?: unknown; coordinates?: unknown };
  return (g.type === 'Polygon' || g.type === 'MultiPolygon') && Array.isArray(g.coordinates);
}

/** Every ring of the geometry (outer rings and holes), as GeoJSON positions. */
export function geometryRings(g: PolygonalGeometry): number[][][] {
  return g.type === 'Polygon' ? g.coordinates : g.coordinates.flat();
}

function formatScaled(n: number, factor: number, decimals: number): string {
  if (decimals === 0 || n % factor === 0) return String(n / factor);
  const sign = n < 0 ? '-' : '';
  const abs = Math.abs(n);
  const frac = String(abs % factor).padStart(decimals, '0').replace(/0+$/, '');
  return `${sign}${Math.floor(abs / factor)}.${frac}`;
}

/** Joins numbers with the shortest valid separators (none before a minus sign). */
function joinNumbers(parts: string[]): string {
  let out = '';
  for (const p of parts) out += out === '' || p.startsWith('-') ? p : ` ${p}`;
  return out;
}

/**
 * One ring as "M x y l dx dy … z" (rounded; repeated points after rounding removed). Returns null
 * when fewer than three distinct positions remain.
 */
export function encodeRing(ring: readonly Pt[], precision: number): string | null {
  if (!Number.isInteger(precision) || precision < 0 || precision > 6) throw new RangeError('precision must be an integer in 0..6');
  const factor = 10 ** precision;
  const pts: [number, number][] = [];
  for (const [x, y] of ring) {
    const p: [number, number] = [Math.round(x * factor), Math.round(y * factor)];
    const prev = pts[pts.length - 1];
    if (!prev || prev[0] !== p[0] || prev[1] !== p[1]) pts.push(p);
  }
  // The closing point is implied by "z".
  while (pts.length > 1 && pts[0]![0] === pts[pts.length - 1]![0] && pts[0]![1] === pts[pts.length - 1]![1]) pts.pop();
  if (pts.length < 3) return null;
  const fmt = (n: number) => formatScaled(n, factor, precision);
  const [x0, y0] = pts[0]!;
  let d = `M${joinNumbers([fmt(x0), fmt(y0)])}l`;
  const deltas: string[] = [];
  for (let i = 1; i < pts.length; i++) deltas.push(fmt(pts[i]![0] - pts[i - 1]![0]), fmt(pts[i]![1] - pts[i - 1]![1]));
  d += joinNumbers(deltas);
  return `${d}z`;
}

/** The path data of one unit's geometry under the projection (see the module comment). */
export function geometryToPath(g: PolygonalGeometry, projection: Pick<Projection, 'project'>, opts: PathOptions): PathResult {
  const rings = geometryRings(g);
  let pointsIn = 0;
  const projected = rings.map((ring) => {
    pointsIn += ring.length;
    return ring.map(([lon, lat]) => projection.project(lon!, lat!) as Pt);
  });
  const kept: Pt[][] = [];
  for (const ring of projected) {
    const s = simplifyRing(ring, opts.epsilon, opts.minArea);
    if (s) kept.push(s);
  }
  if (kept.length === 0 && projected.length > 0) {
    // Every ring is tiny: keep the largest one, so the unit is still drawn (and hoverable).
    const largest = projected.reduce((a, b) => (Math.abs(ringArea(b)) > Math.abs(ringArea(a)) ? b : a));
    const s = simplifyRing(largest, opts.epsilon, 0);
    if (s) kept.push(s);
  }
  const parts: string[] = [];
  let pointsOut = 0;
  for (const ring of kept) {
    const encoded = encodeRing(ring, opts.precision);
    if (!encoded) continue;
    parts.push(encoded);
    pointsOut += ring.length;
  }
  return { d: parts.join(''), pointsIn, pointsOut, rings: parts.length };
}
