import { describe, expect, it } from 'vitest';
import {
  ACTOR_ROLES,
  AWAITING_ADDRESSEE,
  CLOSED,
  DEFAULT_INITIAL_SUPPORT,
  EDITABLE_BY_AUTHOR,
  PETITION_EVENTS,
  PETITION_STATES,
  SIGNABLE,
  TERMINAL,
  VISIBLE_BY_LINK_ONLY,
  VISIBLE_PUBLICLY,
  WITHDRAWABLE,
  availableEvents,
  canAuthorEdit,
  isIn,
  isPetitionState,
  transition,
  type ActorRole,
  type PetitionEvent,
  type PetitionState,
  type TransitionContext,
} from '../../app/domain/petitions/states';

const now = new Date('2025-06-01T10:00:00+05:00');

/**
 * The lifecycle as the brief states it, written independently of the module's table:
 * [from, event, roles allowed, to].
 */
const EXPECTED: [PetitionState, PetitionEvent, ActorRole[], PetitionState][] = [
  ['draft', 'submit', ['author'], 'collecting'],
  ['draft', 'withdraw', ['author'], 'withdrawn'],
  ['collecting', 'withdraw', ['author'], 'withdrawn'],
  ['collecting', 'initial-support-reached', ['system'], 'moderation'],
  ['moderation', 'approve', ['moderator'], 'open'],
  ['moderation', 'reject', ['moderator'], 'rejected'],
  ['open', 'threshold-reached', ['system'], 'closed-reached'],
  ['closed-reached', 'threshold-lost', ['system'], 'open'],
  ['open', 'expire', ['system'], 'closed-expired'],
  ['closed-reached', 'register', ['addressee-officer', 'system'], 'under-consideration'],
  ['under-consideration', 'answer', ['addressee-officer'], 'answered'],
  ['answered', 'record-milestone', ['addressee-officer'], 'answered'],
];

/** A context that satisfies every guard. */
const valid: TransitionContext = {
  now,
  supporters: 50,
  initialSupportRequired: 50,
  signatures: 2_500,
  threshold: 2_500,
  signingClosesAt: new Date(now.getTime() - 1),
  reason: { code: 'prohibited-topic', topicGroup: 'elections-referendums' },
  decision: 'partially-accepted',
  responseText: '  The akimat will repair the road in 2026.  ',
  milestone: { text: 'Tender announced', progressPercent: 10 },
};

const matrix = PETITION_STATES.flatMap((state) =>
  PETITION_EVENTS.flatMap((event) => ACTOR_ROLES.map((role) => [state, event, role] as const)),
);

describe('transition: the full state x event x role matrix', () => {
  it('has every combination', () => {
    expect(matrix).toHaveLength(PETITION_STATES.length * PETITION_EVENTS.length * ACTOR_ROLES.length);
  });

  it.each(matrix)('%s --%s--> by %s', (state, event, role) => {
    const row = EXPECTED.find(([from, e]) => from === state && e === event);
    // threshold-lost's guard needs the count below the threshold (the shared context sits at it).
    const out = transition(state, event, role, event === 'threshold-lost' ? { ...valid, signatures: valid.signatures! - 1 } : valid);
    if (!row) expect(out).toEqual({ kind: 'refused', reason: 'not-allowed-in-state' });
    else if (!row[2].includes(role)) expect(out).toEqual({ kind: 'refused', reason: 'role-not-allowed' });
    else {
      expect(out.kind).toBe('ok');
      if (out.kind !== 'ok') return;
      expect(out.next).toBe(row[3]);
      expect(out.record).toMatchObject({ event, from: state, to: row[3], actorRole: role, at: now });
    }
  });
});

describe('guards', () => {
  const refused = (state: PetitionState, event: PetitionEvent, role: ActorRole, ctx: Partial<TransitionContext>) =>
    transition(state, event, role, { now, ...ctx });

  it('initial support: N supporters, default 50, configurable', () => {
    expect(DEFAULT_INITIAL_SUPPORT).toBe(50);
    expect(refused('collecting', 'initial-support-reached', 'system', { supporters: 49 })).toEqual({ kind: 'refused', reason: 'initial-support-not-reached' });
    expect(refused('collecting', 'initial-support-reached', 'system', { supporters: 50 }).kind).toBe('ok');
    expect(refused('collecting', 'initial-support-reached', 'system', { supporters: 149, initialSupportRequired: 150 })).toMatchObject({
      reason: 'initial-support-not-reached',
    });
    const ok = refused('collecting', 'initial-support-reached', 'system', { supporters: 150, initialSupportRequired: 150 });
    expect(ok.kind === 'ok' && ok.record.data).toEqual({ kind: 'initial-support', supporters: 150, required: 150 });
    expect(refused('collecting', 'initial-support-reached', 'system', {})).toMatchObject({ reason: 'missing-context' });
    expect(refused('collecting', 'initial-support-reached', 'system', { supporters: 10, initialSupportRequired: 0 })).toMatchObject({
      reason: 'missing-context',
    });
  });

  it('rejection needs a valid coded reason', () => {
    expect(refused('moderation', 'reject', 'moderator', {})).toEqual({ kind: 'refused', reason: 'reason-required' });
    expect(refused('moderation', 'reject', 'moderator', { reason: { code: 'boring' } })).toMatchObject({ reason: 'unknown-reason' });
    expect(refused('moderation', 'reject', 'moderator', { reason: { code: 'prohibited-topic' } })).toMatchObject({ reason: 'topic-group-required' });
    expect(refused('moderation', 'reject', 'moderator', { reason: { code: 'prohibited-topic', topicGroup: 'weather' } })).toMatchObject({
      reason: 'unknown-topic-group',
    });
    expect(refused('moderation', 'reject', 'moderator', { reason: { code: 'offensive', topicGroup: 'language' } })).toMatchObject({
      reason: 'malformed-reason',
    });
    const ok = refused('moderation', 'reject', 'moderator', { reason: { code: 'duplicate', duplicateOf: 'p-123', note: 'Same request' } });
    expect(ok.kind === 'ok' && ok.record.data).toEqual({ kind: 'rejection', reason: { code: 'duplicate', duplicateOf: 'p-123', note: 'Same request' } });
  });

  it('threshold reached only at or above the threshold', () => {
    expect(refused('open', 'threshold-reached', 'system', { signatures: 2_499, threshold: 2_500 })).toMatchObject({ reason: 'threshold-not-reached' });
    expect(refused('open', 'threshold-reached', 'system', { signatures: 2_501, threshold: 2_500 }).kind).toBe('ok');
    expect(refused('open', 'threshold-reached', 'system', { signatures: 10 })).toMatchObject({ reason: 'missing-context' });
  });

  it('threshold lost only strictly below the threshold', () => {
    expect(refused('closed-reached', 'threshold-lost', 'system', { signatures: 2_500, threshold: 2_500 })).toEqual({ kind: 'refused', reason: 'threshold-still-reached' });
    expect(refused('closed-reached', 'threshold-lost', 'system', { signatures: 9_000, threshold: 2_500 })).toEqual({ kind: 'refused', reason: 'threshold-still-reached' });
    const ok = refused('closed-reached', 'threshold-lost', 'system', { signatures: 2_499, threshold: 2_500 });
    expect(ok.kind === 'ok' && ok.next).toBe('open');
    expect(ok.kind === 'ok' && ok.record.data).toEqual({ kind: 'threshold-lost', signatures: 2_499, threshold: 2_500 });
    expect(refused('closed-reached', 'threshold-lost', 'system', { signatures: 10 })).toMatchObject({ reason: 'missing-context' });
    expect(refused('closed-reached', 'threshold-lost', 'system', { signatures: 1, threshold: 0 })).toMatchObject({ reason: 'missing-context' });
    expect(refused('closed-reached', 'threshold-lost', 'moderator', { signatures: 1, threshold: 5 })).toMatchObject({ reason: 'role-not-allowed' });
    expect(refused('under-consideration', 'threshold-lost', 'system', { signatures: 1, threshold: 5 })).toMatchObject({ reason: 'not-allowed-in-state' });
  });

  it('expiry only once the signing window has ended', () => {
    expect(refused('open', 'expire', 'system', { signingClosesAt: new Date(now.getTime() + 1) })).toMatchObject({ reason: 'signing-window-open' });
    const ok = refused('open', 'expire', 'system', { signingClosesAt: now });
    expect(ok.kind === 'ok' && ok.record.data).toEqual({ kind: 'expiry', signingClosedAt: now });
    expect(refused('open', 'expire', 'system', {})).toMatchObject({ reason: 'missing-context' });
    expect(refused('open', 'expire', 'system', { signingClosesAt: new Date('x') })).toMatchObject({ reason: 'missing-context' });
  });

  it('an answer needs a decision and a text', () => {
    const officer = (ctx: Partial<TransitionContext>) => refused('under-consideration', 'answer', 'addressee-officer', ctx);
    expect(officer({ responseText: 'Text' })).toMatchObject({ reason: 'decision-required' });
    expect(officer({ decision: 'maybe' as never, responseText: 'Text' })).toMatchObject({ reason: 'decision-required' });
    expect(officer({ decision: 'accepted' })).toMatchObject({ reason: 'response-text-required' });
    expect(officer({ decision: 'accepted', responseText: '   ' })).toMatchObject({ reason: 'response-text-required' });
    for (const decision of ['accepted', 'partially-accepted', 'rejected'] as const) {
      const ok = officer({ decision, responseText: ' Done. ' });
      expect(ok.kind === 'ok' && ok.record.data).toEqual({ kind: 'answer', decision, responseText: 'Done.' });
    }
  });

  it('milestones are repeatable and need a text; progress is 0-100', () => {
    const officer = (ctx: Partial<TransitionContext>) => refused('answered', 'record-milestone', 'addressee-officer', ctx);
    expect(officer({})).toMatchObject({ reason: 'milestone-text-required' });
    expect(officer({ milestone: { text: ' ' } })).toMatchObject({ reason: 'milestone-text-required' });
    expect(officer({ milestone: { text: 'x', progressPercent: 101 } })).toMatchObject({ reason: 'milestone-progress-invalid' });
    expect(officer({ milestone: { text: 'x', progressPercent: 2.5 } })).toMatchObject({ reason: 'milestone-progress-invalid' });
    let state: PetitionState = 'answered';
    for (const text of ['Tender announced', 'Works started', 'Works finished']) {
      const out = transition(state, 'record-milestone', 'addressee-officer', { now, milestone: { text } });
      expect(out.kind).toBe('ok');
      if (out.kind === 'ok') {
        expect(out.record.data).toEqual({ kind: 'milestone', text, progressPercent: null });
        state = out.next;
      }
    }
    expect(state).toBe('answered');
  });

  it('the state and role are checked before the guard', () => {
    expect(transition('open', 'reject', 'moderator', { now })).toEqual({ kind: 'refused', reason: 'not-allowed-in-state' });
    expect(transition('moderation', 'reject', 'author', { now })).toEqual({ kind: 'refused', reason: 'role-not-allowed' });
  });
});

describe('event records and clocks', () => {
  it('the events that start a legal clock say so', () => {
    const starts = (state: PetitionState, event: PetitionEvent, role: ActorRole) => {
      const out = transition(state, event, role, valid);
      return out.kind === 'ok' ? out.record.startsClock : 'refused';
    };
    expect(starts('collecting', 'initial-support-reached', 'system')).toBe('petition.moderation');
    expect(starts('moderation', 'approve', 'moderator')).toBe('petition.signing-window');
    expect(starts('closed-reached', 'register', 'system')).toBe('petition.consideration');
    expect(starts('draft', 'submit', 'author')).toBeNull();
    expect(starts('open', 'threshold-reached', 'system')).toBeNull();
  });

  it('walks the happy path', () => {
    const path: [PetitionEvent, ActorRole][] = [
      ['submit', 'author'],
      ['initial-support-reached', 'system'],
      ['approve', 'moderator'],
      ['threshold-reached', 'system'],
      ['register', 'addressee-officer'],
      ['answer', 'addressee-officer'],
      ['record-milestone', 'addressee-officer'],
    ];
    let state: PetitionState = 'draft';
    const seen: PetitionState[] = [state];
    for (const [event, role] of path) {
      const out = transition(state, event, role, valid);
      if (out.kind !== 'ok') throw new Error(`${event}: ${out.reason}`);
      state = out.next;
      seen.push(state);
    }
    expect(seen).toEqual(['draft', 'collecting', 'moderation', 'open', 'closed-reached', 'under-consideration', 'answered', 'answered']);
  });
});

describe('groups and helpers', () => {
  it.each(PETITION_STATES)('%s', (state) => {
    expect(canAuthorEdit(state)).toBe(state === 'draft' || state === 'collecting');
    expect(isIn(WITHDRAWABLE, state)).toBe(state === 'draft' || state === 'collecting');
    expect(isIn(SIGNABLE, state)).toBe(state === 'collecting' || state === 'open');
    expect(isIn(VISIBLE_BY_LINK_ONLY, state)).toBe(state === 'collecting');
    expect(isIn(CLOSED, state)).toBe(state === 'closed-reached' || state === 'closed-expired');
    expect(isIn(AWAITING_ADDRESSEE, state)).toBe(state === 'closed-reached' || state === 'under-consideration');
    expect(isIn(VISIBLE_PUBLICLY, state)).toBe(
      ['open', 'closed-reached', 'closed-expired', 'under-consideration', 'answered'].includes(state),
    );
    // A terminal state has no event for anyone; every other state has at least one.
    const any = ACTOR_ROLES.flatMap((r) => availableEvents(state, r));
    expect(any.length === 0).toBe(isIn(TERMINAL, state));
    // Editable and public visibility never overlap: a public text is frozen.
    expect(isIn(EDITABLE_BY_AUTHOR, state) && isIn(VISIBLE_PUBLICLY, state)).toBe(false);
  });

  it('lists the events a role may fire', () => {
    expect(availableEvents('draft', 'author')).toEqual(['submit', 'withdraw']);
    expect(availableEvents('collecting', 'author')).toEqual(['withdraw']);
    expect(availableEvents('moderation', 'moderator')).toEqual(['approve', 'reject']);
    expect(availableEvents('moderation', 'author')).toEqual([]);
    expect(availableEvents('closed-reached', 'system')).toEqual(['threshold-lost', 'register']);
  });

  it('recognises state codes', () => {
    expect(isPetitionState('open')).toBe(true);
    expect(isPetitionState('closed')).toBe(false);
    expect(isPetitionState(3)).toBe(false);
  });
});
