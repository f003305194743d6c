import {
  addCalendarDays,
  clockStatus,
  computeDeadline,
  localDate,
  type ClockRuleSet,
  type ClockStatus,
  type Deadline,
  type DeadlineOutcome,
  type IsoDate,
  type Pause,
  type WorkingCalendar,
} from '../calendar';

/**
 * The legal clocks of a local-issue report (pure; rules are data: db/seed/data/dauys_clock_rules.json).
 *
 * - Registration (report.register, 0 working days): the report is registered the day it arrives; one
 *   arriving on a non-working day is registered on the next working day.
 * - Forwarding (report.forward): a body that is not competent forwards the report within 3 working
 *   days of registration. A later forward is allowed (the citizen must not be left without a
 *   competent body) but is recorded as late.
 * - Answer (report.answer): 15 working days counted from the day after registration. "Information
 *   requested" pauses it: each pause runs from the request-info event to the info-provided event
 *   (whose data carries `{ pausedAt, resumedAt }`; the event times are used when absent). While a
 *   request is unanswered there is no due date, only the working days left.
 * - Extension (report.extension.max): once, with a reason, to a date later than the original due
 *   date and at most 2 months after it (moved to a working day); the extend event's data carries
 *   `extendedTo`.
 * - Closed loop (report.confirm-fixed, 14 calendar days): a fixed report the citizen neither confirms
 *   nor rejects closes as fixed-unconfirmed once 14 days after the fix have passed.
 *
 * The clocks are computed from the report's events, so a replay gives the same dates; the stored
 * columns (answer_due_on, forward_due_on) are the last computed values for sorting and display.
 */

export const RULE_REGISTER = 'report.register';
export const RULE_FORWARD = 'report.forward';
export const RULE_ANSWER = 'report.answer';
export const RULE_CONFIRM_FIXED = 'report.confirm-fixed';
export const RULE_EXTENSION_NOTIFY = 'report.extension.notify';

/** What the clocks need of a report event. */
export interface ClockEvent {
  type: string;
  at: Date;
  data?: Record<string, unknown> | null;
}

function instant(value: unknown): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'string' || typeof value === 'number') {
    const d = new Date(value);
    return Number.isNaN(d.getTime()) ? null : d;
  }
  return null;
}

/**
 * The pauses of the answer clock: request-info -> info-provided, in event order. A request without
 * an answer yet is an open pause (`to: null`).
 */
export function pausesFromEvents(events: readonly ClockEvent[]): Pause[] {
  const sorted = [...events].sort((a, b) => a.at.getTime() - b.at.getTime());
  const pauses: Pause[] = [];
  let open: Date | null = null;
  for (const e of sorted) {
    if (e.type === 'request-info') {
      if (open === null) open = e.at;
    } else if (e.type === 'info-provided') {
      const from = instant(e.data?.pausedAt) ?? open ?? e.at;
      const to = instant(e.data?.resumedAt) ?? e.at;
      pauses.push({ from, to: to.getTime() < from.getTime() ? from : to });
      open = null;
    }
  }
  if (open !== null) pauses.push({ from: open, to: null });
  return pauses;
}

/** The date set by the (single) extension, if any. */
export function extensionFromEvents(events: readonly ClockEvent[]): IsoDate | undefined {
  const ext = events.find((e) => e.type === 'extend');
  const to = ext?.data?.extendedTo;
  return typeof to === 'string' ? to : undefined;
}

/** The registration date of a report that arrived at `receivedAt`. */
export function registrationDate(cal: WorkingCalendar, rules: ClockRuleSet, receivedAt: Date): IsoDate {
  const out = computeDeadline(cal, { start: receivedAt, rule: rules.get(RULE_REGISTER) });
  if (out.kind !== 'ok' || !out.deadline.due) throw new Error('report.register gives no date');
  return out.deadline.due;
}

/** The date by which a non-competent body must forward the report. */
export function forwardDue(cal: WorkingCalendar, rules: ClockRuleSet, registeredAt: Date): IsoDate {
  const out = computeDeadline(cal, { start: registeredAt, rule: rules.get(RULE_FORWARD) });
  if (out.kind !== 'ok' || !out.deadline.due) throw new Error('report.forward gives no date');
  return out.deadline.due;
}

/** Whether a forward at `at` keeps the forwarding term (the due date itself is in time). */
export function forwardTiming(cal: WorkingCalendar, rules: ClockRuleSet, registeredAt: Date, at: Date): { due: IsoDate; late: boolean } {
  const due = forwardDue(cal, rules, registeredAt);
  return { due, late: localDate(at) > due };
}

export interface AnswerClockInput {
  registeredAt: Date;
  events: readonly ClockEvent[];
  /** A proposed extension date (checked against the rule); defaults to the recorded one. */
  extendedTo?: IsoDate;
}

/** The answer deadline with pauses and extension, or the refusal of a proposed extension. */
export function answerDeadline(cal: WorkingCalendar, rules: ClockRuleSet, input: AnswerClockInput): DeadlineOutcome {
  const extendedTo = input.extendedTo ?? extensionFromEvents(input.events);
  return computeDeadline(cal, {
    start: input.registeredAt,
    rule: rules.get(RULE_ANSWER),
    pauses: pausesFromEvents(input.events),
    ...(extendedTo ? { extendedTo } : {}),
  });
}

/** The answer deadline; throws if the recorded data cannot give one (a broken invariant). */
export function answerDeadlineOf(cal: WorkingCalendar, rules: ClockRuleSet, input: Omit<AnswerClockInput, 'extendedTo'>): Deadline {
  const out = answerDeadline(cal, rules, input);
  if (out.kind !== 'ok') throw new Error(`report answer clock refused: ${out.reason}`);
  return out.deadline;
}

/** The answer clock's status at `now` (due soon: 3 working days or fewer left). */
export function answerClockStatus(cal: WorkingCalendar, deadline: Deadline, now: Date): ClockStatus {
  return clockStatus(cal, deadline, now);
}

/** The status of a stored due date (the inbox reads the stored column rather than replaying events). */
export function storedAnswerStatus(cal: WorkingCalendar, due: IsoDate | null, paused: boolean, now: Date): ClockStatus | null {
  if (paused || !due) return null;
  const deadline: Deadline = {
    ruleCode: RULE_ANSWER,
    unit: 'working-days',
    amount: 15,
    startDate: due,
    countsFrom: due,
    originalDue: due,
    due,
    extendedTo: null,
    maxExtendedDue: null,
    pausedDays: 0,
    openPause: null,
    provisional: false,
  };
  return clockStatus(cal, deadline, now);
}

/** Whether the answer is overdue at `now` (a paused clock is never overdue). */
export function isAnswerOverdue(cal: WorkingCalendar, deadline: Deadline, now: Date): boolean {
  return answerClockStatus(cal, deadline, now).status === 'overdue';
}

/** The last day the citizen may confirm or reject a fix made at `fixedAt`. */
export function confirmFixedDue(rules: ClockRuleSet, fixedAt: Date): IsoDate {
  const rule = rules.get(RULE_CONFIRM_FIXED);
  return addCalendarDays(localDate(fixedAt), rule.period.amount);
}

/** Whether a fixed report with no citizen response closes as fixed-unconfirmed at `now`. */
export function autoCloseDue(rules: ClockRuleSet, fixedAt: Date, now: Date): boolean {
  return localDate(now) > confirmFixedDue(rules, fixedAt);
}

/** The local dates of the week containing `now` (Monday to Sunday), for "due this week". */
export function weekOf(now: Date): { from: IsoDate; to: IsoDate } {
  const today = localDate(now);
  const weekday = (new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7; // Monday 0
  const from = addCalendarDays(today, -weekday);
  return { from, to: addCalendarDays(from, 6) };
}
