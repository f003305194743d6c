import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  indicatorRowsFor,
  parseCategoryProjectsFile,
  parseProjectIndicatorsFile,
  ProjectDataFileError,
  type IndicatorEntry,
} from '../../app/domain/projects/indicators-seed.server';
import { KNOWN_UNITS } from '../../app/ui/projects/units';

const dataDir = path.join(process.cwd(), 'db/seed/data');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')) as unknown;

interface SeedProject {
  code: string;
  key_indicators: string[];
}
const projectsFile = readJson('kz_national_projects.json') as { projects_2021_2025: SeedProject[]; later_national_projects: SeedProject[] };
const projects = [...projectsFile.projects_2021_2025, ...projectsFile.later_national_projects];
const categories = (readJson('kz_issue_categories.json') as { categories: { code: string }[] }).categories.map((c) => c.code);
const indicators = parseProjectIndicatorsFile(readJson('dauys_project_indicators.json'));
const mapping = parseCategoryProjectsFile(readJson('dauys_category_projects.json'));

/**
 * The ways a source text may write a number: 840000 as 840000, 840,000, 840k; 1000000 as 1 million;
 * 2e9 as 2 billion; 1000 (US$ million) as 1 bn.
 */
function mentions(text: string, n: number): boolean {
  const forms = new Set([String(n), n.toLocaleString('en-US')]);
  if (n >= 1000 && n % 1000 === 0) {
    forms.add(`${n / 1000}k`);
    forms.add(`${n / 1000} bn`);
  }
  if (n >= 1e6 && n % 1e5 === 0) forms.add(`${n / 1e6} million`);
  if (n >= 1e9 && n % 1e8 === 0) forms.add(`${n / 1e9} billion`);
  return [...forms].some((f) => text.includes(f));
}

describe('dauys_project_indicators.json', () => {
  it('has an entry for every key indicator of every project (so nothing is seeded untranslated)', () => {
    for (const p of projects) {
      const { fallbacks } = indicatorRowsFor(p.code, p.key_indicators, indicators.projects[p.code] ?? []);
      expect(fallbacks, p.code).toEqual([]);
    }
  });

  it('names no unknown project and every source text is a real key indicator of its project', () => {
    for (const [code, entries] of Object.entries(indicators.projects)) {
      const p = projects.find((x) => x.code === code);
      expect(p, code).toBeDefined();
      for (const e of entries) expect(p!.key_indicators, `${code}: ${e.source_text}`).toContain(e.source_text);
    }
  });

  it('states only numbers the source text gives (nothing estimated)', () => {
    for (const [code, entries] of Object.entries(indicators.projects)) {
      for (const e of entries) {
        for (const field of ['baseline', 'target', 'current', 'baseline_year', 'target_year'] as const) {
          const v = e[field];
          if (v !== null) expect(mentions(e.source_text, v), `${code} ${field}=${v} in "${e.source_text}"`).toBe(true);
        }
        if (e.current_as_of) expect(e.source_text, `${code} current_as_of`).toContain(e.current_as_of.slice(0, 4));
      }
    }
  });

  it('uses only units the portal translates', () => {
    const units = Object.values(indicators.projects).flatMap((es) => es.map((e) => e.unit)).filter((u): u is string => u !== null);
    for (const u of units) expect(KNOWN_UNITS as readonly string[]).toContain(u);
  });

  it('names every indicator in three different languages', () => {
    for (const e of Object.values(indicators.projects).flat()) {
      expect(e.name_kk).not.toBe(e.name_en);
      expect(e.name_ru).not.toBe(e.name_en);
      expect(e.name_kk).not.toBe(e.name_ru);
    }
  });

  it('is refused with the file and the field named when malformed', () => {
    expect(() => parseProjectIndicatorsFile({ projects: {} })).toThrow(ProjectDataFileError);
    try {
      parseProjectIndicatorsFile({ _meta: { what: 'x', authored_by: 'y' }, projects: { 'NP-EDU': [{ source_text: 'a', name_en: 'Aa', name_ru: 'Бб', name_kk: 'Әә', target: 'many' }] } });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).toContain('dauys_project_indicators.json');
      expect((err as ProjectDataFileError).issues.join('\n')).toContain('projects.NP-EDU.0.target');
    }
  });
});

describe('indicatorRowsFor', () => {
  const entry = (source_text: string, name_en: string, target: number | null = null): IndicatorEntry => ({
    source_text,
    name_en,
    name_ru: `ru ${name_en}`,
    name_kk: `kk ${name_en}`,
    unit: target === null ? null : 'percent',
    baseline: null,
    baseline_year: null,
    target,
    target_year: null,
    current: null,
    current_as_of: null,
  });

  it('splits a text into its authored indicators, in order, and falls back to the text alone', () => {
    const { rows, fallbacks } = indicatorRowsFor('NP-X', ['A and B', 'C'], [entry('A and B', 'A', 10), entry('A and B', 'B', 20)]);
    expect(rows.map((r) => [r.nameEn, r.target ?? null, r.sortOrder])).toEqual([
      ['A', 10, 10],
      ['B', 20, 20],
      ['C', null, 30],
    ]);
    expect(rows[2]).toMatchObject({ nameKk: 'C', nameRu: 'C', nameEn: 'C' });
    expect(fallbacks).toEqual(['C']);
    expect(rows.every((r) => r.source?.includes('kz_national_projects.json'))).toBe(true);
  });

  it('gives one row per authored entry or fallback, with increasing order (property)', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 8 }), { maxLength: 6 }), fc.array(fc.nat({ max: 3 }), { maxLength: 6 }), (texts, per) => {
        const authored = texts.flatMap((t, i) => Array.from({ length: per[i] ?? 0 }, (_, j) => entry(t, `${t}-${j}`)));
        const { rows, fallbacks } = indicatorRowsFor('NP-X', texts, authored);
        expect(rows.length).toBe(authored.length + fallbacks.length);
        expect(fallbacks.length).toBe(texts.filter((_, i) => (per[i] ?? 0) === 0).length);
        const orders = rows.map((r) => r.sortOrder!);
        expect(orders).toEqual([...orders].sort((a, b) => a - b));
      }),
    );
  });
});

describe('dauys_category_projects.json', () => {
  it('maps known categories to known projects, each category once', () => {
    const codes = new Set(projects.map((p) => p.code));
    const seen = new Set<string>();
    for (const m of mapping.mappings) {
      expect(categories, m.category).toContain(m.category);
      expect(seen.has(m.category), m.category).toBe(false);
      seen.add(m.category);
      for (const p of m.projects) expect(codes.has(p), `${m.category} -> ${p}`).toBe(true);
    }
    expect(mapping.mappings.length).toBeGreaterThan(10);
  });

  it('refuses a duplicate category', () => {
    const bad = { _meta: { what: 'x', authored_by: 'y' }, mappings: [0, 1].map(() => ({ category: 'roads', projects: ['NP-REGIONS'], confidence: 'strong', why: 'w' })) };
    expect(() => parseCategoryProjectsFile(bad)).toThrow(/duplicate category "roads"/);
  });
});
