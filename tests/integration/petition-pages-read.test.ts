import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import i18next, { type TFunction } from 'i18next';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, citizens, nationalProjects, petitionProjectLinks, petitions, signatures } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import type { Actor } from '../../app/domain/identity/permissions';
import { getRegionMap } from '../../app/domain/maps/region-map.server';
import {
  actAsAddressee,
  applyCountMilestones,
  createPetition,
  expirePetitions,
  moderatePetition,
  submitForSupport,
  withdrawPetition,
} from '../../app/domain/petitions/petitions.server';
import { getPetitionPage, listPetitions, similarPetitions } from '../../app/domain/petitions/queries.server';
import { recountFromSignatures } from '../../app/domain/signatures/counts.server';
import { fixedClock, silentLogger, type Deps } from '../../app/domain/shared/deps';
import { messages } from '../../app/i18n';
import { petitionPages } from '../../app/i18n/areas/petitionPages';
import { PUBLIC_ORIGIN, startTestApp, type TestApp, type TestBrowser } from '../support/app';
import { enrollCitizen, makeIin } from '../support/citizens';
import { createTestDatabase, type TestDatabase } from '../support/db';

/**
 * The public petition pages over HTTP (production build, real PostgreSQL): petitions in every
 * state are made with the domain functions on a fixed clock ~100 days in the past, then /petitions
 * is read with each filter and sort and /petitions/:id in each state. The server itself runs on the
 * real clock, so deadlines that fell due in those 100 days are kept or missed for good.
 */

let tdb: TestDatabase;
let app: TestApp;
let deps: Deps;
const DAY = 86_400_000;
// Day 0: 100 days ago at 10:00 Kazakhstan time.
const day0 = new Date(`${new Date(Date.now() - 100 * DAY + 5 * 3_600_000).toISOString().slice(0, 10)}T10:00:00+05:00`);
const at = (n: number) => new Date(day0.getTime() + n * DAY);
const clock = fixedClock(day0);

/** English strings as the portal serves them (the petitionPages area merged in, registered or not). */
const t: TFunction = (() => {
  const inst = i18next.createInstance();
  void inst.init({
    lng: 'en',
    fallbackLng: false,
    resources: { en: { translation: { ...messages.en, petitionPages: petitionPages.en } } },
    interpolation: { escapeValue: false },
    initAsync: false,
    showSupportNotice: false,
  } as Parameters<typeof inst.init>[0]);
  return inst.t;
})();

let author: Actor;
const moderator: Actor = { accountId: randomUUID(), kind: 'staff', roles: [{ role: 'moderator', bodyId: null }] };
let signerAccountId: string;
let keySerial = 0;

const P: Record<string, string> = {};
let projectCode = '';
const fillers: string[] = [];

async function newPetition(input: Record<string, unknown>, by: Actor = author): Promise<string> {
  const r = await createPetition(deps, by, { topic: 'other', ...input }, { initialSupport: 3 });
  if (r.kind !== 'created') throw new Error(`create: ${JSON.stringify(r)}`);
  return r.id;
}

async function sign(petitionId: string, regionKato: string, n: number, status: 'valid' | 'under_review' = 'valid') {
  const [p] = await deps.db.select({ versionId: petitions.currentVersionId }).from(petitions).where(eq(petitions.id, petitionId));
  await deps.db.insert(signatures).values(
    Array.from({ length: n }, () => ({
      petitionId,
      versionId: p!.versionId!,
      accountId: signerAccountId,
      signerKey: `test-signer-${++keySerial}`,
      regionKato,
      unitKato: regionKato,
      status,
      signedAt: clock.now(),
      passkeyId: randomUUID(),
      credentialId: 'test',
      challenge: 'test',
      nonce: 'test',
      textHash: 'test',
      authenticatorData: 'test',
      clientDataJson: '{}',
      signature: 'test',
      rpId: 'localhost',
      origin: PUBLIC_ORIGIN,
    })),
  );
  await recountFromSignatures(deps, [petitionId]);
}

/** Folds the counts into the state machine (initial support -> moderation, threshold -> closed). */
async function milestones(petitionId: string, valid: number) {
  await deps.db.transaction((tx) => applyCountMilestones(tx, deps, petitionId, valid));
}

function ok<T extends { kind: string }>(r: T): T {
  if (r.kind !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(r)}`);
  return r;
}

/** The visible text of a page (tags and React's text separators removed, entities decoded). */
function visible(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, ' ')
    .replace(/<!-- -->/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** The petition ids of the result cards, in order. */
function cardIds(html: string): string[] {
  const list = /data-testid="petition-list"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? '';
  return [...list.matchAll(/href="\/petitions\/([0-9a-f-]{36})"/g)].map((m) => m[1]!);
}

let browser: TestBrowser;
const get = async (path: string, b: TestBrowser = browser) => {
  const res = await b.get(path);
  return { ...res, visible: visible(res.text) };
};

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(tdb.handle.db);
  deps = { db: tdb.handle.db, clock, log: silentLogger };
  const [a] = await deps.db.insert(accounts).values({ kind: 'citizen', displayName: 'Данияр Сейтқалиұлы' }).returning({ id: accounts.id });
  const [s] = await deps.db.insert(accounts).values({ kind: 'citizen', displayName: 'Signer S.' }).returning({ id: accounts.id });
  await deps.db.insert(accounts).values({ id: moderator.accountId, kind: 'staff', displayName: 'Moderator M.' });
  author = { accountId: a!.id, kind: 'citizen', roles: [] };
  signerAccountId = s!.id;
  const body = (topic: string) => `${topic}. Просим принять решение в течение года и сообщить жителям о сроках работ и об ответственных.`;

  // Day 0: everything is written and most are published for initial support.
  P.A = await newPetition({ title: 'Отремонтировать дорогу Алматы — Бишкек', body: body('Трасса разбита, ездить опасно'), addresseeKind: 'government' });
  P.B = await newPetition({ title: 'Бесплатные лекарства для детей с диабетом', body: body('Инсулин и тест-полоски должны выдаваться бесплатно'), addresseeKind: 'ministry', ministryCode: 'MZ' });
  P.C = await newPetition({ title: 'Вывески только на одном языке', body: body('Предлагаем изменить правила о языке вывесок'), addresseeKind: 'akimat', unitKato: '750000000' });
  P.D = await newPetition({ title: 'Грубое обращение к депутатам маслихата', body: body('Текст с оскорблениями, который нельзя показывать'), addresseeKind: 'maslikhat', unitKato: '710000000' });
  P.E = await newPetition({ title: 'Освещение улиц в Абайском районе', body: body('На улицах села нет фонарей'), addresseeKind: 'akimat', unitKato: '103200000' });
  P.F = await newPetition({ title: 'Черновик о парковках возле вокзала', body: body('Черновик, который никто не должен видеть'), addresseeKind: 'government' });
  P.G = await newPetition({ title: 'Спортивная площадка в Аксуате', body: body('Детям негде заниматься спортом'), addresseeKind: 'maslikhat', unitKato: '103400000' });
  P.H = await newPetition({ title: 'Новый автобусный маршрут в Семее', body: body('Жители новых микрорайонов не могут доехать до центра'), addresseeKind: 'akimat', unitKato: '101000000' });
  P.I = await newPetition({ title: 'Снизить тарифы на отопление', body: body('Тарифы выросли вдвое за год'), addresseeKind: 'government' });
  P.J = await newPetition({ title: 'Продлить работу библиотек до вечера', body: body('Библиотеки закрываются слишком рано'), addresseeKind: 'ministry', ministryCode: 'MKI' });
  P.K = await newPetition({ title: 'Отозванный черновик про мусор', body: body('Этот черновик автор отозвал до публикации'), addresseeKind: 'government' });
  for (let i = 1; i <= 21; i++)
    fillers.push(await newPetition({ title: `Остановка общественного транспорта номер ${i}`, body: body(`Нужна остановка номер ${i}`), addresseeKind: 'ministry', ministryCode: 'MT' }));
  for (const key of ['A', 'B', 'C', 'D', 'E', 'G', 'H', 'I', 'J']) ok(await submitForSupport(deps, author, P[key]!));
  for (const id of fillers) ok(await submitForSupport(deps, author, id));
  ok(await withdrawPetition(deps, author, P.K!));
  await sign(P.E!, '100000000', 1);

  // Day 1: initial support reached (3 supporters) -> moderation, the 20-working-day clock starts.
  clock.set(at(1));
  for (const key of ['A', 'B', 'C', 'D', 'G', 'H', 'I', 'J']) {
    await sign(P[key]!, key === 'H' || key === 'G' ? '100000000' : key === 'C' ? '750000000' : key === 'D' ? '710000000' : '750000000', 3);
    await milestones(P[key]!, 3);
  }
  for (const id of fillers) {
    await sign(id, '550000000', 3);
    await milestones(id, 3);
  }

  // Day 2-4: moderation decisions within the deadline.
  clock.set(at(2));
  for (const id of fillers) ok(await moderatePetition(deps, moderator, id, { decision: 'approve' }));
  clock.set(at(3));
  for (const key of ['A', 'B', 'G', 'I']) ok(await moderatePetition(deps, moderator, P[key]!, { decision: 'approve' }));
  clock.set(at(4));
  ok(await moderatePetition(deps, moderator, P.D!, { decision: 'reject', reason: 'offensive' }));

  // A: open, national, signatures from three regions (+2 under review).
  await sign(P.A!, '750000000', 7);
  await sign(P.A!, '710000000', 6);
  await sign(P.A!, '100000000', 4);
  await sign(P.A!, '710000000', 2, 'under_review');

  // B: threshold reached (5) -> registered -> answered in time, then a milestone.
  await deps.db.update(petitions).set({ thresholdRequired: 5 }).where(eq(petitions.id, P.B!));
  await sign(P.B!, '550000000', 3);
  clock.set(at(5));
  await milestones(P.B!, 6);
  // I: threshold reached, registered, never answered: the consideration deadline passes.
  await deps.db.update(petitions).set({ thresholdRequired: 3 }).where(eq(petitions.id, P.I!));
  await milestones(P.I!, 3);
  ok(await actAsAddressee(deps, moderator, P.I!, { action: 'register' }));
  clock.set(at(6));
  ok(await actAsAddressee(deps, moderator, P.B!, { action: 'register' }));

  // H opens later than A (so it closes later).
  clock.set(at(8));
  ok(await moderatePetition(deps, moderator, P.H!, { decision: 'approve' }));
  await sign(P.H!, '100000000', 1);

  // G: its signing window is cut short and it expires.
  await deps.db.update(petitions).set({ closesAt: at(10) }).where(eq(petitions.id, P.G!));
  clock.set(at(11));
  expect(await expirePetitions(deps)).toBe(1);

  clock.set(at(20));
  ok(await actAsAddressee(deps, moderator, P.B!, { action: 'answer', decision: 'accepted', responseText: 'Министерство включит инсулин и тест-полоски в гарантированный объём помощи с 1 января.', documentUrl: 'https://example.gov.kz/answer.pdf' }));
  clock.set(at(30));
  ok(await actAsAddressee(deps, moderator, P.B!, { action: 'milestone', text: 'Приказ о перечне лекарств подписан.', progressPercent: 40 }));

  // C: rejected after its moderation deadline (missed), with a topic group and a note.
  clock.set(at(45));
  ok(await moderatePetition(deps, moderator, P.C!, { decision: 'reject', reason: 'prohibited-topic', topicGroup: 'language', note: 'Вопросы языковой политики не рассматриваются в петициях.' }));

  // National projects: A is confirmed as linked to the first project; B only suggested (not public).
  const [project] = await deps.db.select({ code: nationalProjects.code }).from(nationalProjects).orderBy(nationalProjects.sortOrder).limit(1);
  projectCode = project!.code;
  await deps.db.insert(petitionProjectLinks).values([
    { petitionId: P.A!, projectCode, status: 'confirmed', origin: 'manual' },
    { petitionId: P.B!, projectCode, status: 'suggested', origin: 'linker', score: 0.9 },
  ]);

  app = await startTestApp(tdb.handle);
  browser = app.browser();
  browser.cookies.set('lng', 'en');
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

describe('the petition list', () => {
  it('lists public states only, most signed first, 20 a page with the total', async () => {
    const page1 = await get('/petitions');
    expect(page1.status).toBe(200);
    const ids = cardIds(page1.text);
    expect(ids).toHaveLength(20);
    expect(ids[0]).toBe(P.A); // 17 valid signatures
    // Listed: A, B, C, D, G, H, I and the 21 fillers = 28.
    expect(page1.visible).toContain(t('petitionPages.list.found', { count: 28, num: '28' }));
    expect(page1.visible).toContain(t('petitionPages.list.pageOf', { page: 1, pages: 2 }));
    const page2 = await get('/petitions?page=2');
    const all = [...ids, ...cardIds(page2.text)];
    expect(new Set(all).size).toBe(28);
    for (const hidden of ['E', 'F', 'J', 'K']) expect(all).not.toContain(P[hidden]);
    for (const shown of ['A', 'B', 'C', 'D', 'G', 'H', 'I']) expect(all).toContain(P[shown]);
    // Past the last page: the last page.
    expect(cardIds((await get('/petitions?page=99')).text)).toEqual(cardIds(page2.text));
    expect(page1.visible).toContain(t('petitionPages.list.start'));
    expect(page1.text).toContain('href="/petitions/new"');
  });

  it.each([
    ['status=open', ['A', 'H'], 21],
    ['status=closed', ['G', 'I'], 0],
    ['status=under-consideration', ['I'], 0],
    ['status=answered', ['B'], 0],
    ['status=rejected', ['C', 'D'], 0],
    ['level=national&status=open', ['A'], 21],
    ['level=region', ['C', 'D'], 0],
    ['level=district', ['G', 'H'], 0],
    ['region=100000000', ['G', 'H'], 0],
    ['region=750000000', ['C'], 0],
    ['addressee=government', ['A', 'I'], 0],
    ['addressee=MZ', ['B'], 0],
    ['addressee=maslikhat', ['D', 'G'], 0],
    ['addressee=akimat&level=district', ['H'], 0],
    ['q=Бишкек', ['A'], 0],
    ['q=%D0%B4%D0%BE%D1%80%D0%BE%D0%B3%D0%B0', ['A'], 0], // "дорога": a fuzzy match of "дорогу"
    ['q=инсулин', ['B'], 0],
    ['q=оскорблениями', [], 0], // D's text is hidden after rejection: never found
  ])('%s', async (qs, expected, fillerCount) => {
    const res = await get(`/petitions?${qs}`);
    expect(res.status).toBe(200);
    const ids = new Set(cardIds(res.text));
    const named = Object.entries(P).filter(([, id]) => ids.has(id)).map(([k]) => k).sort();
    expect(named).toEqual([...expected].sort());
    expect(fillers.filter((f) => ids.has(f)).length).toBe(Math.min(fillerCount, 20 - expected.length));
    if (expected.length + fillerCount === 0) expect(res.visible).toContain(t('petitionPages.list.none'));
  });

  it('sorts by newest and by closing soon', async () => {
    const newest = cardIds((await get('/petitions?status=open&level=district&sort=newest')).text);
    expect(newest).toEqual([P.H]);
    const open = cardIds((await get('/petitions?addressee=akimat&sort=newest')).text);
    expect(open.indexOf(P.C!)).toBeLessThan(open.indexOf(P.H!)); // C was decided on day 45, H opened on day 8
    const closing = cardIds((await get('/petitions?status=open&sort=closing-soon')).text);
    // Fillers (opened day 2) close first, then A (day 3), then H (day 8).
    expect(closing.slice(0, 20).every((id) => fillers.includes(id))).toBe(true);
    const closing2 = cardIds((await get('/petitions?status=open&sort=closing-soon&page=2')).text);
    expect(closing2).toEqual([fillers.find((f) => !closing.includes(f)), P.A, P.H]);
    const signed = cardIds((await get('/petitions?level=national&sort=most-signed')).text);
    expect(signed.slice(0, 2)).toEqual([P.A, P.B]);
  });

  it('shows state, progress, addressee and deadline badges on the cards', async () => {
    const res = await get('/petitions?status=answered');
    expect(res.visible).toContain('Бесплатные лекарства для детей с диабетом');
    expect(res.visible).toContain(t('petitions.state.answered'));
    expect(res.visible).toContain('Ministry of Healthcare');
    expect(res.visible).toContain(t('petitionPages.progress.signatures', { n: 6, target: 5 }));
    expect(res.visible).toContain(t('petitionPages.deadline.cardKept', { what: t('petitionPages.deadline.consideration') }));
    expect(res.visible).toContain(t('petitionPages.card.decision', { decision: t('petitions.decision.accepted') }));
    const rejected = await get('/petitions?status=rejected');
    expect(rejected.visible).toContain(t('petitionPages.card.reason', { reason: t('petitions.reason.offensive') }));
    expect(rejected.visible).toContain(t('petitionPages.card.hiddenTitle', { number: (await numberOf(P.D!)) }));
    expect(rejected.visible).not.toContain('Грубое обращение');
    expect(rejected.visible).toContain(t('petitionPages.deadline.badge.missed')); // C decided after the due date
  });

  it('keeps the filters in the form and the page links, and ignores unknown values', async () => {
    const res = await get('/petitions?status=open&level=district&region=100000000&sort=newest&q=%D0%BC%D0%B0%D1%80%D1%88%D1%80%D1%83%D1%82');
    expect(res.text).toMatch(/<option value="open" selected="">/);
    expect(res.text).toMatch(/<option value="district" selected="">/);
    expect(res.text).toMatch(/<option value="100000000" selected="">/);
    expect(res.text).toContain('value="маршрут"');
    expect(cardIds(res.text)).toEqual([P.H]);
    const junk = await get('/petitions?status=draft&level=x&page=abc&region=1&sort=zzz');
    expect(junk.status).toBe(200);
    expect(junk.visible).toContain(t('petitionPages.list.found', { count: 28, num: '28' }));
    const page1 = await get('/petitions?status=open');
    expect(page1.text).toContain('href="/petitions?status=open&amp;page=2"');
  });

  it('filters by national project on confirmed links only', async () => {
    const res = await get(`/petitions?project=${encodeURIComponent(projectCode)}`);
    expect(res.status).toBe(200);
    expect(cardIds(res.text)).toEqual([P.A]);
    expect(res.text).toContain(`<option value="${projectCode}" selected="">`);
    expect(res.visible).not.toContain(t('petitionPages.list.projectIgnored'));
    const none = await get('/petitions?project=NO-SUCH-PROJECT');
    expect(cardIds(none.text)).toEqual([]);
    expect(none.visible).toContain(t('petitionPages.list.none'));
  });

  it('is a plain GET form that works without JavaScript', async () => {
    const res = await get('/petitions');
    expect(res.text).toMatch(/<form[^>]*method="get"[^>]*action="\/petitions"/);
    for (const name of ['q', 'status', 'level', 'region', 'addressee', 'project', 'sort']) expect(res.text).toContain(`name="${name}"`);
    for (const id of ['filter-q', 'filter-status', 'filter-level', 'filter-region', 'filter-addressee', 'filter-project', 'filter-sort']) expect(res.text).toContain(`<label for="${id}"`);
  });
});

async function numberOf(id: string): Promise<number> {
  const [p] = await deps.db.select({ n: petitions.number }).from(petitions).where(eq(petitions.id, id));
  return p!.n;
}

describe('the petition page', () => {
  it('shows an open national petition: text, author, addressee, progress, freshness, regions, map, timeline', async () => {
    const res = await get(`/petitions/${P.A}`);
    expect(res.status).toBe(200);
    const v = res.visible;
    expect(v).toContain('Отремонтировать дорогу Алматы — Бишкек');
    expect(v).toContain('Трасса разбита, ездить опасно');
    expect(v).toContain(t('petitionPages.page.author', { name: 'Данияр С.' }));
    expect(v).not.toContain('Сейтқалиұлы');
    expect(v).toContain('Government of the Republic of Kazakhstan');
    expect(v).toContain(t('petitions.state.open'));
    expect(v).toContain(t('petitionPages.progress.signatures', { n: '20', target: '50,000' }));
    expect(res.text).toMatch(/<progress[^>]*max="50000"[^>]*value="20"/);
    expect(v).toMatch(/Counted as of \d{2}:\d{2}/);
    expect(v).toContain(t('petitionPages.page.underReview', { count: 2, num: '2' }));
    // Signatures by region: the table (all 20 regions, counts and shares) and the map.
    expect(res.text).toContain(`<caption>${t('petitionPages.page.tableCaption')}</caption>`);
    const rows = [...res.text.matchAll(/<tr data-kato="(\d{9})"><th scope="row">([^<]+)<\/th><td class="num">([^<]+)<\/td>/g)].map((m) => [m[1], m[2], m[3]]);
    expect(rows).toHaveLength(20);
    expect(rows.slice(0, 3)).toEqual([
      ['750000000', 'Almaty', '10'],
      ['710000000', 'Astana', '6'],
      ['100000000', 'Abai Region', '4'],
    ]);
    expect(res.text).toContain('data-testid="region-map"');
    expect((res.text.match(/<path /g) ?? []).length).toBe(20);
    expect(v).toContain(t('petitionPages.page.regionTitle', { region: 'Almaty', count: 10, num: '10', share: '50' }));
    expect(v).toContain(t('petitionPages.page.legendTitle'));
    // Timeline with the moderation deadline, kept.
    expect(v).toContain(t('petitionPages.timeline.submit'));
    expect(v).toContain(t('petitionPages.timeline.initial-support-reached-count', { supporters: 3, required: 3 }));
    expect(v).toContain(t('petitionPages.timeline.approve'));
    expect(res.text).toMatch(/data-testid="deadline-moderation"[^>]*>[\s\S]*?Deadline kept/);
    // Anonymous visitors are invited to sign in to sign.
    expect(v).toContain(t('signing.signInToSign'));
    expect(v).not.toContain(t('petitions.linkOnlyHint', { count: 3 }));
  });

  it('thanks the signer after signing (?signed=1)', async () => {
    const res = await get(`/petitions/${P.A}?signed=1`);
    expect(res.visible).toContain(t('signing.signed'));
    expect((await get(`/petitions/${P.A}`)).visible).not.toContain(t('signing.signed'));
  });

  it('shows the official response, the decision, the document and the milestones', async () => {
    const v = (await get(`/petitions/${P.B}`)).visible;
    expect(v).toContain(t('petitionPages.page.responseHeading'));
    expect(v).toContain(t('petitionPages.page.responseDecision', { decision: t('petitions.decision.accepted') }));
    expect(v).toContain('Министерство включит инсулин');
    expect(v).toContain(t('petitionPages.page.responseDocument'));
    expect(v).toContain('Приказ о перечне лекарств подписан.');
    expect(v).toContain(t('petitions.milestone.progress', { percent: 40 }));
    expect(v).toContain(t('petitionPages.timeline.register'));
    expect(v).toContain(t('petitionPages.timeline.threshold-reached-count', { signatures: 6, threshold: 5 }));
    expect(v).toMatch(/Answer due by .+ \(40 working days from registration\) Deadline kept/);
    const html = (await get(`/petitions/${P.B}`)).text;
    expect(html).toContain('href="https://example.gov.kz/answer.pdf"');
  });

  it('shows a missed consideration deadline that is still not answered', async () => {
    const v = (await get(`/petitions/${P.I}`)).visible;
    expect(v).toContain(t('petitions.state.under-consideration'));
    expect(v).toContain(t('petitionPages.page.noResponseYet'));
    expect(v).toMatch(/Answer due by .+ Deadline missed Deadline missed: \d+ working days? overdue, not done yet/);
  });

  it('shows a rejection with its public reason, topic group and note, and the missed moderation deadline', async () => {
    const v = (await get(`/petitions/${P.C}`)).visible;
    expect(v).toContain(t('petitions.state.rejected'));
    expect(v).toContain(t('petitionPages.page.rejectionHeading'));
    expect(v).toContain(t('petitions.prohibitedTopicWith', { topic: 'Language questions' }));
    expect(v).toContain('Вопросы языковой политики не рассматриваются в петициях.');
    expect(v).toContain('Вывески только на одном языке');
    expect(v).toMatch(/Moderation decision due by .+ Deadline missed Deadline missed: done on .+, \d+ working days? late/);
  });

  it('hides the text of a petition rejected for offensive language', async () => {
    const res = await get(`/petitions/${P.D}`);
    expect(res.status).toBe(200);
    expect(res.visible).toContain(t('petitionPages.page.hiddenText'));
    expect(res.visible).toContain(t('petitions.reason.offensive'));
    expect(res.text).not.toContain('Грубое обращение');
    expect(res.text).not.toContain('Текст с оскорблениями');
  });

  it('a collecting petition is not listed but anyone with the link sees it, with the link-only hint', async () => {
    const res = await get(`/petitions/${P.E}`);
    expect(res.status).toBe(200);
    expect(res.visible).toContain('Освещение улиц в Абайском районе');
    expect(res.visible).toContain(t('petitions.linkOnlyHint', { count: 3 }));
    expect(res.visible).toContain(t('petitionPages.progress.supporters', { n: 1, target: 3 }));
    expect(res.visible).toContain(t('petitionPages.page.residentsOf', { unit: 'Abay District' }));
  });

  it('a petition in moderation is reachable by link with its pending-or-missed deadline', async () => {
    const res = await get(`/petitions/${P.J}`);
    expect(res.status).toBe(200);
    expect(res.visible).toContain(t('petitionPages.page.moderationNotice'));
    expect(res.text).toContain('data-testid="deadline-moderation"');
  });

  it('an expired petition says when signing closed', async () => {
    const v = (await get(`/petitions/${P.G}`)).visible;
    expect(v).toContain(t('petitions.state.closed-expired'));
    expect(v).toContain(t('petitionPages.timeline.expire'));
  });

  it('drafts and never-published withdrawn drafts are 404 to others; unknown ids are 404', async () => {
    expect((await get(`/petitions/${P.F}`)).status).toBe(404);
    expect((await get(`/petitions/${P.K}`)).status).toBe(404);
    expect((await get(`/petitions/${randomUUID()}`)).status).toBe(404);
    expect((await get('/petitions/not-a-uuid')).status).toBe(404);
  });

  it('the author sees their own draft', async () => {
    const { browser: own } = await enrollCitizen(app.browser(), { iin: makeIin('1991-03-04', 'M', 4321), givenName: 'Ерлан', familyName: 'Абенов', residenceKato: '751310000', origin: PUBLIC_ORIGIN });
    own.cookies.set('lng', 'en');
    const [c] = await deps.db.select({ accountId: citizens.accountId }).from(citizens);
    const draft = await newPetition({ title: 'Мой черновик о детских садах', body: 'Черновик, который видит только автор. Нужно больше мест в детских садах района.', addresseeKind: 'government' }, { accountId: c!.accountId, kind: 'citizen', roles: [] });
    const mine = await get(`/petitions/${draft}`, own);
    expect(mine.status).toBe(200);
    expect(mine.visible).toContain(t('petitionPages.page.draftNotice'));
    expect(mine.visible).toContain(t('petitionPages.page.author', { name: 'Ерлан А.' }));
    expect((await get(`/petitions/${draft}`)).status).toBe(404);
  });

  it('renders in Kazakh and Russian with html lang', async () => {
    for (const lng of ['kk', 'ru'] as const) {
      const res = await browser.get(`/petitions/${P.A}?lng=${lng}`);
      expect(res.text).toContain(`<html lang="${lng}"`);
      expect(visible(res.text)).toContain(messages[lng].petitions.state.open);
      expect(visible(res.text)).toContain(petitionPages[lng].page.timelineHeading);
    }
    browser.cookies.set('lng', 'en');
  });
});

describe('the read side, directly', () => {
  it('listPetitions and getPetitionPage agree with the pages', async () => {
    const list = await listPetitions(deps, { status: 'answered' });
    expect(list.items.map((i) => i.id)).toEqual([P.B]);
    expect(list.items[0]!.level).toBe('national');
    const page = await getPetitionPage(deps, P.A!, null);
    expect(page!.counts).toMatchObject({ valid: 20, underReview: 2 });
    expect(page!.regions.reduce((s, r) => s + r.share, 0)).toBeCloseTo(1, 9);
    expect(await getPetitionPage(deps, P.F!, null)).toBeNull();
    expect((await getPetitionPage(deps, P.F!, author.accountId))!.viewerIsAuthor).toBe(true);
    expect((await getPetitionPage(deps, P.D!, author.accountId))!.title).toBe('Грубое обращение к депутатам маслихата');
  });

  it('similarPetitions finds near titles among visible and collecting petitions only', async () => {
    const similar = await similarPetitions(deps, 'Отремонтировать дороги Алматы Бишкек');
    expect(similar[0]!.id).toBe(P.A);
    expect(similar[0]!.score).toBeGreaterThan(0.3);
    expect((await similarPetitions(deps, 'освещение улиц')).map((s) => s.id)).toContain(P.E); // collecting
    expect((await similarPetitions(deps, 'Черновик о парковках возле вокзала')).map((s) => s.id)).not.toContain(P.F); // draft
    expect((await similarPetitions(deps, 'Грубое обращение к депутатам маслихата', { states: ['rejected'] })).map((s) => s.id)).not.toContain(P.D); // hidden text
    expect((await similarPetitions(deps, 'Отремонтировать дорогу Алматы — Бишкек', { excludeId: P.A })).map((s) => s.id)).not.toContain(P.A);
    expect(await similarPetitions(deps, 'Остановка общественного транспорта', { limit: 3 })).toHaveLength(3);
    expect(await similarPetitions(deps, 'zzzz qqqq xxxx')).toEqual([]);
    const withBody = await similarPetitions(deps, { title: 'Лекарства для детей', body: 'Инсулин и тест-полоски должны выдаваться бесплатно всем детям' }, { states: ['answered'] });
    expect(withBody.map((s) => s.id)).toEqual([P.B]);
  });

  it('builds the region map once per database and keeps it', async () => {
    const started = performance.now();
    const map = await getRegionMap(deps);
    const ms = performance.now() - started;
    expect(map!.units).toHaveLength(20);
    expect(await getRegionMap(deps)).toBe(map);
    console.log(`region map: ${map!.stats.pointsIn} -> ${map!.stats.pointsOut} points, ${map!.stats.pathBytes} bytes of paths, built in ${map!.stats.buildMs} ms (${ms.toFixed(0)} ms with the query)`);
  });
});
