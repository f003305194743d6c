import { describe, expect, it } from 'vitest';
import { reportFiling } from '../../app/i18n/areas/reportFiling';
import { REPORT_EVENTS, REPORT_STATUSES, DECISIONS } from '../../app/domain/reports/states';
import { LOCALES, getT } from '../../app/i18n';

type Tree = { [k: string]: string | Tree };
function leaves(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(tree)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of leaves(v, key)) out.set(kk, vv);
  }
  return out;
}

/** The citizen's report pages (area `reportFiling`): complete in three languages, names for every status, decision and event. */
describe('reportFiling strings', () => {
  const en = leaves(reportFiling.en as unknown as Tree);
  it('kk and ru carry every key, translated (not copied from English), with the same placeholders', () => {
    for (const locale of ['kk', 'ru'] as const) {
      const other = leaves(reportFiling[locale] as unknown as Tree);
      expect([...other.keys()].sort(), locale).toEqual([...en.keys()].sort());
      for (const [k, v] of en) {
        expect(other.get(k), `${locale}:${k}`).not.toBe(v);
        const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
        expect(vars(other.get(k)!), `${locale}:${k}`).toEqual(vars(v));
      }
    }
  });

  it('names every status, decision and event, and every refusal of a citizen step', () => {
    for (const locale of LOCALES) {
      const t = getT(locale);
      for (const s of REPORT_STATUSES) expect(t(`reportFiling.status.${s}`), `${locale} ${s}`).not.toContain('reportFiling.');
      for (const d of DECISIONS) expect(t(`reportFiling.decision.${d}`), `${locale} ${d}`).not.toContain('reportFiling.');
      for (const e of REPORT_EVENTS) expect(t(`reportFiling.event.${e}`), `${locale} ${e}`).not.toContain('reportFiling.');
      for (const r of ['not-now', 'reason-too-short', 'reason-too-long', 'reply-too-short', 'reply-too-long', 'own-report', 'not-open', 'not-proofed'])
        expect(t(`reportFiling.stepErrors.${r}`, { min: 1, max: 2 }), `${locale} ${r}`).not.toContain('reportFiling.');
    }
  });
});
