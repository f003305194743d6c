import { EARTH_RADIUS_M, haversineMetres, type Point } from '../routing/geo';
import { ValidationError } from '../shared/errors';

/**
 * Nearby duplicates: while a citizen files a report, the open reports of the same category within
 * a radius (250 m by default, as FixMyStreet) are offered so that they can join one ("me too")
 * instead of filing a duplicate.
 *
 * Two steps:
 *   1. SQL pre-filter with `boundingBoxAround(point, radius)`: a rectangle that contains the whole
 *      circle, so `lon between minLon and maxLon and lat between minLat and maxLat` (with an index
 *      on (lat, lon) or a GiST box) never misses a candidate;
 *   2. `nearbyReports(candidates, ...)`: the exact rule on those rows.
 *
 * Rule: a candidate is a nearby duplicate iff it is open, has the same category, and its distance
 * (haversine, see routing/geo.ts) is <= the radius. Ordered by distance, then by input order.
 */

export const DEFAULT_NEARBY_RADIUS_M = 250;

/** Great-circle distance in metres between two points (haversine). */
export function distanceMetres(a: Point, b: Point): number {
  return haversineMetres(a, b);
}

export interface BoundingBox {
  minLon: number;
  minLat: number;
  maxLon: number;
  maxLat: number;
}

/**
 * The smallest latitude/longitude rectangle containing every point within `radiusM` of `centre`
 * on the sphere (J. Matuschek, "Finding points within a distance of a latitude/longitude"):
 *
 *   δ = r / R;  latitude: φ ± δ;  longitude: λ ± Δλ with Δλ = asin(sin δ / cos φ)
 *
 * When the circle reaches a pole the box spans all longitudes; when it crosses the antimeridian
 * the longitude range is widened to [-180, 180] (conservative; never happens in Kazakhstan).
 * Throws ValidationError `reports.nearby.invalid-radius` for a negative or non-finite radius.
 */
export function boundingBoxAround(centre: Point, radiusM: number): BoundingBox {
  if (!(radiusM >= 0) || !Number.isFinite(radiusM))
    throw new ValidationError('reports.nearby.invalid-radius', { radiusM: `expected a finite number >= 0, got ${radiusM}` });
  const RAD = Math.PI / 180;
  const delta = radiusM / EARTH_RADIUS_M;
  const lat = centre.lat * RAD;
  const minLat = lat - delta;
  const maxLat = lat + delta;
  if (minLat <= -Math.PI / 2 || maxLat >= Math.PI / 2) {
    return { minLon: -180, minLat: Math.max(minLat / RAD, -90), maxLon: 180, maxLat: Math.min(maxLat / RAD, 90) };
  }
  const dLon = Math.asin(Math.min(1, Math.sin(delta) / Math.cos(lat))) / RAD;
  const minLon = centre.lon - dLon;
  const maxLon = centre.lon + dLon;
  if (minLon < -180 || maxLon > 180) return { minLon: -180, minLat: minLat / RAD, maxLon: 180, maxLat: maxLat / RAD };
  return { minLon, minLat: minLat / RAD, maxLon, maxLat: maxLat / RAD };
}

/** What the rule needs of a candidate report; any other fields are kept in the result. */
export interface NearbyCandidate {
  point: Point;
  categoryCode: string;
  /** Whether the report is still open (the caller decides from its state). */
  open: boolean;
}

export interface NearbyQuery {
  point: Point;
  categoryCode: string;
}

export interface NearbyOptions {
  /** Metres; default 250. */
  radiusM?: number;
  /** At most this many results (the nearest); default: all. */
  limit?: number;
}

/** Open reports of the same category within the radius, nearest first, with their distance. */
export function nearbyReports<T extends NearbyCandidate>(
  candidates: readonly T[],
  query: NearbyQuery,
  opts: NearbyOptions = {},
): (T & { distanceM: number })[] {
  const radius = opts.radiusM ?? DEFAULT_NEARBY_RADIUS_M;
  const found: { c: T; distanceM: number; i: number }[] = [];
  candidates.forEach((c, i) => {
    if (!c.open || c.categoryCode !== query.categoryCode) return;
    const distanceM = distanceMetres(query.point, c.point);
    if (distanceM <= radius) found.push({ c, distanceM, i });
  });
  found.sort((a, b) => a.distanceM - b.distanceM || a.i - b.i);
  const limited = opts.limit === undefined ? found : found.slice(0, Math.max(0, opts.limit));
  return limited.map(({ c, distanceM }) => ({ ...c, distanceM }));
}
