import { describe, expect, it } from 'vitest';
import { LOCALES, getT, messages } from '../../app/i18n';
import { resolveLocale } from '../../app/services/locale.server';
import { PLURAL, type Tree, leaves } from '../support/i18n-tree';

describe('translations', () => {
  const all = Object.fromEntries(LOCALES.map((l) => [l, leaves(messages[l] as unknown as Tree)]));

  it('every locale has every key (plural forms may differ) and no empty string', () => {
    const base = (keys: Iterable<string>) => new Set([...keys].map((k) => k.replace(PLURAL, '')));
    const en = base(all.en!.keys());
    for (const l of LOCALES) {
      expect(base(all[l]!.keys())).toEqual(en);
      for (const [k, v] of all[l]!) expect(v.trim(), `${l}:${k}`).not.toBe('');
    }
  });

  it('Kazakh and Russian texts are translated, not copied from English', () => {
    const shared = new Set(['shell.brand', 'shell.languageNames.kk', 'shell.languageNames.ru', 'shell.languageNames.en', 'section.comingHeading']);
    for (const [k, v] of all.en!) {
      if (shared.has(k)) continue;
      expect(all.kk!.get(k), `kk:${k}`).not.toBe(v);
      expect(all.ru!.get(k), `ru:${k}`).not.toBe(v);
    }
  });

  it('every shell string still resolves once the areas are merged in', async () => {
    const { default: en } = await import('../../app/i18n/en');
    for (const l of LOCALES) {
      const t = getT(l);
      for (const key of leaves(en as unknown as Tree).keys()) {
        const base = key.replace(PLURAL, '');
        expect(t(base, { count: 2 }), `${l}:${base}`).not.toBe(base);
      }
    }
  });

  it('Russian uses its plural forms', () => {
    const t = getT('ru');
    expect(t('home.districtCount', { count: 1 })).toBe('1 район или город');
    expect(t('home.districtCount', { count: 3 })).toBe('3 района или города');
    expect(t('home.districtCount', { count: 11 })).toBe('11 районов и городов');
    expect(getT('en')('home.districtCount', { count: 1 })).toBe('1 district or city');
  });
});

describe('language of a request', () => {
  const req = (url: string, headers: Record<string, string> = {}) => new Request(`http://localhost${url}`, { headers });

  it('prefers the URL, then the cookie, then Accept-Language, then Kazakh', () => {
    expect(resolveLocale(req('/?lng=en', { Cookie: 'lng=ru', 'Accept-Language': 'kk' }))).toBe('en');
    expect(resolveLocale(req('/', { Cookie: 'a=b; lng=ru', 'Accept-Language': 'en-US' }))).toBe('ru');
    expect(resolveLocale(req('/', { 'Accept-Language': 'de-DE,ru;q=0.8,en;q=0.5' }))).toBe('ru');
    expect(resolveLocale(req('/', { 'Accept-Language': 'en-GB,en;q=0.9' }))).toBe('en');
    expect(resolveLocale(req('/', { 'Accept-Language': 'fr' }))).toBe('kk');
    expect(resolveLocale(req('/'))).toBe('kk');
  });

  it('ignores unknown languages in the URL and cookie', () => {
    expect(resolveLocale(req('/?lng=de', { Cookie: 'lng=xx', 'Accept-Language': 'ru' }))).toBe('ru');
  });
});
