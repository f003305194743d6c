import { and, desc, eq, inArray, isNotNull, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { accounts, localBodies, reportAssignments, reportEvents, reports, staffRoles, units } from '../../../db/schema';
import { appendAudit } from '../audit/audit.server';
import { localDate } from '../calendar';
import { createNotification } from '../notify/notify.server';
import { clockRules, workingCalendar } from '../petitions/clocks.server';
import type { Deps } from '../shared/deps';
import { answerDeadlineOf, autoCloseDue, isAnswerOverdue } from './clocks';
import { notifyApplicants } from './notify.server';
import { CLOCK_RUNNING, reportTransition, type ReportStatus } from './states';

/**
 * The scheduled job `reports.clocks` (queue `reports`, every few minutes). Idempotent: each report
 * is handled in its own transaction that locks the row and re-checks the condition, so a second
 * run, or two workers at once, change nothing more.
 *
 * 1. Overdue: a report whose answer clock runs (CLOCK_RUNNING) and whose due date (recomputed from
 *    its events: pauses, extension) has passed gets `overdue_at` once, and is escalated.
 * 2. Reopened: a report the citizen reopened (rejected the fix) is escalated once per reopening.
 * 3. Closed loop: a fixed report with no citizen response for 14 days (report.confirm-fixed) closes
 *    as closed-unconfirmed.
 *
 * Escalation goes to the upper-level akimat: the akimat of the parent unit of the assigned
 * akimat's unit (district -> region or city of republican significance). It records
 * escalated_to_body_id, a report_assignments row (kind 'escalate'), an 'escalate' event, an audit
 * entry, in-app notifications to that akimat's officers and the applicants' notifications. A report
 * already at a first-level akimat has no upper akimat in the portal: the event is recorded with no
 * target and the akimat's own officers are told.
 */

export interface ClocksRun {
  overdue: number;
  escalated: number;
  reopenedEscalated: number;
  autoClosed: number;
}

type ReportRow = typeof reports.$inferSelect;

/** The upper-level akimat of an akimat (null for a first-level one). */
export async function upperAkimat(db: Db, bodyId: number): Promise<{ id: number; unitKato: string } | null> {
  const [row] = await db
    .select({ parent: units.parentKato })
    .from(localBodies)
    .innerJoin(units, eq(units.kato, localBodies.unitKato))
    .where(eq(localBodies.id, bodyId));
  if (!row?.parent) return null;
  const [up] = await db
    .select({ id: localBodies.id, unitKato: localBodies.unitKato })
    .from(localBodies)
    .where(and(eq(localBodies.unitKato, row.parent), eq(localBodies.kind, 'akimat')));
  return up ?? null;
}

async function escalate(tx: Db, deps: Deps, r: ReportRow, cause: 'overdue' | 'reopened', details: Record<string, unknown>): Promise<void> {
  const now = deps.clock.now();
  const status = r.status as ReportStatus;
  const t = reportTransition(status, 'escalate', 'system');
  if (t.kind !== 'ok') return;
  const up = r.akimatBodyId ? await upperAkimat(tx, r.akimatBodyId) : null;
  const [shown] = await tx
    .select({ nameKk: localBodies.nameKk, nameRu: localBodies.nameRu, nameEn: localBodies.nameEn })
    .from(localBodies)
    .where(eq(localBodies.id, up?.id ?? r.akimatBodyId ?? -1));
  if (up) {
    await tx.update(reports).set({ escalatedToBodyId: up.id, updatedAt: now }).where(eq(reports.id, r.id));
    await tx.insert(reportAssignments).values({
      reportId: r.id,
      kind: 'escalate',
      akimatBodyId: up.id,
      unitKato: up.unitKato,
      reason: { cause, fromBodyId: r.akimatBodyId, ...details },
      at: now,
    });
  }
  await tx.insert(reportEvents).values({
    reportId: r.id,
    type: 'escalate',
    fromStatus: status,
    toStatus: t.to,
    actorRole: 'system',
    publicData: { cause, toBodyId: up?.id ?? null, ...details },
    data: { fromBodyId: r.akimatBodyId, reopenCount: r.reopenCount },
    at: now,
  });
  await appendAudit(tx, {
    at: now,
    actorAccountId: null,
    action: 'report.escalate',
    subject: { type: 'report', id: r.id },
    details: { number: r.registrationNumber, cause, fromBodyId: r.akimatBodyId, toBodyId: up?.id ?? null, ...details },
  });
  // The officers who must now look at it: the upper akimat's, or the akimat's own without one.
  const bodyToTell = up?.id ?? r.akimatBodyId;
  if (bodyToTell) {
    const officers = await tx
      .selectDistinct({ id: accounts.id, locale: accounts.locale })
      .from(staffRoles)
      .innerJoin(accounts, eq(accounts.id, staffRoles.accountId))
      .where(and(eq(staffRoles.role, 'akimat_officer'), eq(staffRoles.bodyId, bodyToTell), isNull(accounts.disabledAt)));
    for (const o of officers)
      await createNotification(tx, {
        channel: 'in_app',
        recipientRef: o.id,
        locale: (['kk', 'ru', 'en'].includes(o.locale) ? o.locale : 'ru') as 'kk' | 'ru' | 'en',
        template: 'reportEscalatedToAkimat',
        params: { number: r.registrationNumber, cause, path: `/akimat/reports/${r.registrationNumber}` },
      });
  }
  await notifyApplicants(tx, r.id, 'escalate', (locale) => ({
    cause,
    akimat: shown ? (locale === 'kk' ? shown.nameKk : locale === 'en' ? shown.nameEn : shown.nameRu) : '',
  }));
}

/** Marks overdue answers and escalates them (step 1). */
async function markOverdue(deps: Deps): Promise<{ overdue: number; escalated: number }> {
  const now = deps.clock.now();
  const today = localDate(now);
  const cal = await workingCalendar(deps.db);
  // The stored due date is never later than the recomputed one (pauses and extensions only move it
  // later, and are stored when they happen), so it is a safe pre-filter.
  const candidates = await deps.db
    .select({ id: reports.id })
    .from(reports)
    .where(and(inArray(reports.status, [...CLOCK_RUNNING]), isNull(reports.overdueAt), or(lt(reports.answerDueOn, today), isNull(reports.answerDueOn))));
  let overdue = 0;
  let escalated = 0;
  for (const { id } of candidates) {
    const done = await deps.db.transaction(async (tx) => {
      const [r] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
      if (!r || r.overdueAt || !(CLOCK_RUNNING as readonly string[]).includes(r.status)) return null;
      const events = await tx.select({ type: reportEvents.type, at: reportEvents.at, data: reportEvents.data }).from(reportEvents).where(eq(reportEvents.reportId, id));
      const deadline = answerDeadlineOf(cal, clockRules(), { registeredAt: r.registeredAt, events });
      if (deadline.due !== null && deadline.due !== r.answerDueOn) await tx.update(reports).set({ answerDueOn: deadline.due }).where(eq(reports.id, id));
      if (!isAnswerOverdue(cal, deadline, now)) return null;
      await tx.update(reports).set({ overdueAt: now, updatedAt: now }).where(eq(reports.id, id));
      const already = r.escalatedToBodyId !== null;
      if (!already) await escalate(tx, deps, { ...r, answerDueOn: deadline.due }, 'overdue', { dueOn: deadline.due });
      return { escalated: !already };
    });
    if (done) {
      overdue++;
      if (done.escalated) escalated++;
    }
  }
  return { overdue, escalated };
}

/** Escalates reports reopened by the citizen, once per reopening (step 2). */
async function escalateReopened(deps: Deps): Promise<number> {
  const candidates = await deps.db.select({ id: reports.id }).from(reports).where(eq(reports.status, 'reopened'));
  let n = 0;
  for (const { id } of candidates) {
    const done = await deps.db.transaction(async (tx) => {
      const [r] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
      if (!r || r.status !== 'reopened') return false;
      const [last] = await tx
        .select({ type: reportEvents.type })
        .from(reportEvents)
        .where(and(eq(reportEvents.reportId, id), inArray(reportEvents.type, ['reject-fix', 'escalate'])))
        .orderBy(desc(reportEvents.at), desc(reportEvents.id))
        .limit(1);
      if (last?.type !== 'reject-fix') return false;
      await escalate(tx, deps, r, 'reopened', { reopenCount: r.reopenCount });
      return true;
    });
    if (done) n++;
  }
  return n;
}

/** Closes fixed reports the citizen left without a response for 14 days (step 3). */
async function autoClose(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const candidates = await deps.db.select({ id: reports.id, fixedAt: reports.fixedAt }).from(reports).where(and(eq(reports.status, 'fixed'), isNotNull(reports.fixedAt)));
  let n = 0;
  for (const c of candidates) {
    if (!autoCloseDue(clockRules(), c.fixedAt!, now)) continue;
    const done = await deps.db.transaction(async (tx) => {
      const [r] = await tx.select().from(reports).where(eq(reports.id, c.id)).for('update');
      if (!r || !r.fixedAt || !autoCloseDue(clockRules(), r.fixedAt, now)) return false;
      const t = reportTransition(r.status as ReportStatus, 'auto-close', 'system');
      if (t.kind !== 'ok') return false;
      await tx.update(reports).set({ status: t.to, closedAt: now, updatedAt: now }).where(eq(reports.id, r.id));
      await tx.insert(reportEvents).values({
        reportId: r.id,
        type: 'auto-close',
        fromStatus: t.from,
        toStatus: t.to,
        actorRole: 'system',
        publicData: {},
        data: { fixedAt: r.fixedAt.toISOString() },
        at: now,
      });
      await appendAudit(tx, {
        at: now,
        actorAccountId: null,
        action: 'report.auto-close',
        subject: { type: 'report', id: r.id },
        details: { number: r.registrationNumber, fixedAt: r.fixedAt.toISOString() },
      });
      await notifyApplicants(tx, r.id, 'auto-close');
      return true;
    });
    if (done) n++;
  }
  return n;
}

/** The `reports.clocks` job: overdue marking and escalation, reopened escalation, auto-close. */
export async function runReportClocks(deps: Deps): Promise<ClocksRun> {
  const { overdue, escalated } = await markOverdue(deps);
  const reopenedEscalated = await escalateReopened(deps);
  const autoClosed = await autoClose(deps);
  const run = { overdue, escalated, reopenedEscalated, autoClosed };
  if (overdue + reopenedEscalated + autoClosed > 0) deps.log.info(run, 'report clocks');
  return run;
}
