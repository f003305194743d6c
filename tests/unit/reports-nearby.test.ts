import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_NEARBY_RADIUS_M,
  boundingBoxAround,
  distanceMetres,
  nearbyReports,
  type NearbyCandidate,
} from '../../app/domain/reports/nearby';
import { destinationPoint } from '../../app/domain/routing/geo';
import { ValidationError } from '../../app/domain/shared/errors';

const here = { lon: 71.4094, lat: 51.1955 }; // Astana-1 railway station
const at = (metres: number, bearing = 90) => destinationPoint(here, metres, bearing);

interface Report extends NearbyCandidate {
  id: string;
}
const report = (id: string, metres: number, bearing = 90, over: Partial<Report> = {}): Report => ({
  id,
  point: at(metres, bearing),
  categoryCode: 'roads',
  open: true,
  ...over,
});

describe('nearbyReports', () => {
  it('uses a 250 m radius by default: 249 m is in, 251 m is out', () => {
    expect(DEFAULT_NEARBY_RADIUS_M).toBe(250);
    const found = nearbyReports([report('b', 251), report('a', 249)], { point: here, categoryCode: 'roads' });
    expect(found.map((r) => r.id)).toEqual(['a']);
    expect(found[0]!.distanceM).toBeCloseTo(249, 6);
  });

  it('includes a report exactly at the radius', () => {
    const r = report('edge', 250, 33);
    const exact = distanceMetres(here, r.point);
    expect(nearbyReports([r], { point: here, categoryCode: 'roads' }, { radiusM: exact }).map((x) => x.id)).toEqual(['edge']);
    expect(nearbyReports([r], { point: here, categoryCode: 'roads' }, { radiusM: exact - 1e-6 })).toEqual([]);
  });

  it.each([0, 45, 90, 135, 180, 225, 270, 315])('holds the 249 / 251 m boundary on bearing %i°', (bearing) => {
    const found = nearbyReports([report('in', 249, bearing), report('out', 251, bearing)], { point: here, categoryCode: 'roads' });
    expect(found.map((r) => r.id)).toEqual(['in']);
  });

  it('keeps only open reports of the same category, nearest first, keeping their fields', () => {
    const candidates = [
      report('far', 200),
      report('closed', 10, 90, { open: false }),
      report('lighting', 5, 90, { categoryCode: 'street_lighting' }),
      report('near', 20, 270),
      report('middle', 120, 0),
    ];
    const found = nearbyReports(candidates, { point: here, categoryCode: 'roads' });
    expect(found.map((r) => r.id)).toEqual(['near', 'middle', 'far']);
    expect(found[0]).toMatchObject({ id: 'near', categoryCode: 'roads', open: true });
  });

  it('takes a configurable radius and limit; ties keep the input order', () => {
    const candidates = [report('x', 100, 0), report('y', 100, 180), report('z', 400)];
    expect(nearbyReports(candidates, { point: here, categoryCode: 'roads' }, { radiusM: 500 }).map((r) => r.id)).toEqual(['x', 'y', 'z']);
    expect(nearbyReports(candidates, { point: here, categoryCode: 'roads' }, { radiusM: 500, limit: 2 }).map((r) => r.id)).toEqual(['x', 'y']);
    expect(nearbyReports(candidates, { point: here, categoryCode: 'roads' }, { radiusM: 50 })).toEqual([]);
    expect(nearbyReports([], { point: here, categoryCode: 'roads' })).toEqual([]);
  });

  it('returns exactly the open same-category candidates within the radius (property)', () => {
    const candidate = fc.record({
      d: fc.double({ min: 0, max: 600, noNaN: true }),
      b: fc.double({ min: 0, max: 360, noNaN: true }),
      open: fc.boolean(),
      cat: fc.constantFrom('roads', 'waste'),
    });
    fc.assert(
      fc.property(fc.array(candidate, { maxLength: 30 }), fc.double({ min: 1, max: 500, noNaN: true }), (cs, radius) => {
        const reports = cs.map((c, i) => report(String(i), c.d, c.b, { open: c.open, categoryCode: c.cat }));
        const found = nearbyReports(reports, { point: here, categoryCode: 'roads' }, { radiusM: radius });
        const expected = reports.filter((r) => r.open && r.categoryCode === 'roads' && distanceMetres(here, r.point) <= radius);
        expect(found.map((r) => r.id).sort()).toEqual(expected.map((r) => r.id).sort());
        for (let i = 1; i < found.length; i++) expect(found[i]!.distanceM).toBeGreaterThanOrEqual(found[i - 1]!.distanceM);
      }),
    );
  });
});

describe('boundingBoxAround', () => {
  it('is ±0.00225° of latitude and ±0.00359° of longitude for 250 m at 51.2° N', () => {
    const box = boundingBoxAround(here, 250);
    expect(box.maxLat - here.lat).toBeCloseTo(250 / 111_195, 7);
    expect(here.lat - box.minLat).toBeCloseTo(250 / 111_195, 7);
    expect(box.maxLon - here.lon).toBeCloseTo(250 / (111_195 * Math.cos((here.lat * Math.PI) / 180)), 7);
    expect(box.maxLon - here.lon).toBeCloseTo(here.lon - box.minLon, 10);
  });

  it('contains every point of the circle, for any centre in Kazakhstan and any radius (property)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 46, max: 88, noNaN: true }),
        fc.double({ min: 40, max: 56, noNaN: true }),
        fc.double({ min: 0, max: 20_000, noNaN: true }),
        fc.double({ min: 0, max: 360, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (x, y, r, bearing, fraction) => {
          const centre = { lon: x, lat: y };
          const box = boundingBoxAround(centre, r);
          const p = destinationPoint(centre, r * fraction, bearing);
          const eps = 1e-9;
          expect(p.lon).toBeGreaterThanOrEqual(box.minLon - eps);
          expect(p.lon).toBeLessThanOrEqual(box.maxLon + eps);
          expect(p.lat).toBeGreaterThanOrEqual(box.minLat - eps);
          expect(p.lat).toBeLessThanOrEqual(box.maxLat + eps);
        },
      ),
    );
  });

  it('is tight: the circle touches each side of the box', () => {
    const r = 250;
    const box = boundingBoxAround(here, r);
    expect(destinationPoint(here, r, 0).lat).toBeCloseTo(box.maxLat, 9);
    expect(destinationPoint(here, r, 180).lat).toBeCloseTo(box.minLat, 9);
    // The easternmost point of a circle is slightly poleward of its centre, not due east.
    const eastMost = Math.max(...Array.from({ length: 3600 }, (_, i) => destinationPoint(here, r, i / 10).lon));
    expect(eastMost).toBeCloseTo(box.maxLon, 8);
  });

  it('spans all longitudes near a pole or across the antimeridian', () => {
    expect(boundingBoxAround({ lon: 10, lat: 89.999 }, 1000)).toMatchObject({ minLon: -180, maxLon: 180, maxLat: 90 });
    expect(boundingBoxAround({ lon: 179.9999, lat: 0 }, 1000)).toMatchObject({ minLon: -180, maxLon: 180 });
  });

  it('refuses a negative or infinite radius', () => {
    expect(() => boundingBoxAround(here, -1)).toThrow(ValidationError);
    expect(() => boundingBoxAround(here, Number.POSITIVE_INFINITY)).toThrow(ValidationError);
    expect(boundingBoxAround(here, 0)).toEqual({ minLon: here.lon, minLat: here.lat, maxLon: here.lon, maxLat: here.lat });
  });
});
