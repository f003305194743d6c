import { and, eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, passkeys, petitions, petitionVersions, riskEvents, signatureCountEvents, signatures, webauthnChallenges } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import { createPetition } from '../../app/domain/petitions/petitions.server';
import { silentLogger, systemClock } from '../../app/domain/shared/deps';
import { getIdentityConfig } from '../../app/services/identity.server';
import { PUBLIC_ORIGIN, startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { bulkCitizens, type FixtureCitizen } from '../support/fixtures';
import { browserFor } from '../support/signing';

/**
 * The edges of recording a signature in one statement: two answers to one challenge, a counter
 * regression, a petition edited or closed between the challenge and the answer, refused ceremonies.
 */
let tdb: TestDatabase;
let app: TestApp;
let people: FixtureCitizen[];
let petitionId: string;
const db = () => tdb.handle.db;

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(db());
  app = await startTestApp(tdb.handle);
  people = await bulkCitizens(db(), getIdentityConfig(), 8, { origin: PUBLIC_ORIGIN, residenceUnitKato: '711110000', serialOffset: 300 });
  const created = await createPetition({ db: db(), clock: systemClock, log: silentLogger }, people[7]!.actor, {
    title: 'Longer opening hours for city libraries',
    body: 'City libraries should stay open until nine in the evening on working days, so that students and workers can use them.',
    addresseeKind: 'government',
    topic: 'education',
  });
  if (created.kind !== 'created') throw new Error(JSON.stringify(created));
  petitionId = created.id;
  await db().update(petitions).set({ state: 'open', openedAt: new Date(), closesAt: new Date(Date.now() + 86_400_000), thresholdRequired: 1000 }).where(eq(petitions.id, petitionId));
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

const options = async (c: FixtureCitizen) => {
  const b = await browserFor(app, c);
  const o = await b.postJson(`/api/petitions/${petitionId}/sign/options`, {});
  expect(o.status).toBe(200);
  return { b, options: o.json.options as { challenge: string } };
};
const verify = (b: Awaited<ReturnType<typeof options>>['b'], response: unknown) => b.postJson(`/api/petitions/${petitionId}/sign/verify`, { response });
const challengeRow = async (challenge: string) => (await db().select().from(webauthnChallenges).where(eq(webauthnChallenges.challenge, challenge)))[0]!;
const liveOf = (c: FixtureCitizen) => db().select().from(signatures).where(and(eq(signatures.petitionId, petitionId), eq(signatures.accountId, c.accountId), isNull(signatures.withdrawnAt)));

describe('recording a signature', () => {
  it('two answers to one challenge at once: one signature, one count event, one outbox message; the other is "challenge used"', async () => {
    const c = people[0]!;
    const { b, options: o } = await options(c);
    const response = c.authenticator.getAssertion(o as never);
    const [x, y] = await Promise.all([verify(b, response), verify(b, response)]);
    expect([x.status, y.status].sort()).toEqual([200, 401]);
    expect([x, y].find((r) => r.status === 401)!.json.error).toBe('challenge-used');
    const rows = await liveOf(c);
    expect(rows).toHaveLength(1);
    expect(await db().select().from(signatureCountEvents).where(eq(signatureCountEvents.petitionId, petitionId))).toHaveLength(1);
    const messages = (await db().select().from(outbox).where(eq(outbox.topic, 'signature.recorded'))).filter((m) => (m.payload as { signatureId: string }).signatureId === rows[0]!.id);
    expect(messages).toHaveLength(1);
    expect((await challengeRow(o.challenge)).usedAt).toBeInstanceOf(Date);
  });

  it('a passkey counter that goes backwards is recorded as a risk event; the signature counts', async () => {
    const c = people[1]!;
    const [key] = await db().update(passkeys).set({ counter: 40 }).where(eq(passkeys.accountId, c.accountId)).returning({ id: passkeys.id });
    const { b, options: o } = await options(c);
    const signed = await verify(b, c.authenticator.getAssertion(o as never, { counter: 7 }));
    expect(signed.status).toBe(200);
    const events = (await db().select().from(riskEvents).where(eq(riskEvents.accountId, c.accountId))).map((e) => ({ kind: e.kind, details: e.details }));
    expect(events).toEqual([{ kind: 'passkey-counter-regressed', details: { passkeyId: key!.id, stored: 40, received: 7 } }]);
    const [after] = await db().select().from(passkeys).where(eq(passkeys.id, key!.id));
    expect(after!.counter).toBe(40);
    expect(after!.lastUsedAt).toBeInstanceOf(Date);
  });

  it('the passkey counter moves forward with each signature', async () => {
    const c = people[2]!;
    const { b, options: o } = await options(c);
    expect((await verify(b, c.authenticator.getAssertion(o as never, { counter: 12 }))).status).toBe(200);
    const [key] = await db().select().from(passkeys).where(eq(passkeys.accountId, c.accountId));
    expect(key!.counter).toBe(12);
  });

  it('a failed verification uses up the challenge and records nothing', async () => {
    const c = people[3]!;
    const { b, options: o } = await options(c);
    const bad = await verify(b, c.authenticator.getAssertion(o as never, { userVerified: false }));
    expect(bad.status).toBe(401);
    expect(bad.json.error).toBe('user-not-verified');
    expect((await challengeRow(o.challenge)).usedAt).toBeInstanceOf(Date);
    const again = await verify(b, c.authenticator.getAssertion(o as never));
    expect(again.json.error).toBe('challenge-used');
    expect(await liveOf(c)).toHaveLength(0);
  });

  it('a petition text changed between the challenge and the answer: "text changed", nothing recorded', async () => {
    const c = people[4]!;
    const { b, options: o } = await options(c);
    const [p] = await db().select().from(petitions).where(eq(petitions.id, petitionId));
    const [current] = await db().select().from(petitionVersions).where(eq(petitionVersions.id, p!.currentVersionId!));
    const [edited] = await db()
      .insert(petitionVersions)
      .values({ petitionId, version: current!.version + 1, title: current!.title, body: `${current!.body} Also on Saturdays.`, textHash: 'f'.repeat(64) })
      .returning({ id: petitionVersions.id });
    await db().update(petitions).set({ currentVersionId: edited!.id }).where(eq(petitions.id, petitionId));
    try {
      const r = await verify(b, c.authenticator.getAssertion(o as never));
      expect(r.status).toBe(409);
      expect(r.json.error).toBe('text-changed');
      expect(await liveOf(c)).toHaveLength(0);
      expect((await challengeRow(o.challenge)).usedAt).toBeInstanceOf(Date);
    } finally {
      await db().update(petitions).set({ currentVersionId: current!.id }).where(eq(petitions.id, petitionId));
    }
  });

  it('a petition closed between the challenge and the answer: "not signable", nothing recorded', async () => {
    const c = people[5]!;
    const { b, options: o } = await options(c);
    await db().update(petitions).set({ state: 'closed-expired' }).where(eq(petitions.id, petitionId));
    try {
      const r = await verify(b, c.authenticator.getAssertion(o as never));
      expect(r.status).toBe(403);
      expect(r.json.error).toBe('not-signable');
      expect(await liveOf(c)).toHaveLength(0);
    } finally {
      await db().update(petitions).set({ state: 'open' }).where(eq(petitions.id, petitionId));
    }
  });

  it("another citizen's challenge is unknown to this signer", async () => {
    const { options: theirs } = await options(people[6]!);
    const { b } = await options(people[5]!);
    const r = await verify(b, people[5]!.authenticator.getAssertion(theirs as never));
    expect(r.status).toBe(401);
    expect(r.json.error).toBe('challenge-unknown');
    expect((await challengeRow(theirs.challenge)).usedAt).toBeNull();
  });
});
