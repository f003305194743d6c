import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { open311Partners, reportEvents, reports } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import type { Actor } from '../../app/domain/identity/permissions';
import { fileReport, routeFiledReport } from '../../app/domain/reports/filing.server';
import { answerReport } from '../../app/domain/reports/staff.server';
import { hashApiKey, issuePartnerKey, revokePartner } from '../../app/domain/reports/open311.server';
import { loadRoutingData, type LoadedRoutingData } from '../../app/domain/routing/load.server';
import { fixedClock, silentLogger } from '../../app/domain/shared/deps';
import { PUBLIC_ORIGIN, startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { cleanPhoto, proofedCitizen } from '../support/reports';

/**
 * Open311 GeoReport v2 contract tests over HTTP: every endpoint in JSON and XML, the filters of
 * requests.json, a partner's POST (through fileReport, then the routing job) and the errors in the
 * spec's format [{code, description}] with their HTTP status: bad service code, missing location,
 * bad API key, unknown id or token. Requests come from a server, not a browser: no Origin, no
 * cookies, no CSRF token.
 */

let tdb: TestDatabase;
let app: TestApp;
let routing: LoadedRoutingData;
let apiKey = '';
let partnerId = '';
const db = () => tdb.handle.db;
const DAY = 86_400_000;
const day0 = new Date(Date.now() - 10 * DAY);
const deps = (when = day0) => ({ db: db(), clock: fixedClock(when), log: silentLogger, routing });
const ASTANA = { lon: 71.4094, lat: 51.1955 };
const PARTNER_CONTACT = { email: 'hidden.partner.contact@example.kz', first_name: 'Жасырын', last_name: 'Байланысов', phone: '+77010000000' };
let citizenNumber = '';
let answeredNumber = '';

async function call(method: 'GET' | 'POST', path: string, form?: Record<string, string>) {
  const res = await fetch(`${app.url}${path}`, {
    method,
    headers: form ? { 'Content-Type': 'application/x-www-form-urlencoded' } : {},
    body: form ? new URLSearchParams(form).toString() : undefined,
    redirect: 'manual',
  });
  const text = await res.text();
  let json: unknown = null;
  try {
    json = JSON.parse(text);
  } catch {
    json = null;
  }
  return { status: res.status, headers: res.headers, text, json };
}

/** The body of a JSON answer as an array of rows. */
const rows = <T>(r: { json: unknown }): T[] => r.json as T[];

/** The spec's error format. */
function expectError(r: { status: number; json: unknown; headers: Headers }, status: number) {
  expect(r.status).toBe(status);
  expect(r.headers.get('content-type')).toMatch(/^application\/json/);
  expect(r.json).toEqual([{ code: status, description: expect.any(String) }]);
  expect((rows<{ description: string }>(r)[0]!.description).length).toBeGreaterThan(10);
}

const post = (over: Record<string, string> = {}) =>
  call('POST', '/open311/v2/requests.json', {
    api_key: apiKey,
    service_code: 'street_lighting',
    lat: String(ASTANA.lat),
    long: String(ASTANA.lon),
    address_string: 'пр. Республики, 1',
    description: 'Three street lights are out on the avenue near the station.',
    ...PARTNER_CONTACT,
    account_id: 'partner-user-77',
    media_url: 'http://169.254.169.254/latest/meta-data/',
    locale: 'en',
    ...over,
  });

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(db());
  routing = await loadRoutingData(db());
  ({ apiKey, partnerId } = await issuePartnerKey(deps(), 'City contact centre 109'));
  const me = await proofedCitizen(db(), { given: 'Айгерим', family: 'Open311ова' }, day0);
  const filed = await fileReport(deps(), {
    reporter: { kind: 'citizen', accountId: me },
    categoryCode: 'roads',
    place: { kind: 'point', ...ASTANA },
    description: 'A deep pothole on the road near the railway station damages cars.',
    photos: [await cleanPhoto()],
    locale: 'ru',
  });
  if (filed.kind !== 'filed') throw new Error('file');
  await routeFiledReport(deps(), filed.id);
  citizenNumber = filed.registrationNumber;
  const second = await fileReport(deps(new Date(day0.getTime() + DAY)), {
    reporter: { kind: 'citizen', accountId: me },
    categoryCode: 'heating',
    place: { kind: 'point', ...ASTANA },
    description: 'No heating in the building for three days already.',
    locale: 'ru',
  });
  if (second.kind !== 'filed') throw new Error('file');
  await routeFiledReport(deps(new Date(day0.getTime() + DAY)), second.id);
  answeredNumber = second.registrationNumber;
  const [routed] = await db().select({ akimat: reports.akimatBodyId }).from(reports).where(eq(reports.id, second.id));
  const officer: Actor = { accountId: me, kind: 'staff', roles: [{ role: 'akimat_officer', bodyId: routed!.akimat! }] };
  const answered = await answerReport(deps(new Date(day0.getTime() + 2 * DAY)), officer, answeredNumber, { decision: 'planned', plannedOn: '2027-05-01', text: 'The boiler house will be repaired.' }, { ip: null, userAgent: null });
  if (answered.kind !== 'ok') throw new Error(`answer: ${JSON.stringify(answered)}`);
  app = await startTestApp(tdb.handle);
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('partner keys', () => {
  it('stores only the SHA-256 of the key', async () => {
    const [row] = await db().select().from(open311Partners).where(eq(open311Partners.id, partnerId));
    expect(row!.keyHash).toBe(hashApiKey(apiKey));
    expect(row!.keyHash).not.toContain(apiKey);
    expect(apiKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('GET services', () => {
  it('lists the 26 categories as services, in the requested language, without cookies', async () => {
    const r = await call('GET', '/open311/v2/services.json?locale=en');
    expect(r.status).toBe(200);
    expect(r.headers.get('set-cookie')).toBeNull();
    expect(r.headers.get('access-control-allow-origin')).toBe('*');
    expect(r.json).toHaveLength(26);
    expect(rows(r)[0]).toEqual({ service_code: 'roads', service_name: expect.any(String), description: expect.any(String), metadata: false, type: 'realtime', keywords: expect.any(String), group: expect.any(String) });
    const ru = await call('GET', '/open311/v2/services.json?locale=ru_KZ');
    expect(rows<{ service_name: string; service_code: string }>(ru).find((s) => s.service_code === 'heating')!.service_name).toMatch(/[а-я]/i);
    expect(rows<{ service_name: string }>(r)[0]!.service_name).not.toBe(rows<{ service_name: string }>(ru)[0]!.service_name);
  });

  it('answers in XML too', async () => {
    const r = await call('GET', '/open311/v2/services.xml?jurisdiction_id=dauys.kz');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(r.text).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<services><service><service_code>roads<\/service_code>/);
    expect([...r.text.matchAll(/<service>/g)]).toHaveLength(26);
  });

  it('gives a service definition, and 404 in the error format for an unknown code', async () => {
    const r = await call('GET', '/open311/v2/services/heating.json');
    expect(r.status).toBe(200);
    expect(r.json).toEqual({ service_code: 'heating', attributes: [] });
    const x = await call('GET', '/open311/v2/services/heating.xml');
    expect(x.text).toContain('<service_definition><service_code>heating</service_code><attributes></attributes></service_definition>');
    expectError(await call('GET', '/open311/v2/services/nope.json'), 404);
    const xe = await call('GET', '/open311/v2/services/nope.xml');
    expect(xe.status).toBe(404);
    expect(xe.text).toMatch(/<errors><error><code>404<\/code><description>.+<\/description><\/error><\/errors>/);
  });
});

describe('POST requests', () => {
  it('files a report for a partner through the same filing and routing, contact kept private', async () => {
    const r = await post();
    expect(r.status).toBe(201);
    expect(r.headers.get('set-cookie')).toBeNull();
    expect(r.json).toEqual([{ service_request_id: expect.stringMatching(/^R-\d{4}-\d{6}$/), token: expect.any(String), service_notice: expect.any(String), account_id: 'partner-user-77' }]);
    const { service_request_id: number, token } = rows<{ service_request_id: string; token: string }>(r)[0]!;
    const [row] = await db().select().from(reports).where(eq(reports.registrationNumber, number));
    expect(row).toMatchObject({ source: 'open311', partnerId, reporterAccountId: null, status: 'registered', categoryCode: 'street_lighting', addressText: 'пр. Республики, 1', open311Token: token });
    expect(row!.partnerContact).toEqual({ ...PARTNER_CONTACT, account_id: 'partner-user-77' });
    const events = await db().select().from(reportEvents).where(eq(reportEvents.reportId, row!.id));
    expect(events.map((e) => [e.type, e.actorRole])).toEqual([['file', 'partner']]);

    // The token resolves to the id; then the routing job assigns the akimat and the clock, as for citizens.
    const tok = await call('GET', `/open311/v2/tokens/${token}.json`);
    expect(tok.status).toBe(200);
    expect(tok.json).toEqual([{ service_request_id: number, token }]);
    expect((await routeFiledReport({ db: db(), clock: fixedClock(new Date()), log: silentLogger, routing }, row!.id)).kind).toBe('routed');
    const one = await call('GET', `/open311/v2/requests/${number}.json?locale=en`);
    expect(one.status).toBe(200);
    const req = rows<Record<string, unknown>>(one)[0]!;
    expect(req).toMatchObject({ service_request_id: number, status: 'open', service_code: 'street_lighting', lat: ASTANA.lat, long: ASTANA.lon, address: 'пр. Республики, 1', media_url: null });
    expect(req.agency_responsible).toEqual(expect.stringMatching(/Akimat/));
    expect(req.expected_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T23:59:59\+05:00$/);
    expect(req.requested_datetime).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+05:00$/);
    // The partner's contact is never published: not in Open311, not on the public page.
    for (const v of Object.values(PARTNER_CONTACT)) expect(one.text).not.toContain(v);
    const page = await fetch(`${app.url}/reports/${number}`);
    const html = await page.text();
    expect(page.status).toBe(200);
    for (const v of [...Object.values(PARTNER_CONTACT), 'partner-user-77', 'City contact centre 109']) expect(html).not.toContain(v);
  });

  it('answers in XML for requests.xml', async () => {
    const r = await call('POST', '/open311/v2/requests.xml', {
      api_key: apiKey,
      service_code: 'waste',
      lat: String(ASTANA.lat),
      long: String(ASTANA.lon),
      description: 'The waste containers in the yard overflow.',
    });
    expect(r.status).toBe(201);
    expect(r.text).toMatch(/<service_requests><request><service_request_id>R-\d{4}-\d{6}<\/service_request_id><token>[\w-]+<\/token><service_notice>.+<\/service_notice><account_id\/><\/request><\/service_requests>/);
  });

  it('refuses a bad or revoked API key with 403 and files nothing', async () => {
    const before = (await db().select({ id: reports.id }).from(reports)).length;
    expectError(await post({ api_key: 'not-a-key' }), 403);
    expectError(await post({ api_key: '' }), 403);
    const other = await issuePartnerKey(deps(), 'Revoked partner');
    await revokePartner(deps(), other.partnerId);
    expectError(await post({ api_key: other.apiKey }), 403);
    expect((await db().select({ id: reports.id }).from(reports)).length).toBe(before);
  });

  it('refuses a bad service code, a missing location and a missing description with 400 and files nothing', async () => {
    const before = (await db().select({ id: reports.id }).from(reports)).length;
    expectError(await post({ service_code: 'unicorns' }), 400);
    expectError(await post({ service_code: '' }), 400);
    const noLocation = await post({ lat: '', long: '' });
    expectError(noLocation, 400);
    expect(rows<{ description: string }>(noLocation)[0]!.description).toMatch(/lat and long/);
    expectError(await post({ lat: 'north', long: '71.4' }), 400);
    expectError(await post({ description: 'short' }), 400);
    const abroad = await post({ lat: '42.8746', long: '74.5698' }); // Bishkek
    expectError(abroad, 400);
    expect(rows<{ description: string }>(abroad)[0]!.description).toMatch(/outside Kazakhstan/);
    const xml = await call('POST', '/open311/v2/requests.xml', { api_key: apiKey, service_code: 'unicorns', lat: '51.1', long: '71.4', description: 'Something is wrong here.' });
    expect(xml.status).toBe(400);
    expect(xml.text).toMatch(/<errors><error><code>400<\/code>/);
    expect((await db().select({ id: reports.id }).from(reports)).length).toBe(before);
  });

  it('authenticates before anything else: 403 without a key, then 405 on services.json or 404 elsewhere', async () => {
    expectError(await call('POST', '/open311/v2/services.json', { api_key: apiKey }), 405);
    expectError(await call('POST', '/open311/v2/services.json', {}), 403);
    expectError(await call('POST', '/open311/v2/nowhere/x.json', { api_key: apiKey }), 404);
    expectError(await call('POST', '/open311/v2/nowhere/x.json', {}), 403);
  });
});

describe('GET requests', () => {
  it('lists the requests of the last 90 days with the standard status and our detailed one in status_notes', async () => {
    const r = await call('GET', '/open311/v2/requests.json?locale=en');
    expect(r.status).toBe(200);
    const list = r.json as { service_request_id: string; status: string; status_notes: string; media_url: string | null; requested_datetime: string }[];
    expect(list.length).toBe(4);
    const answered = list.find((x) => x.service_request_id === answeredNumber)!;
    expect(answered.status).toBe('closed');
    expect(answered.status_notes).toBe('Answered: Planned — The boiler house will be repaired.');
    const withPhoto = list.find((x) => x.service_request_id === citizenNumber)!;
    expect(withPhoto.status).toBe('open');
    expect(withPhoto.status_notes).toBe('Sent to the akimat');
    expect(withPhoto.media_url).toMatch(new RegExp(`^${PUBLIC_ORIGIN}/reports/${citizenNumber}/photos/[0-9a-f-]{36}$`));
    // newest first
    const times = list.map((x) => Date.parse(x.requested_datetime));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('applies service_request_id, service_code, status, start_date and end_date', async () => {
    const ids = await call('GET', `/open311/v2/requests.json?service_request_id=${citizenNumber},${answeredNumber},R-2000-000001`);
    expect(rows<{ service_request_id: string }>(ids).map((x) => x.service_request_id).sort()).toEqual([citizenNumber, answeredNumber].sort());
    const code = await call('GET', '/open311/v2/requests.json?service_code=heating');
    expect(rows<{ service_request_id: string }>(code).map((x) => x.service_request_id)).toEqual([answeredNumber]);
    const closed = await call('GET', '/open311/v2/requests.json?status=closed');
    expect(rows<{ service_request_id: string }>(closed).map((x) => x.service_request_id)).toEqual([answeredNumber]);
    const open = await call('GET', '/open311/v2/requests.json?status=open');
    expect(open.json).toHaveLength(3);
    const start = new Date(day0.getTime() + DAY / 2).toISOString();
    const end = new Date(day0.getTime() + 2 * DAY).toISOString();
    const window = await call('GET', `/open311/v2/requests.json?start_date=${encodeURIComponent(start)}&end_date=${encodeURIComponent(end)}`);
    expect(rows<{ service_request_id: string }>(window).map((x) => x.service_request_id)).toEqual([answeredNumber]);
    const old = await call('GET', '/open311/v2/requests.json?start_date=2020-01-01T00:00:00Z&end_date=2020-02-01T00:00:00Z');
    expect(old.json).toEqual([]);
  });

  it('refuses bad filters in the error format', async () => {
    expectError(await call('GET', '/open311/v2/requests.json?service_code=unicorns'), 400);
    expectError(await call('GET', '/open311/v2/requests.json?status=pending'), 400);
    expectError(await call('GET', '/open311/v2/requests.json?start_date=last-week'), 400);
  });

  it('gives one request by id in JSON and XML; 404 for an unknown id or token', async () => {
    const one = await call('GET', `/open311/v2/requests/${answeredNumber}.xml?locale=ru`);
    expect(one.status).toBe(200);
    expect(one.text).toMatch(new RegExp(`<service_requests><request><service_request_id>${answeredNumber}</service_request_id><status>closed</status><status_notes>Дан ответ: Запланировано`));
    expectError(await call('GET', '/open311/v2/requests/R-2000-000001.json'), 404);
    expectError(await call('GET', '/open311/v2/requests/whatever.json'), 404);
    expectError(await call('GET', '/open311/v2/tokens/abcdefghijklmnop.json'), 404);
    expectError(await call('GET', '/open311/v2/nothing/here.json'), 404);
  });
});
