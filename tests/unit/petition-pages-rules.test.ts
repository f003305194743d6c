import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WorkingCalendar, type CalendarRow } from '../../app/domain/calendar/working-calendar';
import {
  buildTimeline,
  canViewPetition,
  cardDeadline,
  deadlineFor,
  effectiveSort,
  escapeLike,
  LISTED_STATES,
  markDeadline,
  parseListQuery,
  petitionDeadlines,
  petitionLevel,
  progressOf,
  publicAuthorName,
  publicEventDetails,
  STATUS_FILTERS,
  statesFor,
  textHiddenFor,
  type DeadlineMark,
} from '../../app/domain/petitions/queries.server';
import { PETITION_STATES } from '../../app/domain/petitions/states';

// 2026 non-standard days (as in the seed data), so 2026 counts as covered by the calendar.
const rows: CalendarRow[] = ['2026-01-01', '2026-01-02', '2026-01-07', '2026-03-09', '2026-03-23', '2026-03-24', '2026-03-25', '2026-05-01'].map((day) => ({
  day,
  kind: 'holiday' as const,
}));
const cal = new WorkingCalendar(rows);
/** An instant at hh:mm Kazakhstan time (UTC+5) on `date`. */
const kz = (date: string, time = '10:00') => new Date(`${date}T${time}:00+05:00`);

describe('level of a petition', () => {
  it.each([
    { kind: 'government', unitLevel: null, expected: 'national' },
    { kind: 'ministry', unitLevel: null, expected: 'national' },
    { kind: 'akimat', unitLevel: 1, expected: 'region' },
    { kind: 'maslikhat', unitLevel: 1, expected: 'region' },
    { kind: 'akimat', unitLevel: 2, expected: 'district' },
    { kind: 'maslikhat', unitLevel: 2, expected: 'district' },
  ])('$kind of a level-$unitLevel unit is $expected', ({ kind, unitLevel, expected }) => {
    expect(petitionLevel(kind, unitLevel)).toBe(expected);
  });

  it('refuses a local petition without a unit level', () => {
    expect(() => petitionLevel('akimat', null)).toThrow(RangeError);
  });
});

describe('status filters', () => {
  it('lists the publicly visible states and rejected, never draft, collecting, moderation or withdrawn', () => {
    expect([...LISTED_STATES].sort()).toEqual(['answered', 'closed-expired', 'closed-reached', 'open', 'rejected', 'under-consideration']);
    expect(statesFor(undefined)).toEqual(LISTED_STATES);
  });

  it.each([
    { status: 'open', expected: ['open'] },
    { status: 'closed', expected: ['closed-reached', 'closed-expired', 'under-consideration'] },
    { status: 'answered', expected: ['answered'] },
    { status: 'rejected', expected: ['rejected'] },
    { status: 'under-consideration', expected: ['under-consideration'] },
    { status: 'closed-expired', expected: ['closed-expired'] },
  ] as const)('$status selects $expected', ({ status, expected }) => {
    expect(statesFor(status)).toEqual(expected);
  });

  it('every filter selects only listed states', () => {
    for (const s of STATUS_FILTERS) for (const state of statesFor(s)) expect(LISTED_STATES).toContain(state);
  });
});

describe('the list query string', () => {
  const parse = (qs: string) => parseListQuery(new URLSearchParams(qs));

  it('keeps valid values', () => {
    expect(parse('q=%20дорога%20&status=open&level=district&region=750000000&addressee=MZ&sort=newest&page=3&project=NP-01')).toEqual({
      q: 'дорога',
      status: 'open',
      level: 'district',
      region: '750000000',
      addressee: 'MZ',
      sort: 'newest',
      page: 3,
      project: 'NP-01',
    });
  });

  it.each([
    ['status=draft', {}],
    ['status=collecting', {}],
    ['level=planet', {}],
    ['region=751310000', {}],
    ['region=abc', {}],
    ['page=0', {}],
    ['page=-2', {}],
    ['page=x', {}],
    ['sort=random', {}],
    ['addressee=%3Cscript%3E', {}],
    ['q=&status=&page=', {}],
  ])('drops %s', (qs, expected) => {
    expect(parse(qs)).toEqual(expected);
  });

  it('never throws on arbitrary input (property)', () => {
    const keys = ['q', 'status', 'level', 'region', 'addressee', 'project', 'sort', 'page', 'other'];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...keys), fc.string({ maxLength: 300 })), { maxLength: 10 }), (pairs) => {
        const params = new URLSearchParams();
        for (const [k, v] of pairs) params.append(k, v);
        const parsed = parseListQuery(params);
        if (parsed.q !== undefined) expect(parsed.q.length).toBeLessThanOrEqual(200);
        if (parsed.page !== undefined) expect(Number.isInteger(parsed.page) && parsed.page >= 1).toBe(true);
      }),
    );
  });

  it.each([
    [{}, 'most-signed'],
    [{ q: 'дорога' }, 'relevant'],
    [{ q: 'д' }, 'most-signed'],
    [{ q: 'дорога', sort: 'newest' as const }, 'newest'],
    [{ sort: 'relevant' as const }, 'most-signed'],
    [{ sort: 'closing-soon' as const }, 'closing-soon'],
  ])('sort of %j is %s', (filters, expected) => {
    expect(effectiveSort(filters)).toBe(expected);
  });

  it('escapes LIKE wildcards', () => {
    expect(escapeLike('50% _off_ a\\b')).toBe('50\\% \\_off\\_ a\\\\b');
  });
});

describe('visibility', () => {
  const author = 'a0000000-0000-4000-8000-000000000001';
  const other = 'b0000000-0000-4000-8000-000000000002';
  const published = new Date('2026-01-10T00:00:00Z');

  it.each([
    { state: 'draft', publishedAt: null, viewer: null, expected: false },
    { state: 'draft', publishedAt: null, viewer: other, expected: false },
    { state: 'draft', publishedAt: null, viewer: author, expected: true },
    { state: 'collecting', publishedAt: published, viewer: null, expected: true },
    { state: 'moderation', publishedAt: published, viewer: null, expected: true },
    { state: 'withdrawn', publishedAt: null, viewer: null, expected: false },
    { state: 'withdrawn', publishedAt: null, viewer: author, expected: true },
    { state: 'withdrawn', publishedAt: published, viewer: null, expected: true },
    { state: 'rejected', publishedAt: published, viewer: null, expected: true },
    { state: 'open', publishedAt: published, viewer: null, expected: true },
  ])('$state (published: $publishedAt) to $viewer: $expected', ({ state, publishedAt, viewer, expected }) => {
    expect(canViewPetition({ state, authorAccountId: author, publishedAt }, viewer)).toBe(expected);
  });

  it('every state is covered by the rules', () => {
    for (const state of PETITION_STATES) expect(typeof canViewPetition({ state, authorAccountId: author, publishedAt: published }, null)).toBe('boolean');
  });

  it.each([
    ['rejected', 'offensive', true],
    ['rejected', 'duplicate', false],
    ['rejected', 'prohibited-topic', false],
    ['rejected', null, false],
    ['open', 'offensive', false],
    ['rejected', 'unknown-code', false],
  ] as const)('%s for %s hides the text: %s', (state, reason, expected) => {
    expect(textHiddenFor(state, reason)).toBe(expected);
  });
});

describe('public author name', () => {
  it.each([
    ['Айгерим Н.', 'Айгерим Н.'],
    ['Айгерим Нурланова', 'Айгерим Н.'],
    ['  Aigerim   nurlanova ', 'Aigerim N.'],
    ['Ерлан Серікұлы Ә.', 'Ерлан Ә.'],
    ['Әсел Өмірбекова', 'Әсел Ө.'],
    ['Madina', 'Madina'],
    ['', ''],
  ])('%j is shown as %j', (input, expected) => {
    expect(publicAuthorName(input)).toBe(expected);
  });
});

describe('progress', () => {
  it.each([
    { state: 'collecting', valid: 10, expected: { kind: 'initial-support', target: 50, percent: 20, reached: false } },
    { state: 'collecting', valid: 60, expected: { kind: 'initial-support', target: 50, percent: 100, reached: true } },
    { state: 'moderation', valid: 60, expected: { kind: 'none', target: null, percent: null, reached: false } },
    { state: 'open', valid: 49_999, expected: { kind: 'threshold', target: 50_000, percent: 99, reached: false } },
    { state: 'closed-reached', valid: 50_001, expected: { kind: 'threshold', target: 50_000, percent: 100, reached: true } },
  ])('$state with $valid', ({ state, valid, expected }) => {
    const threshold = state === 'collecting' || state === 'moderation' ? null : 50_000;
    expect(progressOf({ state, initialSupportRequired: 50, thresholdRequired: threshold }, valid)).toMatchObject({ count: valid, ...expected });
  });
});

describe('legal deadlines', () => {
  // Sent to moderation on Monday 2 February 2026: 20 working days end on Monday 2 March.
  const start = kz('2026-02-02');
  const moderation = deadlineFor(cal, 'petition.moderation', start, null)!;

  it('computes the due date with the working-day calendar', () => {
    expect(moderation.due).toBe('2026-03-02');
    expect(moderation.provisional).toBe(false);
  });

  it.each<{ name: string; doneAt: Date | null; now: Date; expected: DeadlineMark }>([
    { name: 'decided early', doneAt: kz('2026-02-20'), now: kz('2026-04-01'), expected: { status: 'kept', due: '2026-03-02', doneOn: '2026-02-20', provisional: false } },
    { name: 'decided late on the due date', doneAt: kz('2026-03-02', '23:30'), now: kz('2026-04-01'), expected: { status: 'kept', due: '2026-03-02', doneOn: '2026-03-02', provisional: false } },
    { name: 'decided a day late', doneAt: kz('2026-03-03'), now: kz('2026-04-01'), expected: { status: 'missed', due: '2026-03-02', doneOn: '2026-03-03', workingDaysOverdue: 1, provisional: false } },
    { name: 'not decided, 3 working days left', doneAt: null, now: kz('2026-02-25'), expected: { status: 'pending', due: '2026-03-02', dueSoon: true, workingDaysLeft: 3, provisional: false } },
    { name: 'not decided, 10 working days left', doneAt: null, now: kz('2026-02-16'), expected: { status: 'pending', due: '2026-03-02', dueSoon: false, workingDaysLeft: 10, provisional: false } },
    { name: 'not decided, overdue', doneAt: null, now: kz('2026-03-04'), expected: { status: 'missed', due: '2026-03-02', doneOn: null, workingDaysOverdue: 2, provisional: false } },
  ])('$name', ({ doneAt, now, expected }) => {
    expect(markDeadline(cal, moderation, doneAt, now)).toEqual(expected);
  });

  it('the due date recorded when the clock started wins over a recomputation', () => {
    expect(deadlineFor(cal, 'petition.moderation', start, '2026-03-03')!.due).toBe('2026-03-03');
  });

  it('uses the recorded due date when the start is unknown, and nothing when neither is', () => {
    const d = deadlineFor(cal, 'petition.consideration', null, '2026-06-01')!;
    expect(d.due).toBe('2026-06-01');
    expect(markDeadline(cal, d, null, kz('2026-06-02'))).toMatchObject({ status: 'missed', workingDaysOverdue: 1 });
    expect(deadlineFor(cal, 'petition.consideration', null, null)).toBeNull();
  });

  it('flags deadlines in years the holiday calendar does not cover', () => {
    const d = deadlineFor(cal, 'petition.consideration', kz('2027-12-01'), null)!;
    expect(d.provisional).toBe(true);
    expect(markDeadline(cal, d, null, kz('2027-12-02'))).toMatchObject({ status: 'pending', provisional: true });
  });

  it('marks both clocks of a petition', () => {
    const marks = petitionDeadlines(
      cal,
      { submittedAt: start, moderationDueOn: '2026-03-02', moderatedAt: kz('2026-02-27'), registeredAt: kz('2026-04-01'), considerationDueOn: null, answeredAt: null },
      kz('2026-04-10'),
    );
    expect(marks.moderation).toMatchObject({ status: 'kept' });
    // 40 working days after Wednesday 1 April 2026 (1 May is a holiday).
    expect(marks.consideration).toMatchObject({ status: 'pending', due: '2026-05-28' });
  });

  it('a card shows the deadline that matters in its state', () => {
    const kept: DeadlineMark = { status: 'kept', due: '2026-03-02', doneOn: '2026-02-20', provisional: false };
    const closes = new Date('2026-08-01T00:00:00Z');
    expect(cardDeadline('open', { closesAt: closes, closedAt: null }, { moderation: kept, consideration: null })).toEqual({ kind: 'signing-closes', on: closes });
    expect(cardDeadline('rejected', { closesAt: null, closedAt: null }, { moderation: kept, consideration: null })).toEqual({ kind: 'moderation', mark: kept });
    expect(cardDeadline('answered', { closesAt: null, closedAt: null }, { moderation: kept, consideration: kept })).toEqual({ kind: 'consideration', mark: kept });
    expect(cardDeadline('closed-expired', { closesAt: closes, closedAt: closes }, { moderation: kept, consideration: null })).toEqual({ kind: 'signing-closed', on: closes });
    expect(cardDeadline('closed-reached', { closesAt: null, closedAt: null }, { moderation: kept, consideration: null })).toBeNull();
  });
});

describe('timeline', () => {
  it('keeps only the public part of event data', () => {
    expect(publicEventDetails({ kind: 'rejection', reason: { code: 'prohibited-topic', topicGroup: 'language', note: 'x' } })).toEqual({ kind: 'rejection', code: 'prohibited-topic', topicGroup: 'language' });
    expect(publicEventDetails({ kind: 'answer', decision: 'accepted', responseText: 'long text' })).toEqual({ kind: 'answer', decision: 'accepted' });
    expect(publicEventDetails({ kind: 'threshold', signatures: 10, threshold: 10 })).toEqual({ kind: 'threshold', signatures: 10, threshold: 10 });
    expect(publicEventDetails({ kind: 'milestone', text: 'Built', progressPercent: null })).toEqual({ kind: 'milestone', text: 'Built', progressPercent: null });
    expect(publicEventDetails({ kind: 'threshold', signatures: '10' })).toEqual({ kind: 'none' });
    expect(publicEventDetails({ secret: 'x' })).toEqual({ kind: 'none' });
  });

  it('places deadlines at the end of their due dates among the events', () => {
    const ev = (id: number, at: Date) => ({ kind: 'event' as const, id, event: 'submit' as const, toState: 'collecting' as const, actorRole: 'author' as const, at, details: { kind: 'none' as const } });
    const kept: DeadlineMark = { status: 'kept', due: '2026-03-02', doneOn: '2026-02-20', provisional: false };
    const pending: DeadlineMark = { status: 'pending', due: '2026-05-28', dueSoon: false, workingDaysLeft: 30, provisional: false };
    const items = buildTimeline([ev(1, kz('2026-02-02')), ev(2, kz('2026-02-20')), ev(3, kz('2026-03-02', '23:00')), ev(4, kz('2026-04-01'))], { moderation: kept, consideration: pending });
    expect(items.map((i) => (i.kind === 'event' ? i.id : i.clock))).toEqual([1, 2, 3, 'moderation', 4, 'consideration']);
  });
});
