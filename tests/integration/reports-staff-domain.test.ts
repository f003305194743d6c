import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditLog, localBodies, notifications, reportApplicants, reportAssignments, reportEvents, reports, staffRoles } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import type { Actor } from '../../app/domain/identity/permissions';
import { provideInfo, rejectFix } from '../../app/domain/reports/citizen.server';
import { runReportClocks } from '../../app/domain/reports/clocks.server';
import { fileReport, routeFiledReport } from '../../app/domain/reports/filing.server';
import {
  acknowledgeReport,
  answerReport,
  extendReport,
  forwardReport,
  markFixed,
  mergeReport,
  requestInfo,
  staffInbox,
  staffReportView,
  type FixPhoto,
} from '../../app/domain/reports/staff.server';
import { fixedClock, silentLogger } from '../../app/domain/shared/deps';
import { ForbiddenError, NotFoundError } from '../../app/domain/shared/errors';
import { loadRoutingData, type LoadedRoutingData } from '../../app/domain/routing/load.server';
import { processPhoto } from '../../app/services/images.server';
import { processJob } from '../../workers/processors';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { proofedCitizen } from '../support/reports';

/**
 * Staff actions and the scheduled `reports.clocks` job on a seeded PostgreSQL database, through the
 * domain functions with a fixed clock (the pages are tested over HTTP in reports-staff-pages.test.ts).
 * Reports are filed and routed by fileReport + routeFiledReport, as in production.
 *
 * Dates: filed on Friday 20 November 2026 in Saryarka District of Astana; the answer is due 15
 * working days later, on Friday 11 December 2026; 16 December (Independence Day) is a holiday.
 */

let t: TestDatabase;
let routing: LoadedRoutingData;
const db = () => t.handle.db;
const FRIDAY = '2026-11-20T06:00:00Z';
const local = (date: string, time = '11:00') => `${date}T${time}:00+05:00`;
const deps = (at: string = FRIDAY) => ({ db: db(), clock: fixedClock(at), log: silentLogger, routing });
const meta = { ip: '127.0.0.1', userAgent: 'test' };
const SARYARKA = { lon: 71.4094, lat: 51.1955 };
const ALMATY = { lon: 76.9286, lat: 43.2567 };

let saryarka: number;
let astana: number;
let almaty: number;
let officer: Actor;
let cityOfficer: Actor;
let almatyOfficer: Actor;
let cityOfficerId: string;

const citizen = () => proofedCitizen(db(), { given: 'Dana', family: 'K.' }, new Date(FRIDAY), { email: null });

async function staff(bodyId: number): Promise<Actor> {
  const id = randomUUID();
  await db().insert(accounts).values({ id, kind: 'staff', displayName: `Officer ${bodyId}`, locale: 'ru' });
  await db().insert(staffRoles).values({ accountId: id, role: 'akimat_officer', bodyId });
  return { accountId: id, kind: 'staff', roles: [{ role: 'akimat_officer', bodyId }] };
}

async function akimatOf(kato: string): Promise<number> {
  const [row] = await db().select({ id: localBodies.id }).from(localBodies).where(and(eq(localBodies.unitKato, kato), eq(localBodies.kind, 'akimat')));
  return row!.id;
}

/** Files and routes a report; returns its registration number and id. */
async function filed(point = SARYARKA, at = FRIDAY): Promise<{ number: string; id: string; reporter: string }> {
  const reporter = await citizen();
  const out = await fileReport(deps(at), {
    reporter: { kind: 'citizen', accountId: reporter },
    categoryCode: 'yards_playgrounds',
    place: { kind: 'point', ...point },
    description: 'The swing in the yard is broken and children can get hurt.',
    locale: 'ru',
  });
  if (out.kind !== 'filed') throw new Error(JSON.stringify(out));
  const routed = await routeFiledReport(deps(at), out.id);
  if (routed.kind !== 'routed') throw new Error(JSON.stringify(routed));
  return { number: out.registrationNumber, id: out.id, reporter };
}

const report = async (id: string) => (await db().select().from(reports).where(eq(reports.id, id)))[0]!;
const events = async (id: string) => db().select().from(reportEvents).where(eq(reportEvents.reportId, id)).orderBy(reportEvents.id);
const audits = async (id: string) => db().select().from(auditLog).where(and(eq(auditLog.subjectType, 'report'), eq(auditLog.subjectId, id))).orderBy(auditLog.id);

async function fixPhoto(): Promise<FixPhoto> {
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 20, g: 160, b: 60 } } }).png().toBuffer();
  const out = await processPhoto(png, { declaredType: 'image/png', fileName: 'fixed.png' });
  if (out.kind !== 'ok') throw new Error(out.reason);
  return { image: out.image, thumbnail: out.thumbnail };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(db());
  routing = await loadRoutingData(db());
  saryarka = await akimatOf('711310000');
  astana = await akimatOf('710000000');
  almaty = await akimatOf('750000000');
  officer = await staff(saryarka);
  cityOfficer = await staff(astana);
  cityOfficerId = cityOfficer.accountId;
  almatyOfficer = await staff(almaty);
});
afterAll(async () => {
  await t?.drop();
});

describe('routing puts the report in the district akimat', () => {
  it('is assigned to Saryarka District with the answer due on 11 December', async () => {
    const { id } = await filed();
    const r = await report(id);
    expect(r.akimatBodyId).toBe(saryarka);
    expect(r.answerDueOn).toBe('2026-12-11');
    expect(r.forwardDueOn).toBe('2026-11-25');
    // "Due this week" (Monday to Sunday, Astana time): the week of 7-13 December, not the one before.
    const { number } = (await db().select({ number: reports.registrationNumber }).from(reports).where(eq(reports.id, id)))[0]!;
    expect((await staffInbox(deps(local('2026-12-08')), officer, { week: '1' })).items.map((i) => i.number)).toContain(number);
    expect((await staffInbox(deps(local('2026-12-06')), officer, { week: '1' })).items.map((i) => i.number)).not.toContain(number);
  });
});

describe('authorization', () => {
  it('an officer of another akimat neither sees nor acts; a citizen is refused', async () => {
    const { number, id } = await filed();
    await expect(staffReportView(deps(), almatyOfficer, number)).rejects.toBeInstanceOf(NotFoundError);
    await expect(acknowledgeReport(deps(), almatyOfficer, number, meta)).rejects.toBeInstanceOf(NotFoundError);
    const inbox = await staffInbox(deps(), almatyOfficer, {});
    expect(inbox.items.map((i) => i.number)).not.toContain(number);
    const reporter: Actor = { accountId: randomUUID(), kind: 'citizen', roles: [] };
    await expect(acknowledgeReport(deps(), reporter, number, meta)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(staffInbox(deps(), null, {})).rejects.toBeInstanceOf(ForbiddenError);
    expect((await report(id)).status).toBe('assigned');
    expect(await audits(id)).toHaveLength(0);
  });
});

describe('staff actions', () => {
  it('acknowledge, answer and mark fixed: events, audit and the applicants told', async () => {
    const { number, id } = await filed();
    expect(await acknowledgeReport(deps(local('2026-11-23')), officer, number, meta)).toMatchObject({ kind: 'ok', status: 'in-progress' });
    expect(await acknowledgeReport(deps(local('2026-11-23')), officer, number, meta)).toMatchObject({ kind: 'refused', reason: 'illegal-transition' });
    expect(await answerReport(deps(local('2026-11-24')), officer, number, { decision: 'planned', text: 'The swing will be replaced.' }, meta)).toMatchObject({
      kind: 'refused',
      reason: 'invalid',
      fields: { plannedOn: 'required' },
    });
    expect(
      await answerReport(deps(local('2026-11-24')), officer, number, { decision: 'resolved', text: 'The swing was repaired by the district services.', templateCode: 'general-resolved' }, meta),
    ).toMatchObject({ kind: 'ok', status: 'answered' });
    expect(await markFixed(deps(local('2026-11-25')), officer, number, { note: 'New chains fitted.' }, await fixPhoto(), meta)).toMatchObject({ kind: 'ok', status: 'fixed' });
    const r = await report(id);
    expect(r).toMatchObject({ status: 'fixed', decision: 'resolved', answerText: 'The swing was repaired by the district services.' });
    expect(r.fixedAt?.toISOString()).toBe(new Date(local('2026-11-25')).toISOString());
    expect((await events(id)).map((e) => e.type)).toEqual(['file', 'route', 'acknowledge', 'answer', 'mark-fixed']);
    expect((await audits(id)).map((a) => a.action)).toEqual(['report.acknowledge', 'report.answer', 'report.mark-fixed']);
    const told = await db()
      .select({ template: notifications.template })
      .from(notifications)
      .innerJoin(reportApplicants, sql`${reportApplicants.accountId}::text = ${notifications.recipientRef}`)
      .where(eq(reportApplicants.reportId, id));
    expect(told.map((n) => n.template)).toEqual(expect.arrayContaining(['reportStep', 'reportAnswered', 'reportFixed']));
    const view = await staffReportView(deps(), officer, number);
    expect(view.photos.filter((p) => p.kind === 'fix')).toHaveLength(1);
    // Public data carries no personal data: no account ids or names of the reporter or the officer.
    const [applicant] = await db().select().from(reportApplicants).where(eq(reportApplicants.reportId, id));
    for (const e of await events(id)) {
      const json = JSON.stringify(e.publicData);
      for (const secret of ['Dana', 'Officer', applicant!.accountId, officer.accountId]) expect(json).not.toContain(secret);
    }
  });

  it('forward to another akimat with a reason; late after 3 working days', async () => {
    const { number, id } = await filed();
    expect(await forwardReport(deps(local('2026-11-30')), officer, number, { toBodyId: saryarka, reason: 'x' }, meta)).toMatchObject({ reason: 'same-body' });
    expect(await forwardReport(deps(local('2026-11-30')), officer, number, { toBodyId: almaty }, meta)).toMatchObject({ reason: 'invalid', fields: { reason: 'required' } });
    expect(await forwardReport(deps(local('2026-11-30')), officer, number, { toBodyId: almaty, reason: 'The place is in Almaty.' }, meta)).toMatchObject({ kind: 'ok', status: 'assigned' });
    const r = await report(id);
    expect(r.akimatBodyId).toBe(almaty);
    const [fwd] = await db().select().from(reportAssignments).where(and(eq(reportAssignments.reportId, id), eq(reportAssignments.kind, 'forward')));
    expect(fwd!.reason).toMatchObject({ late: true, forwardDueOn: '2026-11-25', text: 'The place is in Almaty.' });
    // Now Almaty's officers see it, Saryarka's do not.
    await expect(staffReportView(deps(), officer, number)).rejects.toBeInstanceOf(NotFoundError);
    expect((await staffReportView(deps(), almatyOfficer, number)).status).toBe('assigned');
  });

  it('merge a duplicate: its applicants become co-applicants of the target', async () => {
    const target = await filed();
    const dup = await filed();
    const other = await filed(ALMATY);
    expect(await mergeReport(deps(), officer, dup.number, { target: other.number }, meta)).toMatchObject({ reason: 'target-other-akimat' });
    expect(await mergeReport(deps(), officer, dup.number, { target: 'R-2026-999999' }, meta)).toMatchObject({ reason: 'unknown-target' });
    expect(await mergeReport(deps(), officer, dup.number, { target: dup.number }, meta)).toMatchObject({ reason: 'same-report' });
    expect(await mergeReport(deps(), officer, dup.number, { target: target.number }, meta)).toMatchObject({ kind: 'ok', status: 'merged' });
    const applicants = await db().select().from(reportApplicants).where(eq(reportApplicants.reportId, target.id));
    expect(applicants).toHaveLength(2);
    expect((await report(dup.id)).mergedIntoId).toBe(target.id);
    expect((await events(target.id)).at(-1)).toMatchObject({ type: 'merge', publicData: { mergedFrom: dup.number } });
  });
});

describe('the reports.clocks job (fixed clock)', () => {
  it('marks an overdue answer and escalates it to the city akimat, once', async () => {
    const { number, id } = await filed();
    expect(await runReportClocks(deps(local('2026-12-11', '23:30')))).toMatchObject({ overdue: 0 });
    expect((await report(id)).overdueAt).toBeNull();

    const run = await runReportClocks(deps(local('2026-12-12', '09:00')));
    expect(run.overdue).toBeGreaterThanOrEqual(1);
    const r = await report(id);
    expect(r.overdueAt).not.toBeNull();
    expect(r.escalatedToBodyId).toBe(astana);
    expect(r.status).toBe('assigned');
    const esc = (await events(id)).filter((e) => e.type === 'escalate');
    expect(esc).toHaveLength(1);
    expect(esc[0]!.publicData).toMatchObject({ cause: 'overdue', toBodyId: astana, dueOn: '2026-12-11' });
    expect((await audits(id)).map((a) => a.action)).toContain('report.escalate');
    const [note] = await db().select().from(notifications).where(and(eq(notifications.recipientRef, cityOfficerId), eq(notifications.template, 'reportEscalatedToAkimat'), sql`${notifications.params}->>'number' = ${number}`));
    expect(note).toBeDefined();
    // The city officer now sees it (escalated to them) and may act on it.
    const inbox = await staffInbox(deps(local('2026-12-12')), cityOfficer, { overdue: 'on' });
    expect(inbox.items.find((i) => i.number === number)).toMatchObject({ overdue: true, escalatedHere: true });

    // Idempotent: a second run, here through the worker's processor for the scheduled topic,
    // changes nothing.
    const mailer = { baseUrl: 'http://localhost', send: async () => 'unused' };
    expect(await processJob({ deps: deps(local('2026-12-14')), mailer }, { name: 'reports.clocks', data: {}, id: 'test' })).toMatchObject({ escalated: 0 });
    expect((await events(id)).filter((e) => e.type === 'escalate')).toHaveLength(1);
  });

  it('an unanswered information request pauses the clock; an extension moves the due date', async () => {
    const paused = await filed();
    expect(await requestInfo(deps(local('2026-11-24')), officer, paused.number, { question: 'Which entrance of the building?' }, meta)).toMatchObject({ status: 'info-requested' });
    const extended = await filed();
    expect(await extendReport(deps(local('2026-11-24')), officer, extended.number, { extendedTo: '2027-02-12', reason: 'x' }, meta)).toMatchObject({
      reason: 'extension-exceeds-maximum',
      params: { maxExtendedDue: '2027-02-11' },
    });
    expect(await extendReport(deps(local('2026-11-24')), officer, extended.number, { extendedTo: '2026-12-11', reason: 'x' }, meta)).toMatchObject({ reason: 'extension-not-later' });
    expect(await extendReport(deps(local('2026-11-24')), officer, extended.number, { extendedTo: '2027-01-15', reason: 'Parts are ordered from the manufacturer.' }, meta)).toMatchObject({ kind: 'ok' });
    expect(await extendReport(deps(local('2026-11-25')), officer, extended.number, { extendedTo: '2027-01-20', reason: 'Again.' }, meta)).toMatchObject({ reason: 'already-extended' });
    expect((await report(extended.id)).answerDueOn).toBe('2027-01-15');

    await runReportClocks(deps(local('2026-12-20')));
    expect((await report(paused.id)).overdueAt).toBeNull();
    // The citizen answers on Monday 21 December. Two working days ran before the pause (23, 24
    // November); the other 13 run from 22 December: 22-25, 28-31 December (10), then 1 and 2
    // January (2 January 2027 is a Saturday, carried to Monday 4) and 7 January are days off:
    // 5, 6, 8, 11, 12 January -> due Tuesday 12 January 2027.
    expect(await provideInfo(deps(local('2026-12-21')), { accountId: paused.reporter, reportId: paused.id, text: 'The second entrance, next to the shop.' })).toMatchObject({ kind: 'ok' });
    expect((await report(paused.id)).answerDueOn).toBe('2027-01-12');
    await runReportClocks(deps(local('2027-01-12', '23:00')));
    expect((await report(paused.id)).overdueAt).toBeNull();
    await runReportClocks(deps(local('2027-01-13', '09:00')));
    expect((await report(paused.id)).overdueAt).not.toBeNull();
    expect((await report(extended.id)).overdueAt).toBeNull();
    await runReportClocks(deps(local('2027-01-16')));
    expect((await report(extended.id)).overdueAt).not.toBeNull();
  });

  it('closes a fixed report after 14 days without a response, once', async () => {
    const { number, id } = await filed();
    expect(await markFixed(deps(local('2026-11-23')), officer, number, {}, await fixPhoto(), meta)).toMatchObject({ status: 'fixed' });
    await runReportClocks(deps(local('2026-12-07', '23:00')));
    expect((await report(id)).status).toBe('fixed');
    await runReportClocks(deps(local('2026-12-08', '08:00')));
    expect((await report(id)).status).toBe('closed-unconfirmed');
    await runReportClocks(deps(local('2026-12-09')));
    expect((await events(id)).filter((e) => e.type === 'auto-close')).toHaveLength(1);
    expect((await audits(id)).map((a) => a.action)).toContain('report.auto-close');
  });

  it('escalates a report the citizen reopened, once per reopening', async () => {
    const { number, id, reporter } = await filed();
    await markFixed(deps(local('2026-11-23')), officer, number, {}, await fixPhoto(), meta);
    expect(await rejectFix(deps(local('2026-11-24')), { accountId: reporter, reportId: id, reason: 'The swing is still broken, nothing was done.' })).toMatchObject({ kind: 'ok' });
    expect((await report(id)).status).toBe('reopened');
    expect(await runReportClocks(deps(local('2026-11-24', '12:00')))).toMatchObject({ reopenedEscalated: 1 });
    expect(await runReportClocks(deps(local('2026-11-24', '12:05')))).toMatchObject({ reopenedEscalated: 0 });
    const r = await report(id);
    expect(r.escalatedToBodyId).toBe(astana);
    expect((await events(id)).filter((e) => e.type === 'escalate').map((e) => e.publicData)).toEqual([expect.objectContaining({ cause: 'reopened' })]);
  });
});
