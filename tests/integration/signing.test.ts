import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { petitions, signatureCountEvents, signatures, outbox, petitionEvents } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import { createPetition, moderatePetition, submitForSupport } from '../../app/domain/petitions/petitions.server';
import { screenSignature } from '../../app/domain/integrity/screening.server';
import { getCounts, reconcileCounts, recountFromSignatures } from '../../app/domain/signatures/counts.server';
import { checkEvidence, verifySignatureEvidence } from '../../app/domain/signatures/signing.server';
import { silentLogger, systemClock } from '../../app/domain/shared/deps';
import type { Actor } from '../../app/domain/identity/permissions';
import { getIdentityConfig } from '../../app/services/identity.server';
import { PUBLIC_ORIGIN, startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { bulkCitizens, type FixtureCitizen } from '../support/fixtures';
import { browserFor, signOverHttp } from '../support/signing';

let tdb: TestDatabase;
let app: TestApp;
const db = () => tdb.handle.db;
const deps = () => ({ db: db(), clock: systemClock, log: silentLogger });
const moderator: Actor = { accountId: '00000000-0000-4000-8000-000000000001', kind: 'staff', roles: [{ role: 'moderator', bodyId: null }] };
let astana: FixtureCitizen[];
let almaty: FixtureCitizen;
let minor: FixtureCitizen;
let petitionId: string;

const BODY = 'The city needs safe pedestrian crossings near every school on the main avenues, with lights and speed bumps, before the next school year starts.';

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(db());
  app = await startTestApp(tdb.handle);
  const cfg = getIdentityConfig();
  astana = await bulkCitizens(db(), cfg, 8, { origin: PUBLIC_ORIGIN, residenceUnitKato: '711110000' });
  almaty = (await bulkCitizens(db(), cfg, 1, { origin: PUBLIC_ORIGIN, residenceUnitKato: '751310000', serialOffset: 100 }))[0]!;
  const nextYear = new Date().getUTCFullYear() - 17;
  minor = (await bulkCitizens(db(), cfg, 1, { origin: PUBLIC_ORIGIN, residenceUnitKato: '711110000', birthDate: `${nextYear}-12-31`, serialOffset: 200 }))[0]!;

  // A petition to the Astana city akimat, open for signatures (2 supporters needed to reach moderation).
  const created = await createPetition(deps(), astana[0]!.actor, { title: 'Safe crossings near Astana schools', body: BODY, addresseeKind: 'akimat', unitKato: '710000000', topic: 'roads' }, { initialSupport: 2 });
  if (created.kind !== 'created') throw new Error(JSON.stringify(created));
  petitionId = created.id;
  expect((await submitForSupport(deps(), astana[0]!.actor, petitionId)).kind).toBe('ok');
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

const live = async (accountId: string) =>
  db().select().from(signatures).where(and(eq(signatures.petitionId, petitionId), eq(signatures.accountId, accountId), isNull(signatures.withdrawnAt)));

describe('signing a petition with a passkey', () => {
  it('initial support: two residents support it, the reconciler sends it to moderation', async () => {
    for (const c of astana.slice(1, 3)) expect((await signOverHttp(await browserFor(app, c), c, petitionId)).status).toBe(200);
    const r = await reconcileCounts(deps());
    expect(r).toMatchObject({ ran: true, events: 2, milestones: 1 });
    const [p] = await db().select().from(petitions).where(eq(petitions.id, petitionId));
    expect(p!.state).toBe('moderation');
    expect(p!.moderationDueOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // The moderator opens it; the threshold is fixed from Astana's population (1 % for a city akimat).
    expect((await moderatePetition(deps(), moderator, petitionId, { decision: 'approve' })).kind).toBe('ok');
    const [opened] = await db().select().from(petitions).where(eq(petitions.id, petitionId));
    expect(opened!.state).toBe('open');
    expect(opened!.thresholdRule).toBe('akimat-level-1');
    expect(opened!.thresholdRequired).toBe(Math.ceil(opened!.thresholdPopulation! / 100));
  });

  it('records one signature per person; signing twice answers "already signed" and keeps one row', async () => {
    const c = astana[3]!;
    const b = await browserFor(app, c);
    const first = await signOverHttp(b, c, petitionId);
    expect(first.status).toBe(200);
    const again = await signOverHttp(b, c, petitionId);
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: 'already-signed', message: 'You have already signed this petition.' });
    expect(await live(c.accountId)).toHaveLength(1);
    // The signature and its outbox message were written together.
    const [row] = await live(c.accountId);
    const messages = await db().select().from(outbox).where(eq(outbox.topic, 'signature.recorded'));
    expect(messages.some((m) => (m.payload as { signatureId: string }).signatureId === row!.id)).toBe(true);
  });

  it("runs the ceremony's statements on the pipelined connection of the signing path, apart from the pool", async () => {
    const [c] = await bulkCitizens(db(), getIdentityConfig(), 1, { origin: PUBLIC_ORIGIN, residenceUnitKato: '711110000', serialOffset: 300 });
    expect((await signOverHttp(await browserFor(app, c!), c!, petitionId)).status).toBe(200);
    const backends = await queryRows<{ query: string }>(db(), sql`select query from pg_stat_activity where datname = current_database() and application_name = 'dauys-signing'`);
    expect(backends).toHaveLength(1);
    // Its last statement is the signature's single write.
    expect(backends[0]!.query).toMatch(/^\s*with used as \(\s*update "webauthn_challenges"/);
    expect(await live(c!.accountId)).toHaveLength(1);
  });

  it('a replayed signing assertion is refused', async () => {
    const c = astana[4]!;
    const b = await browserFor(app, c);
    const options = await b.postJson(`/api/petitions/${petitionId}/sign/options`, {});
    const response = c.authenticator.getAssertion(options.json.options as never);
    expect((await b.postJson(`/api/petitions/${petitionId}/sign/verify`, { response })).status).toBe(200);
    expect((await b.postForm(`/petitions/${petitionId}/signature`, { intent: 'withdraw' })).status).toBe(302);
    const replay = await b.postJson(`/api/petitions/${petitionId}/sign/verify`, { response });
    expect(replay.status).toBe(401);
    expect(replay.json.error).toBe('challenge-used');
    expect(await live(c.accountId)).toHaveLength(0);
  });

  it('withdraw while open, then sign again: the old row stays withdrawn, one live signature', async () => {
    const c = astana[5]!;
    const b = await browserFor(app, c);
    expect((await signOverHttp(b, c, petitionId)).status).toBe(200);
    const withdrawn = await b.postForm(`/petitions/${petitionId}/signature`, { intent: 'withdraw' });
    expect(withdrawn.location).toContain('withdrawn=1');
    expect(await live(c.accountId)).toHaveLength(0);
    expect((await signOverHttp(b, c, petitionId)).status).toBe(200);
    const all = await db().select().from(signatures).where(and(eq(signatures.petitionId, petitionId), eq(signatures.accountId, c.accountId)));
    expect(all).toHaveLength(2);
    expect(all.filter((s) => s.withdrawnAt === null)).toHaveLength(1);
  });

  it('a resident of another region cannot sign a local petition, and a minor cannot sign', async () => {
    const outsider = await signOverHttp(await browserFor(app, almaty), almaty, petitionId);
    expect(outsider.status).toBe(403);
    expect(outsider.json.error).toBe('not-resident');
    const young = await signOverHttp(await browserFor(app, minor), minor, petitionId);
    expect(young.status).toBe(403);
    expect(young.json).toMatchObject({ error: 'minor', message: 'Only citizens aged 18 and over can sign petitions.' });
    expect(await live(almaty.accountId)).toHaveLength(0);
    expect(await live(minor.accountId)).toHaveLength(0);
  });

  it('every stored signature re-verifies from its evidence; a changed byte fails', async () => {
    const rows = await db().select().from(signatures).where(eq(signatures.petitionId, petitionId));
    expect(rows.length).toBeGreaterThanOrEqual(5);
    for (const s of rows) expect(await verifySignatureEvidence({ db: db() }, s.id), s.id).toMatchObject({ valid: true });

    const s = rows[0]!;
    const { publicKey } = (await db().execute(sql`select public_key as "publicKey" from passkeys where id = ${s.passkeyId}`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows)))[0] as { publicKey: string };
    const flip = (b64: string, at: number) => {
      const buf = Buffer.from(b64, 'base64url');
      buf[at % buf.length]! ^= 0x01;
      return buf.toString('base64url');
    };
    for (const field of ['authenticatorData', 'clientDataJson', 'signature'] as const) {
      for (const at of [0, 7, 33, 40]) {
        const changed = await checkEvidence({ ...s, [field]: flip(s[field], at) }, publicKey);
        expect(changed.valid, `${field}[${at}]`).toBe(false);
      }
    }
    expect((await checkEvidence({ ...s, textHash: s.textHash.replace(/^./, (c) => (c === 'a' ? 'b' : 'a')) }, publicKey)).valid).toBe(false);
    expect((await checkEvidence({ ...s, nonce: `${s.nonce}x` }, publicKey)).valid).toBe(false);
  });

  it('the receipt page re-verifies and the counts reconcile to the live signatures, by region', async () => {
    const [s] = await live(astana[3]!.accountId);
    const b = await browserFor(app, astana[3]!);
    const receipt = await b.get(`/signatures/${s!.id}`);
    expect(receipt.status).toBe(200);
    expect(receipt.text).toContain('Valid: the signature verifies');
    // Another citizen cannot open it.
    expect((await (await browserFor(app, astana[6]!)).get(`/signatures/${s!.id}`)).status).toBe(404);

    await reconcileCounts(deps());
    const counts = await getCounts({ db: db() }, petitionId);
    const [{ n }] = (await db().select({ n: sql<number>`count(*)::int` }).from(signatures).where(and(eq(signatures.petitionId, petitionId), isNull(signatures.withdrawnAt), eq(signatures.status, 'valid')))) as [{ n: number }];
    expect(counts!.valid).toBe(n);
    expect(counts!.byRegion.reduce((a, r) => a + r.valid, 0)).toBe(n);
    expect(counts!.byRegion.map((r) => r.regionKato)).toEqual(['710000000']);
    expect(counts!.withdrawn).toBe(2);
    expect(await db().select().from(signatureCountEvents)).toHaveLength(0);
    // A full recount from the signatures gives the same figures.
    await recountFromSignatures(deps());
    expect(await getCounts({ db: db() }, petitionId)).toMatchObject({ valid: n, withdrawn: 2 });
  });

  it('reaching the threshold closes the petition for the addressee', async () => {
    await db().update(petitions).set({ thresholdRequired: 6 }).where(eq(petitions.id, petitionId)); // a test threshold instead of 1 % of Astana
    const c = astana[7]!;
    expect((await signOverHttp(await browserFor(app, c), c, petitionId)).status).toBe(200);
    const b = await browserFor(app, astana[6]!);
    expect((await signOverHttp(b, astana[6]!, petitionId)).status).toBe(200);
    await reconcileCounts(deps());
    const [p] = await db().select().from(petitions).where(eq(petitions.id, petitionId));
    expect(p!.state).toBe('closed-reached');
    expect(p!.thresholdReachedAt).toBeInstanceOf(Date);
    const events = (await db().select().from(petitionEvents).where(eq(petitionEvents.petitionId, petitionId))).map((e) => e.event);
    expect(events).toEqual(['submit', 'initial-support-reached', 'approve', 'threshold-reached']);
    // Closed: no more signatures, no withdrawals.
    const late = await signOverHttp(await browserFor(app, almaty), almaty, petitionId);
    expect(late.status).toBe(403);
  });

  it('the integrity worker assesses each signature once and leaves ordinary ones counted', async () => {
    const [s] = await live(astana[3]!.accountId);
    const first = await screenSignature(deps(), s!.id);
    expect(first).toMatchObject({ kind: 'assessed', decision: 'count' });
    expect(await screenSignature(deps(), s!.id)).toEqual({ kind: 'already-assessed' });
  });
});
