import { createHash, randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditLog, citizens, localBodies, reportApplicants, reportEvents, reportPhotos, reports, sessions } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import { hashToken } from '../../app/domain/identity/sessions.server';
import { inviteFromCommandLine } from '../../app/domain/identity/staff.server';
import { fileReport, routeFiledReport } from '../../app/domain/reports/filing.server';
import { silentLogger, systemClock } from '../../app/domain/shared/deps';
import { getIdentityConfig } from '../../app/services/identity.server';
import { PUBLIC_ORIGIN, startTestApp, type Sent, type TestApp, type TestBrowser } from '../support/app';
import { enrollCitizen, makeIin } from '../support/citizens';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { SoftAuthenticator } from '../support/soft-authenticator';

/**
 * Akimat officers over HTTP (the production build, `npm run build` first): the inbox scoped to the
 * officer's akimats, the report page (404 for another akimat), and every action form posted as a
 * browser without JavaScript would (CSRF field, multipart for the fix photo), with the audit rows.
 *
 * Reports are filed and routed through fileReport + routeFiledReport (the citizen's pages are
 * tested in the filing tests); a point at the railway station of Astana lies in Saryarka District.
 */

let tdb: TestDatabase;
let app: TestApp;
const db = () => tdb.handle.db;
const deps = () => ({ db: db(), clock: systemClock, log: silentLogger });
const SARYARKA = { lon: 71.4094, lat: 51.1955 };

let saryarkaOfficer: TestBrowser;
let almatyOfficer: TestBrowser;
let citizenBrowser: TestBrowser;
let saryarka: number;
let almaty: number;

async function akimatOf(kato: string): Promise<number> {
  const [row] = await db().select({ id: localBodies.id }).from(localBodies).where(and(eq(localBodies.unitKato, kato), eq(localBodies.kind, 'akimat')));
  return row!.id;
}

async function accountOf(browser: TestBrowser): Promise<string> {
  const [row] = await db().select({ accountId: sessions.accountId }).from(sessions).where(eq(sessions.id, hashToken(browser.cookies.get('dauys_session')!)));
  return row!.accountId;
}

/** A staff member invited from the command line who accepts the invitation and adds a passkey. */
async function officer(displayName: string, bodyIds: number[]): Promise<TestBrowser> {
  const invite = await inviteFromCommandLine(deps(), getIdentityConfig(), { displayName, role: 'akimat_officer', bodyIds });
  if (invite.kind !== 'invited') throw new Error(`invite refused: ${JSON.stringify(invite)}`);
  const b = app.browser();
  b.cookies.set('lng', 'en');
  await b.get(`/invite/${invite.token}`);
  expect((await b.postForm(`/invite/${invite.token}`, {})).status).toBe(302);
  const options = await b.postJson('/api/webauthn/register/options', {});
  const response = new SoftAuthenticator(PUBLIC_ORIGIN).createCredential(options.json.options as never);
  expect((await b.postJson('/api/webauthn/register/verify', { response })).status).toBe(200);
  return b;
}

async function reporter(): Promise<string> {
  const id = randomUUID();
  await db().insert(accounts).values({ id, kind: 'citizen', displayName: 'Serik B.', locale: 'ru' });
  await db()
    .insert(citizens)
    .values({
      accountId: id,
      iinHmac: createHash('sha256').update(id).digest('hex'),
      iinKeyVersion: 1,
      givenName: 'Serik',
      familyName: 'B.',
      birthYear: 1980,
      adultOn: '1998-01-01',
      sex: 'M',
      residenceKato: '711310000',
      residenceUnitKato: '711310000',
      proofingMethod: 'demo',
      proofedAt: new Date(),
    });
  return id;
}

async function filed(description = 'Street lamp in the yard of house 12 does not work for a week.'): Promise<{ number: string; id: string }> {
  const out = await fileReport(deps(), {
    reporter: { kind: 'citizen', accountId: await reporter() },
    categoryCode: 'yards_playgrounds',
    place: { kind: 'point', ...SARYARKA },
    description,
    locale: 'ru',
  });
  if (out.kind !== 'filed') throw new Error(JSON.stringify(out));
  const routed = await routeFiledReport(deps(), out.id);
  if (routed.kind !== 'routed') throw new Error(JSON.stringify(routed));
  return { number: out.registrationNumber, id: out.id };
}

const status = async (id: string) => (await db().select({ s: reports.status }).from(reports).where(eq(reports.id, id)))[0]!.s;
const inboxNumbers = (html: string) => [...html.matchAll(/data-report="(R-\d{4}-\d+)"/g)].map((m) => m[1]!);

/** A multipart form POST as a browser sends it (the fix photo). */
async function postMultipart(b: TestBrowser, path: string, fields: Record<string, string>, file?: { name: string; type: string; bytes: Buffer }): Promise<Sent> {
  const form = new FormData();
  form.append('csrf', b.csrf);
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('photo', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
  const res = await fetch(`${b.base}${path}`, {
    method: 'POST',
    headers: { Origin: b.origin, 'Sec-Fetch-Site': 'same-origin', Cookie: b.cookieHeader(), 'X-Forwarded-For': b.ip },
    body: form,
    redirect: 'manual',
  });
  return { status: res.status, headers: res.headers, text: await res.text(), json: {}, location: res.headers.get('Location'), setCookies: [] };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(db());
  app = await startTestApp(tdb.handle);
  saryarka = await akimatOf('711310000');
  almaty = await akimatOf('750000000');
  saryarkaOfficer = await officer('Aliya Officer', [saryarka]);
  almatyOfficer = await officer('Bolat Officer', [almaty]);
  citizenBrowser = (await enrollCitizen(app.browser(), { iin: makeIin('1986-04-04', 'F', 41), origin: PUBLIC_ORIGIN })).browser;
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('the inbox and the report page', () => {
  it('the right akimat sees the report; another akimat neither in the inbox nor on the page; citizens are refused', async () => {
    const { number } = await filed();
    const inbox = await saryarkaOfficer.get('/akimat/reports');
    expect(inbox.status).toBe(200);
    expect(inboxNumbers(inbox.text)).toContain(number);
    expect(inbox.text).toContain('Reports inbox');

    const other = await almatyOfficer.get('/akimat/reports');
    expect(other.status).toBe(200);
    expect(inboxNumbers(other.text)).not.toContain(number);
    expect((await almatyOfficer.get(`/akimat/reports/${number}`)).status).toBe(404);
    expect((await citizenBrowser.get('/akimat/reports')).status).toBe(403);
    expect((await citizenBrowser.get(`/akimat/reports/${number}`)).status).toBe(403);
    expect((await app.browser().get('/akimat/reports')).status).toBeGreaterThanOrEqual(300);

    const page = await saryarkaOfficer.get(`/akimat/reports/${number}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-testid="report-map"');
    expect(page.text).toContain('Saryarka');
    expect(page.text).toContain('data-testid="routing-reason"');
    expect(page.text).toContain('data-testid="form-acknowledge"');
    // The inbox link for officers is in the navigation.
    expect(page.text).toContain('href="/akimat/reports"');
  });

  it('filters: category, overdue, due this week', async () => {
    const { number } = await filed();
    expect(inboxNumbers((await saryarkaOfficer.get('/akimat/reports?category=yards_playgrounds')).text)).toContain(number);
    expect(inboxNumbers((await saryarkaOfficer.get('/akimat/reports?category=roads')).text)).not.toContain(number);
    expect(inboxNumbers((await saryarkaOfficer.get('/akimat/reports?overdue=1')).text)).not.toContain(number);
    expect(inboxNumbers((await saryarkaOfficer.get('/akimat/reports?district=711310000')).text)).toContain(number);
  });
});

describe('actions over HTTP', () => {
  it('acknowledge -> answer (with a template) -> mark fixed with a photo; audited', async () => {
    const { number, id } = await filed();
    const path = `/akimat/reports/${number}`;
    expect((await saryarkaOfficer.postForm(path, { intent: 'acknowledge' }, { csrf: false })).status).toBe(403);
    expect((await almatyOfficer.postForm(path, { intent: 'acknowledge' })).status).toBe(404);
    expect(await status(id)).toBe('assigned');

    const ack = await saryarkaOfficer.postForm(path, { intent: 'acknowledge' });
    expect(ack.status).toBe(302);
    expect(ack.location).toBe(`${path}?done=acknowledge`);
    expect(await status(id)).toBe('in-progress');
    const again = await saryarkaOfficer.postForm(path, { intent: 'acknowledge' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('This action is not possible while the report is “In progress”.');

    // The template prefills the answer form (a GET, no JavaScript).
    const withTemplate = await saryarkaOfficer.get(`${path}?template=general-resolved`);
    expect(withTemplate.text).toContain('The problem you reported has been fixed.');

    const bad = await saryarkaOfficer.postForm(path, { intent: 'answer', decision: 'planned', text: 'It will be done.', plannedOn: '' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('This field is required.');
    expect(await status(id)).toBe('in-progress');

    const answered = await saryarkaOfficer.postForm(path, { intent: 'answer', decision: 'resolved', text: 'The lamp was replaced by the district lighting service.', templateCode: 'general-resolved' });
    expect(answered.status).toBe(302);
    expect(await status(id)).toBe('answered');

    // A file that lies about its type is refused with a clear message, nothing stored.
    const liar = await postMultipart(saryarkaOfficer, path, { intent: 'mark-fixed' }, { name: 'fixed.jpg', type: 'image/jpeg', bytes: Buffer.from('not an image at all') });
    expect(liar.status).toBe(422);
    expect(liar.text).toContain('This file is not a photo we can accept.');
    expect(await status(id)).toBe('answered');

    const png = await sharp({ create: { width: 48, height: 32, channels: 3, background: { r: 30, g: 150, b: 60 } } }).png().toBuffer();
    const fixed = await postMultipart(saryarkaOfficer, path, { intent: 'mark-fixed', note: 'New lamp installed.' }, { name: 'fixed.png', type: 'image/png', bytes: png });
    expect(fixed.status).toBe(302);
    expect(await status(id)).toBe('fixed');
    const [photo] = await db().select().from(reportPhotos).where(and(eq(reportPhotos.reportId, id), eq(reportPhotos.kind, 'fix')));
    expect(photo).toBeDefined();
    const served = await saryarkaOfficer.get(`${path}/photos/${photo!.id}`);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect((await almatyOfficer.get(`${path}/photos/${photo!.id}`)).status).toBe(404);

    const officerId = await accountOf(saryarkaOfficer);
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.subjectType, 'report'), eq(auditLog.subjectId, id))).orderBy(auditLog.id);
    expect(audit.map((a) => [a.action, a.actorAccountId])).toEqual([
      ['report.acknowledge', officerId],
      ['report.answer', officerId],
      ['report.mark-fixed', officerId],
    ]);
    const page = await saryarkaOfficer.get(path);
    expect(page.text).toContain('data-kind="fix"');
    expect(page.text).toContain('No action is possible in this status.');
  });

  it('forward with a required reason: the report moves to the other akimat', async () => {
    const { number, id } = await filed();
    const path = `/akimat/reports/${number}`;
    const missing = await saryarkaOfficer.postForm(path, { intent: 'forward', toBodyId: String(almaty), reason: '' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('This field is required.');
    const ok = await saryarkaOfficer.postForm(path, { intent: 'forward', toBodyId: String(almaty), reason: 'The address is in Almaty, not Astana.' });
    expect(ok.status).toBe(302);
    expect(ok.location).toBe(`/akimat/reports?done=forward&number=${number}`);
    expect(inboxNumbers((await saryarkaOfficer.get('/akimat/reports')).text)).not.toContain(number);
    expect(inboxNumbers((await almatyOfficer.get('/akimat/reports')).text)).toContain(number);
    const page = await almatyOfficer.get(path);
    expect(page.status).toBe(200);
    expect(page.text).toContain('The address is in Almaty, not Astana.');
    const [ev] = await db().select().from(reportEvents).where(and(eq(reportEvents.reportId, id), eq(reportEvents.type, 'forward')));
    expect(ev!.publicData).toMatchObject({ toBodyId: almaty, reason: 'The address is in Almaty, not Astana.', late: false });
  });

  it('merge a duplicate and request information', async () => {
    const target = await filed('The playground swing is broken near house 12.');
    const dup = await filed('Broken swing on the playground at house 12, dangerous.');
    const merged = await saryarkaOfficer.postForm(`/akimat/reports/${dup.number}`, { intent: 'merge', target: target.number });
    expect(merged.status).toBe(302);
    expect(await status(dup.id)).toBe('merged');
    expect(await db().select().from(reportApplicants).where(eq(reportApplicants.reportId, target.id))).toHaveLength(2);
    expect((await saryarkaOfficer.get(`/akimat/reports/${target.number}`)).text).toContain(`report ${dup.number} joined as a duplicate`);

    const empty = await saryarkaOfficer.postForm(`/akimat/reports/${target.number}`, { intent: 'request-info', question: ' ' });
    expect(empty.status).toBe(422);
    const asked = await saryarkaOfficer.postForm(`/akimat/reports/${target.number}`, { intent: 'request-info', question: 'Which entrance is the playground next to?' });
    expect(asked.status).toBe(302);
    expect(await status(target.id)).toBe('info-requested');
    const page = await saryarkaOfficer.get(`/akimat/reports/${target.number}`);
    expect(page.text).toContain('Paused while information is awaited');
    expect(page.text).toContain('Which entrance is the playground next to?');
  });

  it('unknown actions and numbers', async () => {
    const { number } = await filed();
    expect((await saryarkaOfficer.postForm(`/akimat/reports/${number}`, { intent: 'explode' })).status).toBe(400);
    expect((await saryarkaOfficer.get('/akimat/reports/R-2026-999999')).status).toBe(404);
    expect((await saryarkaOfficer.get('/akimat/reports/not-a-number')).status).toBe(404);
  });
});
