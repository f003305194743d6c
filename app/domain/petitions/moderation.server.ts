import { asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import prohibitedTopicsJson from '../../../db/seed/data/dauys_prohibited_topics.json';
import type { Db } from '../../../db/client';
import { accounts, governmentBodies, localBodies, petitionCounts, petitionEvents, petitions, petitionVersions } from '../../../db/schema';
import { clockStatus, localDate, type ClockStatus, type Deadline, type IsoDate, type WorkingCalendar } from '../calendar';
import { assertCan, type Actor } from '../identity/permissions';
import type { Deps } from '../shared/deps';
import { clockRules, workingCalendar } from './clocks.server';
import { canActForAddressee, thresholdFor } from './petitions.server';
import { similarPetitions, type SimilarPetition } from './queries.server';
import {
  checkRejectionReason,
  PROHIBITED_TOPIC_CODES,
  prohibitedTopicsFileSchema,
  REJECTION_REASON_CODES,
  type ProhibitedTopic,
  type ProhibitedTopicCode,
  type RejectionReasonCode,
} from './reasons';
import { availableEvents, DECISIONS, isPetitionState, type Decision, type PetitionEvent, type PetitionState } from './states';

/**
 * The moderators' queue and the addressee's desk: read models for the staff pages, plus the pure
 * parsers that turn their forms into the inputs of `moderatePetition` and `actAsAddressee`
 * (petitions.server.ts), which stay the only writers.
 *
 * Queue rule: petitions in state `moderation`, oldest submission first (`submitted_at`, the instant
 * initial support was reached and the 20-working-day clock `petition.moderation` started; ties by
 * public number). Each carries its stored due date (`moderation_due_on`) and the clock's status
 * today on the working-day calendar (calendar.clockStatus: the due date itself is on time, overdue
 * from the next day).
 *
 * Similar petitions: the public read side's `similarPetitions` (queries.server.ts: trigram
 * similarity of titles and bodies, best first), over every petition that left the draft and was
 * not withdrawn (SIMILAR_STATES): other petitions in moderation and rejected ones, including those
 * whose text is hidden from the public (`includeHidden`, a staff screen), so parallel and repeated
 * submissions are caught.
 */

// ---------------------------------------------------------------------------------------------
// Names and shared shapes

export interface Names {
  nameKk: string | null;
  nameRu: string;
  nameEn: string;
}

export interface AddresseeRef {
  kind: 'government' | 'ministry' | 'akimat' | 'maslikhat';
  /** The Government or ministry (government_bodies), or the akimat/maslikhat (local_bodies). */
  body: Names | null;
}

export type { SimilarPetition };

/** States searched for possible duplicates: everything that left the draft but was not withdrawn. */
export const SIMILAR_STATES = ['collecting', 'moderation', 'rejected', 'open', 'closed-reached', 'closed-expired', 'under-consideration', 'answered'] as const satisfies readonly PetitionState[];
/** At most this many similar petitions per petition. */
export const MAX_SIMILAR = 5;
/** At most this many petitions on one page of the queue. */
export const QUEUE_PAGE_SIZE = 100;

// ---------------------------------------------------------------------------------------------
// Clocks

/**
 * The deadline of a clock whose due date was computed and stored when it started (e.g.
 * `moderation_due_on`): the stored date is the one in force, so it is not recomputed (a later edit
 * of the holiday table does not move a deadline already announced). Only `due` and `openPause`
 * matter to clockStatus; the other fields describe the rule.
 */
export function storedDeadline(ruleCode: string, startedAt: Date | null, due: IsoDate): Deadline {
  const rule = clockRules().get(ruleCode);
  const startDate = startedAt ? localDate(startedAt) : due;
  return {
    ruleCode,
    unit: rule.period.unit,
    amount: rule.period.amount,
    startDate,
    countsFrom: startDate,
    originalDue: due,
    due,
    extendedTo: null,
    maxExtendedDue: null,
    pausedDays: 0,
    openPause: null,
    provisional: false,
  };
}

/** The status of a stored due date at `at` (null when the clock has not started). */
export function storedClockStatus(cal: WorkingCalendar, ruleCode: string, startedAt: Date | null, due: string | null, at: Date): ClockStatus | null {
  if (!due) return null;
  return clockStatus(cal, storedDeadline(ruleCode, startedAt, due), at);
}

// ---------------------------------------------------------------------------------------------
// Prohibited topic groups (data)

let topics: ProhibitedTopic[] | undefined;
/** The 17 groups of questions that cannot be the subject of a petition, with kk/ru/en labels. */
export function prohibitedTopics(): ProhibitedTopic[] {
  topics ??= prohibitedTopicsFileSchema.parse(prohibitedTopicsJson).groups;
  return topics;
}

// ---------------------------------------------------------------------------------------------
// Similar petitions

/** Possible duplicates of a petition under review (queries.server's similarPetitions on its title and body). */
export function similarTo(db: Db, p: { id: string; title: string; body: string }): Promise<SimilarPetition[]> {
  return similarPetitions({ db }, { title: p.title, body: p.body }, { excludeId: p.id, states: SIMILAR_STATES, limit: MAX_SIMILAR, includeHidden: true });
}

// ---------------------------------------------------------------------------------------------
// The queue

export interface QueueItem {
  id: string;
  number: number;
  title: string;
  body: string;
  topic: string;
  addressee: AddresseeRef;
  authorName: string;
  submittedAt: Date | null;
  moderationDueOn: string | null;
  clock: ClockStatus | null;
  similar: SimilarPetition[];
}

export interface ModerationQueue {
  items: QueueItem[];
  /** Petitions in moderation in all (the page shows at most QUEUE_PAGE_SIZE). */
  total: number;
  overdue: number;
}

/** Sorting rule of the queue: oldest submission first; a missing time last; ties by number. */
export function queueOrder(a: Pick<QueueItem, 'submittedAt' | 'number'>, b: Pick<QueueItem, 'submittedAt' | 'number'>): number {
  const ta = a.submittedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  const tb = b.submittedAt?.getTime() ?? Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.number - b.number;
}

function addresseeOf(row: { addresseeKind: string; gov: Names | null; local: Names | null }): AddresseeRef {
  const kind = (['government', 'ministry', 'akimat', 'maslikhat'] as const).find((k) => k === row.addresseeKind) ?? 'government';
  return { kind, body: kind === 'akimat' || kind === 'maslikhat' ? row.local : row.gov };
}

/** The petition rows the staff pages need: the current text, the author, the addressee's names. */
function petitionRows(db: Db) {
  return db
    .select({
      p: petitions,
      title: petitionVersions.title,
      body: petitionVersions.body,
      authorName: accounts.displayName,
      gov: { nameKk: governmentBodies.nameKk, nameRu: governmentBodies.nameRu, nameEn: governmentBodies.nameEn },
      local: { nameKk: localBodies.nameKk, nameRu: localBodies.nameRu, nameEn: localBodies.nameEn },
      valid: petitionCounts.valid,
    })
    .from(petitions)
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .innerJoin(accounts, eq(accounts.id, petitions.authorAccountId))
    .leftJoin(governmentBodies, eq(governmentBodies.code, petitions.addresseeBodyCode))
    .leftJoin(localBodies, eq(localBodies.id, petitions.addresseeLocalBodyId))
    .leftJoin(petitionCounts, eq(petitionCounts.petitionId, petitions.id));
}

type PetitionRowWithNames = Awaited<ReturnType<ReturnType<typeof petitionRows>['where']>>[number];

function queueItem(row: PetitionRowWithNames, cal: WorkingCalendar, now: Date, similar: SimilarPetition[]): QueueItem {
  const due = row.p.moderationDueOn === null ? null : String(row.p.moderationDueOn);
  return {
    id: row.p.id,
    number: row.p.number,
    title: row.title,
    body: row.body,
    topic: row.p.topic,
    addressee: addresseeOf({ addresseeKind: row.p.addresseeKind, gov: row.gov, local: row.local }),
    authorName: row.authorName,
    submittedAt: row.p.submittedAt,
    moderationDueOn: due,
    clock: storedClockStatus(cal, 'petition.moderation', row.p.submittedAt, due, now),
    similar,
  };
}

/** The moderators' queue (see the rule at the top). */
export async function moderationQueue(deps: Deps, actor: Actor | null): Promise<ModerationQueue> {
  assertCan(actor, 'petition:moderate');
  const now = deps.clock.now();
  const cal = await workingCalendar(deps.db);
  const [counts] = await deps.db
    .select({
      total: sql<number>`count(*)::int`,
      overdue: sql<number>`count(*) filter (where ${petitions.moderationDueOn} < ${localDate(now)})::int`,
    })
    .from(petitions)
    .where(eq(petitions.state, 'moderation'));
  const rows = await petitionRows(deps.db)
    .where(eq(petitions.state, 'moderation'))
    .orderBy(sql`${petitions.submittedAt} asc nulls last`, asc(petitions.number))
    .limit(QUEUE_PAGE_SIZE);
  const items: QueueItem[] = [];
  for (const row of rows) items.push(queueItem(row, cal, now, await similarTo(deps.db, { id: row.p.id, title: row.title, body: row.body })));
  return { items, total: Number(counts?.total ?? 0), overdue: Number(counts?.overdue ?? 0) };
}

export interface HistoryEntry {
  event: PetitionEvent;
  toState: PetitionState;
  actorRole: string;
  at: Date;
}

async function historyOf(db: Db, petitionId: string): Promise<{ history: HistoryEntry[]; milestones: Milestone[] }> {
  const rows = await db
    .select({ event: petitionEvents.event, toState: petitionEvents.toState, actorRole: petitionEvents.actorRole, at: petitionEvents.at, data: petitionEvents.data })
    .from(petitionEvents)
    .where(eq(petitionEvents.petitionId, petitionId))
    .orderBy(asc(petitionEvents.id));
  const history = rows.map((r) => ({ event: r.event as PetitionEvent, toState: (isPetitionState(r.toState) ? r.toState : 'draft') as PetitionState, actorRole: r.actorRole, at: r.at }));
  const milestones = rows
    .filter((r) => r.event === 'record-milestone')
    .map((r) => {
      const data = MilestoneData.safeParse(r.data);
      return data.success ? { at: r.at, text: data.data.text, progressPercent: data.data.progressPercent ?? null } : null;
    })
    .filter((m): m is Milestone => m !== null);
  return { history, milestones };
}

const MilestoneData = z.object({ kind: z.literal('milestone'), text: z.string(), progressPercent: z.number().nullable().optional() });

export interface Milestone {
  at: Date;
  text: string;
  progressPercent: number | null;
}

export type ThresholdPreview =
  | { kind: 'ok'; signatures: number; ruleId: string; population: { count: number; asOf: string } | null; percent: number | null }
  | { kind: 'refused'; reason: string };

export interface ModerationView extends QueueItem {
  state: PetitionState;
  /** The threshold the petition would get if approved now (fixed at approval). */
  threshold: ThresholdPreview;
  /** After moderation: the coded public reason of a rejection. */
  rejection: { reason: string; topicGroup: string | null; note: string | null } | null;
  moderatedAt: Date | null;
  history: HistoryEntry[];
}

/** One petition as the moderator reviews it (any state, so a decided one shows its outcome). */
export async function petitionForModeration(deps: Deps, actor: Actor | null, id: string): Promise<ModerationView | null> {
  assertCan(actor, 'petition:moderate');
  const [row] = await petitionRows(deps.db).where(eq(petitions.id, id));
  if (!row || row.p.state === 'draft') return null;
  const now = deps.clock.now();
  const cal = await workingCalendar(deps.db);
  const similar = await similarTo(deps.db, { id: row.p.id, title: row.title, body: row.body });
  const item = queueItem(row, cal, row.p.moderatedAt ?? now, similar);
  const t = await thresholdFor(deps.db, row.p);
  const threshold: ThresholdPreview =
    t.kind === 'ok'
      ? { kind: 'ok', signatures: t.signatures, ruleId: t.ruleId, population: t.population, percent: t.formula.kind === 'percent' ? t.formula.basisPoints / 100 : null }
      : { kind: 'refused', reason: t.reason };
  const { history } = await historyOf(deps.db, row.p.id);
  return {
    ...item,
    state: isPetitionState(row.p.state) ? row.p.state : 'draft',
    threshold,
    rejection: row.p.rejectionReason ? { reason: row.p.rejectionReason, topicGroup: row.p.rejectionTopicGroup, note: row.p.rejectionNote } : null,
    moderatedAt: row.p.moderatedAt,
    history,
  };
}

// ---------------------------------------------------------------------------------------------
// The addressee's desk

export interface AddresseeView {
  id: string;
  number: number;
  title: string;
  body: string;
  state: PetitionState;
  addressee: AddresseeRef;
  validSignatures: number;
  thresholdRequired: number | null;
  thresholdReachedAt: Date | null;
  registeredAt: Date | null;
  considerationDueOn: string | null;
  /** The consideration clock today (or at the answer, once answered); null before registration. */
  clock: ClockStatus | null;
  answer: { decision: Decision; responseText: string; documentUrl: string | null; answeredAt: Date | null } | null;
  milestones: Milestone[];
  history: HistoryEntry[];
  /** What the addressee can do in this state: register, answer, record-milestone. */
  actions: PetitionEvent[];
}

export type AddresseeLookup = { kind: 'ok'; view: AddresseeView } | { kind: 'not-found' } | { kind: 'forbidden' };

/**
 * A petition as its addressee sees it. Access: canActForAddressee (officers of the addressed
 * akimat/maslikhat; moderators for the Government and ministries). Drafts do not exist for them.
 */
export async function petitionForAddressee(deps: Deps, actor: Actor | null, id: string): Promise<AddresseeLookup> {
  const [row] = await petitionRows(deps.db).where(eq(petitions.id, id));
  if (!row || row.p.state === 'draft') return { kind: 'not-found' };
  if (!canActForAddressee(actor, row.p)) return { kind: 'forbidden' };
  const state: PetitionState = isPetitionState(row.p.state) ? row.p.state : 'draft';
  const cal = await workingCalendar(deps.db);
  const due = row.p.considerationDueOn === null ? null : String(row.p.considerationDueOn);
  const { history, milestones } = await historyOf(deps.db, row.p.id);
  const decision = DECISIONS.find((d) => d === row.p.decision);
  return {
    kind: 'ok',
    view: {
      id: row.p.id,
      number: row.p.number,
      title: row.title,
      body: row.body,
      state,
      addressee: addresseeOf({ addresseeKind: row.p.addresseeKind, gov: row.gov, local: row.local }),
      validSignatures: row.valid ?? 0,
      thresholdRequired: row.p.thresholdRequired,
      thresholdReachedAt: row.p.thresholdReachedAt,
      registeredAt: row.p.registeredAt,
      considerationDueOn: due,
      clock: storedClockStatus(cal, 'petition.consideration', row.p.registeredAt, due, row.p.answeredAt ?? deps.clock.now()),
      answer: decision && row.p.responseText ? { decision, responseText: row.p.responseText, documentUrl: row.p.responseDocumentUrl, answeredAt: row.p.answeredAt } : null,
      milestones,
      history,
      actions: availableEvents(state, 'addressee-officer').filter((e) => e === 'register' || e === 'answer' || e === 'record-milestone'),
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Forms (pure): what the staff pages post, turned into the domain's inputs

export type FormFields = Record<string, unknown>;

export const NOTE_MAX = 2_000;

/** Error codes of the staff forms (labels in the i18n area `moderation`, `moderation.errors.*`). */
export const FORM_ERRORS = [
  'invalid',
  'reason-required',
  'unknown-reason',
  'topic-group-required',
  'unknown-topic-group',
  'note-too-long',
  'decision-required',
  'response-text-too-short',
  'response-text-too-long',
  'document-url-invalid',
  'milestone-text-too-short',
  'milestone-text-too-long',
  'progress-invalid',
] as const;
export type FormError = (typeof FORM_ERRORS)[number];

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');

export type ModerationInput = { decision: 'approve' } | { decision: 'reject'; reason: RejectionReasonCode; topicGroup?: ProhibitedTopicCode; note?: string };

/**
 * The moderation form -> moderatePetition's input. Rules: intent `approve` or `reject`; a rejection
 * needs a known reason code; `prohibited-topic` needs one of the 17 topic groups, and the group is
 * dropped for any other reason (the reason schema is strict); the public note is optional (an
 * empty note is none), at most NOTE_MAX characters. The result always passes checkRejectionReason.
 */
export function parseModerationForm(fields: FormFields): { kind: 'ok'; input: ModerationInput } | { kind: 'refused'; error: FormError; field: string } {
  const intent = str(fields.intent);
  if (intent === 'approve') return { kind: 'ok', input: { decision: 'approve' } };
  if (intent !== 'reject') return { kind: 'refused', error: 'invalid', field: 'intent' };
  const reason = str(fields.reason);
  if (reason === '') return { kind: 'refused', error: 'reason-required', field: 'reason' };
  const code = REJECTION_REASON_CODES.find((c) => c === reason);
  if (!code) return { kind: 'refused', error: 'unknown-reason', field: 'reason' };
  const note = str(fields.note);
  if (note.length > NOTE_MAX) return { kind: 'refused', error: 'note-too-long', field: 'note' };
  let topicGroup: ProhibitedTopicCode | undefined;
  if (code === 'prohibited-topic') {
    const group = str(fields.topicGroup);
    if (group === '') return { kind: 'refused', error: 'topic-group-required', field: 'topicGroup' };
    topicGroup = PROHIBITED_TOPIC_CODES.find((g) => g === group);
    if (!topicGroup) return { kind: 'refused', error: 'unknown-topic-group', field: 'topicGroup' };
  }
  const input: ModerationInput = { decision: 'reject', reason: code, ...(topicGroup ? { topicGroup } : {}), ...(note ? { note } : {}) };
  // The same check the state machine makes; kept here so a form error names its field.
  const checked = checkRejectionReason({ code, ...(topicGroup ? { topicGroup } : {}), ...(note ? { note } : {}) });
  if (checked.kind === 'refused') return { kind: 'refused', error: 'invalid', field: 'reason' };
  return { kind: 'ok', input };
}

export type AddresseeInput =
  | { action: 'register' }
  | { action: 'answer'; decision: Decision; responseText: string; documentUrl?: string }
  | { action: 'milestone'; text: string; progressPercent?: number };

export const RESPONSE_MIN = 20;
export const RESPONSE_MAX = 20_000;
export const MILESTONE_MIN = 5;
export const MILESTONE_MAX = 5_000;
export const DOCUMENT_URL_MAX = 500;

/** Only web links: a javascript: or data: URL on a public page would run in the reader's browser. */
export function isWebUrl(value: string): boolean {
  if (value.length > DOCUMENT_URL_MAX) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * The addressee's forms -> actAsAddressee's input. Rules: `register` takes nothing; `answer` needs
 * a decision (accepted | partially-accepted | rejected), a response of RESPONSE_MIN..RESPONSE_MAX
 * characters and optionally an http(s) document link; `milestone` needs MILESTONE_MIN..MILESTONE_MAX
 * characters and optionally a whole progress percentage 0..100. Empty optional fields are absent.
 * All errors are returned at once, keyed by field.
 */
export function parseAddresseeForm(fields: FormFields): { kind: 'ok'; input: AddresseeInput } | { kind: 'refused'; errors: Record<string, FormError> } {
  const intent = str(fields.intent);
  if (intent === 'register') return { kind: 'ok', input: { action: 'register' } };
  const errors: Record<string, FormError> = {};
  if (intent === 'answer') {
    const decision = DECISIONS.find((d) => d === str(fields.decision));
    if (!decision) errors.decision = 'decision-required';
    const responseText = str(fields.responseText);
    if (responseText.length < RESPONSE_MIN) errors.responseText = 'response-text-too-short';
    else if (responseText.length > RESPONSE_MAX) errors.responseText = 'response-text-too-long';
    const documentUrl = str(fields.documentUrl);
    if (documentUrl !== '' && !isWebUrl(documentUrl)) errors.documentUrl = 'document-url-invalid';
    if (Object.keys(errors).length > 0 || !decision) return { kind: 'refused', errors };
    return { kind: 'ok', input: { action: 'answer', decision, responseText, ...(documentUrl ? { documentUrl } : {}) } };
  }
  if (intent === 'milestone') {
    const text = str(fields.text);
    if (text.length < MILESTONE_MIN) errors.text = 'milestone-text-too-short';
    else if (text.length > MILESTONE_MAX) errors.text = 'milestone-text-too-long';
    const raw = str(fields.progressPercent);
    const progress = raw === '' ? undefined : /^[0-9]{1,3}$/.test(raw) && Number(raw) <= 100 ? Number(raw) : null;
    if (progress === null) errors.progressPercent = 'progress-invalid';
    if (Object.keys(errors).length > 0 || progress === null) return { kind: 'refused', errors };
    return { kind: 'ok', input: { action: 'milestone', text, ...(progress !== undefined ? { progressPercent: progress } : {}) } };
  }
  return { kind: 'refused', errors: { intent: 'invalid' } };
}

/** Refusals of the state machine and of thresholds that have a label in `petitions.refusal.*`. */
export const PETITION_REFUSALS = [
  'not-allowed-in-state',
  'role-not-allowed',
  'missing-context',
  'reason-required',
  'unknown-reason',
  'topic-group-required',
  'unknown-topic-group',
  'malformed-reason',
  'decision-required',
  'response-text-required',
  'milestone-text-required',
  'milestone-progress-invalid',
  'population-missing',
  'population-invalid',
  'no-rule',
] as const;

/**
 * The i18n key of a refusal returned by moderatePetition / actAsAddressee: a state-machine or
 * threshold refusal (`threshold-<reason>`) has its label in the `petitions` area, a form error in
 * the `moderation` area; anything else is the generic `moderation.errors.invalid`.
 */
export function refusalKey(reason: string): string {
  const bare = reason.startsWith('threshold-') ? reason.slice('threshold-'.length) : reason;
  if ((PETITION_REFUSALS as readonly string[]).includes(bare)) return `petitions.refusal.${bare}`;
  if ((FORM_ERRORS as readonly string[]).includes(bare)) return `moderation.errors.${bare}`;
  return 'moderation.errors.invalid';
}

/** HTTP status of a refusal: 403 forbidden, 409 the petition's stage, 422 the form. */
export function refusalStatus(reason: string): 403 | 409 | 422 {
  if (reason === 'forbidden' || reason === 'role-not-allowed') return 403;
  if (reason === 'not-allowed-in-state' || reason.startsWith('threshold-')) return 409;
  return 422;
}
