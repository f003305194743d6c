import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bbox } from '@turf/bbox';
import { booleanValid } from '@turf/boolean-valid';
import { feature, featureCollection } from '@turf/helpers';
import { union } from '@turf/union';
import { unkinkPolygon } from '@turf/unkink-polygon';
import { and, eq, inArray } from 'drizzle-orm';
import type { MultiPolygon, Polygon } from 'geojson';
import type { z } from 'zod';
import type { Db } from '../client';
import {
  calendarDays,
  departmentTypes,
  governmentBodies,
  issueCategories,
  localBodies,
  localBodyDepartments,
  nationalPriorities,
  nationalProjects,
  reportResponseTemplates,
  unitBoundaries,
  unitPopulation,
  units,
} from '../schema';
import {
  SeedFileError,
  parseSeedFile,
  seedFiles,
  type DistrictsFile,
  type GovernmentBodiesFile,
  type HolidaysFile,
  type IssueCategoriesFile,
  type NationalPrioritiesFile,
  type NationalProjectsFile,
  type PopulationFile,
  type RegionsFile,
  type ReportTemplatesFile,
  type SeedFileKey,
} from './schemas';

/**
 * The idempotent reference-data seed: fills the tables of db/schema/reference.ts from the files in
 * db/seed/data. Every file is validated first (SeedFileError on a missing, non-JSON or malformed
 * file), then everything is inserted in ONE transaction with `on conflict do nothing` on the natural
 * keys: a second run inserts nothing, and a row an administrator has corrected since is never
 * overwritten. Rows an administrator deleted do come back on the next run (except department links,
 * see seedReferenceData).
 */

export const SEED_TABLES = [
  'units',
  'unit_boundaries',
  'department_types',
  'local_bodies',
  'local_body_departments',
  'issue_categories',
  'government_bodies',
  'national_priorities',
  'national_projects',
  'unit_population',
  'report_response_templates',
  'calendar_days',
] as const;
export type SeedTable = (typeof SEED_TABLES)[number];
/** Table name -> rows inserted by this run (0 everywhere on a re-run). */
export type SeedReport = Record<SeedTable, number>;

export interface SeedOptions {
  /** Directory holding the data files (default: db/seed/data next to this module). */
  dataDir?: string;
  /** Progress and data-quality notes (skipped rows, repaired geometries). Default: silent. */
  log?: (msg: string) => void;
}

export const defaultSeedDataDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'data');

/** Rows per INSERT statement. */
const BATCH = 500;
/** Boundary rows carry large geometries: fewer per statement. */
const BOUNDARY_BATCH = 50;

// =============================================================================================
// Loading and validating the files

export interface SeedData {
  regions: RegionsFile;
  districts: DistrictsFile;
  adm1: z.output<(typeof seedFiles)['adm1']['schema']>;
  adm2: z.output<(typeof seedFiles)['adm2']['schema']>;
  governmentBodies: GovernmentBodiesFile;
  issueCategories: IssueCategoriesFile;
  nationalPriorities: NationalPrioritiesFile;
  nationalProjects: NationalProjectsFile;
  population: PopulationFile;
  holidays: HolidaysFile;
  nameSupplements: z.output<(typeof seedFiles)['nameSupplements']['schema']>;
  reportTemplates: ReportTemplatesFile;
}

async function readJsonFile(dataDir: string, file: string): Promise<unknown> {
  const full = path.join(dataDir, file);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new SeedFileError(file, `is missing (looked for ${full})`, [], { cause: err });
    throw new SeedFileError(file, `could not be read: ${(err as Error).message}`, [], { cause: err });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new SeedFileError(file, `is not valid JSON: ${(err as Error).message}`, [], { cause: err });
  }
}

/** Reads one data file and validates it with its schema. */
export async function loadSeedFile<K extends SeedFileKey>(
  dataDir: string,
  key: K,
): Promise<z.output<(typeof seedFiles)[K]['schema']>> {
  const { file, schema } = seedFiles[key];
  return parseSeedFile(file, schema, await readJsonFile(dataDir, file)) as z.output<(typeof seedFiles)[K]['schema']>;
}

/**
 * Reads and validates every file the seed uses, then the references between files (a district's
 * region, a category's department, a priority's projects). Touches no database.
 */
export async function loadSeedData(dataDir: string = defaultSeedDataDir): Promise<SeedData> {
  // One after the other, so that the first broken file (in this order) is the one reported.
  const data: SeedData = {
    regions: await loadSeedFile(dataDir, 'regions'),
    districts: await loadSeedFile(dataDir, 'districts'),
    adm1: await loadSeedFile(dataDir, 'adm1'),
    adm2: await loadSeedFile(dataDir, 'adm2'),
    governmentBodies: await loadSeedFile(dataDir, 'governmentBodies'),
    issueCategories: await loadSeedFile(dataDir, 'issueCategories'),
    nationalPriorities: await loadSeedFile(dataDir, 'nationalPriorities'),
    nationalProjects: await loadSeedFile(dataDir, 'nationalProjects'),
    population: await loadSeedFile(dataDir, 'population'),
    holidays: await loadSeedFile(dataDir, 'holidays'),
    nameSupplements: await loadSeedFile(dataDir, 'nameSupplements'),
    reportTemplates: await loadSeedFile(dataDir, 'reportTemplates'),
  };
  checkCrossReferences(data);
  return data;
}

function checkCrossReferences(data: SeedData): void {
  const regionKatos = new Set(data.regions.map((r) => r.kato));
  const districtIssues = data.districts.flatMap((d, i) =>
    regionKatos.has(d.region_kato)
      ? []
      : [`[${i}].region_kato: unknown region "${d.region_kato}" (not in ${seedFiles.regions.file})`],
  );
  if (districtIssues.length > 0) throw SeedFileError.malformed(seedFiles.districts.file, districtIssues);

  const departments = new Set(data.governmentBodies.typical_local_akimat_departments.map((d) => d.code));
  const categoryIssues = data.issueCategories.categories.flatMap((c, i) =>
    departments.has(c.default_local_department)
      ? []
      : [
          `categories[${i}].default_local_department: unknown department "${c.default_local_department}" ` +
            `(not in ${seedFiles.governmentBodies.file} typical_local_akimat_departments)`,
        ],
  );
  if (categoryIssues.length > 0) throw SeedFileError.malformed(seedFiles.issueCategories.file, categoryIssues);

  const projectCodes = new Set(
    [...data.nationalProjects.projects_2021_2025, ...data.nationalProjects.later_national_projects].map((p) => p.code),
  );
  const priorityIssues = data.nationalPriorities.ndp_2025.national_priorities.flatMap((p, i) =>
    p.linked_projects.flatMap((code, j) =>
      projectCodes.has(code)
        ? []
        : [
            `ndp_2025.national_priorities[${i}].linked_projects[${j}]: unknown project "${code}" ` +
              `(not in ${seedFiles.nationalProjects.file})`,
          ],
    ),
  );
  if (priorityIssues.length > 0) throw SeedFileError.malformed(seedFiles.nationalPriorities.file, priorityIssues);

  const categoryCodes = new Set(data.issueCategories.categories.map((c) => c.code));
  const templateIssues = data.reportTemplates.templates.flatMap((t, i) =>
    t.category === null || categoryCodes.has(t.category)
      ? []
      : [`templates[${i}].category: unknown category "${t.category}" (not in ${seedFiles.issueCategories.file})`],
  );
  if (templateIssues.length > 0) throw SeedFileError.malformed(seedFiles.reportTemplates.file, templateIssues);
}

/** report_response_templates rows (one per template code). */
export function buildReportTemplateRows(data: Pick<SeedData, 'reportTemplates'>): (typeof reportResponseTemplates.$inferInsert)[] {
  return data.reportTemplates.templates.map((t) => ({
    code: t.code,
    categoryCode: t.category,
    decision: t.decision,
    titleKk: t.title.kk,
    titleRu: t.title.ru,
    titleEn: t.title.en,
    textKk: t.text.kk,
    textRu: t.text.ru,
    textEn: t.text.en,
  }));
}

// =============================================================================================
// Names (generated names are DATA: editable in the tables afterwards, never re-generated over an edit)

/**
 * A readable Russian name from the KATO spelling: "Семей Г.А." -> "город Семей",
 * "Район им.Габита Мусрепова" -> "район имени Габита Мусрепова"; "Абайский район" stays.
 */
export function cleanRussianUnitName(kato: string): string {
  let name = kato.replace(/\s+/g, ' ').trim();
  const city = /^(.+?)\s*Г\.\s*А\.?$/u.exec(name);
  if (city?.[1]) name = `город ${city[1]}`;
  name = name.replace(/^Район\s/u, 'район ').replace(/(^|\s)им\.\s*/u, '$1имени ');
  return name;
}

/**
 * Russian genitive of a unit name for "Акимат ..." / "Маслихат ...": "Акмолинская область" ->
 * "Акмолинской области", "область Абай" -> "области Абай", "Абайский район" -> "Абайского района",
 * "район Байдибека" -> "района Байдибека", "город Семей" -> "города Семей" (the proper name after
 * "города" is left undeclined, as in much official usage; an administrator may correct it).
 */
export function russianGenitive(name: string): string {
  const n = name.trim();
  const adjRegion = /^(.+)ая область$/u.exec(n);
  if (adjRegion?.[1]) return `${adjRegion[1]}ой области`;
  const adjDistrict = /^(.+?)(ий|ый|ой) район$/u.exec(n);
  if (adjDistrict?.[1] && adjDistrict[2]) {
    const stem = adjDistrict[1];
    const ending = adjDistrict[2] === 'ий' && !/[кгх]$/u.test(stem) ? 'его' : 'ого';
    return `${stem}${ending} района`;
  }
  for (const [nom, gen] of [
    ['область ', 'области '],
    ['город ', 'города '],
    ['район ', 'района '],
  ] as const) {
    if (n.startsWith(nom)) return gen + n.slice(nom.length);
  }
  return n;
}

const KK_VOWELS = 'аәеёиоөұүыіэюя';
const KK_BACK_VOWELS = 'аоұыяё';
const KK_FRONT_VOWELS = 'әеөүіэ';

/**
 * Kazakh genitive (ілік септік) of a phrase, on its last word, by a simple rule: -ның/-нің after a
 * vowel or м, н, ң; -дың/-дің after л, р, й, у, ж, з; -тың/-тің after other consonants; back or
 * front by the last harmonic vowel. "Абай облысы" -> "Абай облысының", "Семей" -> "Семейдің".
 */
export function kazakhGenitive(phrase: string): string {
  const text = phrase.trim();
  const lower = text.toLocaleLowerCase('kk');
  const last = lower.charAt(lower.length - 1);
  let front = false;
  for (let i = lower.length - 1; i >= 0; i--) {
    const c = lower.charAt(i);
    if (KK_BACK_VOWELS.includes(c)) break;
    if (KK_FRONT_VOWELS.includes(c)) {
      front = true;
      break;
    }
  }
  const initial = KK_VOWELS.includes(last) || 'мнң'.includes(last) ? 'н' : 'лрйужз'.includes(last) ? 'д' : 'т';
  return `${text}${initial}${front ? 'ің' : 'ың'}`;
}

type UnitInsert = typeof units.$inferInsert;
type LocalBodyKind = 'akimat' | 'maslikhat';

const isCity = (type: string) => type === 'city_of_republican_significance' || type === 'city_of_regional_significance';

function englishUnitName(unit: UnitInsert, asParent: boolean): string {
  if (!isCity(unit.type)) return unit.nameEn;
  return asParent ? `City of ${unit.nameEn}` : `the City of ${unit.nameEn}`;
}

/**
 * Names of a unit's akimat or maslikhat, e.g. "Akimat of Abai Region" / "Акимат области Абай" /
 * "Абай облысының әкімдігі"; a level-2 unit also names its region or city
 * ("Akimat of Abay District, Abai Region" / "Акимат Абайского района области Абай" /
 * "Абай облысы Абай ауданының әкімдігі"). Generated once; editable data afterwards.
 */
export function localBodyNames(
  unit: UnitInsert,
  parent: UnitInsert | undefined,
  kind: LocalBodyKind,
): { nameKk: string; nameRu: string; nameEn: string } {
  const word = {
    akimat: { kk: 'әкімдігі', ru: 'Акимат', en: 'Akimat' },
    maslikhat: { kk: 'мәслихаты', ru: 'Маслихат', en: 'Maslikhat' },
  }[kind];
  return {
    nameKk: `${parent ? `${parent.nameKk} ` : ''}${kazakhGenitive(unit.nameKk)} ${word.kk}`,
    nameRu: `${word.ru} ${russianGenitive(unit.nameRu)}${parent ? ` ${russianGenitive(parent.nameRu)}` : ''}`,
    nameEn: `${word.en} of ${englishUnitName(unit, false)}${parent ? `, ${englishUnitName(parent, true)}` : ''}`,
  };
}

// =============================================================================================
// Row builders (pure)

const REGION_SOURCE = 'KATO 17.10.2022 (stat.gov.kz), ISO 3166-2';
const BOUNDARY_SOURCE = 'Boundaries: UNHCR / OCHA, via HDX (COD-AB Jan 2023, CC BY-IGO 3.0)';

function districtSource(source: string): string {
  if (/VERIFY/i.test(source))
    return 'Post-2022 unit: KATO 2026 code via a third-party script, names from decree news (VERIFY)';
  if (/^KATO 17\.10\.2022/.test(source)) return 'KATO 17.10.2022 (stat.gov.kz); English names: COD-AB 2023';
  return source.length > 200 ? `${source.slice(0, 197)}...` : source;
}

export function buildUnitRows(data: Pick<SeedData, 'regions' | 'districts'>): UnitInsert[] {
  const regions: UnitInsert[] = data.regions.map((r) => ({
    kato: r.kato,
    level: 1,
    parentKato: null,
    type: r.type,
    nameKk: r.name_kk,
    nameRu: r.name_ru,
    nameEn: r.name_en,
    iso3166_2: r.iso_3166_2,
    centreKk: r.centre_kk,
    centreRu: r.centre_ru,
    centreEn: r.centre_en,
    codabPcode: r.codab_pcode || null,
    needsReview: /VERIFY/i.test(r.note),
    note: r.note || null,
    source: REGION_SOURCE,
  }));
  const districts: UnitInsert[] = data.districts.map((d) => ({
    kato: d.kato,
    level: 2,
    parentKato: d.region_kato,
    type: d.type,
    nameKk: d.name_kk,
    nameRu: cleanRussianUnitName(d.name_ru_kato),
    nameEn: d.name_en,
    iso3166_2: null,
    centreKk: null,
    centreRu: null,
    centreEn: null,
    codabPcode: d.codab_pcode || null,
    needsReview: /VERIFY/i.test(d.source) || /VERIFY/i.test(d.note),
    note: d.note || null,
    source: districtSource(d.source),
  }));
  return [...regions, ...districts];
}

type LocalBodyInsert = typeof localBodies.$inferInsert;

export function buildLocalBodyRows(unitRows: readonly UnitInsert[]): LocalBodyInsert[] {
  const byKato = new Map(unitRows.map((u) => [u.kato, u]));
  return unitRows.flatMap((unit) => {
    const parent = unit.parentKato ? byKato.get(unit.parentKato) : undefined;
    return (['akimat', 'maslikhat'] as const).map((kind) => ({
      unitKato: unit.kato,
      kind,
      ...localBodyNames(unit, parent, kind),
      source: 'Generated from the unit names by the seed (editable)',
    }));
  });
}

type PolygonalGeometry = Polygon | MultiPolygon;
type Position = Polygon['coordinates'][number][number];

function orientation(a: Position, b: Position, c: Position): number {
  const v =
    ((b[0] ?? 0) - (a[0] ?? 0)) * ((c[1] ?? 0) - (a[1] ?? 0)) -
    ((b[1] ?? 0) - (a[1] ?? 0)) * ((c[0] ?? 0) - (a[0] ?? 0));
  return Math.sign(v);
}

/**
 * True when two edges of the geometry (same ring, or different rings/polygons) properly cross.
 * @turf/boolean-valid catches spikes, punctures, open rings and crossing holes, but not a ring that
 * crosses itself (a "bow tie"), so this sweep complements it.
 */
export function hasCrossingEdges(geometry: PolygonalGeometry): boolean {
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  const edges: { a: Position; b: Position; minX: number; maxX: number }[] = [];
  for (const rings of polygons) {
    for (const ring of rings) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const a = ring[i]!;
        const b = ring[i + 1]!;
        edges.push({ a, b, minX: Math.min(a[0] ?? 0, b[0] ?? 0), maxX: Math.max(a[0] ?? 0, b[0] ?? 0) });
      }
    }
  }
  edges.sort((e, f) => e.minX - f.minX);
  for (let i = 0; i < edges.length; i++) {
    const e = edges[i]!;
    for (let j = i + 1; j < edges.length; j++) {
      const f = edges[j]!;
      if (f.minX > e.maxX) break;
      if (
        orientation(e.a, e.b, f.a) * orientation(e.a, e.b, f.b) < 0 &&
        orientation(f.a, f.b, e.a) * orientation(f.a, f.b, e.b) < 0
      ) {
        return true;
      }
    }
  }
  return false;
}

/** @turf/boolean-valid plus no crossing edges. */
export function isValidBoundary(geometry: PolygonalGeometry): boolean {
  return booleanValid(geometry) === true && !hasCrossingEdges(geometry);
}

/**
 * The geometry itself when valid (isValidBoundary), else a repaired copy: a union of the geometry
 * with itself (rebuilds the rings without self-intersections, spikes or repeated vertices), or
 * failing that unkink + union. Null when nothing yields a valid geometry.
 */
export function makeValidGeometry(
  geometry: PolygonalGeometry,
): { geometry: PolygonalGeometry; repair: string | null } | null {
  if (isValidBoundary(geometry)) return { geometry, repair: null };
  const attempts: [string, () => PolygonalGeometry | null][] = [
    ['self-union', () => union(featureCollection([feature(geometry), feature(geometry)]))?.geometry ?? null],
    [
      'unkink + union',
      () => {
        const parts = unkinkPolygon(geometry).features;
        if (parts.length <= 1) return parts[0]?.geometry ?? null;
        return union(featureCollection(parts))?.geometry ?? null;
      },
    ],
  ];
  for (const [repair, attempt] of attempts) {
    try {
      const fixed = attempt();
      if (fixed && isValidBoundary(fixed)) return { geometry: fixed, repair };
    } catch {
      // try the next method
    }
  }
  return null;
}

type BoundaryInsert = typeof unitBoundaries.$inferInsert;

function buildBoundaryRows(
  data: Pick<SeedData, 'adm1' | 'adm2'>,
  seededKatos: ReadonlySet<string>,
  alreadyStored: ReadonlySet<string>,
  log: (msg: string) => void,
): BoundaryInsert[] {
  const rows: BoundaryInsert[] = [];
  const layers = [
    { file: seedFiles.adm1.file, features: data.adm1.features },
    { file: seedFiles.adm2.file, features: data.adm2.features },
  ];
  for (const { file, features } of layers) {
    features.forEach((f, i) => {
      const kato = f.properties.kato;
      const label = f.properties.name_en ? ` (${f.properties.name_en})` : '';
      if (!seededKatos.has(kato)) {
        log(`unit_boundaries: skipped ${file} features[${i}] with KATO ${kato}${label}: not a seeded unit`);
        return;
      }
      if (alreadyStored.has(kato)) return;
      const valid = makeValidGeometry(f.geometry as PolygonalGeometry);
      if (!valid) {
        log(`unit_boundaries: skipped ${kato}${label}: invalid geometry that could not be repaired`);
        return;
      }
      if (valid.repair) log(`unit_boundaries: made the geometry of ${kato}${label} valid (${valid.repair})`);
      const [minLon, minLat, maxLon, maxLat] = bbox(valid.geometry);
      rows.push({
        kato,
        geometry: valid.geometry,
        minLon,
        minLat,
        maxLon,
        maxLat,
        source: valid.repair ? `${BOUNDARY_SOURCE}; made valid on load (${valid.repair})` : BOUNDARY_SOURCE,
      });
    });
  }
  return rows;
}

function buildDepartmentTypeRows(data: Pick<SeedData, 'governmentBodies'>): (typeof departmentTypes.$inferInsert)[] {
  return data.governmentBodies.typical_local_akimat_departments.map((d) => ({
    code: d.code,
    nameKk: d.name_kk,
    nameRu: d.name_ru,
    nameEn: d.name_en,
    source: 'kz_government_bodies.json: typical akimat departments (compiled by hand; names vary by region)',
  }));
}

function buildIssueCategoryRows(data: Pick<SeedData, 'issueCategories'>): (typeof issueCategories.$inferInsert)[] {
  return data.issueCategories.categories.map((c, i) => ({
    code: c.code,
    nameKk: c.name_kk,
    nameRu: c.name_ru,
    nameEn: c.name_en,
    examplesEn: c.examples_en,
    defaultDepartmentCode: c.default_local_department,
    season: c.season,
    sortOrder: i + 1,
    source:
      'kz_issue_categories.json: compiled from iKOMEK 109 statistics (not an official classifier; kk labels need review)',
  }));
}

function buildGovernmentBodyRows(data: Pick<SeedData, 'governmentBodies'>): (typeof governmentBodies.$inferInsert)[] {
  const source =
    'kz_government_bodies.json: Government structure 2025-2026 (news on the 2023 and 2025 reorganisations)';
  const central = (kind: 'ministry' | 'agency') => (b: GovernmentBodiesFile['ministries'][number]) => ({
    code: b.code,
    kind,
    nameKk: b.name_kk,
    nameRu: b.name_ru,
    nameEn: b.name_en,
    domains: b.domains,
    note: b.note || null,
    source,
  });
  return [
    {
      code: 'GOV',
      kind: 'government',
      nameKk: 'Қазақстан Республикасының Үкіметі',
      nameRu: 'Правительство Республики Казахстан',
      nameEn: 'Government of the Republic of Kazakhstan',
      domains: [],
      note: null,
      source: 'Constitution of the Republic of Kazakhstan',
    },
    ...data.governmentBodies.ministries.map(central('ministry')),
    ...data.governmentBodies.agencies_and_other_central_bodies.map(central('agency')),
  ];
}

/**
 * A row's names: the supplement's where it gives one (written where the source lacks a language or
 * has the wrong one, e.g. a "Russian" title in Kazakh), else the source's.
 */
function withSupplement(
  source: { name_kk?: string | null; name_ru?: string | null; name_en?: string | null },
  supplement: { name_kk?: string; name_ru?: string; name_en?: string } | undefined,
) {
  return {
    nameKk: supplement?.name_kk ?? (source.name_kk || null),
    nameRu: supplement?.name_ru ?? (source.name_ru || null),
    nameEn: supplement?.name_en ?? (source.name_en || null),
  };
}

function buildPriorityRows(
  data: Pick<SeedData, 'nationalPriorities' | 'nameSupplements'>,
): (typeof nationalPriorities.$inferInsert)[] {
  return data.nationalPriorities.ndp_2025.national_priorities.map((p) => {
    const names = withSupplement(p, data.nameSupplements.national_priorities[p.code]);
    return {
      code: p.code,
      plan: 'NDP-2025',
      direction: p.direction,
      nameKk: names.nameKk,
      nameRu: names.nameRu ?? p.name_ru,
      nameEn: names.nameEn ?? p.name_en,
      verification: p.status,
      source: 'kz_national_priorities_ndp.json: National Development Plan to 2025 (partly verified)',
    };
  });
}

const CLOSED_STATUS = /cancel|invalidat|wound down|abolish|terminat|discontinu/i;

/** 'closed' when the file's later status says the project was cancelled/wound down, else 'active'. */
export function projectStatus(laterStatus: string | null): 'active' | 'closed' {
  return laterStatus && CLOSED_STATUS.test(laterStatus) ? 'closed' : 'active';
}

function buildProjectRows(
  data: Pick<SeedData, 'nationalProjects' | 'nationalPriorities' | 'nameSupplements'>,
  log: (msg: string) => void,
): (typeof nationalProjects.$inferInsert)[] {
  const priorityOf = new Map<string, string>();
  for (const p of data.nationalPriorities.ndp_2025.national_priorities) {
    for (const code of p.linked_projects) {
      const earlier = priorityOf.get(code);
      if (earlier) log(`national_projects: ${code} is linked from ${earlier} and ${p.code}; using ${earlier}`);
      else priorityOf.set(code, p.code);
    }
  }
  const { projects_2021_2025: first, later_national_projects: later } = data.nationalProjects;
  const all = [
    ...first.map((p) => ({
      p,
      period: p.period,
      responsible:
        p.responsible_now.length > 0
          ? p.responsible_now
          : p.responsible_2021 && !/^unknown/i.test(p.responsible_2021)
          ? [p.responsible_2021]
          : [],
    })),
    ...later.map((p) => ({
      p,
      period: `${/\b(?:19|20)[0-9]{2}\b/.exec(p.announced)?.[0] ?? ''}-`,
      responsible: p.responsible_now,
    })),
  ];
  return all.map(({ p, period, responsible }, i) => {
    const names = withSupplement(p, data.nameSupplements.national_projects[p.code]);
    const missing = [!names.nameRu && 'Russian', !names.nameKk && 'Kazakh'].filter(Boolean).join(' or ');
    if (missing) log(`national_projects: ${p.code} has no ${missing} title; stored the English one (edit it)`);
    return {
      code: p.code,
      nameKk: names.nameKk ?? p.name_en,
      nameRu: names.nameRu ?? p.name_en,
      nameEn: names.nameEn ?? p.name_en,
      summaryEn: p.summary,
      period,
      priorityCode: priorityOf.get(p.code) ?? null,
      responsibleBodies: responsible,
      keyIndicators: p.key_indicators,
      status: projectStatus(p.later_status),
      laterStatus: p.later_status,
      sources: p.sources,
      verification: [p.status, p.name_kk_status && `name_kk: ${p.name_kk_status}`].filter(Boolean).join('; '),
      sortOrder: i + 1,
    };
  });
}

function buildPopulationRows(
  data: Pick<SeedData, 'population'>,
  seededKatos: ReadonlySet<string>,
  log: (msg: string) => void,
): (typeof unitPopulation.$inferInsert)[] {
  const file = seedFiles.population.file;
  const rows: (typeof unitPopulation.$inferInsert)[] = [];
  const take = (
    where: string,
    kato: string,
    population: number | null,
    row: Omit<typeof unitPopulation.$inferInsert, 'kato' | 'population'>,
  ) => {
    if (population === null)
      return log(`unit_population: skipped ${file} ${where} (KATO ${kato}): no population figure`);
    if (!seededKatos.has(kato))
      return log(`unit_population: skipped ${file} ${where}: KATO ${kato} is not a seeded unit`);
    rows.push({ kato, population, ...row });
  };
  data.population.regions.forEach((r, i) =>
    take(`regions[${i}]`, r.kato, r.population, { asOf: r.as_of, status: r.status, source: r.source_urls.join(' ') }),
  );
  data.population.districts.forEach((d, i) =>
    take(`districts[${i}]`, d.kato, d.population, { asOf: d.as_of, status: d.basis || null, source: d.source_url }),
  );
  return rows;
}

// =============================================================================================
// Calendar

type CalendarInsert = typeof calendarDays.$inferInsert & { kind: 'holiday' | 'transfer_rest' | 'transfer_work' };

const isoWeekday = (date: string) => new Date(`${date}T00:00:00Z`).getUTCDay();
const isWeekend = (date: string) => isoWeekday(date) === 0 || isoWeekday(date) === 6;
const addDays = (date: string, n: number) => {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};
const isRealDate = (date: string) => {
  const d = new Date(`${date}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === date;
};
const dmy = (date: string) => `${date.slice(8, 10)}.${date.slice(5, 7)}.${date.slice(0, 4)}`;

interface NamedDay {
  date: string;
  nameEn: string;
  nameRu: string | null;
  nameKk: string | null;
}
interface StatutoryYear {
  /** Holidays (fixed within their validity, movable), weekend ones included. */
  holidays: NamedDay[];
  /** Weekday days off carried over from holidays on a weekend (Law "On holidays", art. 5). */
  carryovers: (NamedDay & { holidayDate: string })[];
}

/** The statutory rule for one year (used where the file has no computed list, and to cross-check it). */
export function statutoryYear(h: HolidaysFile, year: string): StatutoryYear {
  const days = new Map<string, NamedDay & { id: string; carry: boolean }>();
  for (const f of h.fixed) {
    if (!f.day_off) continue;
    for (const md of f.dates) {
      const date = `${year}-${md}`;
      if (!isRealDate(date)) continue;
      if ((f.valid_from && date < f.valid_from) || (f.valid_to && date > f.valid_to)) continue;
      days.set(date, {
        date,
        id: f.id,
        carry: f.weekend_carryover,
        nameEn: f.name_en,
        nameRu: f.name_ru,
        nameKk: f.name_kk,
      });
    }
  }
  for (const m of h.movable[year] ?? []) {
    if (!m.day_off) continue;
    days.set(m.date, {
      date: m.date,
      id: m.id,
      carry: m.weekend_carryover,
      nameEn: m.name_en,
      nameRu: m.name_ru,
      nameKk: m.name_kk,
    });
  }
  const sorted = [...days.values()].sort((a, b) => a.date.localeCompare(b.date));
  const carryovers: StatutoryYear['carryovers'] = [];
  const taken = new Set<string>();
  // A holiday period is a run of consecutive days of the same holiday; its weekend days move to the
  // next working days after the period.
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (
      j + 1 < sorted.length &&
      sorted[j + 1]!.id === sorted[i]!.id &&
      sorted[j + 1]!.date === addDays(sorted[j]!.date, 1)
    )
      j++;
    const period = sorted.slice(i, j + 1);
    let cursor = period[period.length - 1]!.date;
    for (const day of period) {
      if (!day.carry || !isWeekend(day.date)) continue;
      do cursor = addDays(cursor, 1);
      while (isWeekend(cursor) || days.has(cursor) || taken.has(cursor));
      taken.add(cursor);
      carryovers.push({
        date: cursor,
        holidayDate: day.date,
        nameEn: day.nameEn,
        nameRu: day.nameRu,
        nameKk: day.nameKk,
      });
    }
    i = j + 1;
  }
  return { holidays: sorted.map(({ date, nameEn, nameRu, nameKk }) => ({ date, nameEn, nameRu, nameKk })), carryovers };
}

/** Non-working weekdays of a year by the statutory rule plus the file's transfers. */
export function statutoryNonWorkingWeekdays(h: HolidaysFile, year: string): string[] {
  const s = statutoryYear(h, year);
  const all = [
    ...s.holidays.map((d) => d.date),
    ...s.carryovers.map((d) => d.date),
    ...(h.transfers[year] ?? []).map((t) => t.rest_on),
  ];
  return [...new Set(all.filter((d) => !isWeekend(d)))].sort();
}

/**
 * calendar_days rows for every year the file covers: holidays (the file's computed lists where they
 * exist, else the statutory rule), movable holidays, weekend carry-overs, and transfers. The
 * computed lists are cross-checked (non_working_weekdays, working_weekend_days) and win.
 */
export function buildCalendarRows(h: HolidaysFile, log: (msg: string) => void = () => {}): CalendarInsert[] {
  const file = seedFiles.holidays.file;
  const names = new Map<string, { nameRu: string | null; nameKk: string | null }>();
  for (const f of h.fixed) names.set(f.name_en, { nameRu: f.name_ru, nameKk: f.name_kk });
  for (const list of Object.values(h.movable))
    for (const m of list) names.set(m.name_en, { nameRu: m.name_ru, nameKk: m.name_kk });

  const years = [
    ...new Set([...Object.keys(h.computed_non_working_days), ...Object.keys(h.movable), ...Object.keys(h.transfers)]),
  ].sort();
  const rows = new Map<string, CalendarInsert>();
  const add = (row: CalendarInsert) => {
    const existing = rows.get(row.day);
    if (existing)
      log(`calendar_days: ${row.day} is listed twice ("${existing.nameEn}" and "${row.nameEn}"); kept the first`);
    else rows.set(row.day, row);
  };

  for (const year of years) {
    const computed = h.computed_non_working_days[year];
    const verified = h._meta?.verified?.[`${year}_list`];
    const qualifier = !computed
      ? ' (statutory rule applied by the seed)'
      : verified && /^no\b/i.test(verified)
      ? ' (projection, unverified)'
      : '';
    const statutory = statutoryYear(h, year);

    let holidays: NamedDay[];
    let carryovers: (NamedDay & { holidayDate: string })[];
    if (computed) {
      holidays = computed.holidays.map((d) => ({
        date: d.date,
        nameEn: d.name_en,
        ...(names.get(d.name_en) ?? { nameRu: null, nameKk: null }),
      }));
      carryovers = computed.weekend_carryovers.map((c) => ({
        date: c.day_off_moved_to,
        holidayDate: c.holiday_date,
        nameEn: c.holiday,
        ...(names.get(c.holiday) ?? { nameRu: null, nameKk: null }),
      }));
    } else {
      holidays = statutory.holidays.filter((d) => !(h.movable[year] ?? []).some((m) => m.date === d.date));
      carryovers = statutory.carryovers;
    }

    for (const d of holidays) {
      add({
        day: d.date,
        kind: 'holiday',
        nameEn: d.nameEn,
        nameRu: d.nameRu,
        nameKk: d.nameKk,
        source: `${file}: ${year} holidays${qualifier}`,
      });
    }
    for (const m of h.movable[year] ?? []) {
      if (!m.day_off) continue;
      add({
        day: m.date,
        kind: 'holiday',
        nameEn: m.name_en,
        nameRu: m.name_ru,
        nameKk: m.name_kk,
        source: `${file}: movable ${year}${m.status ? ` (${m.status})` : ''}`,
      });
    }
    for (const c of carryovers) {
      add({
        day: c.date,
        kind: 'holiday',
        nameEn: `${c.nameEn} (day off carried over from ${c.holidayDate})`,
        nameRu: c.nameRu ? `${c.nameRu} (перенос выходного с ${dmy(c.holidayDate)})` : null,
        nameKk: c.nameKk ? `${c.nameKk} (${dmy(c.holidayDate)} күнгі демалыстың ауысқан күні)` : null,
        source: `${file}: ${year} weekend carry-over (Law "On holidays", art. 5)${qualifier}`,
      });
    }
    for (const t of h.transfers[year] ?? []) {
      const source = `${file}: ${year} transfer of a day off (Labour Code art. 85(3))`;
      add({
        day: t.rest_on,
        kind: 'transfer_rest',
        nameEn: `Day off (transferred from ${t.work_on})`,
        nameRu: `Выходной день (перенесён с ${dmy(t.work_on)})`,
        nameKk: `Демалыс күні (${dmy(t.work_on)} күнінен ауыстырылған)`,
        source,
      });
      add({
        day: t.work_on,
        kind: 'transfer_work',
        nameEn: `Working day (day off transferred to ${t.rest_on})`,
        nameRu: `Рабочий день (выходной перенесён на ${dmy(t.rest_on)})`,
        nameKk: `Жұмыс күні (демалыс ${dmy(t.rest_on)} күніне ауыстырылған)`,
        source,
      });
    }

    if (computed) {
      // The computed lists already apply the rules and decisions: they win over our derivation.
      const ours = new Set(
        [...rows.values()]
          .filter((r) => r.day.startsWith(`${year}-`) && r.kind !== 'transfer_work' && !isWeekend(r.day))
          .map((r) => r.day),
      );
      for (const d of computed.non_working_weekdays) {
        if (ours.has(d)) continue;
        log(
          `calendar_days: ${d} is in ${year} non_working_weekdays but in no holiday, carry-over or transfer; stored as a holiday`,
        );
        add({
          day: d,
          kind: 'holiday',
          nameEn: 'Non-working day',
          nameRu: 'Нерабочий день',
          nameKk: 'Жұмыс істемейтін күн',
          source: `${file}: ${year} non_working_weekdays${qualifier}`,
        });
      }
      const listed = new Set(computed.non_working_weekdays);
      for (const d of ours)
        if (!listed.has(d))
          log(
            `calendar_days: ${d} is a non-working weekday by the ${year} lists but not in non_working_weekdays (kept)`,
          );
      const working = new Set(
        [...rows.values()].filter((r) => r.day.startsWith(`${year}-`) && r.kind === 'transfer_work').map((r) => r.day),
      );
      for (const d of computed.working_weekend_days) {
        if (working.has(d)) continue;
        log(`calendar_days: ${d} is in ${year} working_weekend_days but in no transfer; stored as a working day`);
        add({
          day: d,
          kind: 'transfer_work',
          nameEn: 'Working day',
          nameRu: 'Рабочий день',
          nameKk: 'Жұмыс күні',
          source: `${file}: ${year} working_weekend_days${qualifier}`,
        });
      }
      const byRule = statutoryNonWorkingWeekdays(h, year);
      const differs = byRule.length !== listed.size || byRule.some((d) => !listed.has(d));
      if (differs) {
        log(
          `calendar_days: the ${year} computed list differs from the statutory rule (rule: ${byRule.join(
            ', ',
          )}); used the computed list`,
        );
      }
    }
  }
  return [...rows.values()].sort((a, b) => a.day.localeCompare(b.day));
}

// =============================================================================================
// The seed

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

async function inBatches<R>(
  rows: readonly R[],
  size: number,
  insert: (chunk: R[]) => Promise<unknown[]>,
): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < rows.length; i += size) inserted += (await insert(rows.slice(i, i + size))).length;
  return inserted;
}

const emptyReport = (): SeedReport => Object.fromEntries(SEED_TABLES.map((t) => [t, 0])) as SeedReport;

/**
 * Loads db/seed/data into the reference tables; safe to run on every start.
 *
 * Idempotent and edit-preserving: inserts use `on conflict do nothing` on the natural keys (KATO,
 * codes, unit + kind, day, ...), so existing rows are never updated. Akimat departments: a new akimat
 * gets every department type, and a new department type is given to every akimat; links an
 * administrator removed are not re-added. Everything runs in one transaction: on any error
 * (including a SeedFileError, raised before anything is written) the database is unchanged.
 */
export async function seedReferenceData(db: Db, opts: SeedOptions = {}): Promise<SeedReport> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const data = await loadSeedData(opts.dataDir ?? defaultSeedDataDir);

  const unitRows = buildUnitRows(data);
  const fileKatos = unitRows.map((u) => u.kato);
  const calendarRows = buildCalendarRows(data.holidays, log);
  const report = emptyReport();

  await db.transaction(async (tx: Tx) => {
    report.units = await inBatches(unitRows, BATCH, (c) =>
      tx.insert(units).values(c).onConflictDoNothing({ target: units.kato }).returning({ kato: units.kato }),
    );
    // Units present now (an administrator may have removed one): everything below hangs off these.
    const present = new Set(
      (await tx.select({ kato: units.kato }).from(units).where(inArray(units.kato, fileKatos))).map((r) => r.kato),
    );

    // Boundaries: geometry checks and repairs only for units that have none yet (fast re-runs).
    const stored = new Set(
      (
        await tx
          .select({ kato: unitBoundaries.kato })
          .from(unitBoundaries)
          .where(inArray(unitBoundaries.kato, fileKatos))
      ).map((r) => r.kato),
    );
    const boundaryRows = buildBoundaryRows(data, present, stored, log);
    report.unit_boundaries = await inBatches(boundaryRows, BOUNDARY_BATCH, (c) =>
      tx
        .insert(unitBoundaries)
        .values(c)
        .onConflictDoNothing({ target: unitBoundaries.kato })
        .returning({ kato: unitBoundaries.kato }),
    );

    const departmentRows = buildDepartmentTypeRows(data);
    const newDepartments = (
      await tx
        .insert(departmentTypes)
        .values(departmentRows)
        .onConflictDoNothing({ target: departmentTypes.code })
        .returning({ code: departmentTypes.code })
    ).map((r) => r.code);
    report.department_types = newDepartments.length;

    const bodyRows = buildLocalBodyRows(unitRows).filter((b) => present.has(b.unitKato));
    const newBodies: { id: number; kind: string }[] = [];
    report.local_bodies = await inBatches(bodyRows, BATCH, async (c) => {
      const inserted = await tx
        .insert(localBodies)
        .values(c)
        .onConflictDoNothing({ target: [localBodies.unitKato, localBodies.kind] })
        .returning({ id: localBodies.id, kind: localBodies.kind });
      newBodies.push(...inserted);
      return inserted;
    });

    const departmentCodes = departmentRows.map((d) => d.code);
    const presentDepartments = (
      await tx
        .select({ code: departmentTypes.code })
        .from(departmentTypes)
        .where(inArray(departmentTypes.code, departmentCodes))
    ).map((r) => r.code);
    const newAkimats = new Set(newBodies.filter((b) => b.kind === 'akimat').map((b) => b.id));
    const olderAkimats =
      newDepartments.length === 0
        ? []
        : (
            await tx
              .select({ id: localBodies.id })
              .from(localBodies)
              .where(and(eq(localBodies.kind, 'akimat'), inArray(localBodies.unitKato, [...present])))
          )
            .map((r) => r.id)
            .filter((id) => !newAkimats.has(id));
    const links = [
      ...[...newAkimats].flatMap((bodyId) => presentDepartments.map((departmentCode) => ({ bodyId, departmentCode }))),
      ...olderAkimats.flatMap((bodyId) => newDepartments.map((departmentCode) => ({ bodyId, departmentCode }))),
    ];
    report.local_body_departments = await inBatches(links, BATCH, (c) =>
      tx
        .insert(localBodyDepartments)
        .values(c)
        .onConflictDoNothing({ target: [localBodyDepartments.bodyId, localBodyDepartments.departmentCode] })
        .returning({ bodyId: localBodyDepartments.bodyId }),
    );

    report.issue_categories = await inBatches(buildIssueCategoryRows(data), BATCH, (c) =>
      tx
        .insert(issueCategories)
        .values(c)
        .onConflictDoNothing({ target: issueCategories.code })
        .returning({ code: issueCategories.code }),
    );
    report.government_bodies = await inBatches(buildGovernmentBodyRows(data), BATCH, (c) =>
      tx
        .insert(governmentBodies)
        .values(c)
        .onConflictDoNothing({ target: governmentBodies.code })
        .returning({ code: governmentBodies.code }),
    );
    const priorityRows = buildPriorityRows(data);
    report.national_priorities = await inBatches(priorityRows, BATCH, (c) =>
      tx
        .insert(nationalPriorities)
        .values(c)
        .onConflictDoNothing({ target: nationalPriorities.code })
        .returning({ code: nationalPriorities.code }),
    );
    const presentPriorities = new Set(
      (
        await tx
          .select({ code: nationalPriorities.code })
          .from(nationalPriorities)
          .where(
            inArray(
              nationalPriorities.code,
              priorityRows.map((p) => p.code),
            ),
          )
      ).map((r) => r.code),
    );
    const projectRows = buildProjectRows(data, log).map((p) => ({
      ...p,
      priorityCode: p.priorityCode && presentPriorities.has(p.priorityCode) ? p.priorityCode : null,
    }));
    report.national_projects = await inBatches(projectRows, BATCH, (c) =>
      tx
        .insert(nationalProjects)
        .values(c)
        .onConflictDoNothing({ target: nationalProjects.code })
        .returning({ code: nationalProjects.code }),
    );

    report.unit_population = await inBatches(buildPopulationRows(data, present, log), BATCH, (c) =>
      tx
        .insert(unitPopulation)
        .values(c)
        .onConflictDoNothing({ target: [unitPopulation.kato, unitPopulation.asOf] })
        .returning({ kato: unitPopulation.kato }),
    );
    report.report_response_templates = await inBatches(buildReportTemplateRows(data), BATCH, (c) =>
      tx
        .insert(reportResponseTemplates)
        .values(c)
        .onConflictDoNothing({ target: reportResponseTemplates.code })
        .returning({ code: reportResponseTemplates.code }),
    );
    report.calendar_days = await inBatches(calendarRows, BATCH, (c) =>
      tx
        .insert(calendarDays)
        .values(c)
        .onConflictDoNothing({ target: calendarDays.day })
        .returning({ day: calendarDays.day }),
    );
  });

  const ms = Math.round(performance.now() - started);
  const summary = SEED_TABLES.map((t) => `${t} +${report[t]}`).join(', ');
  log(`reference data seeded in ${ms} ms: ${summary}`);
  return report;
}
