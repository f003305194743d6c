import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHARE_BREAKS, SHARE_COLOURS, shareClass, shareLegend, shareOf } from '../../app/domain/maps/choropleth';
import { fitEquirectangular, unionBox } from '../../app/domain/maps/projection';
import { buildRegionMap, DEFAULT_MAP_OPTIONS, type BoundaryInput } from '../../app/domain/maps/region-map.server';
import { douglasPeucker, ringArea, segmentDistanceSq, simplifyRing, type Pt } from '../../app/domain/maps/simplify';
import { encodeRing, geometryToPath, type PolygonalGeometry } from '../../app/domain/maps/svg-path';

/** Absolute positions of a path written as "M x y l dx dy … z" (subpaths concatenated). */
function decodePath(d: string): Pt[][] {
  const rings: Pt[][] = [];
  for (const part of d.split('z').filter(Boolean)) {
    const m = /^M(.*?)l(.*)$/.exec(part);
    if (!m) throw new Error(`bad subpath ${part}`);
    const nums = (s: string) => (s.match(/-?\d+(?:\.\d+)?/g) ?? []).map(Number);
    const [x0, y0] = nums(m[1]!);
    const deltas = nums(m[2]!);
    const ring: Pt[] = [[x0!, y0!]];
    for (let i = 0; i < deltas.length; i += 2) {
      const [px, py] = ring[ring.length - 1]!;
      ring.push([px + deltas[i]!, py + deltas[i + 1]!]);
    }
    rings.push(ring);
  }
  return rings;
}

/** Distance from p to the polyline (the smallest distance to any of its segments). */
const toPolyline = (p: Pt, line: readonly Pt[]) => {
  let best = Infinity;
  for (let i = 1; i < line.length; i++) best = Math.min(best, Math.sqrt(segmentDistanceSq(p, line[i - 1]!, line[i]!)));
  return line.length === 1 ? Math.hypot(p[0] - line[0]![0], p[1] - line[0]![1]) : best;
};

describe('Douglas–Peucker', () => {
  it.each([
    { name: 'collinear points collapse to the ends', points: [[0, 0], [1, 0], [2, 0], [3, 0]] as Pt[], eps: 0.1, expected: [[0, 0], [3, 0]] },
    { name: 'a spike above ε is kept', points: [[0, 0], [1, 0], [2, 5], [3, 0], [4, 0]] as Pt[], eps: 1, expected: [[0, 0], [2, 5], [4, 0]] },
    { name: 'a bump below ε is dropped', points: [[0, 0], [1, 0.2], [2, 0], [3, -0.2], [4, 0]] as Pt[], eps: 0.5, expected: [[0, 0], [4, 0]] },
    { name: 'two points stay', points: [[0, 0], [5, 5]] as Pt[], eps: 10, expected: [[0, 0], [5, 5]] },
    { name: 'ε = 0 keeps every bend', points: [[0, 0], [1, 1], [2, 0]] as Pt[], eps: 0, expected: [[0, 0], [1, 1], [2, 0]] },
  ])('$name', ({ points, eps, expected }) => {
    expect(douglasPeucker(points, eps)).toEqual(expected);
  });

  it('refuses a negative or non-finite tolerance', () => {
    expect(() => douglasPeucker([[0, 0], [1, 1], [2, 2]], -1)).toThrow(RangeError);
    expect(() => douglasPeucker([[0, 0], [1, 1], [2, 2]], Number.NaN)).toThrow(RangeError);
  });

  const polyline = fc.array(fc.tuple(fc.double({ min: -1000, max: 1000, noNaN: true }), fc.double({ min: -1000, max: 1000, noNaN: true })), { minLength: 2, maxLength: 80 });

  it('keeps the ends, keeps a subsequence, and leaves every dropped point within ε (property)', () => {
    fc.assert(
      fc.property(polyline, fc.double({ min: 0, max: 50, noNaN: true }), (points, eps) => {
        const s = douglasPeucker(points as Pt[], eps);
        expect(s[0]).toBe(points[0]);
        expect(s[s.length - 1]).toBe(points[points.length - 1]);
        // A subsequence, in order.
        let j = 0;
        for (const p of points) if (j < s.length && p === s[j]) j++;
        expect(j).toBe(s.length);
        // The error bound of the algorithm.
        for (const p of points) expect(toPolyline(p as Pt, s)).toBeLessThanOrEqual(eps + 1e-6);
      }),
      { numRuns: 300 },
    );
  });

  it('handles a ring of 100 000 points without recursion', () => {
    const ring: Pt[] = Array.from({ length: 100_000 }, (_, i) => {
      const a = (i / 100_000) * 2 * Math.PI;
      return [Math.cos(a) * 100, Math.sin(a) * 100];
    });
    const s = douglasPeucker(ring, 0.5);
    expect(s.length).toBeGreaterThan(10);
    expect(s.length).toBeLessThan(200);
  });
});

describe('rings', () => {
  const square: Pt[] = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];

  it('computes signed areas (shoelace)', () => {
    expect(Math.abs(ringArea(square))).toBe(100);
    expect(ringArea(square)).toBe(-ringArea([...square].reverse()));
  });

  it('drops rings below the minimum area and keeps visible ones with at least 4 points', () => {
    expect(simplifyRing(square, 1, 101)).toBeNull();
    const s = simplifyRing(square, 1, 50)!;
    expect(s.length).toBeGreaterThanOrEqual(4);
    expect(s[0]).toEqual(s[s.length - 1]);
  });

  it('never collapses a visible ring, even with a large ε', () => {
    const s = simplifyRing(square, 1000, 0)!;
    expect(s.length).toBeGreaterThanOrEqual(4);
  });

  it('closes an open ring', () => {
    const s = simplifyRing([[0, 0], [10, 0], [10, 10], [0, 10]], 0.1)!;
    expect(s[0]).toEqual(s[s.length - 1]);
  });
});

describe('projection', () => {
  const box = { minLon: 46.5, minLat: 40.5, maxLon: 87.5, maxLat: 55.5 };

  it('maps the corners of the extent to the padded frame', () => {
    const p = fitEquirectangular(box, 1000, 10);
    expect(p.project(box.minLon, box.maxLat)).toEqual([10, 10]);
    const [x, y] = p.project(box.maxLon, box.minLat);
    expect(x).toBeCloseTo(990, 9);
    expect(y).toBeCloseTo(p.height - 10, 0);
  });

  it('corrects longitude by cos(mid latitude): a degree of each has the same length at φ0', () => {
    const p = fitEquirectangular(box, 1000);
    expect(p.refLat).toBe(48);
    const [x1] = p.project(60, 48);
    const [x2] = p.project(61, 48);
    const [, y1] = p.project(60, 48);
    const [, y2] = p.project(60, 47);
    expect((x2 - x1) / (y2 - y1)).toBeCloseTo(Math.cos((48 * Math.PI) / 180), 12);
  });

  it.each([
    { width: 640, expectedHeight: Math.ceil((15 * 640) / (41 * Math.cos((48 * Math.PI) / 180))) },
    { width: 1000, expectedHeight: Math.ceil((15 * 1000) / (41 * Math.cos((48 * Math.PI) / 180))) },
  ])('height follows the corrected aspect ratio at width $width', ({ width, expectedHeight }) => {
    expect(fitEquirectangular(box, width).height).toBe(expectedHeight);
  });

  it('refuses an empty extent and a width smaller than its padding', () => {
    expect(() => fitEquirectangular({ minLon: 1, minLat: 1, maxLon: 1, maxLat: 2 }, 100)).toThrow(RangeError);
    expect(() => fitEquirectangular(box, 10, 5)).toThrow(RangeError);
  });

  it('unions boxes', () => {
    expect(unionBox([])).toBeNull();
    expect(unionBox([{ minLon: 0, minLat: 0, maxLon: 1, maxLat: 1 }, { minLon: -1, minLat: 0.5, maxLon: 0.5, maxLat: 3 }])).toEqual({ minLon: -1, minLat: 0, maxLon: 1, maxLat: 3 });
  });
});

describe('path encoding', () => {
  it('writes one absolute move and relative lines, without the closing point', () => {
    expect(encodeRing([[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]], 0)).toBe('M0 0l10 0 0 10-10 0z');
    expect(encodeRing([[1.26, 2.04], [3.5, 2.04], [3.5, 4.44], [1.26, 2.04]], 1)).toBe('M1.3 2l2.2 0 0 2.4z');
  });

  it('drops points that coincide after rounding, and rings that degenerate', () => {
    expect(encodeRing([[0, 0], [0.01, 0], [5, 0], [5, 5], [0, 0]], 0)).toBe('M0 0l5 0 0 5z');
    expect(encodeRing([[0, 0], [0.1, 0.1], [0.2, 0], [0, 0]], 0)).toBeNull();
  });

  it('rounding errors do not accumulate along a ring (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 640, noNaN: true }), fc.double({ min: 0, max: 400, noNaN: true })), { minLength: 3, maxLength: 200 }),
        fc.integer({ min: 0, max: 3 }),
        (points, precision) => {
          const d = encodeRing(points as Pt[], precision);
          if (d === null) return;
          const [decoded] = decodePath(d);
          const half = 0.5 / 10 ** precision + 1e-9;
          // Every decoded vertex is one of the input vertices, rounded.
          for (const [x, y] of decoded!) expect(points.some(([px, py]) => Math.abs(px - x) <= half && Math.abs(py - y) <= half)).toBe(true);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('draws holes as further subpaths', () => {
    const g: PolygonalGeometry = {
      type: 'Polygon',
      coordinates: [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[3, 3], [6, 3], [6, 6], [3, 6], [3, 3]],
      ],
    };
    const r = geometryToPath(g, { project: (lon, lat) => [lon * 10, (10 - lat) * 10] }, { epsilon: 0.5, minArea: 1, precision: 0 });
    expect(r.rings).toBe(2);
    expect(decodePath(r.d)).toHaveLength(2);
  });

  it('keeps the largest ring of a unit whose rings are all below the minimum area', () => {
    const g: PolygonalGeometry = { type: 'MultiPolygon', coordinates: [[[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]], [[[5, 5], [7, 5], [7, 7], [5, 7], [5, 5]]]] };
    const r = geometryToPath(g, { project: (lon, lat) => [lon, lat] }, { epsilon: 0.1, minArea: 100, precision: 0 });
    expect(r.rings).toBe(1);
    expect(r.d).toBe('M5 5l2 0 0 2-2 0z');
  });
});

describe('colour classes', () => {
  it.each([
    { count: 0, total: 100, expected: 0 },
    { count: 5, total: 0, expected: 0 },
    { count: 1, total: 1000, expected: 1 },
    { count: 25, total: 1000, expected: 1 },
    { count: 26, total: 1000, expected: 2 },
    { count: 50, total: 1000, expected: 2 },
    { count: 51, total: 1000, expected: 3 },
    { count: 100, total: 1000, expected: 3 },
    { count: 101, total: 1000, expected: 4 },
    { count: 200, total: 1000, expected: 4 },
    { count: 201, total: 1000, expected: 5 },
    { count: 1000, total: 1000, expected: 5 },
    { count: 2000, total: 1000, expected: 5 },
  ])('$count of $total is class $expected', ({ count, total, expected }) => {
    expect(shareClass(count, total)).toBe(expected);
  });

  it('is monotonic in the count (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), fc.integer({ min: 0, max: 1_000_000 }), (total, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(shareClass(lo, total)).toBeLessThanOrEqual(shareClass(hi, total));
      }),
    );
  });

  it('has a legend entry and a colour per class, ranges joining without gaps', () => {
    const legend = shareLegend();
    expect(legend).toHaveLength(SHARE_BREAKS.length + 1);
    expect(SHARE_COLOURS).toHaveLength(SHARE_BREAKS.length + 1);
    expect(legend[0]).toMatchObject({ shareClass: 0, from: null, to: null });
    for (let i = 2; i < legend.length; i++) expect(legend[i]!.from).toBe(legend[i - 1]!.to);
    expect(legend.at(-1)!.to).toBe(1);
    expect(shareOf(1, 4)).toBe(0.25);
    expect(shareOf(3, 0)).toBe(0);
  });
});

describe('the map of the seeded regions', () => {
  const file = JSON.parse(readFileSync(path.join(process.cwd(), 'db/seed/data/kz_adm1_regions_codab2023.geojson'), 'utf8')) as {
    features: { properties: Record<string, string>; geometry: PolygonalGeometry }[];
  };
  const box = (g: PolygonalGeometry) => {
    const pts = (g.type === 'Polygon' ? g.coordinates : g.coordinates.flat()).flat();
    return {
      minLon: Math.min(...pts.map((p) => p[0]!)),
      minLat: Math.min(...pts.map((p) => p[1]!)),
      maxLon: Math.max(...pts.map((p) => p[0]!)),
      maxLat: Math.max(...pts.map((p) => p[1]!)),
    };
  };
  const rows: BoundaryInput[] = file.features.map((f) => ({
    kato: f.properties.kato!,
    type: f.properties.type!,
    nameKk: f.properties.name_kk!,
    nameRu: f.properties.name_ru!,
    nameEn: f.properties.name_en!,
    geometry: f.geometry,
    box: box(f.geometry),
  }));

  it('draws all 20 first-level units, cities last, in well under 25 kB of path data', () => {
    const map = buildRegionMap(rows, DEFAULT_MAP_OPTIONS)!;
    expect(map.units).toHaveLength(20);
    expect(map.units.slice(-3).map((u) => u.kato).sort()).toEqual(['710000000', '750000000', '790000000']);
    expect(map.units.every((u) => u.d.length > 20)).toBe(true);
    expect(map.stats.pathBytes).toBeLessThan(25_000);
    expect(map.stats.pointsOut).toBeLessThan(map.stats.pointsIn / 5);
    // Every vertex stays inside the frame.
    for (const u of map.units)
      for (const ring of decodePath(u.d))
        for (const [x, y] of ring) {
          expect(x).toBeGreaterThanOrEqual(-1);
          expect(x).toBeLessThanOrEqual(map.width + 1);
          expect(y).toBeGreaterThanOrEqual(-1);
          expect(y).toBeLessThanOrEqual(map.height + 1);
        }
  });

  it('has no map without boundaries', () => {
    expect(buildRegionMap([])).toBeNull();
  });
});
