/**
 * Geographic primitives for routing and nearby search (pure, WGS84 degrees).
 *
 * Distances use the haversine formula on a sphere of radius R = 6 371 008.8 m (the mean Earth
 * radius, the same constant as @turf/distance):
 *
 *   a = sin²(Δφ/2) + cos φ1 · cos φ2 · sin²(Δλ/2),   d = 2R · asin(√a)
 *
 * At Kazakhstan's latitudes the spherical model errs by at most ~0.5 % against the ellipsoid,
 * i.e. about 1 m over 250 m: good enough for "within 250 m" and for approximate override circles.
 */

/** A point in WGS84 degrees: longitude first, as in GeoJSON. */
export interface Point {
  readonly lon: number;
  readonly lat: number;
}

export const EARTH_RADIUS_M = 6_371_008.8;

const RAD = Math.PI / 180;

export type PointCheck = { kind: 'ok'; point: Point } | { kind: 'invalid'; reason: 'not-finite' | 'out-of-range' };

/**
 * Checks a point: both coordinates finite numbers, longitude in [-180, 180] and latitude in
 * [-90, 90] (bounds included). Anything else is refused, never clamped or wrapped.
 */
export function checkPoint(input: { lon: unknown; lat: unknown }): PointCheck {
  const { lon, lat } = input;
  if (typeof lon !== 'number' || typeof lat !== 'number' || !Number.isFinite(lon) || !Number.isFinite(lat)) {
    return { kind: 'invalid', reason: 'not-finite' };
  }
  if (lon < -180 || lon > 180 || lat < -90 || lat > 90) return { kind: 'invalid', reason: 'out-of-range' };
  return { kind: 'ok', point: { lon, lat } };
}

/** A decimal degree as typed in a form: optional sign, digits, optional "." or "," and decimals. */
const DECIMAL_DEGREES = /^[+-]?\d{1,3}(?:[.,]\d{1,15})?$/;

/**
 * Parses coordinates typed or posted as text (a form without JavaScript, an API call): decimal
 * degrees with "." or "," as the decimal mark, surrounding spaces ignored. No exponents, hex,
 * degree signs or empty strings. Then the ranges of checkPoint apply.
 */
export function parsePointInput(input: { lon: string; lat: string }): PointCheck {
  const lonText = input.lon.trim();
  const latText = input.lat.trim();
  if (!DECIMAL_DEGREES.test(lonText) || !DECIMAL_DEGREES.test(latText)) return { kind: 'invalid', reason: 'not-finite' };
  return checkPoint({ lon: Number(lonText.replace(',', '.')), lat: Number(latText.replace(',', '.')) });
}

/** Great-circle distance in metres (haversine, see the module comment). */
export function haversineMetres(a: Point, b: Point): number {
  const phi1 = a.lat * RAD;
  const phi2 = b.lat * RAD;
  const dPhi = (b.lat - a.lat) * RAD;
  const dLambda = (b.lon - a.lon) * RAD;
  const h = Math.sin(dPhi / 2) ** 2 + Math.cos(phi1) * Math.cos(phi2) * Math.sin(dLambda / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/**
 * The point reached from `origin` after `distanceM` metres on the initial bearing `bearingDeg`
 * (0 = north, 90 = east), on the same sphere:
 *   φ2 = asin(sin φ1 cos δ + cos φ1 sin δ cos θ),  λ2 = λ1 + atan2(sin θ sin δ cos φ1, cos δ − sin φ1 sin φ2)
 * with δ = d / R. Longitude is normalised to [-180, 180).
 */
export function destinationPoint(origin: Point, distanceM: number, bearingDeg: number): Point {
  const delta = distanceM / EARTH_RADIUS_M;
  const theta = bearingDeg * RAD;
  const phi1 = origin.lat * RAD;
  const lambda1 = origin.lon * RAD;
  const sinPhi2 = Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta);
  const phi2 = Math.asin(Math.max(-1, Math.min(1, sinPhi2)));
  const lambda2 = lambda1 + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi1), Math.cos(delta) - Math.sin(phi1) * sinPhi2);
  const lon = ((((lambda2 / RAD + 180) % 360) + 360) % 360) - 180;
  return { lon, lat: phi2 / RAD };
}
