import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { CLOCK_STATUSES } from '../../app/domain/calendar/deadlines';
import {
  PROHIBITED_TOPIC_CODES,
  REJECTION_REASONS,
  REJECTION_REASON_CODES,
  checkRejectionReason,
  prohibitedTopicsFileSchema,
} from '../../app/domain/petitions/reasons';
import { ACTOR_ROLES, DECISIONS, PETITION_EVENTS, PETITION_STATES } from '../../app/domain/petitions/states';
import { ADDRESSEE_KINDS } from '../../app/domain/petitions/thresholds';
import { petitions } from '../../app/i18n/areas/petitions';

const topicsFile = () => JSON.parse(readFileSync(path.join(process.cwd(), 'db/seed/data/dauys_prohibited_topics.json'), 'utf8'));

describe('prohibited topics file', () => {
  it('lists the 17 groups with trilingual labels and an honest verification status', () => {
    const file = prohibitedTopicsFileSchema.parse(topicsFile());
    expect(file.groups).toHaveLength(17);
    expect(file.groups.map((g) => g.code)).toEqual([...PROHIBITED_TOPIC_CODES]);
    const by = (v: string) => file.groups.filter((g) => g.verification === v).length;
    // Nothing is checked against the law's text yet; the file must say so.
    expect(by('verified-law-text')).toBe(0);
    expect(by('reported-in-press')).toBe(11);
    expect(by('unverified-candidate')).toBe(6);
    expect(file._meta.status).toMatch(/UNVERIFIED/);
    for (const g of file.groups) {
      expect(g.label.kk).not.toBe(g.label.en);
      expect(g.label.ru).not.toBe(g.label.en);
      if (g.verification === 'unverified-candidate') expect(g.note).toMatch(/Not found in a source/);
    }
  });

  it('refuses a file whose codes do not match the code list', () => {
    const f = topicsFile();
    f.groups.pop();
    expect(prohibitedTopicsFileSchema.safeParse(f).success).toBe(false);
    const g = topicsFile();
    g.groups[0].code = 'weather';
    expect(prohibitedTopicsFileSchema.safeParse(g).success).toBe(false);
    const h = topicsFile();
    h.groups[1].verification = 'trust-me';
    expect(prohibitedTopicsFileSchema.safeParse(h).success).toBe(false);
  });
});

describe('checkRejectionReason', () => {
  it.each([
    [{ code: 'duplicate' }, 'ok'],
    [{ code: 'duplicate', duplicateOf: 'p-1' }, 'ok'],
    [{ code: 'prohibited-topic', topicGroup: 'language' }, 'ok'],
    [{ code: 'outside-competence', note: 'Ask the maslikhat instead' }, 'ok'],
    [{ code: 'offensive' }, 'ok'],
    [{ code: 'no-concrete-request' }, 'ok'],
    [{ code: 'prohibited-topic' }, 'topic-group-required'],
    [{ code: 'prohibited-topic', topicGroup: '' }, 'topic-group-required'],
    [{ code: 'prohibited-topic', topicGroup: 'weather' }, 'unknown-topic-group'],
    [{ code: 'offensive', topicGroup: 'language' }, 'malformed-reason'],
    [{ code: 'duplicate', note: '' }, 'malformed-reason'],
    [{ code: 'spam' }, 'unknown-reason'],
    [{}, 'unknown-reason'],
    [null, 'unknown-reason'],
    ['duplicate', 'unknown-reason'],
  ])('%j -> %s', (input, want) => {
    const out = checkRejectionReason(input);
    expect(out.kind === 'ok' ? 'ok' : out.reason).toBe(want);
  });

  it('never throws, and what it accepts it accepts again unchanged (property)', () => {
    const arb = fc.oneof(
      fc.anything(),
      fc.record(
        {
          code: fc.oneof(fc.constantFrom(...REJECTION_REASON_CODES), fc.string()),
          topicGroup: fc.oneof(fc.constantFrom(...PROHIBITED_TOPIC_CODES), fc.string()),
          duplicateOf: fc.string(),
          note: fc.string(),
        },
        { requiredKeys: ['code'] },
      ),
    );
    fc.assert(
      fc.property(arb, (input) => {
        const out = checkRejectionReason(input);
        if (out.kind === 'ok') {
          expect(checkRejectionReason(out.reason)).toEqual(out);
          expect(REJECTION_REASON_CODES).toContain(out.reason.code);
          if (out.reason.code === 'prohibited-topic') expect(PROHIBITED_TOPIC_CODES).toContain(out.reason.topicGroup);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('only a prohibited topic names a group; only offensive text is hidden', () => {
    for (const code of REJECTION_REASON_CODES) {
      expect(REJECTION_REASONS[code].needsTopicGroup).toBe(code === 'prohibited-topic');
      expect(REJECTION_REASONS[code].hidesText).toBe(code === 'offensive');
    }
  });
});

describe('i18n area petitions', () => {
  type Tree = { [k: string]: string | Tree };
  const leaves = (tree: Tree, prefix = ''): Map<string, string> => {
    const out = new Map<string, string>();
    for (const [k, v] of Object.entries(tree)) {
      const key = prefix ? `${prefix}.${k}` : k;
      if (typeof v === 'string') out.set(key, v);
      else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
    }
    return out;
  };
  const en = leaves(petitions.en as unknown as Tree);
  const ru = leaves(petitions.ru as unknown as Tree);
  const kk = leaves(petitions.kk as unknown as Tree);

  it.each([
    ['state', PETITION_STATES],
    ['event', PETITION_EVENTS],
    ['role', ACTOR_ROLES],
    ['decision', DECISIONS],
    ['reason', REJECTION_REASON_CODES],
    ['clock.status', CLOCK_STATUSES],
    ['addressee', ADDRESSEE_KINDS],
  ] as const)('labels every %s code in the three languages', (group, codes) => {
    for (const code of codes)
      for (const [lng, map] of [['en', en], ['ru', ru], ['kk', kk]] as const)
        expect(map.get(`${group}.${code}`)?.trim(), `${lng}: ${group}.${code}`).toBeTruthy();
  });

  it('has every refusal code of the domain', () => {
    const codes = [
      'not-allowed-in-state', 'role-not-allowed', 'missing-context', 'initial-support-not-reached', 'threshold-not-reached',
      'signing-window-open', 'reason-required', 'unknown-reason', 'topic-group-required', 'unknown-topic-group',
      'malformed-reason', 'decision-required', 'response-text-required', 'milestone-text-required',
      'milestone-progress-invalid', 'population-missing', 'population-invalid', 'no-rule', 'extension-not-allowed',
      'extension-while-paused', 'extension-not-later', 'extension-exceeds-maximum',
    ];
    for (const c of codes) for (const map of [en, ru, kk]) expect(map.get(`refusal.${c}`), c).toBeTruthy();
  });

  it('Kazakh and Russian are translated, not copied, and keep the placeholders', () => {
    const base = (k: string) => k.replace(/_(one|few|many|other)$/, '');
    const placeholders = (s: string) => [...s.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    for (const [key, text] of en) {
      for (const [lng, map] of [['ru', ru], ['kk', kk]] as const) {
        const other = map.get(key) ?? map.get(`${base(key)}_other`);
        expect(other, `${lng}: ${key}`).toBeDefined();
        expect(other, `${lng}: ${key}`).not.toBe(text);
        expect(placeholders(other!), `${lng}: ${key}`).toEqual(placeholders(text));
      }
    }
  });

  it('Russian uses its plural forms', async () => {
    const i18n = i18next.createInstance();
    await i18n.init({ lng: 'ru', resources: { ru: { translation: { petitions: petitions.ru } } }, interpolation: { escapeValue: false }, showSupportNotice: false } as Parameters<typeof i18n.init>[0]);
    expect(i18n.t('petitions.clock.workingDaysLeft', { count: 1 })).toBe('Остался 1 рабочий день');
    expect(i18n.t('petitions.clock.workingDaysLeft', { count: 3 })).toBe('Осталось 3 рабочих дня');
    expect(i18n.t('petitions.clock.workingDaysLeft', { count: 11 })).toBe('Осталось 11 рабочих дней');
    expect(i18n.t('petitions.threshold.signaturesNeeded', { count: 2500 })).toBe('Нужно 2500 подписей');
    expect(i18n.t('petitions.threshold.signaturesNeeded', { count: 50001 })).toBe('Нужна 50001 подпись');
    expect(i18n.t('petitions.state.closed-reached')).toBe('Порог достигнут, направлена адресату');
  });
});
