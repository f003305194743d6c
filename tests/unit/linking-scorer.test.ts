import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildLinker,
  parseProjectLexicons,
  type LinkableProject,
  type ProjectLexicons,
} from '../../app/domain/projects/linking';
import { projectStatus } from '../../db/seed/reference';

// The real seed data: the 13 national projects (names with the team's supplements) and the lexicons.
const dataDir = path.join(process.cwd(), 'db/seed/data');
const readJson = (file: string) => JSON.parse(readFileSync(path.join(dataDir, file), 'utf8')) as unknown;

interface SeedProject {
  code: string;
  name_en: string;
  name_ru?: string;
  name_kk?: string;
  summary?: string;
  key_indicators?: string[];
  later_status?: string;
}
function seedProjects(): LinkableProject[] {
  const file = readJson('kz_national_projects.json') as { projects_2021_2025: SeedProject[]; later_national_projects: SeedProject[] };
  const sup = (readJson('dauys_name_supplements.json') as { national_projects: Record<string, Partial<Record<'name_en' | 'name_ru' | 'name_kk', string>>> })
    .national_projects;
  return [...file.projects_2021_2025, ...file.later_national_projects].map((p) => ({
    code: p.code,
    status: projectStatus(p.later_status ?? null),
    nameKk: sup[p.code]?.name_kk ?? (p.name_kk || p.name_en),
    nameRu: sup[p.code]?.name_ru ?? (p.name_ru || p.name_en),
    nameEn: sup[p.code]?.name_en ?? p.name_en,
    summaryEn: p.summary ?? null,
    keyIndicators: p.key_indicators ?? [],
  }));
}
function seedLexicons(): ProjectLexicons {
  const parsed = parseProjectLexicons(readJson('dauys_project_lexicons.json'));
  if (parsed.kind !== 'ok') throw new Error(parsed.issues.join('\n'));
  return parsed.lexicons;
}

const projects = seedProjects();
const lexicons = seedLexicons();
const linker = buildLinker({ projects, lexicons });
const top = (text: string) => linker.score(text)[0]?.code;

describe('the lexicon file', () => {
  it('is valid, covers every seeded project and names no unknown one', () => {
    const codes = projects.map((p) => p.code).sort();
    expect(Object.keys(lexicons).sort()).toEqual(codes);
    expect(linker.warnings).toEqual([]);
  });

  it('is refused with readable issues when malformed', () => {
    const issues = (data: unknown) => {
      const r = parseProjectLexicons(data);
      return r.kind === 'invalid' ? r.issues.join('\n') : '';
    };
    const meta = { what: 'x', authored_by: 'y' };
    expect(issues({ _meta: meta, projects: { 'NP-X': { concepts: [{ id: 'a', weight: 9, ru: ['школа'] }] } } })).toMatch(/weight/);
    expect(issues({ _meta: meta, projects: { bogus: { concepts: [{ id: 'a', weight: 1, ru: ['школа'] }] } } })).toMatch(/projects\.bogus/);
    expect(
      issues({ _meta: meta, projects: { 'NP-X': { concepts: [{ id: 'a', weight: 1, kk: ['мектеп'] }, { id: 'a', weight: 1, ru: ['школа'] }] } } }),
    ).toMatch(/NP-X\.concepts\.1\.id: duplicate concept id "a"/);
    expect(issues({ _meta: meta, projects: { 'NP-X': { concepts: [{ id: 'a', weight: 1, kk: [] }] } } })).toMatch(/at least one term/);
    expect(issues({ projects: {} })).toMatch(/_meta/);
    expect(parseProjectLexicons(null).kind).toBe('invalid');
  });
});

describe('candidates', () => {
  it('are the active projects by default; closed ones only on request', () => {
    expect(projects.filter((p) => p.status === 'closed').map((p) => p.code).sort()).toEqual(['NP-GREEN', 'NP-RUKHANI']);
    expect(linker.candidates).toHaveLength(11);
    expect(linker.candidates).not.toContain('NP-GREEN');
    const withClosed = buildLinker({ projects, lexicons, options: { includeClosed: true } });
    expect(withClosed.candidates).toHaveLength(13);
    const text = 'Ағаш кесуді тоқтатыңыз: саябақтағы ағаштар мен көгалдандыруды сақтау керек, қоқыс полигоны ауаны ластайды.';
    expect(linker.score(text).map((s) => s.code)).not.toContain('NP-GREEN');
    expect(withClosed.score(text)[0]?.code).toBe('NP-GREEN');
  });
});

describe('scoring texts in each language', () => {
  it.each([
    ['kk', 'Ауылымызда дәрігерлік амбулатория жоқ, фельдшер аптасына бір рет келеді. Ауылдық ауруханаға 80 шақырым жүреміз.', 'NP-RURAL-HEALTH'],
    ['kk', 'Мектептегі мұғалімдерге жаңа оқулықтар мен сабақ жоспарлары жетпейді, оқушылардың білім сапасы төмендеп барады.', 'NP-EDU'],
    ['kk', 'Қыста пәтерде жылу жоқ, батареялар суық, қазандық ескірген.', 'NP-ENERGY-UTIL'],
    ['ru', 'В райцентр ведёт разбитая дорога, автобус ходит раз в неделю, мост через реку аварийный.', 'NP-REGIONS'],
    ['ru', 'Фермерам задерживают субсидии на корма, скот приходится продавать.', 'NP-AGRO'],
    ['ru', 'Мошенники звонят пенсионерам, полиция не может их найти. Нужна защита от кибермошенничества.', 'NP-SECURITY'],
    ['en', 'Please fund more scientists and research grants; our laboratories are outdated.', 'NP-TECH'],
    ['en', 'Small business owners face too many tax inspections; entrepreneurs need microcredit.', 'NP-SME'],
    ['en', 'Our school has three shifts and overcrowded classes; please build a new school.', 'NP-COMFORT-SCHOOL'],
    ['mixed', 'Біздің селода врач жоқ, только фельдшер бар. Больницаға дейін 60 км, ауылға дәрігер жіберіңіздер.', 'NP-RURAL-HEALTH'],
    ['mixed', 'Жалақы өспейді, а цены на продукты растут каждый месяц, инфляция жеп қойды.', 'NP-GROWTH'],
  ])('%s: %s', (_lang, text, expected) => {
    expect(top(text)).toBe(expected);
  });

  it('gives a petition about nothing in any project no link', () => {
    for (const text of [
      'Кинотеатрда балалар фильмдерін демалыс күндері көрсетуді сұраймыз.',
      'Просим продлить часы работы катка до 22:00 в выходные.',
      'Please let the chess club use the hall on Sunday mornings.',
      'Көршім түнде музыканы қатты қояды, громкость убавить просим.',
      '',
      '   ',
    ]) {
      expect(linker.score(text), text).toEqual([]);
    }
  });

  it('does not link on one incidental topical word', () => {
    const text = 'Сосед занял моё парковочное место во дворе. Полиция говорит, что это гражданский спор.';
    expect(linker.scoreAll(text)[0]?.code).toBe('NP-SECURITY'); // it does match something...
    expect(linker.score(text)).toEqual([]); // ...but one word is not enough evidence
  });
});

describe('suggestions', () => {
  const text = 'Біздің ауылдағы мектеп апатты, балалар үш ауысымда оқиды. Жаңа мектеп салып беріңіздер, мұғалімдер де жетіспейді.';

  it('are sorted, within range, above the threshold, and at most three', () => {
    const s = linker.score(text);
    expect(s.length).toBeGreaterThan(0);
    expect(s.length).toBeLessThanOrEqual(3);
    expect(s[0]!.code).toBe('NP-COMFORT-SCHOOL');
    for (let i = 1; i < s.length; i++) expect(s[i - 1]!.score).toBeGreaterThanOrEqual(s[i]!.score);
    for (const x of s) {
      expect(x.score).toBeGreaterThanOrEqual(linker.options.threshold);
      expect(x.score).toBeLessThanOrEqual(1);
    }
  });

  it('explain the original words of the petition and the term they matched', () => {
    const [first] = linker.score(text);
    const words = first!.matched.flatMap((m) => m.words);
    expect(words).toEqual(expect.arrayContaining(['үш', 'ауысымда', 'Жаңа', 'мектеп']));
    for (const w of words) expect(text).toContain(w);
    const shifts = first!.matched.find((m) => m.words.includes('ауысымда'))!;
    expect(shifts).toMatchObject({ concept: 'three-shifts', source: 'lexicon', term: 'үш ауысым', termLang: 'kk', match: 'exact' });
    const sum = first!.matched.reduce((s, m) => s + m.contribution, 0);
    expect(sum).toBeCloseTo(first!.raw, 2);
  });

  it('explain one project on request, also below the threshold and for closed projects', () => {
    const edu = linker.explain(text, 'NP-EDU');
    expect(edu?.matched.some((m) => m.words.includes('мұғалімдер'))).toBe(true);
    expect(linker.explain(text, 'NP-GREEN')).toMatchObject({ code: 'NP-GREEN', score: 0 });
    expect(linker.explain(text, 'NP-NOPE')).toBeNull();
  });

  it('follow the options', () => {
    expect(buildLinker({ projects, lexicons, options: { threshold: 0.999 } }).score(text)).toEqual([]);
    expect(buildLinker({ projects, lexicons, options: { maxSuggestions: 1, relativeCutoff: 0 } }).score(text)).toHaveLength(1);
  });
});

describe('example texts', () => {
  it('enrich a profile: confirmed petitions make their words count for the project', () => {
    const petition = 'Просим построить крытый ледовый дворец и хоккейную коробку для детской спортивной секции.';
    expect(linker.score(petition)).toEqual([]);
    const examples = [
      { code: 'NP-REGIONS', text: 'Построить ледовый дворец в моногороде, чтобы молодёжь не уезжала.' },
      { code: 'NP-REGIONS', text: 'Хоккейная коробка и крытый каток для детской спортивной секции посёлка.' },
    ];
    const enriched = buildLinker({ projects, lexicons, examples });
    const explained = enriched.explain(petition, 'NP-REGIONS')!;
    expect(explained.score).toBeGreaterThan(linker.explain(petition, 'NP-REGIONS')!.score);
    expect(explained.matched.some((m) => m.source === 'example' && m.words.includes('ледовый'))).toBe(true);
    expect(enriched.score(petition)[0]?.code).toBe('NP-REGIONS');
  });

  it('for an unknown project are reported, not fatal', () => {
    const l = buildLinker({ projects, lexicons, examples: [{ code: 'NP-NOPE', text: 'что-то' }] });
    expect(l.warnings.join('\n')).toMatch(/NP-NOPE/);
  });
});

describe('a small synthetic profile set', () => {
  const tiny: LinkableProject[] = [
    { code: 'NP-A', status: 'active', nameKk: 'Жол', nameRu: 'Дороги', nameEn: 'Roads' },
    { code: 'NP-B', status: 'active', nameKk: 'Су', nameRu: 'Вода', nameEn: 'Water' },
    { code: 'NP-C', status: 'closed', nameKk: 'Орман', nameRu: 'Лес', nameEn: 'Forest' },
  ];
  const tinyLex: ProjectLexicons = {
    'NP-A': { concepts: [{ id: 'road', weight: 3, kk: ['жол', 'көпір'], ru: ['дорога', 'мост'], en: ['road', 'bridge'] }] },
    'NP-B': { concepts: [{ id: 'water', weight: 3, kk: ['ауыз су', 'су құбыры'], ru: ['водопровод'], en: ['tap water'] }] },
    'NP-C': { concepts: [{ id: 'trees', weight: 3, kk: ['ағаш'], ru: ['деревья'], en: ['trees'] }] },
    'NP-Z': { concepts: [{ id: 'z', weight: 1, kk: [], ru: ['зет'], en: [] }] },
  };
  // With only three profiles the idf is small, so the threshold is lowered for these cases.
  const l = buildLinker({ projects: tiny, lexicons: tinyLex, options: { threshold: 0.3 } });

  it('matches phrases within one sentence only', () => {
    expect(l.explain('Ауылға ауыз су керек, су құбыры жоқ.', 'NP-B')!.matched.map((m) => m.term)).toEqual(
      expect.arrayContaining(['ауыз су', 'су құбыры']),
    );
    expect(l.explain('Бізде ауыз. Су жоқ.', 'NP-B')!.matched.filter((m) => m.term === 'ауыз су')).toEqual([]);
  });

  it('warns about lexicons of unknown projects and skips closed candidates', () => {
    expect(l.warnings.join('\n')).toMatch(/NP-Z/);
    expect(l.candidates).toEqual(['NP-A', 'NP-B']);
    expect(l.score('Ағаш кесілді, деревья жалко, trees are gone')).toEqual([]);
  });

  it('bridges Kazakh morphology and folding of Kazakh letters', () => {
    expect(l.score('Жолдары бұзылған, көпірді жөндеңіздер')[0]?.code).toBe('NP-A');
    expect(l.score('Жолдары бузылган, копирди жондениздер')[0]?.code).toBe('NP-A'); // typed without Kazakh letters
  });
});

describe('robustness (property)', () => {
  const cyrillicWord = fc.string({ unit: fc.constantFrom(...'абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі'.split('')), minLength: 1, maxLength: 12 });
  const lexWord = fc.constantFrom('мектеп', 'школа', 'school', 'жол', 'дорога', 'газ', 'фермер', 'полиция', 'интернет', 'ауыз су', 'IT', 'ё');
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.string({ unit: 'binary', maxLength: 200 }),
    fc.array(fc.oneof(cyrillicWord, lexWord, fc.string({ maxLength: 8 })), { maxLength: 60 }).map((ws) => ws.join(' ')),
  );

  it('never throws and keeps scores in [0, 1], sorted, above the threshold', () => {
    fc.assert(
      fc.property(text, (t) => {
        const all = linker.scoreAll(t);
        expect(all).toHaveLength(linker.candidates.length);
        for (const s of all) {
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(1);
          expect(Number.isFinite(s.raw)).toBe(true);
        }
        const sug = linker.score(t);
        expect(sug.length).toBeLessThanOrEqual(linker.options.maxSuggestions);
        for (let i = 0; i < sug.length; i++) {
          expect(sug[i]!.score).toBeGreaterThanOrEqual(linker.options.threshold);
          expect(linker.candidates).toContain(sug[i]!.code);
          if (i > 0) expect(sug[i - 1]!.score).toBeGreaterThanOrEqual(sug[i]!.score);
          for (const m of sug[i]!.matched) for (const w of m.words) expect(t).toContain(w);
        }
      }),
      { numRuns: 300 },
    );
  });
});
