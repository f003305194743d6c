import { describe, expect, it } from 'vitest';
import { integrityTranslator, SIGNAL_NAMES } from '../../app/domain/integrity';
import { integrity } from '../../app/i18n/areas/integrity';
import { PLURAL, type Tree, leaves } from '../support/i18n-tree';

const all = {
  en: leaves(integrity.en as unknown as Tree),
  ru: leaves(integrity.ru as unknown as Tree),
  kk: leaves(integrity.kk as unknown as Tree),
};
const base = (m: Map<string, string>) => new Set([...m.keys()].map((k) => k.replace(PLURAL, '')));

/** Every explanation key the signals and the score can produce. */
const EXPLANATION_KEYS = [
  'summary.review',
  'summary.count',
  'velocityBurst.none',
  'velocityBurst.organic',
  'velocityBurst.networks',
  'velocityBurst.youngAccounts',
  'velocityBurst.regions',
  'networkConcentration.noAddress',
  'networkConcentration.none',
  'networkConcentration.prefix',
  'networkConcentration.prefixShared',
  'networkConcentration.ip',
  'networkConcentration.ipShared',
  'sharedDevice.none',
  'sharedDevice.device',
  'sharedDevice.model',
  'accountWave.none',
  'accountWave.wave',
  'lockstep.none',
  'lockstep.ring',
  'throttle.none',
  'throttle.address',
  'throttle.citizen',
].map((k) => `integrity.explain.${k}`);

const PARAMS = {
  count: 21,
  total: 300,
  minutes: 3,
  expected: 2.25,
  distinctNetworks: 2,
  distinctPct: 9.5,
  regionDropPct: 40,
  medianAgeDays: 0.5,
  network: '95.56.12.0/24',
  sharePct: 12.5,
  hours: 24,
  baselinePct: 5,
  here: 7,
  petitions: 3,
  seconds: 60,
  limit: 1,
  scorePct: 62,
  thresholdPct: 50,
};

describe('integrity strings', () => {
  it('Kazakh and Russian have every English key (plural forms aside) and no empty string', () => {
    expect(base(all.ru)).toEqual(base(all.en));
    expect(base(all.kk)).toEqual(base(all.en));
    for (const m of Object.values(all)) for (const [k, v] of m) expect(v.trim(), k).not.toBe('');
  });

  it('Kazakh and Russian are translated, not copied', () => {
    for (const [k, v] of all.en) {
      if (all.kk.has(k)) expect(all.kk.get(k), `kk:${k}`).not.toBe(v);
      if (all.ru.has(k)) expect(all.ru.get(k), `ru:${k}`).not.toBe(v);
    }
  });

  it('every explanation key renders in every language with all its placeholders filled', () => {
    for (const locale of ['kk', 'ru', 'en'] as const) {
      const t = integrityTranslator(locale);
      for (const key of EXPLANATION_KEYS) {
        const text = t(key, PARAMS);
        expect(text, `${locale}:${key}`).not.toBe(key);
        expect(text, `${locale}:${key}`).not.toMatch(/\{\{|\}\}/);
      }
      for (const name of SIGNAL_NAMES) expect(t(`integrity.signal.${name}`)).not.toBe(`integrity.signal.${name}`);
    }
  });

  it('Russian plural forms and locale number formats', () => {
    const ru = integrityTranslator('ru');
    const p = { minutes: 3, network: '95.56.12.0/24', sharePct: 12.5 };
    expect(ru('integrity.explain.networkConcentration.prefix', { ...p, count: 1 })).toMatch(/^1 подпись за 3 мин .* 12,5 %/);
    expect(ru('integrity.explain.networkConcentration.prefix', { ...p, count: 3 })).toMatch(/^3 подписи /);
    expect(ru('integrity.explain.networkConcentration.prefix', { ...p, count: 5 })).toMatch(/^5 подписей /);
    expect(ru('integrity.explain.networkConcentration.prefix', { ...p, count: 21 })).toMatch(/^21 подпись /);
    expect(ru('integrity.explain.sharedDevice.device', { count: 7, hours: 24 })).toBe('Одно устройство использовано для подписей от имени 7 разных граждан за 24 ч.');
    expect(ru('integrity.explain.sharedDevice.device', { count: 21, hours: 24 })).toBe('Одно устройство использовано для подписей от имени 21 гражданина за 24 ч.');
    expect(ru('integrity.moderation.heldCount', { count: 2 })).toBe('2 подписи отложены на проверку');
    const en = integrityTranslator('en');
    expect(en('integrity.explain.networkConcentration.prefix', { ...p, count: 1 })).toMatch(/^1 signature in 3 minutes .* 12\.5 %/);
    const kk = integrityTranslator('kk');
    expect(kk('integrity.explain.networkConcentration.prefix', { ...p, count: 41 })).toBe(
      '95.56.12.0/24 желісінен 3 минутта 41 қолтаңба — осы аралықтағы петиция қолтаңбаларының 12,5 пайызы.',
    );
  });

  it('moderator labels exist for every status', () => {
    const en = integrityTranslator('en');
    for (const s of ['counted', 'underReview', 'invalidated', 'restored']) {
      expect(en(`integrity.status.${s}`)).not.toBe(`integrity.status.${s}`);
      expect(integrityTranslator('kk')(`integrity.statusHelp.${s}`)).not.toBe(`integrity.statusHelp.${s}`);
    }
  });
});
