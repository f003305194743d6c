import { ValidationError } from '../shared/errors';
import {
  addCalendarDays,
  addMonths,
  assertIsoDate,
  calendarDaysBetween,
  dayNumber,
  fromDayNumber,
  localDate,
  type IsoDate,
} from './dates';
import type { ClockRule, ClockUnit, Period } from './rules';
import type { WorkingCalendar } from './working-calendar';

/**
 * Due dates of legal clocks and their status.
 *
 * Rules implemented (all dates are Kazakhstan local dates, UTC+5):
 *
 * 1. Start. The clock starts on the local date of `start`. For a working-day rule, a start on a
 *    non-working day is registered on the next working day (an appeal arriving on a Saturday is
 *    registered on Monday). That registration date is `countsFrom`.
 * 2. Counting. The date `countsFrom` itself is never counted: a period of n working days ends on the
 *    n-th working day after it (`WorkingCalendar.addWorkingDays`); n calendar days end n days after
 *    it; n months end on the same day-of-month n months later (else that month's last day). For
 *    calendar-day and month periods, `endsOnWorkingDay` moves an end on a non-working day to the
 *    next working day. A period of 0 ends on `countsFrom` (registration the day it arrives).
 * 3. Pauses ("information requested" until the citizen answers). A pause from instant F to instant T
 *    stops the clock for the days d with localDate(F) < d <= localDate(T): the day the information
 *    is requested still counts, the day the answer arrives does not (counting restarts the day after,
 *    as after a registration). The paused days of the rule's unit (working days for a working-day
 *    rule) are skipped, so the due date moves later by as many such days as fell before it; pauses
 *    after the due date change nothing. Pauses may overlap (a day is paused once). A pause without an
 *    end (`to: null`) stops the clock: while it lasts there is no due date, only the units left.
 *    Month periods cannot be paused.
 * 4. Extension (`extendedTo`, a date named in the extension decision; one extension). An end on a
 *    non-working day moves to the next working day. It must be later than the original due date
 *    (the due date with pauses, without extension) and no later than the rule's maximum counted from
 *    that original due date (report.answer: 2 months, moved to a working day); otherwise it is
 *    refused. The extension grants the units between the original and the extended due date; pauses
 *    after the original due date push the extended due date as in rule 3.
 */

export interface Pause {
  from: Date;
  /** null: still waiting for the citizen's answer. */
  to: Date | null;
}

export interface DeadlineInput {
  /** The instant the clock starts (arrival of the appeal, submission to moderation, ...). */
  start: Date;
  rule: ClockRule;
  pauses?: readonly Pause[];
  /** The date set by an extension decision. */
  extendedTo?: IsoDate;
}

export interface Deadline {
  ruleCode: string;
  unit: ClockUnit;
  amount: number;
  /** Local date of the start instant. */
  startDate: IsoDate;
  /** The date after which counting starts (the registration date for working-day rules). */
  countsFrom: IsoDate;
  /** Due date with pauses, without extension; null while an open pause stops the clock before it. */
  originalDue: IsoDate | null;
  /** The due date in force (with pauses and extension); null while an open pause stops the clock. */
  due: IsoDate | null;
  /** The extended date as decided (null without extension). */
  extendedTo: IsoDate | null;
  /** The latest date an extension may set (null: the rule has none, or the clock is paused). */
  maxExtendedDue: IsoDate | null;
  /** Days of the rule's unit skipped because of pauses before the due date. */
  pausedDays: number;
  /** Set while an open pause stops the clock: since when, and how many units were left then. */
  openPause: { since: IsoDate; unitsLeft: number } | null;
  /** True when the working-day calendar has no data for some year between start and due date. */
  provisional: boolean;
}

export type DeadlineRefusal =
  | { kind: 'refused'; reason: 'extension-not-allowed' }
  | { kind: 'refused'; reason: 'extension-while-paused' }
  | { kind: 'refused'; reason: 'extension-not-later'; originalDue: IsoDate }
  | { kind: 'refused'; reason: 'extension-exceeds-maximum'; originalDue: IsoDate; maxExtendedDue: IsoDate };

export type DeadlineOutcome = { kind: 'ok'; deadline: Deadline } | DeadlineRefusal;

interface DayPause {
  from: IsoDate;
  to: IsoDate | null;
}

type Walk = { kind: 'due'; date: IsoDate; skipped: number } | { kind: 'paused'; since: IsoDate; left: number; skipped: number };

/** Counts `units` days of the rule's unit after `from`, skipping paused days (rule 3). */
function walk(cal: WorkingCalendar, unit: 'working-days' | 'calendar-days', from: IsoDate, units: number, pauses: readonly DayPause[]): Walk {
  const counts = (n: number) => unit === 'calendar-days' || cal.isWorkingDayNumber(n);
  // Pauses as day-number ranges (from, to]; an open pause runs to infinity.
  const ranges = pauses.map((p) => ({ from: dayNumber(p.from), to: p.to === null ? Infinity : dayNumber(p.to), open: p.to === null }));
  const open = ranges.find((r) => r.open);
  let day = dayNumber(from);
  let used = 0;
  let skipped = 0;
  while (used < units) {
    day += 1;
    if (open && day > open.from) return { kind: 'paused', since: fromDayNumber(open.from), left: units - used, skipped };
    if (ranges.some((r) => day > r.from && day <= r.to)) {
      if (counts(day)) skipped++;
      continue;
    }
    if (counts(day)) used++;
  }
  return { kind: 'due', date: fromDayNumber(day), skipped };
}

/** `date` moved to a working day when the period says so (calendar-day and month periods). */
function settle(cal: WorkingCalendar, period: Pick<Period, 'unit' | 'endsOnWorkingDay'>, date: IsoDate): IsoDate {
  if (period.unit === 'working-days') return date;
  return period.endsOnWorkingDay ? cal.workingDayOnOrAfter(date) : date;
}

/** The end of `period` counted from `from`, without pauses. */
function endOf(cal: WorkingCalendar, period: Period, from: IsoDate): IsoDate {
  if (period.unit === 'working-days') return cal.addWorkingDays(from, period.amount);
  const end = period.unit === 'calendar-days' ? addCalendarDays(from, period.amount) : addMonths(from, period.amount);
  return settle(cal, period, end);
}

function toDayPauses(start: IsoDate, rule: ClockRule, pauses: readonly Pause[]): DayPause[] {
  if (pauses.length === 0) return [];
  if (!rule.pausable || rule.period.unit === 'months')
    throw new ValidationError('clock.rule-not-pausable', { rule: rule.code });
  const out = pauses.map((p, i) => {
    const from = localDate(p.from);
    const to = p.to === null ? null : localDate(p.to);
    if (p.to !== null && p.to.getTime() < p.from.getTime())
      throw new ValidationError('clock.pause-ends-before-start', { [`pauses.${i}`]: `${from} > ${to}` });
    if (from < start) throw new ValidationError('clock.pause-before-start', { [`pauses.${i}`]: from });
    return { from, to };
  });
  if (out.filter((p) => p.to === null).length > 1) throw new ValidationError('clock.two-open-pauses');
  return out;
}

/** The due date of a clock (see the rules at the top of this file). */
export function computeDeadline(cal: WorkingCalendar, input: DeadlineInput): DeadlineOutcome {
  const { rule } = input;
  const period = rule.period;
  const startDate = localDate(input.start);
  const pauses = toDayPauses(startDate, rule, input.pauses ?? []);
  const countsFrom = period.unit === 'working-days' ? cal.workingDayOnOrAfter(startDate) : startDate;

  let originalDue: IsoDate | null;
  let skipped = 0;
  let openPause: Deadline['openPause'] = null;
  if (period.unit === 'months') {
    originalDue = endOf(cal, period, countsFrom);
  } else {
    const w = walk(cal, period.unit, countsFrom, period.amount, pauses);
    skipped = w.skipped;
    if (w.kind === 'due') originalDue = settle(cal, period, w.date);
    else {
      originalDue = null;
      openPause = { since: w.since, unitsLeft: w.left };
    }
  }

  const maxExtendedDue = originalDue !== null && rule.maxExtension ? endOf(cal, rule.maxExtension, originalDue) : null;
  let due = originalDue;
  let extendedTo: IsoDate | null = null;

  if (input.extendedTo !== undefined) {
    assertIsoDate(input.extendedTo, 'extendedTo');
    if (!rule.maxExtension) return { kind: 'refused', reason: 'extension-not-allowed' };
    if (originalDue === null || maxExtendedDue === null) return { kind: 'refused', reason: 'extension-while-paused' };
    const target = cal.workingDayOnOrAfter(input.extendedTo);
    if (target <= originalDue) return { kind: 'refused', reason: 'extension-not-later', originalDue };
    if (target > maxExtendedDue)
      return { kind: 'refused', reason: 'extension-exceeds-maximum', originalDue, maxExtendedDue };
    extendedTo = input.extendedTo;
    if (period.unit === 'months') due = target;
    else {
      const extra =
        period.unit === 'working-days'
          ? cal.workingDaysBetween(originalDue, target)
          : calendarDaysBetween(originalDue, target);
      const w = walk(cal, period.unit, originalDue, extra, pauses);
      skipped += w.skipped;
      if (w.kind === 'due') due = cal.workingDayOnOrAfter(w.date);
      else {
        due = null;
        openPause = { since: w.since, unitsLeft: w.left };
      }
    }
  }

  return {
    kind: 'ok',
    deadline: {
      ruleCode: rule.code,
      unit: period.unit,
      amount: period.amount,
      startDate,
      countsFrom,
      originalDue,
      due,
      extendedTo,
      maxExtendedDue,
      pausedDays: skipped,
      openPause,
      provisional: !cal.coversRange(startDate, due ?? originalDue ?? startDate),
    },
  };
}

// =============================================================================================
// Status

export const CLOCK_STATUSES = ['on-time', 'due-soon', 'overdue', 'paused'] as const;
export type ClockStatusCode = (typeof CLOCK_STATUSES)[number];

/** "Due soon" when at most this many working days are left after today. */
export const DEFAULT_DUE_SOON_WORKING_DAYS = 3;

export type ClockStatus =
  | { status: 'paused'; since: IsoDate; unitsLeft: number }
  | { status: 'on-time' | 'due-soon'; due: IsoDate; workingDaysLeft: number; calendarDaysLeft: number }
  | { status: 'overdue'; due: IsoDate; workingDaysOverdue: number; calendarDaysOverdue: number };

/**
 * The status of a clock at `now` (pass the instant of the answer to judge an answered case).
 * Rule: with today = localDate(now), the due date itself is still on time (the body has the whole
 * day); `workingDaysLeft` = working days in (today, due]; 'due-soon' when it is at most
 * `dueSoonWorkingDays` (default 3); 'overdue' from the day after the due date, with
 * `workingDaysOverdue` = working days in (due, today] (0 on a weekend right after a Friday due date)
 * and `calendarDaysOverdue` = today - due; 'paused' while an open pause stops the clock.
 */
export function clockStatus(
  cal: WorkingCalendar,
  deadline: Deadline,
  now: Date,
  opts: { dueSoonWorkingDays?: number } = {},
): ClockStatus {
  if (deadline.due === null) {
    const p = deadline.openPause;
    if (!p) throw new ValidationError('clock.deadline-without-due-date');
    return { status: 'paused', since: p.since, unitsLeft: p.unitsLeft };
  }
  const today = localDate(now);
  const due = deadline.due;
  if (today > due)
    return {
      status: 'overdue',
      due,
      workingDaysOverdue: cal.workingDaysBetween(due, today),
      calendarDaysOverdue: calendarDaysBetween(due, today),
    };
  const workingDaysLeft = cal.workingDaysBetween(today, due);
  const soon = opts.dueSoonWorkingDays ?? DEFAULT_DUE_SOON_WORKING_DAYS;
  return {
    status: workingDaysLeft <= soon ? 'due-soon' : 'on-time',
    due,
    workingDaysLeft,
    calendarDaysLeft: calendarDaysBetween(today, due),
  };
}
