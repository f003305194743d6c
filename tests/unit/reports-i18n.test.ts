import { describe, expect, it } from 'vitest';
import { reports } from '../../app/i18n/areas/reports';
import { type Tree, leaves } from '../support/i18n-tree';

// The `reports` area is checked here until it is registered in app/i18n/areas/index.ts (then the
// shared tests/unit/i18n.test.ts covers it too).

const placeholders = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe('reports strings', () => {
  const en = leaves(reports.en as unknown as Tree);
  const ru = leaves(reports.ru as unknown as Tree);
  const kk = leaves(reports.kk as unknown as Tree);

  it('has the same keys in kk, ru and en, none empty', () => {
    expect([...ru.keys()].sort()).toEqual([...en.keys()].sort());
    expect([...kk.keys()].sort()).toEqual([...en.keys()].sort());
    for (const m of [en, ru, kk]) for (const [k, v] of m) expect(v.trim(), k).not.toBe('');
  });

  it('translates every string and keeps its placeholders', () => {
    for (const [k, v] of en) {
      expect(ru.get(k), `ru:${k}`).not.toBe(v);
      expect(kk.get(k), `kk:${k}`).not.toBe(v);
      expect(placeholders(ru.get(k)!), `ru:${k}`).toEqual(placeholders(v));
      expect(placeholders(kk.get(k)!), `kk:${k}`).toEqual(placeholders(v));
    }
  });

  it('writes Kazakh in Kazakh letters', () => {
    const kazakhLetters = /[әғқңөұүһі]/i;
    const withKazakh = [...kk.values()].filter((v) => kazakhLetters.test(v));
    expect(withKazakh.length).toBeGreaterThan(kk.size * 0.7);
  });
});
