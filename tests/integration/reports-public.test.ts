import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, localBodies, reportPhotos, reports, units } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import { seedProjectData } from '../../app/domain/projects/indicators-seed.server';
import { getProjectPage } from '../../app/domain/projects/links.server';
import type { Actor } from '../../app/domain/identity/permissions';
import { confirmFix } from '../../app/domain/reports/citizen.server';
import { fileReport, routeFiledReport, type FileReportInput } from '../../app/domain/reports/filing.server';
import { acknowledgeReport, answerReport, forwardReport, markFixed, mergeReport } from '../../app/domain/reports/staff.server';
import { listPublicReports } from '../../app/domain/reports/public.server';
import { loadRoutingData, type LoadedRoutingData } from '../../app/domain/routing/load.server';
import { fixedClock, silentLogger } from '../../app/domain/shared/deps';
import { openApiDocument } from '../../app/domain/opendata/openapi';
import { PUBLIC_ORIGIN, startTestApp, type TestApp, type TestBrowser } from '../support/app';
import { loadValidator } from '../support/openapi-validator';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { cleanPhoto, proofedCitizen } from '../support/reports';

/**
 * The public side of local issue reports over HTTP (production build, real PostgreSQL): reports
 * filed and routed with fileReport + routeFiledReport, staff steps written as the staff domain
 * writes them, then /reports (filters, map), /reports/:number (history, answer, photos, clock,
 * never a reporter's or an officer's name), the photo routes, the accountability pages and the
 * report counts of a national project page.
 */

let tdb: TestDatabase;
let app: TestApp;
let routing: LoadedRoutingData;
let browser: TestBrowser;
const db = () => tdb.handle.db;
const DAY = 86_400_000;
// Reports filed 20 days ago at 11:00 in Astana; the server reads them on the real clock.
const day0 = new Date(`${new Date(Date.now() - 20 * DAY + 5 * 3_600_000).toISOString().slice(0, 10)}T11:00:00+05:00`);
const at = (days: number) => new Date(day0.getTime() + days * DAY);
const deps = (when = day0) => ({ db: db(), clock: fixedClock(when), log: silentLogger, routing });

const REPORTER = { given: 'Гүлнара', family: 'Сарсенбаеваова' };
const OFFICER_NAME = 'Ерлан Исполнителев';
const ANSWER = 'The pothole will be patched by the city road service this week.';
const FIX_NOTE = 'Patched with hot asphalt.';
const FORWARD_REASON = 'Street lighting on this avenue is maintained by the district akimat.';
let forwardedTo = 0;
const ASTANA_STATION = { lon: 71.4094, lat: 51.1955 }; // Saryarka District, Astana
const ALMATY_CENTRE = { lon: 76.9455, lat: 43.2383 };

const N: Record<string, string> = {};
const ID: Record<string, string> = {};
let astanaKato = '';
let saryarkaKato = '';
let saryarkaAkimat = 0;
let officerId = '';
const akimatOf: Record<string, number | null> = {};

async function file(key: string, input: Partial<FileReportInput> & { reporterId: string }, when = day0) {
  const { reporterId, ...rest } = input;
  const out = await fileReport(deps(when), {
    reporter: { kind: 'citizen', accountId: reporterId },
    categoryCode: 'roads',
    place: { kind: 'point', ...ASTANA_STATION },
    description: 'A deep pothole on the road near the railway station damages cars.',
    locale: 'ru',
    ...rest,
  });
  if (out.kind !== 'filed') throw new Error(`file ${key}: ${JSON.stringify(out)}`);
  const routed = await routeFiledReport(deps(when), out.id);
  if (routed.kind !== 'routed') throw new Error(`route ${key}: ${JSON.stringify(routed)}`);
  N[key] = out.registrationNumber;
  ID[key] = out.id;
}

/** The visible text of a page (tags and React's text separators removed, entities decoded). */
function visible(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

const numbersIn = (html: string) => [...(/data-testid="report-list"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '').matchAll(/data-number="(R-[0-9-]+)"/g)].map((m) => m[1]!);

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(db());
  await seedProjectData(db());
  routing = await loadRoutingData(db());
  const me = await proofedCitizen(db(), REPORTER, day0);
  const other = await proofedCitizen(db(), { given: 'Бауыржан', family: 'Қосылушыұлы' }, day0);
  officerId = randomUUID();
  await db().insert(accounts).values({ id: officerId, kind: 'staff', displayName: OFFICER_NAME });

  await file('fixed', { reporterId: me, photos: [await cleanPhoto(), await cleanPhoto({ r: 10, g: 120, b: 200 })] });
  await file('open', { reporterId: me, categoryCode: 'street_lighting', description: 'Street lights on the avenue have been dark for a week.' }, at(1));
  await file('almaty', { reporterId: other, place: { kind: 'point', ...ALMATY_CENTRE }, categoryCode: 'heating', description: 'No heating in the apartment building since Monday.' }, at(2));
  await file('dup', { reporterId: other, description: 'Pothole near the station again, the same one as before.' }, at(2.5));
  await file('noPoint', { reporterId: other, place: { kind: 'unit', unitKato: '711310000', addressText: 'ул. Абая, 10' }, categoryCode: 'waste', description: 'Waste containers overflow in the yard.' }, at(4));

  const [r] = await db().select({ akimat: reports.akimatBodyId, place: reports.placeUnitKato }).from(reports).where(eq(reports.id, ID.fixed!));
  saryarkaAkimat = r!.akimat!;
  saryarkaKato = r!.place!;
  const [u] = await db().select({ parent: units.parentKato }).from(units).where(eq(units.kato, saryarkaKato));
  astanaKato = u!.parent!;

  // The fixed report, through the staff and citizen domains: acknowledged after 1 day, answered
  // after 3, fixed with a photo after 5, confirmed by the citizen after 6.
  const officer: Actor = { accountId: officerId, kind: 'staff', roles: [{ role: 'akimat_officer', bodyId: saryarkaAkimat }] };
  const meta = { ip: null, userAgent: null };
  const ok = (o: { kind: string }) => {
    if (o.kind !== 'ok') throw new Error(`staff step refused: ${JSON.stringify(o)}`);
  };
  ok(await acknowledgeReport(deps(at(1)), officer, N.fixed!, meta));
  // The duplicate: merged into it while it is still open.
  ok(await mergeReport(deps(at(2.75)), officer, N.dup!, { target: N.fixed }, meta));
  ok(await answerReport(deps(at(3)), officer, N.fixed!, { decision: 'resolved', text: ANSWER }, meta));
  const fix = await cleanPhoto({ r: 90, g: 90, b: 90 });
  ok(await markFixed(deps(at(5)), officer, N.fixed!, { note: FIX_NOTE }, fix, meta));
  ok(await confirmFix(deps(at(6)), { accountId: me, reportId: ID.fixed! }));
  // The street light: forwarded to another akimat with a public reason.
  const [otherAkimat] = await db()
    .select({ id: localBodies.id })
    .from(localBodies)
    .where(and(eq(localBodies.kind, 'akimat'), eq(localBodies.unitKato, '711210000')));
  forwardedTo = otherAkimat!.id;
  ok(await forwardReport(deps(at(2)), officer, N.open!, { toBodyId: forwardedTo, reason: FORWARD_REASON }, meta));
  for (const r of await db().select({ n: reports.registrationNumber, a: reports.akimatBodyId }).from(reports)) akimatOf[r.n] = r.a;
  app = await startTestApp(tdb.handle);
  browser = app.browser();
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('/reports', () => {
  it('lists every report newest first, with a map of the regions and a dot per report with a point', async () => {
    const res = await browser.get('/reports');
    expect(res.status).toBe(200);
    expect(numbersIn(res.text)).toEqual([N.noPoint, N.dup, N.almaty, N.open, N.fixed]);
    const map = /data-testid="report-map"[\s\S]*?<\/figure>/.exec(res.text)?.[0] ?? '';
    expect(map).toContain('data-region=""');
    expect([...map.matchAll(/<path [^>]*class="report-map-unit level-1/g)].length).toBe(20);
    const dots = [...map.matchAll(/data-number="(R-[0-9-]+)"/g)].map((m) => m[1]).sort();
    expect(dots).toEqual([N.fixed, N.open, N.almaty, N.dup].sort()); // not the report without a point
    // A region is a link that zooms to it (works without JavaScript).
    expect(map).toContain(`href="/reports?region=${astanaKato}"`);
  });

  it('filters by region (zooming the map to its districts), district, category, status group and text', async () => {
    const region = await browser.get(`/reports?region=${astanaKato}`);
    expect(numbersIn(region.text)).toEqual([N.noPoint, N.dup, N.open, N.fixed]);
    const map = /data-testid="report-map"[\s\S]*?<\/figure>/.exec(region.text)?.[0] ?? '';
    expect(map).toContain(`data-region="${astanaKato}"`);
    expect(map).toMatch(/class="report-map-unit level-2/);
    expect(map).toContain(`href="/reports?region=${astanaKato}&amp;district=${saryarkaKato}"`);
    expect(region.text).toContain('id="filter-district"');

    expect(numbersIn((await browser.get(`/reports?region=${astanaKato}&district=${saryarkaKato}`)).text)).toEqual([N.noPoint, N.dup, N.open, N.fixed]);
    expect(numbersIn((await browser.get('/reports?category=heating')).text)).toEqual([N.almaty]);
    expect(numbersIn((await browser.get('/reports?status=fixed')).text)).toEqual([N.fixed]);
    expect(numbersIn((await browser.get('/reports?status=closed')).text)).toEqual([N.dup]);
    expect(numbersIn((await browser.get('/reports?status=open')).text)).toEqual([N.noPoint, N.almaty, N.open]);
    expect(numbersIn((await browser.get('/reports?q=heating')).text)).toEqual([N.almaty]);
    expect(numbersIn((await browser.get(`/reports?q=${N.open}`)).text)).toEqual([N.open]);
    // Malformed filters are dropped, not an error page.
    const bad = await browser.get('/reports?status=nope&region=abc&category=DROP%20TABLE');
    expect(bad.status).toBe(200);
    expect(numbersIn(bad.text)).toHaveLength(5);
  });

  it('paginates by 20', async () => {
    const list = await listPublicReports(deps(new Date()), { page: 1 });
    expect(list).toMatchObject({ total: 5, page: 1, pages: 1 });
    expect((await listPublicReports(deps(new Date()), { page: 9 })).page).toBe(1);
  });
});

describe('/reports/:number', () => {
  it('shows the report, its akimat, clock, answer, photos and history — never the reporter or the officer', async () => {
    const res = await browser.get(`/reports/${N.fixed}`);
    expect(res.status).toBe(200);
    const text = visible(res.text);
    // Personal data nowhere in the HTML (not in the text, not in the hydration data).
    for (const secret of [REPORTER.given, REPORTER.family, OFFICER_NAME, 'Бауыржан', 'Қосылушыұлы', officerId]) expect(res.text).not.toContain(secret);
    expect(res.text).not.toContain('reporterAccountId');
    expect(res.text).not.toContain('executor');

    const [akimat] = await db().select().from(localBodies).where(eq(localBodies.id, saryarkaAkimat));
    expect(res.text).toContain(`href="/akimats/${saryarkaAkimat}"`);
    expect(text).toContain(akimat!.nameKk);
    expect(res.text).toMatch(/data-testid="report-status" data-status="closed-confirmed"/);
    expect(res.text).toMatch(/data-testid="routing-reason"/);
    expect(text).toContain(ANSWER);
    expect(text).toContain(FIX_NOTE);
    const history = /data-testid="report-history"[\s\S]*?<\/ol>/.exec(res.text)?.[0] ?? '';
    expect([...history.matchAll(/data-event="([a-z-]+)"/g)].map((m) => m[1])).toEqual(['file', 'route', 'acknowledge', 'merge', 'answer', 'mark-fixed', 'confirm']);
    expect(/data-event="merge"[\s\S]*?<\/li>/.exec(history)?.[0]).toContain(`href="/reports/${N.dup}"`);
    expect(history).toMatch(/<time dateTime="\d{4}-\d{2}-\d{2}T/);
    expect(res.text).toMatch(/class="clock-answered-on-time"/);
    // Two report photos and one fix photo, each with alt text.
    const photos = /data-testid="report-photos"[\s\S]*?<\/ul>/.exec(res.text)?.[0] ?? '';
    expect([...photos.matchAll(/<img [^>]*alt="[^"]{10,}"/g)]).toHaveLength(2);
    const fixes = /data-testid="fix-photos"[\s\S]*?<\/ul>/.exec(res.text)?.[0] ?? '';
    expect([...fixes.matchAll(/<img [^>]*alt="[^"]{10,}"/g)]).toHaveLength(1);
    // The duplicate merged into it is listed.
    expect(res.text).toContain(`href="/reports/${N.dup}"`);
  });

  it('a merged report points to its target; a report without a point shows its address', async () => {
    const dup = await browser.get(`/reports/${N.dup}`);
    expect(dup.status).toBe(200);
    expect(/data-testid="merged-into"[\s\S]*?<\/p>/.exec(dup.text)?.[0]).toContain(`href="/reports/${N.fixed}"`);
    const noPoint = await browser.get(`/reports/${N.noPoint}`);
    expect(visible(noPoint.text)).toContain('ул. Абая, 10');
    expect(noPoint.text).not.toContain('data-testid="report-map"');
  });

  it('shows a forwarding with the new akimat and the public reason', async () => {
    const res = await browser.get(`/reports/${N.open}?lng=en`);
    const history = /data-testid="report-history"[\s\S]*?<\/ol>/.exec(res.text)?.[0] ?? '';
    expect([...history.matchAll(/data-event="([a-z-]+)"/g)].map((m) => m[1])).toEqual(['file', 'route', 'forward']);
    const [body] = await db().select().from(localBodies).where(eq(localBodies.id, forwardedTo));
    expect(visible(history)).toContain(body!.nameEn);
    expect(visible(history)).toContain(FORWARD_REASON);
    expect(res.text).toContain(`href="/akimats/${forwardedTo}"`);
    expect(res.text).not.toContain(OFFICER_NAME);
  });

  it('is 404 for an unknown or malformed number', async () => {
    expect((await browser.get('/reports/R-2026-999999')).status).toBe(404);
    expect((await browser.get('/reports/whatever')).status).toBe(404);
  });
});

describe('photos', () => {
  it('serves photo and thumbnail with their type, immutable caching and no metadata', async () => {
    const [p] = await db().select().from(reportPhotos).where(and(eq(reportPhotos.reportId, ID.fixed!), eq(reportPhotos.kind, 'report'), eq(reportPhotos.position, 0)));
    const full = await fetch(`${app.url}/reports/${N.fixed}/photos/${p!.id}`);
    expect(full.status).toBe(200);
    expect(full.headers.get('content-type')).toBe('image/jpeg');
    expect(full.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(full.headers.get('set-cookie')).toBeNull();
    const bytes = Buffer.from(await full.arrayBuffer());
    expect(bytes.equals(p!.data)).toBe(true);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(bytes.includes(Buffer.from('Secret Photographer'))).toBe(false);

    const thumb = await fetch(`${app.url}/reports/${N.fixed}/photos/${p!.id}/thumb`);
    expect(thumb.status).toBe(200);
    expect(Buffer.from(await thumb.arrayBuffer()).equals(p!.thumb)).toBe(true);
    const etag = thumb.headers.get('etag')!;
    expect((await fetch(`${app.url}/reports/${N.fixed}/photos/${p!.id}/thumb`, { headers: { 'If-None-Match': etag } })).status).toBe(304);
  });

  it('is 404 for a photo asked under another report, or an unknown id', async () => {
    const [p] = await db().select({ id: reportPhotos.id }).from(reportPhotos).where(eq(reportPhotos.reportId, ID.fixed!));
    expect((await fetch(`${app.url}/reports/${N.open}/photos/${p!.id}`)).status).toBe(404);
    expect((await fetch(`${app.url}/reports/${N.fixed}/photos/${randomUUID()}`)).status).toBe(404);
    expect((await fetch(`${app.url}/reports/${N.fixed}/photos/not-a-uuid/thumb`)).status).toBe(404);
  });
});

describe('accountability', () => {
  it('shows the figures of an akimat over the last 90 days', async () => {
    const res = await browser.get(`/akimats/${saryarkaAkimat}`);
    expect(res.status).toBe(200);
    // The akimat holds: fixed (ack 1 day, answer 3, fix 5) and noPoint; open was forwarded away, dup
    // is merged (left out).
    expect(/data-testid="count-total">([^<]*)</.exec(res.text)?.[1]).toBe('2');
    const durations = visible(/data-testid="durations"[\s\S]*?<\/table>/.exec(res.text)?.[0] ?? '');
    expect(durations).toMatch(/ 1 1 1 .* 3 3 1 .* 5 5 1/);
    expect(visible(/data-testid="on-time">[\s\S]*?<\/dd>/.exec(res.text)?.[0] ?? '')).toContain('100');
    // Its reports: the public list filtered by akimat.
    expect(res.text).toContain(`href="/reports?akimat=${saryarkaAkimat}"`);
    const list = await browser.get(`/reports?akimat=${saryarkaAkimat}`);
    expect(numbersIn(list.text)).toEqual([N.noPoint, N.dup, N.open, N.fixed].filter((n) => akimatOf[n!] === saryarkaAkimat));
    expect(list.text).toContain('data-testid="akimat-filter"');
  });

  it('lists the akimats with their figures, filterable by region', async () => {
    const all = await browser.get('/akimats');
    expect(all.status).toBe(200);
    const rows = [...all.text.matchAll(/<tr data-body="(\d+)"/g)].map((m) => Number(m[1]));
    expect(rows.length).toBeGreaterThan(150);
    expect(rows.slice(0, 2)).toContain(saryarkaAkimat); // most reports first
    const astana = await browser.get(`/akimats?region=${astanaKato}`);
    const inAstana = [...astana.text.matchAll(/<tr data-body="(\d+)"/g)].map((m) => Number(m[1]));
    expect(inAstana[0]).toBe(saryarkaAkimat);
    expect(inAstana.length).toBeLessThan(10);
    expect((await browser.get('/akimats/999999')).status).toBe(404);
    expect((await browser.get('/akimats/abc')).status).toBe(404);
  });
});

describe('national project pages', () => {
  it('count the reports of the project categories by status group, with links to the filtered list', async () => {
    const page = await getProjectPage(deps(new Date()), 'NP-REGIONS');
    const roads = page!.reports.categories.find((c) => c.code === 'roads');
    expect(roads).toMatchObject({ open: 0, answered: 0, fixed: 1, total: 2 });
    const res = await browser.get('/projects/NP-REGIONS');
    expect(res.status).toBe(200);
    const table = /data-testid="project-reports"[\s\S]*?<\/table>/.exec(res.text)?.[0] ?? '';
    expect(table).toContain('href="/reports?category=roads&amp;status=fixed"');
  });
});

describe('open data: /api/v1/reports', () => {
  const validator = loadValidator(openApiDocument(PUBLIC_ORIGIN));
  const valid = (schema: string, body: unknown) => {
    const v = validator.schema(schema);
    const ok = v(body);
    if (!ok) throw new Error(`${schema}: ${JSON.stringify(v.errors, null, 1)}`);
  };
  const api = async (path: string) => {
    const res = await fetch(`${app.url}/api/v1${path}`);
    return { status: res.status, headers: res.headers, text: await res.text() };
  };

  it('lists the reports newest first, valid against the OpenAPI document, with no personal data', async () => {
    const res = await api('/reports');
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toBeNull();
    expect(res.headers.get('x-total-count')).toBe('5');
    const body = JSON.parse(res.text) as { data: { number: string; photos: unknown[]; answered_on_time: boolean | null }[]; meta: unknown };
    valid('ReportList', body);
    expect(body.data.map((r) => r.number)).toEqual([N.noPoint, N.dup, N.almaty, N.open, N.fixed]);
    expect(body.data.find((r) => r.number === N.fixed)).toMatchObject({ answered_on_time: true });
    expect(body.data.find((r) => r.number === N.fixed)!.photos).toHaveLength(3);
    for (const secret of [REPORTER.given, REPORTER.family, OFFICER_NAME, officerId]) expect(res.text).not.toContain(secret);
  });

  it('filters and paginates', async () => {
    const page = JSON.parse((await api(`/reports?region=${astanaKato}&per_page=2&page=2`)).text) as { data: { number: string }[]; meta: unknown; links: { prev: string | null } };
    valid('ReportList', page);
    expect(page.data.map((r) => r.number)).toEqual([N.open, N.fixed]);
    expect(page.meta).toEqual({ total: 4, page: 2, per_page: 2, pages: 2 });
    expect(page.links.prev).toContain('page=1');
    const heating = JSON.parse((await api('/reports?category=heating&status=open')).text) as { data: { number: string }[] };
    expect(heating.data.map((r) => r.number)).toEqual([N.almaty]);
  });

  it('refuses unknown or malformed parameters with a problem', async () => {
    for (const q of ['?status=nope', '?category=unicorns', '?region=123', '?region=999999999', '?per_page=1000', '?colour=red']) {
      const res = await api(`/reports${q}`);
      expect(res.status, q).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      valid('Problem', JSON.parse(res.text));
    }
  });

  it('gives one report with its public history; 404 as a problem for an unknown number', async () => {
    const res = await api(`/reports/${N.fixed}`);
    expect(res.status).toBe(200);
    const body = JSON.parse(res.text) as { history: { event: string }[]; duplicates: string[] };
    valid('ReportDetail', body);
    expect(body.history.map((e) => e.event)).toEqual(['file', 'route', 'acknowledge', 'merge', 'answer', 'mark-fixed', 'confirm']);
    expect(body.duplicates).toEqual([N.dup]);
    for (const secret of [REPORTER.given, REPORTER.family, OFFICER_NAME, officerId]) expect(res.text).not.toContain(secret);
    const missing = await api('/reports/R-2026-999999');
    expect(missing.status).toBe(404);
    const problem = JSON.parse(missing.text) as { type: string };
    valid('Problem', problem);
    expect(problem.type).toMatch(/#\/components\/responses\/ReportNotFound$/);
  });
});
