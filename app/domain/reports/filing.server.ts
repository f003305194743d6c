import { createHash } from 'node:crypto';
import { and, between, desc, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { accounts, citizens, issueCategories, reportApplicants, reportAssignments, reportEvents, reportPhotos, reports } from '../../../db/schema';
import type { Locale } from '../../i18n';
import { localDate } from '../calendar';
import { enqueue } from '../outbox/outbox.server';
import { nameIn } from '../routing/explain';
import { routeReport, type RoutingData } from '../routing/route';
import type { Deps } from '../shared/deps';
import { NotFoundError } from '../shared/errors';
import { notifyApplicants } from './notify.server';
import { reportCalendarFor, reportDue, routingDataFor } from './reference.server';
import { ADDRESS_MAX, ADDRESS_MIN, DESCRIPTION_MAX, DESCRIPTION_MIN, MAX_PHOTOS } from './limits';
import { boundingBoxAround, DEFAULT_NEARBY_RADIUS_M, nearbyReports } from './nearby';
import { OPEN_STATUSES, registrationNumber, reportTransition, type ReportStatus } from './states';
import { routeFromUnit } from './unit-routing';

/**
 * Filing a local issue report and routing it.
 *
 * fileReport: business checks, then one transaction: the report (status `registered`, a
 * registration number the same day), the reporter as applicant, the `file` event, the photos, the
 * outbox message `report.route`, the reporter's notifications. Returns a receipt or a refusal
 * whose `message` is an i18n key (with params) to show next to `field`.
 *
 * routeFiledReport (the `report.route` job): point -> unit -> competence table -> akimat and
 * department (routeReport), or from the chosen unit for a report without a point
 * (routeFromUnit); stores the assignment with its reason once (unique index
 * report_assignments_routing_once), moves the report to `assigned`, sets the clock dates and tells
 * the applicants. Running it again changes nothing.
 */

export { ADDRESS_MAX, ADDRESS_MIN, DESCRIPTION_MAX, DESCRIPTION_MIN, MAX_PHOTOS } from './limits';

/** An image already checked and re-encoded by the caller (services/images.server.ts processPhoto). */
export interface CleanImage {
  format: 'jpeg' | 'png' | 'webp';
  width: number;
  height: number;
  bytes: Buffer;
}
export interface CleanPhoto {
  image: CleanImage;
  thumbnail: CleanImage;
}

export type Reporter =
  | { kind: 'citizen'; accountId: string }
  /** An Open311 partner system, with the contact it supplied (never public). */
  | { kind: 'partner'; partnerId: string; contact: Record<string, string> };

export type ReportPlace =
  | { kind: 'point'; lon: number; lat: number; addressText?: string | null }
  /** Without a map: the region or district chosen from a list, and the address typed. */
  | { kind: 'unit'; unitKato: string; addressText: string };

export interface FileReportInput {
  reporter: Reporter;
  categoryCode: string;
  place: ReportPlace;
  description: string;
  photos?: readonly CleanPhoto[];
  locale: Locale;
  /** Open311: the token handed back to the partner before routing finishes. */
  open311Token?: string;
}

export interface FilingMessage {
  key: string;
  params: Record<string, string>;
}

export type FilingRefusalReason =
  | 'not-proofed'
  | 'unknown-category'
  | 'outside'
  | 'invalid-point'
  | 'unknown-unit'
  | 'address-required'
  | 'address-too-long'
  | 'description-too-short'
  | 'description-too-long'
  | 'too-many-photos';

export type FilingRefusal = { kind: 'refused'; reason: FilingRefusalReason; field: string; message: FilingMessage };

export type FileReportOutcome =
  | { kind: 'filed'; id: string; registrationNumber: string; registeredAt: Date; registeredOn: string }
  | FilingRefusal;

export interface FilingDeps extends Deps {
  /** Default: loaded once per database handle (reference.server.ts). */
  routing?: RoutingData;
}

const REFUSAL: Record<FilingRefusalReason, { field: string; message: FilingMessage }> = {
  'not-proofed': { field: 'form', message: { key: 'reportFiling.errors.notProofed', params: {} } },
  'unknown-category': { field: 'categoryCode', message: { key: 'reports.location.unknownCategory', params: {} } },
  outside: { field: 'point', message: { key: 'reports.location.outside', params: {} } },
  'invalid-point': { field: 'point', message: { key: 'reports.location.invalid', params: {} } },
  'unknown-unit': { field: 'unitKato', message: { key: 'reportFiling.errors.unknownUnit', params: {} } },
  'address-required': { field: 'addressText', message: { key: 'reportFiling.errors.addressRequired', params: { min: String(ADDRESS_MIN) } } },
  'address-too-long': { field: 'addressText', message: { key: 'reportFiling.errors.addressTooLong', params: { max: String(ADDRESS_MAX) } } },
  'description-too-short': { field: 'description', message: { key: 'reportFiling.errors.descriptionTooShort', params: { min: String(DESCRIPTION_MIN) } } },
  'description-too-long': { field: 'description', message: { key: 'reportFiling.errors.descriptionTooLong', params: { max: String(DESCRIPTION_MAX) } } },
  'too-many-photos': { field: 'photos', message: { key: 'reportFiling.errors.tooManyPhotos', params: { max: String(MAX_PHOTOS) } } },
};

export function filingRefusal(reason: FilingRefusalReason): FilingRefusal {
  return { kind: 'refused', reason, ...REFUSAL[reason] };
}

async function routingOf(deps: FilingDeps): Promise<RoutingData> {
  return deps.routing ?? routingDataFor(deps.db);
}

/** The place checked against the boundaries: the unit it lies in (district if known, else region). */
type CheckedPlace =
  | { kind: 'ok'; lon: number | null; lat: number | null; addressText: string | null; placeUnitKato: string }
  | FilingRefusal;

function checkPlace(place: ReportPlace, data: RoutingData): CheckedPlace {
  const address = (place.addressText ?? '').trim();
  if (address.length > ADDRESS_MAX) return filingRefusal('address-too-long');
  if (place.kind === 'point') {
    const located = data.index.locate({ lon: place.lon, lat: place.lat });
    if (located.kind === 'invalid-point') return filingRefusal('invalid-point');
    if (located.kind === 'outside') return filingRefusal('outside');
    return { kind: 'ok', lon: Number(place.lon), lat: Number(place.lat), addressText: address || null, placeUnitKato: located.district ?? located.region };
  }
  if (!data.units.has(place.unitKato)) return filingRefusal('unknown-unit');
  if (address.length < ADDRESS_MIN) return filingRefusal('address-required');
  return { kind: 'ok', lon: null, lat: null, addressText: address, placeUnitKato: place.unitKato };
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export type DraftCheck = { kind: 'ok'; place: Extract<CheckedPlace, { kind: 'ok' }> } | FilingRefusal;

/**
 * The checks of fileReport without writing anything (the form's first step uses them before it
 * offers nearby reports): a proofed, active citizen; a known category; a place inside Kazakhstan
 * (or a known unit and an address); the description's length; at most 3 photos.
 */
export async function checkReportDraft(deps: FilingDeps, input: Omit<FileReportInput, 'locale'>): Promise<DraftCheck> {
  const data = await routingOf(deps);
  const description = input.description.trim();
  if (input.reporter.kind === 'citizen') {
    const [citizen] = await deps.db
      .select({ id: citizens.accountId, disabledAt: accounts.disabledAt })
      .from(citizens)
      .innerJoin(accounts, eq(accounts.id, citizens.accountId))
      .where(eq(citizens.accountId, input.reporter.accountId));
    if (!citizen || citizen.disabledAt) return filingRefusal('not-proofed');
  }
  if (!data.categories.has(input.categoryCode)) return filingRefusal('unknown-category');
  const place = checkPlace(input.place, data);
  if (place.kind === 'refused') return place;
  if (description.length < DESCRIPTION_MIN) return filingRefusal('description-too-short');
  if (description.length > DESCRIPTION_MAX) return filingRefusal('description-too-long');
  if ((input.photos ?? []).length > MAX_PHOTOS) return filingRefusal('too-many-photos');
  return { kind: 'ok', place };
}

export async function fileReport(deps: FilingDeps, input: FileReportInput): Promise<FileReportOutcome> {
  const checked = await checkReportDraft(deps, input);
  if (checked.kind === 'refused') return checked;
  const { place } = checked;
  const description = input.description.trim();
  const photos = input.photos ?? [];

  const step = reportTransition(null, 'file', input.reporter.kind === 'citizen' ? 'citizen' : 'partner');
  if (step.kind !== 'ok') throw new Error(`file: ${step.reason}`);
  const now = deps.clock.now();
  // Registered the day it arrives; on a non-working day, the next working day (report.register).
  const registeredOn = reportDue(await reportCalendarFor(deps.db), 'report.register', now) ?? localDate(now);
  const reporterAccountId = input.reporter.kind === 'citizen' ? input.reporter.accountId : null;

  const receipt = await deps.db.transaction(async (tx) => {
    const seq = await tx.execute<{ n: string | number }>(sql`select nextval(pg_get_serial_sequence('reports', 'number')) as n`);
    const rows = (Array.isArray(seq) ? seq : (seq as unknown as { rows: { n: string | number }[] }).rows) as { n: string | number }[];
    const number = Number(rows[0]!.n);
    const regNumber = registrationNumber(Number(registeredOn.slice(0, 4)), number);
    const [report] = await tx
      .insert(reports)
      .values({
        number,
        registrationNumber: regNumber,
        source: input.reporter.kind === 'citizen' ? 'portal' : 'open311',
        reporterAccountId,
        partnerId: input.reporter.kind === 'partner' ? input.reporter.partnerId : null,
        partnerContact: input.reporter.kind === 'partner' ? input.reporter.contact : null,
        open311Token: input.open311Token ?? null,
        categoryCode: input.categoryCode,
        description,
        lon: place.lon,
        lat: place.lat,
        addressText: place.addressText,
        placeUnitKato: place.placeUnitKato,
        locale: input.locale,
        status: step.to,
        registeredAt: now,
        registeredOn,
        updatedAt: now,
      })
      .returning({ id: reports.id });
    const id = report!.id;
    if (reporterAccountId) await tx.insert(reportApplicants).values({ reportId: id, accountId: reporterAccountId, role: 'reporter', joinedAt: now });
    await tx.insert(reportEvents).values({
      reportId: id,
      type: 'file',
      fromStatus: null,
      toStatus: step.to,
      actorRole: input.reporter.kind === 'citizen' ? 'citizen' : 'partner',
      actorAccountId: reporterAccountId,
      publicData: { registeredOn, photos: photos.length },
      data: {},
      at: now,
    });
    for (const [position, photo] of photos.entries()) {
      await tx.insert(reportPhotos).values({
        reportId: id,
        kind: 'report',
        position,
        format: photo.image.format,
        width: photo.image.width,
        height: photo.image.height,
        sha256: sha256(photo.image.bytes),
        data: photo.image.bytes,
        thumbFormat: photo.thumbnail.format,
        thumb: photo.thumbnail.bytes,
        uploadedBy: reporterAccountId,
        createdAt: now,
      });
    }
    await enqueue(tx, { topic: 'report.route', reportId: id });
    await notifyApplicants(tx, id, 'file');
    return { id, registrationNumber: regNumber };
  });
  deps.log.info({ reportId: receipt.id, number: receipt.registrationNumber }, 'report filed');
  return { kind: 'filed', id: receipt.id, registrationNumber: receipt.registrationNumber, registeredAt: now, registeredOn };
}

export type RouteFiledOutcome =
  | { kind: 'routed'; akimatBodyId: number; unitKato: string; departmentCode: string | null; answerDueOn: string; forwardDueOn: string }
  | { kind: 'already-routed' }
  | { kind: 'not-routed'; reason: 'outside' | 'invalid-point' | 'unknown-category' | 'unknown-unit' | 'no-akimat'; unitKato?: string };

type RoutedAssignment = {
  unitKato: string;
  akimatBodyId: number;
  departmentCode: string | null;
  reason: Record<string, unknown>;
  akimatNames: { nameKk: string; nameRu: string; nameEn: string };
};

/** The routing job: idempotent (see the module comment). */
export async function routeFiledReport(deps: FilingDeps, reportId: string): Promise<RouteFiledOutcome> {
  const data = await routingOf(deps);
  const cal = await reportCalendarFor(deps.db);
  const outcome = await deps.db.transaction(async (tx): Promise<RouteFiledOutcome> => {
    const [report] = await tx.select().from(reports).where(eq(reports.id, reportId)).for('update');
    if (!report) throw new NotFoundError('report');
    const [done] = await tx
      .select({ id: reportAssignments.id })
      .from(reportAssignments)
      .where(and(eq(reportAssignments.reportId, reportId), eq(reportAssignments.kind, 'routing')));
    if (done) return { kind: 'already-routed' };
    const step = reportTransition(report.status as ReportStatus, 'route', 'system');
    if (step.kind !== 'ok') return { kind: 'already-routed' };

    let routed: RoutedAssignment;
    if (report.lon !== null && report.lat !== null) {
      const r = routeReport({ point: { lon: report.lon, lat: report.lat }, categoryCode: report.categoryCode }, data);
      if (r.kind !== 'routed') return { kind: 'not-routed', reason: r.kind, ...(r.kind === 'no-akimat' ? { unitKato: r.unitKato } : {}) };
      routed = { unitKato: r.unitKato, akimatBodyId: r.akimatBodyId, departmentCode: r.departmentCode, reason: r.reason as unknown as Record<string, unknown>, akimatNames: r.reason.params.akimat };
    } else {
      const r = routeFromUnit({ unitKato: report.placeUnitKato ?? '', categoryCode: report.categoryCode }, data);
      if (r.kind !== 'routed') return { kind: 'not-routed', reason: r.kind, unitKato: 'unitKato' in r ? r.unitKato : undefined };
      routed = { unitKato: r.unitKato, akimatBodyId: r.akimatBodyId, departmentCode: r.departmentCode, reason: r.reason as unknown as Record<string, unknown>, akimatNames: r.reason.params.akimat };
    }

    const now = deps.clock.now();
    const inserted = await tx
      .insert(reportAssignments)
      .values({
        reportId,
        kind: 'routing',
        akimatBodyId: routed.akimatBodyId,
        unitKato: routed.unitKato,
        departmentCode: routed.departmentCode,
        reason: routed.reason,
        at: now,
      })
      .onConflictDoNothing()
      .returning({ id: reportAssignments.id });
    if (inserted.length === 0) return { kind: 'already-routed' };

    // Clocks run from registration (report.forward: 3 working days, report.answer: 15).
    const forwardDueOn = reportDue(cal, 'report.forward', report.registeredAt)!;
    const answerDueOn = reportDue(cal, 'report.answer', report.registeredAt)!;
    await tx
      .update(reports)
      .set({
        status: step.to,
        akimatBodyId: routed.akimatBodyId,
        answeringUnitKato: routed.unitKato,
        departmentCode: routed.departmentCode,
        forwardDueOn,
        answerDueOn,
        answerDueOnOriginal: answerDueOn,
        updatedAt: now,
      })
      .where(eq(reports.id, reportId));
    await tx.insert(reportEvents).values({
      reportId,
      type: 'route',
      fromStatus: report.status,
      toStatus: step.to,
      actorRole: 'system',
      publicData: {
        akimatBodyId: routed.akimatBodyId,
        unitKato: routed.unitKato,
        departmentCode: routed.departmentCode,
        answerDueOn,
        reason: routed.reason,
      },
      data: { assignmentId: inserted[0]!.id },
      at: now,
    });
    await notifyApplicants(tx, reportId, 'route', (locale) => ({ akimat: nameIn(routed.akimatNames, locale), dueOn: answerDueOn }));
    return { kind: 'routed', akimatBodyId: routed.akimatBodyId, unitKato: routed.unitKato, departmentCode: routed.departmentCode, answerDueOn, forwardDueOn };
  });
  if (outcome.kind === 'not-routed') deps.log.warn({ reportId, ...outcome }, 'report could not be routed');
  else if (outcome.kind === 'routed') deps.log.info({ reportId, akimatBodyId: outcome.akimatBodyId }, 'report routed');
  return outcome;
}

/** Used by tests and pages: the report id of a registration number (null when unknown). */
export async function reportIdOf(db: Db, registrationNumber: string): Promise<string | null> {
  const [row] = await db.select({ id: reports.id }).from(reports).where(eq(reports.registrationNumber, registrationNumber));
  return row?.id ?? null;
}

export interface NearbyOpenReport {
  id: string;
  registrationNumber: string;
  status: ReportStatus;
  description: string;
  addressText: string | null;
  registeredOn: string;
  /** Metres from the place filed (a report filed with a point), or null for an address match. */
  distanceM: number | null;
  /** Applicants so far (the reporter and those who joined). */
  applicants: number;
}

/**
 * How alike two addresses must be (pg_trgm word similarity, taken both ways, 0..1) for a report
 * filed without a map point to be offered as the same place: "пр. Абая 10" and "проспект Абая, 10"
 * (0.73) or "Кенесары 40" within "улица Кенесары 40, у подъезда 2" (1.0) are; "ул. Кенесары 40"
 * and "ул. Сарыарка 40" (0.36) are not.
 */
export const ADDRESS_SIMILARITY_MIN = 0.6;

/**
 * For a report filed without a map point (region -> district + address): the open reports of the
 * same category in the same unit whose address is like the one typed, most alike first (at most
 * `limit`). The citizen decides whether one of them is their problem.
 */
export async function similarAddressOpenReports(
  db: Db,
  categoryCode: string,
  place: { unitKato: string; addressText: string },
  opts: { limit?: number } = {},
): Promise<NearbyOpenReport[]> {
  const address = place.addressText.trim().toLowerCase();
  if (address.length < ADDRESS_MIN || !place.unitKato) return [];
  const likeness = sql<number>`greatest(word_similarity(${address}, lower(${reports.addressText})), word_similarity(lower(${reports.addressText}), ${address}))`;
  const rows = await db
    .select(offeredColumns)
    .from(reports)
    .where(
      and(
        eq(reports.categoryCode, categoryCode),
        inArray(reports.status, [...OPEN_STATUSES]),
        eq(reports.placeUnitKato, place.unitKato),
        isNotNull(reports.addressText),
        sql`${likeness} >= ${ADDRESS_SIMILARITY_MIN}`,
      ),
    )
    .orderBy(desc(likeness), reports.registeredAt)
    .limit(opts.limit ?? 5);
  return rows.map((r) => offered(r, null));
}

/** What a citizen filing a report is shown of an open report offered for "me too". */
const offeredColumns = {
  id: reports.id,
  registrationNumber: reports.registrationNumber,
  status: reports.status,
  description: reports.description,
  addressText: reports.addressText,
  registeredOn: reports.registeredOn,
  applicants: sql<number>`(select count(*)::int from ${reportApplicants} where ${reportApplicants.reportId} = ${reports.id})`,
};

const offered = (r: Omit<NearbyOpenReport, 'distanceM' | 'status'> & { status: string }, distanceM: number | null): NearbyOpenReport => ({
  id: r.id,
  registrationNumber: r.registrationNumber,
  status: r.status as ReportStatus,
  description: r.description,
  addressText: r.addressText,
  registeredOn: r.registeredOn,
  distanceM,
  applicants: Number(r.applicants),
});

/**
 * Open reports of the same category within 250 m of `point` (nearest first, at most `limit`):
 * a bounding box in SQL (index reports_category_point_idx), then the exact distance (nearby.ts).
 */
export async function nearbyOpenReports(
  db: Db,
  categoryCode: string,
  point: { lon: number; lat: number },
  opts: { radiusM?: number; limit?: number } = {},
): Promise<NearbyOpenReport[]> {
  const radiusM = opts.radiusM ?? DEFAULT_NEARBY_RADIUS_M;
  if (!Number.isFinite(point.lon) || !Number.isFinite(point.lat)) return [];
  const box = boundingBoxAround(point, radiusM);
  const rows = await db
    .select({ ...offeredColumns, lon: reports.lon, lat: reports.lat, categoryCode: reports.categoryCode })
    .from(reports)
    .where(
      and(
        eq(reports.categoryCode, categoryCode),
        inArray(reports.status, [...OPEN_STATUSES]),
        between(reports.lon, box.minLon, box.maxLon),
        between(reports.lat, box.minLat, box.maxLat),
      ),
    )
    .orderBy(reports.registeredAt)
    .limit(500);
  const found = nearbyReports(
    rows.map((r) => ({ ...r, point: { lon: r.lon!, lat: r.lat! }, open: true })),
    { point, categoryCode },
    { radiusM, limit: opts.limit ?? 5 },
  );
  return found.map((r) => offered(r, r.distanceM));
}

/**
 * The open reports offered for "me too" while a citizen files one: within 250 m of a point, or,
 * filed without a point, in the same unit at a similar address.
 */
export function offeredDuplicates(db: Db, categoryCode: string, place: ReportPlace): Promise<NearbyOpenReport[]> {
  return place.kind === 'point'
    ? nearbyOpenReports(db, categoryCode, place)
    : similarAddressOpenReports(db, categoryCode, { unitKato: place.unitKato, addressText: place.addressText });
}

export type JoinOutcome =
  | { kind: 'joined'; reportId: string; registrationNumber: string }
  | { kind: 'already-joined'; reportId: string; registrationNumber: string }
  | { kind: 'refused'; reason: 'not-proofed' | 'own-report' | 'not-open' };

/**
 * "Me too": a proofed citizen joins an open report as a co-applicant instead of filing a duplicate;
 * from then on they receive its answers and notifications like the reporter. Joining twice changes
 * nothing; the reporter cannot join their own report; a closed or merged report cannot be joined.
 */
export async function joinReport(deps: Deps, input: { accountId: string; reportId: string }): Promise<JoinOutcome> {
  const [citizen] = await deps.db
    .select({ id: citizens.accountId, disabledAt: accounts.disabledAt })
    .from(citizens)
    .innerJoin(accounts, eq(accounts.id, citizens.accountId))
    .where(eq(citizens.accountId, input.accountId));
  if (!citizen || citizen.disabledAt) return { kind: 'refused', reason: 'not-proofed' };
  return deps.db.transaction(async (tx): Promise<JoinOutcome> => {
    const [report] = await tx.select().from(reports).where(eq(reports.id, input.reportId)).for('update');
    if (!report) throw new NotFoundError('report');
    const ref = { reportId: report.id, registrationNumber: report.registrationNumber };
    if (report.reporterAccountId === input.accountId) return { kind: 'refused', reason: 'own-report' };
    const [already] = await tx
      .select({ role: reportApplicants.role })
      .from(reportApplicants)
      .where(and(eq(reportApplicants.reportId, report.id), eq(reportApplicants.accountId, input.accountId)));
    if (already) return { kind: 'already-joined', ...ref };
    const step = reportTransition(report.status as ReportStatus, 'join', 'citizen');
    if (step.kind !== 'ok') return { kind: 'refused', reason: 'not-open' };
    const now = deps.clock.now();
    await tx.insert(reportApplicants).values({ reportId: report.id, accountId: input.accountId, role: 'co-applicant', joinedAt: now });
    await tx.insert(reportEvents).values({
      reportId: report.id,
      type: 'join',
      fromStatus: report.status,
      toStatus: step.to,
      actorRole: 'citizen',
      actorAccountId: input.accountId,
      publicData: {},
      data: {},
      at: now,
    });
    await notifyApplicants(tx, report.id, 'join', {}, { only: [input.accountId] });
    return { kind: 'joined', ...ref };
  });
}

/** The report categories for the form, in their display order. */
export async function reportCategories(db: Db): Promise<{ code: string; nameKk: string; nameRu: string; nameEn: string }[]> {
  return db
    .select({ code: issueCategories.code, nameKk: issueCategories.nameKk, nameRu: issueCategories.nameRu, nameEn: issueCategories.nameEn })
    .from(issueCategories)
    .orderBy(issueCategories.sortOrder, issueCategories.code);
}
