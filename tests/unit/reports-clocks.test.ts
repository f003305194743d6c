import { readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseClockRules } from '../../app/domain/calendar/rules';
import { WorkingCalendar } from '../../app/domain/calendar/working-calendar';
import {
  answerDeadline,
  answerDeadlineOf,
  answerClockStatus,
  autoCloseDue,
  confirmFixedDue,
  forwardDue,
  forwardTiming,
  pausesFromEvents,
  registrationDate,
  storedAnswerStatus,
  weekOf,
  type ClockEvent,
} from '../../app/domain/reports/clocks';
import { buildCalendarRows, defaultSeedDataDir, loadSeedFile } from '../../db/seed/reference';

// The calendar as the seed builds it from kz_holidays.json (2025: the January transfer; 2026: the
// Nauryz week, May holidays and their carry-overs), and the clock rules file.
let cal: WorkingCalendar;
const rules = parseClockRules(JSON.parse(readFileSync(path.join(process.cwd(), 'db/seed/data/dauys_clock_rules.json'), 'utf8')));
beforeAll(async () => {
  const holidays = await loadSeedFile(defaultSeedDataDir, 'holidays');
  cal = new WorkingCalendar(buildCalendarRows(holidays).map((r) => ({ day: r.day, kind: r.kind })));
});

/** An instant at a Kazakhstan local time (UTC+5). */
const at = (date: string, time = '10:00') => new Date(`${date}T${time}:00+05:00`);

describe('registration', () => {
  it('is the day of arrival on a working day, even late in the evening', () => {
    expect(registrationDate(cal, rules, at('2026-04-14', '23:30'))).toBe('2026-04-14');
  });
  it('moves a report arriving on a weekend to the next working day', () => {
    expect(registrationDate(cal, rules, at('2026-04-18'))).toBe('2026-04-20');
  });
  it('skips holidays and carried-over days off (8 March 2026 on a Sunday, carried to Monday 9)', () => {
    expect(registrationDate(cal, rules, at('2026-03-07'))).toBe('2026-03-10');
  });
  it('counts a transferred working day (Sunday 5 January 2025) and skips the transferred day off (Friday 3)', () => {
    expect(registrationDate(cal, rules, at('2025-01-03'))).toBe('2025-01-05');
  });
  it('uses the Kazakhstan date of the instant (23:30 UTC on Friday is Saturday in Astana)', () => {
    expect(registrationDate(cal, rules, new Date('2026-04-17T20:30:00Z'))).toBe('2026-04-20');
  });
});

describe('forwarding within 3 working days', () => {
  it('counts from the day after registration', () => {
    expect(forwardDue(cal, rules, at('2026-04-14'))).toBe('2026-04-17');
  });
  it('skips the May holidays (7, 9 and the carried-over 11 May 2026)', () => {
    expect(forwardDue(cal, rules, at('2026-05-06'))).toBe('2026-05-13');
  });
  it('is in time on the due date and late the day after', () => {
    expect(forwardTiming(cal, rules, at('2026-04-14'), at('2026-04-17', '18:00'))).toEqual({ due: '2026-04-17', late: false });
    expect(forwardTiming(cal, rules, at('2026-04-14'), at('2026-04-18', '09:00'))).toEqual({ due: '2026-04-17', late: true });
  });
});

describe('answer within 15 working days', () => {
  it('registered Tuesday 14 April 2026 -> due Wednesday 6 May 2026 (1 May is a holiday)', () => {
    // 15-30 April: 12 working days; 1 May holiday; 4 May (13), 5 May (14), 6 May (15)
    const d = answerDeadlineOf(cal, rules, { registeredAt: at('2026-04-14'), events: [] });
    expect(d.due).toBe('2026-05-06');
    expect(cal.workingDaysBetween('2026-04-14', d.due!)).toBe(15);
  });
  it('across the Nauryz week (21-25 March 2026)', () => {
    const d = answerDeadlineOf(cal, rules, { registeredAt: at('2026-03-07'), events: [] });
    // registered Tue 10 March; 11-20 March: 8 working days; 21-25 off; 26, 27, 30, 31 March, 1-3 April: 7 more
    expect(d.countsFrom).toBe('2026-03-10');
    expect(d.due).toBe('2026-04-03');
  });
  it('across the January 2025 transfer (Sunday 5 January worked, Friday 3 January off)', () => {
    const d = answerDeadlineOf(cal, rules, { registeredAt: at('2024-12-31'), events: [] });
    // 1, 2 Jan holidays, 3 Jan transfer rest, 5 Jan worked (1), 6 (2), 7 holiday, 8-10 (5), 13-17 (10), 20-24 (15)
    expect(d.due).toBe('2025-01-24');
  });

  it('an answered information request pauses the clock from the day after the request to the answer day', () => {
    const events: ClockEvent[] = [
      { type: 'request-info', at: at('2026-04-16') },
      { type: 'info-provided', at: at('2026-04-22'), data: { pausedAt: at('2026-04-16').toISOString(), resumedAt: at('2026-04-22').toISOString() } },
    ];
    const d = answerDeadlineOf(cal, rules, { registeredAt: at('2026-04-14'), events });
    // paused 17, 20, 21, 22 April: 4 working days later than 6 May -> 14 May (7, 9, 11 May are days off)
    expect(d.pausedDays).toBe(4);
    expect(d.due).toBe('2026-05-14');
  });
  it('an unanswered request stops the clock: no due date, and never overdue', () => {
    const events: ClockEvent[] = [{ type: 'request-info', at: at('2026-04-16') }];
    const d = answerDeadlineOf(cal, rules, { registeredAt: at('2026-04-14'), events });
    expect(d.due).toBeNull();
    expect(d.openPause).toEqual({ since: '2026-04-16', unitsLeft: 13 });
    expect(answerClockStatus(cal, d, at('2026-09-01')).status).toBe('paused');
  });
  it('pauses come from the event times when the info-provided data lacks them', () => {
    expect(
      pausesFromEvents([
        { type: 'info-provided', at: at('2026-04-22') },
        { type: 'request-info', at: at('2026-04-16') },
      ]),
    ).toEqual([{ from: at('2026-04-16'), to: at('2026-04-22') }]);
  });

  it('status: on time, due soon (3 working days or fewer), due date itself on time, overdue the next day', () => {
    const d = answerDeadlineOf(cal, rules, { registeredAt: at('2026-04-14'), events: [] });
    expect(answerClockStatus(cal, d, at('2026-04-27')).status).toBe('on-time');
    expect(answerClockStatus(cal, d, at('2026-04-30')).status).toBe('due-soon');
    expect(answerClockStatus(cal, d, at('2026-05-06', '23:59')).status).toBe('due-soon');
    expect(answerClockStatus(cal, d, at('2026-05-07', '00:01'))).toMatchObject({ status: 'overdue', workingDaysOverdue: 0, calendarDaysOverdue: 1 });
    expect(storedAnswerStatus(cal, '2026-05-06', false, at('2026-05-08'))).toMatchObject({ status: 'overdue', workingDaysOverdue: 1 });
    expect(storedAnswerStatus(cal, '2026-05-06', true, at('2026-05-08'))).toBeNull();
  });
});

describe('one extension, at most 2 months beyond the original due date', () => {
  const registeredAt = at('2026-04-14'); // original due 6 May 2026
  it('moves the due date to the chosen date', () => {
    const out = answerDeadline(cal, rules, { registeredAt, events: [], extendedTo: '2026-06-15' });
    expect(out).toMatchObject({ kind: 'ok', deadline: { originalDue: '2026-05-06', due: '2026-06-15', maxExtendedDue: '2026-07-07' } });
  });
  it('accepts the maximum and moves an end on a day off to the next working day', () => {
    // 6 July 2026 is Capital Day (a holiday): the maximum is 7 July
    const out = answerDeadline(cal, rules, { registeredAt, events: [], extendedTo: '2026-07-07' });
    expect(out).toMatchObject({ kind: 'ok', deadline: { due: '2026-07-07', maxExtendedDue: '2026-07-07' } });
  });
  it('refuses a date beyond two months or not later than the original due date', () => {
    expect(answerDeadline(cal, rules, { registeredAt, events: [], extendedTo: '2026-07-08' })).toMatchObject({ kind: 'refused', reason: 'extension-exceeds-maximum' });
    expect(answerDeadline(cal, rules, { registeredAt, events: [], extendedTo: '2026-05-06' })).toMatchObject({ kind: 'refused', reason: 'extension-not-later' });
  });
  it('the recorded extension is read from the extend event', () => {
    const d = answerDeadlineOf(cal, rules, { registeredAt, events: [{ type: 'extend', at: at('2026-05-04'), data: { extendedTo: '2026-06-15' } }] });
    expect(d.due).toBe('2026-06-15');
  });
  it('refuses an extension while an information request is unanswered', () => {
    expect(
      answerDeadline(cal, rules, { registeredAt, events: [{ type: 'request-info', at: at('2026-04-16') }], extendedTo: '2026-06-15' }),
    ).toMatchObject({ kind: 'refused', reason: 'extension-while-paused' });
  });
});

describe('closed loop: 14 days for the citizen to confirm a fix', () => {
  it('the last day is 14 calendar days after the fix; auto-close from the day after', () => {
    expect(confirmFixedDue(rules, at('2026-06-01', '16:00'))).toBe('2026-06-15');
    expect(autoCloseDue(rules, at('2026-06-01', '16:00'), at('2026-06-15', '23:59'))).toBe(false);
    expect(autoCloseDue(rules, at('2026-06-01', '16:00'), at('2026-06-16', '00:01'))).toBe(true);
  });
});

describe('week of a date', () => {
  it('is Monday to Sunday in Kazakhstan time', () => {
    expect(weekOf(at('2026-04-15'))).toEqual({ from: '2026-04-13', to: '2026-04-19' });
    expect(weekOf(at('2026-04-19', '23:00'))).toEqual({ from: '2026-04-13', to: '2026-04-19' });
    expect(weekOf(at('2026-04-20', '00:30'))).toEqual({ from: '2026-04-20', to: '2026-04-26' });
  });
});
