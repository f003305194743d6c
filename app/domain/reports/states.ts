/**
 * The local-issue report lifecycle as a pure state machine (shared by the citizen, staff, public and
 * Open311 sides).
 *
 *   registered ──route──▶ assigned ──acknowledge──▶ in-progress
 *   (filed; routing job          │                      │
 *    pending)                    └───────────┬──────────┘
 *                                            ├─request-info──▶ info-requested ──info-provided──▶ in-progress
 *                                            ├─forward──▶ assigned   (another competent body; citizen told)
 *                                            ├─assign──▶ (same state; department or executor)
 *                                            ├─extend──▶ (same state; once, reasoned, citizen told)
 *                                            ├─merge──▶ merged       (duplicate of another report)
 *                                            ├─answer──▶ answered    (resolved | partially-resolved |
 *                                            │                        refused | explained | planned)
 *                                            └─mark-fixed──▶ fixed
 *   answered ──mark-fixed──▶ fixed           answered ──close──▶ closed (refused / explained answers)
 *   fixed ──confirm──▶ closed-confirmed      fixed ──reject-fix──▶ reopened (escalated upward)
 *   fixed ──auto-close (14 days of silence)──▶ closed-unconfirmed
 *   reopened behaves like in-progress (acknowledge is not needed again).
 *   escalate (scheduled overdue job) keeps the state and records the upper-level akimat.
 *
 * The answer clock (report.answer, 15 working days) runs from registration; info-requested pauses
 * it; an extension (report.extension.max) moves it once.
 */

export const REPORT_STATUSES = [
  'registered',
  'assigned',
  'in-progress',
  'info-requested',
  'answered',
  'fixed',
  'reopened',
  'closed',
  'closed-confirmed',
  'closed-unconfirmed',
  'merged',
] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];

/** Statuses in which the akimat still owes the citizen something (inbox, clocks, overdue). */
export const OPEN_STATUSES = ['registered', 'assigned', 'in-progress', 'info-requested', 'reopened'] as const satisfies readonly ReportStatus[];
/** Statuses in which the answer clock runs (info-requested pauses it). */
export const CLOCK_RUNNING = ['registered', 'assigned', 'in-progress', 'reopened'] as const satisfies readonly ReportStatus[];
/** Work is finished from the citizen's point of view. */
export const CLOSED_STATUSES = ['closed', 'closed-confirmed', 'closed-unconfirmed', 'merged'] as const satisfies readonly ReportStatus[];
/** Staff may act on the report (besides close/confirm steps). */
const WORKABLE = ['assigned', 'in-progress', 'reopened'] as const satisfies readonly ReportStatus[];

/** Open311 GeoReport v2 has two statuses; the detailed one goes into status_notes. */
export function open311Status(status: ReportStatus): 'open' | 'closed' {
  return (CLOSED_STATUSES as readonly string[]).includes(status) || status === 'answered' || status === 'fixed' ? 'closed' : 'open';
}

export const DECISIONS = ['resolved', 'partially-resolved', 'refused', 'explained', 'planned'] as const;
export type Decision = (typeof DECISIONS)[number];

export const REPORT_EVENTS = [
  'file',
  'route',
  'acknowledge',
  'assign',
  'request-info',
  'info-provided',
  'forward',
  'extend',
  'merge',
  'answer',
  'mark-fixed',
  'close',
  'confirm',
  'reject-fix',
  'auto-close',
  'escalate',
  'join',
] as const;
export type ReportEvent = (typeof REPORT_EVENTS)[number];

export const REPORT_ACTORS = ['citizen', 'officer', 'system', 'partner'] as const;
export type ReportActor = (typeof REPORT_ACTORS)[number];

interface Rule {
  from: readonly ReportStatus[];
  /** null: the state does not change. */
  to: ReportStatus | null;
  by: readonly ReportActor[];
}

const RULES: Record<ReportEvent, Rule> = {
  file: { from: [], to: 'registered', by: ['citizen', 'partner'] },
  route: { from: ['registered'], to: 'assigned', by: ['system'] },
  acknowledge: { from: ['assigned'], to: 'in-progress', by: ['officer'] },
  assign: { from: WORKABLE, to: null, by: ['officer'] },
  'request-info': { from: ['assigned', 'in-progress', 'reopened'], to: 'info-requested', by: ['officer'] },
  'info-provided': { from: ['info-requested'], to: 'in-progress', by: ['citizen', 'officer'] },
  forward: { from: ['assigned', 'in-progress', 'reopened'], to: 'assigned', by: ['officer'] },
  extend: { from: ['assigned', 'in-progress', 'info-requested', 'reopened'], to: null, by: ['officer'] },
  merge: { from: ['assigned', 'in-progress', 'info-requested', 'reopened'], to: 'merged', by: ['officer'] },
  answer: { from: ['assigned', 'in-progress', 'reopened'], to: 'answered', by: ['officer'] },
  'mark-fixed': { from: ['assigned', 'in-progress', 'reopened', 'answered'], to: 'fixed', by: ['officer'] },
  close: { from: ['answered'], to: 'closed', by: ['officer', 'system'] },
  confirm: { from: ['fixed'], to: 'closed-confirmed', by: ['citizen'] },
  'reject-fix': { from: ['fixed'], to: 'reopened', by: ['citizen'] },
  'auto-close': { from: ['fixed'], to: 'closed-unconfirmed', by: ['system'] },
  escalate: { from: OPEN_STATUSES, to: null, by: ['system'] },
  join: { from: OPEN_STATUSES, to: null, by: ['citizen'] },
};

export type TransitionOutcome =
  | { kind: 'ok'; from: ReportStatus | null; to: ReportStatus }
  | { kind: 'refused'; reason: 'illegal-transition' | 'not-allowed-for-actor' };

/** The next status for `event` fired by `actor` in `from` (null before filing), or a refusal. */
export function reportTransition(from: ReportStatus | null, event: ReportEvent, actor: ReportActor): TransitionOutcome {
  const rule = RULES[event];
  if (event === 'file') {
    if (from !== null) return { kind: 'refused', reason: 'illegal-transition' };
  } else if (from === null || !rule.from.includes(from)) {
    return { kind: 'refused', reason: 'illegal-transition' };
  }
  if (!rule.by.includes(actor)) return { kind: 'refused', reason: 'not-allowed-for-actor' };
  return { kind: 'ok', from, to: rule.to ?? (from as ReportStatus) };
}

/** Events possible in a status for an actor (for showing only the actions that can succeed). */
export function eventsAvailable(status: ReportStatus, actor: ReportActor): ReportEvent[] {
  return REPORT_EVENTS.filter((e) => reportTransition(status, e, actor).kind === 'ok');
}

export function isReportStatus(value: string): value is ReportStatus {
  return (REPORT_STATUSES as readonly string[]).includes(value);
}

/** Public registration number: R-<year>-<sequence, 6 digits at least>. */
export function registrationNumber(year: number, sequence: number): string {
  return `R-${year}-${String(sequence).padStart(6, '0')}`;
}
