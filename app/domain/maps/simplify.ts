/**
 * Line simplification for small overview maps (pure, planar coordinates).
 *
 * Douglas–Peucker (Douglas & Peucker 1973): keep the two end points of a polyline; find the point
 * farthest from the segment joining them; if its distance is greater than the tolerance ε, keep it
 * and simplify both halves the same way, otherwise drop every point between the ends. The result
 * is a subsequence of the input (same first and last point) and every dropped point lies within ε
 * of the simplified polyline (the property tests check this).
 *
 * Distances are planar: run it on projected coordinates (pixels of the map), not on degrees, so
 * that ε means "invisible at this size" everywhere on the map.
 *
 * A closed ring (first point = last point) works unchanged: the first "segment" is a single point,
 * the distance to it is the distance to that point, so the farthest vertex of the ring is kept and
 * both halves are simplified on their own. Rings that collapse are the caller's business
 * (simplifyRing below says when it happened).
 */

export type Pt = readonly [number, number];

/** Squared distance from p to the segment a–b (to the point a when a = b). */
export function segmentDistanceSq(p: Pt, a: Pt, b: Pt): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  let x = a[0];
  let y = a[1];
  const len = dx * dx + dy * dy;
  if (len > 0) {
    const t = ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / len;
    if (t >= 1) {
      x = b[0];
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  const ex = p[0] - x;
  const ey = p[1] - y;
  return ex * ex + ey * ey;
}

/**
 * Douglas–Peucker with tolerance `epsilon` (same unit as the coordinates). Iterative (an explicit
 * stack), so a ring of many thousand points cannot overflow the call stack. ε = 0 keeps every point
 * that is not exactly on the segment of its neighbours' span; ε < 0 is refused.
 */
export function douglasPeucker<P extends Pt>(points: readonly P[], epsilon: number): P[] {
  if (!(epsilon >= 0) || !Number.isFinite(epsilon)) throw new RangeError('epsilon must be a finite number >= 0');
  const n = points.length;
  if (n <= 2) return points.slice();
  const keep = new Uint8Array(n);
  keep[0] = 1;
  keep[n - 1] = 1;
  const eps2 = epsilon * epsilon;
  const stack: [number, number][] = [[0, n - 1]];
  while (stack.length > 0) {
    const [first, last] = stack.pop()!;
    let maxD = -1;
    let index = -1;
    const a = points[first]!;
    const b = points[last]!;
    for (let i = first + 1; i < last; i++) {
      const d = segmentDistanceSq(points[i]!, a, b);
      if (d > maxD) {
        maxD = d;
        index = i;
      }
    }
    if (index !== -1 && maxD > eps2) {
      keep[index] = 1;
      if (index - first > 1) stack.push([first, index]);
      if (last - index > 1) stack.push([index, last]);
    }
  }
  const out: P[] = [];
  for (let i = 0; i < n; i++) if (keep[i]) out.push(points[i]!);
  return out;
}

/** Signed area of a ring by the shoelace formula (positive when counter-clockwise in x-right/y-up). */
export function ringArea(ring: readonly Pt[]): number {
  let s = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) s += (ring[j]![0] + ring[i]![0]) * (ring[j]![1] - ring[i]![1]);
  return s / 2;
}

/**
 * A closed ring simplified with tolerance ε; null when the ring is smaller than `minArea` (in the
 * squared unit of the coordinates) and would be invisible. A ring that Douglas–Peucker collapses to
 * fewer than 4 points (3 corners + the closing point) while still large enough is simplified again
 * with ε/4, then kept unsimplified if it still collapses: a visible ring never disappears.
 */
export function simplifyRing(ring: readonly Pt[], epsilon: number, minArea = 0): Pt[] | null {
  if (ring.length < 4) return null;
  const closed = ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring : [...ring, ring[0]!];
  if (Math.abs(ringArea(closed)) < minArea) return null;
  for (const eps of [epsilon, epsilon / 4]) {
    const s = douglasPeucker(closed, eps);
    if (s.length >= 4) return s;
  }
  return closed.slice();
}
