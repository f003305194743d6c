import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Suggestion } from '../../app/domain/projects/linking';
import {
  canDecide,
  decidedByPerson,
  indicatorProgress,
  indicatorReached,
  linkExplanationSchema,
  matchedWords,
  parseDecimal,
  parseExplanation,
  planLinkChanges,
  toExplanation,
  MAX_EXPLAINED_TERMS,
  type ExistingLink,
  type LinkOrigin,
  type LinkStatus,
} from '../../app/domain/projects/links.server';

const suggestion = (code: string, score = 0.7): Suggestion => ({
  code,
  score,
  raw: 7,
  evidence: 3,
  matched: [{ concept: 'school', source: 'lexicon', term: 'мектеп', termLang: 'kk', words: ['мектеп'], match: 'exact', contribution: 2.5 }],
});
const link = (projectCode: string, status: LinkStatus, origin: LinkOrigin = 'linker'): ExistingLink => ({ projectCode, status, origin });

describe('planLinkChanges: what the worker may write', () => {
  const cases: { name: string; existing: ExistingLink[]; suggested: string[]; write: string[]; remove: string[]; decided: string[] }[] = [
    { name: 'a new petition: every suggestion is written', existing: [], suggested: ['NP-EDU', 'NP-COMFORT-SCHOOL'], write: ['NP-EDU', 'NP-COMFORT-SCHOOL'], remove: [], decided: [] },
    { name: 'the same text again: suggestions refreshed, nothing removed', existing: [link('NP-EDU', 'suggested')], suggested: ['NP-EDU'], write: ['NP-EDU'], remove: [], decided: [] },
    { name: 'a new text about something else: the stale suggestion goes', existing: [link('NP-EDU', 'suggested')], suggested: ['NP-HEALTH'], write: ['NP-HEALTH'], remove: ['NP-EDU'], decided: [] },
    { name: 'a text about nothing: every suggestion goes', existing: [link('NP-EDU', 'suggested'), link('NP-SME', 'suggested')], suggested: [], write: [], remove: ['NP-EDU', 'NP-SME'], decided: [] },
    { name: 'a confirmed link stays even when no longer suggested', existing: [link('NP-EDU', 'confirmed')], suggested: [], write: [], remove: [], decided: ['NP-EDU'] },
    { name: 'a rejected link is not suggested again', existing: [link('NP-EDU', 'rejected')], suggested: ['NP-EDU', 'NP-HEALTH'], write: ['NP-HEALTH'], remove: [], decided: ['NP-EDU'] },
    { name: 'a confirmed link is not overwritten by a new score', existing: [link('NP-EDU', 'confirmed')], suggested: ['NP-EDU'], write: [], remove: [], decided: ['NP-EDU'] },
    { name: 'a manual link is never touched', existing: [link('NP-TECH', 'confirmed', 'manual')], suggested: [], write: [], remove: [], decided: ['NP-TECH'] },
  ];
  it.each(cases)('$name', ({ existing, suggested, write, remove, decided }) => {
    const plan = planLinkChanges(existing, suggested.map((c) => suggestion(c)));
    expect(plan.write.map((s) => s.code)).toEqual(write);
    expect(plan.remove).toEqual(remove);
    expect(plan.decided.sort()).toEqual([...decided].sort());
  });

  const codes = fc.constantFrom('NP-EDU', 'NP-HEALTH', 'NP-SME', 'NP-TECH', 'NP-AGRO', 'NP-REGIONS');
  const existingArb = fc.uniqueArray(
    fc.record({ projectCode: codes, status: fc.constantFrom<LinkStatus>('suggested', 'confirmed', 'rejected'), origin: fc.constantFrom<LinkOrigin>('linker', 'manual') }),
    { selector: (l) => l.projectCode, maxLength: 6 },
  );
  const suggestedArb = fc.uniqueArray(codes, { maxLength: 4 });

  it('never writes or removes a row a person decided (property)', () => {
    fc.assert(
      fc.property(existingArb, suggestedArb, (existing, suggested) => {
        const plan = planLinkChanges(existing, suggested.map((c) => suggestion(c)));
        const human = new Set<string>(existing.filter(decidedByPerson).map((l) => l.projectCode));
        expect(plan.write.some((s) => human.has(s.code))).toBe(false);
        expect(plan.remove.some((c) => human.has(c))).toBe(false);
      }),
    );
  });

  it('after the plan the open suggestions are exactly the new suggestions minus decided projects (property)', () => {
    fc.assert(
      fc.property(existingArb, suggestedArb, (existing, suggested) => {
        const plan = planLinkChanges(existing, suggested.map((c) => suggestion(c)));
        const after = new Set<string>(existing.filter((l) => !decidedByPerson(l)).map((l) => l.projectCode));
        for (const c of plan.remove) after.delete(c);
        for (const s of plan.write) after.add(s.code);
        const human = new Set<string>(existing.filter(decidedByPerson).map((l) => l.projectCode));
        expect([...after].sort()).toEqual(suggested.filter((c) => !human.has(c)).sort());
      }),
    );
  });
});

describe('decisions', () => {
  it.each([
    ['suggested', 'confirmed', true],
    ['suggested', 'rejected', true],
    ['confirmed', 'rejected', true],
    ['rejected', 'confirmed', true],
    ['confirmed', 'confirmed', false],
    ['rejected', 'rejected', false],
  ] as const)('%s -> %s allowed: %s', (from, to, ok) => {
    expect(canDecide(from, to)).toBe(ok);
  });
});

describe('indicator progress: (current - baseline) / (target - baseline), clamped', () => {
  it.each([
    { name: 'life expectancy 73.2 -> 75, now 75.4', baseline: 73.2, target: 75, currentValue: 75.4, progress: 1, reached: true },
    { name: 'halfway up', baseline: 0, target: 8, currentValue: 4, progress: 0.5, reached: false },
    { name: 'a decrease halfway (500 -> 200 km, now 350)', baseline: 500, target: 200, currentValue: 350, progress: 0.5, reached: false },
    { name: 'a decrease reached', baseline: 500, target: 200, currentValue: 180, progress: 1, reached: true },
    { name: 'moved the wrong way', baseline: 18, target: 34, currentValue: 15, progress: 0, reached: false },
    { name: 'no baseline: no progress (none assumed), reached by target', baseline: null, target: 8, currentValue: 8, progress: null, reached: true },
    { name: 'no current value', baseline: 18, target: 34, currentValue: null, progress: null, reached: false },
    { name: 'no target', baseline: 18, target: null, currentValue: 20, progress: null, reached: false },
    { name: 'target = baseline', baseline: 5, target: 5, currentValue: 5, progress: null, reached: true },
  ])('$name', ({ baseline, target, currentValue, progress, reached }) => {
    const p = indicatorProgress({ baseline, target, currentValue });
    if (progress === null) expect(p).toBeNull();
    else expect(p).toBeCloseTo(progress, 9);
    expect(indicatorReached({ baseline, target, currentValue })).toBe(reached);
  });

  it('is within [0, 1] and moves with the current value towards the target (property)', () => {
    const n = fc.double({ min: -1e6, max: 1e6, noNaN: true });
    fc.assert(
      fc.property(n, n, n, n, (baseline, target, a, b) => {
        fc.pre(target !== baseline);
        const pa = indicatorProgress({ baseline, target, currentValue: a })!;
        const pb = indicatorProgress({ baseline, target, currentValue: b })!;
        expect(pa).toBeGreaterThanOrEqual(0);
        expect(pa).toBeLessThanOrEqual(1);
        // Closer to the target (in its direction) never means less progress.
        const up = target > baseline;
        if ((up && a <= b) || (!up && a >= b)) expect(pa).toBeLessThanOrEqual(pb);
      }),
    );
  });
});

describe('parseDecimal: numbers as people type them', () => {
  it.each([
    ['', null],
    ['   ', null],
    ['840000', 840000],
    ['840 000', 840000],
    ['840\u00a0000', 840000],
    ['75,4', 75.4],
    ['75.4', 75.4],
    ['-20', -20],
    ['+3', 3],
    ['.5', 0.5],
    ['1e3', 1000],
  ])('%j -> %j', (raw, value) => {
    expect(parseDecimal(raw)).toBe(value);
  });
  it.each(['abc', '1,2,3', '1.2.3', '12a', '--1', 'NaN', 'Infinity', '1e999'])('%j is not a number', (raw) => {
    expect(parseDecimal(raw)).toBeNaN();
  });
  it('reads back every finite number it is given, with a point or a comma (property)', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const s = String(Object.is(x, -0) ? 0 : x);
        expect(parseDecimal(s)).toBe(Number(s));
        expect(parseDecimal(s.replace('.', ','))).toBe(Number(s));
      }),
    );
  });
  it('never throws, and gives null, NaN or a finite number (property)', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const v = parseDecimal(s);
        expect(v === null || Number.isNaN(v) || Number.isFinite(v)).toBe(true);
      }),
    );
  });
});

describe('explanations', () => {
  const matched = fc.array(
    fc.record({
      concept: fc.string({ minLength: 1, maxLength: 10 }),
      source: fc.constantFrom('lexicon', 'name', 'summary', 'indicator', 'example' as const),
      term: fc.string({ minLength: 1, maxLength: 20 }),
      termLang: fc.constantFrom('kk', 'ru', 'en' as const),
      words: fc.array(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 3 }),
      match: fc.constantFrom('exact', 'fuzzy' as const),
      contribution: fc.double({ min: 0, max: 20, noNaN: true }),
    }),
    { maxLength: 20 },
  );

  it('round-trips through JSON storage and keeps the largest matches (property)', () => {
    fc.assert(
      fc.property(matched, fc.double({ min: 0, max: 50, noNaN: true }), (m, raw) => {
        const e = toExplanation({ raw, evidence: m.length, matched: m }, 0.5);
        expect(e.matched.length).toBe(Math.min(m.length, MAX_EXPLAINED_TERMS));
        expect(parseExplanation(JSON.parse(JSON.stringify(e)))).toEqual(e);
        expect(linkExplanationSchema.safeParse(e).success).toBe(true);
      }),
    );
  });

  it.each([null, undefined, 42, 'text', {}, { v: 2, raw: 1, evidence: 1, threshold: 0.5, matched: [] }, { v: 1, raw: 'x', evidence: 1, threshold: 0.5, matched: [] }])(
    'refuses what is not a stored explanation: %j',
    (value) => {
      expect(parseExplanation(value)).toBeNull();
    },
  );

  it('lists each matched word once, most telling first', () => {
    const e = toExplanation(
      {
        raw: 5,
        evidence: 4,
        matched: [
          { concept: 'a', source: 'lexicon', term: 'школа', termLang: 'ru', words: ['школе'], match: 'exact', contribution: 1 },
          { concept: 'b', source: 'lexicon', term: 'три смены', termLang: 'ru', words: ['три', 'смены'], match: 'exact', contribution: 3 },
          { concept: 'c', source: 'name', term: 'школа', termLang: 'ru', words: ['Школе'], match: 'fuzzy', contribution: 0.5 },
        ],
      },
      0.5,
    );
    expect(matchedWords(e)).toEqual(['три', 'смены', 'школе']);
    expect(matchedWords(null)).toEqual([]);
  });
});
