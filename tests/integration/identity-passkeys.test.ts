import { createHash } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { accounts, citizens, passkeys, riskEvents, sessions, webauthnChallenges } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import { PUBLIC_ORIGIN, startTestApp, type TestApp } from '../support/app';
import { enrollCitizen, makeIin, signIn } from '../support/citizens';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { SoftAuthenticator } from '../support/soft-authenticator';

let tdb: TestDatabase;
let app: TestApp;
const db = () => tdb.handle.db;
const count = async (table: typeof sessions | typeof accounts | typeof passkeys) =>
  Number((await db().select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n);

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(tdb.handle.db);
  app = await startTestApp(tdb.handle);
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('a citizen proves their identity, registers passkeys and signs in', () => {
  const iin = makeIin('1990-05-17', 'F', 1234);

  it('enrolls, signs out, signs in, adds a second passkey, revokes the first and signs in again', async () => {
    const { browser, authenticator } = await enrollCitizen(app.browser(), { iin, origin: PUBLIC_ORIGIN });
    browser.cookies.set('lng', 'en');
    expect((await browser.get('/account')).status).toBe(200);

    // Sign out: the account page now sends to the sign-in page.
    expect((await browser.postForm('/signout', {})).status).toBe(302);
    const out = await browser.get('/account');
    expect(out.status).toBe(302);
    expect(out.location).toMatch(/^\/signin/);

    // Sign in with the passkey.
    const { result } = await signIn(browser, authenticator);
    expect(result.status).toBe(200);
    expect(result.json).toMatchObject({ ok: true, redirectTo: '/account' });
    expect((await browser.get('/account')).status).toBe(200);

    // Add a second passkey from the account.
    const options = await browser.postJson('/api/webauthn/register/options', {});
    const second = authenticator.createCredential(options.json.options as never);
    const added = await browser.postJson('/api/webauthn/register/verify', { response: second, name: 'Laptop' });
    expect(added.status).toBe(200);
    const [account] = await db().select().from(accounts);
    const keys = await db().select().from(passkeys).where(eq(passkeys.accountId, account!.id)).orderBy(passkeys.createdAt);
    expect(keys.map((k) => k.name)).toEqual(['Test phone', 'Laptop']);

    // Revoke the first; the last one cannot be revoked.
    expect((await browser.postForm('/account?index', { intent: 'revoke', passkeyId: keys[0]!.id })).status).toBe(200);
    const last = await browser.postForm('/account?index', { intent: 'revoke', passkeyId: keys[1]!.id });
    expect(last.status).toBe(409);
    expect(last.text).toContain('last passkey');

    // The revoked passkey no longer signs in; the second one does.
    const revoked = await signIn(app.browser(), authenticator, { credential: authenticator.credentials[0] });
    expect(revoked.result.status).toBe(401);
    expect(revoked.result.json.error).toBe('credential-revoked');
    const again = await signIn(app.browser(), authenticator, { credential: authenticator.credentials[1] });
    expect(again.result.status).toBe(200);
  });

  it('a second enrollment with the same IIN reaches the existing account', async () => {
    const before = await count(accounts);
    const browser = app.browser();
    await browser.get('/enroll');
    const proofed = await browser.postForm('/enroll', { purpose: 'enroll', iin, givenName: 'Айгерим', familyName: 'Нурланова', residenceKato: '751310000' });
    expect(proofed.status).toBe(302);
    expect(proofed.location).toContain('existing=1');
    expect(await count(accounts)).toBe(before);
    const rows = await db().select().from(citizens);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.residenceUnitKato).toBe('751310000');
    expect(rows[0]!.iinKeyVersion).toBe(2);
  });

  it('keeps no IIN in the database: not in plain text, not as an unkeyed hash', async () => {
    const unkeyed = [createHash('sha256').update(iin).digest('hex'), createHash('sha1').update(iin).digest('hex'), createHash('md5').update(iin).digest('hex')];
    const tables = await queryRows<{ table_name: string }>(db(), sql`select table_name from information_schema.tables where table_schema = 'public'`);
    let scanned = 0;
    for (const { table_name } of tables) {
      const rows = await queryRows<{ t: string }>(db(), sql`select t::text as t from ${sql.identifier(table_name)} as t`);
      for (const { t } of rows) {
        scanned++;
        expect(t, table_name).not.toContain(iin);
        for (const h of unkeyed) expect(t, table_name).not.toContain(h);
      }
    }
    expect(scanned).toBeGreaterThan(1000);
  });

  it('refuses an invalid IIN with a clear, localized message and creates nothing', async () => {
    const before = await count(accounts);
    const browser = app.browser();
    await browser.get('/enroll');
    browser.cookies.set('lng', 'ru');
    const res = await browser.postForm('/enroll', { purpose: 'enroll', iin: '900101300018', givenName: 'A', familyName: 'B', residenceKato: '711110000' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Некорректный ИИН');
    expect(await count(accounts)).toBe(before);
    expect(browser.cookies.has('dauys_session')).toBe(false);
  });
});

describe('hostile passkey ceremonies are refused with 4xx, a clear message and no session', () => {
  let authenticator: SoftAuthenticator;
  beforeAll(async () => {
    ({ authenticator } = await enrollCitizen(app.browser(), { iin: makeIin('1985-12-31', 'M', 77), origin: PUBLIC_ORIGIN }));
  });

  async function refused(overrides: Parameters<SoftAuthenticator['getAssertion']>[1], expected: string, prepare?: (challenge: string) => Promise<void>) {
    const browser = app.browser();
    await browser.get('/signin');
    const sessionsBefore = await count(sessions);
    const options = await browser.postJson('/api/webauthn/authenticate/options', {});
    const challenge = (options.json.options as { challenge: string }).challenge;
    await prepare?.(challenge);
    const response = authenticator.getAssertion(options.json.options as never, overrides);
    const res = await browser.postJson('/api/webauthn/authenticate/verify', { response });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.json.error).toBe(expected);
    expect(typeof res.json.message).toBe('string');
    expect((res.json.message as string).length).toBeGreaterThan(10);
    expect(res.setCookies.some((c) => c.startsWith('dauys_session='))).toBe(false);
    expect(await count(sessions)).toBe(sessionsBefore);
    return res;
  }

  it('a replayed challenge', async () => {
    const browser = app.browser();
    await browser.get('/signin');
    const { response, result } = await signIn(browser, authenticator);
    expect(result.status).toBe(200);
    const before = await count(sessions);
    const replay = await app.browser().postJson('/api/webauthn/authenticate/verify', { response }, { csrf: false });
    expect(replay.status).toBe(403); // no CSRF cookie in a fresh browser
    const attacker = app.browser();
    await attacker.get('/signin');
    const res = await attacker.postJson('/api/webauthn/authenticate/verify', { response });
    expect(res.status).toBe(401);
    expect(res.json.error).toBe('challenge-used');
    expect(await count(sessions)).toBe(before);
  });

  it('an expired challenge (older than 5 minutes)', async () => {
    await refused({}, 'challenge-expired', async (challenge) => {
      await db().update(webauthnChallenges).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(webauthnChallenges.challenge, challenge));
    });
  });

  it('a wrong origin', async () => {
    await refused({ origin: 'https://dauys.example.com' }, 'verification-failed');
  });

  it('a wrong rpID', async () => {
    await refused({ rpId: 'evil.example' }, 'verification-failed');
  });

  it('a tampered signature', async () => {
    const browser = app.browser();
    await browser.get('/signin');
    const before = await count(sessions);
    const options = await browser.postJson('/api/webauthn/authenticate/options', {});
    const response = authenticator.getAssertion(options.json.options as never);
    const sig = Buffer.from(response.response.signature, 'base64url');
    sig[sig.length - 3]! ^= 0x01;
    response.response.signature = sig.toString('base64url');
    const res = await browser.postJson('/api/webauthn/authenticate/verify', { response });
    expect(res.status).toBe(401);
    expect(res.json.error).toBe('verification-failed');
    expect(await count(sessions)).toBe(before);
  });

  it('an unknown credential', async () => {
    const stranger = new SoftAuthenticator(PUBLIC_ORIGIN);
    stranger.createCredential({ challenge: 'x', rp: { id: 'localhost', name: 'x' }, user: { id: 'dQ', name: 'x', displayName: 'x' }, pubKeyCredParams: [] });
    const browser = app.browser();
    await browser.get('/signin');
    const options = await browser.postJson('/api/webauthn/authenticate/options', {});
    const res = await browser.postJson('/api/webauthn/authenticate/verify', { response: stranger.getAssertion(options.json.options as never) });
    expect(res.status).toBe(401);
    expect(res.json.error).toBe('credential-unknown');
  });

  it('an assertion without user verification', async () => {
    await refused({ userVerified: false }, 'user-not-verified');
  });

  it('a registration without user verification', async () => {
    const browser = app.browser();
    await browser.get('/enroll');
    await browser.postForm('/enroll', { purpose: 'enroll', iin: makeIin('1970-01-01', 'M', 5), givenName: 'Ерлан', familyName: 'Ахметов', residenceKato: '711110000' });
    const options = await browser.postJson('/api/webauthn/register/options', {});
    const res = await browser.postJson('/api/webauthn/register/verify', { response: new SoftAuthenticator(PUBLIC_ORIGIN).createCredential(options.json.options as never, { userVerified: false }) });
    expect(res.status).toBe(401);
    expect(res.json.error).toBe('user-not-verified');
    expect(res.setCookies.some((c) => c.startsWith('dauys_session='))).toBe(false);
  });

  it('a counter that goes backwards is recorded as a risk event, not a lockout', async () => {
    const first = await signIn(app.browser(), authenticator, { counter: 50 });
    expect(first.result.status).toBe(200);
    const second = await signIn(app.browser(), authenticator, { counter: 10 });
    expect(second.result.status).toBe(200);
    const events = await db().select().from(riskEvents).where(eq(riskEvents.kind, 'passkey-counter-regressed'));
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.at(-1)!.details).toMatchObject({ stored: 50, received: 10 });
  });
});
