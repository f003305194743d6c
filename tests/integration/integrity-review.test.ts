import { and, desc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditLog, citizens, passkeys, petitionEvents, petitions, signatures } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import { verifyAuditLog } from '../../app/domain/audit/audit.server';
import type { Actor } from '../../app/domain/identity/permissions';
import { inviteFromCommandLine } from '../../app/domain/identity/staff.server';
import { applyThresholdLoss, decideCluster, integrityReport, listHeld } from '../../app/domain/integrity/review.server';
import { screenSignature } from '../../app/domain/integrity/screening.server';
import { createPetition, moderatePetition, submitForSupport } from '../../app/domain/petitions/petitions.server';
import { silentLogger, systemClock } from '../../app/domain/shared/deps';
import { ForbiddenError } from '../../app/domain/shared/errors';
import { getCounts, reconcileCounts } from '../../app/domain/signatures/counts.server';
import { getIdentityConfig } from '../../app/services/identity.server';
import { PUBLIC_ORIGIN, startTestApp, type TestApp, type TestBrowser } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { bulkCitizens, type FixtureCitizen } from '../support/fixtures';
import { browserFor, signOverHttp } from '../support/signing';
import { SoftAuthenticator } from '../support/soft-authenticator';

/**
 * Integrity review over HTTP (the production build, `npm run build` first): a burst of 25
 * signatures from one /24 plus 12 organic ones from varied networks, all signed through the real
 * passkey signing path; the worker's screenSignature holds the burst; a moderator sees the cluster
 * at /integrity, invalidates it with a reason and restores it; counts follow after reconcileCounts;
 * a citizen gets 403; the public report aggregates the reasons. Then threshold-lost on a petition
 * pushed below its (capped) threshold by invalidating counted signatures.
 */

let tdb: TestDatabase;
let app: TestApp;
const db = () => tdb.handle.db;
const deps = () => ({ db: db(), clock: systemClock, log: silentLogger });
const domainModerator: Actor = { accountId: '00000000-0000-4000-8000-000000000001', kind: 'staff', roles: [{ role: 'moderator', bodyId: null }] };
let people: FixtureCitizen[];
let petitionId: string;
let moderator: TestBrowser;

const BODY = 'Residents ask the city akimat to build a covered bus stop with a heated waiting room at the new district clinic before winter.';
const REASON = 'Coordinated burst from one network within a minute';

async function staffModerator(): Promise<TestBrowser> {
  const invite = await inviteFromCommandLine(deps(), getIdentityConfig(), { displayName: 'Integrity Moderator', role: 'moderator', bodyIds: [] });
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

/** An open petition to the Astana akimat (initial support: 2 signatures over HTTP). */
async function openPetition(title: string, supporters: FixtureCitizen[], thresholdCap?: number): Promise<string> {
  const created = await createPetition(deps(), supporters[0]!.actor, { title, body: BODY, addresseeKind: 'akimat', unitKato: '710000000', topic: 'roads' }, { initialSupport: 2 });
  if (created.kind !== 'created') throw new Error(JSON.stringify(created));
  expect((await submitForSupport(deps(), supporters[0]!.actor, created.id)).kind).toBe('ok');
  for (const c of supporters.slice(1, 3)) {
    const b = await browserFor(app, c);
    b.ip = `198.18.${Math.floor(Math.random() * 200)}.${10 + Math.floor(Math.random() * 200)}`;
    expect((await signOverHttp(b, c, created.id)).status).toBe(200);
  }
  await reconcileCounts(deps());
  expect((await moderatePetition(deps(), domainModerator, created.id, { decision: 'approve' }, thresholdCap ? { thresholdCap } : {})).kind).toBe('ok');
  return created.id;
}

const statusOf = async (ids: string[]) => (await db().select({ status: signatures.status }).from(signatures).where(inArray(signatures.id, ids))).map((r) => r.status);
const clusterIds = (html: string) => [...html.matchAll(/name="id" value="([0-9a-f-]{36})"/g)].map((m) => m[1]!);

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(db());
  app = await startTestApp(tdb.handle);
  people = await bulkCitizens(db(), getIdentityConfig(), 48, { origin: PUBLIC_ORIGIN, residenceUnitKato: '711110000', serialOffset: 300 });
  // Everyone but the burst (people 15..39) has had an account and a passkey for a year: established
  // signers, as organic supporters mostly are (fixtures are created just now otherwise).
  const established = [...people.slice(0, 15), ...people.slice(40)].map((c) => c.accountId);
  const yearAgo = new Date(Date.now() - 365 * 86_400_000);
  await db().update(accounts).set({ createdAt: yearAgo }).where(inArray(accounts.id, established));
  await db().update(citizens).set({ proofedAt: yearAgo }).where(inArray(citizens.accountId, established));
  await db().update(passkeys).set({ createdAt: yearAgo }).where(inArray(passkeys.accountId, established));
  moderator = await staffModerator();
  petitionId = await openPetition('Covered bus stop at the new clinic', people.slice(0, 3));
}, 120_000);
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('integrity review of a burst from one network', () => {
  let burstIds: string[] = [];
  let before: Awaited<ReturnType<typeof getCounts>>;

  it('25 signatures from 203.0.113.x within a minute and 12 organic ones; the burst is held', async () => {
    // Organic signatures: varied networks.
    for (const [i, c] of people.slice(3, 15).entries()) {
      const b = await browserFor(app, c);
      b.ip = `${11 + i * 7}.${40 + i}.${i * 3}.${20 + i}`;
      expect((await signOverHttp(b, c, petitionId)).status).toBe(200);
    }
    // The burst: one /24.
    for (const [i, c] of people.slice(15, 40).entries()) {
      const b = await browserFor(app, c);
      b.ip = `203.0.113.${10 + i}`;
      expect((await signOverHttp(b, c, petitionId)).status).toBe(200);
    }
    const rows = await db().select({ id: signatures.id, ip: signatures.ip, signedAt: signatures.signedAt }).from(signatures).where(eq(signatures.petitionId, petitionId)).orderBy(signatures.signedAt);
    expect(rows).toHaveLength(2 + 12 + 25);
    const burst = rows.filter((r) => r.ip?.startsWith('203.0.113.'));
    expect(burst).toHaveLength(25);
    expect(burst[burst.length - 1]!.signedAt.getTime() - burst[0]!.signedAt.getTime()).toBeLessThan(60_000);
    for (const r of rows) expect((await screenSignature(deps(), r.id)).kind).toBe('assessed');
    await reconcileCounts(deps());
    const held = await db().select({ id: signatures.id, ip: signatures.ip }).from(signatures).where(and(eq(signatures.petitionId, petitionId), eq(signatures.status, 'under_review')));
    // Some of the burst is held (the first ones may have been counted before the evidence built up); no organic signature is.
    expect(held.length).toBeGreaterThanOrEqual(5);
    for (const h of held) expect(h.ip).toMatch(/^203\.0\.113\./);
    before = await getCounts(deps(), petitionId);
    expect(before).toMatchObject({ underReview: held.length, invalidated: 0, valid: 39 - held.length });
  });

  it('the moderator sees the petition in the queue and the network cluster with its evidence', async () => {
    const queue = await moderator.get('/integrity');
    expect(queue.status).toBe(200);
    expect(queue.text).toContain(`data-petition="${petitionId}" data-held="${before!.underReview}"`);
    const page = await moderator.get(`/integrity/${petitionId}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('data-kind="network" data-status="under_review"');
    expect(page.text).toContain('203.0.113.0/24');
    expect(page.text).toContain('data-testid="cluster-evidence"');
    expect(page.text).toMatch(/Network concentration/);
    // No personal data: no names, no full addresses of the burst.
    expect(page.text).not.toMatch(/Citizen\d+ T\./);
    expect(page.text).not.toMatch(/203\.0\.113\.(?!0\/24)\d+/);
    burstIds = clusterIds(page.text);
    expect(burstIds).toHaveLength(before!.underReview);
    const clusters = await listHeld(deps(), domainModerator, petitionId, 'ru');
    expect(clusters).toHaveLength(1);
    expect(clusters[0]).toMatchObject({ kind: 'network', network: '203.0.113.0/24', status: 'under_review', count: burstIds.length });
    expect(clusters[0]!.signals).toContain('networkConcentration');
    expect(clusters[0]!.lines[0]).toMatch(/риск/i);
  });

  it('a citizen gets 403; a reason is required', async () => {
    const citizen = await browserFor(app, people[45]!);
    expect((await citizen.get('/integrity')).status).toBe(403);
    expect((await citizen.get(`/integrity/${petitionId}`)).status).toBe(403);
    expect((await citizen.postForm(`/integrity/${petitionId}`, { decision: 'invalidate', reason: REASON, id: burstIds })).status).toBe(403);
    await expect(decideCluster(deps(), people[45]!.actor, { petitionId, signatureIds: burstIds, decision: 'invalidate', reason: REASON })).rejects.toBeInstanceOf(ForbiddenError);
    const noReason = await moderator.postForm(`/integrity/${petitionId}`, { decision: 'invalidate', reason: 'bad', id: burstIds, cluster: 'x' });
    expect(noReason.status).toBe(422);
    expect(noReason.text).toContain('data-testid="decision-error"');
    expect(noReason.text).toContain('integrityReview.review.errors.reason-too-short');
    expect(await statusOf(burstIds)).toEqual(burstIds.map(() => 'under_review'));
  });

  it('invalidates the cluster with a reason: audit row, counts move from under review to invalidated', async () => {
    const res = await moderator.postForm(`/integrity/${petitionId}`, { decision: 'invalidate', reason: REASON, id: burstIds, cluster: 'x' });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/integrity/${petitionId}?done=invalidate&count=${burstIds.length}`);
    expect(new Set(await statusOf(burstIds))).toEqual(new Set(['invalidated']));
    const [audit] = await db().select().from(auditLog).where(eq(auditLog.action, 'integrity.invalidate')).orderBy(desc(auditLog.id));
    expect(audit).toMatchObject({ subjectType: 'petition', subjectId: petitionId });
    expect(audit!.actorAccountId).toBeTruthy();
    expect(audit!.details).toMatchObject({ decision: 'invalidate', reason: REASON, count: burstIds.length });
    expect((await verifyAuditLog(db())).ok).toBe(true);
    await reconcileCounts(deps());
    expect(await getCounts(deps(), petitionId)).toMatchObject({ valid: before!.valid, underReview: 0, invalidated: burstIds.length });
    // Deciding again changes nothing.
    const again = await decideCluster(deps(), domainModerator, { petitionId, signatureIds: burstIds, decision: 'invalidate', reason: REASON });
    expect(again).toMatchObject({ kind: 'ok', changed: 0, unchanged: burstIds.length });
    const page = await moderator.get(`/integrity/${petitionId}?done=invalidate&count=${burstIds.length}`);
    expect(page.text).toContain('data-testid="integrity-flash"');
    expect(page.text).toContain('data-kind="network" data-status="invalidated"');
  });

  it('the public report aggregates the reasons and signals', async () => {
    const report = await integrityReport(deps(), petitionId);
    expect(report).toMatchObject({
      counts: { valid: before!.valid, underReview: 0, invalidated: burstIds.length, withdrawn: 0 },
      reasons: [{ reason: REASON, count: burstIds.length }],
      decisions: { invalidate: 2, restore: 0 },
    });
    expect(report!.signals.map((s) => s.signal)).toContain('networkConcentration');
    expect(JSON.stringify(report)).not.toMatch(/203\.0\.113\.\d|Citizen/);
  });

  it('restores the cluster: counts return', async () => {
    const res = await moderator.postForm(`/integrity/${petitionId}`, { decision: 'restore', reason: 'Verified: a university campus network', id: burstIds, cluster: 'y' });
    expect(res.status).toBe(302);
    expect(new Set(await statusOf(burstIds))).toEqual(new Set(['valid']));
    await reconcileCounts(deps());
    expect(await getCounts(deps(), petitionId)).toMatchObject({ valid: before!.valid + burstIds.length, underReview: 0, invalidated: 0 });
    const report = await integrityReport(deps(), petitionId);
    expect(report).toMatchObject({ reasons: [], decisions: { invalidate: 2, restore: 1 } });
    expect((await moderator.get('/integrity')).text).toContain('data-testid="integrity-queue-empty"');
  });
});

describe('threshold-lost', () => {
  it('a closed-reached petition pushed below its threshold by invalidation reverts to open (and only then)', async () => {
    const id = await openPetition('Heated bus stop at the old clinic', [people[0]!, people[40]!, people[41]!], 4);
    const [opened] = await db().select().from(petitions).where(eq(petitions.id, id));
    expect(opened!.thresholdRequired).toBe(4);
    for (const [i, c] of people.slice(42, 44).entries()) {
      const b = await browserFor(app, c);
      b.ip = `192.0.2.${50 + i}`;
      expect((await signOverHttp(b, c, id)).status).toBe(200);
    }
    await reconcileCounts(deps());
    const [closed] = await db().select().from(petitions).where(eq(petitions.id, id));
    expect(closed!.state).toBe('closed-reached');
    // At the threshold nothing happens.
    expect(await db().transaction((tx) => applyThresholdLoss(tx, deps(), id, 4))).toBeNull();
    // Bulk invalidation of counted signatures (by criteria).
    const counted = await db().select({ id: signatures.id }).from(signatures).where(eq(signatures.petitionId, id));
    const out = await decideCluster(deps(), domainModerator, { petitionId: id, signatureIds: counted.slice(0, 1).map((r) => r.id), decision: 'invalidate', reason: 'Duplicate identity confirmed', includeValid: true });
    expect(out).toMatchObject({ kind: 'ok', changed: 1, byTransition: { 'valid->invalidated': 1 } });
    await reconcileCounts(deps());
    const counts = await getCounts(deps(), id);
    expect(counts).toMatchObject({ valid: 3, invalidated: 1 });
    // The reconciler itself reverts the petition (applyThresholdLoss is called from reconcileCounts).
    const [reverted] = await db().select().from(petitions).where(eq(petitions.id, id));
    expect(reverted).toMatchObject({ state: 'open', thresholdReachedAt: null, closedAt: null });
    const [event] = await db().select().from(petitionEvents).where(eq(petitionEvents.petitionId, id)).orderBy(desc(petitionEvents.id)).limit(1);
    expect(event).toMatchObject({ event: 'threshold-lost', fromState: 'closed-reached', toState: 'open', actorRole: 'system', data: { kind: 'threshold-lost', signatures: 3, threshold: 4 } });
    // Open now: nothing more to lose.
    expect(await db().transaction((tx) => applyThresholdLoss(tx, deps(), id, 0))).toBeNull();
    // Restored: the reconciler stamps the threshold again.
    expect((await decideCluster(deps(), domainModerator, { petitionId: id, signatureIds: [counted[0]!.id], decision: 'restore', reason: 'Identity check cleared' })).kind).toBe('ok');
    await reconcileCounts(deps());
    expect((await db().select().from(petitions).where(eq(petitions.id, id)))[0]!.state).toBe('closed-reached');
  });
});
