import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildLinker, parseProjectLexicons, type ExampleText, type LinkableProject } from '../../app/domain/projects/linking';
import { EXAMPLE_MIN_TEXTS, exampleProfiles } from '../../app/domain/projects/links.server';
import { projectStatus } from '../../db/seed/reference';

// Confirmed petitions feed the linker through exampleProfiles: only words that recur in at least two
// confirmed petitions of a project join its profile. Checked on the labelled set of the linker.

const dataDir = path.join(process.cwd(), 'db/seed/data');
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as unknown;

interface SeedProject {
  code: string;
  name_en: string;
  name_ru?: string;
  name_kk?: string;
  summary?: string;
  key_indicators?: string[];
  later_status?: string;
}
const file = readJson(path.join(dataDir, 'kz_national_projects.json')) as { projects_2021_2025: SeedProject[]; later_national_projects: SeedProject[] };
const sup = (readJson(path.join(dataDir, 'dauys_name_supplements.json')) as { national_projects: Record<string, Partial<Record<'name_en' | 'name_ru' | 'name_kk', string>>> }).national_projects;
const projects: LinkableProject[] = [...file.projects_2021_2025, ...file.later_national_projects].map((p) => ({
  code: p.code,
  status: projectStatus(p.later_status ?? null),
  nameKk: sup[p.code]?.name_kk ?? (p.name_kk || p.name_en),
  nameRu: sup[p.code]?.name_ru ?? (p.name_ru || p.name_en),
  nameEn: sup[p.code]?.name_en ?? p.name_en,
  summaryEn: p.summary ?? null,
  keyIndicators: p.key_indicators ?? [],
}));
const parsed = parseProjectLexicons(readJson(path.join(dataDir, 'dauys_project_lexicons.json')));
if (parsed.kind !== 'ok') throw new Error(parsed.issues.join('\n'));
const lexicons = parsed.lexicons;
const items = (readJson(path.join(process.cwd(), 'tests/fixtures/linking/petitions.json')) as { items: { id: string; split: string; title: string; text: string; projects: string[] }[] }).items;
const text = (i: { title: string; text: string }) => `${i.title}\n${i.text}`;

function evaluate(lex: typeof lexicons, examples: ExampleText[], split: string) {
  const linker = buildLinker({ projects, lexicons: lex, examples });
  const xs = items.filter((i) => i.split === split);
  const withP = xs.filter((i) => i.projects.length > 0);
  const none = xs.filter((i) => i.projects.length === 0);
  const codes = (i: (typeof xs)[number]) => linker.score(text(i)).map((s) => s.code);
  return { top1: withP.filter((i) => codes(i)[0] === i.projects[0]).length, falseLinks: none.filter((i) => codes(i).length > 0).length };
}

describe('exampleProfiles', () => {
  it('keeps the words that recur in two confirmed petitions of a project, and only those', () => {
    const out = exampleProfiles([
      { code: 'NP-A', text: 'Модульная школа в посёлке Жетыген' },
      { code: 'NP-A', text: 'Модульную школу обещали в Акколе' },
      { code: 'NP-B', text: 'Модульная котельная' },
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]!.code).toBe('NP-A');
    const words = out[0]!.text.split(' ');
    expect(words.some((w) => w.startsWith('модульн'))).toBe(true);
    expect(words.some((w) => w.startsWith('школ'))).toBe(true);
    expect(words.join(' ')).not.toMatch(/жетыген|аккол/);
  });

  it('one petition never adds a word; a text repeated adds its words (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (t) => {
        expect(exampleProfiles([{ code: 'NP-A', text: t }])).toEqual([]);
        const twice = exampleProfiles([
          { code: 'NP-A', text: t },
          { code: 'NP-A', text: t },
        ]);
        expect(twice.length).toBeLessThanOrEqual(1);
        expect(EXAMPLE_MIN_TEXTS).toBe(2);
      }),
    );
  });

  it('on the labelled set: confirmed dev+test petitions add no false link on the holdout and lose no top-1', () => {
    const confirmed = items.filter((i) => i.split !== 'holdout' && i.projects.length > 0).map((i) => ({ code: i.projects[0]!, text: text(i) }));
    const without = evaluate(lexicons, [], 'holdout');
    const withExamples = evaluate(lexicons, exampleProfiles(confirmed), 'holdout');
    expect(withExamples.falseLinks).toBeLessThanOrEqual(without.falseLinks);
    expect(withExamples.top1).toBeGreaterThanOrEqual(without.top1);
    // With a deliberately thin lexicon (2 concepts a project), recurring words recover some recall without false links.
    const thin = Object.fromEntries(Object.entries(lexicons).map(([c, l]) => [c, { ...l, concepts: l.concepts.slice(0, 2) }]));
    const thinWithout = evaluate(thin, [], 'holdout');
    const thinWith = evaluate(thin, exampleProfiles(confirmed), 'holdout');
    expect(thinWith.top1).toBeGreaterThan(thinWithout.top1);
    expect(thinWith.falseLinks).toBeLessThanOrEqual(thinWithout.falseLinks);
  });
});
