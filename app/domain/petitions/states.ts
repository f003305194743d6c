import { checkRejectionReason, type RejectionReason, type RejectionReasonRefusal } from './reasons';

/**
 * The petition lifecycle as a pure state machine.
 *
 *   draft ──submit──▶ collecting ──initial-support-reached──▶ moderation ──approve──▶ open
 *     │                  │                                        └──reject──▶ rejected (coded reason)
 *     └──withdraw──▶ withdrawn ◀──withdraw──┘
 *   open ──threshold-reached──▶ closed-reached ──register──▶ under-consideration ──answer──▶ answered
 *   closed-reached ──threshold-lost──▶ open   (integrity review invalidated signatures below the threshold)
 *   open ──expire──▶ closed-expired                                   answered ──record-milestone──▶ answered
 *
 * - collecting: initial support; the petition is visible by link only until it has N supporters
 *   (default 50, `initialSupportRequired` in the context). Supporters sign, and their signatures count
 *   towards the threshold later (SIGNABLE).
 * - moderation: the 20-working-day clock `petition.moderation` starts (CLOCK_STARTED_BY).
 * - open: public and signable for the signing window (`petition.signing-window`, 6 months).
 * - closed-reached: the threshold was reached and the petition is sent to the addressee, who
 *   registers it (`register`): the 40-working-day clock `petition.consideration` starts.
 * - answered: decision accepted | partially-accepted | rejected, with the response text;
 *   implementation milestones may follow, any number of times.
 * Only the author may edit, and only in draft and collecting (EDITABLE_BY_AUTHOR).
 *
 * `transition` checks, in order: the event is possible in the state, the role may fire it, then its
 * guard on the context. It returns the next state and an event record to store, or a refusal.
 */

export const PETITION_STATES = [
  'draft',
  'collecting',
  'moderation',
  'rejected',
  'open',
  'closed-reached',
  'closed-expired',
  'under-consideration',
  'answered',
  'withdrawn',
] as const;
export type PetitionState = (typeof PETITION_STATES)[number];

/** Listed and shown to everyone. */
export const VISIBLE_PUBLICLY = ['open', 'closed-reached', 'closed-expired', 'under-consideration', 'answered'] as const satisfies readonly PetitionState[];
/** Shown only to someone who has the link (and to the author). */
export const VISIBLE_BY_LINK_ONLY = ['collecting'] as const satisfies readonly PetitionState[];
/** Citizens may sign (initial supporters in collecting, everyone in open). */
export const SIGNABLE = ['collecting', 'open'] as const satisfies readonly PetitionState[];
/** Signing is over. */
export const CLOSED = ['closed-reached', 'closed-expired'] as const satisfies readonly PetitionState[];
/** The addressee owes an answer. */
export const AWAITING_ADDRESSEE = ['closed-reached', 'under-consideration'] as const satisfies readonly PetitionState[];
/** The author may change the text. */
export const EDITABLE_BY_AUTHOR = ['draft', 'collecting'] as const satisfies readonly PetitionState[];
/** The author may withdraw. */
export const WITHDRAWABLE = ['draft', 'collecting'] as const satisfies readonly PetitionState[];
/** No event leaves these states. */
export const TERMINAL = ['rejected', 'closed-expired', 'withdrawn'] as const satisfies readonly PetitionState[];

export const ACTOR_ROLES = ['author', 'moderator', 'system', 'addressee-officer'] as const;
export type ActorRole = (typeof ACTOR_ROLES)[number];

export const PETITION_EVENTS = [
  'submit',
  'initial-support-reached',
  'approve',
  'reject',
  'threshold-reached',
  'threshold-lost',
  'expire',
  'register',
  'answer',
  'record-milestone',
  'withdraw',
] as const;
export type PetitionEvent = (typeof PETITION_EVENTS)[number];

export const DECISIONS = ['accepted', 'partially-accepted', 'rejected'] as const;
export type Decision = (typeof DECISIONS)[number];

/** Supporters needed to leave `collecting` when the context does not say (configurable). */
export const DEFAULT_INITIAL_SUPPORT = 50;

/** The transition table: where each event may fire, where it leads, and who may fire it. */
export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'collecting', roles: ['author'] },
  'initial-support-reached': { from: ['collecting'], to: 'moderation', roles: ['system'] },
  approve: { from: ['moderation'], to: 'open', roles: ['moderator'] },
  reject: { from: ['moderation'], to: 'rejected', roles: ['moderator'] },
  'threshold-reached': { from: ['open'], to: 'closed-reached', roles: ['system'] },
  /**
   * Moderators invalidated held signatures and the valid count fell below the threshold before the
   * addressee registered the petition: it reverts to open (signing resumes; the window is unchanged).
   */
  'threshold-lost': { from: ['closed-reached'], to: 'open', roles: ['system'] },
  expire: { from: ['open'], to: 'closed-expired', roles: ['system'] },
  register: { from: ['closed-reached'], to: 'under-consideration', roles: ['addressee-officer', 'system'] },
  answer: { from: ['under-consideration'], to: 'answered', roles: ['addressee-officer'] },
  'record-milestone': { from: ['answered'], to: 'answered', roles: ['addressee-officer'] },
  withdraw: { from: ['draft', 'collecting'], to: 'withdrawn', roles: ['author'] },
} as const satisfies Record<
  PetitionEvent,
  { from: readonly PetitionState[]; to: PetitionState; roles: readonly ActorRole[] }
>;

/** The legal clock (code in dauys_clock_rules.json) that an event starts, at the event's time. */
export const CLOCK_STARTED_BY = {
  'initial-support-reached': 'petition.moderation',
  approve: 'petition.signing-window',
  register: 'petition.consideration',
} as const satisfies Partial<Record<PetitionEvent, string>>;

/** What the guards may need; each event reads only its own fields. */
export interface TransitionContext {
  now: Date;
  /** initial-support-reached: supporters so far, and how many are needed (default 50). */
  supporters?: number;
  initialSupportRequired?: number;
  /** threshold-reached / threshold-lost: valid signatures so far and the required number (thresholds.ts). */
  signatures?: number;
  threshold?: number;
  /** expire: the end of the signing window. */
  signingClosesAt?: Date;
  /** reject: the coded reason (checked with checkRejectionReason). */
  reason?: unknown;
  /** answer: the addressee's decision and its text. */
  decision?: Decision;
  responseText?: string;
  /** record-milestone: what was done, and optionally how far along (0-100). */
  milestone?: { text: string; progressPercent?: number };
}

export type EventData =
  | { kind: 'none' }
  | { kind: 'initial-support'; supporters: number; required: number }
  | { kind: 'rejection'; reason: RejectionReason }
  | { kind: 'threshold'; signatures: number; threshold: number }
  | { kind: 'threshold-lost'; signatures: number; threshold: number }
  | { kind: 'expiry'; signingClosedAt: Date }
  | { kind: 'answer'; decision: Decision; responseText: string }
  | { kind: 'milestone'; text: string; progressPercent: number | null };

export interface PetitionEventRecord {
  event: PetitionEvent;
  from: PetitionState;
  to: PetitionState;
  actorRole: ActorRole;
  at: Date;
  data: EventData;
  /** The clock rule this event starts, if any (CLOCK_STARTED_BY). */
  startsClock: string | null;
}

export type TransitionRefusal =
  | 'not-allowed-in-state'
  | 'role-not-allowed'
  | 'missing-context'
  | 'initial-support-not-reached'
  | 'threshold-not-reached'
  | 'threshold-still-reached'
  | 'signing-window-open'
  | 'reason-required'
  | RejectionReasonRefusal
  | 'decision-required'
  | 'response-text-required'
  | 'milestone-text-required'
  | 'milestone-progress-invalid';

export type TransitionOutcome =
  | { kind: 'ok'; next: PetitionState; record: PetitionEventRecord }
  | { kind: 'refused'; reason: TransitionRefusal };

const nonNegativeInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 0;
const has = <T extends string>(list: readonly T[], value: string): value is T => (list as readonly string[]).includes(value);
const MAX_TEXT = 20_000;

/** Checks an event's guard; returns its data or a refusal. */
function guard(event: PetitionEvent, ctx: TransitionContext): EventData | TransitionRefusal {
  switch (event) {
    case 'submit':
    case 'withdraw':
    case 'approve':
    case 'register':
      return { kind: 'none' };
    case 'initial-support-reached': {
      const required = ctx.initialSupportRequired ?? DEFAULT_INITIAL_SUPPORT;
      if (!nonNegativeInt(ctx.supporters) || !nonNegativeInt(required) || required === 0) return 'missing-context';
      if (ctx.supporters < required) return 'initial-support-not-reached';
      return { kind: 'initial-support', supporters: ctx.supporters, required };
    }
    case 'reject': {
      if (ctx.reason === undefined || ctx.reason === null) return 'reason-required';
      const checked = checkRejectionReason(ctx.reason);
      if (checked.kind === 'refused') return checked.reason;
      return { kind: 'rejection', reason: checked.reason };
    }
    case 'threshold-reached': {
      if (!nonNegativeInt(ctx.signatures) || !nonNegativeInt(ctx.threshold) || ctx.threshold === 0) return 'missing-context';
      if (ctx.signatures < ctx.threshold) return 'threshold-not-reached';
      return { kind: 'threshold', signatures: ctx.signatures, threshold: ctx.threshold };
    }
    case 'threshold-lost': {
      // Rule: fires only when the valid count is strictly below the threshold.
      if (!nonNegativeInt(ctx.signatures) || !nonNegativeInt(ctx.threshold) || ctx.threshold === 0) return 'missing-context';
      if (ctx.signatures >= ctx.threshold) return 'threshold-still-reached';
      return { kind: 'threshold-lost', signatures: ctx.signatures, threshold: ctx.threshold };
    }
    case 'expire': {
      const closes = ctx.signingClosesAt;
      if (!(closes instanceof Date) || Number.isNaN(closes.getTime())) return 'missing-context';
      if (ctx.now.getTime() < closes.getTime()) return 'signing-window-open';
      return { kind: 'expiry', signingClosedAt: closes };
    }
    case 'answer': {
      if (ctx.decision === undefined || !has(DECISIONS, ctx.decision)) return 'decision-required';
      const text = ctx.responseText?.trim() ?? '';
      if (text === '' || text.length > MAX_TEXT) return 'response-text-required';
      return { kind: 'answer', decision: ctx.decision, responseText: text };
    }
    case 'record-milestone': {
      const text = ctx.milestone?.text.trim() ?? '';
      if (text === '' || text.length > MAX_TEXT) return 'milestone-text-required';
      const progress = ctx.milestone?.progressPercent;
      if (progress !== undefined && (!nonNegativeInt(progress) || progress > 100)) return 'milestone-progress-invalid';
      return { kind: 'milestone', text, progressPercent: progress ?? null };
    }
  }
}

/** Applies an event to a petition in `state`, fired by `actorRole`. Pure: stores nothing. */
export function transition(
  state: PetitionState,
  event: PetitionEvent,
  actorRole: ActorRole,
  context: TransitionContext,
): TransitionOutcome {
  const t = TRANSITIONS[event];
  if (!has(t.from, state)) return { kind: 'refused', reason: 'not-allowed-in-state' };
  if (!has(t.roles, actorRole)) return { kind: 'refused', reason: 'role-not-allowed' };
  const data = guard(event, context);
  if (typeof data === 'string') return { kind: 'refused', reason: data };
  const startsClock: string | null = (CLOCK_STARTED_BY as Partial<Record<PetitionEvent, string>>)[event] ?? null;
  return {
    kind: 'ok',
    next: t.to,
    record: { event, from: state, to: t.to, actorRole, at: context.now, data, startsClock },
  };
}

/** The events `role` may fire in `state` (guards not checked): for showing the right buttons. */
export function availableEvents(state: PetitionState, role: ActorRole): PetitionEvent[] {
  return PETITION_EVENTS.filter((e) => has(TRANSITIONS[e].from, state) && has(TRANSITIONS[e].roles, role));
}

/** Whether the author may edit the petition's text (draft and collecting only). */
export function canAuthorEdit(state: PetitionState): boolean {
  return has(EDITABLE_BY_AUTHOR, state);
}

/** Whether `state` belongs to a group such as SIGNABLE or VISIBLE_PUBLICLY. */
export function isIn(group: readonly PetitionState[], state: PetitionState): boolean {
  return group.includes(state);
}

export function isPetitionState(value: unknown): value is PetitionState {
  return typeof value === 'string' && has(PETITION_STATES, value);
}
