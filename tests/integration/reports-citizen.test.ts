import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, localBodies, notifications, reportApplicants, reportEvents, reports, staffRoles } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import type { Actor } from '../../app/domain/identity/permissions';
import { confirmFix, myReport, myReports, provideInfo, rejectFix } from '../../app/domain/reports/citizen.server';
import { fileReport, joinReport, nearbyOpenReports, routeFiledReport, similarAddressOpenReports, type FileReportInput } from '../../app/domain/reports/filing.server';
import { notifyApplicants } from '../../app/domain/reports/notify.server';
import { acknowledgeReport, answerReport, markFixed, requestInfo } from '../../app/domain/reports/staff.server';
import { destinationPoint } from '../../app/domain/routing';
import { loadRoutingData, type LoadedRoutingData } from '../../app/domain/routing/load.server';
import { fixedClock, silentLogger } from '../../app/domain/shared/deps';
import { ForbiddenError } from '../../app/domain/shared/errors';
import { processPhoto } from '../../app/services/images.server';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { proofedCitizen } from '../support/reports';

/**
 * The citizen after filing, through the domain functions on a seeded database: nearby duplicates
 * and "me too" (acceptance 6: the co-applicant receives the answer), "my reports", and the
 * closed-loop steps (confirm, reject the fix, reply to an information request) with their
 * authorization. The akimat's steps are the staff domain's own functions (staff.server.ts).
 */

let t: TestDatabase;
let routing: LoadedRoutingData;
const db = () => t.handle.db;
const FRIDAY = '2026-11-20T06:00:00Z';
const clock = fixedClock(FRIDAY);
const deps = () => ({ db: db(), clock, log: silentLogger, routing });
const meta = { ip: '127.0.0.1', userAgent: 'vitest' };
const STATION = { lon: 71.4094, lat: 51.1955 };

const citizen = (locale = 'ru') => proofedCitizen(db(), { given: 'Citizen', family: 'T.' }, new Date(FRIDAY), { locale });

async function officer(unitKato: string): Promise<Actor> {
  const [body] = await db().select({ id: localBodies.id }).from(localBodies).where(and(eq(localBodies.unitKato, unitKato), eq(localBodies.kind, 'akimat')));
  const id = randomUUID();
  await db().insert(accounts).values({ id, kind: 'staff', displayName: 'Officer' });
  await db().insert(staffRoles).values({ accountId: id, role: 'akimat_officer', bodyId: body!.id });
  return { accountId: id, kind: 'staff', roles: [{ role: 'akimat_officer', bodyId: body!.id }] };
}

const input = (accountId: string, over: Partial<FileReportInput> = {}): FileReportInput => ({
  reporter: { kind: 'citizen', accountId },
  categoryCode: 'yards_playgrounds',
  place: { kind: 'point', ...STATION },
  description: 'The playground fence is broken and the gate does not close.',
  locale: 'ru',
  ...over,
});

async function filedAndRouted(accountId: string, over: Partial<FileReportInput> = {}) {
  const out = await fileReport(deps(), input(accountId, over));
  if (out.kind !== 'filed') throw new Error(JSON.stringify(out));
  const routed = await routeFiledReport(deps(), out.id);
  if (routed.kind !== 'routed') throw new Error(JSON.stringify(routed));
  return out;
}

async function fixPhoto() {
  const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 20, g: 160, b: 60 } } }).png().toBuffer();
  const p = await processPhoto(png);
  if (p.kind !== 'ok') throw new Error('photo');
  return { image: p.image, thumbnail: p.thumbnail };
}

const templatesOf = async (accountId: string) =>
  (await db().select({ template: notifications.template, channel: notifications.channel }).from(notifications).where(eq(notifications.recipientRef, accountId))).map(
    (n) => `${n.channel}:${n.template}`,
  );

let saryarkaOfficer: Actor;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(db());
  routing = await loadRoutingData(db());
  saryarkaOfficer = await officer('711310000');
});
afterAll(async () => {
  await t?.drop();
});

describe('nearbyOpenReports', () => {
  it('offers open reports of the same category within 250 m, nearest first, and nothing else', async () => {
    const a = await citizen();
    const near = await filedAndRouted(a, { place: { kind: 'point', ...destinationPoint(STATION, 120, 90) } });
    const nearer = await filedAndRouted(a, { place: { kind: 'point', ...destinationPoint(STATION, 40, 0) } });
    await filedAndRouted(a, { place: { kind: 'point', ...destinationPoint(STATION, 300, 180) } });
    await filedAndRouted(a, { categoryCode: 'parking_vehicles' });
    const closed = await filedAndRouted(a, { place: { kind: 'point', ...destinationPoint(STATION, 10, 45) } });
    await db().update(reports).set({ status: 'closed' }).where(eq(reports.id, closed.id));

    const found = await nearbyOpenReports(db(), 'yards_playgrounds', STATION);
    expect(found.map((r) => r.registrationNumber)).toEqual([nearer.registrationNumber, near.registrationNumber]);
    expect(found[0]!.distanceM).toBeCloseTo(40, 0);
    expect(found[1]!.distanceM).toBeCloseTo(120, 0);
    expect(found[0]).toMatchObject({ status: 'assigned', applicants: 1 });
    expect(await nearbyOpenReports(db(), 'yards_playgrounds', { lon: 76.95, lat: 43.26 })).toEqual([]);
  });
});

describe('similarAddressOpenReports (filed without a map point)', () => {
  it('offers open reports of the same category and district with a similar address, most alike first, and nothing else', async () => {
    const a = await citizen();
    const saryarka = (addressText: string) => ({ place: { kind: 'unit' as const, unitKato: '711310000', addressText } });
    const same = await filedAndRouted(a, { categoryCode: 'street_lighting', ...saryarka('улица Кенесары 40, у второго подъезда') });
    const alike = await filedAndRouted(a, { categoryCode: 'street_lighting', ...saryarka('ул. Кенесары, 40') });
    await filedAndRouted(a, { categoryCode: 'street_lighting', ...saryarka('ул. Сарыарка 40') });
    await filedAndRouted(a, { categoryCode: 'roads', ...saryarka('Кенесары 40') });
    await filedAndRouted(a, { categoryCode: 'street_lighting', place: { kind: 'unit', unitKato: '711210000', addressText: 'Кенесары 40' } });
    const closed = await filedAndRouted(a, { categoryCode: 'street_lighting', ...saryarka('Кенесары 40') });
    await db().update(reports).set({ status: 'closed' }).where(eq(reports.id, closed.id));

    const found = await similarAddressOpenReports(db(), 'street_lighting', { unitKato: '711310000', addressText: 'Кенесары 40' });
    expect(found.map((r) => r.registrationNumber).sort()).toEqual([same.registrationNumber, alike.registrationNumber].sort());
    expect(found[0]).toMatchObject({ distanceM: null, applicants: 1, status: 'assigned' });
    expect(found.every((r) => r.addressText?.includes('Кенесары'))).toBe(true);
    // Another street, another category, another district, or a closed report: nothing offered.
    expect(await similarAddressOpenReports(db(), 'street_lighting', { unitKato: '711310000', addressText: 'проспект Абая 10' })).toEqual([]);
    expect(await similarAddressOpenReports(db(), 'heating', { unitKato: '711310000', addressText: 'Кенесары 40' })).toEqual([]);
  });
});

describe('joinReport ("me too")', () => {
  it('adds a co-applicant once, never the reporter, never to a closed report, only proofed citizens', async () => {
    const a = await citizen();
    const b = await citizen();
    const report = await filedAndRouted(a);
    expect(await joinReport(deps(), { accountId: b, reportId: report.id })).toMatchObject({ kind: 'joined', registrationNumber: report.registrationNumber });
    expect(await joinReport(deps(), { accountId: b, reportId: report.id })).toMatchObject({ kind: 'already-joined' });
    expect(await joinReport(deps(), { accountId: a, reportId: report.id })).toEqual({ kind: 'refused', reason: 'own-report' });
    const applicants = await db().select().from(reportApplicants).where(eq(reportApplicants.reportId, report.id));
    expect(applicants.map((x) => [x.accountId, x.role]).sort()).toEqual([[a, 'reporter'], [b, 'co-applicant']].sort());
    const joins = await db().select().from(reportEvents).where(and(eq(reportEvents.reportId, report.id), eq(reportEvents.type, 'join')));
    expect(joins).toHaveLength(1);
    expect(joins[0]).toMatchObject({ fromStatus: 'assigned', toStatus: 'assigned', actorAccountId: b, publicData: {} });
    // Only the citizen who joined is told.
    expect(await templatesOf(b)).toEqual(['in_app:reportJoined', 'email:reportJoined']);
    expect((await templatesOf(a)).filter((x) => x.endsWith('reportJoined'))).toEqual([]);

    const c = await citizen();
    await db().update(reports).set({ status: 'merged' }).where(eq(reports.id, report.id));
    expect(await joinReport(deps(), { accountId: c, reportId: report.id })).toEqual({ kind: 'refused', reason: 'not-open' });
    expect(await joinReport(deps(), { accountId: saryarkaOfficer.accountId, reportId: report.id })).toEqual({ kind: 'refused', reason: 'not-proofed' });
  });

  it('acceptance 6: a nearby duplicate is offered, "me too" makes a co-applicant, and the co-applicant receives the answer', async () => {
    const reporter = await citizen('kk');
    const neighbour = await citizen('en');
    const first = await filedAndRouted(reporter);
    // The neighbour starts a report 60 m away: the first one is offered.
    const offered = await nearbyOpenReports(db(), 'yards_playgrounds', destinationPoint(STATION, 60, 270));
    expect(offered.map((r) => r.registrationNumber)).toContain(first.registrationNumber);
    expect(await joinReport(deps(), { accountId: neighbour, reportId: first.id })).toMatchObject({ kind: 'joined' });

    expect(await acknowledgeReport(deps(), saryarkaOfficer, first.registrationNumber, meta)).toMatchObject({ kind: 'ok' });
    expect(
      await answerReport(deps(), saryarkaOfficer, first.registrationNumber, { decision: 'planned', text: 'The fence will be repaired this month.', plannedOn: '2026-12-10' }, meta),
    ).toMatchObject({ kind: 'ok', status: 'answered' });
    for (const who of [reporter, neighbour]) {
      const got = await db().select().from(notifications).where(and(eq(notifications.recipientRef, who), eq(notifications.template, 'reportAnswered')));
      expect(got.map((n) => n.channel).sort(), who === reporter ? 'reporter' : 'co-applicant').toEqual(['email', 'in_app']);
      expect(got[0]!.params).toMatchObject({ number: first.registrationNumber, decision: 'planned' });
    }
    // notifyApplicants itself reaches both (the function every step uses).
    const before = (await templatesOf(neighbour)).length;
    await db().transaction((tx) => notifyApplicants(tx, first.id, 'answer', { decision: 'planned' }));
    expect((await templatesOf(neighbour)).length).toBe(before + 2);
    // The co-applicant sees the answer on their own page.
    const view = await myReport(db(), neighbour, first.registrationNumber);
    expect(view).toMatchObject({ role: 'co-applicant', status: 'answered', decision: 'planned', answerText: 'The fence will be repaired this month.' });
  });
});

describe('my reports', () => {
  it('lists the reports filed or joined, and shows one only to its applicants', async () => {
    const a = await citizen();
    const stranger = await citizen();
    const r = await filedAndRouted(a);
    const list = await myReports(db(), a);
    expect(list.map((x) => x.registrationNumber)).toContain(r.registrationNumber);
    expect(list.find((x) => x.registrationNumber === r.registrationNumber)).toMatchObject({ status: 'assigned', role: 'reporter', answerDueOn: '2026-12-11' });
    const view = await myReport(db(), a, r.registrationNumber);
    expect(view).toMatchObject({ isReporter: true, status: 'assigned', steps: [], applicants: 1 });
    expect(view!.events.map((e) => e.type)).toEqual(['file', 'route']);
    expect(view!.routingReason).toMatchObject({ code: 'routing.reason.local' });
    expect(await myReport(db(), stranger, r.registrationNumber)).toBeNull();
    expect(await myReports(db(), stranger)).toEqual([]);
  });
});

describe('closed loop', () => {
  it('rejecting the fix reopens the report (reopen count + 1) and tells every applicant; confirming closes it', async () => {
    const a = await citizen();
    const b = await citizen();
    const stranger = await citizen();
    const r = await filedAndRouted(a);
    await joinReport(deps(), { accountId: b, reportId: r.id });
    expect(await confirmFix(deps(), { accountId: a, reportId: r.id })).toEqual({ kind: 'refused', reason: 'not-now' });
    expect(await markFixed(deps(), saryarkaOfficer, r.registrationNumber, {}, await fixPhoto(), meta)).toMatchObject({ kind: 'ok', status: 'fixed' });
    expect((await myReport(db(), a, r.registrationNumber))!.steps).toEqual(['confirm', 'reject-fix']);

    await expect(rejectFix(deps(), { accountId: stranger, reportId: r.id, reason: 'It is not fixed at all.' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await rejectFix(deps(), { accountId: a, reportId: r.id, reason: 'short' })).toEqual({ kind: 'refused', reason: 'reason-too-short' });
    expect(await rejectFix(deps(), { accountId: b, reportId: r.id, reason: 'The gate still does not close.' })).toMatchObject({ kind: 'ok', status: 'reopened' });
    const [row] = await db().select().from(reports).where(eq(reports.id, r.id));
    expect(row).toMatchObject({ status: 'reopened', reopenCount: 1 });
    const [ev] = await db().select().from(reportEvents).where(and(eq(reportEvents.reportId, r.id), eq(reportEvents.type, 'reject-fix')));
    expect(ev).toMatchObject({ fromStatus: 'fixed', toStatus: 'reopened', actorAccountId: b, data: { reason: 'The gate still does not close.' }, publicData: {} });
    for (const who of [a, b]) expect(await templatesOf(who)).toContain('in_app:reportStep');

    expect(await markFixed(deps(), saryarkaOfficer, r.registrationNumber, {}, await fixPhoto(), meta)).toMatchObject({ kind: 'ok', status: 'fixed' });
    expect(await confirmFix(deps(), { accountId: a, reportId: r.id })).toMatchObject({ kind: 'ok', status: 'closed-confirmed' });
    const [closed] = await db().select().from(reports).where(eq(reports.id, r.id));
    expect(closed!.closedAt).not.toBeNull();
    expect(await confirmFix(deps(), { accountId: a, reportId: r.id })).toEqual({ kind: 'refused', reason: 'not-now' });
  });

  it('a reply to an information request resumes the clock: the pause is recorded and the answer due date moves', async () => {
    const a = await citizen();
    const r = await filedAndRouted(a);
    // Requested on Monday 23 November, answered on Thursday 26 November: 24, 25 and 26 November
    // do not count, so the due date moves 3 working days past Friday 11 December, over the
    // Independence Day holiday (16 December): Thursday 17 December.
    clock.set('2026-11-23T05:00:00Z');
    expect(await requestInfo(deps(), saryarkaOfficer, r.registrationNumber, { question: 'Which entrance of the building?' }, meta)).toMatchObject({ kind: 'ok', status: 'info-requested' });
    const view = await myReport(db(), a, r.registrationNumber);
    expect(view).toMatchObject({ status: 'info-requested', infoRequest: 'Which entrance of the building?', steps: ['info-provided'] });

    clock.set('2026-11-26T07:00:00Z');
    expect(await provideInfo(deps(), { accountId: a, reportId: r.id, text: ' ' })).toEqual({ kind: 'refused', reason: 'reply-too-short' });
    expect(await provideInfo(deps(), { accountId: a, reportId: r.id, text: 'The second entrance, by the school.' })).toMatchObject({ kind: 'ok', status: 'in-progress' });
    const [row] = await db().select().from(reports).where(eq(reports.id, r.id));
    expect(row).toMatchObject({ status: 'in-progress', pausedAt: null, answerDueOn: '2026-12-17', answerDueOnOriginal: '2026-12-11' });
    const [ev] = await db().select().from(reportEvents).where(and(eq(reportEvents.reportId, r.id), eq(reportEvents.type, 'info-provided')));
    expect(ev).toMatchObject({
      fromStatus: 'info-requested',
      toStatus: 'in-progress',
      actorRole: 'citizen',
      data: { text: 'The second entrance, by the school.', pausedAt: '2026-11-23T05:00:00.000Z', resumedAt: '2026-11-26T07:00:00.000Z' },
    });
    clock.set(FRIDAY);
  });
});
