import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { LIST_SORTS, PETITION_LEVELS, STATUS_GROUPS } from '../../app/domain/petitions/queries.server';
import { PETITION_EVENTS } from '../../app/domain/petitions/states';
import { petitionPages } from '../../app/i18n/areas/petitionPages';
import { PLURAL, type Tree, leaves } from '../support/i18n-tree';

const LOCALES = ['en', 'ru', 'kk'] as const;

const all = Object.fromEntries(LOCALES.map((l) => [l, leaves(petitionPages[l] as unknown as Tree)])) as Record<(typeof LOCALES)[number], Map<string, string>>;
const base = (m: Map<string, string>) => new Set([...m.keys()].map((k) => k.replace(PLURAL, '')));

/** The area alone, as the portal will serve it once registered (namespace `petitionPages`). */
function tFor(locale: (typeof LOCALES)[number]): TFunction {
  const inst = i18next.createInstance();
  void inst.init({
    lng: locale,
    fallbackLng: false,
    resources: { [locale]: { translation: { petitionPages: petitionPages[locale] } } },
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<typeof inst.init>[0]);
  return inst.t;
}

describe('petitionPages strings', () => {
  it('every language has every key (plural forms may differ), none empty', () => {
    const en = base(all.en);
    for (const l of LOCALES) {
      expect(base(all[l])).toEqual(en);
      for (const [k, v] of all[l]) expect(v.trim(), `${l}:${k}`).not.toBe('');
    }
  });

  it('Kazakh and Russian are translated, not copied from English', () => {
    for (const [k, v] of all.en) {
      expect(all.kk.get(k), `kk:${k}`).not.toBe(v);
      expect(all.ru.get(k), `ru:${k}`).not.toBe(v);
    }
  });

  it('has the labels the pages look up by code', () => {
    const keys = base(all.en);
    for (const e of PETITION_EVENTS) expect(keys, `timeline.${e}`).toContain(`timeline.${e}`);
    for (const l of PETITION_LEVELS) {
      expect(keys).toContain(`level.${l}`);
      expect(keys).toContain(`list.levels.${l}`);
    }
    for (const s of LIST_SORTS) expect(keys).toContain(`list.sorts.${s}`);
    for (const g of Object.keys(STATUS_GROUPS)) expect(keys).toContain(`list.statusGroup.${g}`);
    for (const s of ['kept', 'missed', 'pending']) expect(keys).toContain(`deadline.badge.${s}`);
    for (const c of ['moderation', 'consideration']) {
      expect(keys).toContain(`deadline.${c}`);
      expect(keys).toContain(`deadline.${c}Due`);
    }
  });

  it('uses Russian plural forms and formats large numbers', () => {
    const t = tFor('ru');
    expect(t('petitionPages.list.found', { count: 1, num: '1' })).toBe('Найдена 1 петиция');
    expect(t('petitionPages.list.found', { count: 3, num: '3' })).toBe('Найдено 3 петиции');
    expect(t('petitionPages.list.found', { count: 11, num: '11' })).toBe('Найдено 11 петиций');
    expect(t('petitionPages.list.found', { count: 12_345, num: '12 345' })).toBe('Найдено 12 345 петиций');
    expect(t('petitionPages.deadline.pending', { count: 2 })).toBe('Срок идёт: осталось 2 рабочих дня');
    expect(t('petitionPages.progress.signatures', { n: '12 345', target: '50 000' })).toBe('Собрано подписей: 12 345 из 50 000');
  });

  it('renders the progress text in each language', () => {
    expect(tFor('en')('petitionPages.progress.signatures', { n: '1,234', target: '50,000' })).toBe('1,234 of 50,000 signatures');
    expect(tFor('kk')('petitionPages.progress.signatures', { n: '7', target: '2 500' })).toBe('Жиналған қолдар: 7, қажеті: 2 500');
    expect(tFor('en')('petitionPages.page.regionTitle', { region: 'Abai Region', count: 1, num: '1', share: '5' })).toBe('Abai Region: 1 signature (5 %)');
    expect(tFor('kk')('petitionPages.page.regionTitle', { region: 'Абай облысы', count: 2, num: '2', share: '5' })).toBe('Абай облысы: 2 қол (5 %)');
  });
});
