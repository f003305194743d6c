import { describe, expect, it } from 'vitest';
import { accountabilityFigures, daysFrom, distribution, median, percentile, type AccountabilityRow } from '../../app/domain/reports/accountability';
import { daysBetween, publicClock, statusGroup, STATUS_GROUPS, STATUSES_BY_GROUP } from '../../app/domain/reports/groups';
import { REPORT_STATUSES } from '../../app/domain/reports/states';

describe('percentile (linear interpolation, type 7)', () => {
  it('has no value on an empty sample', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(median([])).toBeNull();
    expect(distribution([])).toEqual({ n: 0, median: null, p90: null });
  });

  it('is the value itself for one observation', () => {
    expect(percentile([7], 0)).toBe(7);
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([7], 1)).toBe(7);
  });

  it('interpolates between closest ranks', () => {
    // 1..10: h = 9·p; p90 -> h = 8.1 -> 9 + 0.1·(10 − 9) = 9.1; median -> h = 4.5 -> 5.5
    const xs = [10, 3, 1, 8, 2, 9, 4, 7, 6, 5];
    expect(median(xs)).toBe(5.5);
    expect(percentile(xs, 0.9)).toBeCloseTo(9.1, 10);
    expect(percentile(xs, 0)).toBe(1);
    expect(percentile(xs, 1)).toBe(10);
    // Even count of two: the mean; p90 = 1 + 0.9·(3 − 1) = 2.8
    expect(median([1, 3])).toBe(2);
    expect(percentile([3, 1], 0.9)).toBeCloseTo(2.8, 10);
  });

  it('agrees with the textbook example (NumPy: percentile([15, 20, 35, 40, 50], 90) = 46)', () => {
    expect(percentile([15, 20, 35, 40, 50], 0.9)).toBeCloseTo(46, 10);
    expect(median([15, 20, 35, 40, 50])).toBe(35);
  });

  it('ignores non-finite values and refuses p outside [0, 1]', () => {
    expect(median([1, Number.NaN, 3, Number.POSITIVE_INFINITY])).toBe(2);
    expect(() => percentile([1], 1.5)).toThrow(RangeError);
    expect(() => percentile([1], -0.1)).toThrow(RangeError);
  });

  it('counts durations in calendar days with decimals, never negative', () => {
    expect(daysFrom(new Date('2026-11-01T00:00:00Z'), new Date('2026-11-01T06:00:00Z'))).toBe(0.25);
    expect(daysFrom(new Date('2026-11-02T00:00:00Z'), new Date('2026-11-01T00:00:00Z'))).toBe(0);
  });
});

const reg = (day: number, hour = 5) => new Date(Date.UTC(2026, 9, day, hour));
const row = (over: Partial<AccountabilityRow>): AccountabilityRow => ({
  status: 'assigned',
  registeredAt: reg(1),
  acknowledgedAt: null,
  answeredAt: null,
  fixedAt: null,
  answerDueOn: '2026-10-22',
  reopenCount: 0,
  ...over,
});

describe('accountabilityFigures', () => {
  it('is all empty (nulls, zeros) for an akimat without reports', () => {
    const f = accountabilityFigures([], '2026-11-22');
    expect(f.counts).toEqual({ total: 0, acknowledged: 0, answered: 0, fixed: 0, open: 0, overdue: 0 });
    expect(f.acknowledge).toEqual({ n: 0, median: null, p90: null });
    expect(f.onTime).toEqual({ share: null, onTime: 0, decided: 0 });
    expect(f.reopen).toEqual({ rate: null, reopened: 0, fixed: 0 });
  });

  it('computes the steps, the share within the term and the reopen rate on constructed data', () => {
    const rows: AccountabilityRow[] = [
      // acknowledged after 1 day, answered after 5 (on time), fixed after 10, confirmed
      row({ status: 'closed-confirmed', acknowledgedAt: reg(2), answeredAt: reg(6), fixedAt: reg(11) }),
      // acknowledged after 2 days, answered after 30 days: late (due 22 October)
      row({ status: 'answered', acknowledgedAt: reg(3), answeredAt: reg(31) }),
      // fixed without a separate answer after 3 days (counts as the answer), then reopened
      row({ status: 'reopened', acknowledgedAt: reg(4), fixedAt: reg(4), reopenCount: 1 }),
      // not answered, due date passed: late and overdue
      row({ status: 'in-progress', acknowledgedAt: reg(5) }),
      // not answered, still within its term: not decided yet
      row({ status: 'assigned', registeredAt: reg(20), answerDueOn: '2026-11-30' }),
      // waiting for the citizen's information: open, not overdue even past its date, but decided late
      row({ status: 'info-requested', acknowledgedAt: reg(2) }),
      // merged into another report: left out entirely
      row({ status: 'merged', acknowledgedAt: reg(2), answeredAt: reg(2) }),
    ];
    const f = accountabilityFigures(rows, '2026-11-22');
    expect(f.counts).toEqual({ total: 6, acknowledged: 5, answered: 3, fixed: 2, open: 4, overdue: 1 });
    expect(f.acknowledge.n).toBe(5);
    expect(f.acknowledge.median).toBe(2); // [1, 1, 2, 3, 4]
    expect(f.acknowledge.p90).toBeCloseTo(3.6, 10); // h = 3.6 -> 3 + 0.6·1
    expect(f.answer.n).toBe(3);
    expect(f.answer.median).toBe(5); // [3, 5, 30]
    expect(f.fix).toMatchObject({ n: 2, median: 6.5 }); // [3, 10]
    // decided: on time (1), late (2), fixed-as-answer on time (3), overdue (4), info-requested past due (6)
    expect(f.onTime).toEqual({ share: 2 / 5, onTime: 2, decided: 5 });
    expect(f.reopen).toEqual({ rate: 0.5, reopened: 1, fixed: 2 });
  });

  it('takes the due date as a Kazakhstan calendar date (an answer at 23:00 on the due day is on time)', () => {
    const late = row({ status: 'answered', answeredAt: new Date('2026-10-22T19:30:00Z') }); // 23 Oct 00:30 in Astana
    const onTime = row({ status: 'answered', answeredAt: new Date('2026-10-22T18:00:00Z') }); // 22 Oct 23:00
    expect(accountabilityFigures([onTime], '2026-11-22').onTime.share).toBe(1);
    expect(accountabilityFigures([late], '2026-11-22').onTime.share).toBe(0);
  });
});

describe('status groups and the public clock', () => {
  it('puts every status in exactly one group', () => {
    for (const s of REPORT_STATUSES) expect(STATUS_GROUPS.filter((g) => STATUSES_BY_GROUP[g].includes(s))).toEqual([statusGroup(s)]);
    expect(statusGroup('closed-confirmed')).toBe('fixed');
    expect(statusGroup('merged')).toBe('closed');
    expect(statusGroup('reopened')).toBe('open');
  });

  it('says running, overdue, paused, answered on time or late', () => {
    expect(daysBetween('2026-11-20', '2026-11-23')).toBe(3);
    expect(publicClock({ status: 'registered', answerDueOn: null, respondedOn: null }, '2026-11-22')).toEqual({ kind: 'no-due' });
    expect(publicClock({ status: 'assigned', answerDueOn: '2026-11-22', respondedOn: null }, '2026-11-22')).toEqual({ kind: 'running', dueOn: '2026-11-22' });
    expect(publicClock({ status: 'in-progress', answerDueOn: '2026-11-20', respondedOn: null }, '2026-11-22')).toEqual({ kind: 'overdue', dueOn: '2026-11-20', days: 2 });
    expect(publicClock({ status: 'info-requested', answerDueOn: '2026-11-20', respondedOn: null }, '2026-11-22')).toEqual({ kind: 'paused', dueOn: '2026-11-20' });
    expect(publicClock({ status: 'answered', answerDueOn: '2026-11-20', respondedOn: '2026-11-20' }, '2026-11-22')).toEqual({ kind: 'answered-on-time', dueOn: '2026-11-20' });
    expect(publicClock({ status: 'fixed', answerDueOn: '2026-11-20', respondedOn: '2026-11-21' }, '2026-11-22')).toEqual({ kind: 'answered-late', dueOn: '2026-11-20', days: 1 });
    expect(publicClock({ status: 'merged', answerDueOn: '2026-11-20', respondedOn: null }, '2026-11-22')).toEqual({ kind: 'merged' });
  });
});
