import { randomBytes, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, localBodies, outbox, reportApplicants, reportPhotos, reports, sessions, staffRoles } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import type { Actor } from '../../app/domain/identity/permissions';
import { hashToken } from '../../app/domain/identity/sessions.server';
import { markFixed, requestInfo } from '../../app/domain/reports/staff.server';
import { destinationPoint } from '../../app/domain/routing';
import { silentLogger, systemClock } from '../../app/domain/shared/deps';
import { processJob } from '../../workers/processors';
import { processPhoto } from '../../app/services/images.server';
import { PUBLIC_ORIGIN, startTestApp, type TestApp, type TestBrowser } from '../support/app';
import { enrollCitizen, makeIin } from '../support/citizens';
import { createTestDatabase, type TestDatabase } from '../support/db';

/**
 * The citizen's report pages over HTTP (the production build, `npm run build` first): the filing
 * form in two steps (nearby reports, then photos), the routing job run by the worker's processor,
 * the receipt, "me too", "my reports" and the closed-loop steps; photo refusals that store nothing;
 * the place outside Kazakhstan; the path without JavaScript (region/district list and address).
 * Browsers are plain HTTP clients (no JavaScript), so everything here also proves the no-JS path.
 */

let tdb: TestDatabase;
let app: TestApp;
const db = () => tdb.handle.db;
const deps = () => ({ db: db(), clock: systemClock, log: silentLogger });
const meta = { ip: '127.0.0.1', userAgent: 'vitest' };

const STATION = { lon: 71.4094, lat: 51.1955 }; // Astana, Saryarka District
const BISHKEK = { lon: 74.5698, lat: 42.8746 };
const DESCRIPTION = 'The playground swing is broken and the chains hang loose.';

let reporter: TestBrowser;
let neighbour: TestBrowser;
let stranger: TestBrowser;
let saryarka: number;
let officer: Actor;

async function accountOf(browser: TestBrowser): Promise<string> {
  const [row] = await db().select({ accountId: sessions.accountId }).from(sessions).where(eq(sessions.id, hashToken(browser.cookies.get('dauys_session')!)));
  return row!.accountId;
}

async function citizen(serial: number): Promise<TestBrowser> {
  const b = app.browser();
  b.cookies.set('lng', 'en');
  const enrolled = await enrollCitizen(b, { iin: makeIin('1988-03-03', serial % 2 ? 'M' : 'F', serial), origin: PUBLIC_ORIGIN });
  return enrolled.browser;
}

/** A phone photo: JPEG with camera EXIF and a GPS position. */
async function phoneJpeg(): Promise<Buffer> {
  return sharp({ create: { width: 120, height: 80, channels: 3, background: { r: 90, g: 120, b: 150 } } })
    .jpeg()
    .withExifMerge({
      IFD0: { Make: 'TestCam', Model: 'Dauys X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 11/1 43/1', GPSLongitudeRef: 'E', GPSLongitude: '71/1 24/1 33/1' },
    })
    .toBuffer();
}

const fields = (over: Record<string, string> = {}) => ({
  categoryCode: 'yards_playgrounds',
  lon: String(STATION.lon),
  lat: String(STATION.lat),
  unitKato: '',
  addressText: '',
  description: DESCRIPTION,
  ...over,
});

const counts = async () => {
  const n = async (table: typeof reports | typeof reportPhotos) => Number((await db().select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n);
  return { reports: await n(reports), photos: await n(reportPhotos) };
};

/** Runs the routing jobs waiting in the outbox through the worker's processor. */
async function runRoutingJobs(): Promise<unknown[]> {
  const rows = await db().select().from(outbox).where(eq(outbox.topic, 'report.route'));
  const out: unknown[] = [];
  for (const r of rows) out.push(await processJob({ deps: deps(), mailer: { baseUrl: PUBLIC_ORIGIN, send: async () => 'x' } }, { id: `ob-${r.id}`, name: r.topic, data: r.payload }));
  return out;
}

const numberFrom = (location: string | null) => /\/my\/reports\/(R-\d{4}-\d{6,})\?/.exec(location ?? '')?.[1] ?? '';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(db());
  app = await startTestApp(tdb.handle);
  reporter = await citizen(21);
  neighbour = await citizen(22);
  stranger = await citizen(23);
  const [body] = await db().select({ id: localBodies.id }).from(localBodies).where(and(eq(localBodies.unitKato, '711310000'), eq(localBodies.kind, 'akimat')));
  saryarka = body!.id;
  const id = randomUUID();
  await db().insert(accounts).values({ id, kind: 'staff', displayName: 'Officer of Saryarka' });
  await db().insert(staffRoles).values({ accountId: id, role: 'akimat_officer', bodyId: saryarka });
  officer = { accountId: id, kind: 'staff', roles: [{ role: 'akimat_officer', bodyId: saryarka }] };
});
afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('the filing form', () => {
  it('is for signed-in citizens and draws the map of regions, districts and one district from the polygons', async () => {
    const anonymous = app.browser();
    expect((await anonymous.get('/reports/new')).status).toBe(302);
    const country = await reporter.get('/reports/new');
    expect(country.status).toBe(200);
    expect(country.text).toContain('Report a local problem');
    expect(country.text).toContain('data-zoom="country"');
    expect(country.text).toMatch(/<a href="\/reports\/new\?region=710000000"[^>]*data-zoom="710000000"/);
    const region = await reporter.get('/reports/new?region=710000000&category=roads');
    expect(region.text).toContain('data-zoom="region"');
    expect(region.text).toContain('district=711310000');
    expect(region.text).toContain('category=roads');
    const district = await reporter.get('/reports/new?region=710000000&district=711310000');
    expect(district.text).toContain('data-zoom="district"');
    expect(district.text).toContain('data-focus="711310000"');
    // The location button needs JavaScript: it is not in the server's HTML.
    expect(district.text).not.toContain('>Use my location<');
  });

  it('files a report with a photo at a point in Astana: the job routes it to the district akimat, the receipt shows the number, GPS is gone from the photo', async () => {
    const before = await counts();
    const check = await reporter.postForm('/reports/new', { intent: 'check', ...fields() });
    expect(check.status).toBe(200);
    expect(check.text).toContain('data-testid="report-step-2"');
    expect(check.text).toContain('No open reports of this category were found within 250 m.');
    expect(await counts()).toEqual(before);

    const photo = await phoneJpeg();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    const filed = await reporter.postMultipart('/reports/new', { intent: 'file', ...fields() }, [['photo', 'IMG_0001.jpg', 'image/jpeg', photo]]);
    expect(filed.status, filed.text.slice(0, 300)).toBe(302);
    const number = numberFrom(filed.location);
    expect(number).toMatch(/^R-\d{4}-\d{6}$/);

    const receipt = await reporter.get(`/my/reports/${number}?filed=1`);
    expect(receipt.status).toBe(200);
    expect(receipt.text).toContain('Your report is registered');
    expect(receipt.text).toContain(`Registration number: ${number}`);

    const [row] = await db().select().from(reports).where(eq(reports.registrationNumber, number));
    expect(row).toMatchObject({ status: 'registered', categoryCode: 'yards_playgrounds', lon: STATION.lon, lat: STATION.lat, locale: 'en', reporterAccountId: await accountOf(reporter) });
    const stored = await db().select().from(reportPhotos).where(eq(reportPhotos.reportId, row!.id));
    expect(stored).toHaveLength(1);
    const storedMeta = await sharp(stored[0]!.data).metadata();
    expect(storedMeta.format).toBe('jpeg');
    expect(storedMeta.exif).toBeUndefined();
    expect(stored[0]!.data.includes(Buffer.from('GPS'))).toBe(false);
    expect(stored[0]!.data.includes(Buffer.from('TestCam'))).toBe(false);
    expect((await sharp(stored[0]!.thumb).metadata()).exif).toBeUndefined();

    const jobs = await runRoutingJobs();
    expect(jobs).toContainEqual(expect.objectContaining({ kind: 'routed', akimatBodyId: saryarka, unitKato: '711310000' }));
    const page = await reporter.get(`/my/reports/${number}`);
    expect(page.text).toContain('Sent to the akimat');
    expect(page.text).toMatch(/data-testid="report-akimat">[^<]*Saryarka/);
    expect(page.text).toContain('data-testid="routing-reason"');
    expect(page.text).toContain('The place is in Saryarka District, Astana.');
    // The reporter sees the photo itself (a thumbnail linking to the full photo), not a count.
    expect(page.text).toContain('data-testid="my-report-photos"');
    expect(page.text).toContain(`<img src="/reports/${number}/photos/${stored[0]!.id}/thumb"`);
    const thumb = await reporter.get(`/reports/${number}/photos/${stored[0]!.id}/thumb`);
    expect(thumb.status).toBe(200);
    const list = await reporter.get('/my/reports');
    expect(list.text).toContain(`data-number="${number}"`);
    expect(list.text).toContain('Sent to the akimat');
  });

  it('refuses a photo that lies about its type, and stores nothing', async () => {
    const before = await counts();
    const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#808080' } }).png().toBuffer();
    const res = await reporter.postMultipart('/reports/new', { intent: 'file', ...fields() }, [['photo', 'holiday.jpg', 'image/jpeg', png]]);
    expect(res.status).toBe(422);
    expect(res.text).toContain('data-testid="photo-errors"');
    expect(res.text).toContain('Photo 1: The file’s name or type does not match its contents.');
    // The values stay in the form for another try.
    expect(res.text).toContain(DESCRIPTION);
    expect(await counts()).toEqual(before);
  });

  it('refuses an oversized photo with a clear message, and stores nothing', async () => {
    const before = await counts();
    const big = randomBytes(10 * 1024 * 1024 + 512 * 1024);
    const res = await reporter.postMultipart('/reports/new', { intent: 'file', ...fields() }, [
      ['photo', 'ok.jpg', 'image/jpeg', await phoneJpeg()],
      ['photo', 'huge.jpg', 'image/jpeg', big],
    ]);
    expect(res.status).toBe(422);
    expect(res.text).toContain('Photo 2: The photo is too large: each file may be at most 10 MB.');
    expect(await counts()).toEqual(before);
  });

  it('refuses a point outside Kazakhstan at both steps, and stores nothing', async () => {
    const before = await counts();
    const abroad = fields({ lon: String(BISHKEK.lon), lat: String(BISHKEK.lat) });
    const check = await reporter.postForm('/reports/new', { intent: 'check', ...abroad });
    expect(check.status).toBe(422);
    expect(check.text).toContain('Dauys passes reports to the akimats of Kazakhstan, so the place must be inside the country.');
    expect(check.text).toContain('data-testid="report-step-1"');
    const file = await reporter.postMultipart('/reports/new', { intent: 'file', ...abroad }, []);
    expect(file.status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it('works without a point: region/district from the list and the address (the path without JavaScript)', async () => {
    const noPoint = fields({ lon: '', lat: '', unitKato: '711310000', addressText: 'Kenesary street 40, second yard' });
    const missing = await reporter.postForm('/reports/new', { intent: 'check', ...noPoint, addressText: '' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('Type the address or describe the place (at least 3 characters).');
    const check = await reporter.postForm('/reports/new', { intent: 'check', ...noPoint });
    expect(check.status).toBe(200);
    expect(check.text).toContain('data-testid="report-step-2"');
    expect(check.text).toContain('No open reports of this category were found at a similar address in this district.');
    // The browser sends the three empty file inputs along.
    const filed = await reporter.postMultipart('/reports/new', { intent: 'file', ...noPoint }, [
      ['photo', '', 'application/octet-stream', new Uint8Array()],
      ['photo', '', 'application/octet-stream', new Uint8Array()],
    ]);
    expect(filed.status, filed.text.slice(0, 300)).toBe(302);
    const number = numberFrom(filed.location);
    const [row] = await db().select().from(reports).where(eq(reports.registrationNumber, number));
    expect(row).toMatchObject({ lon: null, lat: null, placeUnitKato: '711310000', addressText: 'Kenesary street 40, second yard' });
    await runRoutingJobs();
    const [routed] = await db().select().from(reports).where(eq(reports.registrationNumber, number));
    expect(routed).toMatchObject({ status: 'assigned', akimatBodyId: saryarka });
  });

  it('refuses a multipart post without the CSRF token', async () => {
    const before = await counts();
    const res = await reporter.postMultipart('/reports/new', { intent: 'file', csrf: 'x'.repeat(43), ...fields() }, [['photo', 'IMG_0002.jpg', 'image/jpeg', await phoneJpeg()]], { csrf: false });
    expect(res.status).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe('me too', () => {
  it('offers the open report nearby and adds the neighbour as a co-applicant instead of a new report', async () => {
    const [first] = await db().select().from(reports).where(and(eq(reports.reporterAccountId, await accountOf(reporter)), sql`${reports.lon} is not null`));
    const near = destinationPoint(STATION, 50, 30);
    const check = await neighbour.postForm('/reports/new', { intent: 'check', ...fields({ lon: String(near.lon), lat: String(near.lat) }) });
    expect(check.status).toBe(200);
    expect(check.text).toContain(`data-number="${first!.registrationNumber}"`);
    expect(check.text).toContain(`Me too: join report ${first!.registrationNumber}`);
    expect(check.text).toContain('None of these is my problem: send my report');

    const before = await counts();
    const join = await neighbour.postForm('/reports/new', { intent: 'join', reportId: first!.id, ...fields({ lon: String(near.lon), lat: String(near.lat) }) });
    expect(join.status).toBe(302);
    expect(join.location).toBe(`/my/reports/${first!.registrationNumber}?joined=1`);
    expect(await counts()).toEqual(before);
    const page = await neighbour.get(join.location!);
    expect(page.status).toBe(200);
    expect(page.text).toContain('You joined the report');
    expect(page.text).toContain('Co-applicant');
    const applicants = await db().select().from(reportApplicants).where(eq(reportApplicants.reportId, first!.id));
    expect(applicants.map((a) => a.role).sort()).toEqual(['co-applicant', 'reporter']);
    expect((await neighbour.get('/my/reports')).text).toContain(`data-number="${first!.registrationNumber}"`);
    // Someone who is not an applicant does not see it among "my reports".
    expect((await stranger.get(`/my/reports/${first!.registrationNumber}`)).status).toBe(404);
  });
});

describe('me too without a map point', () => {
  it('offers the open report of the same district with a similar address to a neighbour filing without JavaScript', async () => {
    const [noPoint] = await db().select().from(reports).where(and(eq(reports.reporterAccountId, await accountOf(reporter)), sql`${reports.lon} is null`));
    const check = await neighbour.postForm('/reports/new', { intent: 'check', ...fields({ lon: '', lat: '', unitKato: '711310000', addressText: 'Kenesary street, 40' }) });
    expect(check.status).toBe(200);
    expect(check.text).toContain(`data-number="${noPoint!.registrationNumber}"`);
    expect(check.text).toContain('These open reports in the same category and district have an address like yours.');
    expect(check.text).toContain('address: Kenesary street 40, second yard');
    expect(check.text).toContain(`Me too: join report ${noPoint!.registrationNumber}`);
    // The same address in another district of the city is another place.
    const elsewhere = await neighbour.postForm('/reports/new', { intent: 'check', ...fields({ lon: '', lat: '', unitKato: '711210000', addressText: 'Kenesary street, 40' }) });
    expect(elsewhere.text).not.toContain(`data-number="${noPoint!.registrationNumber}"`);
  });
});

describe('the closed loop on the citizen page', () => {
  it('the reporter rejects the fix with a reason; the co-applicant answers an information request', async () => {
    const [first] = await db().select().from(reports).where(and(eq(reports.reporterAccountId, await accountOf(reporter)), sql`${reports.lon} is not null`));
    const number = first!.registrationNumber;
    const fix = await processPhoto(await phoneJpeg());
    if (fix.kind !== 'ok') throw new Error('fixture');
    expect(await markFixed(deps(), officer, number, {}, { image: fix.image, thumbnail: fix.thumbnail }, meta)).toMatchObject({ kind: 'ok' });

    const page = await reporter.get(`/my/reports/${number}`);
    expect(page.text).toContain('Is the problem fixed?');
    const tooShort = await reporter.postForm(`/my/reports/${number}`, { intent: 'reject', reason: 'no' });
    expect(tooShort.status).toBe(422);
    expect(tooShort.text).toContain('Explain in at least 10 characters.');
    expect((await stranger.postForm(`/my/reports/${number}`, { intent: 'confirm' })).status).toBe(404);
    const rejected = await reporter.postForm(`/my/reports/${number}`, { intent: 'reject', reason: 'The swing chains are still loose.' });
    expect(rejected.status).toBe(302);
    expect(rejected.location).toBe(`/my/reports/${number}?done=rejected`);
    const [row] = await db().select().from(reports).where(eq(reports.id, first!.id));
    expect(row).toMatchObject({ status: 'reopened', reopenCount: 1 });

    expect(await requestInfo(deps(), officer, number, { question: 'Which of the two swings?' }, meta)).toMatchObject({ kind: 'ok', status: 'info-requested' });
    const asked = await neighbour.get(`/my/reports/${number}`);
    expect(asked.text).toContain('The akimat asks for more information');
    expect(asked.text).toContain('Which of the two swings?');
    const replied = await neighbour.postForm(`/my/reports/${number}`, { intent: 'reply', text: 'The left one, near the sandbox.' });
    expect(replied.status).toBe(302);
    const after = await neighbour.get(replied.location!);
    expect(after.text).toContain('Your reply was sent; the answer deadline runs again.');
    expect(after.text).toContain('data-testid="report-status">In progress');
  });
});
