import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, citizens, integrityTrendingSources, notifications, passkeys, petitionCounts, signatureAssessments, signatures, staffRoles } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import type { Actor } from '../../app/domain/identity/permissions';
import { listInbox } from '../../app/domain/notify/inbox.server';
import { integrityConfig } from '../../app/domain/integrity/screening.server';
import { scanTrendingSources } from '../../app/domain/integrity/trending.server';
import { createPetition, moderatePetition, submitForSupport } from '../../app/domain/petitions/petitions.server';
import { fixedClock, silentLogger, systemClock } from '../../app/domain/shared/deps';
import { reconcileCounts } from '../../app/domain/signatures/counts.server';
import { getEnv } from '../../app/services/env.server';
import { getIdentityConfig } from '../../app/services/identity.server';
import { startBackground, type Background } from '../../workers/background';
import { PUBLIC_ORIGIN, startTestApp, type TestApp, type TestBrowser } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { bulkCitizens, type FixtureCitizen } from '../support/fixtures';
import { createTestRedis, type TestRedis } from '../support/redis';
import { createQueues, closeQueues } from '../../app/services/queue.server';
import { browserFor, signOverHttp } from '../support/signing';

/**
 * The integrity checks in the running pipeline (the production build, `npm run build` first): the
 * web server, the outbox relay, the BullMQ workers and the job schedulers of `startBackground`
 * against this test's database and a private Redis prefix. Nothing is faked but the intervals
 * (relay 200 ms, counts every second).
 *
 * - A burst of 25 signatures from one /24 network among organic signatures: every burst signature
 *   is held under review within 60 s of the last one (screening + group re-scoring), while the
 *   organic count keeps growing and no organic signature is held.
 * - The signer of a held signature sees the same responses and receipt pages as anyone else.
 * - Per-citizen signing attempts are limited on the request path (a localized 429).
 */

let tdb: TestDatabase;
let app: TestApp;
let redis: TestRedis;
let background: Background;
const db = () => tdb.handle.db;
const deps = () => ({ db: db(), clock: systemClock, log: silentLogger });
const domainModerator: Actor = { accountId: '00000000-0000-4000-8000-000000000001', kind: 'staff', roles: [{ role: 'moderator', bodyId: null }] };
let people: FixtureCitizen[];
let petitionId: string;

const BODY = 'Residents ask the city akimat to light the footpath along the river embankment between the two bridges this autumn.';
const ORGANIC = { from: 0, to: 60 };
const BURST = { from: 60, to: 85 };
const LIMITED = 86;

async function openPetition(title: string, supporters: FixtureCitizen[]): Promise<string> {
  const created = await createPetition(deps(), supporters[0]!.actor, { title, body: BODY, addresseeKind: 'akimat', unitKato: '710000000', topic: 'roads' }, { initialSupport: 2 });
  if (created.kind !== 'created') throw new Error(JSON.stringify(created));
  expect((await submitForSupport(deps(), supporters[0]!.actor, created.id)).kind).toBe('ok');
  for (const [i, c] of supporters.slice(1, 3).entries()) {
    const b = await browserFor(app, c);
    b.ip = `198.18.${40 + i}.${20 + i}`;
    expect((await signOverHttp(b, c, created.id)).status).toBe(200);
  }
  await reconcileCounts(deps());
  expect((await moderatePetition(deps(), domainModerator, created.id, { decision: 'approve' })).kind).toBe('ok');
  return created.id;
}

async function countsOf(id: string) {
  const [c] = await db().select().from(petitionCounts).where(eq(petitionCounts.petitionId, id));
  return { valid: c?.valid ?? 0, underReview: c?.underReview ?? 0 };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Signs as citizen i from its own address; returns the browser and the signature id. */
async function sign(i: number, ip: string): Promise<{ browser: TestBrowser; signatureId: string }> {
  const c = people[i]!;
  const b = await browserFor(app, c);
  b.ip = ip;
  const r = await signOverHttp(b, c, petitionId);
  expect(r.status).toBe(200);
  return { browser: b, signatureId: r.json.signatureId as string };
}

const organicIp = (i: number) => `${20 + (i % 150)}.${30 + ((i * 7) % 200)}.${(i * 13) % 250}.${10 + (i % 200)}`;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(db());
  app = await startTestApp(tdb.handle);
  redis = createTestRedis();
  people = await bulkCitizens(db(), getIdentityConfig(), 90, { origin: PUBLIC_ORIGIN, residenceUnitKato: '711110000', serialOffset: 700 });
  // Organic signers are established (an account and a passkey for a year); the burst's are new.
  const established = people.slice(ORGANIC.from, ORGANIC.to).map((c) => c.accountId);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000);
  await db().update(accounts).set({ createdAt: yearAgo }).where(inArray(accounts.id, established));
  await db().update(citizens).set({ proofedAt: yearAgo }).where(inArray(citizens.accountId, established));
  await db().update(passkeys).set({ createdAt: yearAgo }).where(inArray(passkeys.accountId, established));
  petitionId = await openPetition('Footpath lights on the river embankment', people.slice(ORGANIC.from, ORGANIC.from + 3));
  background = startBackground({ db: db(), env: { ...getEnv(), redisPrefix: redis.prefix, relayIntervalMs: 200, countsIntervalMs: 1000 }, log: silentLogger });
}, 120_000);
afterAll(async () => {
  await background?.close();
  await app?.close();
  await redis?.cleanup();
  await tdb?.drop();
});

describe('integrity checks in the running pipeline', () => {
  const burst: { browser: TestBrowser; signatureId: string }[] = [];
  const organic: { browser: TestBrowser; signatureId: string }[] = [];

  it('holds a burst from one network within 60 s of its last signature while the organic count keeps growing', async () => {
    let next = ORGANIC.from + 3;
    // Organic signatures before the burst.
    for (; next < ORGANIC.from + 18; next++) organic.push(await sign(next, organicIp(next)));
    // The burst: 25 citizens from 203.0.113.0/24 within seconds, organic signatures in between.
    for (let k = BURST.from; k < BURST.to; k++) {
      burst.push(await sign(k, `203.0.113.${10 + k - BURST.from}`));
      if (k % 5 === 0) organic.push(await sign(next, organicIp(next++)));
    }
    const lastBurstAt = Date.now();
    const validAtBurstEnd = (await countsOf(petitionId)).valid;

    // Organic signatures keep coming while the checks run; the burst must be held within 60 s.
    const burstIds = burst.map((b) => b.signatureId);
    let heldAt: number | null = null;
    while (Date.now() - lastBurstAt < 60_000) {
      if (next < ORGANIC.to) organic.push(await sign(next, organicIp(next++)));
      const statuses = await db().select({ status: signatures.status }).from(signatures).where(inArray(signatures.id, burstIds));
      const c = await countsOf(petitionId);
      if (statuses.every((s) => s.status === 'under_review') && c.underReview === burstIds.length) {
        heldAt = Date.now();
        break;
      }
      await sleep(250);
    }
    expect(heldAt, 'the burst was not fully held within 60 s').not.toBeNull();
    expect(heldAt! - lastBurstAt).toBeLessThan(60_000);

    // The organic count keeps growing after the burst is held.
    const validWhenHeld = (await countsOf(petitionId)).valid;
    for (let k = 0; k < 3 && next < ORGANIC.to; k++) organic.push(await sign(next, organicIp(next++)));
    const organicIds = organic.map((o) => o.signatureId);
    const expected = 2 + organicIds.length;
    const deadline = Date.now() + 20_000;
    while ((await countsOf(petitionId)).valid < expected && Date.now() < deadline) await sleep(200);
    const final = await countsOf(petitionId);
    expect(final.valid).toBe(expected);
    expect(final.valid).toBeGreaterThan(validWhenHeld);
    expect(final.valid).toBeGreaterThan(validAtBurstEnd - burstIds.length);

    // No organic signature is held.
    const organicStatuses = await db().select({ status: signatures.status }).from(signatures).where(inArray(signatures.id, organicIds));
    expect(organicStatuses.every((s) => s.status === 'valid')).toBe(true);

    // Each held signature carries an explanation; the earliest ones were held by group re-scoring.
    const assessed = await db()
      .select({ id: signatureAssessments.signatureId, decision: signatureAssessments.decision, explanation: signatureAssessments.explanation })
      .from(signatureAssessments)
      .where(inArray(signatureAssessments.signatureId, burstIds));
    expect(assessed).toHaveLength(burstIds.length);
    expect(assessed.every((a) => a.decision === 'review')).toBe(true);
    const first = assessed.find((a) => a.id === burstIds[0]);
    expect((first!.explanation as { key: string }[]).map((e) => e.key)).toContain('integrity.explain.groupEvidence');
  }, 120_000);

  it('shows the signer of a held signature the same receipt as anyone else', async () => {
    const held = burst[burst.length - 1]!;
    const normal = organic[organic.length - 1]!;
    const [h] = await db().select({ status: signatures.status }).from(signatures).where(eq(signatures.id, held.signatureId));
    const [n] = await db().select({ status: signatures.status }).from(signatures).where(eq(signatures.id, normal.signatureId));
    expect([h!.status, n!.status]).toEqual(['under_review', 'valid']);

    // Values (ids, keys, hashes, dates, numbers) differ between two signatures; the structure and
    // every word must not.
    const shape = (html: string) =>
      html
        .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, 'ID')
        .replace(/[A-Za-z0-9_\-+/=]{16,}/g, 'TOKEN')
        .replace(/\d+/g, '0');
    const pages = [(s: string) => `/signatures/${s}`, () => '/signatures', () => `/petitions/${petitionId}`];
    for (const page of pages) {
      const a = await held.browser.get(page(held.signatureId));
      const b = await normal.browser.get(page(normal.signatureId));
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(a.text).not.toMatch(/under_review|integrity\.explain/);
      expect(shape(a.text)).toBe(shape(b.text));
    }
    // The receipt verifies the same way.
    const receipt = await held.browser.get(`/signatures/${held.signatureId}`);
    expect(receipt.text).toContain('data-testid="receipt-verdict"');
    // Signing again answers the same for both: already signed.
    const again = await held.browser.postJson(`/api/petitions/${petitionId}/sign/options`, {});
    const againNormal = await normal.browser.postJson(`/api/petitions/${petitionId}/sign/options`, {});
    expect([again.status, again.json]).toEqual([againNormal.status, againNormal.json]);
  });

  it('limits signing attempts per citizen with a localized 429 that says nothing about the checks', async () => {
    const c = people[LIMITED]!;
    const b = await browserFor(app, c);
    const statuses: number[] = [];
    let last = await b.postJson(`/api/petitions/${petitionId}/sign/options`, {});
    statuses.push(last.status);
    for (let i = 0; i < 5 && last.status !== 429; i++) {
      last = await b.postJson(`/api/petitions/${petitionId}/sign/options`, {});
      statuses.push(last.status);
    }
    // 3 attempts a minute (throttle.perCitizen in the integrity configuration), the fourth is refused.
    expect(statuses).toEqual([200, 200, 200, 429]);
    expect(last.json.error).toBe('rate-limited');
    expect(String(last.json.message)).toMatch(/^Too many attempts\. Try again in \d+ seconds\.$/);
    b.cookies.set('lng', 'ru');
    const ru = await b.postJson(`/api/petitions/${petitionId}/sign/options`, {});
    expect(ru.status).toBe(429);
    expect(String(ru.json.message)).toMatch(/^Слишком много попыток/);
    // Another citizen is not affected.
    const other = await browserFor(app, people[LIMITED + 1]!);
    expect((await other.postJson(`/api/petitions/${petitionId}/sign/options`, {})).status).toBe(200);
    // The refused citizen has no signature.
    const rows = await db().select({ id: signatures.id }).from(signatures).where(and(eq(signatures.petitionId, petitionId), eq(signatures.accountId, c.accountId)));
    expect(rows).toHaveLength(0);
  });

  it('finds trending sources hourly and alerts moderators in the portal once per source and window', async () => {
    // The schedule exists (BullMQ job scheduler, two minutes past every hour).
    const queues = createQueues(redis.connection, redis.prefix);
    try {
      const scheduler = await queues.maintenance.getJobScheduler('integrity.trending');
      expect(scheduler?.pattern).toBe('2 * * * *');
    } finally {
      await closeQueues(queues);
    }
    const moderatorId = '00000000-0000-4000-8000-00000000a11d';
    await db().insert(accounts).values({ id: moderatorId, kind: 'staff', displayName: 'Trending Moderator', locale: 'en' });
    await db().insert(staffRoles).values({ accountId: moderatorId, role: 'moderator' });
    // The scan reads the hour that just ended. The burst's signatures are placed in one past hour,
    // three hours ago, so that the window [h, h + 1 h) holds all of them whenever the test runs (a
    // burst that straddled a clock hour would be split over two windows) and nothing else.
    const hour = Math.floor(Date.now() / 3_600_000) * 3_600_000 - 3 * 3_600_000;
    await db()
      .update(signatures)
      .set({ signedAt: new Date(hour + 10 * 60_000) })
      .where(inArray(signatures.id, burst.map((b) => b.signatureId)));
    const base = integrityConfig();
    // Thresholds are data: 20 signatures of one network alert (the default, 200, needs a bigger test).
    const cfg = { ...base, trending: { ...base.trending, logAt: { network: 10, device: 10 }, alertAt: { network: 20, device: 20 } } };
    const clock = fixedClock(new Date(hour + 3_600_000 + 2 * 60_000));
    const first = await scanTrendingSources({ db: db(), clock, log: silentLogger }, cfg);
    const rows = await db().select().from(integrityTrendingSources).where(eq(integrityTrendingSources.petitionId, petitionId));
    const network = rows.find((r) => r.key === '203.0.113.0/24');
    expect(network).toMatchObject({ kind: 'network', signatures: burst.length, alerted: true, alertAt: 20 });
    expect(rows.every((r) => r.key === '203.0.113.0/24')).toBe(true);
    expect(first.alerts).toBe(1);
    const mine = await db().select().from(notifications).where(eq(notifications.recipientRef, moderatorId));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ channel: 'in_app', template: 'integrityTrending' });
    const inbox = await listInbox({ db: db() }, moderatorId, 'en');
    expect(inbox.items[0]!.subject).toMatch(/^Trending source on petition No\. \d+$/);
    expect(inbox.items[0]!.text).toContain(`The network 203.0.113.0/24 made ${burst.length} signatures`);
    expect(inbox.items[0]!.path).toBe(`/integrity/${petitionId}`);
    // The same window again: nothing new recorded, nobody alerted twice.
    const second = await scanTrendingSources({ db: db(), clock, log: silentLogger }, cfg);
    expect([second.recorded, second.alerts, second.notified]).toEqual([0, 0, 0]);
    expect(await db().select().from(notifications).where(eq(notifications.recipientRef, moderatorId))).toHaveLength(1);
  });
});
