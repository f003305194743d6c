import { and, desc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localBodies, notifications, petitionEvents, petitions, sessions, unitPopulation } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import type { Actor } from '../../app/domain/identity/permissions';
import { hashToken } from '../../app/domain/identity/sessions.server';
import { inviteFromCommandLine } from '../../app/domain/identity/staff.server';
import { applyCountMilestones, createPetition, submitForSupport } from '../../app/domain/petitions/petitions.server';
import { fixedClock, silentLogger, systemClock } from '../../app/domain/shared/deps';
import { getIdentityConfig } from '../../app/services/identity.server';
import { PUBLIC_ORIGIN, startTestApp, type TestApp, type TestBrowser } from '../support/app';
import { enrollCitizen, makeIin } from '../support/citizens';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { SoftAuthenticator } from '../support/soft-authenticator';

/**
 * Moderators and addressees over HTTP (the production build, `npm run build` first): the queue,
 * approval and rejection, registration, answer and progress by the addressed akimat, refusals for
 * everyone else, and the author's in-app notifications.
 *
 * Shortcuts, said plainly: petitions are written and submitted through the domain functions (the
 * author's pages are tested elsewhere), and the counts that move them on are DECLARED to the
 * domain's applyCountMilestones (the function the count reconciler calls) instead of being
 * gathered: 50 initial supporters, and for "threshold reached" the full threshold of an Astana
 * petition (1 % of 1.6 million residents: 16,383 signatures), which would need as many passkey
 * ceremonies. The state machine, events and notifications run exactly as in production.
 */

let tdb: TestDatabase;
let app: TestApp;
const db = () => tdb.handle.db;
const deps = (clock = systemClock) => ({ db: db(), clock, log: silentLogger });
const rowsOf = <T>(r: unknown): T[] => (Array.isArray(r) ? r : (r as { rows: T[] }).rows);

const SCHOOL =
  'Жителям микрорайона нужна новая школа: действующая переполнена, дети учатся в три смены. Просим включить строительство в план на следующий год.';
const PARK = 'Вечером в парке на набережной темно и небезопасно. Просим установить фонари вдоль всех аллей и у детской площадки до начала зимы.';
const ROAD = 'Асфальт на улице Кенесары разрушен, ямы глубиной до десяти сантиметров повреждают машины. Просим провести капитальный ремонт покрытия.';
const CLUBS = 'Записать ребёнка в бесплатный кружок можно только лично и в очереди. Просим сделать единую онлайн-запись во все государственные кружки страны.';
const DAY = 86_400_000;

let author: { browser: TestBrowser; actor: Actor };
let citizen: TestBrowser;
let moderator: TestBrowser;
let astanaOfficer: TestBrowser;
let almatyOfficer: TestBrowser;
let astanaAkimat: number;
let almatyAkimat: number;

async function accountOf(browser: TestBrowser): Promise<string> {
  const [row] = await db().select({ accountId: sessions.accountId }).from(sessions).where(eq(sessions.id, hashToken(browser.cookies.get('dauys_session')!)));
  return row!.accountId;
}

/** A staff member invited from the command line who accepts the invitation and adds a passkey. */
async function staff(displayName: string, role: 'moderator' | 'akimat_officer', bodyIds: number[] = []): Promise<TestBrowser> {
  const invite = await inviteFromCommandLine(deps(), getIdentityConfig(), { displayName, role, bodyIds });
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

/**
 * A petition written `daysAgo` days ago that reached initial support then (declared count, see
 * the top): in moderation, its 20-working-day clock started that day.
 */
async function inModeration(title: string, body: string, daysAgo: number, addressee: { addresseeKind: 'akimat'; unitKato: string } | { addresseeKind: 'government' } = { addresseeKind: 'akimat', unitKato: '710000000' }): Promise<string> {
  const clock = fixedClock(new Date(Date.now() - daysAgo * DAY));
  const created = await createPetition(deps(clock), author.actor, { title, body, topic: 'education', ...addressee });
  if (created.kind !== 'created') throw new Error(JSON.stringify(created));
  expect((await submitForSupport(deps(clock), author.actor, created.id)).kind).toBe('ok');
  expect(await db().transaction((tx) => applyCountMilestones(tx, { clock }, created.id, 50))).toBe('moderation');
  return created.id;
}

const petition = async (id: string) => (await db().select().from(petitions).where(eq(petitions.id, id)))[0]!;
/** The petition ids of the queue's rows, in page order, with their overdue marks. */
const queueRows = (html: string) => [...html.matchAll(/data-petition="([0-9a-f-]{36})" data-overdue="(true|false)"/g)].map((m) => ({ id: m[1]!, overdue: m[2] === 'true' }));

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(db());
  app = await startTestApp(tdb.handle);
  const akimat = async (kato: string) =>
    (await db().select({ id: localBodies.id }).from(localBodies).where(and(eq(localBodies.unitKato, kato), eq(localBodies.kind, 'akimat'))))[0]!.id;
  astanaAkimat = await akimat('710000000');
  almatyAkimat = await akimat('750000000');

  const enrolled = await enrollCitizen(app.browser(), { iin: makeIin('1985-05-05', 'F', 11), origin: PUBLIC_ORIGIN, givenName: 'Айгерим', familyName: 'Нурланова' });
  author = { browser: enrolled.browser, actor: { accountId: await accountOf(enrolled.browser), kind: 'citizen', roles: [] } };
  citizen = (await enrollCitizen(app.browser(), { iin: makeIin('1979-09-09', 'M', 12), origin: PUBLIC_ORIGIN })).browser;
  moderator = await staff('Marat Moderator', 'moderator');
  astanaOfficer = await staff('Officer of Astana', 'akimat_officer', [astanaAkimat]);
  almatyOfficer = await staff('Officer of Almaty', 'akimat_officer', [almatyAkimat]);
});
afterAll(async () => {
  await app.close();
  await tdb.drop();
});

describe('the moderation queue', () => {
  let oldest: string;
  let middle: string;
  let newest: string;

  beforeAll(async () => {
    // Written out of order on purpose: the queue orders by submission, not by creation.
    newest = await inModeration('Построить новую школу в микрорайоне Тельман', SCHOOL, 1);
    oldest = await inModeration('Построить школу в микрорайоне Тельман на 1200 мест', SCHOOL, 40);
    middle = await inModeration('Освещение парка у реки Есиль', PARK, 10);
  });

  it('lists petitions in moderation, oldest first, with the overdue one marked', async () => {
    // 40 days ago + 20 working days is in the past; make it explicit as well (the stored date counts).
    await db().update(petitions).set({ moderationDueOn: new Date(Date.now() - 5 * DAY).toISOString().slice(0, 10) }).where(eq(petitions.id, oldest));
    moderator.cookies.set('lng', 'ru');
    const page = await moderator.get('/moderation');
    expect(page.status).toBe(200);
    expect(queueRows(page.text)).toEqual([
      { id: oldest, overdue: true },
      { id: middle, overdue: false },
      { id: newest, overdue: false },
    ]);
    expect(page.text).toContain('Просрочено'); // petitions.clock.status.overdue (ru)
    expect(page.text).toContain('Айгерим Н.'); // the author's display name
    expect(page.text).toMatch(/Модерации ожидают 3 петиции/);
    expect(page.text).toMatch(/из них 1 просрочена/);
    // The two school petitions are flagged as similar to each other.
    const oldestRow = page.text.slice(page.text.indexOf(`data-petition="${oldest}"`), page.text.indexOf(`data-petition="${middle}"`));
    expect(oldestRow).toMatch(/1 похожая/);
  });

  it('is refused to citizens and akimat officers (403) and asks the signed-out to sign in', async () => {
    expect((await citizen.get('/moderation')).status).toBe(403);
    expect((await astanaOfficer.get('/moderation')).status).toBe(403);
    expect((await citizen.get(`/moderation/${oldest}`)).status).toBe(403);
    const anonymous = await app.browser().get('/moderation');
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/signin\?returnTo=%2Fmoderation/);
    const before = await petition(middle);
    expect((await citizen.postForm(`/moderation/${middle}`, { intent: 'approve' })).status).toBe(403);
    expect((await astanaOfficer.postForm(`/moderation/${middle}`, { intent: 'approve' })).status).toBe(403);
    expect((await petition(middle)).state).toBe(before.state);
  });

  it('shows the petition under review with its similar petitions and plain forms with the CSRF field', async () => {
    moderator.cookies.set('lng', 'en');
    const page = await moderator.get(`/moderation/${oldest}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain('Построить школу в микрорайоне Тельман на 1200 мест');
    const similar = page.text.slice(page.text.indexOf('data-testid="similar-petitions"'));
    expect(similar).toContain(`/moderation/${newest}`);
    expect(similar).not.toContain(`/moderation/${middle}`);
    expect(page.text.match(/<form[^>]*method="post"/g)?.length).toBe(2);
    expect(page.text.match(/name="csrf" value="[A-Za-z0-9_-]{43}"/g)?.length).toBe(2);
    // All 17 prohibited topic groups are offered.
    expect(page.text.match(/<option value="(constitutional-order|territorial-structure|language|elections-referendums|justice-prosecution|amnesty-pardon|special-services-state-secrets|president-parliament|senior-appointments|law-enforcement-operations|state-body-functions|defence-national-security|foreign-policy-treaties|interethnic-interfaith-relations|incitement-extremism|specific-criminal-cases|private-life-honour)"/g)?.length).toBe(17);
    expect((await moderator.get('/moderation/00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });

  it('approves a petition: it opens with the threshold fixed from the seeded population (1 % of Astana)', async () => {
    const res = await moderator.postForm(`/moderation/${middle}`, { intent: 'approve' });
    expect(res.status).toBe(302);
    const p = await petition(middle);
    expect(res.location).toBe(`/moderation?done=approved&number=${p.number}`);
    expect(p.state).toBe('open');
    const [pop] = await db().select().from(unitPopulation).where(eq(unitPopulation.kato, '710000000')).orderBy(desc(unitPopulation.asOf)).limit(1);
    expect(p.thresholdRequired).toBe(Math.ceil((pop!.population * 100) / 10_000)); // 16,383 for 1,638,233 residents (1 Jan 2026)
    expect(p.thresholdRule).toBe('akimat-level-1');
    expect(p.thresholdPopulation).toBe(pop!.population);
    expect(p.openedAt).toBeInstanceOf(Date);
    expect(p.closesAt!.getTime()).toBeGreaterThan(Date.now() + 150 * DAY);
    const flash = await moderator.get(res.location!);
    expect(flash.text).toContain(`Petition No. ${p.number} was approved`);
    expect(queueRows(flash.text).map((r) => r.id)).toEqual([oldest, newest]);
    // Deciding again is refused: the petition is no longer in moderation.
    const again = await moderator.postForm(`/moderation/${middle}`, { intent: 'approve' });
    expect(again.status).toBe(409);
    expect(again.text).toContain('not possible at the petition’s current stage');
  });

  it('rejects with a prohibited topic only when the group is named; the public reason is stored', async () => {
    const missing = await moderator.postForm(`/moderation/${oldest}`, { intent: 'reject', reason: 'prohibited-topic', topicGroup: '', note: 'Kept across the error' });
    expect(missing.status).toBe(422);
    expect(missing.text).toContain('For a prohibited question, choose its group.');
    expect(missing.text).toContain('Kept across the error'); // the form keeps what was typed (no JavaScript needed)
    expect(missing.text).toMatch(/<select id="topicGroup"[^>]*aria-invalid="true"/);
    expect((await petition(oldest)).state).toBe('moderation');

    const res = await moderator.postForm(`/moderation/${oldest}`, {
      intent: 'reject',
      reason: 'prohibited-topic',
      topicGroup: 'state-body-functions',
      note: 'The choice of a school site is a decision of the akimat under the law.',
    });
    expect(res.status).toBe(302);
    const p = await petition(oldest);
    expect(p).toMatchObject({
      state: 'rejected',
      rejectionReason: 'prohibited-topic',
      rejectionTopicGroup: 'state-body-functions',
      rejectionNote: 'The choice of a school site is a decision of the akimat under the law.',
    });
    const [event] = await db().select().from(petitionEvents).where(and(eq(petitionEvents.petitionId, oldest), eq(petitionEvents.event, 'reject')));
    expect(event!.data).toMatchObject({ kind: 'rejection', reason: { code: 'prohibited-topic', topicGroup: 'state-body-functions' } });
    const decided = await moderator.get(`/moderation/${oldest}`);
    expect(decided.text).toContain('This petition is no longer in moderation');
    expect(decided.text).not.toContain('name="intent" value="reject"');
  });

  it('refuses a decision posted without the CSRF token, even by a moderator', async () => {
    expect((await moderator.postForm(`/moderation/${newest}`, { intent: 'approve' }, { csrf: false })).status).toBe(403);
    expect((await petition(newest)).state).toBe('moderation');
  });

  it('a reason outside the list is refused in the visitor’s language', async () => {
    moderator.cookies.set('lng', 'kk');
    const res = await moderator.postForm(`/moderation/${newest}`, { intent: 'reject', reason: 'boring' });
    expect(res.status).toBe(422);
    expect(res.text).toContain('Қабылдамаудың белгісіз себебі.');
    expect((await petition(newest)).state).toBe('moderation');
  });
});

describe('the addressee', () => {
  let id: string;
  let threshold: number;

  beforeAll(async () => {
    id = await inModeration('Ремонт дороги по улице Кенесары', ROAD, 3);
    expect((await moderator.postForm(`/moderation/${id}`, { intent: 'approve' })).status).toBe(302);
    threshold = (await petition(id)).thresholdRequired!;
    // Threshold reached: the count is declared (see the top of the file), not gathered.
    expect(await db().transaction((tx) => applyCountMilestones(tx, { clock: systemClock }, id, threshold))).toBe('closed-reached');
  });

  it('an officer of another akimat gets 403 and changes nothing; so does a moderator for an akimat petition', async () => {
    expect((await almatyOfficer.get(`/petitions/${id}/respond`)).status).toBe(403);
    expect((await almatyOfficer.postForm(`/petitions/${id}/respond`, { intent: 'register' })).status).toBe(403);
    expect((await moderator.get(`/petitions/${id}/respond`)).status).toBe(403);
    expect((await citizen.postForm(`/petitions/${id}/respond`, { intent: 'register' })).status).toBe(403);
    const p = await petition(id);
    expect(p.state).toBe('closed-reached');
    expect(p.registeredAt).toBeNull();
  });

  it('the addressee’s forms and the inbox refuse a POST without the CSRF token', async () => {
    expect((await astanaOfficer.postForm(`/petitions/${id}/respond`, { intent: 'register' }, { csrf: false })).status).toBe(403);
    expect((await petition(id)).state).toBe('closed-reached');
    expect((await author.browser.postForm('/notifications', { intent: 'read-all' }, { csrf: false })).status).toBe(403);
  });

  it('the officer of the addressed akimat registers it: the 40-working-day clock starts and is shown', async () => {
    astanaOfficer.cookies.set('lng', 'en');
    const before = await astanaOfficer.get(`/petitions/${id}/respond`);
    expect(before.status).toBe(200);
    expect(before.text).toContain('Not registered yet');
    expect(before.text).toContain('name="intent" value="register"');
    expect(before.text).not.toContain('name="intent" value="answer"');

    const res = await astanaOfficer.postForm(`/petitions/${id}/respond`, { intent: 'register' });
    expect(res.status).toBe(302);
    expect(res.location).toBe(`/petitions/${id}/respond?done=register`);
    const p = await petition(id);
    expect(p.state).toBe('under-consideration');
    expect(p.registeredAt).toBeInstanceOf(Date);
    expect(String(p.considerationDueOn)).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // 40 working days are at least 56 calendar days.
    expect(new Date(`${String(p.considerationDueOn)}T12:00:00+05:00`).getTime() - Date.now()).toBeGreaterThan(55 * DAY);

    const page = await astanaOfficer.get(res.location!);
    expect(page.text).toContain('The petition is registered');
    expect(page.text).toContain('data-testid="consideration-due"');
    expect(page.text).toMatch(/On time · \d+ working days left/);
    expect(page.text).toContain('name="intent" value="answer"');
  });

  it('refuses a bad answer field by field, then publishes the answer', async () => {
    const bad = await astanaOfficer.postForm(`/petitions/${id}/respond`, { intent: 'answer', decision: '', responseText: 'Too short', documentUrl: 'javascript:alert(1)' });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain('Choose the decision.');
    expect(bad.text).toContain('The answer must have at least 20 characters.');
    expect(bad.text).toContain('The link must be a web address');
    expect((await petition(id)).state).toBe('under-consideration');

    expect((await almatyOfficer.postForm(`/petitions/${id}/respond`, { intent: 'answer', decision: 'rejected', responseText: 'Another akimat must not answer this petition.' })).status).toBe(403);
    expect((await petition(id)).state).toBe('under-consideration');

    const responseText = 'The road on Kenesary street will be repaired in the second quarter; the contractor is chosen.';
    const res = await astanaOfficer.postForm(`/petitions/${id}/respond`, { intent: 'answer', decision: 'partially-accepted', responseText, documentUrl: 'https://astana.gov.kz/answers/road.pdf' });
    expect(res.status).toBe(302);
    expect(await petition(id)).toMatchObject({ state: 'answered', decision: 'partially-accepted', responseText, responseDocumentUrl: 'https://astana.gov.kz/answers/road.pdf' });
    const page = await astanaOfficer.get(res.location!);
    expect(page.text).toContain('Answered within the deadline');
    expect(page.text).toContain('href="https://astana.gov.kz/answers/road.pdf"');
  });

  it('records implementation milestones', async () => {
    expect((await astanaOfficer.postForm(`/petitions/${id}/respond`, { intent: 'milestone', text: 'Asphalt laid', progressPercent: '140' })).status).toBe(422);
    expect((await almatyOfficer.postForm(`/petitions/${id}/respond`, { intent: 'milestone', text: 'Not ours to record' })).status).toBe(403);
    const res = await astanaOfficer.postForm(`/petitions/${id}/respond`, { intent: 'milestone', text: 'Asphalt laid on the first kilometre.', progressPercent: '30' });
    expect(res.status).toBe(302);
    const events = await db().select().from(petitionEvents).where(and(eq(petitionEvents.petitionId, id), eq(petitionEvents.event, 'record-milestone')));
    expect(events).toHaveLength(1);
    expect(events[0]!.data).toMatchObject({ kind: 'milestone', text: 'Asphalt laid on the first kilometre.', progressPercent: 30 });
    const page = await astanaOfficer.get(res.location!);
    expect(page.text).toContain('Progress is recorded.');
    expect(page.text).toContain('Asphalt laid on the first kilometre.');
    expect(page.text).toContain('30 % done');
  });

  it('a moderator acts for a national addressee (the Government)', async () => {
    const national = await inModeration('Единый портал для записи в кружки', CLUBS, 2, { addresseeKind: 'government' });
    expect((await moderator.get(`/petitions/${national}/respond`)).status).toBe(200);
    expect((await astanaOfficer.get(`/petitions/${national}/respond`)).status).toBe(403);
  });

  it('the author was told of every state change, in the portal', async () => {
    const rows = await db()
      .select({ params: notifications.params })
      .from(notifications)
      .where(and(eq(notifications.channel, 'in_app'), eq(notifications.recipientRef, author.actor.accountId), sql`${notifications.params}->>'path' = ${`/petitions/${id}`}`))
      .orderBy(notifications.id);
    expect(rows.map((r) => r.params.state)).toEqual(['collecting', 'moderation', 'open', 'closed-reached', 'under-consideration', 'answered', 'answered']);

    author.browser.cookies.set('lng', 'ru');
    const inbox = await author.browser.get('/notifications');
    expect(inbox.status).toBe(200);
    expect(inbox.text).toContain('Ваша петиция «Ремонт дороги по улице Кенесары»: На рассмотрении');
    expect(inbox.text).toContain(`href="/petitions/${id}"`);
    const all = rowsOf<{ n: number }>(await db().execute(sql`select count(*)::int as n from notifications where channel = 'in_app' and recipient_ref = ${author.actor.accountId}`))[0]!.n;
    expect(inbox.text.match(/data-testid="notification"/g)?.length).toBe(all);
    expect(inbox.text).toContain(`${all} непрочитанн`);
  });

  it('the author marks one notification read, then all; nobody else can mark them', async () => {
    const [first] = await db().select().from(notifications).where(and(eq(notifications.channel, 'in_app'), eq(notifications.recipientRef, author.actor.accountId))).orderBy(notifications.id).limit(1);
    expect((await citizen.postForm('/notifications', { intent: 'read', id: String(first!.id) })).status).toBe(404);
    expect((await db().select().from(notifications).where(eq(notifications.id, first!.id)))[0]!.readAt).toBeNull();

    const one = await author.browser.postForm('/notifications', { intent: 'read', id: String(first!.id) });
    expect(one.status).toBe(302);
    expect(one.location).toBe('/notifications?marked=1');
    expect((await db().select().from(notifications).where(eq(notifications.id, first!.id)))[0]!.readAt).toBeInstanceOf(Date);

    const all = await author.browser.postForm('/notifications', { intent: 'read-all' });
    expect(all.status).toBe(302);
    const unread = rowsOf<{ n: number }>(
      await db().execute(sql`select count(*)::int as n from notifications where channel = 'in_app' and recipient_ref = ${author.actor.accountId} and read_at is null`),
    )[0]!.n;
    expect(unread).toBe(0);
    const page = await author.browser.get(all.location!);
    expect(page.text).toContain('data-read="true"');
    expect(page.text).not.toContain('data-read="false"');
    expect((await app.browser().get('/notifications')).status).toBe(302);
  });
});
