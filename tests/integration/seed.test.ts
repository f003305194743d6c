import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { booleanValid } from '@turf/boolean-valid';
import { sql } from 'drizzle-orm';
import type { MultiPolygon, Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { nationalPriorities, nationalProjects } from '../../db/schema';
import {
  SEED_TABLES,
  SeedFileError,
  defaultSeedDataDir,
  seedReferenceData,
  type SeedReport,
  type SeedTable,
} from '../../db/seed';
import { hasCrossingEdges } from '../../db/seed/reference';
import { createTestDatabase, type TestDatabase } from '../support/db';

let t: TestDatabase;
let tmp: string;

beforeAll(async () => {
  t = await createTestDatabase();
  tmp = await mkdtemp(path.join(tmpdir(), 'dauys-seed-it-'));
});
afterAll(async () => {
  await t?.drop();
  if (tmp) await rm(tmp, { recursive: true, force: true });
});

const db = () => t.handle.db;

async function rowCounts(): Promise<Record<SeedTable, number>> {
  const counts = {} as Record<SeedTable, number>;
  for (const table of SEED_TABLES) {
    const [row] = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.identifier(table)}`);
    counts[table] = row?.n ?? -1;
  }
  return counts;
}

const zeroCounts = () => Object.fromEntries(SEED_TABLES.map((table) => [table, 0]));

/** A copy of the data directory with one JSON file changed. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary JSON
async function dataDirWith(name: string, file: string, mutate: (json: any) => void): Promise<string> {
  const dir = path.join(tmp, name);
  await cp(defaultSeedDataDir, dir, { recursive: true });
  const json = JSON.parse(await readFile(path.join(dir, file), 'utf8'));
  mutate(json);
  await writeFile(path.join(dir, file), JSON.stringify(json));
  return dir;
}

describe('seedReferenceData on PostgreSQL', () => {
  it('rejects a malformed file with a SeedFileError naming the file and field, and writes nothing', async () => {
    const dir = await dataDirWith('malformed', 'kz_holidays.json', (json) => {
      json.transfers['2025'][0].rest_on = '2025-01-32';
    });
    const err = await seedReferenceData(db(), { dataDir: dir }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SeedFileError);
    expect((err as SeedFileError).file).toBe('kz_holidays.json');
    expect((err as Error).message).toContain(
      'Seed file kz_holidays.json is malformed: transfers.2025[0].rest_on: expected a date YYYY-MM-DD',
    );
    expect(await rowCounts()).toEqual(zeroCounts());
  });

  it('rolls everything back when an insert fails midway', async () => {
    // calendar_days is written last: make it fail after every other table was filled.
    await db().execute(sql`alter table calendar_days add constraint seed_test_fail check (day <> '2026-01-01')`);
    try {
      const err = await seedReferenceData(db()).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(Error);
      const cause = (err as Error & { cause?: unknown }).cause;
      expect(`${String(err)} ${String(cause)}`).toContain('seed_test_fail');
      expect(await rowCounts()).toEqual(zeroCounts());
    } finally {
      await db().execute(sql`alter table calendar_days drop constraint seed_test_fail`);
    }
  });

  let first: SeedReport;

  it('seeds every reference table', async () => {
    const logs: string[] = [];
    const started = performance.now();
    first = await seedReferenceData(db(), { log: (m) => logs.push(m) });
    const ms = performance.now() - started;
    expect(ms).toBeLessThan(30_000);

    expect(first).toEqual({
      units: 248,
      unit_boundaries: 238,
      department_types: 15,
      local_bodies: 496,
      local_body_departments: 248 * 15,
      issue_categories: 26,
      government_bodies: 1 + 21 + 9,
      national_priorities: 10,
      national_projects: 13,
      unit_population: 67,
      report_response_templates: 12,
      calendar_days: 61,
    });
    expect(await rowCounts()).toEqual(first);
    expect(logs.some((m) => m.includes('made the geometry of 110000000'))).toBe(true);
    expect(logs.at(-1)).toMatch(/^reference data seeded in \d+ ms: units \+248/);
  });

  it('has the expected units and local bodies', async () => {
    const levels = await queryRows<{ level: number; n: number }>(
      db(),
      sql`select level, count(*)::int as n from units group by level order by level`,
    );
    expect(levels).toEqual([
      { level: 1, n: 20 },
      { level: 2, n: 228 },
    ]);
    const orphans = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from units c left join units p on p.kato = c.parent_kato
          where c.level = 2 and (p.kato is null or p.level <> 1)`,
    );
    expect(orphans[0]?.n).toBe(0);
    const review = await queryRows<{ n: number }>(db(), sql`select count(*)::int as n from units where needs_review`);
    expect(review[0]?.n).toBe(8);
    const semey = await queryRows<{ name_ru: string; type: string }>(
      db(),
      sql`select name_ru, type from units where kato = '101000000'`,
    );
    expect(semey).toEqual([{ name_ru: 'город Семей', type: 'city_of_regional_significance' }]);

    const bodies = await queryRows<{ kind: string; n: number }>(
      db(),
      sql`select kind, count(*)::int as n from local_bodies group by kind order by kind`,
    );
    expect(bodies).toEqual([
      { kind: 'akimat', n: 248 },
      { kind: 'maslikhat', n: 248 },
    ]);
    const abai = await queryRows<{ name_en: string; name_ru: string; name_kk: string }>(
      db(),
      sql`select name_en, name_ru, name_kk from local_bodies where unit_kato = '100000000' order by kind`,
    );
    expect(abai).toEqual([
      { name_en: 'Akimat of Abai Region', name_ru: 'Акимат области Абай', name_kk: 'Абай облысының әкімдігі' },
      { name_en: 'Maslikhat of Abai Region', name_ru: 'Маслихат области Абай', name_kk: 'Абай облысының мәслихаты' },
    ]);
    const departmentsPerAkimat = await queryRows<{ min: number; max: number; bodies: number }>(
      db(),
      sql`select min(n)::int as min, max(n)::int as max, count(*)::int as bodies from (
            select b.id, count(d.department_code) as n from local_bodies b
            left join local_body_departments d on d.body_id = b.id where b.kind = 'akimat' group by b.id) x`,
    );
    expect(departmentsPerAkimat).toEqual([{ min: 15, max: 15, bodies: 248 }]);
    const maslikhatDepartments = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from local_body_departments d join local_bodies b on b.id = d.body_id
          where b.kind = 'maslikhat'`,
    );
    expect(maslikhatDepartments[0]?.n).toBe(0);
  });

  it('stores valid boundaries with their bounding boxes for 20 regions and 218 districts', async () => {
    const rows = await queryRows<{
      kato: string;
      level: number;
      geometry: Polygon | MultiPolygon;
      min_lon: number;
      min_lat: number;
      max_lon: number;
      max_lat: number;
    }>(
      db(),
      sql`select b.kato, u.level, b.geometry, b.min_lon, b.min_lat, b.max_lon, b.max_lat
          from unit_boundaries b join units u on u.kato = b.kato`,
    );
    expect(rows.filter((r) => r.level === 1)).toHaveLength(20);
    expect(rows.filter((r) => r.level === 2)).toHaveLength(218);
    for (const r of rows) {
      expect(booleanValid(r.geometry), `boundary ${r.kato} is valid`).toBe(true);
      expect(hasCrossingEdges(r.geometry), `boundary ${r.kato} has no crossing edges`).toBe(false);
      // Kazakhstan lies within about 46-88 E, 40-56 N.
      expect(r.min_lon).toBeGreaterThan(46);
      expect(r.max_lon).toBeLessThan(88);
      expect(r.min_lat).toBeGreaterThan(40);
      expect(r.max_lat).toBeLessThan(56);
      expect(r.min_lon).toBeLessThan(r.max_lon);
      expect(r.min_lat).toBeLessThan(r.max_lat);
    }
    const repaired = await queryRows<{ kato: string }>(
      db(),
      sql`select kato from unit_boundaries where source like '%made valid on load%' order by kato`,
    );
    expect(repaired.map((r) => r.kato)).toEqual(['110000000', '230000000', '270000000']);
  });

  it('fills categories, government bodies, priorities, projects, population and the calendar', async () => {
    const categories = await queryRows<{ code: string; default_department_code: string; sort_order: number }>(
      db(),
      sql`select code, default_department_code, sort_order from issue_categories order by sort_order`,
    );
    expect(categories).toHaveLength(26);
    expect(categories[0]).toEqual({ code: 'roads', default_department_code: 'roads_transport', sort_order: 1 });

    const kinds = await queryRows<{ kind: string; n: number }>(
      db(),
      sql`select kind, count(*)::int as n from government_bodies group by kind order by kind`,
    );
    expect(kinds).toEqual([
      { kind: 'agency', n: 9 },
      { kind: 'government', n: 1 },
      { kind: 'ministry', n: 21 },
    ]);
    const gov = await queryRows<{ name_en: string; name_kk: string }>(
      db(),
      sql`select name_en, name_kk from government_bodies where code = 'GOV'`,
    );
    expect(gov).toEqual([
      { name_en: 'Government of the Republic of Kazakhstan', name_kk: 'Қазақстан Республикасының Үкіметі' },
    ]);

    const projects = await queryRows<{ code: string; status: string; priority_code: string | null; period: string }>(
      db(),
      sql`select code, status, priority_code, period from national_projects order by sort_order`,
    );
    expect(projects.filter((p) => p.status === 'closed').map((p) => p.code)).toEqual(['NP-GREEN', 'NP-RUKHANI']);
    expect(projects.find((p) => p.code === 'NP-EDU')).toMatchObject({ priority_code: 'P03', period: '2021-2025' });
    expect(projects.find((p) => p.code === 'NP-COMFORT-SCHOOL')).toMatchObject({
      priority_code: null,
      period: '2022-',
    });

    const population = await queryRows<{ level: number; n: number }>(
      db(),
      sql`select u.level, count(*)::int as n from unit_population p join units u on u.kato = p.kato group by u.level order by u.level`,
    );
    expect(population).toEqual([
      { level: 1, n: 20 },
      { level: 2, n: 47 },
    ]);

    const years = await queryRows<{ year: number; n: number }>(
      db(),
      sql`select extract(year from day)::int as year, count(*)::int as n from calendar_days group by 1 order by 1`,
    );
    expect(years.map((y) => y.year)).toEqual(expect.arrayContaining([2025, 2026]));
    const newYear = await queryRows<{ kind: string; name_en: string; name_ru: string; name_kk: string }>(
      db(),
      sql`select kind, name_en, name_ru, name_kk from calendar_days where day = '2026-01-01'`,
    );
    expect(newYear).toEqual([{ kind: 'holiday', name_en: 'New Year', name_ru: 'Новый год', name_kk: 'Жаңа жыл' }]);
    const transfers = await queryRows<{ day: string; kind: string }>(
      db(),
      sql`select to_char(day, 'YYYY-MM-DD') as day, kind from calendar_days where kind <> 'holiday' order by day`,
    );
    expect(transfers).toEqual([
      { day: '2025-01-03', kind: 'transfer_rest' },
      { day: '2025-01-05', kind: 'transfer_work' },
    ]);
  });

  it('names every project and priority in Kazakh, Russian and English (supplements fill the gaps)', async () => {
    const projects = await db().select().from(nationalProjects);
    const priorities = await db().select().from(nationalPriorities);
    for (const row of [...projects, ...priorities]) {
      expect(row.nameKk, row.code).toBeTruthy();
      expect(row.nameRu, row.code).toMatch(/[а-яё]/i);
      expect(row.nameRu, row.code).not.toBe(row.nameKk);
      expect(row.nameEn, row.code).toMatch(/^[^\u0400-\u04FF]+$/);
    }
    const security = projects.find((p) => p.code === 'NP-SECURITY');
    expect(security?.nameRu).toContain('безопасности страны');
    expect(priorities.find((p) => p.code === 'P06')?.nameRu).toBe('Национальное духовное возрождение');
  });

  it('a second run inserts nothing and leaves every count unchanged', async () => {
    const before = await rowCounts();
    const again = await seedReferenceData(db());
    expect(again).toEqual(zeroCounts());
    expect(await rowCounts()).toEqual(before);
  });

  it("never overwrites an administrator's edits", async () => {
    await db().execute(sql`update issue_categories set name_en = 'Roads, pavements and potholes' where code = 'roads'`);
    await db().execute(sql`update units set name_ru = 'город Семей (ред.)' where kato = '101000000'`);
    await db().execute(sql`update calendar_days set name_en = 'New Year''s Day' where day = '2026-01-01'`);
    // An akimat without a veterinary department: the removal must stick too.
    await db().execute(
      sql`delete from local_body_departments where department_code = 'veterinary'
          and body_id = (select id from local_bodies where unit_kato = '750000000' and kind = 'akimat')`,
    );

    const again = await seedReferenceData(db());
    expect(again).toEqual(zeroCounts());

    const category = await queryRows<{ name_en: string }>(
      db(),
      sql`select name_en from issue_categories where code = 'roads'`,
    );
    expect(category).toEqual([{ name_en: 'Roads, pavements and potholes' }]);
    const unit = await queryRows<{ name_ru: string }>(db(), sql`select name_ru from units where kato = '101000000'`);
    expect(unit).toEqual([{ name_ru: 'город Семей (ред.)' }]);
    const day = await queryRows<{ name_en: string }>(
      db(),
      sql`select name_en from calendar_days where day = '2026-01-01'`,
    );
    expect(day).toEqual([{ name_en: "New Year's Day" }]);
    const links = await queryRows<{ n: number }>(
      db(),
      sql`select count(*)::int as n from local_body_departments d join local_bodies b on b.id = d.body_id
          where b.unit_kato = '750000000' and b.kind = 'akimat'`,
    );
    expect(links[0]?.n).toBe(14);
  });

  it('adds a new department type to every akimat, and only the new rows', async () => {
    const dir = await dataDirWith('new-department', 'kz_government_bodies.json', (json) => {
      json.typical_local_akimat_departments.push({
        code: 'digital',
        name_en: 'Digitalisation department',
        name_ru: 'Управление цифровизации',
        name_kk: 'Цифрландыру басқармасы',
      });
    });
    const before = await rowCounts();
    const report = await seedReferenceData(db(), { dataDir: dir });
    expect(report).toEqual({ ...zeroCounts(), department_types: 1, local_body_departments: 248 });
    const after = await rowCounts();
    expect(after.local_body_departments).toBe(before.local_body_departments + 248);
    expect(after.department_types).toBe(16);
  });
});
