import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { accounts, auditLog, categoryProjects, follows, nationalProjects, notifications, outbox, petitionProjectLinks, petitions, projectIndicators, signatures } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import type { Actor } from '../../app/domain/identity/permissions';
import { applyCountMilestones, createPetition, editPetition, moderatePetition, submitForSupport } from '../../app/domain/petitions/petitions.server';
import { seedProjectData } from '../../app/domain/projects/indicators-seed.server';
import {
  addManualLink,
  confirmLink,
  deleteIndicator,
  editIndicator,
  editProject,
  followSubject,
  getLinker,
  getProjectPage,
  isFollowing,
  linkPetition,
  listOfficeQueue,
  listPetitionProjects,
  listProjectsWithCounts,
  notifyProjectFollowers,
  rejectLink,
  relinkAll,
  resetLinkerCache,
  unfollowSubject,
} from '../../app/domain/projects/links.server';
import { fixedClock, silentLogger, type Deps } from '../../app/domain/shared/deps';
import { ForbiddenError } from '../../app/domain/shared/errors';
import { createTestDatabase, type TestDatabase } from '../support/db';

/** The rules of links.server.ts against a real PostgreSQL database (no HTTP; see projects-linking for that). */

let tdb: TestDatabase;
let deps: Deps;
const clock = fixedClock('2026-03-02T05:00:00Z');
const analyst: Actor = { accountId: randomUUID(), kind: 'staff', roles: [{ role: 'project_analyst', bodyId: null }] };
const moderator: Actor = { accountId: randomUUID(), kind: 'staff', roles: [{ role: 'moderator', bodyId: null }] };
let author: Actor;
const measured: Record<string, number | string> = {};
let expectedIndicators = 0;

const TEXTS = {
  school: { title: 'Новая школа и учителя для села Акколь', body: 'В нашей школе дети учатся в три смены, мест не хватает. Учителей математики нет, уроки отменяют, качество образования падает. Просим построить новую школу и прислать учителей.' },
  heating: { title: 'Fix the heating in our building', body: 'The boiler house broke again and the heating network leaks; apartments are cold all winter. Please modernise the heat network in our district.' },
  cinema: { title: 'Original-language screenings at the cinema', body: 'Please show films in the original language with subtitles at the Kinopark cinema at least once a week. Many students would come.' },
};

async function newPetition(t: { title: string; body: string }, opts: { publish?: 'draft' | 'collecting' | 'open' } = {}): Promise<string> {
  const r = await createPetition(deps, author, { ...t, addresseeKind: 'government', topic: 'other' }, { initialSupport: 1 });
  if (r.kind !== 'created') throw new Error(JSON.stringify(r));
  const publish = opts.publish ?? 'open';
  if (publish !== 'draft') expect((await submitForSupport(deps, author, r.id)).kind).toBe('ok');
  if (publish === 'open') {
    await deps.db.transaction((tx) => applyCountMilestones(tx, deps, r.id, 1));
    expect((await moderatePetition(deps, moderator, r.id, { decision: 'approve' })).kind).toBe('ok');
  }
  return r.id;
}

const linksOf = (id: string) => deps.db.select().from(petitionProjectLinks).where(eq(petitionProjectLinks.petitionId, id));

beforeAll(async () => {
  tdb = await createTestDatabase();
  deps = { db: tdb.handle.db, clock, log: silentLogger };
  await seedReferenceData(tdb.handle.db);
  const [a] = await deps.db.insert(accounts).values({ kind: 'citizen', displayName: 'Ерлан С.' }).returning({ id: accounts.id });
  author = { accountId: a!.id, kind: 'citizen', roles: [] };
  const file = JSON.parse(readFileSync('db/seed/data/dauys_project_indicators.json', 'utf8')) as { projects: Record<string, unknown[]> };
  expectedIndicators = Object.values(file.projects).reduce((n, es) => n + es.length, 0);
});
afterAll(async () => {
  await tdb.drop();
  if (Object.keys(measured).length > 0) console.info(`projects-office measured: ${JSON.stringify(measured)}`);
});
beforeEach(() => resetLinkerCache());

describe('seedProjectData', () => {
  it('seeds the indicators and the category mapping once; a second run and the office’s edits are kept', async () => {
    const first = await seedProjectData(deps.db);
    expect(first).toEqual({ indicators: expectedIndicators, categoryProjects: expect.any(Number), fallbacks: 0 });
    expect(first.categoryProjects).toBeGreaterThan(15);
    const life = (await deps.db.select().from(projectIndicators).where(eq(projectIndicators.projectCode, 'NP-HEALTH')))[0]!;
    expect(life).toMatchObject({ nameEn: 'Life expectancy at birth', unit: 'years', baseline: 73.2, baselineYear: 2020, target: 75, targetYear: 2025, currentValue: 75.4, currentAsOf: '2024-12-31' });
    const noNumbers = await deps.db.select().from(projectIndicators).where(eq(projectIndicators.nameEn, 'Domestic supply of basic foodstuffs'));
    expect(noNumbers[0]).toMatchObject({ baseline: null, target: null, currentValue: null, unit: null });

    // The office removes one indicator of a project and edits another: a new run brings nothing back.
    await deps.db.delete(projectIndicators).where(eq(projectIndicators.id, life.id));
    expect(await seedProjectData(deps.db)).toEqual({ indicators: 0, categoryProjects: 0, fallbacks: 0 });
    const [{ n }] = (await deps.db.select({ n: sql<number>`count(*)::int` }).from(projectIndicators)) as [{ n: number }];
    expect(n).toBe(expectedIndicators - 1);
    const [heating] = await deps.db.select().from(categoryProjects).where(eq(categoryProjects.categoryCode, 'heating'));
    expect(heating?.projectCode).toBe('NP-ENERGY-UTIL');
  });
});

describe('the linking worker', () => {
  it('writes suggestions, is idempotent, refreshes on a new text and removes the stale ones, and never touches decisions', async () => {
    const id = await newPetition(TEXTS.school, { publish: 'draft' });
    const first = await linkPetition(deps, id);
    expect(first).toMatchObject({ kind: 'linked', suggested: ['NP-EDU', 'NP-COMFORT-SCHOOL'], removed: [], decided: [] });
    const rows1 = await linksOf(id);
    clock.set('2026-03-02T06:00:00Z');
    expect(await linkPetition(deps, id)).toMatchObject({ kind: 'linked', removed: [] });
    expect(await linksOf(id)).toEqual(rows1); // same text: same rows, same suggested_at

    // The office decides on a draft? No: drafts are private. Publish, then decide one.
    expect((await submitForSupport(deps, author, id)).kind).toBe('ok');
    expect((await rejectLink(deps, analyst, { petitionId: id, projectCode: 'NP-EDU' })).kind).toBe('rejected');

    // The author rewrites the petition about heating: the school suggestion goes, the rejection stays.
    clock.set('2026-03-02T07:00:00Z');
    expect((await editPetition(deps, author, id, TEXTS.heating)).kind).toBe('edited');
    const again = await linkPetition(deps, id);
    expect(again).toMatchObject({ kind: 'linked', suggested: ['NP-ENERGY-UTIL'], removed: ['NP-COMFORT-SCHOOL'], decided: ['NP-EDU'] });
    const rows = Object.fromEntries((await linksOf(id)).map((l) => [l.projectCode, l]));
    expect(Object.keys(rows).sort()).toEqual(['NP-EDU', 'NP-ENERGY-UTIL']);
    expect(rows['NP-EDU']).toMatchObject({ status: 'rejected', decidedBy: analyst.accountId });
    expect(rows['NP-ENERGY-UTIL']!.suggestedAt?.toISOString()).toBe('2026-03-02T07:00:00.000Z');

    expect(await linkPetition(deps, randomUUID())).toMatchObject({ kind: 'gone' });
  });

  it('suggests nothing for a petition about no project', async () => {
    const id = await newPetition(TEXTS.cinema, { publish: 'draft' });
    expect(await linkPetition(deps, id)).toMatchObject({ kind: 'linked', suggested: [] });
    expect(await linksOf(id)).toEqual([]);
  });

  it('rebuilds the linker only when its data change; confirmed petitions become examples of their project', async () => {
    const a = await getLinker(deps);
    expect(a.rebuilt).toBe(true);
    measured.linkerBuildMs = a.buildMs;
    expect((await getLinker(deps)).rebuilt).toBe(false);

    // Two confirmed petitions sharing words the lexicon lacks ("пристройка", "Жетыген").
    const probe = 'Жители Жетыгена просят пристройку к школе, в старом здании тесно.';
    const before = a.linker.explain(probe, 'NP-COMFORT-SCHOOL')!.score;
    for (const body of [
      'Пристройка к школе в посёлке Жетыген нужна срочно: классы переполнены, в старом здании тесно, дети учатся в три смены и в коридорах.',
      'Жетыген: школе нужна пристройка, обещанная ещё в 2022 году; в старом здании тесно, уроки идут в три смены, мест не хватает.',
    ]) {
      const id = await newPetition({ title: 'Пристройка к школе в Жетыгене', body });
      await linkPetition(deps, id);
      const r = await addManualLink(deps, analyst, { petition: id, projectCode: 'NP-COMFORT-SCHOOL' });
      expect(['linked']).toContain(r.kind);
    }
    const b = await getLinker(deps);
    expect(b.rebuilt).toBe(true);
    expect(b.examples).toBeGreaterThanOrEqual(2);
    const after = b.linker.explain(probe, 'NP-COMFORT-SCHOOL')!;
    expect(after.score).toBeGreaterThan(before);
    expect(after.matched.some((m) => m.source === 'example')).toBe(true);
    measured.exampleScoreGain = `${before} -> ${after.score}`;

    // A project edit changes the fingerprint too.
    await deps.db.update(nationalProjects).set({ updatedAt: new Date(Date.now() + 1000) }).where(eq(nationalProjects.code, 'NP-TECH'));
    expect((await getLinker(deps)).rebuilt).toBe(true);
  });

  it('relinkAll re-scores every petition and leaves decisions alone (timed)', async () => {
    const decidedId = await newPetition(TEXTS.school);
    await linkPetition(deps, decidedId);
    await confirmLink(deps, analyst, { petitionId: decidedId, projectCode: 'NP-COMFORT-SCHOOL' });
    await rejectLink(deps, analyst, { petitionId: decidedId, projectCode: 'NP-EDU' });
    const decided = await linksOf(decidedId);
    const texts = [TEXTS.school, TEXTS.heating, TEXTS.cinema];
    for (let i = 0; i < 120; i++) {
      const t = texts[i % 3]!;
      const r = await createPetition(deps, author, { title: `${t.title} ${i}`, body: t.body, addresseeKind: 'government', topic: 'other' });
      expect(r.kind).toBe('created');
    }
    const report = await relinkAll(deps, { pageSize: 50 });
    const total = (await deps.db.select({ n: sql<number>`count(*)::int` }).from(petitions))[0]!.n;
    expect(report.petitions).toBe(Number(total));
    expect(report.suggested).toBeGreaterThanOrEqual(120);
    measured.relinkAll = `${report.petitions} petitions in ${report.ms} ms (${Math.round((report.petitions * 1000) / Math.max(1, report.ms))}/s)`;
    const second = await relinkAll(deps);
    expect(second.removed).toBe(0);
    expect(await linksOf(decidedId)).toEqual(decided);
  });
});

describe('the project office', () => {
  it('refuses people without the permission', async () => {
    const citizen: Actor = { accountId: randomUUID(), kind: 'citizen', roles: [] };
    for (const who of [citizen, moderator, null]) {
      await expect(confirmLink(deps, who, { petitionId: randomUUID(), projectCode: 'NP-EDU' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(addManualLink(deps, who, { petition: '1', projectCode: 'NP-EDU' })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listOfficeQueue(deps, who)).rejects.toBeInstanceOf(ForbiddenError);
      await expect(editProject(deps, who, 'NP-EDU', {})).rejects.toBeInstanceOf(ForbiddenError);
      await expect(editIndicator(deps, who, {})).rejects.toBeInstanceOf(ForbiddenError);
    }
  });

  it('lists suggestions oldest first, published petitions only, with matched words', async () => {
    const queue = await listOfficeQueue(deps, analyst, { limit: 500 });
    expect(queue.total).toBeGreaterThan(0);
    const times = queue.items.map((i) => i.suggestedAt!.getTime());
    expect(times).toEqual([...times].sort((x, y) => x - y));
    expect(queue.items.every((i) => i.state !== 'draft')).toBe(true);
    expect(queue.items.every((i) => i.words.length > 0)).toBe(true);
  });

  it('links by hand by public number, refusing what cannot be linked; audited', async () => {
    const open = await newPetition(TEXTS.cinema);
    const draft = await newPetition(TEXTS.cinema, { publish: 'draft' });
    const [p] = await deps.db.select().from(petitions).where(eq(petitions.id, open));
    const [d] = await deps.db.select().from(petitions).where(eq(petitions.id, draft));
    expect(await addManualLink(deps, analyst, { petition: String(p!.number), projectCode: 'NP-TECH', note: 'cinema digitisation' })).toMatchObject({ kind: 'linked', petitionId: open, from: null });
    expect(await addManualLink(deps, analyst, { petition: String(p!.number), projectCode: 'NP-TECH' })).toMatchObject({ kind: 'refused', reason: 'already-linked' });
    expect(await addManualLink(deps, analyst, { petition: String(d!.number), projectCode: 'NP-TECH' })).toMatchObject({ kind: 'refused', reason: 'petition-not-linkable' });
    expect(await addManualLink(deps, analyst, { petition: '999999', projectCode: 'NP-TECH' })).toMatchObject({ kind: 'refused', reason: 'petition-not-found' });
    expect(await addManualLink(deps, analyst, { petition: String(p!.number), projectCode: 'NP-NOPE' })).toMatchObject({ kind: 'refused', reason: 'project-not-found' });
    expect(await addManualLink(deps, analyst, { petition: 'abc', projectCode: 'NP-TECH' })).toMatchObject({ kind: 'refused', reason: 'invalid', fields: { petition: 'petition-ref' } });
    const [row] = await linksOf(open);
    expect(row).toMatchObject({ status: 'confirmed', origin: 'manual', note: 'cinema digitisation', decidedBy: analyst.accountId, score: null });
    // The worker never removes a manual link, even though the linker suggests nothing for the text.
    await linkPetition(deps, open);
    expect(await linksOf(open)).toEqual([row]);
    const audits = await deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'project.link-added'), eq(auditLog.subjectId, open)));
    expect(audits).toHaveLength(1);
    expect(await listPetitionProjects(deps, open)).toEqual([expect.objectContaining({ code: 'NP-TECH' })]);
  });

  it('reverses a decision, and refuses the same one twice', async () => {
    const id = await newPetition(TEXTS.heating);
    await linkPetition(deps, id);
    const input = { petitionId: id, projectCode: 'NP-ENERGY-UTIL' };
    expect(await confirmLink(deps, analyst, input)).toMatchObject({ kind: 'confirmed', from: 'suggested' });
    expect(await confirmLink(deps, analyst, input)).toMatchObject({ kind: 'refused', reason: 'unchanged' });
    expect(await rejectLink(deps, analyst, input)).toMatchObject({ kind: 'rejected', from: 'confirmed' });
    expect(await confirmLink(deps, analyst, input)).toMatchObject({ kind: 'confirmed', from: 'rejected' });
    expect(await confirmLink(deps, analyst, { petitionId: id, projectCode: 'NP-HEALTH' })).toMatchObject({ kind: 'refused', reason: 'not-found' });
    expect(await confirmLink(deps, analyst, { petitionId: 'x', projectCode: 'NP-HEALTH' })).toMatchObject({ kind: 'refused', reason: 'invalid' });
    const trail = await deps.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, id));
    expect(trail.map((r) => r.action)).toEqual(['project.link-confirmed', 'project.link-rejected', 'project.link-confirmed']);
  });

  it('edits a project: audited, enqueues a re-link; no change, no message; an unknown priority is refused', async () => {
    const [p] = await deps.db.select().from(nationalProjects).where(eq(nationalProjects.code, 'NP-SME'));
    const base = { nameKk: p!.nameKk, nameRu: p!.nameRu, nameEn: p!.nameEn, summaryEn: p!.summaryEn ?? '', period: p!.period, status: p!.status, priorityCode: p!.priorityCode ?? '' };
    const relinks = async () => (await deps.db.select().from(outbox).where(eq(outbox.topic, 'projects.relink'))).length;
    const n0 = await relinks();
    expect(await editProject(deps, analyst, 'NP-SME', base)).toEqual({ kind: 'unchanged', code: 'NP-SME' });
    expect(await relinks()).toBe(n0);
    expect(await editProject(deps, analyst, 'NP-SME', { ...base, summaryEn: `${base.summaryEn} Tourism as a niche.` })).toEqual({ kind: 'saved', code: 'NP-SME', changed: ['summaryEn'] });
    expect(await relinks()).toBe(n0 + 1);
    expect(await editProject(deps, analyst, 'NP-SME', { ...base, priorityCode: 'P99' })).toMatchObject({ kind: 'refused', reason: 'unknown-priority' });
    expect(await editProject(deps, analyst, 'NP-SME', { ...base, nameKk: 'x', status: 'paused' })).toMatchObject({ kind: 'refused', reason: 'invalid', fields: { nameKk: 'too-short', status: 'not-allowed' } });
    expect(await editProject(deps, analyst, 'NP-NOPE', base)).toMatchObject({ kind: 'refused', reason: 'not-found' });
    const [audit] = await deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'project.edited'), eq(auditLog.subjectId, 'NP-SME')));
    expect(audit?.details).toMatchObject({ changes: { summaryEn: { from: base.summaryEn, to: `${base.summaryEn} Tourism as a niche.` } } });
  });

  it('adds, edits and removes indicators; numbers typed with spaces and commas; audited', async () => {
    const created = await editIndicator(deps, analyst, { projectCode: 'NP-RURAL-HEALTH', nameKk: 'Фельдшерлік пункттер', nameRu: 'Фельдшерские пункты', nameEn: 'Medical posts', unit: 'settlements', baseline: '0', target: '650', currentValue: '312,5', currentAsOf: '2025-12-31' });
    if (created.kind !== 'created') throw new Error(JSON.stringify(created));
    const [row] = await deps.db.select().from(projectIndicators).where(eq(projectIndicators.id, created.id));
    expect(row).toMatchObject({ currentValue: 312.5, target: 650, baseline: 0, currentAsOf: '2025-12-31' });
    const same = { projectCode: 'NP-RURAL-HEALTH', id: String(created.id), nameKk: row!.nameKk, nameRu: row!.nameRu, nameEn: row!.nameEn, unit: 'settlements', baseline: '0', target: '650', currentValue: '312.5', currentAsOf: '2025-12-31' };
    expect(await editIndicator(deps, analyst, same)).toMatchObject({ kind: 'unchanged' });
    expect(await editIndicator(deps, analyst, { ...same, currentValue: '400' })).toMatchObject({ kind: 'updated', id: created.id });
    expect(await editIndicator(deps, analyst, { ...same, currentValue: 'many', targetYear: '20255', currentAsOf: '2025-02-30' })).toMatchObject({
      kind: 'refused',
      reason: 'invalid',
      fields: { currentValue: 'not-a-number', targetYear: 'not-a-year', currentAsOf: 'not-a-date' },
    });
    // An indicator of another project is not found through this one.
    expect(await editIndicator(deps, analyst, { ...same, projectCode: 'NP-EDU' })).toMatchObject({ kind: 'refused', reason: 'not-found' });
    expect(await deleteIndicator(deps, analyst, { projectCode: 'NP-EDU', id: created.id })).toMatchObject({ kind: 'refused' });
    const page = await getProjectPage(deps, 'NP-RURAL-HEALTH');
    expect(page!.indicators.find((i) => i.id === created.id)?.progress).toBeCloseTo(400 / 650, 6);
    expect(await deleteIndicator(deps, analyst, { projectCode: 'NP-RURAL-HEALTH', id: created.id })).toEqual({ kind: 'deleted', id: created.id });
    const actions = (await deps.db.select({ a: auditLog.action }).from(auditLog).where(eq(auditLog.subjectId, 'NP-RURAL-HEALTH'))).map((r) => r.a);
    expect(actions).toEqual(['project.indicator-created', 'project.indicator-updated', 'project.indicator-deleted']);
  });
});

describe('public reads and followers', () => {
  it('counts only confirmed links of public petitions', async () => {
    const open = await newPetition(TEXTS.heating);
    const collecting = await newPetition(TEXTS.heating, { publish: 'collecting' });
    for (const id of [open, collecting]) {
      await linkPetition(deps, id);
      await confirmLink(deps, analyst, { petitionId: id, projectCode: 'NP-ENERGY-UTIL' });
    }
    const page = await getProjectPage(deps, 'NP-ENERGY-UTIL');
    const ids = page!.petitions.map((p) => p.id);
    expect(ids).toContain(open);
    expect(ids).not.toContain(collecting);
    expect(page!.counts.linked).toBe(ids.length);
    expect(page!.categories.map((c) => c.code)).toEqual(expect.arrayContaining(['heating', 'water_supply', 'gas']));
    // No report exists in this database: every related category counts zero.
    expect(page!.reports.totals).toEqual({ open: 0, answered: 0, fixed: 0, total: 0 });
    expect(page!.reports.categories.map((c) => c.code)).toEqual(page!.categories.map((c) => c.code));
    const overview = await listProjectsWithCounts(deps);
    expect(overview.projects.find((p) => p.code === 'NP-ENERGY-UTIL')?.linked).toBe(page!.counts.linked);
    expect(overview.groups.flatMap((g) => g.projects).length).toBe(overview.projects.length);
    expect(await getProjectPage(deps, 'NP-NOPE')).toBeNull();
  });

  it('tells each follower of a linked project or of the petition once; signers who asked already and disabled accounts are left out', async () => {
    const id = await newPetition(TEXTS.school);
    await linkPetition(deps, id);
    await confirmLink(deps, analyst, { petitionId: id, projectCode: 'NP-COMFORT-SCHOOL' });
    await confirmLink(deps, analyst, { petitionId: id, projectCode: 'NP-EDU' });
    const people = await deps.db
      .insert(accounts)
      .values(['both', 'project', 'petition', 'signer', 'disabled', 'other'].map((n) => ({ kind: 'citizen', displayName: n, locale: n === 'project' ? 'en' : 'ru' })))
      .returning({ id: accounts.id, name: accounts.displayName });
    const who = Object.fromEntries(people.map((p) => [p.name, { accountId: p.id, kind: 'citizen' as const, roles: [] }]));
    await followSubject(deps, who.both!, { type: 'project', id: 'NP-EDU' });
    await followSubject(deps, who.both!, { type: 'project', id: 'NP-COMFORT-SCHOOL' });
    await followSubject(deps, who.both!, { type: 'petition', id });
    await followSubject(deps, who.project!, { type: 'project', id: 'NP-COMFORT-SCHOOL' });
    await followSubject(deps, who.petition!, { type: 'petition', id: id.toUpperCase() });
    await followSubject(deps, who.signer!, { type: 'project', id: 'NP-EDU' });
    await followSubject(deps, who.disabled!, { type: 'project', id: 'NP-EDU' });
    await followSubject(deps, who.other!, { type: 'project', id: 'NP-HEALTH' });
    expect(await followSubject(deps, who.other!, { type: 'project', id: 'NP-NOPE' })).toMatchObject({ kind: 'refused' });
    expect(await followSubject(deps, who.other!, { type: 'petition', id: randomUUID() })).toMatchObject({ kind: 'refused' });
    expect(await isFollowing(deps, who.petition!.accountId, 'petition', id)).toBe(true);
    await deps.db.update(accounts).set({ disabledAt: new Date() }).where(eq(accounts.id, who.disabled!.accountId));
    const [p] = await deps.db.select().from(petitions).where(eq(petitions.id, id));
    await deps.db.insert(signatures).values({
      petitionId: id,
      versionId: p!.currentVersionId!,
      accountId: who.signer!.accountId,
      signerKey: 'k-signer',
      regionKato: '710000000',
      unitKato: '710000000',
      signedAt: new Date(),
      notifyOnOutcome: true,
      passkeyId: randomUUID(),
      credentialId: 'c',
      challenge: 'c',
      nonce: 'n',
      textHash: 't',
      authenticatorData: 'a',
      clientDataJson: '{}',
      signature: 's',
      rpId: 'localhost',
      origin: 'http://localhost:3999',
    });

    expect(await deps.db.transaction((tx) => notifyProjectFollowers(tx, id))).toBe(3);
    expect(await deps.db.transaction((tx) => notifyProjectFollowers(tx, id))).toBe(0); // told once
    const rows = await deps.db.select().from(notifications).where(eq(notifications.template, 'projectPetitionAnswered'));
    const byRecipient = Object.fromEntries(rows.map((r) => [r.recipientRef, r]));
    expect(Object.keys(byRecipient).sort()).toEqual([who.both!.accountId, who.project!.accountId, who.petition!.accountId].sort());
    expect(byRecipient[who.project!.accountId]).toMatchObject({ locale: 'en', channel: 'in_app' });
    expect(String(byRecipient[who.project!.accountId]!.params.projects)).toMatch(/Quality Education.*; Comfortable School|Comfortable School.*; .*Education/);
    expect(String(byRecipient[who.both!.accountId]!.params.projects)).toMatch(/Комфортная школа/);

    // No confirmed link: nobody is told.
    const lonely = await newPetition(TEXTS.cinema);
    await followSubject(deps, who.other!, { type: 'petition', id: lonely });
    expect(await deps.db.transaction((tx) => notifyProjectFollowers(tx, lonely))).toBe(0);

    await unfollowSubject(deps, who.project!, { type: 'project', id: 'NP-COMFORT-SCHOOL' });
    expect(await isFollowing(deps, who.project!.accountId, 'project', 'NP-COMFORT-SCHOOL')).toBe(false);
    expect((await deps.db.select().from(follows).where(eq(follows.accountId, who.both!.accountId))).length).toBe(3);
  });
});
