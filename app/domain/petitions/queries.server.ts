import { and, asc, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import {
  accounts,
  governmentBodies,
  localBodies,
  nationalProjects,
  petitionCounts,
  petitionEvents,
  petitionProjectLinks,
  petitionRegionCounts,
  petitions,
  petitionVersions,
  units,
} from '../../../db/schema';
import prohibitedTopicsJson from '../../../db/seed/data/dauys_prohibited_topics.json';
import { clockStatus, computeDeadline, localDate, type Deadline, type IsoDate, type WorkingCalendar } from '../calendar';
import { shareClass, shareOf, type ShareClass } from '../maps/choropleth';
import type { Deps } from '../shared/deps';
import { clockRules, workingCalendar } from './clocks.server';
import { REJECTION_REASONS, type RejectionReasonCode } from './reasons';
import { listMinistries } from '../reference/queries.server';
import {
  VISIBLE_BY_LINK_ONLY,
  VISIBLE_PUBLICLY,
  isPetitionState,
  type ActorRole,
  type PetitionEvent,
  type PetitionState,
} from './states';

/**
 * The read side of petitions: the public list with its filters and sorts, the petition page, and
 * "similar petitions" for the new-petition page and the moderation queue.
 *
 * Visibility rules (one place, canViewPetition / LISTED_STATES):
 *   - Listed (and found by search): the publicly visible states (VISIBLE_PUBLICLY) plus `rejected`,
 *     which is public together with its coded reason.
 *   - `collecting` is visible to anyone who has the link, and never listed.
 *   - `draft` is visible only to its author. A petition withdrawn while still a draft (never
 *     published) stays private to its author too; one withdrawn after publication is visible by link.
 *   - Any other state (moderation, withdrawn after publication) is visible by link, not listed.
 *   - A petition rejected for a reason that hides its text (REJECTION_REASONS[code].hidesText, e.g.
 *     offensive language) is listed with its number and reason only: title and body are shown to the
 *     author alone, and text search never matches it.
 */

// =============================================================================================
// Pure rules

export const LISTED_STATES = [...VISIBLE_PUBLICLY, 'rejected'] as const satisfies readonly PetitionState[];
export type ListedState = (typeof LISTED_STATES)[number];

/** Status groups of the list filter (a single listed state is accepted as well). */
export const STATUS_GROUPS = {
  open: ['open'],
  closed: ['closed-reached', 'closed-expired', 'under-consideration'],
  answered: ['answered'],
  rejected: ['rejected'],
} as const satisfies Record<string, readonly ListedState[]>;
export type StatusGroup = keyof typeof STATUS_GROUPS;
export const STATUS_FILTERS = [...(Object.keys(STATUS_GROUPS) as StatusGroup[]), ...LISTED_STATES.filter((s) => !(s in STATUS_GROUPS))] as const;
export type StatusFilter = StatusGroup | ListedState;

/** The states a status filter selects (every listed state when absent). */
export function statesFor(status: StatusFilter | undefined): readonly ListedState[] {
  if (!status) return LISTED_STATES;
  if (status in STATUS_GROUPS) return STATUS_GROUPS[status as StatusGroup];
  return [status as ListedState];
}

export const PETITION_LEVELS = ['national', 'region', 'district'] as const;
export type PetitionLevel = (typeof PETITION_LEVELS)[number];

/**
 * The level of a petition, from its addressee: the Government or a ministry = national; the akimat
 * or maslikhat of a first-level unit (region, city of republican significance) = region; of a
 * second-level unit (district, city, city district) = district.
 */
export function petitionLevel(addresseeKind: string, unitLevel: number | null): PetitionLevel {
  if (addresseeKind === 'government' || addresseeKind === 'ministry') return 'national';
  if (unitLevel === 1) return 'region';
  if (unitLevel === 2) return 'district';
  throw new RangeError(`a local petition needs a unit of level 1 or 2 (got ${String(unitLevel)})`);
}

export const LIST_SORTS = ['relevant', 'most-signed', 'newest', 'closing-soon'] as const;
export type ListSort = (typeof LIST_SORTS)[number];
export const PAGE_SIZE = 20;

const KATO_REGION = /^[0-9]{2}0{7}$/;

/**
 * The query string of /petitions. A value that does not parse is dropped (a stale or hand-edited
 * link shows the unfiltered list instead of an error page).
 */
export const PetitionListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  status: z.enum(STATUS_FILTERS).optional().catch(undefined),
  level: z.enum(PETITION_LEVELS).optional().catch(undefined),
  region: z.string().regex(KATO_REGION).optional().catch(undefined),
  /** 'government', 'akimat', 'maslikhat' or a ministry's code (government_bodies.code). */
  addressee: z
    .string()
    .trim()
    .regex(/^[A-Za-z][A-Za-z0-9_-]{0,31}$/)
    .optional()
    .catch(undefined),
  /** National project code (national_projects.code): confirmed links only, see projectFilter. */
  project: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9_.-]{1,64}$/)
    .optional()
    .catch(undefined),
  sort: z.enum(LIST_SORTS).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type PetitionListFilters = z.output<typeof PetitionListQuery>;

/** Filters from a URL's search parameters (empty values count as absent). */
export function parseListQuery(params: URLSearchParams): PetitionListFilters {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(PetitionListQuery.shape)) {
    const v = params.get(key);
    if (v !== null && v.trim() !== '') raw[key] = v;
  }
  return PetitionListQuery.parse(raw);
}

/** The sort in force: the one asked for, else best match when searching, else most signed. */
export function effectiveSort(filters: Pick<PetitionListFilters, 'q' | 'sort'>): ListSort {
  const searching = (filters.q?.length ?? 0) >= MIN_QUERY_LENGTH;
  if (filters.sort === 'relevant') return searching ? 'relevant' : 'most-signed';
  return filters.sort ?? (searching ? 'relevant' : 'most-signed');
}

/** Shortest text query applied (a single letter would match nearly everything). */
export const MIN_QUERY_LENGTH = 2;

/** `text` with LIKE's wildcards escaped (the default escape character is the backslash). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Whether a petition's text is hidden from the public (rejected for a reason that hides it). */
export function textHiddenFor(state: string, rejectionReason: string | null): boolean {
  if (state !== 'rejected' || !rejectionReason) return false;
  return REJECTION_REASONS[rejectionReason as RejectionReasonCode]?.hidesText ?? false;
}

const HIDING_REASONS = (Object.keys(REJECTION_REASONS) as RejectionReasonCode[]).filter((c) => REJECTION_REASONS[c].hidesText);

/** Who may open a petition's page (see the module comment). */
export function canViewPetition(p: { state: string; authorAccountId: string; publishedAt: Date | null }, viewerAccountId: string | null): boolean {
  if (viewerAccountId !== null && viewerAccountId === p.authorAccountId) return true;
  if (p.state === 'draft') return false;
  if (p.state === 'withdrawn') return p.publishedAt !== null;
  return true;
}

/**
 * The public form of a name: the first name and the initial of the surname ("Айгерим Н."). Account
 * display names are stored that way already; a longer name is cut down here, never shown in full.
 */
export function publicAuthorName(displayName: string): string {
  const words = displayName.trim().split(/\s+/).filter(Boolean);
  if (words.length <= 1) return words[0] ?? '';
  const last = words[words.length - 1]!;
  const initial = /^\p{L}\.$/u.test(last) ? last : `${[...last][0]!.toLocaleUpperCase()}.`;
  return `${words[0]} ${initial}`;
}

export interface Progress {
  /** What the count is measured against. */
  kind: 'initial-support' | 'threshold' | 'none';
  count: number;
  target: number | null;
  /** 0..100, whole numbers, floored (99.9 % is not shown as 100 %). */
  percent: number | null;
  reached: boolean;
}

/**
 * Progress of a petition: while collecting, supporters against the initial support needed; once
 * open (threshold fixed at opening), valid signatures against the threshold; in moderation and in
 * states without a threshold, the count alone.
 */
export function progressOf(p: { state: string; initialSupportRequired: number; thresholdRequired: number | null }, valid: number): Progress {
  const target = p.state === 'collecting' ? p.initialSupportRequired : p.thresholdRequired;
  if (target === null || target <= 0 || p.state === 'moderation') return { kind: 'none', count: valid, target: null, percent: null, reached: false };
  return {
    kind: p.state === 'collecting' ? 'initial-support' : 'threshold',
    count: valid,
    target,
    percent: Math.min(100, Math.floor((valid * 100) / target)),
    reached: valid >= target,
  };
}

/** A legal deadline as the public sees it. */
export type DeadlineMark =
  | { status: 'kept'; due: IsoDate; doneOn: IsoDate; provisional: boolean }
  | { status: 'missed'; due: IsoDate; doneOn: IsoDate | null; workingDaysOverdue: number; provisional: boolean }
  | { status: 'pending'; due: IsoDate; dueSoon: boolean; workingDaysLeft: number; provisional: boolean };

/**
 * The deadline of clock `ruleCode` started at `start`, with the due date recorded when the clock
 * started (`storedDue`) taking precedence: a later edit of the holiday calendar does not silently
 * move a deadline that was announced. Null when the clock never started.
 */
export function deadlineFor(cal: WorkingCalendar, ruleCode: string, start: Date | null, storedDue: IsoDate | null): Deadline | null {
  if (start) {
    const computed = computeDeadline(cal, { start, rule: clockRules().get(ruleCode) });
    if (computed.kind !== 'ok') return null;
    const d = computed.deadline;
    if (storedDue === null || storedDue === d.due) return d;
    return { ...d, due: storedDue, originalDue: storedDue, provisional: !cal.coversRange(d.startDate, storedDue) };
  }
  if (storedDue === null) return null;
  const rule = clockRules().get(ruleCode);
  return {
    ruleCode,
    unit: rule.period.unit,
    amount: rule.period.amount,
    startDate: storedDue,
    countsFrom: storedDue,
    originalDue: storedDue,
    due: storedDue,
    extendedTo: null,
    maxExtendedDue: null,
    pausedDays: 0,
    openPause: null,
    provisional: !cal.covers(storedDue),
  };
}

/**
 * Kept / missed / pending (clockStatus of the calendar): a deadline is kept when the decision came
 * on or before the due date (the due date itself counts, to its end), missed when it came later or
 * has not come and the due date has passed, pending otherwise (with the working days left).
 */
export function markDeadline(cal: WorkingCalendar, deadline: Deadline, doneAt: Date | null, now: Date): DeadlineMark | null {
  if (deadline.due === null) return null;
  const provisional = deadline.provisional;
  const s = clockStatus(cal, deadline, doneAt ?? now);
  if (s.status === 'paused') return null;
  if (doneAt) {
    const doneOn = localDate(doneAt);
    return s.status === 'overdue'
      ? { status: 'missed', due: s.due, doneOn, workingDaysOverdue: s.workingDaysOverdue, provisional }
      : { status: 'kept', due: s.due, doneOn, provisional };
  }
  if (s.status === 'overdue') return { status: 'missed', due: s.due, doneOn: null, workingDaysOverdue: s.workingDaysOverdue, provisional };
  return { status: 'pending', due: s.due, dueSoon: s.status === 'due-soon', workingDaysLeft: s.workingDaysLeft, provisional };
}

interface ClockFacts {
  submittedAt: Date | null;
  moderationDueOn: string | null;
  moderatedAt: Date | null;
  registeredAt: Date | null;
  considerationDueOn: string | null;
  answeredAt: Date | null;
}

/** The two legal clocks of a petition: moderation (20 working days) and consideration (40). */
export function petitionDeadlines(cal: WorkingCalendar, p: ClockFacts, now: Date): { moderation: DeadlineMark | null; consideration: DeadlineMark | null } {
  const m = deadlineFor(cal, 'petition.moderation', p.submittedAt, p.moderationDueOn);
  const c = deadlineFor(cal, 'petition.consideration', p.registeredAt, p.considerationDueOn);
  return {
    moderation: m ? markDeadline(cal, m, p.moderatedAt, now) : null,
    consideration: c ? markDeadline(cal, c, p.answeredAt, now) : null,
  };
}

/** The one deadline a result card shows, by state. */
export type CardDeadline =
  | { kind: 'signing-closes'; on: Date }
  | { kind: 'signing-closed'; on: Date }
  | { kind: 'moderation'; mark: DeadlineMark }
  | { kind: 'consideration'; mark: DeadlineMark }
  | null;

export function cardDeadline(
  state: string,
  p: { closesAt: Date | null; closedAt: Date | null },
  marks: { moderation: DeadlineMark | null; consideration: DeadlineMark | null },
): CardDeadline {
  if (state === 'open' && p.closesAt) return { kind: 'signing-closes', on: p.closesAt };
  if ((state === 'under-consideration' || state === 'answered') && marks.consideration) return { kind: 'consideration', mark: marks.consideration };
  if (state === 'rejected' && marks.moderation) return { kind: 'moderation', mark: marks.moderation };
  if ((state === 'closed-reached' || state === 'closed-expired') && p.closedAt) return { kind: 'signing-closed', on: p.closedAt };
  return null;
}

// =============================================================================================
// Shared shapes

export interface Names {
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

export interface Addressee extends Names {
  kind: 'government' | 'ministry' | 'akimat' | 'maslikhat';
  /** government_bodies.code (national) or local_bodies.id (local). */
  code: string;
}

export interface UnitRef extends Names {
  kato: string;
  level: number;
  /** The region around a district (null for a first-level unit). */
  parent: (Names & { kato: string }) | null;
}

const parentUnits = alias(units, 'parent_units');

/** The columns every read needs: the petition, its current text, counts, addressee and unit. */
const baseColumns = {
  id: petitions.id,
  number: petitions.number,
  state: petitions.state,
  authorAccountId: petitions.authorAccountId,
  addresseeKind: petitions.addresseeKind,
  addresseeBodyCode: petitions.addresseeBodyCode,
  addresseeLocalBodyId: petitions.addresseeLocalBodyId,
  unitKato: petitions.unitKato,
  topic: petitions.topic,
  initialSupportRequired: petitions.initialSupportRequired,
  thresholdRequired: petitions.thresholdRequired,
  thresholdRule: petitions.thresholdRule,
  thresholdPopulation: petitions.thresholdPopulation,
  createdAt: petitions.createdAt,
  publishedAt: petitions.publishedAt,
  submittedAt: petitions.submittedAt,
  moderationDueOn: petitions.moderationDueOn,
  moderatedAt: petitions.moderatedAt,
  openedAt: petitions.openedAt,
  closesAt: petitions.closesAt,
  thresholdReachedAt: petitions.thresholdReachedAt,
  closedAt: petitions.closedAt,
  registeredAt: petitions.registeredAt,
  considerationDueOn: petitions.considerationDueOn,
  answeredAt: petitions.answeredAt,
  decision: petitions.decision,
  rejectionReason: petitions.rejectionReason,
  title: petitionVersions.title,
  valid: sql<number>`coalesce(${petitionCounts.valid}, 0)::int`,
  govKk: governmentBodies.nameKk,
  govRu: governmentBodies.nameRu,
  govEn: governmentBodies.nameEn,
  localKk: localBodies.nameKk,
  localRu: localBodies.nameRu,
  localEn: localBodies.nameEn,
  unitLevel: units.level,
  unitKk: units.nameKk,
  unitRu: units.nameRu,
  unitEn: units.nameEn,
  parentKato: parentUnits.kato,
  parentKk: parentUnits.nameKk,
  parentRu: parentUnits.nameRu,
  parentEn: parentUnits.nameEn,
};

function baseQuery(db: Db) {
  return db
    .select(baseColumns)
    .from(petitions)
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .leftJoin(petitionCounts, eq(petitionCounts.petitionId, petitions.id))
    .leftJoin(governmentBodies, eq(governmentBodies.code, petitions.addresseeBodyCode))
    .leftJoin(localBodies, eq(localBodies.id, petitions.addresseeLocalBodyId))
    .leftJoin(units, eq(units.kato, petitions.unitKato))
    .leftJoin(parentUnits, eq(parentUnits.kato, units.parentKato))
    .$dynamic();
}

type BaseRow = Awaited<ReturnType<typeof baseQuery>>[number];

function addresseeOf(r: BaseRow): Addressee {
  const kind = r.addresseeKind as Addressee['kind'];
  if (kind === 'government' || kind === 'ministry')
    return { kind, code: r.addresseeBodyCode ?? '', nameKk: r.govKk ?? '', nameRu: r.govRu ?? '', nameEn: r.govEn ?? '' };
  return { kind, code: String(r.addresseeLocalBodyId ?? ''), nameKk: r.localKk ?? '', nameRu: r.localRu ?? '', nameEn: r.localEn ?? '' };
}

function unitOf(r: BaseRow): UnitRef | null {
  if (!r.unitKato || r.unitLevel === null) return null;
  return {
    kato: r.unitKato,
    level: r.unitLevel,
    nameKk: r.unitKk ?? '',
    nameRu: r.unitRu ?? '',
    nameEn: r.unitEn ?? '',
    parent: r.parentKato ? { kato: r.parentKato, nameKk: r.parentKk ?? '', nameRu: r.parentRu ?? '', nameEn: r.parentEn ?? '' } : null,
  };
}

// =============================================================================================
// The list

export interface PetitionCard {
  id: string;
  number: number;
  /** Null when the text is hidden (rejected for offensive language). */
  title: string | null;
  state: PetitionState;
  level: PetitionLevel;
  addressee: Addressee;
  unit: UnitRef | null;
  progress: Progress;
  deadline: CardDeadline;
  decision: string | null;
  rejectionReason: string | null;
  openedAt: Date | null;
  closesAt: Date | null;
}

export interface PetitionList {
  items: PetitionCard[];
  total: number;
  page: number;
  pages: number;
  pageSize: number;
  sort: ListSort;
  /** The filters applied (after parsing). */
  applied: PetitionListFilters;
}

/**
 * The national-project filter: petitions with a CONFIRMED link to the project in
 * petition_project_links (db/schema/projects.ts; suggested and rejected links are not public).
 */
export function projectFilter(project: string | undefined): SQL | undefined {
  if (!project) return undefined;
  return sql`exists (select 1 from ${petitionProjectLinks} where ${petitionProjectLinks.petitionId} = ${petitions.id}
    and ${petitionProjectLinks.projectCode} = ${project} and ${petitionProjectLinks.status} = 'confirmed')`;
}

/** The conditions of the list's filters (all combined with AND). */
function listConditions(filters: PetitionListFilters): SQL[] {
  const out: SQL[] = [inArray(petitions.state, [...statesFor(filters.status)])];
  if (filters.level === 'national') out.push(inArray(petitions.addresseeKind, ['government', 'ministry']));
  else if (filters.level) out.push(and(inArray(petitions.addresseeKind, ['akimat', 'maslikhat']), eq(units.level, filters.level === 'region' ? 1 : 2))!);
  if (filters.region) out.push(or(eq(units.kato, filters.region), eq(units.parentKato, filters.region))!);
  if (filters.addressee === 'government' || filters.addressee === 'akimat' || filters.addressee === 'maslikhat') out.push(eq(petitions.addresseeKind, filters.addressee));
  else if (filters.addressee) out.push(and(eq(petitions.addresseeKind, 'ministry'), eq(petitions.addresseeBodyCode, filters.addressee))!);
  const project = projectFilter(filters.project);
  if (project) out.push(project);
  const q = searchText(filters.q);
  if (q) {
    out.push(textMatch(q));
    out.push(notHidden());
  }
  return out;
}

function searchText(q: string | undefined): string | null {
  const t = q?.trim().replace(/\s+/g, ' ') ?? '';
  return t.length >= MIN_QUERY_LENGTH ? t : null;
}

/** Word similarity at or above which a petition matches a search (pg_trgm, 0..1). */
export const SEARCH_WORD_SIMILARITY = 0.5;

/**
 * Text search on the current version: a substring (ILIKE, case-insensitive, so "дорог" finds
 * "Дороги") in the title or body, or a fuzzy match by pg_trgm's word_similarity (the best match of
 * the query's trigrams against any stretch of the text, so a typo or another case ending still
 * matches). Thresholds are explicit so the result does not depend on the session's pg_trgm GUCs.
 */
function textMatch(q: string): SQL {
  const pattern = `%${escapeLike(q)}%`;
  return sql`(${petitionVersions.title} ilike ${pattern} or ${petitionVersions.body} ilike ${pattern}
    or word_similarity(${q}, ${petitionVersions.title}) >= ${SEARCH_WORD_SIMILARITY}
    or word_similarity(${q}, ${petitionVersions.body}) >= ${SEARCH_WORD_SIMILARITY})`;
}

function relevance(q: string): SQL<number> {
  const pattern = `%${escapeLike(q)}%`;
  return sql<number>`greatest(
    case when ${petitionVersions.title} ilike ${pattern} then 1 else 0 end,
    word_similarity(${q}, ${petitionVersions.title}),
    0.9 * word_similarity(${q}, ${petitionVersions.body}))`;
}

function notHidden(): SQL {
  if (HIDING_REASONS.length === 0) return sql`true`;
  return sql`not (${petitions.state} = 'rejected' and coalesce(${petitions.rejectionReason}, '') in (${sql.join(
    HIDING_REASONS.map((r) => sql`${r}`),
    sql`, `,
  )}))`;
}

function orderFor(sort: ListSort, q: string | null): SQL[] {
  const newest = sql`coalesce(${petitions.openedAt}, ${petitions.moderatedAt}, ${petitions.publishedAt}, ${petitions.createdAt}) desc`;
  switch (sort) {
    case 'relevant':
      return [sql`${relevance(q ?? '')} desc`, desc(sql`coalesce(${petitionCounts.valid}, 0)`), desc(petitions.number)];
    case 'most-signed':
      return [desc(sql`coalesce(${petitionCounts.valid}, 0)`), newest, desc(petitions.number)];
    case 'newest':
      return [newest, desc(petitions.number)];
    case 'closing-soon':
      // Open petitions first, the one whose signing window ends first at the top; then the rest, newest first.
      return [sql`case when ${petitions.state} = 'open' then 0 else 1 end`, sql`case when ${petitions.state} = 'open' then ${petitions.closesAt} end asc nulls last`, newest, desc(petitions.number)];
  }
}

/** Publicly listed petitions matching the filters, PAGE_SIZE a page, with the total count. */
export async function listPetitions(deps: Pick<Deps, 'db' | 'clock'>, filters: PetitionListFilters): Promise<PetitionList> {
  const applied: PetitionListFilters = { ...filters };
  const conditions = listConditions(applied);
  const where = and(...conditions);
  // The filters touch petitions, the current version and the unit only.
  const [counted] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(petitions)
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .leftJoin(units, eq(units.kato, petitions.unitKato))
    .where(where);
  const total = Number(counted?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(applied.page ?? 1, pages);
  const sort = effectiveSort(applied);
  const rows = await baseQuery(deps.db)
    .where(where)
    .orderBy(...orderFor(sort, searchText(applied.q)))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const cal = await workingCalendar(deps.db);
  const now = deps.clock.now();
  const items = rows.map((r): PetitionCard => {
    const state = r.state as PetitionState;
    const marks = petitionDeadlines(cal, r, now);
    return {
      id: r.id,
      number: r.number,
      title: textHiddenFor(state, r.rejectionReason) ? null : r.title,
      state,
      level: petitionLevel(r.addresseeKind, r.unitLevel),
      addressee: addresseeOf(r),
      unit: unitOf(r),
      progress: progressOf(r, Number(r.valid)),
      deadline: cardDeadline(state, r, marks),
      decision: r.decision,
      rejectionReason: state === 'rejected' ? r.rejectionReason : null,
      openedAt: r.openedAt,
      closesAt: r.closesAt,
    };
  });
  return { items, total, page, pages, pageSize: PAGE_SIZE, sort, applied };
}

export interface ListFilterOptions {
  regions: (Names & { kato: string })[];
  ministries: (Names & { code: string })[];
  /** National projects (empty while the project filter is not available). */
  projects: (Names & { code: string })[];
}

/** What the list's filter form offers: the first-level units, the ministries, the national projects. */
export async function listFilterOptions(deps: Pick<Deps, 'db'>): Promise<ListFilterOptions> {
  const [regions, ministries, projects] = await Promise.all([
    deps.db
      .select({ kato: units.kato, nameKk: units.nameKk, nameRu: units.nameRu, nameEn: units.nameEn })
      .from(units)
      .where(eq(units.level, 1))
      .orderBy(asc(units.kato)),
    listMinistries(deps),
    deps.db
      .select({ code: nationalProjects.code, nameKk: nationalProjects.nameKk, nameRu: nationalProjects.nameRu, nameEn: nationalProjects.nameEn })
      .from(nationalProjects)
      .orderBy(asc(nationalProjects.sortOrder), asc(nationalProjects.code)),
  ]);
  return { regions, ministries, projects };
}

// =============================================================================================
// The petition page

/** What an event says publicly (never who fired it beyond the role, never internal data). */
export type PublicEventDetails =
  | { kind: 'none' }
  | { kind: 'initial-support'; supporters: number; required: number }
  | { kind: 'rejection'; code: string; topicGroup: string | null }
  | { kind: 'threshold'; signatures: number; threshold: number }
  | { kind: 'answer'; decision: string }
  | { kind: 'milestone'; text: string; progressPercent: number | null };

export type TimelineItem =
  | { kind: 'event'; id: number; event: PetitionEvent; toState: PetitionState; actorRole: ActorRole; at: Date; details: PublicEventDetails }
  | { kind: 'deadline'; clock: 'moderation' | 'consideration'; mark: DeadlineMark };

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** The public part of a stored event's data (EventData in states.ts). */
export function publicEventDetails(data: Record<string, unknown>): PublicEventDetails {
  switch (data.kind) {
    case 'initial-support': {
      const supporters = num(data.supporters);
      const required = num(data.required);
      return supporters !== null && required !== null ? { kind: 'initial-support', supporters, required } : { kind: 'none' };
    }
    case 'rejection': {
      const reason = (data.reason ?? {}) as Record<string, unknown>;
      const code = str(reason.code);
      return code ? { kind: 'rejection', code, topicGroup: str(reason.topicGroup) } : { kind: 'none' };
    }
    case 'threshold': {
      const signatures = num(data.signatures);
      const threshold = num(data.threshold);
      return signatures !== null && threshold !== null ? { kind: 'threshold', signatures, threshold } : { kind: 'none' };
    }
    case 'answer': {
      const decision = str(data.decision);
      return decision ? { kind: 'answer', decision } : { kind: 'none' };
    }
    case 'milestone': {
      const text = str(data.text);
      return text ? { kind: 'milestone', text, progressPercent: num(data.progressPercent) } : { kind: 'none' };
    }
    default:
      return { kind: 'none' };
  }
}

/** The instant a deadline stands for in the timeline: the end of its due date (UTC+5). */
function endOfDay(date: IsoDate): number {
  return new Date(`${date}T23:59:59.999+05:00`).getTime();
}

/** Events in order, with the legal deadlines placed at the end of their due dates. */
export function buildTimeline(
  events: Extract<TimelineItem, { kind: 'event' }>[],
  marks: { moderation: DeadlineMark | null; consideration: DeadlineMark | null },
): TimelineItem[] {
  const keyed: { key: number; seq: number; item: TimelineItem }[] = events.map((e, i) => ({ key: e.at.getTime(), seq: i, item: e }));
  let seq = events.length;
  for (const clock of ['moderation', 'consideration'] as const) {
    const mark = marks[clock];
    if (mark) keyed.push({ key: endOfDay(mark.due), seq: seq++, item: { kind: 'deadline', clock, mark } });
  }
  return keyed.sort((a, b) => a.key - b.key || a.seq - b.seq).map((k) => k.item);
}

export interface RegionTally extends Names {
  kato: string;
  valid: number;
  /** Share of the petition's valid signatures (0..1). */
  share: number;
  shareClass: ShareClass;
}

export interface TopicGroupRef extends Names {
  code: string;
}

export interface PetitionPage {
  id: string;
  number: number;
  state: PetitionState;
  topic: string;
  /** Null when hidden from this viewer (see textHiddenFor). */
  title: string | null;
  body: string | null;
  textHidden: boolean;
  version: number;
  textHash: string;
  author: { name: string };
  viewerIsAuthor: boolean;
  /** Shown in the public list (LISTED_STATES). */
  listed: boolean;
  /** Visible only to people with the link (collecting). */
  linkOnly: boolean;
  level: PetitionLevel;
  addressee: Addressee;
  unit: UnitRef | null;
  initialSupportRequired: number;
  threshold: { required: number; rule: string | null; population: number | null } | null;
  counts: { valid: number; underReview: number; reconciledAt: Date | null };
  progress: Progress;
  regions: RegionTally[];
  dates: {
    createdAt: Date;
    publishedAt: Date | null;
    submittedAt: Date | null;
    openedAt: Date | null;
    closesAt: Date | null;
    thresholdReachedAt: Date | null;
    closedAt: Date | null;
    registeredAt: Date | null;
    answeredAt: Date | null;
  };
  deadlines: { moderation: DeadlineMark | null; consideration: DeadlineMark | null };
  timeline: TimelineItem[];
  rejection: {
    code: string;
    topicGroup: TopicGroupRef | null;
    note: string | null;
    /** The earlier petition this one duplicates, when the moderator named a visible one. */
    duplicateOf: { id: string; number: number; title: string | null } | null;
  } | null;
  response: { decision: string | null; text: string | null; documentUrl: string | null; answeredAt: Date | null } | null;
  milestones: { at: Date; text: string; progressPercent: number | null }[];
}

let topicLabels: Map<string, TopicGroupRef> | undefined;
function topicGroup(code: string | null): TopicGroupRef | null {
  if (!code) return null;
  topicLabels ??= new Map(
    (prohibitedTopicsJson as { groups: { code: string; label: { kk: string; ru: string; en: string } }[] }).groups.map((g) => [
      g.code,
      { code: g.code, nameKk: g.label.kk, nameRu: g.label.ru, nameEn: g.label.en },
    ]),
  );
  return topicLabels.get(code) ?? { code, nameKk: code, nameRu: code, nameEn: code };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Everything the petition page shows, or null when the petition does not exist or this viewer may
 * not see it (canViewPetition). `viewerAccountId`: the signed-in account, or null.
 */
export async function getPetitionPage(deps: Pick<Deps, 'db' | 'clock'>, id: string, viewerAccountId: string | null): Promise<PetitionPage | null> {
  if (!UUID.test(id)) return null;
  const [r] = await baseQuery(deps.db).where(eq(petitions.id, id.toLowerCase()));
  if (!r) return null;
  if (!isPetitionState(r.state)) return null;
  if (!canViewPetition(r, viewerAccountId)) return null;
  const state = r.state;
  const [x] = await deps.db
    .select({
      body: petitionVersions.body,
      version: petitionVersions.version,
      textHash: petitionVersions.textHash,
      rejectionTopicGroup: petitions.rejectionTopicGroup,
      rejectionNote: petitions.rejectionNote,
      responseText: petitions.responseText,
      responseDocumentUrl: petitions.responseDocumentUrl,
      underReview: sql<number>`coalesce(${petitionCounts.underReview}, 0)::int`,
      reconciledAt: petitionCounts.reconciledAt,
      authorName: accounts.displayName,
    })
    .from(petitions)
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .innerJoin(accounts, eq(accounts.id, petitions.authorAccountId))
    .leftJoin(petitionCounts, eq(petitionCounts.petitionId, petitions.id))
    .where(eq(petitions.id, r.id));
  if (!x) return null;
  const viewerIsAuthor = viewerAccountId !== null && viewerAccountId === r.authorAccountId;
  const textHidden = textHiddenFor(state, r.rejectionReason) && !viewerIsAuthor;
  const level = petitionLevel(r.addresseeKind, r.unitLevel);
  const valid = Number(r.valid);

  const [eventRows, tallies, cal] = await Promise.all([
    deps.db.select().from(petitionEvents).where(eq(petitionEvents.petitionId, r.id)).orderBy(asc(petitionEvents.at), asc(petitionEvents.id)),
    regionTallies(deps.db, r.id, level === 'national'),
    workingCalendar(deps.db),
  ]);
  const events = eventRows.flatMap((e): Extract<TimelineItem, { kind: 'event' }>[] =>
    isPetitionState(e.toState)
      ? [{ kind: 'event', id: e.id, event: e.event as PetitionEvent, toState: e.toState, actorRole: e.actorRole as ActorRole, at: e.at, details: publicEventDetails(e.data) }]
      : [],
  );
  const deadlines = petitionDeadlines(cal, r, deps.clock.now());

  let rejection: PetitionPage['rejection'] = null;
  if (state === 'rejected' && r.rejectionReason) {
    const rejectEvent = eventRows.filter((e) => e.event === 'reject').at(-1);
    const duplicateId = str(((rejectEvent?.data.reason ?? {}) as Record<string, unknown>).duplicateOf);
    rejection = {
      code: r.rejectionReason,
      topicGroup: topicGroup(x.rejectionTopicGroup),
      note: x.rejectionNote,
      duplicateOf: duplicateId ? await duplicateRef(deps.db, duplicateId) : null,
    };
  }
  const milestones = events.flatMap((e) => (e.details.kind === 'milestone' ? [{ at: e.at, text: e.details.text, progressPercent: e.details.progressPercent }] : []));

  return {
    id: r.id,
    number: r.number,
    state,
    topic: r.topic,
    title: textHidden ? null : r.title,
    body: textHidden ? null : x.body,
    textHidden,
    version: x.version,
    textHash: x.textHash,
    author: { name: publicAuthorName(x.authorName) },
    viewerIsAuthor,
    listed: (LISTED_STATES as readonly string[]).includes(state),
    linkOnly: (VISIBLE_BY_LINK_ONLY as readonly string[]).includes(state),
    level,
    addressee: addresseeOf(r),
    unit: unitOf(r),
    initialSupportRequired: r.initialSupportRequired,
    threshold: r.thresholdRequired !== null ? { required: r.thresholdRequired, rule: r.thresholdRule, population: r.thresholdPopulation } : null,
    counts: { valid, underReview: Number(x.underReview), reconciledAt: x.reconciledAt },
    progress: progressOf(r, valid),
    regions: tallies,
    dates: {
      createdAt: r.createdAt,
      publishedAt: r.publishedAt,
      submittedAt: r.submittedAt,
      openedAt: r.openedAt,
      closesAt: r.closesAt,
      thresholdReachedAt: r.thresholdReachedAt,
      closedAt: r.closedAt,
      registeredAt: r.registeredAt,
      answeredAt: r.answeredAt,
    },
    deadlines,
    timeline: buildTimeline(events, deadlines),
    rejection,
    response:
      r.answeredAt || x.responseText
        ? { decision: r.decision, text: x.responseText, documentUrl: safeUrl(x.responseDocumentUrl), answeredAt: r.answeredAt }
        : null,
    milestones,
  };
}

/** Only http(s) links are rendered (a stored javascript: URL would be a script injection). */
function safeUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.toString() : null;
  } catch {
    return null;
  }
}

async function duplicateRef(db: Db, id: string): Promise<{ id: string; number: number; title: string | null } | null> {
  if (!UUID.test(id)) return null;
  const [d] = await db
    .select({ id: petitions.id, number: petitions.number, state: petitions.state, rejectionReason: petitions.rejectionReason, title: petitionVersions.title })
    .from(petitions)
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .where(eq(petitions.id, id.toLowerCase()));
  if (!d || !(LISTED_STATES as readonly string[]).includes(d.state)) return null;
  return { id: d.id, number: d.number, title: textHiddenFor(d.state, d.rejectionReason) ? null : d.title };
}

/**
 * Valid signatures per first-level unit of the signers' residence. A national petition lists all
 * first-level units (zeros included, so the table and the map agree); a local one only the regions
 * its signatures come from. Shares are of the sum of the tallies; ordered by count, then KATO.
 */
async function regionTallies(db: Db, petitionId: string, allRegions: boolean): Promise<RegionTally[]> {
  const counted = db
    .select({ regionKato: petitionRegionCounts.regionKato, valid: petitionRegionCounts.valid })
    .from(petitionRegionCounts)
    .where(eq(petitionRegionCounts.petitionId, petitionId))
    .as('counted');
  const rows = await db
    .select({ kato: units.kato, nameKk: units.nameKk, nameRu: units.nameRu, nameEn: units.nameEn, valid: sql<number>`coalesce(${counted.valid}, 0)::int` })
    .from(units)
    .leftJoin(counted, eq(counted.regionKato, units.kato))
    .where(allRegions ? eq(units.level, 1) : and(eq(units.level, 1), sql`${counted.valid} > 0`));
  const total = rows.reduce((s, r) => s + Math.max(0, Number(r.valid)), 0);
  return rows
    .map((r) => {
      const v = Math.max(0, Number(r.valid));
      return { kato: r.kato, nameKk: r.nameKk, nameRu: r.nameRu, nameEn: r.nameEn, valid: v, share: shareOf(v, total), shareClass: shareClass(v, total) };
    })
    .sort((a, b) => b.valid - a.valid || a.kato.localeCompare(b.kato));
}

// =============================================================================================
// Similar petitions

export interface SimilarPetition {
  id: string;
  number: number;
  title: string;
  state: PetitionState;
  /** 0..1: the best of the title similarity and the (discounted) word similarity in the body. */
  score: number;
}

export interface SimilarOptions {
  /** How many (default 5, at most 20). */
  limit?: number;
  /** Leave this petition out (the one being moderated or edited). */
  excludeId?: string;
  /** Lowest score returned (default 0.3, pg_trgm's default similarity threshold). */
  minScore?: number;
  /** States searched (default: the publicly visible ones plus collecting). */
  states?: readonly PetitionState[];
  /**
   * Also match petitions whose text is hidden from the public (rejected as offensive). Default
   * false; only for staff screens (the moderation queue), never for public pages.
   */
  includeHidden?: boolean;
}

export const SIMILAR_DEFAULT_STATES = [...VISIBLE_PUBLICLY, ...VISIBLE_BY_LINK_ONLY] as const satisfies readonly PetitionState[];

/**
 * Petitions whose current text resembles `text` (for "is there already a petition like this?" on
 * the new-petition page, and duplicate hints in the moderation queue).
 *
 * `text` is a title or a short query; pass `{ title, body }` to compare a whole draft (the body's
 * first 500 characters are then matched against other bodies too). Score, pg_trgm (0..1):
 *   greatest( similarity(title, other.title),
 *             0.9 · word_similarity(title, other.body),
 *             0.8 · similarity(body[0..500], other.body[0..500]) )        -- the last with a body only
 * Candidates are petitions whose title is trigram-similar (`%`, served by the gin_trgm_ops index on
 * petition_versions.title at pg_trgm.similarity_threshold) or whose body contains the title's words
 * (`<%`), then ranked by the score above. Text hidden after rejection is left out unless
 * `includeHidden` (staff screens).
 */
export async function similarPetitions(
  deps: Pick<Deps, 'db'>,
  text: string | { title: string; body?: string },
  opts: SimilarOptions = {},
): Promise<SimilarPetition[]> {
  const title = (typeof text === 'string' ? text : text.title).trim().replace(/\s+/g, ' ').slice(0, 300);
  const body = typeof text === 'string' ? '' : (text.body ?? '').trim().slice(0, 500);
  if (title.length < MIN_QUERY_LENGTH && body.length < 20) return [];
  const limit = Math.min(20, Math.max(1, opts.limit ?? 5));
  const minScore = opts.minScore ?? 0.3;
  const states = [...(opts.states ?? SIMILAR_DEFAULT_STATES)];
  if (states.length === 0) return [];
  const bodyTerm = body.length >= 20 ? sql`0.8 * similarity(${body}, left(${petitionVersions.body}, 500))` : sql`0`;
  const score = sql<number>`greatest(similarity(${title}, ${petitionVersions.title}), 0.9 * word_similarity(${title}, ${petitionVersions.body}), ${bodyTerm})`;
  const candidate =
    body.length >= 20
      ? sql`(${petitionVersions.title} % ${title} or ${title} <% ${petitionVersions.body} or left(${petitionVersions.body}, 500) % ${body})`
      : sql`(${petitionVersions.title} % ${title} or ${title} <% ${petitionVersions.body})`;
  const conditions: SQL[] = [inArray(petitions.state, states), candidate, sql`${score} >= ${minScore}`];
  if (!opts.includeHidden) conditions.push(notHidden());
  if (opts.excludeId && UUID.test(opts.excludeId)) conditions.push(sql`${petitions.id} <> ${opts.excludeId.toLowerCase()}`);
  const rows = await deps.db
    .select({ id: petitions.id, number: petitions.number, title: petitionVersions.title, state: petitions.state, score })
    .from(petitions)
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .where(and(...conditions))
    .orderBy(desc(score), desc(petitions.number))
    .limit(limit);
  return rows.flatMap((r) => (isPetitionState(r.state) ? [{ id: r.id, number: r.number, title: r.title, state: r.state, score: Math.round(Number(r.score) * 1000) / 1000 }] : []));
}
