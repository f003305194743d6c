import { randomBytes } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accounts, auditLog, citizens, oidcTransactions, passkeys, sessions } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import { messages } from '../../app/i18n';
import { reloadEnv } from '../../app/services/env.server';
import { PUBLIC_ORIGIN, startTestApp, TestBrowser, type Sent, type TestApp } from '../support/app';
import { makeIin } from '../support/citizens';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { startOidcProvider, type OidcTestProvider } from '../support/oidc-provider';
import { SoftAuthenticator } from '../support/soft-authenticator';

/**
 * Identity proofing through OpenID Connect, end to end: the production build over HTTP, a real
 * oidc-provider on loopback, the real database. Every refusal is checked to create no session
 * and no account.
 */
const REDIRECT_URI = `${PUBLIC_ORIGIN}/auth/oidc/callback`;
const OIDC_KEYS = ['IDENTITY_PROVIDERS', 'OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'OIDC_ALLOW_INSECURE', 'OIDC_SCOPES'] as const;
const savedEnv = Object.fromEntries(OIDC_KEYS.map((k) => [k, process.env[k]]));

let tdb: TestDatabase;
let app: TestApp;
let idp: OidcTestProvider;
const db = () => tdb.handle.db;

function configure(provider: Pick<OidcTestProvider, 'url' | 'clientId' | 'clientSecret'>, providers = 'demo,oidc'): void {
  process.env.IDENTITY_PROVIDERS = providers;
  process.env.OIDC_ISSUER = provider.url;
  process.env.OIDC_CLIENT_ID = provider.clientId;
  process.env.OIDC_CLIENT_SECRET = provider.clientSecret;
  process.env.OIDC_ALLOW_INSECURE = 'true';
  process.env.OIDC_SCOPES = 'openid profile email';
  reloadEnv();
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(tdb.handle.db);
  idp = await startOidcProvider({ redirectUri: REDIRECT_URI });
  configure(idp);
  app = await startTestApp(tdb.handle);
});
afterAll(async () => {
  await app?.close();
  await idp?.close();
  await tdb?.drop();
  for (const k of OIDC_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
  reloadEnv();
});

/** A browser with its own client address (the server trusts X-Forwarded-For from loopback), so rate limits stay per test. */
let addresses = 0;
class Browser extends TestBrowser {
  override ip = `198.51.100.${++addresses}`;
}
const browser = () => new Browser(app.url);

async function counts() {
  const n = async (table: typeof sessions | typeof accounts | typeof citizens) =>
    Number((await db().select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n);
  return { sessions: await n(sessions), accounts: await n(accounts), citizens: await n(citizens) };
}

interface Started {
  authorizationUrl: URL;
  state: string;
  nonce: string;
  response: Sent;
}

/** The citizen presses "Continue with the national identity provider" on /enroll. */
async function start(b: Browser, purpose: 'enroll' | 'recover' = 'enroll'): Promise<Started> {
  if (!b.csrf) await b.get('/enroll');
  const response = await b.postForm('/auth/oidc/start', { purpose });
  expect(response.status, response.text.slice(0, 300)).toBe(302);
  const authorizationUrl = new URL(response.location!);
  return { authorizationUrl, state: authorizationUrl.searchParams.get('state')!, nonce: authorizationUrl.searchParams.get('nonce')!, response };
}

/** The path and query the provider sends the browser back to (on the portal's public origin). */
function callbackPath(back: URL): string {
  expect(`${back.origin}${back.pathname}`).toBe(REDIRECT_URI);
  return `${back.pathname}${back.search}`;
}

function withParam(path: string, name: string, value: string): string {
  const url = new URL(path, PUBLIC_ORIGIN);
  url.searchParams.set(name, value);
  return `${url.pathname}${url.search}`;
}

/** A refusal: back to /enroll with the error code, no session cookie, and the page shows the message. */
async function expectRefused(b: Browser, res: Sent, code: string, lng: 'en' | 'ru' | 'kk' = 'en') {
  expect(res.status, res.text.slice(0, 300)).toBe(302);
  const location = new URL(res.location!, PUBLIC_ORIGIN);
  expect(location.pathname).toBe('/enroll');
  expect(location.searchParams.get('error')).toBe(code);
  expect(res.setCookies.some((c) => c.startsWith('dauys_session='))).toBe(false);
  expect(b.cookies.has('dauys_session')).toBe(false);
  const page = await b.get(`${location.pathname}${location.search}&lng=${lng}`);
  expect(page.status).toBe(200);
  const message = (messages[lng].identity.errors as Record<string, string>)[code]!;
  expect(message.length).toBeGreaterThan(10);
  expect(page.text).toContain(message.replace(/'/g, '&#x27;'));
}

async function transaction(state: string) {
  const [row] = await db().select().from(oidcTransactions).where(eq(oidcTransactions.state, state));
  return row;
}

describe('a citizen proves their identity with the national identity provider', () => {
  it('the start sends the browser to the provider with PKCE (S256), state and nonce, bound to this browser', async () => {
    const b = browser();
    const { authorizationUrl, state, nonce, response } = await start(b);
    expect(authorizationUrl.origin).toBe(new URL(idp.url).origin);
    const p = authorizationUrl.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe(idp.clientId);
    expect(p.get('redirect_uri')).toBe(REDIRECT_URI);
    expect(p.get('scope')).toBe('openid profile email');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(nonce).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(nonce).not.toBe(state);

    const row = await transaction(state);
    expect(row).toMatchObject({ nonce, purpose: 'enroll', usedAt: null });
    expect(row!.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43,128}$/);
    const ttl = row!.expiresAt.getTime() - row!.createdAt.getTime();
    expect(ttl).toBe(10 * 60 * 1000);

    const cookie = response.setCookies.find((c) => c.startsWith('dauys_oidc='))!;
    expect(cookie).toContain(`dauys_oidc=${state}`);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Max-Age=600/);
    expect(response.headers.get('Cache-Control')).toBe('no-store');
  });

  it('the start needs a POST with the CSRF token', async () => {
    const b = browser();
    await b.get('/enroll');
    expect((await b.postForm('/auth/oidc/start', { purpose: 'enroll' }, { csrf: false })).status).toBe(403);
    const get = await b.get('/auth/oidc/start');
    expect(get.status).toBe(302);
    expect(get.location).toBe('/enroll');
  });

  it('comes back proofed, creates a passkey and is signed in', async () => {
    const before = await counts();
    const b = browser();
    const { authorizationUrl, state } = await start(b);
    const back = await idp.login(authorizationUrl, 'aigerim');
    expect(back.searchParams.get('state')).toBe(state);
    expect(back.searchParams.get('iss')).toBe(idp.issuer);

    const callback = await b.get(callbackPath(back));
    expect(callback.status, callback.text.slice(0, 300)).toBe(302);
    expect(callback.location).toBe('/enroll/passkey?purpose=enroll');
    expect(b.cookies.has('dauys_session')).toBe(true);
    expect(b.cookies.has('dauys_oidc')).toBe(false);
    expect((await transaction(state))!.usedAt).toBeInstanceOf(Date);
    // The claims were not in the ID token (conformant provider): they came from userinfo.
    expect(idp.requests).toContain('/me');

    const after = await counts();
    expect(after.accounts).toBe(before.accounts + 1);
    const [session] = await db().select().from(sessions).where(eq(sessions.ip, b.ip));
    expect(session).toMatchObject({ stage: 'enrolling', purpose: 'enroll' });

    // The passkey page, then a passkey registered with a software authenticator.
    expect((await b.get('/enroll/passkey?purpose=enroll')).status).toBe(200);
    const authenticator = new SoftAuthenticator(PUBLIC_ORIGIN);
    const options = await b.postJson('/api/webauthn/register/options', {});
    expect(options.status).toBe(200);
    const verified = await b.postJson('/api/webauthn/register/verify', { response: authenticator.createCredential(options.json.options as never), name: 'Phone' });
    expect(verified.status, verified.text).toBe(200);
    expect(verified.json).toMatchObject({ ok: true, redirectTo: '/account?created=1' });
    const account = await b.get('/account?lng=en');
    expect(account.status).toBe(200);
    expect(account.text).toContain('Айгерим');

    const [citizen] = await db().select().from(citizens).where(eq(citizens.accountId, session!.accountId));
    expect(citizen).toMatchObject({ proofingMethod: 'oidc', givenName: 'Айгерим', familyName: 'Сапарова', birthYear: 1990, sex: 'F', residenceKato: '711110000' });
    const [row] = await db().select().from(accounts).where(eq(accounts.id, session!.accountId));
    expect(row).toMatchObject({ kind: 'citizen', displayName: 'Айгерим С.', email: 'aigerim@example.kz' });
    const keys = await db().select().from(passkeys).where(eq(passkeys.accountId, session!.accountId));
    expect(keys).toHaveLength(1);
    const audit = await db().select().from(auditLog).where(and(eq(auditLog.action, 'identity.proofed'), eq(auditLog.actorAccountId, session!.accountId)));
    expect(audit.at(-1)!.details).toMatchObject({ method: 'oidc', created: true });
  });

  it('recovery through the provider reaches the existing account', async () => {
    const before = await counts();
    const b = browser();
    const { authorizationUrl } = await start(b, 'recover');
    const callback = await b.get(callbackPath(await idp.login(authorizationUrl, 'aigerim')));
    expect(callback.status).toBe(302);
    expect(callback.location).toBe('/enroll/passkey?purpose=recover&existing=1');
    expect((await counts()).accounts).toBe(before.accounts);
    const [session] = await db().select().from(sessions).where(eq(sessions.ip, b.ip));
    expect(session).toMatchObject({ stage: 'enrolling', purpose: 'recover' });
  });

  it('the same IIN through the provider and then the demo form reaches one account', async () => {
    const b = browser();
    const { authorizationUrl } = await start(b);
    const callback = await b.get(callbackPath(await idp.login(authorizationUrl, 'erlan')));
    expect(callback.location).toBe('/enroll/passkey?purpose=enroll');
    const [viaOidc] = await db().select().from(sessions).where(eq(sessions.ip, b.ip));
    const before = await counts();

    const demo = browser();
    await demo.get('/enroll');
    const iin = idp.accounts.get('erlan')!.claims.iin as string;
    const proofed = await demo.postForm('/enroll', { purpose: 'enroll', iin, givenName: 'Ерлан', familyName: 'Ахметов', residenceKato: '751310000' });
    expect(proofed.status).toBe(302);
    expect(proofed.location).toContain('existing=1');
    const after = await counts();
    expect(after.accounts).toBe(before.accounts);
    expect(after.citizens).toBe(before.citizens);
    const [viaDemo] = await db().select().from(sessions).where(eq(sessions.ip, demo.ip));
    expect(viaDemo!.accountId).toBe(viaOidc!.accountId);
    const [citizen] = await db().select().from(citizens).where(eq(citizens.accountId, viaOidc!.accountId));
    expect(citizen!.proofingMethod).toBe('demo');
  });

  it('claims the provider puts in the ID token are used without calling userinfo', async () => {
    const rich = await startOidcProvider({
      redirectUri: REDIRECT_URI,
      claimsInIdToken: true,
      accounts: [{ sub: 'timur', claims: { iin: makeIin('2001-09-30', 'M', 3), given_name: 'Тимур', family_name: 'Беков', birthdate: '2001-09-30', residence_kato: '711110000' } }],
    });
    try {
      configure(rich);
      const b = browser();
      const { authorizationUrl } = await start(b);
      const callback = await b.get(callbackPath(await rich.login(authorizationUrl, 'timur')));
      expect(callback.location).toBe('/enroll/passkey?purpose=enroll');
      expect(rich.requests).toContain('/token');
      expect(rich.requests).not.toContain('/me');
    } finally {
      configure(idp);
      await rich.close();
    }
  });
});

describe('refusals: back to /enroll with a localized message, no session, no account', () => {
  let before: Awaited<ReturnType<typeof counts>>;
  beforeEach(async () => {
    before = await counts();
  });
  const nothingCreated = async () => expect(await counts()).toEqual(before);

  it('a tampered state', async () => {
    const b = browser();
    const { authorizationUrl, state } = await start(b);
    const back = callbackPath(await idp.login(authorizationUrl, 'aigerim'));
    const forged = randomBytes(32).toString('base64url');
    // Even with the binding cookie forged to match, the state names no transaction.
    b.cookies.set('dauys_oidc', forged);
    await expectRefused(b, await b.get(withParam(back, 'state', forged)), 'oidc-failed');
    expect((await transaction(state))!.usedAt).toBeNull();
    await nothingCreated();
  });

  it('a callback in another browser than the one that started (login CSRF), which leaves the real login intact', async () => {
    const b = browser();
    const { authorizationUrl, state } = await start(b);
    const back = callbackPath(await idp.login(authorizationUrl, 'aigerim'));
    const victim = browser();
    await victim.get('/enroll');
    await expectRefused(victim, await victim.get(back), 'oidc-failed');
    expect((await transaction(state))!.usedAt).toBeNull();
    await nothingCreated();
    // The browser that started it still finishes.
    const own = await b.get(back);
    expect(own.location).toBe('/enroll/passkey?purpose=enroll&existing=1');
  });

  it('a HEAD request to the callback (link checker) does not consume the transaction', async () => {
    const b = browser();
    const { authorizationUrl, state } = await start(b);
    const back = callbackPath(await idp.login(authorizationUrl, 'aigerim'));
    expect((await b.request('HEAD', back)).status).toBe(405);
    expect((await transaction(state))!.usedAt).toBeNull();
    await nothingCreated();
    expect((await b.get(back)).location).toBe('/enroll/passkey?purpose=enroll&existing=1');
  });

  it('a replayed callback (state already used)', async () => {
    const b = browser();
    const { authorizationUrl, state } = await start(b);
    const back = callbackPath(await idp.login(authorizationUrl, 'aigerim'));
    expect((await b.get(back)).status).toBe(302);
    const afterFirst = await counts();
    const attacker = browser();
    await attacker.get('/enroll');
    attacker.cookies.set('dauys_oidc', state); // even with the binding cookie
    await expectRefused(attacker, await attacker.get(back), 'oidc-failed');
    expect(await counts()).toEqual(afterFirst);
  });

  it('an expired transaction (older than 10 minutes)', async () => {
    const b = browser();
    const { authorizationUrl, state } = await start(b);
    await db().update(oidcTransactions).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(oidcTransactions.state, state));
    const back = callbackPath(await idp.login(authorizationUrl, 'aigerim'));
    await expectRefused(b, await b.get(back), 'oidc-expired', 'ru');
    await nothingCreated();
  });

  it('an ID token whose nonce belongs to another transaction', async () => {
    const b = browser();
    const first = await start(b);
    const second = await start(b);
    // The second request, sent to the provider with the first one's nonce: PKCE and state are right.
    const swapped = new URL(second.authorizationUrl);
    swapped.searchParams.set('nonce', first.nonce);
    const back = callbackPath(await idp.login(swapped, 'aigerim'));
    const tokenCalls = idp.requests.filter((r) => r === '/token').length;
    await expectRefused(b, await b.get(back), 'oidc-failed');
    // The code was exchanged (PKCE passed) and the ID token refused.
    expect(idp.requests.filter((r) => r === '/token').length).toBe(tokenCalls + 1);
    await nothingCreated();
  });

  it('a code issued for another transaction (its PKCE verifier does not match)', async () => {
    const b = browser();
    const first = await start(b);
    const second = await start(b);
    const back = callbackPath(await idp.login(first.authorizationUrl, 'aigerim'));
    await expectRefused(b, await b.get(withParam(back, 'state', second.state)), 'oidc-failed');
    await nothingCreated();
  });

  it('a provider announcing another issuer than the one configured', async () => {
    const impostor = await startOidcProvider({ redirectUri: REDIRECT_URI, issuer: 'https://idp.example.kz' });
    try {
      configure(impostor);
      const b = browser();
      await b.get('/enroll');
      const transactions = Number((await db().select({ n: sql<number>`count(*)::int` }).from(oidcTransactions))[0]!.n);
      await expectRefused(b, await b.postForm('/auth/oidc/start', { purpose: 'enroll' }), 'oidc-failed');
      expect(Number((await db().select({ n: sql<number>`count(*)::int` }).from(oidcTransactions))[0]!.n)).toBe(transactions);
      expect(b.cookies.has('dauys_oidc')).toBe(false);
    } finally {
      configure(idp);
      await impostor.close();
    }
    await nothingCreated();
  });

  it('an authorization response naming another issuer (RFC 9207 iss)', async () => {
    const b = browser();
    const { authorizationUrl } = await start(b);
    const back = callbackPath(await idp.login(authorizationUrl, 'aigerim'));
    await expectRefused(b, await b.get(withParam(back, 'iss', 'https://idp.example.kz')), 'oidc-failed');
    await nothingCreated();
  });

  it('a provider that does not answer', async () => {
    const gone = await startOidcProvider({ redirectUri: REDIRECT_URI });
    await gone.close();
    try {
      configure(gone);
      const b = browser();
      await b.get('/enroll');
      await expectRefused(b, await b.postForm('/auth/oidc/start', { purpose: 'enroll' }), 'oidc-unavailable', 'kk');
    } finally {
      configure(idp);
    }
    await nothingCreated();
  });

  it('no IIN in the claims: a clear message in each language', async () => {
    const b = browser();
    const { authorizationUrl } = await start(b);
    const res = await b.get(callbackPath(await idp.login(authorizationUrl, 'no-iin')));
    await expectRefused(b, res, 'oidc-missing-claim', 'ru');
    const location = res.location!;
    expect((await b.get(`${location}&lng=en`)).text).toContain('The identity provider did not send your IIN');
    expect((await b.get(`${location}&lng=kk`)).text).toContain('Сәйкестендіру провайдері ЖСН-іңізді жібермеді');
    await nothingCreated();
  });

  it('an invalid IIN in the claims', async () => {
    const b = browser();
    const { authorizationUrl } = await start(b);
    await expectRefused(b, await b.get(callbackPath(await idp.login(authorizationUrl, 'bad-iin'))), 'oidc-invalid-iin');
    await nothingCreated();
  });

  it('a birth date claim that does not match the IIN', async () => {
    const b = browser();
    const { authorizationUrl } = await start(b);
    await expectRefused(b, await b.get(callbackPath(await idp.login(authorizationUrl, 'wrong-birthdate'))), 'birthdate-mismatch', 'kk');
    await nothingCreated();
  });

  it('a citizen who cancels at the provider', async () => {
    const b = browser();
    const { authorizationUrl } = await start(b);
    const back = await idp.cancel(authorizationUrl);
    expect(back.searchParams.get('error')).toBe('access_denied');
    await expectRefused(b, await b.get(callbackPath(back)), 'oidc-cancelled');
    await nothingCreated();
  });

  it('a callback without state or code', async () => {
    const b = browser();
    await b.get('/enroll');
    await expectRefused(b, await b.get('/auth/oidc/callback'), 'oidc-failed');
    await nothingCreated();
  });

  it('too many starts from one address', async () => {
    const b = browser();
    for (let i = 0; i < 10; i++) await start(b);
    const res = await b.postForm('/auth/oidc/start', { purpose: 'enroll' });
    expect(res.status).toBe(302);
    const location = new URL(res.location!, PUBLIC_ORIGIN);
    expect(location.searchParams.get('error')).toBe('rate-limited');
    expect(Number(location.searchParams.get('seconds'))).toBeGreaterThan(0);
    const page = await b.get(`${location.pathname}${location.search}&lng=en`);
    expect(page.text).toMatch(/Too many attempts\. Try again in \d+ seconds\./);
    await nothingCreated();
  });

  it('the routes do not exist while the provider is not enabled', async () => {
    try {
      configure(idp, 'demo');
      const b = browser();
      await b.get('/enroll');
      expect((await b.postForm('/auth/oidc/start', { purpose: 'enroll' })).status).toBe(404);
      expect((await b.get('/auth/oidc/callback?state=x&code=y')).status).toBe(404);
      expect((await b.get('/enroll?lng=en')).text).not.toContain('Continue with the national identity provider');
    } finally {
      configure(idp);
    }
  });
});
