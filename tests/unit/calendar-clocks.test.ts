import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addCalendarDays,
  addMonths,
  endOfLocalDay,
  isIsoDate,
  isoWeekday,
  localDate,
  startOfLocalDay,
} from '../../app/domain/calendar/dates';
import { clockStatus, computeDeadline, type Deadline, type DeadlineInput } from '../../app/domain/calendar/deadlines';
import { parseClockRules, type ClockRule } from '../../app/domain/calendar/rules';
import { WorkingCalendar, type CalendarRow } from '../../app/domain/calendar/working-calendar';
import { ValidationError } from '../../app/domain/shared/errors';

// ---------------------------------------------------------------------------------------------
// Fixture: the 2025 and 2026 non-standard days of kz_holidays.json written out by hand, so these
// expectations do not move when the seed data is edited: holidays (also those on a weekend), weekend
// carry-overs (stored as holidays, as the seed does) and the January 2025 transfer. 2024 is not
// covered (as in the seed data).
const holidays = [
  '2025-01-01', '2025-01-02', '2025-01-07', '2025-03-08', '2025-03-10', '2025-03-21', '2025-03-22',
  '2025-03-23', '2025-03-24', '2025-03-25', '2025-05-01', '2025-05-07', '2025-05-09', '2025-06-06',
  '2025-07-06', '2025-07-07', '2025-08-30', '2025-09-01', '2025-10-25', '2025-10-27', '2025-12-16',
  '2026-01-01', '2026-01-02', '2026-01-07', '2026-03-08', '2026-03-09', '2026-03-21', '2026-03-22',
  '2026-03-23', '2026-03-24', '2026-03-25', '2026-05-01', '2026-05-07', '2026-05-09', '2026-05-11',
  '2026-05-27', '2026-07-06', '2026-10-25', '2026-10-26', '2026-12-16',
];
const rows: CalendarRow[] = [
  ...holidays.map((day) => ({ day, kind: 'holiday' as const })),
  { day: '2025-01-03', kind: 'transfer_rest' },
  { day: '2025-01-05', kind: 'transfer_work' },
];
const cal = new WorkingCalendar(rows);
const rules = parseClockRules(
  JSON.parse(readFileSync(path.join(process.cwd(), 'db/seed/data/dauys_clock_rules.json'), 'utf8')),
);
/** An instant at a Kazakhstan local time (UTC+5). */
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+05:00`);

function deadline(input: Omit<DeadlineInput, 'rule'> & { rule: string | ClockRule }): Deadline {
  const rule = typeof input.rule === 'string' ? rules.get(input.rule) : input.rule;
  const out = computeDeadline(cal, { ...input, rule });
  if (out.kind !== 'ok') throw new Error(`refused: ${out.reason}`);
  return out.deadline;
}

/** Brute-force reference: working days in (a, b]. */
function bruteBetween(a: string, b: string): number {
  let n = 0;
  for (let d = addCalendarDays(a, 1); d <= b; d = addCalendarDays(d, 1)) if (cal.isWorkingDay(d)) n++;
  return n;
}

const dateArb = fc.integer({ min: 0, max: 365 * 4 }).map((n) => addCalendarDays('2024-06-01', n));

// ---------------------------------------------------------------------------------------------

describe('dates', () => {
  it('validates ISO dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2025-02-29')).toBe(false);
    expect(isIsoDate('2025-1-01')).toBe(false);
    expect(isIsoDate(20250101)).toBe(false);
    expect(() => cal.isWorkingDay('2025-13-01')).toThrow(ValidationError);
  });

  it.each([
    ['2025-01-31', 1, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2025-03-31', 2, '2025-05-31'],
    ['2025-08-31', 6, '2026-02-28'],
    ['2025-11-15', 2, '2026-01-15'],
    ['2025-05-06', 2, '2025-07-06'],
  ])('addMonths(%s, %i) = %s (same day, else the last day of the month)', (d, n, want) => {
    expect(addMonths(d, n)).toBe(want);
  });

  it.each([
    // [instant (UTC), local date]
    ['2025-03-20T18:59:59.999Z', '2025-03-20'],
    ['2025-03-20T19:00:00.000Z', '2025-03-21'],
    ['2025-12-31T18:59:59.999Z', '2025-12-31'],
    ['2025-12-31T19:00:00.000Z', '2026-01-01'],
    ['2026-01-01T00:00:00.000Z', '2026-01-01'],
    ['2025-06-30T23:30:00.000Z', '2025-07-01'],
  ])('localDate(%s) = %s (UTC+5, whatever the machine time zone)', (iso, want) => {
    expect(localDate(new Date(iso))).toBe(want);
    expect(cal.localDate(new Date(iso))).toBe(want);
  });

  it('refuses an invalid instant', () => {
    expect(() => localDate(new Date('nope'))).toThrow(ValidationError);
  });

  it('agrees with the tz database for Asia/Almaty since 1 March 2024 (property)', () => {
    const fmt = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Almaty', year: 'numeric', month: '2-digit', day: '2-digit' });
    fc.assert(
      fc.property(fc.integer({ min: Date.parse('2024-03-01T00:00:00+05:00'), max: Date.parse('2030-12-31T00:00:00Z') }), (t) => {
        expect(localDate(new Date(t))).toBe(fmt.format(new Date(t)));
      }),
      { numRuns: 500 },
    );
  });

  it('a local day is [startOfLocalDay, endOfLocalDay) (property)', () => {
    fc.assert(
      fc.property(dateArb, (d) => {
        expect(startOfLocalDay(d).toISOString()).toBe(`${addCalendarDays(d, -1)}T19:00:00.000Z`);
        expect(localDate(startOfLocalDay(d))).toBe(d);
        expect(localDate(new Date(endOfLocalDay(d).getTime() - 1))).toBe(d);
        expect(localDate(endOfLocalDay(d))).toBe(addCalendarDays(d, 1));
      }),
    );
  });
});

describe('WorkingCalendar', () => {
  it.each([
    ['2025-01-01', false, 'New Year'],
    ['2025-01-02', false, 'New Year, day 2'],
    ['2025-01-03', false, 'transfer_rest (Friday made a day off)'],
    ['2025-01-04', false, 'Saturday'],
    ['2025-01-05', true, 'transfer_work (Sunday worked)'],
    ['2025-01-06', true, 'Monday'],
    ['2025-01-07', false, 'Orthodox Christmas'],
    ['2025-03-07', true, 'Friday before 8 March'],
    ['2025-03-08', false, '8 March on a Saturday'],
    ['2025-03-10', false, 'carry-over of 8 March'],
    ['2025-03-11', true, 'Tuesday after'],
    ['2025-03-21', false, 'Nauryz'],
    ['2025-03-24', false, 'Nauryz carry-over (22 Mar)'],
    ['2025-03-25', false, 'Nauryz carry-over (23 Mar)'],
    ['2025-03-26', true, 'Wednesday after Nauryz'],
    ['2025-06-06', false, 'Kurban Ait 2025'],
    ['2026-05-27', false, 'Kurban Ait 2026'],
    ['2025-12-31', true, '31 December is a working day'],
    ['2026-03-09', false, 'carry-over of 8 March 2026 (Sunday)'],
    ['2026-05-11', false, 'carry-over of 9 May 2026 (Saturday)'],
    ['2024-12-16', true, '2024 is not in the data: weekdays only'],
  ])('isWorkingDay(%s) = %s (%s)', (d, want) => {
    expect(cal.isWorkingDay(d)).toBe(want);
  });

  it('finds neighbouring working days', () => {
    expect(cal.nextWorkingDay('2025-12-31')).toBe('2026-01-05');
    expect(cal.nextWorkingDay('2025-01-02')).toBe('2025-01-05');
    expect(cal.previousWorkingDay('2025-01-06')).toBe('2025-01-05');
    expect(cal.previousWorkingDay('2025-03-26')).toBe('2025-03-20');
    expect(cal.workingDayOnOrAfter('2025-03-21')).toBe('2025-03-26');
    expect(cal.workingDayOnOrAfter('2025-03-26')).toBe('2025-03-26');
  });

  it.each([
    ['2025-03-20', 3, '2025-03-28', 'across Nauryz and its carry-overs'],
    ['2025-03-07', 3, '2025-03-13', 'across 8 March on a Saturday and its Monday carry-over'],
    ['2025-06-05', 3, '2025-06-11', 'across Kurban Ait 2025'],
    ['2026-05-26', 3, '2026-06-01', 'across Kurban Ait 2026'],
    ['2024-12-30', 3, '2025-01-06', 'across the 2025 New Year and the 5 Jan transfer'],
    ['2025-12-15', 15, '2026-01-09', 'across Independence Day and the New Year'],
    ['2025-01-10', 5, '2025-01-17', 'a plain week'],
    ['2025-01-10', 0, '2025-01-10', 'n = 0 is the start date'],
    ['2025-01-04', 0, '2025-01-04', 'n = 0 even on a day off'],
    ['2025-01-09', -3, '2025-01-05', 'backwards'],
  ])('addWorkingDays(%s, %i) = %s (%s)', (d, n, want) => {
    expect(cal.addWorkingDays(d, n)).toBe(want);
  });

  it('counts working days in (a, b]', () => {
    expect(cal.workingDaysBetween('2025-01-01', '2025-01-31')).toBe(bruteBetween('2025-01-01', '2025-01-31'));
    // January 2025: 23 weekdays, minus 1, 2, 3, 7 January, plus Sunday 5 January.
    expect(cal.workingDaysBetween('2024-12-31', '2025-01-31')).toBe(20);
    expect(cal.workingDaysBetween('2025-03-20', '2025-03-28')).toBe(3);
    expect(cal.workingDaysBetween('2025-03-28', '2025-03-20')).toBe(-3);
    expect(cal.workingDaysBetween('2025-05-05', '2025-05-05')).toBe(0);
    // 2025 as a whole: 261 weekdays, 16 non-working weekdays, 1 working Sunday.
    expect(cal.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(246);
  });

  it('workingDaysBetween matches a day-by-day count (property)', () => {
    fc.assert(
      fc.property(dateArb, dateArb, (a, b) => {
        const want = a <= b ? bruteBetween(a, b) : -bruteBetween(b, a);
        expect(cal.workingDaysBetween(a, b)).toBe(want);
      }),
      { numRuns: 300 },
    );
  });

  it('addWorkingDays and workingDaysBetween are inverse; the result is a working day (property)', () => {
    fc.assert(
      fc.property(dateArb, fc.integer({ min: 1, max: 300 }), (d, n) => {
        const end = cal.addWorkingDays(d, n);
        expect(cal.workingDaysBetween(d, end)).toBe(n);
        expect(cal.isWorkingDay(end)).toBe(true);
        expect(cal.addWorkingDays(end, -n) <= d).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('knows which years it covers', () => {
    expect(cal.coveredYears()).toEqual([2025, 2026]);
    expect(cal.covers('2025-06-01')).toBe(true);
    expect(cal.covers('2024-12-31')).toBe(false);
    expect(cal.coversRange('2025-12-01', '2026-01-31')).toBe(true);
    expect(cal.coversRange('2026-12-01', '2027-01-31')).toBe(false);
  });

  it('rejects bad rows', () => {
    expect(() => new WorkingCalendar([{ day: '2025-02-30', kind: 'holiday' }])).toThrow(ValidationError);
    expect(() => new WorkingCalendar([{ day: '2025-02-03', kind: 'party' as never }])).toThrow(ValidationError);
    expect(
      () =>
        new WorkingCalendar([
          { day: '2025-02-03', kind: 'holiday' },
          { day: '2025-02-03', kind: 'transfer_work' },
        ]),
    ).toThrow(ValidationError);
  });

  it('weekdays only without rows', () => {
    const empty = new WorkingCalendar([]);
    expect(empty.addWorkingDays('2025-01-01', 2)).toBe('2025-01-03');
    expect(isoWeekday('2025-01-05')).toBe(7);
    expect(empty.isWorkingDay('2025-01-05')).toBe(false);
  });
});

describe('clock rules file', () => {
  it('has the rules of the brief', () => {
    const p = (code: string) => rules.get(code).period;
    expect(p('report.register')).toEqual({ amount: 0, unit: 'working-days', endsOnWorkingDay: false });
    expect(p('report.forward')).toMatchObject({ amount: 3, unit: 'working-days' });
    expect(p('report.answer')).toMatchObject({ amount: 15, unit: 'working-days' });
    expect(rules.get('report.answer').maxExtension).toEqual({ amount: 2, unit: 'months', endsOnWorkingDay: true });
    expect(rules.get('report.answer').pausable).toBe(true);
    expect(p('report.confirm-fixed')).toMatchObject({ amount: 14, unit: 'calendar-days' });
    expect(p('petition.moderation')).toMatchObject({ amount: 20, unit: 'working-days' });
    expect(p('petition.consideration')).toMatchObject({ amount: 40, unit: 'working-days' });
    expect(p('petition.signing-window')).toMatchObject({ amount: 6, unit: 'months' });
    expect(rules.has('report.extension.max')).toBe(false); // a limit, attached to report.answer
    expect(() => rules.get('nope')).toThrow(/clock-rule.not-found/);
    for (const r of rules.rules) for (const l of ['kk', 'ru', 'en'] as const) expect(r.description[l].length).toBeGreaterThan(10);
  });

  const file = () => JSON.parse(readFileSync(path.join(process.cwd(), 'db/seed/data/dauys_clock_rules.json'), 'utf8'));
  it.each([
    ['a duplicate code', (f: { rules: object[] }) => f.rules.push(f.rules[0]!), /duplicate code/],
    ['a negative period', (f: { rules: { days: number }[] }) => (f.rules[1]!.days = -1), /expected 0 or more/],
    ['an unknown unit', (f: { rules: { unit: string }[] }) => (f.rules[1]!.unit = 'weeks'), /unit/],
    [
      'an extension of a missing rule',
      (f: { rules: { code: string; applies_to?: string }[] }) =>
        (f.rules.find((r) => r.code === 'report.extension.max')!.applies_to = 'report.nothing'),
      /expected the code of a report deadline/,
    ],
    ['a code of the wrong case type', (f: { rules: { code: string }[] }) => (f.rules[1]!.code = 'petition.forward'), /starting with "report."/],
    ['a missing Kazakh description', (f: { rules: { description: { kk?: string } }[] }) => delete f.rules[1]!.description.kk, /description\.kk/],
  ])('refuses %s', (_name, mutate, message) => {
    const f = file();
    mutate(f);
    let err: unknown;
    try {
      parseClockRules(f);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ValidationError);
    const fields = (err as ValidationError).fields;
    expect(Object.entries(fields).map(([k, v]) => `${k}: ${v}`).join('\n')).toMatch(message);
  });
});

describe('computeDeadline', () => {
  it.each([
    // [rule, arrival (local), due, why]
    ['report.answer', at('2025-04-12'), '2025-05-06', 'arrives on a Saturday: registered Monday 14 Apr; 1 May off'],
    ['report.answer', at('2025-04-14'), '2025-05-06', 'registered Monday 14 Apr'],
    ['report.answer', at('2025-12-15'), '2026-01-09', 'across 16 Dec, the year boundary, 1-2 and 7 Jan'],
    ['report.answer', at('2024-12-27'), '2025-01-22', 'across New Year 2025: 3 Jan rest, Sunday 5 Jan worked'],
    ['report.forward', at('2025-01-02'), '2025-01-09', 'arrives on a holiday: registered on the worked Sunday 5 Jan'],
    ['report.forward', at('2025-03-20'), '2025-03-28', 'Nauryz 21-23 Mar with carry-overs 24-25 Mar'],
    ['report.forward', at('2025-03-07'), '2025-03-13', '8 March on a Saturday, carried over to Monday 10 Mar'],
    ['report.forward', at('2025-06-05'), '2025-06-11', 'Kurban Ait 6 Jun 2025'],
    ['report.forward', at('2026-05-26'), '2026-06-01', 'Kurban Ait 27 May 2026'],
    ['report.forward', at('2025-03-20', '23:59'), '2025-03-28', 'one minute before local midnight'],
    ['report.forward', at('2025-03-21', '00:00'), '2025-03-31', 'at local midnight: registered 26 Mar'],
    ['report.register', at('2025-03-22'), '2025-03-26', 'registered on the next working day'],
    ['report.register', at('2025-03-26'), '2025-03-26', 'registered the day it arrives'],
    ['petition.moderation', at('2025-03-03'), '2025-04-04', '20 working days across Nauryz'],
    ['petition.consideration', at('2025-03-03'), '2025-05-05', '40 working days'],
    ['petition.moderation', at('2025-12-01'), '2025-12-30', '20 working days across 16 Dec'],
    ['petition.consideration', at('2025-12-25'), '2026-02-24', '40 working days across the New Year'],
    ['report.confirm-fixed', at('2025-03-07'), '2025-03-21', '14 calendar days, holidays included'],
    ['petition.signing-window', at('2025-08-31'), '2026-02-28', '6 months, clamped to the end of February'],
  ])('%s from %s is due %s (%s)', (rule, start, due) => {
    expect(deadline({ rule, start }).due).toBe(due);
  });

  it('a start just before local midnight counts from the local date, not the UTC date', () => {
    // 2025-03-20 23:59 in Kazakhstan is 18:59 UTC; 00:30 local on the 21st is still the 20th in UTC.
    const late = deadline({ rule: 'report.forward', start: new Date('2025-03-20T19:30:00Z') });
    expect(late.startDate).toBe('2025-03-21');
    expect(late.countsFrom).toBe('2025-03-26');
  });

  it('reports the registration date and whether the calendar covers the period', () => {
    const d = deadline({ rule: 'report.answer', start: at('2025-04-12') });
    expect(d).toMatchObject({ startDate: '2025-04-12', countsFrom: '2025-04-14', originalDue: '2025-05-06', provisional: false });
    expect(deadline({ rule: 'report.answer', start: at('2024-12-27') }).provisional).toBe(true);
    expect(deadline({ rule: 'report.answer', start: at('2026-12-20') }).provisional).toBe(true);
  });

  describe('pauses', () => {
    const base = { rule: 'report.answer', start: at('2025-04-14') };

    it('skip the working days after the request up to the day of the answer', () => {
      // Requested Wed 16 Apr, answered Tue 22 Apr: 17, 18, 21, 22 Apr do not count.
      const d = deadline({ ...base, pauses: [{ from: at('2025-04-16', '15:00'), to: at('2025-04-22', '09:00') }] });
      expect(d.pausedDays).toBe(4);
      expect(d.due).toBe('2025-05-14'); // 6 May + 4 working days (7 and 9 May are holidays)
    });

    it('overlapping pauses count each day once', () => {
      const d = deadline({
        ...base,
        pauses: [
          { from: at('2025-04-16'), to: at('2025-04-22') },
          { from: at('2025-04-18'), to: at('2025-04-24') },
        ],
      });
      expect(d.pausedDays).toBe(6);
      expect(d.due).toBe(cal.addWorkingDays('2025-05-06', 6));
    });

    it('a pause within one day changes nothing; a pause after the due date changes nothing', () => {
      expect(deadline({ ...base, pauses: [{ from: at('2025-04-16', '09:00'), to: at('2025-04-16', '17:00') }] }).due).toBe('2025-05-06');
      expect(deadline({ ...base, pauses: [{ from: at('2025-05-10'), to: at('2025-05-20') }] }).due).toBe('2025-05-06');
    });

    it('an open pause stops the clock and keeps the units left', () => {
      const d = deadline({ ...base, pauses: [{ from: at('2025-04-16'), to: null }] });
      expect(d.due).toBeNull();
      expect(d.openPause).toEqual({ since: '2025-04-16', unitsLeft: 13 }); // 15 and 16 Apr were used
      expect(clockStatus(cal, d, at('2025-06-01'))).toEqual({ status: 'paused', since: '2025-04-16', unitsLeft: 13 });
    });

    it('an open pause opened after the due date leaves the clock overdue', () => {
      const d = deadline({ ...base, pauses: [{ from: at('2025-05-12'), to: null }] });
      expect(d.due).toBe('2025-05-06');
      expect(clockStatus(cal, d, at('2025-05-12')).status).toBe('overdue');
    });

    it('are refused on a rule that cannot be paused, and must be well-formed', () => {
      expect(() => deadline({ rule: 'report.forward', start: at('2025-04-14'), pauses: [{ from: at('2025-04-15'), to: null }] })).toThrow(
        /clock.rule-not-pausable/,
      );
      expect(() => deadline({ ...base, pauses: [{ from: at('2025-04-18'), to: at('2025-04-16') }] })).toThrow(/pause-ends-before-start/);
      expect(() => deadline({ ...base, pauses: [{ from: at('2025-04-10'), to: at('2025-04-16') }] })).toThrow(/pause-before-start/);
      expect(() =>
        deadline({ ...base, pauses: [{ from: at('2025-04-15'), to: null }, { from: at('2025-04-16'), to: null }] }),
      ).toThrow(/two-open-pauses/);
    });

    it('the due date moves by exactly the paused working days before it (property)', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 20 }), (offset, length) => {
          const from = addCalendarDays('2025-04-14', offset);
          const to = addCalendarDays(from, length);
          const d = deadline({ ...base, pauses: [{ from: at(from), to: at(to) }] });
          // The paused working days that fell before the unpaused due date, or pushed into it.
          expect(cal.workingDaysBetween('2025-04-14', d.due!)).toBe(15 + d.pausedDays);
          expect(d.pausedDays).toBeLessThanOrEqual(cal.workingDaysBetween(from, to));
        }),
      );
    });
  });

  describe('extension', () => {
    const base = { rule: 'report.answer', start: at('2025-04-14') };

    it('is allowed up to 2 months after the original due date, moved to a working day', () => {
      // 6 May + 2 months = Sunday 6 July (Capital Day); 7 July is its carry-over: limit 8 July.
      const d = deadline({ ...base, extendedTo: '2025-07-08' });
      expect(d).toMatchObject({ originalDue: '2025-05-06', due: '2025-07-08', extendedTo: '2025-07-08', maxExtendedDue: '2025-07-08' });
      expect(deadline({ ...base, extendedTo: '2025-05-07' }).due).toBe('2025-05-08'); // 7 May holiday
      expect(deadline({ ...base, extendedTo: '2025-07-05' }).due).toBe('2025-07-08'); // Saturday
    });

    it('is refused beyond the maximum, not later than the due date, or where the rule has none', () => {
      const refuse = (input: Omit<DeadlineInput, 'rule'>, rule = 'report.answer') => computeDeadline(cal, { ...input, rule: rules.get(rule) });
      expect(refuse({ ...base, extendedTo: '2025-07-09' })).toEqual({
        kind: 'refused',
        reason: 'extension-exceeds-maximum',
        originalDue: '2025-05-06',
        maxExtendedDue: '2025-07-08',
      });
      expect(refuse({ ...base, extendedTo: '2025-05-06' })).toEqual({ kind: 'refused', reason: 'extension-not-later', originalDue: '2025-05-06' });
      expect(refuse({ ...base, extendedTo: '2025-05-01' })).toMatchObject({ reason: 'extension-not-later' });
      expect(refuse({ start: at('2025-04-14'), extendedTo: '2025-06-01' }, 'petition.moderation')).toEqual({
        kind: 'refused',
        reason: 'extension-not-allowed',
      });
      expect(refuse({ ...base, pauses: [{ from: at('2025-04-16'), to: null }], extendedTo: '2025-06-02' })).toEqual({
        kind: 'refused',
        reason: 'extension-while-paused',
      });
      expect(() => refuse({ ...base, extendedTo: '2025-06-31' })).toThrow(/invalid-date/);
    });

    it('the limit is measured from the due date after pauses', () => {
      const d = deadline({ ...base, pauses: [{ from: at('2025-04-16'), to: at('2025-04-22') }], extendedTo: '2025-07-14' });
      expect(d.originalDue).toBe('2025-05-14');
      expect(d.maxExtendedDue).toBe('2025-07-14');
      expect(d.due).toBe('2025-07-14');
    });

    it('pauses after the original due date push the extended date', () => {
      const d = deadline({ ...base, extendedTo: '2025-06-02', pauses: [{ from: at('2025-05-20'), to: at('2025-05-22') }] });
      expect(d.due).toBe('2025-06-04'); // 21 and 22 May paused
      expect(d.pausedDays).toBe(2);
    });
  });
});

describe('clockStatus', () => {
  const d = deadline({ rule: 'report.answer', start: at('2025-04-14') }); // due Tue 6 May 2025

  it.each([
    [at('2025-04-28'), { status: 'on-time', due: '2025-05-06', workingDaysLeft: 5, calendarDaysLeft: 8 }],
    [at('2025-04-29'), { status: 'on-time', due: '2025-05-06', workingDaysLeft: 4, calendarDaysLeft: 7 }],
    [at('2025-04-30'), { status: 'due-soon', due: '2025-05-06', workingDaysLeft: 3, calendarDaysLeft: 6 }],
    [at('2025-05-06', '23:59'), { status: 'due-soon', due: '2025-05-06', workingDaysLeft: 0, calendarDaysLeft: 0 }],
    [at('2025-05-07', '00:00'), { status: 'overdue', due: '2025-05-06', workingDaysOverdue: 0, calendarDaysOverdue: 1 }],
    [at('2025-05-08'), { status: 'overdue', due: '2025-05-06', workingDaysOverdue: 1, calendarDaysOverdue: 2 }],
    [at('2025-05-13'), { status: 'overdue', due: '2025-05-06', workingDaysOverdue: 3, calendarDaysOverdue: 7 }],
  ])('at %s', (now, want) => {
    expect(clockStatus(cal, d, now)).toEqual(want);
  });

  it('takes another due-soon threshold', () => {
    expect(clockStatus(cal, d, at('2025-04-28'), { dueSoonWorkingDays: 5 }).status).toBe('due-soon');
  });
});
