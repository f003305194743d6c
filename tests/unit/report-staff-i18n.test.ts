import { describe, expect, it } from 'vitest';
import { LOCALES, getT } from '../../app/i18n';
import { DECISIONS, REPORT_ACTORS, REPORT_EVENTS, REPORT_STATUSES } from '../../app/domain/reports/states';

/** The staff pages name every status, event, decision, actor and escalation cause in kk, ru and en. */
describe('reportStaff strings', () => {
  it('cover the lifecycle of states.ts in every language', () => {
    for (const l of LOCALES) {
      const t = getT(l);
      const keys = [
        ...REPORT_STATUSES.map((s) => `reportStaff.status.${s}`),
        ...REPORT_EVENTS.map((e) => `reportStaff.event.${e}`),
        ...DECISIONS.map((d) => `reportStaff.decision.${d}`),
        ...REPORT_ACTORS.map((a) => `reportStaff.report.actors.${a}`),
        'reportStaff.escalation.overdue',
        'reportStaff.escalation.reopened',
      ];
      for (const key of keys) expect(t(key), `${l}:${key}`).not.toBe(key);
    }
  });

  it('uses Russian plural forms for counts', () => {
    const t = getT('ru');
    expect(t('reportStaff.inbox.count', { count: 1 })).toBe('1 обращение');
    expect(t('reportStaff.inbox.count', { count: 3 })).toBe('3 обращения');
    expect(t('reportStaff.inbox.count', { count: 5 })).toBe('5 обращений');
  });
});
