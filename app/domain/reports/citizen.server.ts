import { and, desc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { issueCategories, localBodies, reportApplicants, reportAssignments, reportEvents, reportPhotos, reports, units } from '../../../db/schema';
import type { Deps } from '../shared/deps';
import { ForbiddenError, NotFoundError } from '../shared/errors';
import { REASON_MAX, REASON_MIN, REPLY_MAX, REPLY_MIN } from './limits';
import { notifyApplicants } from './notify.server';
import { refreshAnswerDue } from './staff.server';
import { eventsAvailable, reportTransition, type ReportEvent, type ReportStatus } from './states';

/**
 * The citizen's side after filing: their reports, one report with its history, and the closed-loop
 * steps only applicants may take (the reporter and co-applicants):
 *   - confirm the fix (fixed -> closed-confirmed);
 *   - reject the fix with a reason (fixed -> reopened, reopen_count + 1; the scheduled clocks job
 *     escalates reopened reports);
 *   - reply to an information request (info-requested -> in-progress). The reply ends the pause of
 *     the answer clock: the event records `{ pausedAt, resumedAt }` so the clock code can rebuild
 *     every pause from the events, and the answer due date moves by the paused working days.
 * Each step is one transaction: the event, the report row, the applicants' notifications.
 */

export { REASON_MAX, REASON_MIN, REPLY_MAX, REPLY_MIN } from './limits';

/** The steps an applicant may take, in the order the page offers them. */
export const CITIZEN_STEPS = ['confirm', 'reject-fix', 'info-provided'] as const satisfies readonly ReportEvent[];
export type CitizenStep = (typeof CITIZEN_STEPS)[number];

type Names = { nameKk: string; nameRu: string; nameEn: string };

export interface MyReportListItem {
  id: string;
  registrationNumber: string;
  status: ReportStatus;
  category: Names;
  role: string;
  registeredOn: string;
  answerDueOn: string | null;
  addressText: string | null;
  place: Names | null;
}

/** The reports the citizen filed or joined, newest first. */
export async function myReports(db: Db, accountId: string): Promise<MyReportListItem[]> {
  const rows = await db
    .select({
      id: reports.id,
      registrationNumber: reports.registrationNumber,
      status: reports.status,
      role: reportApplicants.role,
      registeredOn: reports.registeredOn,
      answerDueOn: reports.answerDueOn,
      addressText: reports.addressText,
      cKk: issueCategories.nameKk,
      cRu: issueCategories.nameRu,
      cEn: issueCategories.nameEn,
      uKk: units.nameKk,
      uRu: units.nameRu,
      uEn: units.nameEn,
    })
    .from(reportApplicants)
    .innerJoin(reports, eq(reports.id, reportApplicants.reportId))
    .innerJoin(issueCategories, eq(issueCategories.code, reports.categoryCode))
    .leftJoin(units, eq(units.kato, reports.placeUnitKato))
    .where(eq(reportApplicants.accountId, accountId))
    .orderBy(desc(reports.registeredAt), desc(reports.number))
    .limit(500);
  return rows.map((r) => ({
    id: r.id,
    registrationNumber: r.registrationNumber,
    status: r.status as ReportStatus,
    role: r.role,
    registeredOn: r.registeredOn,
    answerDueOn: r.answerDueOn,
    addressText: r.addressText,
    category: { nameKk: r.cKk, nameRu: r.cRu, nameEn: r.cEn },
    place: r.uKk ? { nameKk: r.uKk, nameRu: r.uRu!, nameEn: r.uEn! } : null,
  }));
}

/** Keys of event data an applicant may read (the rest may be internal to the akimat). */
const APPLICANT_DATA_KEYS = ['text', 'question', 'reason', 'extendedTo', 'dueOn', 'decision', 'plannedOn'] as const;

export interface MyReportEvent {
  id: number;
  type: string;
  fromStatus: string | null;
  toStatus: string;
  actorRole: string;
  byMe: boolean;
  at: Date;
  details: Partial<Record<(typeof APPLICANT_DATA_KEYS)[number], string>>;
}

export interface MyReport {
  id: string;
  registrationNumber: string;
  status: ReportStatus;
  role: string;
  isReporter: boolean;
  category: Names;
  description: string;
  lon: number | null;
  lat: number | null;
  addressText: string | null;
  place: Names | null;
  akimat: Names | null;
  registeredAt: Date;
  registeredOn: string;
  forwardDueOn: string | null;
  answerDueOn: string | null;
  answerDueOnOriginal: string | null;
  extendedAt: Date | null;
  extensionReason: string | null;
  answeredAt: Date | null;
  fixedAt: Date | null;
  closedAt: Date | null;
  decision: string | null;
  plannedOn: string | null;
  answerText: string | null;
  reopenCount: number;
  applicants: number;
  photos: { id: string; kind: string; position: number }[];
  /** The stored reason of the current assignment (routing or forward), for explainRouting. */
  routingReason: Record<string, unknown> | null;
  /** The question of the open information request (status info-requested). */
  infoRequest: string | null;
  events: MyReportEvent[];
  /** The steps this applicant may take now. */
  steps: CitizenStep[];
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

function details(data: Record<string, unknown>, publicData: Record<string, unknown>): MyReportEvent['details'] {
  const out: MyReportEvent['details'] = {};
  for (const key of APPLICANT_DATA_KEYS) {
    const v = str(data[key]) ?? str(publicData[key]);
    if (v !== undefined) out[key] = v;
  }
  return out;
}

/** One of the citizen's reports by its registration number; null when unknown or not theirs. */
export async function myReport(db: Db, accountId: string, registrationNumber: string): Promise<MyReport | null> {
  const [row] = await db
    .select({ report: reports, role: reportApplicants.role, category: issueCategories })
    .from(reports)
    .innerJoin(reportApplicants, and(eq(reportApplicants.reportId, reports.id), eq(reportApplicants.accountId, accountId)))
    .innerJoin(issueCategories, eq(issueCategories.code, reports.categoryCode))
    .where(eq(reports.registrationNumber, registrationNumber));
  if (!row) return null;
  const r = row.report;
  const [place] = r.placeUnitKato ? await db.select().from(units).where(eq(units.kato, r.placeUnitKato)) : [];
  const [akimat] = r.akimatBodyId ? await db.select().from(localBodies).where(eq(localBodies.id, r.akimatBodyId)) : [];
  const applicants = await db.select({ id: reportApplicants.accountId }).from(reportApplicants).where(eq(reportApplicants.reportId, r.id));
  const photos = await db
    .select({ id: reportPhotos.id, kind: reportPhotos.kind, position: reportPhotos.position })
    .from(reportPhotos)
    .where(eq(reportPhotos.reportId, r.id))
    .orderBy(reportPhotos.kind, reportPhotos.position);
  const [assignment] = await db
    .select({ reason: reportAssignments.reason })
    .from(reportAssignments)
    .where(and(eq(reportAssignments.reportId, r.id), inArray(reportAssignments.kind, ['routing', 'forward'])))
    .orderBy(desc(reportAssignments.at), desc(reportAssignments.id))
    .limit(1);
  const eventRows = await db.select().from(reportEvents).where(eq(reportEvents.reportId, r.id)).orderBy(reportEvents.at, reportEvents.id);
  const events: MyReportEvent[] = eventRows.map((e) => ({
    id: e.id,
    type: e.type,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorRole: e.actorRole,
    byMe: e.actorAccountId === accountId,
    at: e.at,
    details: details(e.data, e.publicData),
  }));
  const status = r.status as ReportStatus;
  const lastRequest = [...events].reverse().find((e) => e.type === 'request-info');
  const reason = assignment?.reason;
  return {
    id: r.id,
    registrationNumber: r.registrationNumber,
    status,
    role: row.role,
    isReporter: row.role === 'reporter',
    category: { nameKk: row.category.nameKk, nameRu: row.category.nameRu, nameEn: row.category.nameEn },
    description: r.description,
    lon: r.lon,
    lat: r.lat,
    addressText: r.addressText,
    place: place ? { nameKk: place.nameKk, nameRu: place.nameRu, nameEn: place.nameEn } : null,
    akimat: akimat ? { nameKk: akimat.nameKk, nameRu: akimat.nameRu, nameEn: akimat.nameEn } : null,
    registeredAt: r.registeredAt,
    registeredOn: r.registeredOn,
    forwardDueOn: r.forwardDueOn,
    answerDueOn: r.answerDueOn,
    answerDueOnOriginal: r.answerDueOnOriginal,
    extendedAt: r.extendedAt,
    extensionReason: r.extensionReason,
    answeredAt: r.answeredAt,
    fixedAt: r.fixedAt,
    closedAt: r.closedAt,
    decision: r.decision,
    plannedOn: r.plannedOn,
    answerText: r.answerText,
    reopenCount: r.reopenCount,
    applicants: applicants.length,
    photos,
    routingReason: reason && typeof reason.code === 'string' && typeof reason.params === 'object' ? reason : null,
    infoRequest: status === 'info-requested' ? (lastRequest?.details.question ?? lastRequest?.details.text ?? null) : null,
    events,
    steps: stepsFor(status),
  };
}

export function stepsFor(status: ReportStatus): CitizenStep[] {
  const possible = eventsAvailable(status, 'citizen');
  return CITIZEN_STEPS.filter((s) => possible.includes(s));
}

export type CitizenStepOutcome =
  | { kind: 'ok'; status: ReportStatus; registrationNumber: string }
  | { kind: 'refused'; reason: 'not-now' | 'reason-too-short' | 'reason-too-long' | 'reply-too-short' | 'reply-too-long' };

type ReportRow = typeof reports.$inferSelect;

/**
 * Locks the report, checks that the actor is an applicant (ForbiddenError otherwise; NotFoundError
 * for an unknown report) and that the step is possible now, then runs `apply` in the transaction.
 */
async function citizenStep(
  deps: Deps,
  accountId: string,
  reportId: string,
  event: CitizenStep,
  apply: (tx: Db, report: ReportRow, to: ReportStatus, now: Date) => Promise<{ data?: Record<string, unknown>; publicData?: Record<string, unknown>; set?: Partial<typeof reports.$inferInsert> }>,
  after?: (tx: Db) => Promise<unknown>,
): Promise<CitizenStepOutcome> {
  return deps.db.transaction(async (tx): Promise<CitizenStepOutcome> => {
    const [report] = await tx.select().from(reports).where(eq(reports.id, reportId)).for('update');
    if (!report) throw new NotFoundError('report');
    const [applicant] = await tx
      .select({ role: reportApplicants.role })
      .from(reportApplicants)
      .where(and(eq(reportApplicants.reportId, reportId), eq(reportApplicants.accountId, accountId)));
    if (!applicant) throw new ForbiddenError('forbidden.report:applicant');
    const step = reportTransition(report.status as ReportStatus, event, 'citizen');
    if (step.kind !== 'ok') return { kind: 'refused', reason: 'not-now' };
    const now = deps.clock.now();
    const done = await apply(tx, report, step.to, now);
    await tx
      .update(reports)
      .set({ status: step.to, updatedAt: now, ...(done.set ?? {}) })
      .where(eq(reports.id, reportId));
    await tx.insert(reportEvents).values({
      reportId,
      type: event,
      fromStatus: report.status,
      toStatus: step.to,
      actorRole: 'citizen',
      actorAccountId: accountId,
      publicData: done.publicData ?? {},
      data: done.data ?? {},
      at: now,
    });
    if (after) await after(tx);
    await notifyApplicants(tx, reportId, event);
    return { kind: 'ok', status: step.to, registrationNumber: report.registrationNumber };
  });
}

/** The applicant confirms that the problem is fixed: the report closes as confirmed. */
export function confirmFix(deps: Deps, input: { accountId: string; reportId: string }): Promise<CitizenStepOutcome> {
  return citizenStep(deps, input.accountId, input.reportId, 'confirm', async (_tx, _r, _to, now) => ({ set: { closedAt: now } }));
}

/** The applicant says the problem is not fixed: the report reopens (the clocks job escalates it). */
export async function rejectFix(deps: Deps, input: { accountId: string; reportId: string; reason: string }): Promise<CitizenStepOutcome> {
  const reason = input.reason.trim();
  if (reason.length < REASON_MIN) return { kind: 'refused', reason: 'reason-too-short' };
  if (reason.length > REASON_MAX) return { kind: 'refused', reason: 'reason-too-long' };
  return citizenStep(deps, input.accountId, input.reportId, 'reject-fix', async (_tx, report) => ({
    data: { reason },
    set: { reopenCount: report.reopenCount + 1, fixedAt: null },
  }));
}

/**
 * The applicant answers the akimat's information request: the report is back in progress and the
 * answer clock runs again. The pause began when the information was requested (reports.paused_at,
 * else the time of the last request-info event) and ends now.
 */
export async function provideInfo(deps: Deps, input: { accountId: string; reportId: string; text: string }): Promise<CitizenStepOutcome> {
  const text = input.text.trim();
  if (text.length < REPLY_MIN) return { kind: 'refused', reason: 'reply-too-short' };
  if (text.length > REPLY_MAX) return { kind: 'refused', reason: 'reply-too-long' };
  return citizenStep(
    deps,
    input.accountId,
    input.reportId,
    'info-provided',
    async (tx, report, _to, now) => {
      let pausedAt = report.pausedAt;
      if (!pausedAt) {
        const [request] = await tx
          .select({ at: reportEvents.at })
          .from(reportEvents)
          .where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.type, 'request-info')))
          .orderBy(desc(reportEvents.at), desc(reportEvents.id))
          .limit(1);
        pausedAt = request?.at ?? now;
      }
      const pause = { pausedAt: pausedAt.toISOString(), resumedAt: now.toISOString() };
      return { data: { text, ...pause }, publicData: pause, set: { pausedAt: null } };
    },
    // The answer due date from the events, now with this pause (clocks.ts: pausesFromEvents).
    (tx) => refreshAnswerDue(tx, input.reportId),
  );
}
