import { cp, mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { booleanValid } from '@turf/boolean-valid';
import type { Polygon } from 'geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedFileError } from '../../db/seed';
import {
  buildCalendarRows,
  buildLocalBodyRows,
  buildUnitRows,
  cleanRussianUnitName,
  defaultSeedDataDir,
  kazakhGenitive,
  loadSeedData,
  hasCrossingEdges,
  isValidBoundary,
  makeValidGeometry,
  projectStatus,
  russianGenitive,
  statutoryNonWorkingWeekdays,
  type SeedData,
} from '../../db/seed/reference';
import { formatIssuePath, parseSeedFile, seedFiles, type SeedFileKey } from '../../db/seed/schemas';

async function readData(file: string): Promise<unknown> {
  return JSON.parse(await readFile(path.join(defaultSeedDataDir, file), 'utf8')) as unknown;
}

/** A deep copy of a real file's JSON, changed by `mutate`, parsed with that file's schema. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests poke at arbitrary JSON
async function parseMutated(key: SeedFileKey, mutate: (json: any) => void): Promise<unknown> {
  const { file, schema } = seedFiles[key];
  const json = structuredClone(await readData(file));
  mutate(json);
  return parseSeedFile(file, schema, json);
}

async function expectSeedFileError(promise: Promise<unknown>, file: string, ...fragments: string[]) {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SeedFileError);
  const e = err as SeedFileError;
  expect(e.file).toBe(file);
  expect(e.message).toContain(`Seed file ${file}`);
  for (const f of fragments) expect(e.message).toContain(f);
  return e;
}

describe('seed file schemas accept the real files', () => {
  for (const [key, { file, schema }] of Object.entries(seedFiles)) {
    it(`${key}: ${file}`, async () => {
      expect(() => parseSeedFile(file, schema, null)).toThrow(SeedFileError);
      const parsed = parseSeedFile(file, schema, await readData(file));
      expect(parsed).toBeTruthy();
    });
  }

  it('loadSeedData reads and cross-checks the data directory', async () => {
    const data = await loadSeedData();
    expect(data.regions).toHaveLength(20);
    expect(data.districts).toHaveLength(228);
    expect(data.adm1.features).toHaveLength(20);
    expect(data.adm2.features).toHaveLength(218);
    expect(data.governmentBodies.typical_local_akimat_departments).toHaveLength(15);
    expect(data.issueCategories.categories).toHaveLength(26);
    expect(data.nationalPriorities.ndp_2025.national_priorities[0]?.name_kk).toBeNull();
  });
});

describe('seed file schemas reject wrong shapes, naming the file and the field', () => {
  it('a bad KATO code in kz_regions.json', async () => {
    await expectSeedFileError(
      parseMutated('regions', (j) => {
        j[3].kato = '1500';
      }),
      'kz_regions.json',
      'Seed file kz_regions.json is malformed: [3].kato: expected a 9-digit KATO code',
    );
  });

  it('a district KATO given for a region, an unknown type and a missing name', async () => {
    const e = await expectSeedFileError(
      parseMutated('districts', (j) => {
        j[0].kato = '100000000';
        j[1].type = 'village';
        delete j[2].name_kk;
      }),
      'kz_kato_level2_districts.json',
      '[0].kato: expected a level-2 KATO code',
      '[1].type: Invalid option',
      '[2].name_kk:',
    );
    expect(e.issues).toHaveLength(3);
  });

  it('duplicate keys', async () => {
    await expectSeedFileError(
      parseMutated('issueCategories', (j) => {
        j.categories[5].code = j.categories[0].code;
      }),
      'kz_issue_categories.json',
      'categories[5].code: duplicate category code "roads"',
    );
    await expectSeedFileError(
      parseMutated('governmentBodies', (j) => {
        j.agencies_and_other_central_bodies[0].code = 'MVD';
      }),
      'kz_government_bodies.json',
      'agencies_and_other_central_bodies[0].code: duplicate code "MVD"',
    );
  });

  it('geometry: wrong type, open ring, out-of-range coordinates', async () => {
    await expectSeedFileError(
      parseMutated('adm1', (j) => {
        j.features[2].geometry.type = 'Point';
      }),
      'kz_adm1_regions_codab2023.geojson',
      'features[2].geometry.type:',
    );
    await expectSeedFileError(
      parseMutated('adm2', (j) => {
        const g = j.features[0].geometry;
        const ring = g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0];
        ring[ring.length - 1] = [0, 0];
      }),
      'kz_adm2_districts_codab2023.geojson',
      'features[0].geometry.coordinates[0]',
      'expected a closed linear ring',
    );
    await expectSeedFileError(
      parseMutated('adm1', (j) => {
        const g = j.features[0].geometry;
        (g.type === 'Polygon' ? g.coordinates[0] : g.coordinates[0][0])[1] = [512, 44];
      }),
      'kz_adm1_regions_codab2023.geojson',
      'expected [lon, lat] in WGS84 degrees',
    );
  });

  it('population, holidays, projects, priorities, petition rules, IIN vectors', async () => {
    await expectSeedFileError(
      parseMutated('population', (j) => {
        j.regions[2].population = 12.5;
        j.districts[0].as_of = '2023-02-30';
      }),
      'kz_population.json',
      'regions[2].population: expected a whole number of residents',
      'districts[0].as_of: expected a date YYYY-MM-DD',
    );
    await expectSeedFileError(
      parseMutated('holidays', (j) => {
        j.movable['2025'][0].date = '2026-06-06';
        j.transfers['2025'][0].work_on = '2025-01-06';
        j.fixed[0].dates[0] = '13-01';
      }),
      'kz_holidays.json',
      'fixed[0].dates[0]: expected a month-day MM-DD',
      'movable.2025[0].date: date 2026-06-06 is not in 2025',
      'transfers.2025[0].work_on: expected a Saturday or Sunday',
    );
    await expectSeedFileError(
      parseMutated('nationalProjects', (j) => {
        j.projects_2021_2025[1].period = 'five years';
      }),
      'kz_national_projects.json',
      'projects_2021_2025[1].period: expected a period like 2021-2025',
    );
    await expectSeedFileError(
      parseMutated('nationalPriorities', (j) => {
        j.ndp_2025.national_priorities[4].direction = 'D9';
      }),
      'kz_national_priorities_ndp.json',
      'ndp_2025.national_priorities[4].direction: unknown direction "D9"',
    );
    await expectSeedFileError(
      parseMutated('petitionRules', (j) => {
        j.mandatory_consideration_thresholds = [];
      }),
      'kz_petition_rules.json',
      'mandatory_consideration_thresholds: expected at least one threshold',
    );
    await expectSeedFileError(
      parseMutated('iinBinVectors', (j) => {
        j.vectors[0].value = '90010130001';
      }),
      'kz_iin_bin_test_vectors.json',
      'vectors[0].value: expected 12 digits',
    );
  });

  it('a wrong top-level shape is reported at (root)', () => {
    expect(() => parseSeedFile('kz_regions.json', seedFiles.regions.schema, { regions: [] })).toThrow(
      /Seed file kz_regions\.json is malformed: \(root\): /,
    );
  });

  it('formats paths readably', () => {
    expect(formatIssuePath([3, 'kato'])).toBe('[3].kato');
    expect(formatIssuePath(['features', 12, 'properties', 'kato'])).toBe('features[12].properties.kato');
    expect(formatIssuePath(['movable', '2025', 0, 'date'])).toBe('movable.2025[0].date');
    expect(formatIssuePath(['a key'])).toBe('["a key"]');
    expect(formatIssuePath([])).toBe('(root)');
  });
});

describe('loading a data directory', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dauys-seed-unit-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  const freshCopy = async (name: string) => {
    const copy = path.join(dir, name);
    await cp(defaultSeedDataDir, copy, { recursive: true });
    return copy;
  };

  it('names a missing file', async () => {
    const copy = await freshCopy('missing');
    await unlink(path.join(copy, 'kz_holidays.json'));
    await expectSeedFileError(loadSeedData(copy), 'kz_holidays.json', 'is missing');
  });

  it('names a file that is not JSON', async () => {
    const copy = await freshCopy('not-json');
    await writeFile(path.join(copy, 'kz_population.json'), '{ "regions": [ ');
    await expectSeedFileError(loadSeedData(copy), 'kz_population.json', 'is not valid JSON');
  });

  it('fails clearly when a category names an unknown department', async () => {
    const copy = await freshCopy('unknown-department');
    const file = path.join(copy, 'kz_issue_categories.json');
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.categories[7].default_local_department = 'ministry_of_magic';
    await writeFile(file, JSON.stringify(json));
    await expectSeedFileError(
      loadSeedData(copy),
      'kz_issue_categories.json',
      'categories[7].default_local_department: unknown department "ministry_of_magic"',
    );
  });

  it('fails when a district names an unknown region', async () => {
    const copy = await freshCopy('unknown-region');
    const file = path.join(copy, 'kz_regions.json');
    const json = JSON.parse(await readFile(file, 'utf8'));
    json.splice(0, 1); // drop Abai Region: its districts are orphans now
    await writeFile(file, JSON.stringify(json));
    await expectSeedFileError(
      loadSeedData(copy),
      'kz_kato_level2_districts.json',
      '[0].region_kato: unknown region "100000000"',
    );
  });
});

describe('generated names', () => {
  it('Kazakh genitive with vowel harmony', () => {
    expect(kazakhGenitive('Абай облысы')).toBe('Абай облысының');
    expect(kazakhGenitive('Астана қаласы')).toBe('Астана қаласының');
    expect(kazakhGenitive('Ақтөбе')).toBe('Ақтөбенің');
    expect(kazakhGenitive('Қазақстан')).toBe('Қазақстанның');
    expect(kazakhGenitive('Семей')).toBe('Семейдің');
    expect(kazakhGenitive('Павлодар')).toBe('Павлодардың');
    expect(kazakhGenitive('Атырау')).toBe('Атыраудың');
    expect(kazakhGenitive('Шымкент')).toBe('Шымкенттің');
    expect(kazakhGenitive('Қазақ')).toBe('Қазақтың');
  });

  it('Russian names and genitives', () => {
    expect(cleanRussianUnitName('Семей Г.А.')).toBe('город Семей');
    expect(cleanRussianUnitName('Район Магжана Жумабаева')).toBe('район Магжана Жумабаева');
    expect(cleanRussianUnitName('Район им.Габита Мусрепова')).toBe('район имени Габита Мусрепова');
    expect(cleanRussianUnitName('Абайский район')).toBe('Абайский район');
    expect(russianGenitive('Акмолинская область')).toBe('Акмолинской области');
    expect(russianGenitive('область Абай')).toBe('области Абай');
    expect(russianGenitive('Абайский район')).toBe('Абайского района');
    expect(russianGenitive('район Байдибека')).toBe('района Байдибека');
    expect(russianGenitive('город Астана')).toBe('города Астана');
  });

  it('akimat and maslikhat names for every unit', async () => {
    const data: SeedData = await loadSeedData();
    const units = buildUnitRows(data);
    const bodies = buildLocalBodyRows(units);
    expect(bodies).toHaveLength(2 * 248);
    const abai = bodies.filter((b) => b.unitKato === '100000000');
    expect(abai.map((b) => [b.kind, b.nameEn, b.nameRu, b.nameKk])).toEqual([
      ['akimat', 'Akimat of Abai Region', 'Акимат области Абай', 'Абай облысының әкімдігі'],
      ['maslikhat', 'Maslikhat of Abai Region', 'Маслихат области Абай', 'Абай облысының мәслихаты'],
    ]);
    const abayDistrict = bodies.find((b) => b.unitKato === '103200000' && b.kind === 'akimat');
    expect(abayDistrict?.nameRu).toBe('Акимат Абайского района области Абай');
    expect(abayDistrict?.nameKk).toBe('Абай облысы Абай ауданының әкімдігі');
    expect(units.filter((u) => u.needsReview)).toHaveLength(8);
    expect(units.find((u) => u.kato === '101000000')?.nameRu).toBe('город Семей');
  });
});

describe('calendar', () => {
  it("the statutory rule reproduces the file's computed non-working weekdays", async () => {
    const { holidays } = await loadSeedData();
    const years = Object.keys(holidays.computed_non_working_days);
    expect(years).toEqual(expect.arrayContaining(['2025', '2026']));
    for (const year of years) {
      expect(statutoryNonWorkingWeekdays(holidays, year)).toEqual(
        [...(holidays.computed_non_working_days[year]?.non_working_weekdays ?? [])].sort(),
      );
    }
  });

  it('builds holidays, carry-overs and transfers without conflicts', async () => {
    const { holidays } = await loadSeedData();
    const logs: string[] = [];
    const rows = buildCalendarRows(holidays, (m) => logs.push(m));
    expect(logs).toEqual([]);
    const byDay = new Map(rows.map((r) => [r.day, r]));
    expect(byDay.get('2026-01-01')).toMatchObject({
      kind: 'holiday',
      nameEn: 'New Year',
      nameRu: 'Новый год',
      nameKk: 'Жаңа жыл',
    });
    expect(byDay.get('2025-01-03')?.kind).toBe('transfer_rest');
    expect(byDay.get('2025-01-05')?.kind).toBe('transfer_work');
    expect(byDay.get('2026-03-24')?.nameEn).toMatch(/^Nauryz meiramy \(day off carried over/);
    expect(byDay.get('2026-05-27')?.nameEn).toMatch(/Kurban Ait/);
    // Constitution Day of 30 August ends with 2025.
    expect(byDay.has('2025-08-30')).toBe(true);
    expect(byDay.has('2026-08-30')).toBe(false);
    expect(byDay.has('2026-08-31')).toBe(false);
  });

  it('falls back to the statutory rule for a year without a computed list', async () => {
    const { holidays } = await loadSeedData();
    const withoutLists = { ...holidays, computed_non_working_days: {} };
    const rows = buildCalendarRows(withoutLists);
    const days2026 = rows.filter((r) => r.day.startsWith('2026-')).map((r) => r.day);
    const fromFile = buildCalendarRows(holidays)
      .filter((r) => r.day.startsWith('2026-'))
      .map((r) => r.day);
    expect(days2026).toEqual(fromFile);
  });
});

describe('geometry and status helpers', () => {
  it('keeps a valid polygon and repairs a spike (repeated vertex) that boolean-valid rejects', () => {
    const square: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [0, 4],
          [0, 0],
        ],
      ],
    };
    expect(makeValidGeometry(square)).toEqual({ geometry: square, repair: null });
    const spiky: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [4, 0],
          [4, 4],
          [2, 4],
          [2, 6],
          [2, 4],
          [0, 4],
          [0, 0],
        ],
      ],
    };
    expect(booleanValid(spiky)).toBe(false);
    const fixed = makeValidGeometry(spiky);
    expect(fixed?.repair).not.toBeNull();
    expect(fixed && booleanValid(fixed.geometry)).toBe(true);
  });

  it('makes a polygon whose ring crosses itself valid', () => {
    // A square with a loop that crosses its bottom edge twice; boolean-valid alone misses this.
    const crossing: Polygon = {
      type: 'Polygon',
      coordinates: [
        [
          [0, 0],
          [10, 0],
          [10, 10],
          [4, 10],
          [4, -3],
          [6, -3],
          [6, 10],
          [0, 10],
          [0, 0],
        ],
      ],
    };
    expect(hasCrossingEdges(crossing)).toBe(true);
    expect(isValidBoundary(crossing)).toBe(false);
    const fixed = makeValidGeometry(crossing);
    expect(fixed?.repair).toBe('self-union');
    expect(fixed && booleanValid(fixed.geometry)).toBe(true);
    expect(fixed && hasCrossingEdges(fixed.geometry)).toBe(false);
  });

  it('derives a project status from its later status', () => {
    expect(projectStatus(null)).toBe('active');
    expect(projectStatus('Cancelled: draft resolution on its invalidation published 31 Jul 2023')).toBe('closed');
    expect(projectStatus('Ministry requested cancellation after Supreme Council for Reforms decision (2023)')).toBe(
      'closed',
    );
  });
});
