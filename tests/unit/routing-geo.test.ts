import { distance as turfDistance } from '@turf/distance';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkPoint, destinationPoint, haversineMetres, parsePointInput } from '../../app/domain/routing';

const lon = fc.double({ min: -180, max: 180, noNaN: true });
const lat = fc.double({ min: -90, max: 90, noNaN: true });

describe('checkPoint', () => {
  it.each([
    [{ lon: 71.43, lat: 51.13 }, 'ok'],
    [{ lon: -180, lat: -90 }, 'ok'],
    [{ lon: 180, lat: 90 }, 'ok'],
    [{ lon: 180.000001, lat: 0 }, 'out-of-range'],
    [{ lon: 0, lat: -90.5 }, 'out-of-range'],
    [{ lon: Number.NaN, lat: 0 }, 'not-finite'],
    [{ lon: 0, lat: Number.NEGATIVE_INFINITY }, 'not-finite'],
    [{ lon: '71', lat: 51 }, 'not-finite'],
    [{ lon: undefined, lat: 51 }, 'not-finite'],
  ])('%o -> %s', (input, expected) => {
    const r = checkPoint(input);
    expect(r.kind === 'ok' ? 'ok' : r.reason).toBe(expected);
  });

  it('accepts every point in range and keeps it unchanged', () => {
    fc.assert(
      fc.property(lon, lat, (x, y) => {
        expect(checkPoint({ lon: x, lat: y })).toEqual({ kind: 'ok', point: { lon: x, lat: y } });
      }),
    );
  });

  it('refuses every point out of range', () => {
    const outLon = fc.oneof(fc.double({ min: 180, max: 1e9, noNaN: true, minExcluded: true }), fc.double({ max: -180, min: -1e9, noNaN: true, maxExcluded: true }));
    fc.assert(
      fc.property(outLon, lat, (x, y) => {
        expect(checkPoint({ lon: x, lat: y })).toEqual({ kind: 'invalid', reason: 'out-of-range' });
      }),
    );
  });
});

describe('parsePointInput', () => {
  it.each([
    [' 71.4305 ', '51.1283', { lon: 71.4305, lat: 51.1283 }],
    ['71,4305', '51,1283', { lon: 71.4305, lat: 51.1283 }],
    ['-0.5', '+12', { lon: -0.5, lat: 12 }],
  ])('parses %j, %j', (x, y, point) => {
    expect(parsePointInput({ lon: x, lat: y })).toEqual({ kind: 'ok', point });
  });

  it.each([
    ['', '51'],
    ['71', ' '],
    ['1e2', '51'],
    ['0x10', '51'],
    ['71°', '51'],
    ['71.4.5', '51'],
    ['Infinity', '51'],
    ['NaN', '51'],
    ['71,', '51'],
  ])('refuses %j, %j', (x, y) => {
    expect(parsePointInput({ lon: x, lat: y }).kind).toBe('invalid');
  });

  it('refuses out-of-range values', () => {
    expect(parsePointInput({ lon: '181', lat: '51' })).toEqual({ kind: 'invalid', reason: 'out-of-range' });
  });

  it('round-trips any valid point written with 6 decimals, with either decimal mark', () => {
    fc.assert(
      fc.property(lon, lat, fc.boolean(), (x, y, comma) => {
        const fmt = (v: number) => (comma ? v.toFixed(6).replace('.', ',') : v.toFixed(6));
        const r = parsePointInput({ lon: fmt(x), lat: fmt(y) });
        expect(r.kind).toBe('ok');
        if (r.kind === 'ok') {
          expect(Math.abs(r.point.lon - x)).toBeLessThanOrEqual(5e-7);
          expect(Math.abs(r.point.lat - y)).toBeLessThanOrEqual(5e-7);
        }
      }),
    );
  });

  it('never throws, whatever the text', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (x, y) => {
        const r = parsePointInput({ lon: x, lat: y });
        expect(['ok', 'invalid']).toContain(r.kind);
        if (r.kind === 'ok') expect(Number.isFinite(r.point.lon) && Number.isFinite(r.point.lat)).toBe(true);
      }),
    );
  });
});

describe('haversineMetres and destinationPoint', () => {
  it('agrees with @turf/distance', () => {
    fc.assert(
      fc.property(lon, lat, lon, lat, (x1, y1, x2, y2) => {
        const ours = haversineMetres({ lon: x1, lat: y1 }, { lon: x2, lat: y2 });
        const turf = turfDistance([x1, y1], [x2, y2], { units: 'meters' });
        expect(Math.abs(ours - turf)).toBeLessThanOrEqual(1e-6 * Math.max(1, turf));
      }),
    );
  });

  it('knows a few distances (Astana–Almaty about 970 km)', () => {
    expect(haversineMetres({ lon: 71.4491, lat: 51.1694 }, { lon: 76.9286, lat: 43.2567 }) / 1000).toBeCloseTo(970, -1);
    expect(haversineMetres({ lon: 71, lat: 51 }, { lon: 71, lat: 51 })).toBe(0);
  });

  it('goes exactly the requested distance, and distance is symmetric', () => {
    const kzLon = fc.double({ min: 46, max: 88, noNaN: true });
    const kzLat = fc.double({ min: 40, max: 56, noNaN: true });
    fc.assert(
      fc.property(kzLon, kzLat, fc.double({ min: 0, max: 50_000, noNaN: true }), fc.double({ min: 0, max: 360, noNaN: true }), (x, y, d, b) => {
        const o = { lon: x, lat: y };
        const p = destinationPoint(o, d, b);
        expect(Math.abs(haversineMetres(o, p) - d)).toBeLessThan(1e-3);
        expect(haversineMetres(o, p)).toBeCloseTo(haversineMetres(p, o), 6);
      }),
    );
  });
});
