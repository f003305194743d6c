import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, sessions, staffRoles } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import { verifyAuditLog } from '../../app/domain/audit/audit.server';
import { inviteFromCommandLine } from '../../app/domain/identity/staff.server';
import { silentLogger, systemClock } from '../../app/domain/shared/deps';
import { getIdentityConfig } from '../../app/services/identity.server';
import { PUBLIC_ORIGIN, startTestApp, type TestApp, type TestBrowser } from '../support/app';
import { enrollCitizen, makeIin, signIn } from '../support/citizens';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { SoftAuthenticator } from '../support/soft-authenticator';

let tdb: TestDatabase;
let app: TestApp;
const db = () => tdb.handle.db;
const deps = () => ({ db: db(), clock: systemClock, log: silentLogger });

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(tdb.handle.db);
  app = await startTestApp(tdb.handle);
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

async function sessionOf(browser: TestBrowser) {
  const token = browser.cookies.get('dauys_session')!;
  const { hashToken } = await import('../../app/domain/identity/sessions.server');
  return hashToken(token);
}

describe('sessions', () => {
  it('end after 30 idle minutes', async () => {
    const { browser } = await enrollCitizen(app.browser(), { iin: makeIin('1991-01-01', 'M', 1), origin: PUBLIC_ORIGIN });
    expect((await browser.get('/account')).status).toBe(200);
    await db().update(sessions).set({ lastSeenAt: new Date(Date.now() - 31 * 60_000) }).where(eq(sessions.id, await sessionOf(browser)));
    const res = await browser.get('/account');
    expect(res.status).toBe(302);
    expect(res.location).toMatch(/^\/signin/);
  });

  it('end 12 hours after sign-in even when active', async () => {
    const { browser } = await enrollCitizen(app.browser(), { iin: makeIin('1991-01-02', 'M', 1), origin: PUBLIC_ORIGIN });
    const row = (await db().select().from(sessions).where(eq(sessions.id, await sessionOf(browser))))[0]!;
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBe(12 * 3600_000);
    await db().update(sessions).set({ expiresAt: new Date(Date.now() - 1000), lastSeenAt: new Date() }).where(eq(sessions.id, row.id));
    expect((await browser.get('/account')).status).toBe(302);
  });

  it('get a new id at every sign-in, and the cookie is HttpOnly and SameSite=Lax', async () => {
    const { browser, authenticator } = await enrollCitizen(app.browser(), { iin: makeIin('1991-01-03', 'F', 1), origin: PUBLIC_ORIGIN });
    const first = browser.cookies.get('dauys_session');
    const { result } = await signIn(browser, authenticator);
    const cookie = result.setCookies.find((c) => c.startsWith('dauys_session='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // http://localhost; __Host- and Secure on https
    expect(browser.cookies.get('dauys_session')).not.toBe(first);
  });

  it('sign out everywhere ends every session of the account', async () => {
    const { browser: phone, authenticator } = await enrollCitizen(app.browser(), { iin: makeIin('1991-01-04', 'F', 1), origin: PUBLIC_ORIGIN });
    const laptop = app.browser();
    expect((await signIn(laptop, authenticator)).result.status).toBe(200);
    expect((await laptop.get('/account')).status).toBe(200);
    const res = await phone.postForm('/account?index', { intent: 'sign-out-everywhere' });
    expect(res.status).toBe(302);
    expect((await phone.get('/account')).status).toBe(302);
    expect((await laptop.get('/account')).status).toBe(302);
  });
});

describe('CSRF protection', () => {
  let browser: TestBrowser;
  beforeAll(async () => {
    ({ browser } = await enrollCitizen(app.browser(), { iin: makeIin('1992-02-02', 'M', 9), origin: PUBLIC_ORIGIN }));
  });

  it('refuses a form without the token, or with another token, and changes nothing', async () => {
    const before = await db().select().from(sessions);
    expect((await browser.postForm('/account?index', { intent: 'sign-out-everywhere' }, { csrf: false })).status).toBe(403);
    const forged = await browser.request('POST', '/account?index', { body: 'intent=sign-out-everywhere&csrf=forged-token', contentType: 'application/x-www-form-urlencoded' });
    expect(forged.status).toBe(403);
    expect((await browser.get('/account')).status).toBe(200);
    expect((await db().select().from(sessions)).filter((s) => s.revokedAt).length).toBe(before.filter((s) => s.revokedAt).length);
  });

  it('refuses a JSON request without the header', async () => {
    expect((await browser.postJson('/api/webauthn/register/options', {}, { csrf: false })).status).toBe(403);
  });

  it('refuses a cross-site request even with the token', async () => {
    const res = await browser.request('POST', '/signout', {
      body: `csrf=${browser.csrf}`,
      contentType: 'application/x-www-form-urlencoded',
      headers: { Origin: 'https://attacker.example', 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(res.status).toBe(403);
    expect((await browser.get('/account')).status).toBe(200);
  });

  it('every route with an action refuses a POST without the token', async () => {
    const files = readdirSync('app/routes').filter((f) => /export (async )?function action/.test(readFileSync(`app/routes/${f}`, 'utf8')));
    expect(files.length).toBeGreaterThanOrEqual(8);
    for (const file of files) {
      const path = `/${file.replace(/\.tsx?$/, '').replace(/_index$/, '').replace(/\.$/, '').replace(/\$[a-zA-Z]+/g, 'x'.repeat(30)).split('[.]').map((part) => part.replace(/\./g, '/')).join('.')}`.replace(/\/$/, '') || '/';
      const url = file.includes('_index') ? `${path}?index` : path;
      const res = await browser.request('POST', url, { body: 'intent=x', contentType: 'application/x-www-form-urlencoded' });
      // Read-only open-data routes refuse every state-changing method outright (405).
      const allowed = file.startsWith('api.v1.') ? [403, 405] : [403];
      expect(allowed, `${file} -> POST ${url} answered ${res.status}`).toContain(res.status);
    }
  });
});

describe('staff invitations and the audit log', () => {
  it('an administrator invited from the command line invites an akimat officer; roles and invites are audited', async () => {
    const cfg = getIdentityConfig();
    const invite = await inviteFromCommandLine(deps(), cfg, { displayName: 'Aliya Admin', role: 'administrator' });
    if (invite.kind !== 'invited') throw new Error('invite refused');
    const admin = app.browser();
    await admin.get(`/invite/${invite.token}`);
    const accepted = await admin.postForm(`/invite/${invite.token}`, {});
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe('/enroll/passkey?purpose=invite');
    const auth = new SoftAuthenticator(PUBLIC_ORIGIN);
    const options = await admin.postJson('/api/webauthn/register/options', {});
    expect((await admin.postJson('/api/webauthn/register/verify', { response: auth.createCredential(options.json.options as never) })).status).toBe(200);
    expect((await admin.get('/admin/staff')).status).toBe(200);

    // The link works once.
    const second = app.browser();
    await second.get('/signin');
    const again = await second.postForm(`/invite/${invite.token}`, {});
    expect(again.status).toBe(200);
    expect(again.text).toMatch(/already been used|уже использовано|пайдаланылып қойған/);

    // The administrator invites an officer of one akimat.
    const [akimat] = await db().execute(sql`select id from local_bodies where kind = 'akimat' and unit_kato = '711110000'`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows) as { id: number }[]);
    admin.cookies.set('lng', 'en');
    const created = await admin.postForm('/admin/staff', { displayName: 'Officer Bek', role: 'akimat_officer', bodyIds: String(akimat!.id) });
    expect(created.status).toBe(200);
    const link = /\/invite\/([A-Za-z0-9_-]{43})/.exec(created.text)?.[1];
    expect(link).toBeTruthy();
    const officer = app.browser();
    await officer.get(`/invite/${link}`);
    expect((await officer.postForm(`/invite/${link}`, {})).status).toBe(302);
    const roles = await db().select().from(staffRoles).where(eq(staffRoles.role, 'akimat_officer'));
    expect(roles).toEqual([expect.objectContaining({ bodyId: akimat!.id })]);

    // A citizen may not open the staff page.
    const { browser: citizen } = await enrollCitizen(app.browser(), { iin: makeIin('1993-03-03', 'F', 3), origin: PUBLIC_ORIGIN });
    expect((await citizen.get('/admin/staff')).status).toBe(403);

    const actions = (await db().select({ action: auditLog.action }).from(auditLog)).map((r) => r.action);
    for (const a of ['identity.proofed', 'passkey.added', 'staff.invited', 'staff.invite-used', 'staff.role-granted']) expect(actions).toContain(a);
  });

  it('an expired invitation is refused', async () => {
    const invite = await inviteFromCommandLine({ ...deps(), clock: { now: () => new Date(Date.now() - 73 * 3600_000) } }, getIdentityConfig(), {
      displayName: 'Late Person',
      role: 'moderator',
    });
    if (invite.kind !== 'invited') throw new Error('invite refused');
    const res = await app.browser().postForm(`/invite/${invite.token}`, {}, { csrf: false });
    expect(res.status).toBe(403);
    const b = app.browser();
    b.cookies.set('lng', 'en');
    await b.get(`/invite/${invite.token}`);
    const late = await b.postForm(`/invite/${invite.token}`, {});
    expect(late.text).toContain('This invitation has expired');
  });

  it('tampering with an audit row is detected, by the domain check and by npm run audit:verify', async () => {
    expect(await verifyAuditLog(db())).toMatchObject({ ok: true });
    // Run asynchronously: the test server in this process keeps serving meanwhile.
    const cli = () =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        execFile(process.execPath, ['node_modules/tsx/dist/cli.mjs', 'scripts/audit-verify.ts'], { env: { ...process.env, DATABASE_URL: tdb.url } }, (err, stdout, stderr) =>
          resolve({ status: err ? (typeof err.code === 'number' ? err.code : 1) : 0, stdout, stderr }),
        );
      });
    const intact = await cli();
    expect(intact.status).toBe(0);
    expect(intact.stdout).toMatch(/audit log intact: \d+ rows verified/);

    const [victim] = await db().select().from(auditLog).where(eq(auditLog.action, 'staff.role-granted')).limit(1);
    await db().update(auditLog).set({ details: { ...(victim!.details as object), role: 'moderator' } }).where(eq(auditLog.id, victim!.id));
    expect(await verifyAuditLog(db())).toMatchObject({ ok: false, brokenAt: victim!.id, reason: 'hash' });
    const tampered = await cli();
    expect(tampered.status).toBe(1);
    expect(tampered.stderr).toContain(`row ${victim!.id}`);
  });
});

describe('rate limits', () => {
  it('answers 429 with a localized message after too many sign-in attempts', async () => {
    const b = app.browser();
    b.cookies.set('lng', 'ru');
    await b.get('/signin');
    let last = { status: 0, json: {} as Record<string, unknown> };
    for (let i = 0; i < 40 && last.status !== 429; i++) last = await b.postJson('/api/webauthn/authenticate/options', {});
    expect(last.status).toBe(429);
    expect(last.json.error).toBe('rate-limited');
    expect(String(last.json.message)).toMatch(/Слишком много попыток/);
  });
});
