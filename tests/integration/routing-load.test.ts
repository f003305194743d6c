import { and, eq } from 'drizzle-orm';
import i18next, { type TFunction } from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localBodies, localBodyDepartments } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import { explainRouting, parseCompetence, parseRoutingOverrides, routeReport } from '../../app/domain/routing';
import { loadRoutingData, type LoadedRoutingData } from '../../app/domain/routing/load.server';
import { ValidationError } from '../../app/domain/shared/errors';
import { reports } from '../../app/i18n/areas/reports';
import { ABROAD, ADMINISTRATIVE_CENTRES, CITY_LANDMARKS, DISTRICT_TOWNS, KOSSHY } from '../fixtures/routing/places';
import { createTestDatabase, type TestDatabase } from '../support/db';

/**
 * The whole path on a seeded PostgreSQL database: reference tables (with the geometry as the seed
 * stored it, repaired where the source was invalid) -> loadRoutingData -> routeReport.
 */

let t: TestDatabase;
let data: LoadedRoutingData;
const db = () => t.handle.db;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.handle.db);
  const started = performance.now();
  data = await loadRoutingData(t.handle.db);
  console.log(
    `loadRoutingData: ${(performance.now() - started).toFixed(0)} ms in all ` +
      `(queries ${data.loaded.queryMs.toFixed(0)} ms, index ${data.loaded.indexMs.toFixed(1)} ms; ` +
      `${data.index.stats.polygons} polygons, ${data.index.stats.vertices} vertices)`,
  );
});
afterAll(async () => {
  await t?.drop();
});

async function akimatId(kato: string): Promise<number> {
  const [row] = await db()
    .select({ id: localBodies.id })
    .from(localBodies)
    .where(and(eq(localBodies.unitKato, kato), eq(localBodies.kind, 'akimat')));
  return row!.id;
}

const republicanCities = new Set(['710000000', '750000000', '790000000']);

describe('loadRoutingData', () => {
  it('loads the index, the units, the akimats with their departments, and the categories', () => {
    expect(data.index.stats).toMatchObject({ regions: 20, districts: 218, overrides: 1, pending: 9 });
    expect(data.units.size).toBe(248);
    expect(data.bodies.size).toBe(248);
    expect(data.categories.size).toBe(26);
    expect(data.departments.size).toBe(15);
    expect(data.bodies.get('711310000')!.departments.size).toBe(15);
    expect(data.loaded.warnings).toEqual([]);
  });

  it('refuses overrides that name units the database does not have', async () => {
    const overrides = parseRoutingOverrides({
      _meta: { description: 'test' },
      overrides: [],
      pending: [{ kato: '119900000', name_en: 'Nowhere', carved_from: ['116600000'], note: 'test' }],
    });
    await expect(loadRoutingData(db(), { overrides })).rejects.toThrow(ValidationError);
    await expect(loadRoutingData(db(), { overrides })).rejects.toMatchObject({
      code: 'routing.overrides-unknown-units',
      fields: { '119900000': expect.any(String) },
    });
  });

  it('refuses a competence table that names an unknown department, and warns about unknown categories', async () => {
    const base = {
      _meta: { description: 'test' },
      defaults: { district: 'unit', city_district: 'unit', region: 'unit', republican_city: 'unit' },
    };
    const badDepartment = parseCompetence({
      ...base,
      rules: [{ category: 'roads', context: 'district', answers: 'unit', department: 'teleport', basis: 'b' }],
    });
    await expect(loadRoutingData(db(), { competence: badDepartment })).rejects.toMatchObject({
      code: 'routing.competence-unknown-departments',
      fields: { 'rules[0].department': 'unknown department "teleport"' },
    });
    const deadRule = parseCompetence({ ...base, rules: [{ category: 'ghosts', context: 'district', answers: 'unit', basis: 'b' }] });
    const loaded = await loadRoutingData(db(), { competence: deadRule });
    expect(loaded.loaded.warnings).toEqual(['dauys_competence.json rules[0].category: unknown category "ghosts" (rule ignored)']);
  });
});

describe('routeReport on the seeded reference data', () => {
  it.each([...ADMINISTRATIVE_CENTRES, ...DISTRICT_TOWNS, ...CITY_LANDMARKS])('$name: roads', async (p) => {
    const out = routeReport({ point: { lon: p.lon, lat: p.lat }, categoryCode: 'roads' }, data);
    // Roads: the district/city akimat in a region; the city akimat in Astana, Almaty and Shymkent.
    const answering = republicanCities.has(p.region) ? p.region : p.district;
    expect(out).toMatchObject({
      kind: 'routed',
      unitKato: answering,
      akimatBodyId: await akimatId(answering),
      departmentCode: 'roads_transport',
      location: { region: p.region, district: p.district },
    });
  });

  it.each(ABROAD)('$name is refused as outside Kazakhstan', (p) => {
    expect(routeReport({ point: { lon: p.lon, lat: p.lat }, categoryCode: 'roads' }, data)).toEqual({ kind: 'outside' });
  });

  it('sends local upkeep in a city district to the city-district akimat', async () => {
    const station = ADMINISTRATIVE_CENTRES.find((p) => p.region === '710000000')!;
    const out = routeReport({ point: station, categoryCode: 'yards_playgrounds' }, data);
    expect(out).toMatchObject({
      kind: 'routed',
      unitKato: '711310000',
      akimatBodyId: await akimatId('711310000'),
      departmentCode: 'district_akimat',
    });
  });

  it('sends healthcare from a district town to the regional akimat', async () => {
    const town = DISTRICT_TOWNS.find((p) => p.district === '117000000')!;
    const out = routeReport({ point: town, categoryCode: 'health_education_social' }, data);
    expect(out).toMatchObject({ kind: 'routed', unitKato: '110000000', akimatBodyId: await akimatId('110000000'), departmentCode: 'health' });
  });

  it('sends a point in Kosshy to the Kosshy city akimat, saying the boundary is approximate', async () => {
    const out = routeReport({ point: KOSSHY.centre, categoryCode: 'street_lighting' }, data);
    expect(out).toMatchObject({ kind: 'routed', unitKato: KOSSHY.kato, akimatBodyId: await akimatId(KOSSHY.kato) });
    expect(out.kind === 'routed' && out.reason.notes).toEqual(['approximate-boundary']);
  });

  it('explains itself with the names from the database, in three languages', async () => {
    const ts: Record<string, TFunction> = {};
    for (const lng of ['kk', 'ru', 'en'] as const) {
      const inst = i18next.createInstance();
      await inst.init({
        lng,
        resources: { [lng]: { translation: { reports: reports[lng] } } },
        interpolation: { escapeValue: false },
        showSupportNotice: false,
      } as Parameters<typeof inst.init>[0]);
      ts[lng] = inst.t;
    }
    const station = ADMINISTRATIVE_CENTRES.find((p) => p.region === '710000000')!;
    for (const [point, category] of [
      [station, 'roads'],
      [station, 'sanitation'],
      [DISTRICT_TOWNS.find((p) => p.district === '117000000')!, 'health_education_social'],
      [KOSSHY.centre, 'public_order'],
    ] as const) {
      const out = routeReport({ point, categoryCode: category }, data);
      if (out.kind !== 'routed') throw new Error(out.kind);
      for (const lng of ['kk', 'ru', 'en'] as const) {
        const lines = explainRouting(out.reason, lng).map((m) => ts[lng]!(m.key, m.params));
        for (const line of lines) expect(line).not.toMatch(/\{\{|reports\./);
        console.log(`[${lng}] ${lines.join(' ')}`);
      }
    }
  });

  it('reaches the general office when an akimat lacks the department, and says when an akimat is missing', async () => {
    const station = ADMINISTRATIVE_CENTRES.find((p) => p.region === '710000000')!;
    const saryarka = await akimatId('711310000');
    await db()
      .delete(localBodyDepartments)
      .where(and(eq(localBodyDepartments.bodyId, saryarka), eq(localBodyDepartments.departmentCode, 'district_akimat')));
    const reloaded = await loadRoutingData(db());
    const out = routeReport({ point: station, categoryCode: 'sanitation' }, reloaded);
    expect(out).toMatchObject({ kind: 'routed', unitKato: '711310000', akimatBodyId: saryarka, departmentCode: null });
    expect(out.kind === 'routed' && out.reason.notes).toContain('department-missing');

    await db().delete(localBodies).where(eq(localBodies.id, saryarka));
    const withoutAkimat = await loadRoutingData(db());
    expect(routeReport({ point: station, categoryCode: 'sanitation' }, withoutAkimat)).toMatchObject({
      kind: 'no-akimat',
      unitKato: '711310000',
    });
    // City-wide categories still reach the city akimat.
    expect(routeReport({ point: station, categoryCode: 'public_transport' }, withoutAkimat)).toMatchObject({
      kind: 'routed',
      unitKato: '710000000',
    });
  });

  it('routes quickly (measured, not asserted)', () => {
    const points = [...ADMINISTRATIVE_CENTRES, ...DISTRICT_TOWNS, ...CITY_LANDMARKS, ...ABROAD];
    const categories = [...data.categories.keys()];
    for (const p of points) routeReport({ point: p, categoryCode: 'roads' }, data);
    const started = performance.now();
    let n = 0;
    for (const category of categories)
      for (const p of points) {
        routeReport({ point: p, categoryCode: category }, data);
        n++;
      }
    const us = ((performance.now() - started) * 1000) / n;
    console.log(`routeReport: ${us.toFixed(1)} µs per report (${n} routings over ${points.length} places × ${categories.length} categories)`);
    expect(n).toBe(points.length * categories.length);
  });
});
