import { createHash } from 'node:crypto';
import { and, asc, desc, eq, gte, inArray, isNotNull, isNull, lte, ne, or, sql, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import type { Locale } from '../../i18n';
import {
  accounts,
  departmentTypes,
  issueCategories,
  localBodies,
  localBodyDepartments,
  reportApplicants,
  reportAssignments,
  reportEvents,
  reportPhotos,
  reportResponseTemplates,
  reports,
  staffRoles,
  unitBoundaries,
  units,
} from '../../../db/schema';
import { appendAudit, type RequestMeta } from '../audit/audit.server';
import { localDate, type ClockStatus, type IsoDate } from '../calendar';
import { can, scopedBodies, type Actor } from '../identity/permissions';
import { clockRules, workingCalendar } from '../petitions/clocks.server';
import type { Deps } from '../shared/deps';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { isPolygonalGeometry } from '../maps/svg-path';
import { drawPointMap, type PointMap } from './point-map';
import { answerDeadline, answerDeadlineOf, forwardTiming, storedAnswerStatus, weekOf, type ClockEvent } from './clocks';
import { notifyApplicants, type NotifyParamsIn } from './notify.server';
import { DECISIONS, eventsAvailable, isReportStatus, OPEN_STATUSES, reportTransition, type Decision, type ReportEvent, type ReportStatus } from './states';

/**
 * Akimat staff at work on local-issue reports: the inbox, the report view and every staff action.
 *
 * Authorization lives here: an officer holds `report:triage` for the akimats they serve
 * (identity/permissions.ts). A report is visible to the officers of the akimat it is assigned to
 * and, once escalated, of the upper-level akimat it was escalated to (who may act on it as well).
 * To anyone else it does not exist (NotFoundError, so its existence is not revealed).
 *
 * Every action runs in one transaction that locks the report row, checks the transition with
 * `reportTransition` (states.ts), writes the report, a report_events row (public_data without
 * personal data), an audit entry (`report.<event>`) and the applicants' notifications
 * (notify.server's notifyApplicants). Bad input is refused with the fields at fault and changes
 * nothing.
 */

export const TEXT_MAX = 4000;
export const INBOX_LIMIT = 200;
/** Open statuses plus those the akimat still follows (answered, fixed). */
export const INBOX_DEFAULT = [...OPEN_STATUSES, 'answered', 'fixed'] as const satisfies readonly ReportStatus[];

export type Refusal =
  | { kind: 'refused'; reason: 'invalid'; fields: Record<string, string> }
  | { kind: 'refused'; reason: 'illegal-transition'; status: ReportStatus }
  | {
      kind: 'refused';
      reason:
        | 'unknown-department'
        | 'unknown-executor'
        | 'unknown-body'
        | 'same-body'
        | 'unknown-target'
        | 'target-not-open'
        | 'target-other-akimat'
        | 'same-report'
        | 'already-extended'
        | 'extension-not-later'
        | 'extension-exceeds-maximum'
        | 'extension-while-paused'
        | 'planned-in-past'
        | 'unknown-template';
      params?: Record<string, string>;
    };
export type ActionOutcome = { kind: 'ok'; status: ReportStatus; number: string } | Refusal;

export interface FixPhoto {
  image: { format: string; width: number; height: number; bytes: Buffer };
  thumbnail: { format: string; width: number; height: number; bytes: Buffer };
}

// ---------------------------------------------------------------------------------------------
// Scope

/** The akimats whose reports the actor handles; Forbidden for anyone without report:triage. */
export function triageBodies(actor: Actor | null): number[] {
  const bodies = scopedBodies(actor, 'report:triage');
  if (bodies.length === 0) throw new ForbiddenError('forbidden.report:triage');
  return bodies;
}

type ReportRow = typeof reports.$inferSelect;

function canTriage(actor: Actor, r: Pick<ReportRow, 'akimatBodyId' | 'escalatedToBodyId'>): boolean {
  return (
    (r.akimatBodyId !== null && can(actor, 'report:triage', { bodyId: r.akimatBodyId })) ||
    (r.escalatedToBodyId !== null && can(actor, 'report:triage', { bodyId: r.escalatedToBodyId }))
  );
}

/** The report by its registration number, if the actor may see it (else NotFoundError). */
async function visibleReport(db: Db, actor: Actor | null, number: string, lock = false): Promise<ReportRow> {
  triageBodies(actor);
  const q = db.select().from(reports).where(eq(reports.registrationNumber, number));
  const [row] = lock ? await q.for('update') : await q;
  if (!row || !canTriage(actor!, row)) throw new NotFoundError('report');
  return row;
}

// ---------------------------------------------------------------------------------------------
// Inbox

export const InboxFilters = z.object({
  status: z.union([z.enum(['open', 'all']), z.string().refine(isReportStatus)]).catch('open').default('open'),
  category: z.string().max(64).optional().catch(undefined),
  district: z.string().regex(/^[0-9]{9}$/).optional().catch(undefined),
  overdue: z.coerce.boolean().optional().catch(undefined),
  week: z.coerce.boolean().optional().catch(undefined),
});
export type InboxFilters = z.output<typeof InboxFilters>;

export interface Names {
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

export interface InboxItem {
  id: string;
  number: string;
  status: ReportStatus;
  category: Names & { code: string };
  place: (Names & { kato: string }) | null;
  addressText: string | null;
  description: string;
  registeredAt: Date;
  answerDueOn: string | null;
  clock: ClockStatus | null;
  overdue: boolean;
  escalated: boolean;
  /** Escalated to one of the viewer's akimats (not assigned to it). */
  escalatedHere: boolean;
  akimat: Names | null;
}

export interface Inbox {
  items: InboxItem[];
  total: number;
  filters: InboxFilters;
  categories: (Names & { code: string })[];
  districts: (Names & { kato: string })[];
  akimats: (Names & { id: number })[];
}

/**
 * The officer's inbox: reports assigned or escalated to their akimats, filtered, sorted by answer
 * due date (none last), then by registration. Overdue: the stored due date has passed while the
 * clock runs (or the scheduled job marked it).
 */
export async function staffInbox(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, rawFilters: unknown): Promise<Inbox> {
  const bodies = triageBodies(actor);
  const filters = InboxFilters.parse(rawFilters ?? {});
  const now = deps.clock.now();
  const today = localDate(now);
  const where: SQL[] = [or(inArray(reports.akimatBodyId, bodies), inArray(reports.escalatedToBodyId, bodies))!];
  if (filters.status === 'open') where.push(inArray(reports.status, [...INBOX_DEFAULT]));
  else if (filters.status !== 'all') where.push(eq(reports.status, filters.status));
  if (filters.category) where.push(eq(reports.categoryCode, filters.category));
  if (filters.district) where.push(eq(reports.placeUnitKato, filters.district));
  const running = inArray(reports.status, ['registered', 'assigned', 'in-progress', 'reopened']);
  if (filters.overdue) where.push(and(running, or(isNotNull(reports.overdueAt), sql`${reports.answerDueOn} < ${today}`))!);
  if (filters.week) {
    const w = weekOf(now);
    where.push(and(inArray(reports.status, [...OPEN_STATUSES]), gte(reports.answerDueOn, w.from), lte(reports.answerDueOn, w.to))!);
  }
  const akimat = localBodies;
  const rows = await deps.db
    .select({
      r: reports,
      cat: { code: issueCategories.code, nameKk: issueCategories.nameKk, nameRu: issueCategories.nameRu, nameEn: issueCategories.nameEn },
      place: { kato: units.kato, nameKk: units.nameKk, nameRu: units.nameRu, nameEn: units.nameEn },
      akimat: { nameKk: akimat.nameKk, nameRu: akimat.nameRu, nameEn: akimat.nameEn },
    })
    .from(reports)
    .innerJoin(issueCategories, eq(issueCategories.code, reports.categoryCode))
    .leftJoin(units, eq(units.kato, reports.placeUnitKato))
    .leftJoin(akimat, eq(akimat.id, reports.akimatBodyId))
    .where(and(...where))
    .orderBy(sql`${reports.answerDueOn} asc nulls last`, asc(reports.registeredAt), asc(reports.number))
    .limit(INBOX_LIMIT + 1);
  const [count] = await deps.db
    .select({ n: sql<number>`count(*)::int` })
    .from(reports)
    .where(and(...where));
  const cal = await workingCalendar(deps.db);
  const items = rows.slice(0, INBOX_LIMIT).map(({ r, cat, place, akimat: a }): InboxItem => {
    const status = r.status as ReportStatus;
    const clockRuns = (['registered', 'assigned', 'in-progress', 'reopened'] as string[]).includes(status);
    const clock = clockRuns ? storedAnswerStatus(cal, r.answerDueOn, r.pausedAt !== null, now) : null;
    return {
      id: r.id,
      number: r.registrationNumber,
      status,
      category: cat,
      place: place?.kato ? (place as Names & { kato: string }) : null,
      addressText: r.addressText,
      description: r.description.length > 200 ? `${r.description.slice(0, 200)}…` : r.description,
      registeredAt: r.registeredAt,
      answerDueOn: r.answerDueOn,
      clock,
      overdue: clockRuns && (r.overdueAt !== null || clock?.status === 'overdue'),
      escalated: r.escalatedToBodyId !== null,
      escalatedHere: r.escalatedToBodyId !== null && bodies.includes(r.escalatedToBodyId) && !(r.akimatBodyId !== null && bodies.includes(r.akimatBodyId)),
      akimat: a?.nameRu ? (a as Names) : null,
    };
  });
  const categories = await deps.db
    .select({ code: issueCategories.code, nameKk: issueCategories.nameKk, nameRu: issueCategories.nameRu, nameEn: issueCategories.nameEn })
    .from(issueCategories)
    .orderBy(asc(issueCategories.sortOrder));
  const akimats = await deps.db
    .select({ id: localBodies.id, unitKato: localBodies.unitKato, nameKk: localBodies.nameKk, nameRu: localBodies.nameRu, nameEn: localBodies.nameEn })
    .from(localBodies)
    .where(inArray(localBodies.id, bodies));
  const unitKatos = akimats.map((a) => a.unitKato);
  const districts = await deps.db
    .select({ kato: units.kato, nameKk: units.nameKk, nameRu: units.nameRu, nameEn: units.nameEn })
    .from(units)
    .where(or(inArray(units.kato, unitKatos), inArray(units.parentKato, unitKatos)))
    .orderBy(asc(units.level), asc(units.nameRu));
  return {
    items,
    total: count?.n ?? 0,
    filters,
    categories,
    districts,
    akimats: akimats.map(({ id, nameKk, nameRu, nameEn }) => ({ id, nameKk, nameRu, nameEn })),
  };
}

// ---------------------------------------------------------------------------------------------
// Report view

export interface StaffEvent {
  id: number;
  type: string;
  fromStatus: string | null;
  toStatus: string;
  actorRole: string;
  actorName: string | null;
  isPublic: boolean;
  publicData: Record<string, unknown>;
  data: Record<string, unknown>;
  at: Date;
}

export interface StaffReportView {
  id: string;
  number: string;
  status: ReportStatus;
  source: string;
  description: string;
  category: Names & { code: string };
  lon: number | null;
  lat: number | null;
  addressText: string | null;
  place: (Names & { kato: string; parentKato: string | null }) | null;
  akimat: (Names & { id: number; unitKato: string }) | null;
  escalatedTo: (Names & { id: number }) | null;
  department: (Names & { code: string }) | null;
  executor: { id: string; name: string } | null;
  registeredAt: Date;
  registeredOn: string;
  forwardDueOn: string | null;
  answerDueOn: string | null;
  answerDueOnOriginal: string | null;
  maxExtendedDue: string | null;
  extendedAt: Date | null;
  extensionReason: string | null;
  clock: ClockStatus | null;
  overdueAt: Date | null;
  decision: string | null;
  plannedOn: string | null;
  answerText: string | null;
  mergedInto: string | null;
  reopenCount: number;
  applicants: number;
  photos: { id: string; kind: string; width: number; height: number }[];
  events: StaffEvent[];
  routingReason: Record<string, unknown> | null;
  available: ReportEvent[];
  departments: (Names & { code: string })[];
  executors: { id: string; name: string }[];
  templates: { code: string; decision: string; title: Names; text: Names }[];
  mergeTargets: { number: string; categoryCode: string; description: string }[];
  forwardTargets: (Names & { id: number })[];
  map: (PointMap & { place: Names }) | null;
  /** Names of the akimats and departments the history mentions. */
  bodyNames: Record<string, Names>;
  departmentNames: Record<string, Names>;
}

function nameIn(n: Names, locale: Locale): string {
  return locale === 'kk' ? n.nameKk : locale === 'en' ? n.nameEn : n.nameRu;
}

const STAFF_ACTIONS = ['acknowledge', 'assign', 'request-info', 'forward', 'extend', 'merge', 'answer', 'mark-fixed'] as const satisfies readonly ReportEvent[];

/** Everything the staff report page shows, or NotFoundError if the actor may not see it. */
export async function staffReportView(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, number: string): Promise<StaffReportView> {
  const db = deps.db;
  const r = await visibleReport(db, actor, number);
  const status = r.status as ReportStatus;
  const [cat] = await db.select().from(issueCategories).where(eq(issueCategories.code, r.categoryCode));
  const [place] = r.placeUnitKato ? await db.select().from(units).where(eq(units.kato, r.placeUnitKato)) : [];
  const [akimat] = r.akimatBodyId ? await db.select().from(localBodies).where(eq(localBodies.id, r.akimatBodyId)) : [];
  const [escalatedTo] = r.escalatedToBodyId ? await db.select().from(localBodies).where(eq(localBodies.id, r.escalatedToBodyId)) : [];
  const [department] = r.departmentCode ? await db.select().from(departmentTypes).where(eq(departmentTypes.code, r.departmentCode)) : [];
  const [executor] = r.executorAccountId ? await db.select({ id: accounts.id, name: accounts.displayName }).from(accounts).where(eq(accounts.id, r.executorAccountId)) : [];
  const [merged] = r.mergedIntoId ? await db.select({ number: reports.registrationNumber }).from(reports).where(eq(reports.id, r.mergedIntoId)) : [];
  const [applicantCount] = await db.select({ n: sql<number>`count(*)::int` }).from(reportApplicants).where(eq(reportApplicants.reportId, r.id));
  const photos = await db
    .select({ id: reportPhotos.id, kind: reportPhotos.kind, width: reportPhotos.width, height: reportPhotos.height })
    .from(reportPhotos)
    .where(eq(reportPhotos.reportId, r.id))
    .orderBy(asc(reportPhotos.kind), asc(reportPhotos.position), asc(reportPhotos.createdAt));
  const eventRows = await db
    .select({ e: reportEvents, actorName: accounts.displayName })
    .from(reportEvents)
    .leftJoin(accounts, eq(accounts.id, reportEvents.actorAccountId))
    .where(eq(reportEvents.reportId, r.id))
    .orderBy(asc(reportEvents.at), asc(reportEvents.id));
  const [routing] = await db
    .select({ reason: reportAssignments.reason })
    .from(reportAssignments)
    .where(and(eq(reportAssignments.reportId, r.id), eq(reportAssignments.kind, 'routing')));

  const cal = await workingCalendar(db);
  const now = deps.clock.now();
  const clockEvents: ClockEvent[] = eventRows.map(({ e }) => ({ type: e.type, at: e.at, data: e.data }));
  let clock: ClockStatus | null = null;
  let maxExtendedDue: string | null = null;
  if ((OPEN_STATUSES as readonly string[]).includes(status)) {
    const out = answerDeadline(cal, clockRules(), { registeredAt: r.registeredAt, events: clockEvents });
    if (out.kind === 'ok') {
      clock = storedAnswerStatus(cal, out.deadline.due, out.deadline.due === null, now) ?? (out.deadline.openPause ? { status: 'paused', since: out.deadline.openPause.since, unitsLeft: out.deadline.openPause.unitsLeft } : null);
      maxExtendedDue = out.deadline.maxExtendedDue;
    }
  }

  const bodyId = r.akimatBodyId;
  const departments = bodyId
    ? await db
        .select({ code: departmentTypes.code, nameKk: departmentTypes.nameKk, nameRu: departmentTypes.nameRu, nameEn: departmentTypes.nameEn })
        .from(localBodyDepartments)
        .innerJoin(departmentTypes, eq(departmentTypes.code, localBodyDepartments.departmentCode))
        .where(eq(localBodyDepartments.bodyId, bodyId))
        .orderBy(asc(departmentTypes.nameEn))
    : [];
  const executors = bodyId
    ? await db
        .selectDistinct({ id: accounts.id, name: accounts.displayName })
        .from(staffRoles)
        .innerJoin(accounts, eq(accounts.id, staffRoles.accountId))
        .where(and(eq(staffRoles.role, 'akimat_officer'), eq(staffRoles.bodyId, bodyId), isNull(accounts.disabledAt)))
        .orderBy(asc(accounts.displayName))
    : [];
  const templates = (
    await db
      .select()
      .from(reportResponseTemplates)
      .where(or(isNull(reportResponseTemplates.categoryCode), eq(reportResponseTemplates.categoryCode, r.categoryCode)))
      .orderBy(sql`${reportResponseTemplates.categoryCode} is null`, asc(reportResponseTemplates.code))
  ).map((t) => ({
    code: t.code,
    decision: t.decision,
    title: { nameKk: t.titleKk, nameRu: t.titleRu, nameEn: t.titleEn },
    text: { nameKk: t.textKk, nameRu: t.textRu, nameEn: t.textEn },
  }));
  const mergeTargets = bodyId
    ? await db
        .select({ number: reports.registrationNumber, categoryCode: reports.categoryCode, description: sql<string>`left(${reports.description}, 120)` })
        .from(reports)
        .where(and(eq(reports.akimatBodyId, bodyId), inArray(reports.status, [...OPEN_STATUSES]), ne(reports.id, r.id)))
        .orderBy(sql`${reports.categoryCode} = ${r.categoryCode} desc`, desc(reports.registeredAt))
        .limit(50)
    : [];
  const forwardTargets = await db
    .select({ id: localBodies.id, nameKk: localBodies.nameKk, nameRu: localBodies.nameRu, nameEn: localBodies.nameEn })
    .from(localBodies)
    .innerJoin(units, eq(units.kato, localBodies.unitKato))
    .where(and(eq(localBodies.kind, 'akimat'), bodyId ? ne(localBodies.id, bodyId) : undefined))
    .orderBy(asc(units.level), asc(localBodies.unitKato));

  let map: StaffReportView['map'] = null;
  if (r.lon !== null && r.lat !== null && place) {
    // The district's polygon, else its region's (units created after 2022 have none).
    for (const kato of [place.kato, place.parentKato]) {
      if (!kato) continue;
      const [b] = await db
        .select({ g: unitBoundaries.geometry, minLon: unitBoundaries.minLon, minLat: unitBoundaries.minLat, maxLon: unitBoundaries.maxLon, maxLat: unitBoundaries.maxLat, nameKk: units.nameKk, nameRu: units.nameRu, nameEn: units.nameEn })
        .from(unitBoundaries)
        .innerJoin(units, eq(units.kato, unitBoundaries.kato))
        .where(eq(unitBoundaries.kato, kato));
      if (!b || !isPolygonalGeometry(b.g)) continue;
      const drawn = drawPointMap(b.g, b, { lon: r.lon, lat: r.lat });
      if (drawn) map = { ...drawn, place: { nameKk: b.nameKk, nameRu: b.nameRu, nameEn: b.nameEn } };
      break;
    }
  }

  const bodyIds = new Set<number>();
  const depCodes = new Set<string>();
  for (const { e } of eventRows) {
    for (const key of ['toBodyId', 'akimatBodyId']) if (typeof e.publicData[key] === 'number') bodyIds.add(e.publicData[key] as number);
    for (const key of ['departmentCode']) if (typeof e.publicData[key] === 'string') depCodes.add(e.publicData[key] as string);
  }
  const bodyNames = Object.fromEntries(
    (bodyIds.size ? await db.select({ id: localBodies.id, nameKk: localBodies.nameKk, nameRu: localBodies.nameRu, nameEn: localBodies.nameEn }).from(localBodies).where(inArray(localBodies.id, [...bodyIds])) : []).map(
      ({ id, ...n }) => [String(id), n],
    ),
  );
  const departmentNames = Object.fromEntries(
    (depCodes.size ? await db.select({ code: departmentTypes.code, nameKk: departmentTypes.nameKk, nameRu: departmentTypes.nameRu, nameEn: departmentTypes.nameEn }).from(departmentTypes).where(inArray(departmentTypes.code, [...depCodes])) : []).map(
      ({ code, ...n }) => [code, n],
    ),
  );

  const available = eventsAvailable(status, 'officer').filter((e) => (STAFF_ACTIONS as readonly string[]).includes(e));
  return {
    id: r.id,
    number: r.registrationNumber,
    status,
    source: r.source,
    description: r.description,
    category: { code: cat!.code, nameKk: cat!.nameKk, nameRu: cat!.nameRu, nameEn: cat!.nameEn },
    lon: r.lon,
    lat: r.lat,
    addressText: r.addressText,
    place: place ? { kato: place.kato, parentKato: place.parentKato, nameKk: place.nameKk, nameRu: place.nameRu, nameEn: place.nameEn } : null,
    akimat: akimat ? { id: akimat.id, unitKato: akimat.unitKato, nameKk: akimat.nameKk, nameRu: akimat.nameRu, nameEn: akimat.nameEn } : null,
    escalatedTo: escalatedTo ? { id: escalatedTo.id, nameKk: escalatedTo.nameKk, nameRu: escalatedTo.nameRu, nameEn: escalatedTo.nameEn } : null,
    department: department ? { code: department.code, nameKk: department.nameKk, nameRu: department.nameRu, nameEn: department.nameEn } : null,
    executor: executor ?? null,
    registeredAt: r.registeredAt,
    registeredOn: r.registeredOn,
    forwardDueOn: r.forwardDueOn,
    answerDueOn: r.answerDueOn,
    answerDueOnOriginal: r.answerDueOnOriginal,
    maxExtendedDue,
    extendedAt: r.extendedAt,
    extensionReason: r.extensionReason,
    clock,
    overdueAt: r.overdueAt,
    decision: r.decision,
    plannedOn: r.plannedOn,
    answerText: r.answerText,
    mergedInto: merged?.number ?? null,
    reopenCount: r.reopenCount,
    applicants: applicantCount?.n ?? 0,
    photos,
    events: eventRows.map(({ e, actorName }) => ({
      id: e.id,
      type: e.type,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorRole: e.actorRole,
      actorName: e.actorRole === 'officer' ? actorName : null,
      isPublic: e.isPublic,
      publicData: e.publicData,
      data: e.data,
      at: e.at,
    })),
    routingReason: routing?.reason ?? null,
    // One extension only, and not while the clock is paused (it would be refused).
    available: r.extendedAt || status === 'info-requested' ? available.filter((e) => e !== 'extend') : available,
    departments,
    executors,
    templates,
    mergeTargets,
    forwardTargets,
    map,
    bodyNames,
    departmentNames,
  };
}

/** A photo of a report the actor may see (staff page), or NotFoundError. */
export async function staffPhoto(deps: Pick<Deps, 'db'>, actor: Actor | null, number: string, photoId: string, thumb: boolean): Promise<{ format: string; data: Buffer }> {
  const r = await visibleReport(deps.db, actor, number);
  const [p] = await deps.db
    .select({ format: reportPhotos.format, data: reportPhotos.data, thumbFormat: reportPhotos.thumbFormat, thumb: reportPhotos.thumb })
    .from(reportPhotos)
    .where(and(eq(reportPhotos.id, photoId), eq(reportPhotos.reportId, r.id)));
  if (!p) throw new NotFoundError('photo');
  return thumb ? { format: p.thumbFormat, data: p.thumb } : { format: p.format, data: p.data };
}

// ---------------------------------------------------------------------------------------------
// Actions

const text = (max = TEXT_MAX) => z.string().trim().min(1, 'required').max(max, 'too-long');

export const AssignInput = z
  .object({
    departmentCode: z.string().trim().max(64).optional().transform((v) => v || undefined),
    executorAccountId: z.string().trim().optional().transform((v) => v || undefined).pipe(z.uuid('invalid').optional()),
  })
  .refine((v) => v.departmentCode || v.executorAccountId, { message: 'required', path: ['departmentCode'] });
export const RequestInfoInput = z.object({ question: text(2000) });
export const ForwardInput = z.object({ toBodyId: z.coerce.number({ message: 'required' }).int('required').positive('required'), reason: text(2000) });
export const MergeInput = z.object({ target: z.string().trim().regex(/^R-\d{4}-\d{6,}$/, 'invalid') });
export const AnswerInput = z
  .object({
    decision: z.enum(DECISIONS, { message: 'required' }),
    text: text().refine((v) => v.length >= 10, 'too-short'),
    plannedOn: z.string().trim().optional().transform((v) => v || undefined).pipe(z.iso.date('invalid').optional()),
    templateCode: z.string().trim().max(64).optional().transform((v) => v || undefined),
  })
  .refine((v) => v.decision !== 'planned' || v.plannedOn, { message: 'required', path: ['plannedOn'] });
export const FixInput = z.object({ note: z.string().trim().max(2000, 'too-long').optional().transform((v) => v || undefined) });
export const ExtendInput = z.object({ extendedTo: z.iso.date('invalid'), reason: text(2000) });

function invalid(err: z.ZodError): Refusal {
  const fields: Record<string, string> = {};
  for (const issue of err.issues) {
    const key = issue.path.map(String).join('.') || 'form';
    fields[key] ??= issue.message === 'required' || issue.message === 'too-long' || issue.message === 'too-short' ? issue.message : issue.code === 'invalid_type' ? 'required' : 'invalid';
  }
  return { kind: 'refused', reason: 'invalid', fields };
}

interface Step {
  tx: Db;
  report: ReportRow;
  from: ReportStatus;
  to: ReportStatus;
  now: Date;
}

/**
 * The frame of every staff action: parse, lock and authorize, check the transition, run `body`
 * (which updates the report and returns the event's data), then write the event, the audit entry
 * and the notifications.
 */
async function act<S extends z.ZodType>(
  deps: Deps,
  actor: Actor | null,
  number: string,
  event: ReportEvent,
  schema: S,
  input: unknown,
  meta: RequestMeta,
  body: (step: Step, v: z.output<S>) => Promise<
    | Refusal
    | {
        publicData?: Record<string, unknown>;
        data?: Record<string, unknown>;
        audit?: Record<string, unknown>;
        notify?: NotifyParamsIn;
      }
  >,
): Promise<ActionOutcome> {
  triageBodies(actor);
  const parsed = schema.safeParse(input ?? {});
  return deps.db.transaction(async (tx) => {
    const report = await visibleReport(tx, actor, number, true);
    if (!parsed.success) return invalid(parsed.error);
    const from = report.status as ReportStatus;
    const t = reportTransition(from, event, 'officer');
    if (t.kind !== 'ok') return { kind: 'refused', reason: 'illegal-transition', status: from } as const;
    const now = deps.clock.now();
    const out = await body({ tx, report, from, to: t.to, now }, parsed.data);
    if ('kind' in out) return out;
    await tx.update(reports).set({ status: t.to, updatedAt: now }).where(eq(reports.id, report.id));
    await tx.insert(reportEvents).values({
      reportId: report.id,
      type: event,
      fromStatus: from,
      toStatus: t.to,
      actorRole: 'officer',
      actorAccountId: actor!.accountId,
      isPublic: true,
      publicData: out.publicData ?? {},
      data: out.data ?? {},
      at: now,
    });
    await appendAudit(tx, {
      at: now,
      actorAccountId: actor!.accountId,
      action: `report.${event}`,
      subject: { type: 'report', id: report.id },
      meta,
      details: { number: report.registrationNumber, from, to: t.to, ...(out.audit ?? {}) },
    });
    await notifyApplicants(tx, report.id, event, out.notify ?? {});
    return { kind: 'ok', status: t.to, number: report.registrationNumber } as const;
  });
}

/** The officer takes the report into work. */
export function acknowledgeReport(deps: Deps, actor: Actor | null, number: string, meta: RequestMeta): Promise<ActionOutcome> {
  return act(deps, actor, number, 'acknowledge', z.object({}), {}, meta, async ({ tx, report, now }) => {
    await tx.update(reports).set({ acknowledgedAt: report.acknowledgedAt ?? now }).where(eq(reports.id, report.id));
    return {};
  });
}

/** Assigns the report to a department of the akimat and/or an executor (an officer of that akimat). */
export function assignReport(deps: Deps, actor: Actor | null, number: string, input: unknown, meta: RequestMeta): Promise<ActionOutcome> {
  return act(deps, actor, number, 'assign', AssignInput, input, meta, async ({ tx, report, now }, v) => {
    const bodyId = report.akimatBodyId!;
    if (v.departmentCode) {
      const [dep] = await tx
        .select({ code: localBodyDepartments.departmentCode })
        .from(localBodyDepartments)
        .where(and(eq(localBodyDepartments.bodyId, bodyId), eq(localBodyDepartments.departmentCode, v.departmentCode)));
      if (!dep) return { kind: 'refused', reason: 'unknown-department' } as const;
    }
    if (v.executorAccountId) {
      const [ex] = await tx
        .select({ id: staffRoles.accountId })
        .from(staffRoles)
        .where(and(eq(staffRoles.accountId, v.executorAccountId), eq(staffRoles.role, 'akimat_officer'), eq(staffRoles.bodyId, bodyId)));
      if (!ex) return { kind: 'refused', reason: 'unknown-executor' } as const;
    }
    const departmentCode = v.departmentCode ?? report.departmentCode;
    const executorAccountId = v.executorAccountId ?? report.executorAccountId;
    await tx.update(reports).set({ departmentCode, executorAccountId }).where(eq(reports.id, report.id));
    await tx.insert(reportAssignments).values({
      reportId: report.id,
      kind: 'assign',
      akimatBodyId: bodyId,
      unitKato: report.answeringUnitKato ?? (await unitOfBody(tx, bodyId)),
      departmentCode,
      executorAccountId,
      reason: {},
      actorAccountId: actor!.accountId,
      at: now,
    });
    return {
      publicData: { departmentCode },
      data: { departmentCode, executorAccountId },
      audit: { departmentCode, executorAccountId },
    };
  });
}

async function unitOfBody(tx: Db, bodyId: number): Promise<string> {
  const [b] = await tx.select({ unitKato: localBodies.unitKato }).from(localBodies).where(eq(localBodies.id, bodyId));
  if (!b) throw new NotFoundError('local-body');
  return b.unitKato;
}

/** Asks the citizen for more information: the answer clock stops until they reply. */
export function requestInfo(deps: Deps, actor: Actor | null, number: string, input: unknown, meta: RequestMeta): Promise<ActionOutcome> {
  return act(deps, actor, number, 'request-info', RequestInfoInput, input, meta, async ({ tx, report, now }, v) => {
    await tx.update(reports).set({ pausedAt: now }).where(eq(reports.id, report.id));
    return { data: { question: v.question }, notify: { text: v.question } };
  });
}

/**
 * Forwards the report to another competent akimat with a reason (citizen told). Forwarding later
 * than 3 working days after registration (report.forward) is allowed but recorded as late.
 */
export function forwardReport(deps: Deps, actor: Actor | null, number: string, input: unknown, meta: RequestMeta): Promise<ActionOutcome> {
  return act(deps, actor, number, 'forward', ForwardInput, input, meta, async ({ tx, report, now }, v) => {
    if (v.toBodyId === report.akimatBodyId) return { kind: 'refused', reason: 'same-body' } as const;
    const [body] = await tx
      .select()
      .from(localBodies)
      .where(and(eq(localBodies.id, v.toBodyId), eq(localBodies.kind, 'akimat')));
    if (!body) return { kind: 'refused', reason: 'unknown-body' } as const;
    const [cat] = await tx.select({ dep: issueCategories.defaultDepartmentCode }).from(issueCategories).where(eq(issueCategories.code, report.categoryCode));
    const timing = forwardTiming(await workingCalendar(tx), clockRules(), report.registeredAt, now);
    await tx
      .update(reports)
      .set({ akimatBodyId: body.id, answeringUnitKato: body.unitKato, departmentCode: cat?.dep ?? null, executorAccountId: null, acknowledgedAt: null })
      .where(eq(reports.id, report.id));
    await tx.insert(reportAssignments).values({
      reportId: report.id,
      kind: 'forward',
      akimatBodyId: body.id,
      unitKato: body.unitKato,
      departmentCode: cat?.dep ?? null,
      reason: { text: v.reason, fromBodyId: report.akimatBodyId, forwardDueOn: timing.due, late: timing.late },
      actorAccountId: actor!.accountId,
      at: now,
    });
    const names = { nameKk: body.nameKk, nameRu: body.nameRu, nameEn: body.nameEn };
    return {
      publicData: { toBodyId: body.id, to: names, reason: v.reason, late: timing.late },
      data: { fromBodyId: report.akimatBodyId, forwardDueOn: timing.due },
      audit: { fromBodyId: report.akimatBodyId, toBodyId: body.id, late: timing.late, forwardDueOn: timing.due },
      notify: (locale) => ({ akimat: nameIn(names, locale), reason: v.reason }),
    };
  });
}

/**
 * Merges the report as a duplicate into another open report of the same akimat: its applicants
 * become co-applicants of the target, which continues.
 */
export function mergeReport(deps: Deps, actor: Actor | null, number: string, input: unknown, meta: RequestMeta): Promise<ActionOutcome> {
  return act(deps, actor, number, 'merge', MergeInput, input, meta, async ({ tx, report, now }, v) => {
    if (v.target === report.registrationNumber) return { kind: 'refused', reason: 'same-report' } as const;
    const [target] = await tx.select().from(reports).where(eq(reports.registrationNumber, v.target)).for('update');
    if (!target) return { kind: 'refused', reason: 'unknown-target' } as const;
    if (target.akimatBodyId !== report.akimatBodyId) return { kind: 'refused', reason: 'target-other-akimat' } as const;
    if (!(OPEN_STATUSES as readonly string[]).includes(target.status)) return { kind: 'refused', reason: 'target-not-open' } as const;
    const applicants = await tx.select().from(reportApplicants).where(eq(reportApplicants.reportId, report.id));
    if (applicants.length > 0)
      await tx
        .insert(reportApplicants)
        .values(applicants.map((a) => ({ reportId: target.id, accountId: a.accountId, role: 'co-applicant', joinedAt: now })))
        .onConflictDoNothing();
    await tx.update(reports).set({ mergedIntoId: target.id, closedAt: now }).where(eq(reports.id, report.id));
    // The target's history shows the duplicate joining it (its status does not change).
    await tx.insert(reportEvents).values({
      reportId: target.id,
      type: 'merge',
      fromStatus: target.status,
      toStatus: target.status,
      actorRole: 'officer',
      actorAccountId: actor!.accountId,
      publicData: { mergedFrom: report.registrationNumber },
      data: { mergedFromId: report.id, applicants: applicants.length },
      at: now,
    });
    await tx.update(reports).set({ updatedAt: now }).where(eq(reports.id, target.id));
    return {
      publicData: { mergedInto: target.registrationNumber },
      data: { mergedIntoId: target.id },
      audit: { mergedInto: target.registrationNumber, applicantsMoved: applicants.length },
      notify: { target: target.registrationNumber },
    };
  });
}

/** The akimat's answer: a decision and a public text (optionally from a response template). */
export function answerReport(deps: Deps, actor: Actor | null, number: string, input: unknown, meta: RequestMeta): Promise<ActionOutcome> {
  return act(deps, actor, number, 'answer', AnswerInput, input, meta, async ({ tx, report, now }, v) => {
    if (v.templateCode) {
      const [tpl] = await tx.select({ code: reportResponseTemplates.code }).from(reportResponseTemplates).where(eq(reportResponseTemplates.code, v.templateCode));
      if (!tpl) return { kind: 'refused', reason: 'unknown-template' } as const;
    }
    const plannedOn = v.decision === 'planned' ? v.plannedOn! : null;
    if (plannedOn && plannedOn < localDate(now)) return { kind: 'refused', reason: 'planned-in-past' } as const;
    await tx
      .update(reports)
      .set({ decision: v.decision, answerText: v.text, plannedOn, answeredAt: now, acknowledgedAt: report.acknowledgedAt ?? now })
      .where(eq(reports.id, report.id));
    const late = report.answerDueOn !== null && localDate(now) > report.answerDueOn;
    return {
      publicData: { decision: v.decision, text: v.text, ...(plannedOn ? { plannedOn } : {}), late },
      data: { templateCode: v.templateCode ?? null },
      audit: { decision: v.decision, templateCode: v.templateCode ?? null, late },
      notify: { decision: v.decision, ...(plannedOn ? { plannedOn } : {}) },
    };
  });
}

/** Marks the issue fixed with a photo of the fix (processed by the route: re-encoded, no metadata). */
export function markFixed(deps: Deps, actor: Actor | null, number: string, input: unknown, photo: FixPhoto, meta: RequestMeta): Promise<ActionOutcome> {
  const sha256 = createHash('sha256').update(photo.image.bytes).digest('hex');
  return act(deps, actor, number, 'mark-fixed', FixInput, input, meta, async ({ tx, report, now }, v) => {
    const [pos] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(reportPhotos)
      .where(and(eq(reportPhotos.reportId, report.id), eq(reportPhotos.kind, 'fix')));
    const [row] = await tx
      .insert(reportPhotos)
      .values({
        reportId: report.id,
        kind: 'fix',
        position: pos?.n ?? 0,
        format: photo.image.format,
        width: photo.image.width,
        height: photo.image.height,
        sha256,
        data: photo.image.bytes,
        thumbFormat: photo.thumbnail.format,
        thumb: photo.thumbnail.bytes,
        uploadedBy: actor!.accountId,
        createdAt: now,
      })
      .returning({ id: reportPhotos.id });
    // Fixing without a prior answer is the answer: resolved, and the note is its public text.
    await tx
      .update(reports)
      .set({
        fixedAt: now,
        answeredAt: report.answeredAt ?? now,
        decision: report.decision ?? 'resolved',
        answerText: report.answerText ?? v.note ?? null,
        acknowledgedAt: report.acknowledgedAt ?? now,
      })
      .where(eq(reports.id, report.id));
    return {
      publicData: { photoId: row!.id, ...(v.note ? { note: v.note } : {}) },
      data: { photoId: row!.id },
      audit: { photoId: row!.id, sha256 },
      notify: {},
    };
  });
}

/**
 * Extends the answer term once, with a reason, to a date later than the original due date and at
 * most 2 months after it (report.extension.max); the citizen is told.
 */
export function extendReport(deps: Deps, actor: Actor | null, number: string, input: unknown, meta: RequestMeta): Promise<ActionOutcome> {
  return act(deps, actor, number, 'extend', ExtendInput, input, meta, async ({ tx, report, now }, v) => {
    if (report.extendedAt) return { kind: 'refused', reason: 'already-extended' } as const;
    const events = await tx.select({ type: reportEvents.type, at: reportEvents.at, data: reportEvents.data }).from(reportEvents).where(eq(reportEvents.reportId, report.id));
    const cal = await workingCalendar(tx);
    const out = answerDeadline(cal, clockRules(), { registeredAt: report.registeredAt, events, extendedTo: v.extendedTo });
    if (out.kind === 'refused') {
      if (out.reason === 'extension-not-allowed') throw new Error('report.answer has no extension limit');
      const params: Record<string, string> = {};
      if ('originalDue' in out) params.originalDue = out.originalDue;
      if ('maxExtendedDue' in out) params.maxExtendedDue = out.maxExtendedDue;
      return { kind: 'refused', reason: out.reason, params } as const;
    }
    const d = out.deadline;
    await tx
      .update(reports)
      .set({ extendedAt: now, extensionReason: v.reason, answerDueOn: d.due, answerDueOnOriginal: report.answerDueOnOriginal ?? d.originalDue })
      .where(eq(reports.id, report.id));
    return {
      publicData: { extendedTo: d.due, reason: v.reason },
      data: { extendedTo: v.extendedTo, originalDue: d.originalDue },
      audit: { extendedTo: d.due, originalDue: d.originalDue },
      notify: { dueOn: d.due ?? v.extendedTo, reason: v.reason },
    };
  });
}

/**
 * The answer due date recomputed from the report's events (after an information request was
 * answered, the pause moves it). Stored in answer_due_on; returns the date (null while paused).
 */
export async function refreshAnswerDue(tx: Db, reportId: string): Promise<IsoDate | null> {
  const [r] = await tx.select({ registeredAt: reports.registeredAt, answerDueOn: reports.answerDueOn }).from(reports).where(eq(reports.id, reportId));
  if (!r) throw new NotFoundError('report');
  const events = await tx.select({ type: reportEvents.type, at: reportEvents.at, data: reportEvents.data }).from(reportEvents).where(eq(reportEvents.reportId, reportId));
  const d = answerDeadlineOf(await workingCalendar(tx), clockRules(), { registeredAt: r.registeredAt, events });
  if (d.due !== null && d.due !== r.answerDueOn) await tx.update(reports).set({ answerDueOn: d.due }).where(eq(reports.id, reportId));
  return d.due;
}

export type { Decision };
