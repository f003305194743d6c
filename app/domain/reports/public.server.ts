import { and, asc, count, desc, eq, gte, inArray, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { departmentTypes, issueCategories, localBodies, reportApplicants, reportAssignments, reportEvents, reportPhotos, reports, units } from '../../../db/schema';
import { localDate } from '../calendar/dates';
import type { RoutingReason } from '../routing/route';
import type { Deps } from '../shared/deps';
import { STATUS_GROUPS, STATUSES_BY_GROUP, publicClock, statusGroup, type PublicClock, type StatusGroup } from './groups';
import { isReportStatus, type ReportEvent, type ReportStatus } from './states';

/**
 * The public read side of local issue reports: the list with its filters, the points of the map,
 * the public report page and its photos.
 *
 * NO PERSONAL DATA, by construction: these queries never select the reporter (account or partner),
 * the partner's contact, executors or event actors, and never the internal `data` of events — only
 * the role that fired a public event, its time and its `public_data`. Place, category, akimat and
 * department names are public reference data. The description and the address of the problem are
 * public, as on FixMyStreet (the filing form says so).
 */

export const PAGE_SIZE = 20;
/** Points drawn on the map at most (the newest of the filtered list). */
export const MAP_POINTS_MAX = 2000;
export const MIN_QUERY_LENGTH = 2;

const KATO = /^[0-9]{9}$/;
/** Public registration number R-YYYY-NNNNNN (6 digits at least). */
export const REGISTRATION_NUMBER = /^R-[0-9]{4}-[0-9]{6,}$/;

export const ReportListQuery = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  region: z.string().regex(KATO).optional().catch(undefined),
  district: z.string().regex(KATO).optional().catch(undefined),
  category: z
    .string()
    .regex(/^[a-z][a-z0-9_]{0,63}$/)
    .optional()
    .catch(undefined),
  status: z.enum(STATUS_GROUPS).optional().catch(undefined),
  /** The akimat the reports are assigned to (local_bodies.id): the list behind an accountability page. */
  akimat: z.coerce.number().int().min(1).max(1e9).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).optional().catch(undefined),
});
export type ReportListFilters = z.output<typeof ReportListQuery>;

/** Filters from a URL's search parameters (empty or malformed values count as absent). */
export function parseReportListQuery(params: URLSearchParams): ReportListFilters {
  const raw: Record<string, string> = {};
  for (const key of Object.keys(ReportListQuery.shape)) {
    const v = params.get(key);
    if (v !== null && v.trim() !== '') raw[key] = v;
  }
  return ReportListQuery.parse(raw);
}

export interface Names {
  nameKk: string;
  nameRu: string;
  nameEn: string;
}

export interface PublicReportCard {
  number: string;
  status: ReportStatus;
  group: StatusGroup;
  category: Names & { code: string };
  /** The first 200 characters of the description. */
  excerpt: string;
  place: (Names & { kato: string }) | null;
  akimat: (Names & { id: number }) | null;
  registeredAt: Date;
  answerDueOn: string | null;
  clock: PublicClock;
  thumbPhotoId: string | null;
}

export interface ReportList {
  items: PublicReportCard[];
  total: number;
  page: number;
  pages: number;
  applied: ReportListFilters;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

const placeUnit = alias(units, 'place_unit');

/** The SQL conditions of a filter set (the same for the list, the map and the API). */
export function reportConditions(f: ReportListFilters): SQL[] {
  const where: SQL[] = [];
  if (f.district) where.push(eq(reports.placeUnitKato, f.district));
  else if (f.region) where.push(or(eq(reports.placeUnitKato, f.region), eq(placeUnit.parentKato, f.region))!);
  if (f.category) where.push(eq(reports.categoryCode, f.category));
  if (f.akimat) where.push(eq(reports.akimatBodyId, f.akimat));
  if (f.status) where.push(inArray(reports.status, [...STATUSES_BY_GROUP[f.status]]));
  if (f.q && f.q.length >= MIN_QUERY_LENGTH) {
    const like = `%${escapeLike(f.q)}%`;
    where.push(or(sql`${reports.description} ilike ${like}`, sql`${reports.addressText} ilike ${like}`, sql`${reports.registrationNumber} ilike ${like}`)!);
  }
  return where;
}

const respondedOn = (answeredAt: Date | null, fixedAt: Date | null): string | null => {
  const at = answeredAt ?? fixedAt;
  return at ? localDate(at) : null;
};

export async function listPublicReports(deps: Pick<Deps, 'db' | 'clock'>, filters: ReportListFilters): Promise<ReportList> {
  const where = and(...reportConditions(filters));
  const [totalRow] = await deps.db
    .select({ n: count() })
    .from(reports)
    .leftJoin(placeUnit, eq(placeUnit.kato, reports.placeUnitKato))
    .where(where);
  const total = Number(totalRow?.n ?? 0);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const page = Math.min(filters.page ?? 1, pages);
  const rows = await deps.db
    .select({
      id: reports.id,
      number: reports.registrationNumber,
      status: reports.status,
      description: reports.description,
      categoryCode: issueCategories.code,
      categoryKk: issueCategories.nameKk,
      categoryRu: issueCategories.nameRu,
      categoryEn: issueCategories.nameEn,
      placeKato: placeUnit.kato,
      placeKk: placeUnit.nameKk,
      placeRu: placeUnit.nameRu,
      placeEn: placeUnit.nameEn,
      akimatId: localBodies.id,
      akimatKk: localBodies.nameKk,
      akimatRu: localBodies.nameRu,
      akimatEn: localBodies.nameEn,
      registeredAt: reports.registeredAt,
      answerDueOn: reports.answerDueOn,
      answeredAt: reports.answeredAt,
      fixedAt: reports.fixedAt,
      thumbPhotoId: sql<string | null>`(select ${reportPhotos.id} from ${reportPhotos} where ${reportPhotos.reportId} = ${reports.id} and ${reportPhotos.kind} = 'report' order by ${reportPhotos.position}, ${reportPhotos.createdAt} limit 1)`,
    })
    .from(reports)
    .innerJoin(issueCategories, eq(issueCategories.code, reports.categoryCode))
    .leftJoin(placeUnit, eq(placeUnit.kato, reports.placeUnitKato))
    .leftJoin(localBodies, eq(localBodies.id, reports.akimatBodyId))
    .where(where)
    .orderBy(desc(reports.registeredAt), desc(reports.number))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE);
  const today = localDate(deps.clock.now());
  const items = rows.map((r): PublicReportCard => {
    const status = isReportStatus(r.status) ? r.status : 'registered';
    return {
      number: r.number,
      status,
      group: statusGroup(status),
      category: { code: r.categoryCode, nameKk: r.categoryKk, nameRu: r.categoryRu, nameEn: r.categoryEn },
      excerpt: r.description.length > 200 ? `${r.description.slice(0, 199)}…` : r.description,
      place: r.placeKato ? { kato: r.placeKato, nameKk: r.placeKk!, nameRu: r.placeRu!, nameEn: r.placeEn! } : null,
      akimat: r.akimatId !== null ? { id: r.akimatId, nameKk: r.akimatKk!, nameRu: r.akimatRu!, nameEn: r.akimatEn! } : null,
      registeredAt: r.registeredAt,
      answerDueOn: r.answerDueOn,
      clock: publicClock({ status, answerDueOn: r.answerDueOn, respondedOn: respondedOn(r.answeredAt, r.fixedAt) }, today),
      thumbPhotoId: r.thumbPhotoId,
    };
  });
  return { items, total, page, pages, applied: { ...filters, page } };
}

export interface MapPoint {
  number: string;
  lon: number;
  lat: number;
  group: StatusGroup;
  categoryCode: string;
}

/** The points of the filtered reports (the newest MAP_POINTS_MAX with a point). */
export async function listReportPoints(deps: Pick<Deps, 'db'>, filters: ReportListFilters): Promise<{ points: MapPoint[]; truncated: boolean }> {
  const rows = await deps.db
    .select({ number: reports.registrationNumber, lon: reports.lon, lat: reports.lat, status: reports.status, categoryCode: reports.categoryCode })
    .from(reports)
    .leftJoin(placeUnit, eq(placeUnit.kato, reports.placeUnitKato))
    .where(and(isNotNull(reports.lon), isNotNull(reports.lat), ...reportConditions(filters)))
    .orderBy(desc(reports.registeredAt), desc(reports.number))
    .limit(MAP_POINTS_MAX + 1);
  return {
    truncated: rows.length > MAP_POINTS_MAX,
    points: rows.slice(0, MAP_POINTS_MAX).map((r) => ({
      number: r.number,
      lon: r.lon!,
      lat: r.lat!,
      group: statusGroup(isReportStatus(r.status) ? r.status : 'registered'),
      categoryCode: r.categoryCode,
    })),
  };
}

export interface ReportFilterOptions {
  /** The akimat filtered on, with its name (null without that filter or for an unknown id). */
  akimat?: (Names & { id: number }) | null;
  regions: (Names & { kato: string })[];
  /** Districts of the chosen region (empty without one). */
  districts: (Names & { kato: string })[];
  categories: (Names & { code: string })[];
}

export async function reportFilterOptions(deps: Pick<Deps, 'db'>, regionKato: string | undefined, akimatId?: number): Promise<ReportFilterOptions> {
  const [regions, districts, categories, akimats] = await Promise.all([
    deps.db.select({ kato: units.kato, nameKk: units.nameKk, nameRu: units.nameRu, nameEn: units.nameEn }).from(units).where(eq(units.level, 1)).orderBy(asc(units.kato)),
    regionKato
      ? deps.db
          .select({ kato: units.kato, nameKk: units.nameKk, nameRu: units.nameRu, nameEn: units.nameEn })
          .from(units)
          .where(and(eq(units.level, 2), eq(units.parentKato, regionKato)))
          .orderBy(asc(units.kato))
      : Promise.resolve([]),
    deps.db
      .select({ code: issueCategories.code, nameKk: issueCategories.nameKk, nameRu: issueCategories.nameRu, nameEn: issueCategories.nameEn })
      .from(issueCategories)
      .orderBy(asc(issueCategories.sortOrder)),
    akimatId
      ? deps.db
          .select({ id: localBodies.id, nameKk: localBodies.nameKk, nameRu: localBodies.nameRu, nameEn: localBodies.nameEn })
          .from(localBodies)
          .where(and(eq(localBodies.id, akimatId), eq(localBodies.kind, 'akimat')))
      : Promise.resolve([]),
  ]);
  return { regions, districts, categories, akimat: akimats[0] ?? null };
}

// =============================================================================================
// The public report page

export interface PublicHistoryItem {
  id: number;
  type: ReportEvent | string;
  toStatus: ReportStatus | string;
  /** Only the role (citizen, officer, system, partner), never the person. */
  actorRole: string;
  at: Date;
  details: PublicEventDetails;
}

/** What the public history shows of an event's public_data: known fields, typed; nothing else. */
export interface PublicEventDetails {
  decision: string | null;
  plannedOn: string | null;
  /** A reason given publicly (forwarding, extension). */
  reason: string | null;
  /** A public note of the akimat (with a fix). */
  note: string | null;
  /** The body the report went to (routing, forwarding, escalation). */
  body: Names | null;
  /** The report a duplicate was merged into, or the duplicate merged into this one. */
  mergedInto: string | null;
  mergedFrom: string | null;
  /** A new answer due date (routing, extension). */
  dueOn: string | null;
  /** The step came after its legal term. */
  late: boolean;
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);
const names = (v: unknown): Names | null => {
  if (typeof v !== 'object' || v === null) return null;
  const o = v as Record<string, unknown>;
  const kk = str(o.nameKk);
  const ru = str(o.nameRu);
  const en = str(o.nameEn);
  return ru && en ? { nameKk: kk ?? ru, nameRu: ru, nameEn: en } : null;
};
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const day = (v: unknown): string | null => (typeof v === 'string' && DATE.test(v) ? v : null);

/** The body id an event names (forward: toBodyId; routing: akimatBodyId; escalation: toBodyId). */
export function eventBodyId(data: Record<string, unknown>): number | null {
  for (const key of ['toBodyId', 'akimatBodyId']) if (typeof data[key] === 'number' && Number.isInteger(data[key])) return data[key] as number;
  return null;
}

/**
 * The public part of an event's public_data, as written by filing, routing, staff, citizen and
 * clock steps. Free text is taken only from fields meant for the public (a forwarding or extension
 * reason, a note with the fix); an answer's text is shown once, in the answer section.
 */
export function publicEventDetails(data: Record<string, unknown>, bodies: ReadonlyMap<number, Names> = new Map()): PublicEventDetails {
  const id = eventBodyId(data);
  return {
    decision: str(data.decision),
    plannedOn: day(data.plannedOn),
    reason: str(data.reason),
    note: str(data.note),
    body: names(data.to) ?? names(data.body) ?? (id !== null ? (bodies.get(id) ?? null) : null),
    mergedInto: str(data.mergedInto),
    mergedFrom: str(data.mergedFrom),
    dueOn: day(data.extendedTo) ?? day(data.answerDueOn) ?? day(data.dueOn),
    late: data.late === true,
  };
}

export interface PublicPhoto {
  id: string;
  kind: 'report' | 'fix';
  position: number;
  width: number;
  height: number;
}

export interface PublicReport {
  id: string;
  number: string;
  source: string;
  status: ReportStatus;
  group: StatusGroup;
  category: Names & { code: string };
  description: string;
  point: { lon: number; lat: number } | null;
  address: string | null;
  place: (Names & { kato: string; level: number }) | null;
  region: (Names & { kato: string }) | null;
  akimat: (Names & { id: number }) | null;
  department: (Names & { code: string }) | null;
  escalatedTo: (Names & { id: number }) | null;
  /** The stored routing reason (rendered by app/domain/routing/explain.ts). */
  routingReason: RoutingReason | null;
  dates: {
    registeredAt: Date;
    registeredOn: string;
    answerDueOn: string | null;
    answerDueOnOriginal: string | null;
    extendedAt: Date | null;
    acknowledgedAt: Date | null;
    answeredAt: Date | null;
    fixedAt: Date | null;
    closedAt: Date | null;
  };
  clock: PublicClock;
  decision: string | null;
  plannedOn: string | null;
  answerText: string | null;
  extensionReason: string | null;
  mergedInto: string | null;
  /** Reports merged into this one. */
  duplicates: string[];
  /** People who reported the problem (the reporter and those who joined): a number, no names. */
  applicants: number;
  photos: PublicPhoto[];
  history: PublicHistoryItem[];
}

const regionUnit = alias(units, 'region_unit');
const escalationBody = alias(localBodies, 'escalation_body');
const mergeTarget = alias(reports, 'merge_target');

export async function getPublicReport(deps: Pick<Deps, 'db' | 'clock'>, number: string): Promise<PublicReport | null> {
  if (!REGISTRATION_NUMBER.test(number)) return null;
  const [one] = await loadPublicReports(deps, eq(reports.registrationNumber, number), { history: true });
  return one ?? null;
}

function groupBy<T, K>(rows: readonly T[], key: (r: T) => K): Map<K, T[]> {
  const out = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * Public reports matching `where` (newest first), each with its photos, duplicates, routing reason
 * and applicant count, and its public history when asked: a fixed number of queries whatever the
 * number of reports (the open data reads a page of up to 100 at once).
 */
export async function loadPublicReports(
  deps: Pick<Deps, 'db' | 'clock'>,
  where: SQL | undefined,
  opts: { history: boolean; limit?: number; offset?: number },
): Promise<PublicReport[]> {
  const query = deps.db
    .select({
      r: {
        id: reports.id,
        number: reports.registrationNumber,
        source: reports.source,
        status: reports.status,
        description: reports.description,
        lon: reports.lon,
        lat: reports.lat,
        addressText: reports.addressText,
        registeredAt: reports.registeredAt,
        registeredOn: reports.registeredOn,
        answerDueOn: reports.answerDueOn,
        answerDueOnOriginal: reports.answerDueOnOriginal,
        extendedAt: reports.extendedAt,
        extensionReason: reports.extensionReason,
        acknowledgedAt: reports.acknowledgedAt,
        answeredAt: reports.answeredAt,
        fixedAt: reports.fixedAt,
        closedAt: reports.closedAt,
        decision: reports.decision,
        plannedOn: reports.plannedOn,
        answerText: reports.answerText,
      },
      category: { code: issueCategories.code, nameKk: issueCategories.nameKk, nameRu: issueCategories.nameRu, nameEn: issueCategories.nameEn },
      place: { kato: placeUnit.kato, level: placeUnit.level, nameKk: placeUnit.nameKk, nameRu: placeUnit.nameRu, nameEn: placeUnit.nameEn },
      region: { kato: regionUnit.kato, nameKk: regionUnit.nameKk, nameRu: regionUnit.nameRu, nameEn: regionUnit.nameEn },
      akimat: { id: localBodies.id, nameKk: localBodies.nameKk, nameRu: localBodies.nameRu, nameEn: localBodies.nameEn },
      department: { code: departmentTypes.code, nameKk: departmentTypes.nameKk, nameRu: departmentTypes.nameRu, nameEn: departmentTypes.nameEn },
      escalatedTo: { id: escalationBody.id, nameKk: escalationBody.nameKk, nameRu: escalationBody.nameRu, nameEn: escalationBody.nameEn },
      mergedInto: mergeTarget.registrationNumber,
    })
    .from(reports)
    .innerJoin(issueCategories, eq(issueCategories.code, reports.categoryCode))
    .leftJoin(placeUnit, eq(placeUnit.kato, reports.placeUnitKato))
    .leftJoin(regionUnit, eq(regionUnit.kato, sql`case when ${placeUnit.level} = 1 then ${placeUnit.kato} else ${placeUnit.parentKato} end`))
    .leftJoin(localBodies, eq(localBodies.id, reports.akimatBodyId))
    .leftJoin(departmentTypes, eq(departmentTypes.code, reports.departmentCode))
    .leftJoin(escalationBody, eq(escalationBody.id, reports.escalatedToBodyId))
    .leftJoin(mergeTarget, eq(mergeTarget.id, reports.mergedIntoId))
    .where(where)
    .orderBy(desc(reports.registeredAt), desc(reports.number))
    .$dynamic();
  if (opts.limit !== undefined) query.limit(opts.limit);
  if (opts.offset !== undefined) query.offset(opts.offset);
  const rows = await query;
  if (rows.length === 0) return [];
  const ids = rows.map((row) => row.r.id);
  const [events, photos, duplicates, routing, applicants] = await Promise.all([
    opts.history
      ? deps.db
          .select({ reportId: reportEvents.reportId, id: reportEvents.id, type: reportEvents.type, toStatus: reportEvents.toStatus, actorRole: reportEvents.actorRole, at: reportEvents.at, publicData: reportEvents.publicData })
          .from(reportEvents)
          .where(and(inArray(reportEvents.reportId, ids), eq(reportEvents.isPublic, true)))
          .orderBy(asc(reportEvents.at), asc(reportEvents.id))
      : Promise.resolve([]),
    deps.db
      .select({ reportId: reportPhotos.reportId, id: reportPhotos.id, kind: reportPhotos.kind, position: reportPhotos.position, width: reportPhotos.width, height: reportPhotos.height })
      .from(reportPhotos)
      .where(inArray(reportPhotos.reportId, ids))
      .orderBy(asc(reportPhotos.kind), asc(reportPhotos.position), asc(reportPhotos.createdAt)),
    deps.db.select({ target: reports.mergedIntoId, number: reports.registrationNumber }).from(reports).where(inArray(reports.mergedIntoId, ids)).orderBy(asc(reports.number)),
    deps.db
      .select({ reportId: reportAssignments.reportId, reason: reportAssignments.reason })
      .from(reportAssignments)
      .where(and(inArray(reportAssignments.reportId, ids), eq(reportAssignments.kind, 'routing'))),
    deps.db.select({ reportId: reportApplicants.reportId, n: count() }).from(reportApplicants).where(inArray(reportApplicants.reportId, ids)).groupBy(reportApplicants.reportId),
  ]);
  const eventsOf = groupBy(events, (e) => e.reportId);
  const photosOf = groupBy(photos, (p) => p.reportId);
  const duplicatesOf = groupBy(duplicates, (d) => d.target);
  const reasonOf = new Map(routing.map((a) => [a.reportId, a.reason]));
  const applicantsOf = new Map(applicants.map((a) => [a.reportId, Number(a.n)]));
  const bodyIds = [...new Set(events.map((e) => eventBodyId(e.publicData)).filter((id): id is number => id !== null))];
  const bodies = new Map<number, Names>(
    bodyIds.length === 0
      ? []
      : (
          await deps.db
            .select({ id: localBodies.id, nameKk: localBodies.nameKk, nameRu: localBodies.nameRu, nameEn: localBodies.nameEn })
            .from(localBodies)
            .where(inArray(localBodies.id, bodyIds))
        ).map((b) => [b.id, { nameKk: b.nameKk, nameRu: b.nameRu, nameEn: b.nameEn }]),
  );
  const today = localDate(deps.clock.now());
  return rows.map((row): PublicReport => {
    const r = row.r;
    const status = isReportStatus(r.status) ? r.status : 'registered';
    const reason = reasonOf.get(r.id) as Partial<RoutingReason> | undefined;
    return {
      id: r.id,
      number: r.number,
      source: r.source,
      status,
      group: statusGroup(status),
      category: row.category,
      description: r.description,
      point: r.lon !== null && r.lat !== null ? { lon: r.lon, lat: r.lat } : null,
      address: r.addressText,
      place: row.place?.kato ? (row.place as PublicReport['place']) : null,
      region: row.region?.kato ? (row.region as PublicReport['region']) : null,
      akimat: row.akimat?.id != null ? (row.akimat as PublicReport['akimat']) : null,
      department: row.department?.code ? (row.department as PublicReport['department']) : null,
      escalatedTo: row.escalatedTo?.id != null ? (row.escalatedTo as PublicReport['escalatedTo']) : null,
      routingReason: reason && typeof reason.code === 'string' && reason.params ? (reason as RoutingReason) : null,
      dates: {
        registeredAt: r.registeredAt,
        registeredOn: r.registeredOn,
        answerDueOn: r.answerDueOn,
        answerDueOnOriginal: r.answerDueOnOriginal,
        extendedAt: r.extendedAt,
        acknowledgedAt: r.acknowledgedAt,
        answeredAt: r.answeredAt,
        fixedAt: r.fixedAt,
        closedAt: r.closedAt,
      },
      clock: publicClock({ status, answerDueOn: r.answerDueOn, respondedOn: respondedOn(r.answeredAt, r.fixedAt) }, today),
      decision: r.decision,
      plannedOn: r.plannedOn,
      answerText: r.answerText,
      extensionReason: r.extendedAt ? r.extensionReason : null,
      mergedInto: row.mergedInto ?? null,
      duplicates: (duplicatesOf.get(r.id) ?? []).map((d) => d.number),
      applicants: Math.max(1, applicantsOf.get(r.id) ?? 0),
      photos: (photosOf.get(r.id) ?? []).map((p) => ({ id: p.id, kind: p.kind === 'fix' ? 'fix' : 'report', position: p.position, width: p.width, height: p.height })),
      history: (eventsOf.get(r.id) ?? []).map((e) => ({ id: e.id, type: e.type, toStatus: e.toStatus, actorRole: e.actorRole, at: e.at, details: publicEventDetails(e.publicData, bodies) })),
    };
  });
}

export interface PhotoBytes {
  format: string;
  data: Buffer;
  sha256: string;
}

/** A photo (or its thumbnail) of a public report, by the report's number and the photo's id. */
export async function getReportPhoto(deps: Pick<Deps, 'db'>, number: string, photoId: string, variant: 'full' | 'thumb'): Promise<PhotoBytes | null> {
  if (!REGISTRATION_NUMBER.test(number) || !/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(photoId)) return null;
  const [row] = await deps.db
    .select({
      format: variant === 'thumb' ? reportPhotos.thumbFormat : reportPhotos.format,
      data: variant === 'thumb' ? reportPhotos.thumb : reportPhotos.data,
      sha256: reportPhotos.sha256,
    })
    .from(reportPhotos)
    .innerJoin(reports, eq(reports.id, reportPhotos.reportId))
    .where(and(eq(reports.registrationNumber, number), eq(reportPhotos.id, photoId.toLowerCase())));
  return row ?? null;
}

/** Content type of a stored photo format (processPhoto stores 'jpeg' | 'png' | 'webp'). */
export function photoContentType(format: string): string | null {
  const f = format.toLowerCase();
  if (f === 'jpeg' || f === 'jpg') return 'image/jpeg';
  if (f === 'png') return 'image/png';
  if (f === 'webp') return 'image/webp';
  return null;
}

export type { ReportStatus };

// =============================================================================================
// Counts by category (national project pages)

export interface CategoryCounts extends Names {
  code: string;
  open: number;
  answered: number;
  fixed: number;
  total: number;
}

/**
 * Reports registered since `since` in each of `codes`, by status group (closed ones count in the
 * total only). Every requested category is returned (zeros included), in the order of `codes`.
 */
export async function reportCountsByCategory(deps: Pick<Deps, 'db'>, codes: readonly string[], since: Date): Promise<CategoryCounts[]> {
  if (codes.length === 0) return [];
  const inGroup = (g: StatusGroup) => sql<number>`(count(*) filter (where ${inArray(reports.status, [...STATUSES_BY_GROUP[g]])}))::int`;
  const [names, counts] = await Promise.all([
    deps.db
      .select({ code: issueCategories.code, nameKk: issueCategories.nameKk, nameRu: issueCategories.nameRu, nameEn: issueCategories.nameEn })
      .from(issueCategories)
      .where(inArray(issueCategories.code, [...codes])),
    deps.db
      .select({ code: reports.categoryCode, open: inGroup('open'), answered: inGroup('answered'), fixed: inGroup('fixed'), total: sql<number>`count(*)::int` })
      .from(reports)
      .where(and(inArray(reports.categoryCode, [...codes]), gte(reports.registeredAt, since)))
      .groupBy(reports.categoryCode),
  ]);
  const byCode = new Map(counts.map((c) => [c.code, c]));
  const nameOf = new Map(names.map((n) => [n.code, n]));
  return codes.flatMap((code) => {
    const n = nameOf.get(code);
    if (!n) return [];
    const c = byCode.get(code);
    return [{ ...n, open: Number(c?.open ?? 0), answered: Number(c?.answered ?? 0), fixed: Number(c?.fixed ?? 0), total: Number(c?.total ?? 0) }];
  });
}

/** How many reports match a filter set (the same conditions as the list). */
export async function countPublicReports(deps: Pick<Deps, 'db'>, filters: ReportListFilters): Promise<number> {
  const [row] = await deps.db
    .select({ n: count() })
    .from(reports)
    .leftJoin(placeUnit, eq(placeUnit.kato, reports.placeUnitKato))
    .where(and(...reportConditions(filters)));
  return Number(row?.n ?? 0);
}
