import { randomUUID } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, auditLog, notifications, outbox, petitionProjectLinks, petitions, projectIndicators, staffRoles } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import { inviteFromCommandLine } from '../../app/domain/identity/staff.server';
import type { Actor } from '../../app/domain/identity/permissions';
import { openApiDocument } from '../../app/domain/opendata/openapi';
import { relayOutbox } from '../../app/domain/outbox/outbox.server';
import { actAsAddressee, applyCountMilestones, createPetition, moderatePetition, submitForSupport } from '../../app/domain/petitions/petitions.server';
import { VISIBLE_PUBLICLY, DECISIONS } from '../../app/domain/petitions/states';
import { seedProjectData } from '../../app/domain/projects/indicators-seed.server';
import { notifyProjectFollowers, parseExplanation, resetLinkerCache } from '../../app/domain/projects/links.server';
import { silentLogger, systemClock, type Deps } from '../../app/domain/shared/deps';
import { getIdentityConfig } from '../../app/services/identity.server';
import { bullmqPublisher, closeQueues, createQueues, type Queues } from '../../app/services/queue.server';
import { startWorkers, type RunningWorkers } from '../../workers/runtime';
import { PUBLIC_ORIGIN, startTestApp, type TestApp, type TestBrowser } from '../support/app';
import { enrollCitizen, makeIin } from '../support/citizens';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { createTestRedis, type TestRedis } from '../support/redis';
import { SoftAuthenticator } from '../support/soft-authenticator';

/**
 * The whole path of a link, as in production: createPetition writes the `petition.link` outbox row;
 * the relay publishes it to BullMQ (a private Redis prefix); a real worker scores the petition and
 * writes suggestions; a project analyst (invited, passkey) confirms one and rejects another over
 * HTTP (production build); the confirmation is audited and public on /projects/:code and in the open
 * data once the petition is public; the rejection never shows; a project edit over HTTP enqueues a
 * re-link that the worker runs without touching the decisions; followers hear of the answer.
 */

let tdb: TestDatabase;
let app: TestApp;
let redis: TestRedis;
let queues: Queues;
let workers: RunningWorkers | undefined;
let deps: Deps;

const moderator: Actor = { accountId: randomUUID(), kind: 'staff', roles: [{ role: 'moderator', bodyId: null }] };
let author: Actor;
let analyst: TestBrowser;
let analystId: string;
let petitionId: string;
const measured: Record<string, number> = {};

const TITLE = 'Новая школа и учителя для села Акколь';
const BODY =
  'В нашей школе дети учатся в три смены, мест не хватает. Учителей математики нет, уроки отменяют, качество образования падает. Просим построить новую школу и прислать учителей.';

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

async function links() {
  return deps.db.select().from(petitionProjectLinks).where(eq(petitionProjectLinks.petitionId, petitionId));
}

/** A staff member invited from the command line, who accepts on the invite page and registers a passkey. */
async function staff(role: string, name: string): Promise<TestBrowser> {
  const invite = await inviteFromCommandLine(deps, getIdentityConfig(), { displayName: name, role });
  if (invite.kind !== 'invited') throw new Error('invite refused');
  const b = app.browser();
  await b.get(`/invite/${invite.token}`);
  expect((await b.postForm(`/invite/${invite.token}`, {})).status).toBe(302);
  const auth = new SoftAuthenticator(PUBLIC_ORIGIN);
  const options = await b.postJson('/api/webauthn/register/options', {});
  expect((await b.postJson('/api/webauthn/register/verify', { response: auth.createCredential(options.json.options as never) })).status).toBe(200);
  return b;
}

// ---- The OpenAPI additions proposed for /api/v1/projects (see the report): validated here. ----
const str = (description: string, extra: object = {}) => ({ type: 'string', description, ...extra });
const strOrNull = (description: string, extra: object = {}) => ({ type: ['string', 'null'], description, ...extra });
const closed = (properties: Record<string, object>, description?: string) => ({
  type: 'object',
  ...(description ? { description } : {}),
  properties,
  required: Object.keys(properties),
  additionalProperties: false,
});
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const PROJECT_PROPERTIES = {
  code: str('Code of the national project.', { pattern: '^NP-[A-Z0-9-]+$' }),
  url: str('The project’s public page.', { format: 'uri' }),
  api_url: str('This project in the open data.', { format: 'uri' }),
  names: ref('Names'),
  summary_en: strOrNull('Summary of the project (in English only for now).'),
  period: str('Period of the project, e.g. 2021-2025; an open end is written 2022-.'),
  status: { type: 'string', enum: ['active', 'closed'], description: 'closed: the project was cancelled or wound down.' },
  priority: { oneOf: [ref('ProjectPriority'), { type: 'null' }] },
  responsible_bodies: { type: 'array', items: { type: 'string' }, description: 'Responsible bodies as named in the source (English).' },
  petitions: closed(
    {
      linked: { type: 'integer', minimum: 0, description: 'Public petitions the project office linked to the project (confirmed links only).' },
      answered: { type: 'integer', minimum: 0, description: 'Of them, petitions the addressee answered.' },
    },
    'Petitions linked to the project.',
  ),
  updated_at: { type: 'string', format: 'date-time', description: 'When the project’s data last changed.' },
};
const PROJECT_SCHEMAS = {
  ProjectPriority: closed({ code: str('Code of the national priority.'), names: ref('Names') }, 'The national priority the project serves.'),
  Project: closed(PROJECT_PROPERTIES, 'A national project.'),
  ProjectIndicator: closed(
    {
      names: ref('Names'),
      unit: strOrNull('Unit code (percent, years, schools, places, km, …) or free text.'),
      baseline: { type: ['number', 'null'], description: 'Starting value.' },
      baseline_year: { type: ['integer', 'null'] },
      target: { type: ['number', 'null'], description: 'Value to reach (also for a decrease).' },
      target_year: { type: ['integer', 'null'] },
      current: { type: ['number', 'null'], description: 'Latest known value.' },
      current_as_of: strOrNull('Date of the current value.', { format: 'date' }),
      progress: { type: ['number', 'null'], minimum: 0, maximum: 1, description: '(current - baseline) / (target - baseline), clamped to 0..1; null without the three figures.' },
      source: strOrNull('Where the indicator comes from.'),
    },
    'A measurable indicator of a project.',
  ),
  ProjectPetition: closed(
    {
      id: str('Identifier of the petition.', { format: 'uuid' }),
      number: { type: 'integer', minimum: 1 },
      url: str('The petition’s public page.', { format: 'uri' }),
      api_url: str('The petition in the open data.', { format: 'uri' }),
      title: str('Title of the current version.'),
      state: { type: 'string', enum: [...VISIBLE_PUBLICLY] },
      decision: { type: ['string', 'null'], enum: [...DECISIONS, null] },
      answered_at: { type: ['string', 'null'], format: 'date-time' },
      linked_at: { type: ['string', 'null'], format: 'date-time', description: 'When the project office confirmed the link.' },
      signatures: { type: 'integer', minimum: 0, description: 'Valid signatures as last counted.' },
    },
    'A public petition linked to the project (a confirmed link).',
  ),
  ProjectDetail: closed(
    {
      ...PROJECT_PROPERTIES,
      indicators: { type: 'array', items: ref('ProjectIndicator') },
      linked_petitions: { type: 'array', items: ref('ProjectPetition'), description: 'At most 100, most recently linked first.' },
      report_categories: { type: 'array', items: closed({ code: str('Issue category code.'), names: ref('Names') }), description: 'Report categories that concern the project.' },
      sources: { type: 'array', items: { type: 'string' } },
      verification: str('How far the project data have been verified (as compiled).'),
    },
    'A national project with its indicators and linked petitions.',
  ),
  ProjectList: closed({ data: { type: 'array', items: ref('Project') }, meta: closed({ total: { type: 'integer', minimum: 0 } }) }, 'Every national project.'),
};

type ValidateFn = ((data: unknown) => boolean) & { errors?: unknown };
async function projectValidator(): Promise<(name: string, data: unknown) => void> {
  const mod = (await import(/* @vite-ignore */ ['ajv', 'dist', '2020.js'].join('/'))) as {
    default: new (o: object) => { addSchema(s: object): unknown; getSchema(r: string): ValidateFn | undefined; addFormat(n: string, f: (s: string) => boolean): unknown; addVocabulary(k: string[]): unknown };
  };
  const ajv = new mod.default({ strict: true, allErrors: true, allowUnionTypes: true });
  ajv.addVocabulary(['openapi', 'jsonSchemaDialect', 'info', 'servers', 'tags', 'paths', 'components']);
  ajv.addFormat('date-time', (s) => !Number.isNaN(Date.parse(s)) && /T/.test(s));
  ajv.addFormat('date', (s) => /^\d{4}-\d{2}-\d{2}$/.test(s));
  ajv.addFormat('uri', (s) => URL.canParse(s));
  ajv.addFormat('uuid', (s) => /^[0-9a-f-]{36}$/i.test(s));
  const doc = openApiDocument(PUBLIC_ORIGIN);
  ajv.addSchema({ ...doc, components: { ...doc.components, schemas: { ...doc.components.schemas, ...PROJECT_SCHEMAS } }, $id: 'urn:dauys:openapi' });
  return (name, data) => {
    const v = ajv.getSchema(`urn:dauys:openapi#/components/schemas/${name}`)!;
    expect(v(data), JSON.stringify(v.errors)).toBe(true);
  };
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  deps = { db: tdb.handle.db, clock: systemClock, log: silentLogger };
  await seedReferenceData(tdb.handle.db);
  await seedProjectData(tdb.handle.db);
  resetLinkerCache();
  app = await startTestApp(tdb.handle);
  redis = createTestRedis();
  queues = createQueues(redis.connection, redis.prefix);
  const [a] = await deps.db.insert(accounts).values({ kind: 'citizen', displayName: 'Айгерим Н.', locale: 'ru' }).returning({ id: accounts.id });
  author = { accountId: a!.id, kind: 'citizen', roles: [] };
});

afterAll(async () => {
  await workers?.close();
  await closeQueues(queues);
  await redis.cleanup();
  await app.close();
  await tdb.drop();
  if (Object.keys(measured).length > 0) console.info(`projects-linking measured: ${JSON.stringify(measured)}`);
});

describe('a petition linked to a national project, end to end', () => {
  it('createPetition writes the outbox row; the relay and a real worker write the suggestions within seconds', async () => {
    const created = await createPetition(deps, author, { title: TITLE, body: BODY, addresseeKind: 'government', topic: 'education' }, { initialSupport: 1 });
    if (created.kind !== 'created') throw new Error(JSON.stringify(created));
    petitionId = created.id;
    const rows = await deps.db.select().from(outbox).where(eq(outbox.topic, 'petition.link'));
    expect(rows.map((r) => r.payload)).toEqual([{ petitionId }]);
    expect(await links()).toEqual([]);

    workers = startWorkers({ connection: redis.connection, prefix: redis.prefix, log: silentLogger, ctx: { deps, mailer: { baseUrl: PUBLIC_ORIGIN, send: async () => 'test' } } });
    const t0 = performance.now();
    expect(await relayOutbox(deps.db, bullmqPublisher(queues))).toBeGreaterThanOrEqual(1);
    await waitFor(async () => (await links()).length >= 2);
    measured.createToSuggestionsMs = Math.round(performance.now() - t0);
    expect(measured.createToSuggestionsMs).toBeLessThan(10_000);

    const got = await links();
    expect(got.map((l) => l.projectCode).sort()).toEqual(['NP-COMFORT-SCHOOL', 'NP-EDU']);
    for (const l of got) {
      expect(l).toMatchObject({ status: 'suggested', origin: 'linker', decidedAt: null, decidedBy: null });
      expect(l.score).toBeGreaterThanOrEqual(0.5);
      const e = parseExplanation(l.explanation);
      expect(e?.matched.length).toBeGreaterThan(0);
    }
    const school = parseExplanation(got.find((l) => l.projectCode === 'NP-COMFORT-SCHOOL')!.explanation)!;
    expect(school.matched.flatMap((m) => m.words).join(' ')).toMatch(/смены/);
  });

  it('the office queue shows published petitions with their matched words; a citizen gets 403', async () => {
    analyst = await staff('project_analyst', 'Dana Analyst');
    const [role] = await deps.db.select().from(staffRoles).where(eq(staffRoles.role, 'project_analyst'));
    analystId = role!.accountId;

    // A draft is private to its author: not in the queue yet.
    let page = await analyst.get('/office');
    expect(page.status).toBe(200);
    expect(page.text).not.toContain(`data-petition="${petitionId}"`);

    expect((await submitForSupport(deps, author, petitionId)).kind).toBe('ok');
    page = await analyst.get('/office');
    expect(page.text).toContain(`data-petition="${petitionId}" data-project="NP-COMFORT-SCHOOL"`);
    expect(page.text).toContain(`data-petition="${petitionId}" data-project="NP-EDU"`);
    expect(page.text).toContain('смены');
    expect(page.text).toContain(TITLE);

    const { browser: citizen } = await enrollCitizen(app.browser(), { iin: makeIin('1990-05-05', 'F', 7), origin: PUBLIC_ORIGIN });
    expect((await citizen.get('/office')).status).toBe(403);
    expect((await citizen.postForm('/office?index', { intent: 'confirm', petitionId, projectCode: 'NP-EDU' })).status).toBe(403);
    expect((await citizen.get('/office/projects/NP-EDU')).status).toBe(403);
    const anonymous = await app.browser().get('/office');
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/signin\?returnTo=%2Foffice/);
    expect((await links()).every((l) => l.status === 'suggested')).toBe(true);
  });

  it('the analyst confirms one suggestion and rejects the other over HTTP; each decision is audited', async () => {
    const confirmed = await analyst.postForm('/office?index', { intent: 'confirm', petitionId, projectCode: 'NP-COMFORT-SCHOOL' });
    expect(confirmed.status).toBe(302);
    expect(confirmed.location).toMatch(/^\/office\?done=confirmed&number=\d+&project=NP-COMFORT-SCHOOL$/);
    const rejected = await analyst.postForm('/office?index', { intent: 'reject', petitionId, projectCode: 'NP-EDU', note: 'general education, not this project' });
    expect(rejected.status).toBe(302);

    const byCode = Object.fromEntries((await links()).map((l) => [l.projectCode, l]));
    expect(byCode['NP-COMFORT-SCHOOL']).toMatchObject({ status: 'confirmed', decidedBy: analystId });
    expect(byCode['NP-EDU']).toMatchObject({ status: 'rejected', decidedBy: analystId, note: 'general education, not this project' });

    const audit = await deps.db.select().from(auditLog).where(eq(auditLog.subjectId, petitionId));
    const confirm = audit.find((r) => r.action === 'project.link-confirmed');
    expect(confirm).toMatchObject({ actorAccountId: analystId, subjectType: 'petition' });
    expect(confirm!.details).toMatchObject({ projectCode: 'NP-COMFORT-SCHOOL', from: 'suggested', origin: 'linker' });
    expect(audit.find((r) => r.action === 'project.link-rejected')?.details).toMatchObject({ projectCode: 'NP-EDU', from: 'suggested' });

    // The same decision twice is refused, and changes nothing.
    const again = await analyst.postForm('/office?index', { intent: 'confirm', petitionId, projectCode: 'NP-COMFORT-SCHOOL' });
    expect(again.status).toBe(409);
    // The queue no longer lists them; the recent decisions do.
    const page = await analyst.get('/office');
    expect(page.text).not.toContain(`data-petition="${petitionId}" data-project=`);
    expect(page.text).toContain('data-testid="decision-row" data-status="confirmed"');
  });

  it('the confirmed link is public on /projects/:code and /api/v1/projects/:code once the petition is public; the rejected one never', async () => {
    const visitor = app.browser();
    // Still gathering initial support (visible by link only): not listed on the project page.
    expect((await visitor.get('/projects/NP-COMFORT-SCHOOL')).text).not.toContain(petitionId);

    await deps.db.transaction((tx) => applyCountMilestones(tx, deps, petitionId, 1));
    expect((await moderatePetition(deps, moderator, petitionId, { decision: 'approve' })).kind).toBe('ok');

    const page = await visitor.get('/projects/NP-COMFORT-SCHOOL');
    expect(page.status).toBe(200);
    expect(page.text).toContain(`data-testid="linked-petition" data-petition="${petitionId}"`);
    expect(page.text).toContain(TITLE);
    expect(page.text).toContain('data-testid="project-indicators"');
    const edu = await visitor.get('/projects/NP-EDU');
    expect(edu.status).toBe(200);
    expect(edu.text).not.toContain(petitionId);
    expect((await visitor.get('/projects/NP-NOPE')).status).toBe(404);
    expect((await visitor.get('/projects/not-a-code')).status).toBe(404);

    const validate = await projectValidator();
    const api = await visitor.get('/api/v1/projects/NP-COMFORT-SCHOOL');
    expect(api.status).toBe(200);
    expect(api.headers.get('cache-control')).toBe('public, max-age=60, stale-while-revalidate=300');
    expect(api.headers.get('access-control-allow-origin')).toBe('*');
    expect(api.headers.get('set-cookie')).toBeNull();
    validate('ProjectDetail', api.json);
    const linked = api.json.linked_petitions as { id: string; title: string; state: string }[];
    expect(linked).toEqual([expect.objectContaining({ id: petitionId, title: TITLE, state: 'open' })]);
    // Nothing personal or internal: no person, no office note, no score.
    for (const secret of [analystId, author.accountId, 'general education', 'decided', 'score', 'note']) expect(api.text).not.toContain(secret);
    const etag = api.headers.get('etag')!;
    expect((await visitor.get('/api/v1/projects/NP-COMFORT-SCHOOL', { 'If-None-Match': etag })).status).toBe(304);

    const eduApi = await visitor.get('/api/v1/projects/NP-EDU');
    validate('ProjectDetail', eduApi.json);
    expect(eduApi.json.linked_petitions).toEqual([]);

    const list = await visitor.get('/api/v1/projects');
    expect(list.status).toBe(200);
    validate('ProjectList', list.json);
    const data = list.json.data as { code: string; petitions: { linked: number } }[];
    expect(data.find((p) => p.code === 'NP-COMFORT-SCHOOL')?.petitions.linked).toBe(1);
    expect(data.find((p) => p.code === 'NP-EDU')?.petitions.linked).toBe(0);
    expect(list.headers.get('x-total-count')).toBe(String(data.length));

    const missing = await visitor.get('/api/v1/projects/NP-NOPE?lng=en');
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ status: 404, title: 'Project not found' });
    expect(String(missing.json.type)).toMatch(/#\/components\/responses\/ProjectNotFound$/);
    expect((await visitor.get('/api/v1/projects?unknown=1')).status).toBe(400);

    const index = await visitor.get('/projects');
    expect(index.status).toBe(200);
    expect(index.text).toMatch(/data-project="NP-COMFORT-SCHOOL"/);
  });

  it('the worker leaves the decisions alone when it links the petition again', async () => {
    const before = await links();
    const { processJob } = await import('../../workers/processors');
    const outcome = (await processJob({ deps, mailer: { baseUrl: PUBLIC_ORIGIN, send: async () => 'x' } }, { id: 'again', name: 'petition.link', data: { petitionId } })) as {
      kind: string;
      decided: string[];
    };
    expect(outcome.kind).toBe('linked');
    expect(outcome.decided.sort()).toEqual(['NP-COMFORT-SCHOOL', 'NP-EDU']);
    expect(await links()).toEqual(before);
  });

  it('a project edit over HTTP is audited and enqueues a re-link that the worker runs; an indicator edit shows on the public page', async () => {
    const form = await analyst.get('/office/projects/NP-COMFORT-SCHOOL');
    expect(form.status).toBe(200);
    const edited = await analyst.postForm('/office/projects/NP-COMFORT-SCHOOL', {
      intent: 'project',
      nameKk: 'Жайлы мектеп («Келешек мектептері»)',
      nameRu: 'Комфортная школа («Келешек мектептері»)',
      nameEn: 'Comfortable School (Keleshek Mektepteri)',
      summaryEn: 'New schools to end three-shift and emergency schools.',
      period: '2022-',
      status: 'active',
      priorityCode: 'P03',
    });
    expect(edited.status).toBe(302);
    expect(edited.location).toBe('/office/projects/NP-COMFORT-SCHOOL?done=saved');
    const [audit] = await deps.db.select().from(auditLog).where(and(eq(auditLog.action, 'project.edited'), eq(auditLog.subjectId, 'NP-COMFORT-SCHOOL')));
    expect(audit?.actorAccountId).toBe(analystId);
    expect(Object.keys((audit!.details as { changes: object }).changes)).toEqual(expect.arrayContaining(['nameEn', 'summaryEn', 'priorityCode']));
    const relinks = await deps.db.select().from(outbox).where(eq(outbox.topic, 'projects.relink'));
    expect(relinks).toHaveLength(1);

    const before = await links();
    const t0 = performance.now();
    await relayOutbox(deps.db, bullmqPublisher(queues));
    await waitFor(async () => (await queues.linking.getJobCounts('completed')).completed! >= 2);
    measured.relinkJobMs = Math.round(performance.now() - t0);
    expect(await links()).toEqual(before);

    // Invalid input is refused with the field named, nothing saved.
    const bad = await analyst.postForm('/office/projects/NP-COMFORT-SCHOOL', { intent: 'indicator', nameKk: 'К', nameRu: 'Новые места', nameEn: 'New places', target: 'lots' });
    expect(bad.status).toBe(422);
    const count = (await deps.db.select().from(projectIndicators).where(eq(projectIndicators.projectCode, 'NP-COMFORT-SCHOOL'))).length;
    const added = await analyst.postForm('/office/projects/NP-COMFORT-SCHOOL', {
      intent: 'indicator',
      nameKk: 'Салынған мектептер',
      nameRu: 'Построенные школы',
      nameEn: 'Schools built',
      unit: 'schools',
      baseline: '0',
      target: '367',
      currentValue: '150',
      currentAsOf: '2025-10-31',
      sortOrder: '5',
    });
    expect(added.status).toBe(302);
    expect((await deps.db.select().from(projectIndicators).where(eq(projectIndicators.projectCode, 'NP-COMFORT-SCHOOL'))).length).toBe(count + 1);
    expect((await deps.db.select().from(auditLog).where(eq(auditLog.action, 'project.indicator-created'))).length).toBe(1);
    const visitor = app.browser();
    visitor.cookies.set('lng', 'en');
    const page = await visitor.get('/projects/NP-COMFORT-SCHOOL');
    expect(page.text).toContain('Comfortable School (Keleshek Mektepteri)');
    expect(page.text).toContain('Schools built');
    const api = await visitor.get('/api/v1/projects/NP-COMFORT-SCHOOL');
    const indicator = (api.json.indicators as { names: { en: string }; progress: number | null }[]).find((i) => i.names.en === 'Schools built');
    expect(indicator?.progress).toBeCloseTo(150 / 367, 3);
  });

  it('a citizen follows the project with a plain form; when the petition is answered the follower is told once', async () => {
    const { browser: citizen } = await enrollCitizen(app.browser(), { iin: makeIin('1985-03-03', 'M', 11), origin: PUBLIC_ORIGIN });
    const follow = await citizen.postForm('/projects/NP-COMFORT-SCHOOL', { intent: 'follow' });
    expect(follow.status).toBe(302);
    expect(follow.location).toBe('/projects/NP-COMFORT-SCHOOL?done=followed');
    const page = await citizen.get('/projects/NP-COMFORT-SCHOOL?done=followed');
    expect(page.text).toMatch(/data-testid="follow-button" aria-pressed="true"/);
    expect((await citizen.postForm('/projects/NP-COMFORT-SCHOOL', { intent: 'follow' }, { csrf: false })).status).toBe(403);
    const stranger = app.browser();
    await stranger.get('/projects/NP-COMFORT-SCHOOL');
    const anonymous = await stranger.postForm('/projects/NP-COMFORT-SCHOOL', { intent: 'follow' });
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/signin/);

    // The petition reaches its addressee and is answered (the lead wires notifyProjectFollowers next to the signers' notification).
    const [p] = await deps.db.select().from(petitions).where(eq(petitions.id, petitionId));
    await deps.db.transaction((tx) => applyCountMilestones(tx, deps, petitionId, p!.thresholdRequired!));
    expect((await actAsAddressee(deps, moderator, petitionId, { action: 'register' })).kind).toBe('ok');
    expect((await actAsAddressee(deps, moderator, petitionId, { action: 'answer', decision: 'partially-accepted', responseText: 'Школа включена в программу на 2027 год.' })).kind).toBe('ok');
    // Once actAsAddressee calls it (the lead's wiring), this second call tells nobody again; before, it tells the follower.
    const sent = await deps.db.transaction((tx) => notifyProjectFollowers(tx, petitionId));
    expect([0, 1]).toContain(sent);
    expect(await deps.db.transaction((tx) => notifyProjectFollowers(tx, petitionId))).toBe(0);
    const told = await deps.db.select().from(notifications).where(eq(notifications.template, 'projectPetitionAnswered'));
    expect(told).toHaveLength(1);
    const [n] = told;
    expect(n).toMatchObject({ channel: 'in_app', locale: 'kk' });
    expect(n!.params).toMatchObject({ title: TITLE, decision: 'partially-accepted', path: `/petitions/${petitionId}` });
    expect(String(n!.params.projects)).toContain('Жайлы мектеп');

    const answered = await app.browser().get('/projects/NP-COMFORT-SCHOOL');
    expect(answered.text).toContain('decision-partially-accepted');
  });
});
