import { OPEN_STATUSES, type ReportStatus } from './states';

/**
 * What the public sees of a report's status (pure): four groups for the list filters and the map,
 * and the state of the answer clock.
 *
 *   open      the akimat still owes an answer: registered, assigned, in-progress, info-requested,
 *             reopened
 *   answered  answered, not (yet) fixed
 *   fixed     the problem was fixed: fixed (awaiting the citizen's confirmation), closed-confirmed,
 *             closed-unconfirmed (14 days of silence after the fix)
 *   closed    closed without a fix (refused or explained answers, closed by the akimat) or merged
 *             into another report
 */

export const STATUS_GROUPS = ['open', 'answered', 'fixed', 'closed'] as const;
export type StatusGroup = (typeof STATUS_GROUPS)[number];

export const STATUSES_BY_GROUP: Record<StatusGroup, readonly ReportStatus[]> = {
  open: OPEN_STATUSES,
  answered: ['answered'],
  fixed: ['fixed', 'closed-confirmed', 'closed-unconfirmed'],
  closed: ['closed', 'merged'],
};

export function statusGroup(status: ReportStatus): StatusGroup {
  for (const g of STATUS_GROUPS) if (STATUSES_BY_GROUP[g].includes(status)) return g;
  return 'open';
}

export function isStatusGroup(value: unknown): value is StatusGroup {
  return typeof value === 'string' && (STATUS_GROUPS as readonly string[]).includes(value);
}

/**
 * The answer clock as the public sees it, on Kazakhstan calendar dates (YYYY-MM-DD):
 *   no-due            no due date yet (the routing job has not run)
 *   paused            information requested from the citizen: the clock stands still
 *   running           not answered, due today or later
 *   overdue           not answered, the due date has passed (`days` late, calendar days)
 *   answered-on-time  answered (or fixed) on or before the due date
 *   answered-late     answered (or fixed) after the due date (`days` late)
 *   merged            merged into another report: its clock is that report's
 * The response is the answer, or the fix when the akimat fixed without a separate answer.
 */
export type PublicClock =
  | { kind: 'no-due' | 'merged' }
  | { kind: 'paused' | 'running'; dueOn: string }
  | { kind: 'overdue' | 'answered-late'; dueOn: string; days: number }
  | { kind: 'answered-on-time'; dueOn: string };

export interface ClockInput {
  status: ReportStatus;
  answerDueOn: string | null;
  /** Kazakhstan date of the answer (or of the fix when there was no answer); null if none. */
  respondedOn: string | null;
}

const DAY_MS = 86_400_000;
/** Whole calendar days from `a` to `b` (YYYY-MM-DD), positive when b is later. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY_MS);
}

export function publicClock(r: ClockInput, today: string): PublicClock {
  if (r.status === 'merged') return { kind: 'merged' };
  const due = r.answerDueOn;
  if (!due) return { kind: 'no-due' };
  if (r.respondedOn) {
    const late = daysBetween(due, r.respondedOn);
    return late > 0 ? { kind: 'answered-late', dueOn: due, days: late } : { kind: 'answered-on-time', dueOn: due };
  }
  if (r.status === 'info-requested') return { kind: 'paused', dueOn: due };
  const late = daysBetween(due, today);
  return late > 0 ? { kind: 'overdue', dueOn: due, days: late } : { kind: 'running', dueOn: due };
}
