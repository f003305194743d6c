import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { asc, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { categoryProjects, issueCategories, nationalProjects, projectIndicators } from '../../../db/schema';

/**
 * Seeds the project data the project office then maintains (idempotently, in one transaction):
 *
 *  - project_indicators, from each project's key indicators (national_projects.key_indicators,
 *    English free text from kz_national_projects.json) and the team's file
 *    db/seed/data/dauys_project_indicators.json, which splits each text into indicators named in
 *    kk/ru/en with the numbers the text states (null where it states none). A key indicator without
 *    an entry in that file becomes one indicator named by its English text, without numbers (logged).
 *    A project's indicators are seeded only while it has none: a second run, or a run after the
 *    office edited or removed some, changes nothing.
 *  - category_projects, from db/seed/data/dauys_category_projects.json (on conflict do nothing).
 *    Unknown categories or projects are skipped and logged.
 *
 * A malformed file stops the seed with the file and field named, before anything is written.
 */

const fileName = { indicators: 'dauys_project_indicators.json', categories: 'dauys_category_projects.json' } as const;

export const defaultProjectDataDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../db/seed/data');

const num = z.number().finite().nullable().default(null);
const yr = z.number().int().min(1990).max(2100).nullable().default(null);

export const indicatorEntrySchema = z.object({
  source_text: z.string().min(1),
  name_en: z.string().trim().min(2),
  name_ru: z.string().trim().min(2),
  name_kk: z.string().trim().min(2),
  unit: z.string().trim().min(1).max(40).nullable().default(null),
  baseline: num,
  baseline_year: yr,
  target: num,
  target_year: yr,
  current: num,
  current_as_of: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable()
    .default(null),
});

export const projectIndicatorsFileSchema = z.object({
  _meta: z.object({ what: z.string().min(1), authored_by: z.string().min(1) }).passthrough(),
  projects: z.record(z.string().regex(/^NP-[A-Z0-9-]+$/), z.array(indicatorEntrySchema)),
});

export const categoryProjectsFileSchema = z.object({
  _meta: z.object({ what: z.string().min(1), authored_by: z.string().min(1) }).passthrough(),
  mappings: z
    .array(
      z.object({
        category: z.string().regex(/^[a-z_]+$/),
        projects: z.array(z.string().regex(/^NP-[A-Z0-9-]+$/)).min(1),
        confidence: z.enum(['strong', 'weak']),
        why: z.string().min(1),
      }),
    )
    .superRefine((list, ctx) => {
      const seen = new Set<string>();
      list.forEach((m, i) => {
        if (seen.has(m.category)) ctx.addIssue({ code: 'custom', path: [i, 'category'], message: `duplicate category "${m.category}"` });
        seen.add(m.category);
      });
    }),
});

export type IndicatorEntry = z.output<typeof indicatorEntrySchema>;
export type ProjectIndicatorsFile = z.output<typeof projectIndicatorsFileSchema>;
export type CategoryProjectsFile = z.output<typeof categoryProjectsFileSchema>;

export class ProjectDataFileError extends Error {
  constructor(
    readonly file: string,
    readonly issues: string[],
  ) {
    super(`${file} is invalid:\n  ${issues.join('\n  ')}`);
    this.name = 'ProjectDataFileError';
  }
}

function parseWith<S extends z.ZodType>(file: string, schema: S, data: unknown): z.output<S> {
  const r = schema.safeParse(data);
  if (r.success) return r.data as z.output<S>;
  throw new ProjectDataFileError(
    file,
    r.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`),
  );
}

export function parseProjectIndicatorsFile(data: unknown): ProjectIndicatorsFile {
  return parseWith(fileName.indicators, projectIndicatorsFileSchema, data);
}

export function parseCategoryProjectsFile(data: unknown): CategoryProjectsFile {
  return parseWith(fileName.categories, categoryProjectsFileSchema, data);
}

async function readJson(dir: string, file: string): Promise<unknown> {
  const full = path.join(dir, file);
  let text: string;
  try {
    text = await readFile(full, 'utf8');
  } catch (err) {
    throw new ProjectDataFileError(file, [`could not be read (${full}): ${(err as Error).message}`]);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    throw new ProjectDataFileError(file, [`is not valid JSON: ${(err as Error).message}`]);
  }
}

export type IndicatorRow = typeof projectIndicators.$inferInsert;

/**
 * The indicator rows of one project (pure): for each key indicator text, the authored entries
 * whose source_text is that text, else one row named by the text; `sortOrder` follows the order of
 * the texts and entries (10, 20, ...). `fallbacks` lists the texts that had no authored entry.
 */
export function indicatorRowsFor(
  code: string,
  keyIndicators: readonly string[],
  authored: readonly IndicatorEntry[],
): { rows: IndicatorRow[]; fallbacks: string[] } {
  const rows: IndicatorRow[] = [];
  const fallbacks: string[] = [];
  const source = (text: string) => `kz_national_projects.json, key indicator: "${text}" (see the project's sources)`;
  for (const text of keyIndicators) {
    const entries = authored.filter((e) => e.source_text === text);
    if (entries.length === 0) {
      fallbacks.push(text);
      rows.push({ projectCode: code, nameKk: text, nameRu: text, nameEn: text, source: source(text), sortOrder: (rows.length + 1) * 10 });
      continue;
    }
    for (const e of entries) {
      rows.push({
        projectCode: code,
        nameKk: e.name_kk,
        nameRu: e.name_ru,
        nameEn: e.name_en,
        unit: e.unit,
        baseline: e.baseline,
        baselineYear: e.baseline_year,
        target: e.target,
        targetYear: e.target_year,
        currentValue: e.current,
        currentAsOf: e.current_as_of,
        source: source(text),
        sortOrder: (rows.length + 1) * 10,
      });
    }
  }
  return { rows, fallbacks };
}

export interface ProjectDataReport {
  indicators: number;
  categoryProjects: number;
  /** Key indicator texts stored untranslated and without numbers (no authored entry). */
  fallbacks: number;
}

/** Seeds project_indicators and category_projects (see the module comment). Safe to repeat. */
export async function seedProjectData(
  db: Db,
  opts: { dataDir?: string; log?: (msg: string) => void } = {},
): Promise<ProjectDataReport> {
  const dir = opts.dataDir ?? defaultProjectDataDir;
  const log = opts.log ?? (() => {});
  const indicatorsFile = parseProjectIndicatorsFile(await readJson(dir, fileName.indicators));
  const categoriesFile = parseCategoryProjectsFile(await readJson(dir, fileName.categories));
  return db.transaction(async (tx) => {
    const report: ProjectDataReport = { indicators: 0, categoryProjects: 0, fallbacks: 0 };
    const projects = await tx
      .select({ code: nationalProjects.code, keyIndicators: nationalProjects.keyIndicators })
      .from(nationalProjects)
      .orderBy(asc(nationalProjects.sortOrder));
    const known = new Set(projects.map((p) => p.code));
    for (const code of Object.keys(indicatorsFile.projects)) {
      if (!known.has(code)) log(`${fileName.indicators}: project ${code} is not in national_projects; skipped`);
    }
    const withIndicators = new Set(
      projects.length === 0
        ? []
        : (
            await tx
              .selectDistinct({ code: projectIndicators.projectCode })
              .from(projectIndicators)
              .where(inArray(projectIndicators.projectCode, projects.map((p) => p.code)))
          ).map((r) => r.code),
    );
    for (const p of projects) {
      if (withIndicators.has(p.code)) continue;
      const { rows, fallbacks } = indicatorRowsFor(p.code, p.keyIndicators, indicatorsFile.projects[p.code] ?? []);
      for (const f of fallbacks) log(`project_indicators: ${p.code} key indicator "${f}" has no entry in ${fileName.indicators}; stored its English text without numbers (edit it)`);
      report.fallbacks += fallbacks.length;
      if (rows.length === 0) continue;
      const inserted = await tx.insert(projectIndicators).values(rows).returning({ id: projectIndicators.id });
      report.indicators += inserted.length;
    }

    const categories = new Set((await tx.select({ code: issueCategories.code }).from(issueCategories)).map((c) => c.code));
    const pairs: { categoryCode: string; projectCode: string }[] = [];
    for (const m of categoriesFile.mappings) {
      if (!categories.has(m.category)) {
        log(`${fileName.categories}: category ${m.category} is not in issue_categories; skipped`);
        continue;
      }
      for (const code of m.projects) {
        if (!known.has(code)) log(`${fileName.categories}: project ${code} (category ${m.category}) is not in national_projects; skipped`);
        else pairs.push({ categoryCode: m.category, projectCode: code });
      }
    }
    if (pairs.length > 0) {
      const inserted = await tx.insert(categoryProjects).values(pairs).onConflictDoNothing().returning({ code: categoryProjects.categoryCode });
      report.categoryProjects = inserted.length;
    }
    return report;
  });
}
