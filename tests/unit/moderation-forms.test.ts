import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createWorkingCalendar } from '../../app/domain/calendar';
import {
  FORM_ERRORS,
  isWebUrl,
  parseAddresseeForm,
  parseModerationForm,
  prohibitedTopics,
  queueOrder,
  refusalKey,
  refusalStatus,
  storedClockStatus,
  storedDeadline,
} from '../../app/domain/petitions/moderation.server';
import { AddresseeAction, ModerationDecision } from '../../app/domain/petitions/petitions.server';
import { checkRejectionReason, PROHIBITED_TOPIC_CODES, REJECTION_REASON_CODES } from '../../app/domain/petitions/reasons';
import { DECISIONS, transition } from '../../app/domain/petitions/states';

describe('the moderation form', () => {
  it.each([
    [{ intent: 'approve' }, { kind: 'ok', input: { decision: 'approve' } }],
    [{ intent: 'approve', reason: 'offensive', note: 'ignored' }, { kind: 'ok', input: { decision: 'approve' } }],
    [{ intent: 'reject', reason: 'duplicate' }, { kind: 'ok', input: { decision: 'reject', reason: 'duplicate' } }],
    [{ intent: 'reject', reason: 'offensive', note: '  Abusive words.  ' }, { kind: 'ok', input: { decision: 'reject', reason: 'offensive', note: 'Abusive words.' } }],
    [{ intent: 'reject', reason: 'outside-competence', note: '   ' }, { kind: 'ok', input: { decision: 'reject', reason: 'outside-competence' } }],
    // The topic group is dropped for a reason that does not name one (the reason schema is strict).
    [{ intent: 'reject', reason: 'no-concrete-request', topicGroup: 'language' }, { kind: 'ok', input: { decision: 'reject', reason: 'no-concrete-request' } }],
    [
      { intent: 'reject', reason: 'prohibited-topic', topicGroup: 'language', note: 'State language policy.' },
      { kind: 'ok', input: { decision: 'reject', reason: 'prohibited-topic', topicGroup: 'language', note: 'State language policy.' } },
    ],
    [{ intent: 'reject', reason: 'prohibited-topic' }, { kind: 'refused', error: 'topic-group-required', field: 'topicGroup' }],
    [{ intent: 'reject', reason: 'prohibited-topic', topicGroup: '' }, { kind: 'refused', error: 'topic-group-required', field: 'topicGroup' }],
    [{ intent: 'reject', reason: 'prohibited-topic', topicGroup: 'weather' }, { kind: 'refused', error: 'unknown-topic-group', field: 'topicGroup' }],
    [{ intent: 'reject' }, { kind: 'refused', error: 'reason-required', field: 'reason' }],
    [{ intent: 'reject', reason: ' ' }, { kind: 'refused', error: 'reason-required', field: 'reason' }],
    [{ intent: 'reject', reason: 'boring' }, { kind: 'refused', error: 'unknown-reason', field: 'reason' }],
    [{ intent: 'reject', reason: 'offensive', note: 'x'.repeat(2001) }, { kind: 'refused', error: 'note-too-long', field: 'note' }],
    [{ intent: 'delete' }, { kind: 'refused', error: 'invalid', field: 'intent' }],
    [{}, { kind: 'refused', error: 'invalid', field: 'intent' }],
    [{ intent: ['approve'] }, { kind: 'refused', error: 'invalid', field: 'intent' }],
  ])('%j -> %j', (fields, expected) => {
    expect(parseModerationForm(fields)).toEqual(expected);
  });

  it('accepts every reason, and prohibited-topic with every one of the 17 groups', () => {
    expect(PROHIBITED_TOPIC_CODES).toHaveLength(17);
    for (const reason of REJECTION_REASON_CODES) {
      const groups = reason === 'prohibited-topic' ? PROHIBITED_TOPIC_CODES : [undefined];
      for (const topicGroup of groups) expect(parseModerationForm({ intent: 'reject', reason, topicGroup }).kind).toBe('ok');
    }
  });

  it('whatever is posted, an accepted rejection passes the domain schema and the state machine', () => {
    const field = fc.oneof(fc.constant(undefined), fc.string(), fc.constantFrom(...REJECTION_REASON_CODES, ...PROHIBITED_TOPIC_CODES, ''));
    fc.assert(
      fc.property(fc.constantFrom('approve', 'reject', 'x'), field, field, fc.oneof(fc.constant(undefined), fc.string({ maxLength: 2100 })), (intent, reason, topicGroup, note) => {
        const out = parseModerationForm({ intent, reason, topicGroup, note });
        if (out.kind === 'refused') {
          expect(FORM_ERRORS).toContain(out.error);
          return;
        }
        expect(ModerationDecision.safeParse(out.input).success).toBe(true);
        if (out.input.decision === 'reject') {
          const { reason: code, topicGroup: group, note: text } = out.input;
          const reasonObject = { code, ...(group ? { topicGroup: group } : {}), ...(text ? { note: text } : {}) };
          expect(checkRejectionReason(reasonObject).kind).toBe('ok');
          expect(transition('moderation', 'reject', 'moderator', { now: new Date(), reason: reasonObject }).kind).toBe('ok');
        }
      }),
      { numRuns: 500 },
    );
  });
});

describe('the addressee forms', () => {
  const response = 'The akimat will repair the road in the second quarter.';
  it.each([
    [{ intent: 'register' }, { kind: 'ok', input: { action: 'register' } }],
    [{ intent: 'answer', decision: 'accepted', responseText: `  ${response}  ` }, { kind: 'ok', input: { action: 'answer', decision: 'accepted', responseText: response } }],
    [
      { intent: 'answer', decision: 'partially-accepted', responseText: response, documentUrl: 'https://astana.gov.kz/answers/42.pdf' },
      { kind: 'ok', input: { action: 'answer', decision: 'partially-accepted', responseText: response, documentUrl: 'https://astana.gov.kz/answers/42.pdf' } },
    ],
    [{ intent: 'answer', decision: 'rejected', responseText: response, documentUrl: '' }, { kind: 'ok', input: { action: 'answer', decision: 'rejected', responseText: response } }],
    [{ intent: 'answer', decision: 'maybe', responseText: 'short' }, { kind: 'refused', errors: { decision: 'decision-required', responseText: 'response-text-too-short' } }],
    [{ intent: 'answer', decision: 'accepted', responseText: 'x'.repeat(20_001) }, { kind: 'refused', errors: { responseText: 'response-text-too-long' } }],
    [{ intent: 'answer', decision: 'accepted', responseText: response, documentUrl: 'javascript:alert(1)' }, { kind: 'refused', errors: { documentUrl: 'document-url-invalid' } }],
    [{ intent: 'milestone', text: 'Asphalt laid on 2 km.' }, { kind: 'ok', input: { action: 'milestone', text: 'Asphalt laid on 2 km.' } }],
    [{ intent: 'milestone', text: 'Asphalt laid.', progressPercent: '40' }, { kind: 'ok', input: { action: 'milestone', text: 'Asphalt laid.', progressPercent: 40 } }],
    [{ intent: 'milestone', text: 'Done.', progressPercent: '100' }, { kind: 'ok', input: { action: 'milestone', text: 'Done.', progressPercent: 100 } }],
    [{ intent: 'milestone', text: 'Started.', progressPercent: '0' }, { kind: 'ok', input: { action: 'milestone', text: 'Started.', progressPercent: 0 } }],
    [{ intent: 'milestone', text: 'Done.', progressPercent: '101' }, { kind: 'refused', errors: { progressPercent: 'progress-invalid' } }],
    [{ intent: 'milestone', text: 'Done.', progressPercent: '4.5' }, { kind: 'refused', errors: { progressPercent: 'progress-invalid' } }],
    [{ intent: 'milestone', text: 'Done.', progressPercent: '-1' }, { kind: 'refused', errors: { progressPercent: 'progress-invalid' } }],
    [{ intent: 'milestone', text: 'ok' }, { kind: 'refused', errors: { text: 'milestone-text-too-short' } }],
    [{ intent: 'publish' }, { kind: 'refused', errors: { intent: 'invalid' } }],
  ])('%j -> %j', (fields, expected) => {
    expect(parseAddresseeForm(fields)).toEqual(expected);
  });

  it('whatever is posted, an accepted form passes actAsAddressee’s schema and the state machine guard', () => {
    const maybe = (arb: fc.Arbitrary<string>) => fc.oneof(fc.constant(undefined), arb);
    fc.assert(
      fc.property(
        fc.constantFrom('register', 'answer', 'milestone', 'other'),
        maybe(fc.oneof(fc.constantFrom(...DECISIONS), fc.string())),
        maybe(fc.string({ maxLength: 60 })),
        maybe(fc.oneof(fc.webUrl(), fc.string())),
        maybe(fc.oneof(fc.integer({ min: -5, max: 120 }).map(String), fc.string({ maxLength: 4 }))),
        (intent, decision, text, documentUrl, progressPercent) => {
          const out = parseAddresseeForm({ intent, decision, responseText: text, text, documentUrl, progressPercent });
          if (out.kind === 'refused') {
            for (const code of Object.values(out.errors)) expect(FORM_ERRORS).toContain(code);
            return;
          }
          expect(AddresseeAction.safeParse(out.input).success).toBe(true);
          if (out.input.action === 'answer') {
            expect(isWebUrl(out.input.documentUrl ?? 'https://example.kz')).toBe(true);
            expect(transition('under-consideration', 'answer', 'addressee-officer', { now: new Date(), decision: out.input.decision, responseText: out.input.responseText }).kind).toBe('ok');
          }
          if (out.input.action === 'milestone') {
            const milestone = { text: out.input.text, ...(out.input.progressPercent !== undefined ? { progressPercent: out.input.progressPercent } : {}) };
            expect(transition('answered', 'record-milestone', 'addressee-officer', { now: new Date(), milestone }).kind).toBe('ok');
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it.each([
    ['https://astana.gov.kz/doc.pdf', true],
    ['http://akimat.kz/a', true],
    ['javascript:alert(1)', false],
    ['data:text/html,<script>alert(1)</script>', false],
    ['ftp://files.kz/a.pdf', false],
    ['/relative/path', false],
    ['https://', false],
    [`https://a.kz/${'x'.repeat(500)}`, false],
  ])('isWebUrl(%s) = %s', (url, ok) => {
    expect(isWebUrl(url)).toBe(ok);
  });
});

describe('refusals', () => {
  it.each([
    ['not-allowed-in-state', 'petitions.refusal.not-allowed-in-state', 409],
    ['unknown-topic-group', 'petitions.refusal.unknown-topic-group', 422],
    ['malformed-reason', 'petitions.refusal.malformed-reason', 422],
    ['threshold-population-missing', 'petitions.refusal.population-missing', 409],
    ['threshold-no-rule', 'petitions.refusal.no-rule', 409],
    ['invalid', 'moderation.errors.invalid', 422],
    ['note-too-long', 'moderation.errors.note-too-long', 422],
    ['forbidden', 'moderation.errors.invalid', 403],
    ['role-not-allowed', 'petitions.refusal.role-not-allowed', 403],
    ['something-new', 'moderation.errors.invalid', 422],
  ])('%s -> %s (%i)', (reason, key, status) => {
    expect(refusalKey(reason)).toBe(key);
    expect(refusalStatus(reason)).toBe(status);
  });
});

describe('the queue order', () => {
  const at = (iso: string | null, number: number) => ({ submittedAt: iso ? new Date(iso) : null, number });
  it('is oldest submission first, then by number, with an unknown time last', () => {
    const items = [at('2026-03-02T10:00:00Z', 7), at(null, 1), at('2026-03-01T10:00:00Z', 9), at('2026-03-02T10:00:00Z', 3)];
    expect([...items].sort(queueOrder).map((i) => i.number)).toEqual([9, 3, 7, 1]);
  });

  it('is a total order consistent with the submission time (property)', () => {
    const item = fc.record({ submittedAt: fc.option(fc.date({ min: new Date('2024-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }), { nil: null }), number: fc.nat() });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        const sorted = [...items].sort(queueOrder);
        for (let i = 1; i < sorted.length; i++) {
          const a = sorted[i - 1]!;
          const b = sorted[i]!;
          expect(queueOrder(a, b)).toBeLessThanOrEqual(0);
          if (a.submittedAt && b.submittedAt) expect(a.submittedAt.getTime()).toBeLessThanOrEqual(b.submittedAt.getTime());
          if (!a.submittedAt) expect(b.submittedAt).toBeNull();
        }
      }),
    );
  });
});

describe('stored deadlines', () => {
  // 2026: 1 May (Friday) is a holiday in this test calendar.
  const cal = createWorkingCalendar([{ day: '2026-05-01', kind: 'holiday' }]);
  const status = (due: string, now: string) => storedClockStatus(cal, 'petition.moderation', new Date('2026-04-01T05:00:00Z'), due, new Date(now));

  it('keeps the stored due date and describes the rule', () => {
    expect(storedDeadline('petition.moderation', new Date('2026-04-01T20:00:00Z'), '2026-04-29')).toMatchObject({
      ruleCode: 'petition.moderation',
      unit: 'working-days',
      amount: 20,
      startDate: '2026-04-02', // 20:00 UTC is 01:00 the next day in Kazakhstan (UTC+5)
      due: '2026-04-29',
      openPause: null,
    });
  });

  it.each([
    ['2026-04-29', '2026-04-20T06:00:00Z', 'on-time'],
    ['2026-04-29', '2026-04-27T06:00:00Z', 'due-soon'],
    ['2026-04-29', '2026-04-29T18:00:00Z', 'due-soon'], // the due date itself is on time: 23:00 local
    ['2026-04-29', '2026-04-29T19:30:00Z', 'overdue'], // 00:30 local on the 30th
    ['2026-04-30', '2026-05-04T06:00:00Z', 'overdue'],
  ])('due %s at %s: %s', (due, now, expected) => {
    expect(status(due, now)?.status).toBe(expected);
  });

  it('counts overdue working days over the holiday and the weekend', () => {
    // Due Thursday 30 April; Monday 4 May: 1 May holiday, 2-3 May weekend -> 1 working day (4 May).
    expect(status('2026-04-30', '2026-05-04T06:00:00Z')).toMatchObject({ status: 'overdue', workingDaysOverdue: 1, calendarDaysOverdue: 4 });
  });

  it('has no status before the clock starts', () => {
    expect(storedClockStatus(cal, 'petition.consideration', null, null, new Date())).toBeNull();
  });
});

describe('data', () => {
  it('the 17 prohibited topic groups load with labels in kk, ru and en', () => {
    const groups = prohibitedTopics();
    expect(groups.map((g) => g.code)).toEqual([...PROHIBITED_TOPIC_CODES]);
    for (const g of groups) for (const l of ['kk', 'ru', 'en'] as const) expect(g.label[l].trim()).not.toBe('');
  });
});
