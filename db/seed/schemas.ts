import { z } from 'zod';

/**
 * Zod schemas for the reference-data files in db/seed/data (one schema per file). They check the
 * shape the seed relies on and strip everything else (`_meta`, evidence lists, ...), so the files
 * can keep their provenance notes. A file that does not match throws a SeedFileError naming the
 * file and the field path, e.g.
 * `Seed file kz_regions.json is malformed: [3].kato: expected a 9-digit KATO code`.
 */

// ---------------------------------------------------------------------------------------------
// Errors

/** A seed data file that is missing, is not JSON, or has the wrong shape. */
export class SeedFileError extends Error {
  override readonly name = 'SeedFileError';
  /** File name (without directory), e.g. `kz_regions.json`. */
  readonly file: string;
  /** `path: message` of each problem found (empty for a missing file or invalid JSON). */
  readonly issues: readonly string[];

  constructor(file: string, detail: string, issues: readonly string[] = [], options?: { cause?: unknown }) {
    super(`Seed file ${file} ${detail}`, options);
    this.file = file;
    this.issues = issues;
  }

  /** The file has the wrong shape (or is inconsistent with another file): `path: message` lines. */
  static malformed(file: string, issues: readonly string[]): SeedFileError {
    const shown = issues.slice(0, 3).join('; ');
    const more = issues.length > 3 ? ` (and ${issues.length - 3} more)` : '';
    return new SeedFileError(file, `is malformed: ${shown}${more}`, issues);
  }
}

/** `[3].kato`, `features[12].properties.kato`, `movable.2025[0].date`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else {
      const s = String(key);
      if (/^[\w$-]+$/.test(s)) out += out === '' ? s : `.${s}`;
      else out += `[${JSON.stringify(s)}]`;
    }
  }
  return out === '' ? '(root)' : out;
}

function issueLines(issues: readonly z.core.$ZodIssue[], prefix: readonly PropertyKey[] = []): string[] {
  const lines: string[] = [];
  for (const issue of issues) {
    const path = [...prefix, ...issue.path];
    if (issue.code === 'invalid_key' && issue.issues.length > 0) {
      lines.push(...issueLines(issue.issues, path).map((l) => l.replace(/: /, ': invalid key: ')));
    } else {
      lines.push(`${formatIssuePath(path)}: ${issue.message}`);
    }
  }
  return lines;
}

/** Validates already-parsed JSON of `file` against `schema`; throws a SeedFileError naming both. */
export function parseSeedFile<S extends z.ZodType>(file: string, schema: S, data: unknown): z.output<S> {
  const result = schema.safeParse(data);
  if (!result.success) throw SeedFileError.malformed(file, issueLines(result.error.issues));
  return result.data;
}

// ---------------------------------------------------------------------------------------------
// Building blocks

const nonEmpty = z.string().trim().min(1, 'expected a non-empty string');
const kato = z.string().regex(/^[0-9]{9}$/, { error: 'expected a 9-digit KATO code', abort: true });
const level1Kato = kato.refine((k) => k.endsWith('0000000'), 'expected a level-1 KATO code (NN0000000)');
const level2Kato = kato.refine((k) => !k.endsWith('0000000'), 'expected a level-2 KATO code (not NN0000000)');
const isoDate = z.iso.date('expected a date YYYY-MM-DD');
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$/, 'expected a month-day MM-DD');
const yearKey = z.string().regex(/^[0-9]{4}$/, 'expected a year YYYY');
const httpUrl = z.string().regex(/^https?:\/\/\S+$/, 'expected an http(s) URL');
const snakeCode = z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a snake_case code');
const bodyCode = z.string().regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'expected a code of letters, digits, _ or -');
const optionalText = z
  .string()
  .nullish()
  .transform((s) => s ?? '');

/** Adds an issue at `[i, field]` for every repeated key (natural keys must be unique in a file). */
function uniqueBy<T>(key: (item: T) => string, field: readonly PropertyKey[], what: string) {
  return (items: readonly T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      const k = key(item);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', message: `duplicate ${what} "${k}"`, path: [i, ...field] });
      seen.add(k);
    });
  };
}

const names = { name_en: nonEmpty, name_ru: nonEmpty, name_kk: nonEmpty };

// ---------------------------------------------------------------------------------------------
// kz_regions.json: the 20 first-level units

export const regionSchema = z.object({
  kato: level1Kato,
  iso_3166_2: z.string().regex(/^KZ-[0-9]{2}$/, 'expected an ISO 3166-2 code like KZ-10'),
  type: z.enum(['region', 'city_of_republican_significance']),
  ...names,
  centre_en: nonEmpty,
  centre_ru: nonEmpty,
  centre_kk: nonEmpty,
  codab_pcode: optionalText,
  note: optionalText,
});
export const regionsFileSchema = z
  .array(regionSchema)
  .min(1, 'expected at least one region')
  .superRefine(uniqueBy((r) => r.kato, ['kato'], 'KATO code'))
  .superRefine(uniqueBy((r) => r.iso_3166_2, ['iso_3166_2'], 'ISO 3166-2 code'));
export type RegionsFile = z.output<typeof regionsFileSchema>;

// ---------------------------------------------------------------------------------------------
// kz_kato_level2_districts.json: districts, cities of regional significance, city districts

export const districtSchema = z
  .object({
    kato: level2Kato,
    region_kato: level1Kato,
    type: z.enum(['district', 'city_of_regional_significance', 'city_district']),
    name_ru_kato: nonEmpty,
    name_en: nonEmpty,
    name_kk: nonEmpty,
    codab_pcode: optionalText,
    codab_name_en: optionalText,
    source: nonEmpty,
    note: optionalText,
  })
  .superRefine((d, ctx) => {
    if (d.kato.slice(0, 2) !== d.region_kato.slice(0, 2)) {
      ctx.addIssue({ code: 'custom', path: ['kato'], message: `KATO code does not belong to region ${d.region_kato}` });
    }
  });
export const districtsFileSchema = z
  .array(districtSchema)
  .min(1, 'expected at least one unit')
  .superRefine(uniqueBy((d) => d.kato, ['kato'], 'KATO code'));
export type DistrictsFile = z.output<typeof districtsFileSchema>;

// ---------------------------------------------------------------------------------------------
// GeoJSON boundaries (kz_adm1_regions_codab2023.geojson, kz_adm2_districts_codab2023.geojson)

const position = z
  .array(z.number())
  .min(2, 'expected a position [lon, lat]')
  .refine((p) => Math.abs(p[0] ?? NaN) <= 180 && Math.abs(p[1] ?? NaN) <= 90, 'expected [lon, lat] in WGS84 degrees');
const linearRing = z
  .array(position)
  .min(4, 'expected a linear ring of at least 4 positions')
  .refine((ring) => {
    const first = ring[0];
    const last = ring[ring.length - 1];
    return first !== undefined && last !== undefined && first[0] === last[0] && first[1] === last[1];
  }, 'expected a closed linear ring (first position = last position)');
const polygonCoords = z.array(linearRing).min(1, 'expected at least one ring');
export const polygonalGeometrySchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('Polygon'), coordinates: polygonCoords }),
  z.object({
    type: z.literal('MultiPolygon'),
    coordinates: z.array(polygonCoords).min(1, 'expected at least one polygon'),
  }),
]);
export type PolygonalGeometry = z.output<typeof polygonalGeometrySchema>;

const uniqueFeatureKato = uniqueBy<{ properties: { kato: string } }>(
  (f) => f.properties.kato,
  ['properties', 'kato'],
  'KATO code',
);
export const adm1GeojsonSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({ kato: level1Kato, name_en: z.string().optional() }),
        geometry: polygonalGeometrySchema,
      }),
    )
    .superRefine(uniqueFeatureKato),
});
export const adm2GeojsonSchema = z.object({
  type: z.literal('FeatureCollection'),
  features: z
    .array(
      z.object({
        type: z.literal('Feature'),
        properties: z.object({ kato: level2Kato, region_kato: level1Kato.optional(), name_en: z.string().optional() }),
        geometry: polygonalGeometrySchema,
      }),
    )
    .superRefine(uniqueFeatureKato),
});
export type BoundariesFile = z.output<typeof adm1GeojsonSchema> | z.output<typeof adm2GeojsonSchema>;

// kz_adm1_adm2_codab2023.topojson (not seeded: served to browser maps; checked for shape only)
const topoGeometryCollection = z.object({
  type: z.literal('GeometryCollection'),
  geometries: z.array(
    z.object({
      type: z.enum(['Polygon', 'MultiPolygon']),
      arcs: z.array(z.unknown()),
      properties: z.object({ kato }),
    }),
  ),
});
export const topojsonSchema = z.object({
  type: z.literal('Topology'),
  arcs: z.array(z.array(z.array(z.number()))),
  transform: z
    .object({ scale: z.tuple([z.number(), z.number()]), translate: z.tuple([z.number(), z.number()]) })
    .optional(),
  objects: z.object({ adm1: topoGeometryCollection, adm2: topoGeometryCollection }),
});

// ---------------------------------------------------------------------------------------------
// kz_government_bodies.json: ministries, agencies and the typical akimat departments

const centralBody = z.object({
  code: bodyCode,
  ...names,
  domains: z.array(nonEmpty).default([]),
  note: optionalText,
});
const departmentType = z.object({ code: snakeCode, ...names });
export const governmentBodiesFileSchema = z
  .object({
    ministries: z.array(centralBody).min(1, 'expected at least one ministry'),
    agencies_and_other_central_bodies: z.array(centralBody).default([]),
    typical_local_akimat_departments: z
      .array(departmentType)
      .min(1, 'expected at least one department')
      .superRefine(uniqueBy((d) => d.code, ['code'], 'department code')),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>(['GOV']); // GOV is the Government itself (added by the seed)
    for (const list of ['ministries', 'agencies_and_other_central_bodies'] as const) {
      f[list].forEach((b, i) => {
        if (seen.has(b.code))
          ctx.addIssue({ code: 'custom', path: [list, i, 'code'], message: `duplicate code "${b.code}"` });
        seen.add(b.code);
      });
    }
  });
export type GovernmentBodiesFile = z.output<typeof governmentBodiesFileSchema>;

// ---------------------------------------------------------------------------------------------
// kz_issue_categories.json

const issueCategory = z.object({
  code: snakeCode,
  ...names,
  examples_en: z.array(nonEmpty).default([]),
  default_local_department: snakeCode,
  season: z
    .string()
    .trim()
    .min(1, 'expected a season or null')
    .nullish()
    .transform((s) => s ?? null),
});
export const issueCategoriesFileSchema = z.object({
  categories: z
    .array(issueCategory)
    .min(1, 'expected at least one category')
    .superRefine(uniqueBy((c) => c.code, ['code'], 'category code')),
});
export type IssueCategoriesFile = z.output<typeof issueCategoriesFileSchema>;

// ---------------------------------------------------------------------------------------------
// kz_national_priorities_ndp.json

const ndpDirection = z.object({ code: nonEmpty, name_en: nonEmpty, name_ru: nonEmpty, status: optionalText });
const ndpPriority = z.object({
  code: nonEmpty,
  direction: z
    .string()
    .nullish()
    .transform((s) => s || null),
  name_en: nonEmpty,
  name_ru: nonEmpty,
  name_kk: z
    .string()
    .nullish()
    .transform((s) => s?.trim() || null),
  status: nonEmpty,
  linked_projects: z.array(nonEmpty).default([]),
});
export const nationalPrioritiesFileSchema = z.object({
  ndp_2025: z
    .object({
      directions: z.array(ndpDirection).default([]),
      national_priorities: z
        .array(ndpPriority)
        .min(1, 'expected at least one priority')
        .superRefine(uniqueBy((p) => p.code, ['code'], 'priority code')),
    })
    .superRefine((ndp, ctx) => {
      const directions = new Set(ndp.directions.map((d) => d.code));
      ndp.national_priorities.forEach((p, i) => {
        if (p.direction !== null && directions.size > 0 && !directions.has(p.direction)) {
          ctx.addIssue({
            code: 'custom',
            path: ['national_priorities', i, 'direction'],
            message: `unknown direction "${p.direction}"`,
          });
        }
      });
    }),
});
export type NationalPrioritiesFile = z.output<typeof nationalPrioritiesFileSchema>;

// ---------------------------------------------------------------------------------------------
// kz_national_projects.json

const projectBase = {
  code: nonEmpty,
  name_en: nonEmpty,
  name_ru: optionalText, // may be empty where the title is unknown
  name_kk: optionalText,
  name_kk_status: optionalText,
  responsible_now: z.array(nonEmpty).default([]),
  summary: z
    .string()
    .nullish()
    .transform((s) => s?.trim() || null),
  key_indicators: z.array(nonEmpty).default([]),
  sources: z.array(httpUrl).default([]),
  status: nonEmpty,
  later_status: z
    .string()
    .nullish()
    .transform((s) => s?.trim() || null),
};
const project2021 = z.object({
  ...projectBase,
  period: z.string().regex(/^[0-9]{4}-([0-9]{4})?$/, 'expected a period like 2021-2025'),
  responsible_2021: optionalText,
});
const laterProject = z.object({
  ...projectBase,
  announced: z.string().regex(/\b(19|20)[0-9]{2}\b/, 'expected text starting with the year announced'),
});
export const nationalProjectsFileSchema = z
  .object({
    projects_2021_2025: z.array(project2021).min(1, 'expected at least one project'),
    later_national_projects: z.array(laterProject).default([]),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    for (const list of ['projects_2021_2025', 'later_national_projects'] as const) {
      f[list].forEach((p, i) => {
        if (seen.has(p.code))
          ctx.addIssue({ code: 'custom', path: [list, i, 'code'], message: `duplicate code "${p.code}"` });
        seen.add(p.code);
      });
    }
  });
export type NationalProjectsFile = z.output<typeof nationalProjectsFileSchema>;

// ---------------------------------------------------------------------------------------------
// kz_population.json

/** A row without a number is allowed (and skipped by the seed with a log line). */
const populationValue = z
  .number()
  .int('expected a whole number of residents')
  .positive('expected a positive number of residents')
  .max(100_000_000, 'expected a plausible number of residents')
  .nullish()
  .transform((n) => n ?? null);
const populationRegion = z.object({
  kato: level1Kato,
  population: populationValue,
  as_of: isoDate,
  status: nonEmpty,
  source_urls: z.array(httpUrl).min(1, 'expected at least one source URL'),
  note: optionalText,
});
const populationDistrict = z.object({
  kato: level2Kato,
  region_kato: level1Kato.optional(),
  population: populationValue,
  as_of: isoDate,
  basis: optionalText,
  source_url: httpUrl,
  note: optionalText,
});
export const populationFileSchema = z.object({
  regions: z
    .array(populationRegion)
    .superRefine(uniqueBy((r) => `${r.kato} ${r.as_of}`, ['kato'], 'KATO code and as_of date')),
  districts: z
    .array(populationDistrict)
    .default([])
    .superRefine(uniqueBy((r) => `${r.kato} ${r.as_of}`, ['kato'], 'KATO code and as_of date')),
});
export type PopulationFile = z.output<typeof populationFileSchema>;

// ---------------------------------------------------------------------------------------------
// kz_holidays.json

function weekday(date: string): number {
  return new Date(`${date}T00:00:00Z`).getUTCDay();
}
const isWeekend = (date: string) => weekday(date) === 0 || weekday(date) === 6;

const fixedHoliday = z
  .object({
    id: nonEmpty,
    name_en: nonEmpty,
    name_ru: z
      .string()
      .nullish()
      .transform((s) => s?.trim() || null),
    name_kk: z
      .string()
      .nullish()
      .transform((s) => s?.trim() || null),
    category: nonEmpty,
    day_off: z.boolean(),
    weekend_carryover: z.boolean(),
    valid_from: isoDate.nullish().transform((s) => s ?? null),
    valid_to: isoDate.nullish().transform((s) => s ?? null),
    dates: z.array(monthDay).min(1, 'expected at least one date'),
  })
  .superRefine((h, ctx) => {
    if (h.valid_from && h.valid_to && h.valid_from > h.valid_to) {
      ctx.addIssue({ code: 'custom', path: ['valid_to'], message: 'valid_to is before valid_from' });
    }
  });
const movableHoliday = z.object({
  id: nonEmpty,
  date: isoDate,
  name_en: nonEmpty,
  name_ru: z
    .string()
    .nullish()
    .transform((s) => s?.trim() || null),
  name_kk: z
    .string()
    .nullish()
    .transform((s) => s?.trim() || null),
  category: nonEmpty,
  day_off: z.boolean(),
  weekend_carryover: z.boolean().default(false),
  status: optionalText,
});
const transfer = z
  .object({ work_on: isoDate, rest_on: isoDate, description: optionalText, act: optionalText })
  .superRefine((t, ctx) => {
    if (!isWeekend(t.work_on))
      ctx.addIssue({ code: 'custom', path: ['work_on'], message: 'expected a Saturday or Sunday' });
    if (isWeekend(t.rest_on))
      ctx.addIssue({ code: 'custom', path: ['rest_on'], message: 'expected a weekday (Mon-Fri)' });
  });
const computedYear = z.object({
  holidays: z.array(z.object({ date: isoDate, name_en: nonEmpty, category: optionalText })),
  weekend_carryovers: z
    .array(z.object({ holiday_date: isoDate, holiday: nonEmpty, day_off_moved_to: isoDate }))
    .default([]),
  non_working_weekdays: z.array(isoDate).default([]),
  working_weekend_days: z.array(isoDate).default([]),
  flags: z.array(z.string()).default([]),
});

/** Every date listed under a year key must be in that year. */
function datesInYear<T>(dates: (item: T) => [PropertyKey[], string][]) {
  return (byYear: Record<string, T[]>, ctx: z.RefinementCtx) => {
    for (const [year, items] of Object.entries(byYear)) {
      items.forEach((item, i) => {
        for (const [path, date] of dates(item)) {
          if (!date.startsWith(`${year}-`)) {
            ctx.addIssue({ code: 'custom', path: [year, i, ...path], message: `date ${date} is not in ${year}` });
          }
        }
      });
    }
  };
}

export const holidaysFileSchema = z.object({
  _meta: z.object({ verified: z.record(z.string(), z.string()).optional() }).optional(),
  fixed: z
    .array(fixedHoliday)
    .min(1, 'expected at least one fixed holiday')
    .superRefine(uniqueBy((h) => h.id, ['id'], 'holiday id')),
  movable: z
    .record(yearKey, z.array(movableHoliday))
    .default({})
    .superRefine(datesInYear((m) => [[['date'], m.date]])),
  transfers: z
    .record(yearKey, z.array(transfer))
    .default({})
    .superRefine(
      datesInYear((t) => [
        [['work_on'], t.work_on],
        [['rest_on'], t.rest_on],
      ]),
    ),
  computed_non_working_days: z
    .record(yearKey, computedYear)
    .default({})
    .superRefine((byYear, ctx) => {
      for (const [year, c] of Object.entries(byYear)) {
        c.holidays.forEach((h, i) => {
          if (!h.date.startsWith(`${year}-`)) {
            ctx.addIssue({
              code: 'custom',
              path: [year, 'holidays', i, 'date'],
              message: `date ${h.date} is not in ${year}`,
            });
          }
        });
        c.non_working_weekdays.forEach((d, i) => {
          if (isWeekend(d)) {
            ctx.addIssue({ code: 'custom', path: [year, 'non_working_weekdays', i], message: `${d} is not a weekday` });
          }
        });
        c.working_weekend_days.forEach((d, i) => {
          if (!isWeekend(d)) {
            ctx.addIssue({
              code: 'custom',
              path: [year, 'working_weekend_days', i],
              message: `${d} is not a weekend day`,
            });
          }
        });
      }
    }),
});
export type HolidaysFile = z.output<typeof holidaysFileSchema>;

// ---------------------------------------------------------------------------------------------
// kz_petition_rules.json and kz_iin_bin_test_vectors.json (not seeded into tables; copied for the
// petition rules and IIN/BIN validation code, and shape-checked here)

export const petitionRulesFileSchema = z.object({
  legal_basis: nonEmpty,
  who_can_file_and_sign: nonEmpty,
  moderation: nonEmpty,
  initial_support: nonEmpty,
  mandatory_consideration_thresholds: z
    .array(z.object({ level: nonEmpty, threshold: nonEmpty }))
    .min(1, 'expected at least one threshold'),
  prohibited_topics_reported: z.array(nonEmpty).default([]),
});

const twelveDigits = z.string().regex(/^[0-9]{12}$/, 'expected 12 digits');
const weights = z.array(z.number().int()).length(11, 'expected 11 weights');
export const iinBinVectorsFileSchema = z.object({
  check_digit: z.object({ weights_1: weights, weights_2: weights }),
  vectors: z
    .array(
      z.object({
        value: twelveDigits.nullable(),
        kind: z.enum(['IIN', 'BIN']),
        desc: optionalText,
        first11: z
          .string()
          .regex(/^[0-9]{11}$/, 'expected 11 digits')
          .optional(),
      }),
    )
    .min(1, 'expected at least one vector'),
  single_digit_mutations: z.array(z.object({ value: twelveDigits, valid: z.boolean() })).default([]),
});

// ---------------------------------------------------------------------------------------------
// The files of db/seed/data and their schemas

const supplementNames = z
  .object({ name_kk: z.string().min(1), name_ru: z.string().min(1), name_en: z.string().min(1) })
  .partial()
  .strict();

/** Names written by the project where a source file lacks a language (dauys_name_supplements.json). */
export const nameSupplementsFileSchema = z.object({
  _meta: z.object({ description: z.string() }).passthrough(),
  national_projects: z.record(
    z.string().regex(/^NP-[A-Z0-9-]+$/, 'expected a project code like NP-EDU'),
    supplementNames,
  ),
  national_priorities: z.record(z.string().regex(/^P[0-9]{2}$/, 'expected a priority code like P01'), supplementNames),
});

// ---------------------------------------------------------------------------------------------
// dauys_report_templates.json: response templates for staff answers to local-issue reports

const trilingualText = z.object({ kk: nonEmpty, ru: nonEmpty, en: nonEmpty });
export const REPORT_TEMPLATE_DECISIONS = ['resolved', 'partially-resolved', 'refused', 'explained', 'planned'] as const;
export const reportTemplatesFileSchema = z.object({
  templates: z
    .array(
      z.object({
        code: z.string().regex(/^[a-z][a-z0-9-]*$/, 'expected a kebab-case code'),
        /** null: a general template, offered for every category. */
        category: snakeCode.nullable(),
        decision: z.enum(REPORT_TEMPLATE_DECISIONS),
        title: trilingualText,
        text: trilingualText,
      }),
    )
    .min(1, 'expected at least one template')
    .superRefine(uniqueBy((t) => t.code, ['code'], 'template code')),
});
export type ReportTemplatesFile = z.output<typeof reportTemplatesFileSchema>;

export const seedFiles = {
  regions: { file: 'kz_regions.json', schema: regionsFileSchema },
  districts: { file: 'kz_kato_level2_districts.json', schema: districtsFileSchema },
  adm1: { file: 'kz_adm1_regions_codab2023.geojson', schema: adm1GeojsonSchema },
  adm2: { file: 'kz_adm2_districts_codab2023.geojson', schema: adm2GeojsonSchema },
  topojson: { file: 'kz_adm1_adm2_codab2023.topojson', schema: topojsonSchema },
  governmentBodies: { file: 'kz_government_bodies.json', schema: governmentBodiesFileSchema },
  issueCategories: { file: 'kz_issue_categories.json', schema: issueCategoriesFileSchema },
  nationalPriorities: { file: 'kz_national_priorities_ndp.json', schema: nationalPrioritiesFileSchema },
  nationalProjects: { file: 'kz_national_projects.json', schema: nationalProjectsFileSchema },
  population: { file: 'kz_population.json', schema: populationFileSchema },
  holidays: { file: 'kz_holidays.json', schema: holidaysFileSchema },
  petitionRules: { file: 'kz_petition_rules.json', schema: petitionRulesFileSchema },
  iinBinVectors: { file: 'kz_iin_bin_test_vectors.json', schema: iinBinVectorsFileSchema },
  nameSupplements: { file: 'dauys_name_supplements.json', schema: nameSupplementsFileSchema },
  reportTemplates: { file: 'dauys_report_templates.json', schema: reportTemplatesFileSchema },
} as const;
export type SeedFileKey = keyof typeof seedFiles;
