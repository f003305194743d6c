import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accounts,
  localBodies,
  notifications,
  outbox,
  reportApplicants,
  reportAssignments,
  reportEvents,
  reportPhotos,
  reports,
} from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import { renderNotification, type Template } from '../../app/domain/notify/notify.server';
import { explainRouting, routeReport } from '../../app/domain/routing';
import { loadRoutingData, type LoadedRoutingData } from '../../app/domain/routing/load.server';
import { fileReport, routeFiledReport, type CleanPhoto, type FileReportInput } from '../../app/domain/reports/filing.server';
import { notifyApplicants } from '../../app/domain/reports/notify.server';
import { routeFromUnit } from '../../app/domain/reports/unit-routing';
import { fixedClock, silentLogger } from '../../app/domain/shared/deps';
import { LOCALES, getT } from '../../app/i18n';
import { processPhoto } from '../../app/services/images.server';
import { ADMINISTRATIVE_CENTRES, DISTRICT_TOWNS } from '../fixtures/routing/places';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { proofedCitizen } from '../support/reports';

/**
 * Filing and routing on a seeded PostgreSQL database, through the domain functions (the pages are
 * tested over HTTP in reports-pages.test.ts): what one transaction writes, the refusals that write
 * nothing, the routing job (result, reason, clocks, idempotence) and the applicants' notifications.
 */

let t: TestDatabase;
let routing: LoadedRoutingData;
const db = () => t.handle.db;
// Friday 20 November 2026, 11:00 in Astana (UTC+5).
const FRIDAY = '2026-11-20T06:00:00Z';
const deps = (at = FRIDAY) => ({ db: db(), clock: fixedClock(at), log: silentLogger, routing });

const ASTANA_STATION = { lon: 71.4094, lat: 51.1955 }; // Saryarka District, Astana
const BISHKEK = { lon: 74.5698, lat: 42.8746 };

const citizen = (opts: { email?: string | null; locale?: string } = {}) => proofedCitizen(db(), { given: 'Aigerim', family: 'N.' }, new Date(FRIDAY), opts);

async function photo(): Promise<CleanPhoto> {
  const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 200, g: 80, b: 40 } } }).jpeg().toBuffer();
  const outcome = await processPhoto(jpeg, { declaredType: 'image/jpeg', fileName: 'pothole.jpg' });
  if (outcome.kind !== 'ok') throw new Error(`photo refused: ${outcome.reason}`);
  return { image: outcome.image, thumbnail: outcome.thumbnail };
}

const input = (accountId: string, over: Partial<FileReportInput> = {}): FileReportInput => ({
  reporter: { kind: 'citizen', accountId },
  categoryCode: 'yards_playgrounds',
  place: { kind: 'point', ...ASTANA_STATION },
  description: 'The swing in the yard is broken and children can get hurt.',
  locale: 'ru',
  ...over,
});

async function akimatOf(kato: string): Promise<number> {
  const [row] = await db().select({ id: localBodies.id }).from(localBodies).where(and(eq(localBodies.unitKato, kato), eq(localBodies.kind, 'akimat')));
  return row!.id;
}
const count = async (table: typeof reports | typeof reportPhotos | typeof outbox) => Number((await db().select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n);

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(db());
  routing = await loadRoutingData(db());
});
afterAll(async () => {
  await t?.drop();
});

describe('fileReport', () => {
  it('registers the report, its reporter, the file event, the photo, the routing message and the notifications in one go', async () => {
    const me = await citizen();
    const out = await fileReport(deps(), input(me, { photos: [await photo()] }));
    expect(out).toMatchObject({ kind: 'filed', registeredOn: '2026-11-20' });
    if (out.kind !== 'filed') return;
    expect(out.registrationNumber).toMatch(/^R-2026-\d{6}$/);
    expect(out.registeredAt.toISOString()).toBe('2026-11-20T06:00:00.000Z');

    const [row] = await db().select().from(reports).where(eq(reports.id, out.id));
    expect(row).toMatchObject({
      status: 'registered',
      registrationNumber: out.registrationNumber,
      reporterAccountId: me,
      placeUnitKato: '711310000',
      lon: ASTANA_STATION.lon,
      lat: ASTANA_STATION.lat,
      registeredOn: '2026-11-20',
      source: 'portal',
      akimatBodyId: null,
    });
    expect(await db().select().from(reportApplicants).where(eq(reportApplicants.reportId, out.id))).toMatchObject([{ accountId: me, role: 'reporter' }]);
    expect(await db().select().from(reportEvents).where(eq(reportEvents.reportId, out.id))).toMatchObject([
      { type: 'file', fromStatus: null, toStatus: 'registered', actorRole: 'citizen', actorAccountId: me },
    ]);
    const photos = await db().select().from(reportPhotos).where(eq(reportPhotos.reportId, out.id));
    expect(photos).toHaveLength(1);
    expect(photos[0]).toMatchObject({ kind: 'report', position: 0, format: 'jpeg', width: 64, height: 48, uploadedBy: me });
    expect(photos[0]!.thumb.length).toBeGreaterThan(0);
    const messages = await db().select().from(outbox).where(sql`${outbox.payload}->>'reportId' = ${out.id}`);
    expect(messages.map((m) => m.topic)).toEqual(['report.route']);
    const notes = await db().select().from(notifications).where(eq(notifications.recipientRef, me));
    expect(notes.map((n) => [n.channel, n.template])).toEqual([
      ['in_app', 'reportFiled'],
      ['email', 'reportFiled'],
    ]);
    expect(notes[0]!.params).toMatchObject({ number: out.registrationNumber, path: `/my/reports/${out.registrationNumber}` });
  });

  it('gives consecutive, unique registration numbers', async () => {
    const me = await citizen();
    const a = await fileReport(deps(), input(me));
    const b = await fileReport(deps(), input(me));
    if (a.kind !== 'filed' || b.kind !== 'filed') throw new Error('not filed');
    expect(Number(b.registrationNumber.slice(7))).toBe(Number(a.registrationNumber.slice(7)) + 1);
  });

  it('registers a report that arrives on a Saturday on the next working day', async () => {
    const me = await citizen();
    const out = await fileReport(deps('2026-11-21T09:00:00Z'), input(me));
    expect(out).toMatchObject({ kind: 'filed', registeredOn: '2026-11-23' });
  });

  it('files without a point: the chosen district and the address', async () => {
    const me = await citizen();
    const out = await fileReport(deps(), input(me, { place: { kind: 'unit', unitKato: '711310000', addressText: 'Kenesary street 40, yard' } }));
    if (out.kind !== 'filed') throw new Error(JSON.stringify(out));
    const [row] = await db().select().from(reports).where(eq(reports.id, out.id));
    expect(row).toMatchObject({ lon: null, lat: null, placeUnitKato: '711310000', addressText: 'Kenesary street 40, yard' });
  });

  it('refuses, writing nothing: abroad, bad coordinates, unknown category or unit, short or long text, no address, four photos, not a proofed citizen', async () => {
    const me = await citizen();
    const staff = randomUUID();
    await db().insert(accounts).values({ id: staff, kind: 'staff', displayName: 'Officer' });
    const before = [await count(reports), await count(reportPhotos), await count(outbox)];
    const p = await photo();
    const cases: [Partial<FileReportInput>, string, string][] = [
      [{ place: { kind: 'point', ...BISHKEK } }, 'outside', 'reports.location.outside'],
      [{ place: { kind: 'point', lon: 200, lat: 51 } }, 'invalid-point', 'reports.location.invalid'],
      [{ place: { kind: 'point', lon: Number.NaN, lat: 51 } }, 'invalid-point', 'reports.location.invalid'],
      [{ categoryCode: 'teleportation' }, 'unknown-category', 'reports.location.unknownCategory'],
      [{ place: { kind: 'unit', unitKato: '999999999', addressText: 'Somewhere 1' } }, 'unknown-unit', 'reportFiling.errors.unknownUnit'],
      [{ place: { kind: 'unit', unitKato: '711310000', addressText: '  ' } }, 'address-required', 'reportFiling.errors.addressRequired'],
      [{ description: '  broken  ' }, 'description-too-short', 'reportFiling.errors.descriptionTooShort'],
      [{ description: 'x'.repeat(5001) }, 'description-too-long', 'reportFiling.errors.descriptionTooLong'],
      [{ photos: [p, p, p, p] }, 'too-many-photos', 'reportFiling.errors.tooManyPhotos'],
      [{ reporter: { kind: 'citizen', accountId: staff } }, 'not-proofed', 'reportFiling.errors.notProofed'],
    ];
    for (const [over, reason, key] of cases) {
      const out = await fileReport(deps(), input(me, over));
      expect(out, reason).toMatchObject({ kind: 'refused', reason, message: { key } });
    }
    expect([await count(reports), await count(reportPhotos), await count(outbox)]).toEqual(before);
  });
});

describe('routeFiledReport', () => {
  it('routes a point in Astana to its district akimat with the reason, the clocks and the notifications, once', async () => {
    const me = await citizen();
    const filed = await fileReport(deps(), input(me));
    if (filed.kind !== 'filed') throw new Error('not filed');
    const saryarka = await akimatOf('711310000');

    const out = await routeFiledReport(deps('2026-11-20T06:00:05Z'), filed.id);
    // Friday 20 Nov: forward within 3 working days (Wed 25 Nov), answer within 15 (Fri 11 Dec).
    expect(out).toEqual({ kind: 'routed', akimatBodyId: saryarka, unitKato: '711310000', departmentCode: expect.any(String), forwardDueOn: '2026-11-25', answerDueOn: '2026-12-11' });

    const [row] = await db().select().from(reports).where(eq(reports.id, filed.id));
    expect(row).toMatchObject({
      status: 'assigned',
      akimatBodyId: saryarka,
      answeringUnitKato: '711310000',
      forwardDueOn: '2026-11-25',
      answerDueOn: '2026-12-11',
      answerDueOnOriginal: '2026-12-11',
    });
    const assignments = await db().select().from(reportAssignments).where(eq(reportAssignments.reportId, filed.id));
    expect(assignments).toHaveLength(1);
    expect(assignments[0]).toMatchObject({ kind: 'routing', akimatBodyId: saryarka, unitKato: '711310000' });
    const expected = routeReport({ point: ASTANA_STATION, categoryCode: 'yards_playgrounds' }, routing);
    if (expected.kind !== 'routed') throw new Error('fixture does not route');
    expect(assignments[0]!.reason).toEqual(JSON.parse(JSON.stringify(expected.reason)));

    const events = await db().select().from(reportEvents).where(eq(reportEvents.reportId, filed.id)).orderBy(reportEvents.id);
    expect(events.map((e) => [e.type, e.fromStatus, e.toStatus, e.actorRole])).toEqual([
      ['file', null, 'registered', 'citizen'],
      ['route', 'registered', 'assigned', 'system'],
    ]);
    const routed = await db().select().from(notifications).where(and(eq(notifications.recipientRef, me), eq(notifications.template, 'reportRouted')));
    expect(routed).toHaveLength(2);
    expect(routed[0]!.params).toMatchObject({ akimat: expected.reason.params.akimat.nameRu, dueOn: '2026-12-11' });

    // The job again (a replay of the queue message): nothing changes.
    expect(await routeFiledReport(deps('2026-11-20T07:00:00Z'), filed.id)).toEqual({ kind: 'already-routed' });
    expect(await db().select().from(reportAssignments).where(eq(reportAssignments.reportId, filed.id))).toHaveLength(1);
    expect(await db().select().from(reportEvents).where(eq(reportEvents.reportId, filed.id))).toHaveLength(2);
  });

  it('routes two concurrent deliveries of the same job once', async () => {
    const me = await citizen();
    const filed = await fileReport(deps(), input(me));
    if (filed.kind !== 'filed') throw new Error('not filed');
    const outs = await Promise.all([routeFiledReport(deps(), filed.id), routeFiledReport(deps(), filed.id)]);
    expect(outs.map((o) => o.kind).sort()).toEqual(['already-routed', 'routed']);
    expect(await db().select().from(reportAssignments).where(eq(reportAssignments.reportId, filed.id))).toHaveLength(1);
  });

  it('routes a report without a point from the chosen unit, with a reason that explains itself', async () => {
    const me = await citizen();
    const filed = await fileReport(deps(), input(me, { place: { kind: 'unit', unitKato: '711310000', addressText: 'Kenesary street 40' } }));
    if (filed.kind !== 'filed') throw new Error('not filed');
    const out = await routeFiledReport(deps(), filed.id);
    expect(out).toMatchObject({ kind: 'routed', akimatBodyId: await akimatOf('711310000'), unitKato: '711310000' });
    const [a] = await db().select().from(reportAssignments).where(eq(reportAssignments.reportId, filed.id));
    expect(a!.reason).toMatchObject({ code: 'routing.reason.local', params: { via: 'chosen-unit', unitKato: '711310000' } });
    const t = getT('en');
    const lines = explainRouting(a!.reason as never, 'en').map((m) => t(m.key, m.params));
    expect(lines[0]).toContain('Saryarka');
  });

  it('routeFromUnit agrees with routeReport for the district of every administrative centre and district town', () => {
    for (const place of [...ADMINISTRATIVE_CENTRES, ...DISTRICT_TOWNS]) {
      for (const categoryCode of ['roads', 'waste', 'yards_playgrounds', 'stray_animals']) {
        const byPoint = routeReport({ point: place, categoryCode }, routing);
        if (byPoint.kind !== 'routed') continue;
        const kato = byPoint.location.district ?? byPoint.location.region;
        const byUnit = routeFromUnit({ unitKato: kato, categoryCode }, routing);
        expect(byUnit, `${place.name} ${categoryCode}`).toMatchObject({ kind: 'routed', akimatBodyId: byPoint.akimatBodyId, departmentCode: byPoint.departmentCode });
      }
    }
  });
});

describe('notifyApplicants', () => {
  it('tells the reporter and every co-applicant, each in their language, in the portal and by email when known', async () => {
    const reporter = await citizen({ locale: 'kk' });
    const coApplicant = await citizen({ locale: 'en', email: null });
    const filed = await fileReport(deps(), input(reporter));
    if (filed.kind !== 'filed') throw new Error('not filed');
    await db().insert(reportApplicants).values({ reportId: filed.id, accountId: coApplicant, role: 'co-applicant' });
    const n = await db().transaction((tx) => notifyApplicants(tx, filed.id, 'answer', { decision: 'resolved' }));
    expect(n).toBe(3);
    const rows = await db().select().from(notifications).where(eq(notifications.template, 'reportAnswered'));
    expect(rows.map((r) => [r.recipientRef, r.channel, r.locale]).sort()).toEqual(
      [
        [reporter, 'in_app', 'kk'],
        [reporter, 'email', 'kk'],
        [coApplicant, 'in_app', 'en'],
      ].sort(),
    );
    const email = rows.find((r) => r.channel === 'email')!;
    const text = renderNotification('reportAnswered', 'kk', email.params, 'https://dauys.kz');
    expect(text.text).toContain(`https://dauys.kz/my/reports/${filed.registrationNumber}`);
    expect(text.text).toContain('шешілді');
  });

  it('every report template renders in every language without a missing value', () => {
    const params = { name: 'A', number: 'R-2026-000001', status: 'in-progress', decision: 'planned', akimat: 'Akimat', dueOn: '2026-12-11', text: 'Which entrance?', reason: 'Not competent', path: '/my/reports/R-2026-000001' };
    const templates: Template[] = ['reportFiled', 'reportRouted', 'reportStep', 'reportInfoRequested', 'reportForwarded', 'reportExtended', 'reportAnswered', 'reportFixed', 'reportEscalated', 'reportJoined'];
    for (const locale of LOCALES)
      for (const template of templates) {
        const out = renderNotification(template, locale, params, 'https://dauys.kz');
        expect(`${out.subject}\n${out.text}`, `${locale} ${template}`).not.toMatch(/\{\{|\$t\(|notify\.|reportFiling\./);
      }
  });
});
