import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { BoundaryIndex, parseRoutingOverrides, type BoundaryRow, type Location } from '../../app/domain/routing';
import { ValidationError } from '../../app/domain/shared/errors';
import { ABROAD, ADMINISTRATIVE_CENTRES, CITY_LANDMARKS, DISTRICT_TOWNS, KOSSHY } from '../fixtures/routing/places';

/**
 * The geometry-dependent tests run here, on the boundary seed files read directly (about 1.7 MB
 * of GeoJSON; parsing and indexing take some tens of milliseconds), so they are fast unit tests.
 * These are the files as published (the seed additionally repairs three invalid region outlines);
 * tests/integration/routing-load.test.ts runs the same places through the seeded database.
 */

interface Feature {
  properties: { kato: string; region_kato?: string };
  geometry: unknown;
}
const readLayer = (file: string): Feature[] =>
  (JSON.parse(readFileSync(new URL(`../../db/seed/data/${file}`, import.meta.url), 'utf8')) as { features: Feature[] })
    .features;

let rows: BoundaryRow[];
let index: BoundaryIndex;
const overrides = parseRoutingOverrides(
  JSON.parse(readFileSync(new URL('../../db/seed/data/dauys_routing_overrides.json', import.meta.url), 'utf8')),
);

beforeAll(() => {
  const t0 = performance.now();
  rows = [
    ...readLayer('kz_adm1_regions_codab2023.geojson').map((f) => ({ kato: f.properties.kato, level: 1, geometry: f.geometry })),
    ...readLayer('kz_adm2_districts_codab2023.geojson').map((f) => ({
      kato: f.properties.kato,
      level: 2,
      parentKato: f.properties.region_kato ?? null,
      geometry: f.geometry,
    })),
  ];
  const t1 = performance.now();
  index = BoundaryIndex.build(rows, { overrides });
  const t2 = performance.now();
  console.log(
    `routing index: read+parse GeoJSON ${(t1 - t0).toFixed(1)} ms, build ${(t2 - t1).toFixed(1)} ms ` +
      `(${index.stats.regions} regions, ${index.stats.districts} districts, ${index.stats.polygons} polygons, ${index.stats.vertices} vertices)`,
  );
});

const inside = (region: string, district: string | null): Partial<Location> => ({ kind: 'inside', region, district });

describe('BoundaryIndex on the COD-AB 2023 boundaries', () => {
  it('indexes the 20 first-level and 218 second-level polygons', () => {
    expect(index.stats).toMatchObject({ regions: 20, districts: 218, overrides: 1, pending: 9 });
  });

  it.each(ADMINISTRATIVE_CENTRES)('$name resolves to its region and city / city district', (p) => {
    expect(index.locate({ lon: p.lon, lat: p.lat })).toMatchObject({
      ...inside(p.region, p.district),
      via: 'district-polygon',
      approximate: false,
    });
  });

  it.each(DISTRICT_TOWNS)('$name resolves to its district', (p) => {
    expect(index.locate({ lon: p.lon, lat: p.lat })).toMatchObject(inside(p.region, p.district));
  });

  it.each(CITY_LANDMARKS)('$name resolves to its city district', (p) => {
    expect(index.locate({ lon: p.lon, lat: p.lat })).toMatchObject(inside(p.region, p.district));
  });

  it('covers at least 20 district towns in at least 15 regions', () => {
    expect(DISTRICT_TOWNS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(DISTRICT_TOWNS.map((p) => p.region)).size).toBeGreaterThanOrEqual(15);
  });

  it.each(ABROAD)('$name is outside Kazakhstan', (p) => {
    expect(index.locate({ lon: p.lon, lat: p.lat })).toEqual({ kind: 'outside' });
  });

  it('refuses invalid coordinates without throwing', () => {
    for (const [lon, lat, reason] of [
      [Number.NaN, 50, 'not-finite'],
      [71, Number.POSITIVE_INFINITY, 'not-finite'],
      ['71.4', 51.1, 'not-finite'],
      [null, 51.1, 'not-finite'],
      [181, 51, 'out-of-range'],
      [71, -90.0001, 'out-of-range'],
    ] as const)
      expect(index.locate({ lon, lat })).toEqual({ kind: 'invalid-point', reason });
  });
});

describe('overrides', () => {
  it('sends a point near Kosshy to Kosshy, flagged approximate', () => {
    for (const p of [KOSSHY.centre, KOSSHY.east2500m])
      expect(index.locate(p)).toEqual({
        kind: 'inside',
        region: '110000000',
        district: KOSSHY.kato,
        via: 'override',
        baseDistrict: KOSSHY.base,
        approximate: true,
        mayBelongTo: [],
      });
  });

  it('leaves the rest of Tselinograd District alone', () => {
    expect(index.locate(KOSSHY.outside)).toMatchObject({
      ...inside('110000000', KOSSHY.base),
      via: 'district-polygon',
      approximate: false,
    });
  });

  it('never takes a point across a real boundary (the area applies only inside carved_from)', () => {
    // A circle around Astana-1 station "carved from" Tselinograd District: Astana stays Astana.
    const station = ADMINISTRATIVE_CENTRES.find((p) => p.region === '710000000')!;
    const greedy = BoundaryIndex.build(rows, {
      overrides: parseRoutingOverrides({
        _meta: { description: 'test' },
        overrides: [
          {
            kato: '111600000',
            name_en: 'Kosshy',
            carved_from: ['116600000'],
            area: { type: 'circle', centre: [station.lon, station.lat], radius_m: 50_000 },
            approximate: true,
            basis: 'test',
          },
        ],
      }),
    });
    expect(greedy.locate(station)).toMatchObject(inside('710000000', station.district));
    expect(greedy.locate(KOSSHY.outside)).toMatchObject({ ...inside('110000000', '111600000'), via: 'override' });
  });

  it('accepts polygon areas as well as circles', () => {
    const c = KOSSHY.centre;
    const square = [
      [c.lon - 0.01, c.lat - 0.01],
      [c.lon + 0.01, c.lat - 0.01],
      [c.lon + 0.01, c.lat + 0.01],
      [c.lon - 0.01, c.lat + 0.01],
      [c.lon - 0.01, c.lat - 0.01],
    ];
    const withPolygon = BoundaryIndex.build(rows, {
      overrides: parseRoutingOverrides({
        _meta: { description: 'test' },
        overrides: [
          {
            kato: '111600000',
            name_en: 'Kosshy',
            carved_from: ['116600000'],
            area: { type: 'Polygon', coordinates: [square] },
            approximate: false,
            basis: 'test',
          },
        ],
      }),
    });
    expect(withPolygon.locate(c)).toMatchObject({ district: '111600000', via: 'override', approximate: false });
    expect(withPolygon.locate(KOSSHY.east2500m)).toMatchObject({ district: KOSSHY.base, via: 'district-polygon' });
  });

  it('marks places in units that lost territory to a unit without a polygon', () => {
    // Khan Shatyr is in Yesil District of Astana in COD-AB 2023; Nura District was split from it.
    expect(index.locate({ lon: 71.4036, lat: 51.1325 })).toMatchObject({
      ...inside('710000000', '711210000'),
      mayBelongTo: ['711510000'],
    });
    // Medeu District of Almaty lost nothing.
    expect(index.locate(CITY_LANDMARKS[0]!)).toMatchObject({ mayBelongTo: [] });
  });
});

describe('index rules', () => {
  const square = (x: number, y: number, size: number) => ({
    type: 'Polygon',
    coordinates: [
      [
        [x, y],
        [x + size, y],
        [x + size, y + size],
        [x, y + size],
        [x, y],
      ],
    ],
  });

  it('prefers the smallest unit, then the lower KATO, when polygons overlap; the region comes from the district', () => {
    const idx = BoundaryIndex.build([
      { kato: '110000000', level: 1, geometry: square(0, 0, 10) },
      { kato: '113200000', level: 2, geometry: square(0, 0, 10) },
      { kato: '111000000', level: 2, geometry: square(2, 2, 2) },
      { kato: '111800000', level: 2, geometry: square(2, 2, 2) },
    ]);
    expect(idx.locate({ lon: 3, lat: 3 })).toMatchObject(inside('110000000', '111000000'));
    expect(idx.locate({ lon: 6, lat: 6 })).toMatchObject(inside('110000000', '113200000'));
    expect(idx.locate({ lon: 11, lat: 6 })).toEqual({ kind: 'outside' });
  });

  it('falls back to the region polygon when no district contains the point; holes are respected', () => {
    const idx = BoundaryIndex.build([
      {
        kato: '710000000',
        level: 1,
        geometry: { type: 'Polygon', coordinates: [square(0, 0, 10).coordinates[0], square(4, 4, 2).coordinates[0]!.slice().reverse()] },
      },
      { kato: '711110000', level: 2, geometry: { type: 'MultiPolygon', coordinates: [square(0, 0, 2).coordinates, square(8, 8, 2).coordinates] } },
    ]);
    expect(idx.locate({ lon: 9, lat: 9 })).toMatchObject({ ...inside('710000000', '711110000'), via: 'district-polygon' });
    expect(idx.locate({ lon: 3, lat: 3 })).toMatchObject({ ...inside('710000000', null), via: 'region-polygon' });
    expect(idx.locate({ lon: 5, lat: 5 })).toEqual({ kind: 'outside' });
  });

  it('works with no rows at all', () => {
    expect(BoundaryIndex.build([]).locate({ lon: 71, lat: 51 })).toEqual({ kind: 'outside' });
  });

  it('refuses rows it cannot index, naming them', () => {
    const bad = () =>
      BoundaryIndex.build([
        { kato: '110000000', level: 3, geometry: square(0, 0, 1) },
        { kato: '111000000', level: 2, geometry: { type: 'Point', coordinates: [1, 1] } },
        { kato: '113200000', level: 2, geometry: { type: 'Polygon', coordinates: [[[0, 0], [1, 1]]] } },
        { kato: '113400000', level: 2, geometry: square(0, 0, 1) },
        { kato: '113400000', level: 2, geometry: square(0, 0, 1) },
      ]);
    expect(bad).toThrow(ValidationError);
    try {
      bad();
    } catch (err) {
      expect(Object.keys((err as ValidationError).fields).sort()).toEqual(['110000000', '111000000', '113200000', '113400000']);
    }
  });
});

describe('speed (measured, not asserted)', () => {
  it('locates points in microseconds', () => {
    const points = [...ADMINISTRATIVE_CENTRES, ...DISTRICT_TOWNS, ...CITY_LANDMARKS, ...ABROAD];
    // Also random points over Kazakhstan's bounding box (a mix of inside and outside).
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const sample = Array.from({ length: 20_000 }, () => ({ lon: 46.5 + random() * 41, lat: 40.5 + random() * 15 }));
    for (const p of sample.slice(0, 1000)) index.locate(p); // warm-up
    let t = performance.now();
    for (let round = 0; round < 50; round++) for (const p of points) index.locate(p);
    const fixturesUs = ((performance.now() - t) * 1000) / (50 * points.length);
    t = performance.now();
    let insideCount = 0;
    for (const p of sample) if (index.locate(p).kind === 'inside') insideCount++;
    const randomUs = ((performance.now() - t) * 1000) / sample.length;
    console.log(
      `routing locate: ${fixturesUs.toFixed(1)} µs per fixture point; ${randomUs.toFixed(1)} µs per random point ` +
        `(${insideCount} of ${sample.length} inside)`,
    );
    expect(insideCount).toBeGreaterThan(0);
  });
});
