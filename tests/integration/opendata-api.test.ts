import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, governmentBodies, localBodies, petitionEvents, petitions, signatures, unitPopulation, units } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import type { Actor } from '../../app/domain/identity/permissions';
import { CACHE_CONTROL, CSV_FILENAME } from '../../app/domain/opendata/http';
import { openApiDocument } from '../../app/domain/opendata/openapi';
import { CSV_HEADER } from '../../app/domain/opendata/representation';
import {
  actAsAddressee,
  applyCountMilestones,
  createPetition,
  moderatePetition,
  submitForSupport,
  withdrawPetition,
} from '../../app/domain/petitions/petitions.server';
import { transition, type PetitionState } from '../../app/domain/petitions/states';
import { fixedClock, silentLogger, type Deps } from '../../app/domain/shared/deps';
import { recountFromSignatures } from '../../app/domain/signatures/counts.server';
import { PUBLIC_ORIGIN, startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { loadValidator } from '../support/openapi-validator';

/**
 * The open-data API over HTTP against a real database: petitions in every state, created with the
 * domain functions; every response body is validated against the schemas of the OpenAPI document
 * the API itself serves.
 */

/** A strict RFC 4180 reader (records end with CRLF; quotes doubled inside quoted fields). */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let i = 0;
  while (i < text.length) {
    const record: string[] = [];
    for (;;) {
      let field = '';
      if (text[i] === '"') {
        i++;
        for (;;) {
          if (i >= text.length) throw new Error('unterminated quoted field');
          if (text[i] === '"' && text[i + 1] === '"') {
            field += '"';
            i += 2;
          } else if (text[i] === '"') {
            i++;
            break;
          } else field += text[i++];
        }
      } else
        while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
          if (text[i] === '"' || text[i] === '\n') throw new Error(`bare ${JSON.stringify(text[i])} at ${i}`);
          field += text[i++];
        }
      record.push(field);
      if (text[i] === ',') {
        i++;
        continue;
      }
      if (text.slice(i, i + 2) !== '\r\n') throw new Error(`expected CRLF at ${i}`);
      i += 2;
      break;
    }
    records.push(record);
  }
  return records;
}
// ---------------------------------------------------------------------------------------------

let tdb: TestDatabase;
let app: TestApp;
let validator: Awaited<ReturnType<typeof loadValidator>>;
const db = () => tdb.handle.db;
const clock = fixedClock('2026-01-05T06:00:00Z');
const deps = (): Deps => ({ db: db(), clock, log: silentLogger });

const BODY = (what: string) =>
  `${what}. This petition asks the addressee to act within the year, with a public plan, a budget line and a named responsible office, and to report on progress every quarter.`;

/** Values that must never appear in the open data (personal or internal). */
const secrets = new Set<string>();
const SIGNER_IP = '203.0.113.77';
const SIGNER_UA = 'SentinelAgent/9.9 (signer device)';

let authorActor: Actor;
let moderator: Actor;
let ministryCode: string;
let regionKato: string; // a level-1 unit (akimat petitions)
let regionBodyId: number;
let districtKato: string; // a level-2 unit with a population figure (maslikhat petition)
let districtRegionKato: string;
let otherRegionKato: string;
/** Public petitions by name, and the others (never published). */
const ids: Record<string, string> = {};
const hiddenIds: string[] = [];
const PUBLIC = ['openRegion', 'openGov', 'expired', 'reached', 'consideration', 'answered', 'rejectedTopic', 'rejectedOffensive'] as const;

async function insertAccount(kind: 'citizen' | 'staff', displayName: string): Promise<string> {
  const [a] = await db().insert(accounts).values({ kind, displayName, email: `${randomUUID()}@example.test` }).returning({ id: accounts.id });
  secrets.add(a!.id);
  secrets.add(displayName);
  return a!.id;
}

let signerCounter = 0;
/** A signature row written directly (as the signing path would), with recognizable evidence. */
async function sign(petitionId: string, region: string, status: 'valid' | 'under_review' = 'valid'): Promise<void> {
  const [p] = await db().select({ versionId: petitions.currentVersionId }).from(petitions).where(eq(petitions.id, petitionId));
  const accountId = await insertAccount('citizen', `Signer${++signerCounter} S.`);
  const row = {
    signerKey: `signerkey${signerCounter}`.padEnd(64, 'f'),
    passkeyId: randomUUID(),
    credentialId: `cred-sentinel-${signerCounter}`,
    challenge: `challenge-sentinel-${signerCounter}`,
    nonce: `nonce-sentinel-${signerCounter}`,
    deviceId: `device-sentinel-${signerCounter}`,
  };
  for (const v of Object.values(row)) secrets.add(v);
  const [s] = await db()
    .insert(signatures)
    .values({
      petitionId,
      versionId: p!.versionId!,
      accountId,
      regionKato: region,
      unitKato: region,
      status,
      signedAt: clock.now(),
      textHash: 'f'.repeat(64),
      authenticatorData: 'authdata-sentinel',
      clientDataJson: 'clientdata-sentinel',
      signature: 'signature-sentinel',
      rpId: 'localhost',
      origin: PUBLIC_ORIGIN,
      ip: SIGNER_IP,
      userAgent: SIGNER_UA,
      ...row,
    })
    .returning({ id: signatures.id });
  secrets.add(s!.id);
  await recountFromSignatures(deps(), [petitionId]);
}

async function create(title: string, addressee: Record<string, string>): Promise<string> {
  const r = await createPetition(deps(), authorActor, { title, body: BODY(title), topic: 'governance', ...addressee }, { initialSupport: 1 });
  if (r.kind !== 'created') throw new Error(`create: ${JSON.stringify(r)}`);
  return r.id;
}

/** draft -> collecting -> (one supporter) -> moderation. */
async function toModeration(id: string, supporterRegion: string): Promise<void> {
  expect((await submitForSupport(deps(), authorActor, id)).kind).toBe('ok');
  await sign(id, supporterRegion);
  const next = await db().transaction((tx) => applyCountMilestones(tx, deps(), id, 1));
  expect(next).toBe('moderation');
}

async function approve(id: string): Promise<void> {
  const r = await moderatePetition(deps(), moderator, id, { decision: 'approve' });
  expect(r, JSON.stringify(r)).toMatchObject({ kind: 'ok', next: 'open' });
}

async function reachThreshold(id: string): Promise<void> {
  const [p] = await db().select({ required: petitions.thresholdRequired }).from(petitions).where(eq(petitions.id, id));
  const next = await db().transaction((tx) => applyCountMilestones(tx, deps(), id, p!.required!));
  expect(next).toBe('closed-reached');
}

/**
 * The scheduled expiry, done as expirePetitions does it for one petition: the pure transition
 * decides, the event row and the state change are written together. (expirePetitions itself
 * currently fails on PostgreSQL: it binds a Date inside a raw sql`` fragment, which postgres.js
 * refuses; reported to the lead.)
 */
async function expire(id: string): Promise<void> {
  await db().transaction(async (tx) => {
    const [p] = await tx.select().from(petitions).where(eq(petitions.id, id)).for('update');
    const t = transition(p!.state as PetitionState, 'expire', 'system', { now: clock.now(), signingClosesAt: p!.closesAt ?? undefined });
    if (t.kind !== 'ok') throw new Error(`expire: ${t.reason}`);
    await tx.insert(petitionEvents).values({ petitionId: id, event: 'expire', fromState: p!.state, toState: t.next, actorAccountId: null, actorRole: 'system', at: clock.now(), data: t.record.data as unknown as Record<string, unknown> });
    await tx.update(petitions).set({ state: t.next, closedAt: clock.now(), updatedAt: clock.now() }).where(eq(petitions.id, id));
  });
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  await seedReferenceData(db());
  app = await startTestApp(tdb.handle);
  validator = await loadValidator(openApiDocument(PUBLIC_ORIGIN));

  const authorId = await insertAccount('citizen', 'Sentinelauthor Q.');
  authorActor = { accountId: authorId, kind: 'citizen', roles: [] };
  moderator = { accountId: await insertAccount('staff', 'Sentinelmoderator M.'), kind: 'staff', roles: [{ role: 'moderator', bodyId: null }] };

  const [ministry] = await db().select({ code: governmentBodies.code }).from(governmentBodies).where(eq(governmentBodies.kind, 'ministry')).orderBy(governmentBodies.code).limit(1);
  ministryCode = ministry!.code;
  const [region] = await db()
    .select({ kato: units.kato, bodyId: localBodies.id })
    .from(units)
    .innerJoin(localBodies, and(eq(localBodies.unitKato, units.kato), eq(localBodies.kind, 'akimat')))
    .innerJoin(unitPopulation, eq(unitPopulation.kato, units.kato))
    .where(eq(units.level, 1))
    .orderBy(units.kato)
    .limit(1);
  regionKato = region!.kato;
  regionBodyId = region!.bodyId;
  const [district] = await db()
    .select({ kato: units.kato, parent: units.parentKato })
    .from(units)
    .innerJoin(localBodies, and(eq(localBodies.unitKato, units.kato), eq(localBodies.kind, 'maslikhat')))
    .innerJoin(unitPopulation, eq(unitPopulation.kato, units.kato))
    .where(and(eq(units.level, 2), sql`${units.parentKato} <> ${regionKato}`))
    .orderBy(units.kato)
    .limit(1);
  districtKato = district!.kato;
  districtRegionKato = district!.parent!;
  const [other] = await db()
    .select({ kato: units.kato })
    .from(units)
    .where(and(eq(units.level, 1), sql`${units.kato} not in (${regionKato}, ${districtRegionKato})`))
    .limit(1);
  otherRegionKato = other!.kato;
  const officer: Actor = { accountId: await insertAccount('staff', 'Sentinelofficer O.'), kind: 'staff', roles: [{ role: 'akimat_officer', bodyId: regionBodyId }] };

  // Never public: a draft, one gathering initial support, one in moderation, one withdrawn.
  hiddenIds.push(await create('Hiddendraft petition about parks', { addresseeKind: 'government' }));
  const collecting = await create('Hiddencollecting petition about parks', { addresseeKind: 'ministry', ministryCode });
  expect((await submitForSupport(deps(), authorActor, collecting)).kind).toBe('ok');
  hiddenIds.push(collecting);
  const inModeration = await create('Hiddenmoderation petition about parks', { addresseeKind: 'government' });
  await toModeration(inModeration, regionKato);
  hiddenIds.push(inModeration);
  const withdrawn = await create('Hiddenwithdrawn petition about parks', { addresseeKind: 'government' });
  expect((await withdrawPetition(deps(), authorActor, withdrawn)).kind).toBe('ok');
  hiddenIds.push(withdrawn);

  // Opened on 5 January and left to expire (maslikhat of a district).
  ids.expired = await create('Expired: more benches in the district park', { addresseeKind: 'maslikhat', unitKato: districtKato });
  await toModeration(ids.expired, districtRegionKato);
  await approve(ids.expired);

  // The others open on 2 March.
  clock.set('2026-03-02T05:00:00Z');
  ids.openRegion = await create('Open: Lighting for the regional road to the airport', { addresseeKind: 'akimat', unitKato: regionKato });
  await toModeration(ids.openRegion, regionKato);
  await approve(ids.openRegion);
  await sign(ids.openRegion, regionKato);
  await sign(ids.openRegion, otherRegionKato);
  await sign(ids.openRegion, regionKato, 'under_review');

  clock.set('2026-03-03T05:00:00Z');
  ids.openGov = await create('Open: "Quotes", commas, and a national reading programme', { addresseeKind: 'government' });
  await toModeration(ids.openGov, otherRegionKato);
  await approve(ids.openGov);

  ids.reached = await create('=Reached: free school meals nationwide', { addresseeKind: 'ministry', ministryCode });
  await toModeration(ids.reached, regionKato);
  await approve(ids.reached);
  await reachThreshold(ids.reached);

  ids.consideration = await create('Consideration: rural clinics staffing', { addresseeKind: 'government' });
  await toModeration(ids.consideration, regionKato);
  await approve(ids.consideration);
  await reachThreshold(ids.consideration);
  expect((await actAsAddressee(deps(), moderator, ids.consideration, { action: 'register' })).kind).toBe('ok');

  ids.answered = await create('Answered: bus lanes on the main avenue', { addresseeKind: 'akimat', unitKato: regionKato });
  await toModeration(ids.answered, regionKato);
  await approve(ids.answered);
  await reachThreshold(ids.answered);
  clock.set('2026-03-10T05:00:00Z');
  expect((await actAsAddressee(deps(), officer, ids.answered, { action: 'register' })).kind).toBe('ok');
  expect(
    (await actAsAddressee(deps(), officer, ids.answered, {
      action: 'answer',
      decision: 'partially-accepted',
      responseText: 'Bus lanes will be marked on two of the three proposed sections in 2026.',
      documentUrl: 'https://example.kz/answers/123.pdf',
    })).kind,
  ).toBe('ok');
  expect((await actAsAddressee(deps(), officer, ids.answered, { action: 'milestone', text: 'First section marked.', progressPercent: 40 })).kind).toBe('ok');

  ids.rejectedTopic = await create('Rejected: change the state language rules', { addresseeKind: 'government' });
  await toModeration(ids.rejectedTopic, regionKato);
  const rejected = await moderatePetition(deps(), moderator, ids.rejectedTopic, { decision: 'reject', reason: 'prohibited-topic', topicGroup: 'language', note: 'Language policy is outside e-petitions.' });
  expect(rejected).toMatchObject({ kind: 'ok', next: 'rejected' });

  ids.rejectedOffensive = await create('Rejected offensive searchword insult', { addresseeKind: 'government' });
  await toModeration(ids.rejectedOffensive, regionKato);
  expect((await moderatePetition(deps(), moderator, ids.rejectedOffensive, { decision: 'reject', reason: 'offensive' })).kind).toBe('ok');

  // Six months and a day after 5 January: only the first petition's window has ended.
  clock.set('2026-07-06T06:00:00Z');
  await expire(ids.expired);

  for (const id of [...Object.values(ids), ...hiddenIds]) expect(id).toMatch(/^[0-9a-f-]{36}$/);
}, 120_000);

afterAll(async () => {
  await app.close();
  await tdb.drop();
});

interface Got {
  status: number;
  headers: Headers;
  text: string;
  bytes: Uint8Array;
  json: unknown;
}

/** Every body is validated against the document's schema for its path and status. */
async function get(path: string, headers: Record<string, string> = {}): Promise<Got> {
  const res = await fetch(`${app.url}${path}`, { headers });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  const type = res.headers.get('Content-Type') ?? '';
  let json: unknown = null;
  const pathname = path.split('?')[0]!;
  if (res.status === 304) expect(text).toBe('');
  else if (res.status >= 400) {
    expect(type).toBe('application/problem+json; charset=utf-8');
    json = JSON.parse(text);
    assertValid('Problem', json);
    expect((json as { status: number }).status).toBe(res.status);
  } else if (type.startsWith('application/json')) {
    json = JSON.parse(text);
    assertValid(pathname === '/api/v1/petitions' ? 'PetitionList' : pathname === '/api/v1/openapi.json' ? 'OpenApiDocument' : 'PetitionDetail', json);
  } else expect(type).toBe('text/csv; charset=utf-8; header=present');
  if (res.status !== 204) {
    expect(res.headers.get('Vary')).toContain('Accept, Accept-Language');
    expect(res.headers.get('Access-Control-Allow-Origin')).toBe('*');
  }
  return { status: res.status, headers: res.headers, text, bytes, json };
}

function assertValid(schema: string, data: unknown): void {
  const validate = validator.schema(schema);
  if (!validate(data)) throw new Error(`${schema} (${validator.dialect}): ${JSON.stringify(validate.errors, null, 1)}`);
}

type ListBody = { data: { id: string; number: number; title: string | null; state: string; level: string; region_kato: string | null; signatures: { valid: number; under_review: number } }[]; meta: { total: number; pages: number } };
const list = async (qs: string) => {
  const r = await get(`/api/v1/petitions${qs ? `?${qs}` : ''}`);
  expect(r.status, r.text).toBe(200);
  return r.json as ListBody;
};
const idsOf = (body: ListBody) => body.data.map((p) => p.id);
const named = (...names: (typeof PUBLIC)[number][]) => names.map((n) => ids[n]!);

/** Every key of every object in a JSON value. */
function keysOf(value: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const v of value) keysOf(v, out);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      out.add(k);
      keysOf(v, out);
    }
  return out;
}

describe('the petitions list', () => {
  it('shows every public petition and never a draft, one gathering support, in moderation or withdrawn', async () => {
    const body = await list('per_page=100');
    expect(body.meta.total).toBe(PUBLIC.length);
    expect(idsOf(body).sort()).toEqual(named(...PUBLIC).sort());
    for (const hidden of hiddenIds) expect(JSON.stringify(body)).not.toContain(hidden);
    const csv = await get('/api/v1/petitions?per_page=100&format=csv');
    for (const hidden of hiddenIds) expect(csv.text).not.toContain(hidden);
    expect(csv.text).not.toMatch(/Hidden(draft|collecting|moderation|withdrawn)/);
    expect(JSON.stringify(body)).not.toMatch(/Hidden(draft|collecting|moderation|withdrawn)/);
  });

  it('carries no personal or internal data: no account ids, names, signer keys, evidence, IPs or devices', async () => {
    const bodies = [(await get('/api/v1/petitions?per_page=100')).text, (await get('/api/v1/petitions?per_page=100&format=csv')).text];
    for (const id of [...Object.values(ids), ...hiddenIds]) bodies.push((await get(`/api/v1/petitions/${id}`)).text);
    expect(secrets.size).toBeGreaterThan(30);
    for (const text of bodies) {
      for (const secret of secrets) expect(text.includes(secret), `leaks ${secret}`).toBe(false);
      expect(text).not.toContain(SIGNER_IP);
      expect(text).not.toContain(SIGNER_UA);
      expect(text).not.toMatch(/sentinel/i);
    }
    const keys = keysOf(JSON.parse(bodies[0]!));
    for (const id of Object.values(ids)) for (const k of keysOf((await get(`/api/v1/petitions/${id}`)).json)) keys.add(k);
    for (const k of keys) expect(k, k).not.toMatch(/account|author|signer|iin|ip$|^ip|device|passkey|credential|email|user|actor_id|session/i);
  });

  it('filters by status, with groups', async () => {
    expect(idsOf(await list('status=open')).sort()).toEqual(named('openRegion', 'openGov').sort());
    expect(idsOf(await list('status=closed')).sort()).toEqual(named('expired', 'reached', 'consideration').sort());
    expect(idsOf(await list('status=answered,closed-expired')).sort()).toEqual(named('answered', 'expired').sort());
    expect(idsOf(await list('status=rejected')).sort()).toEqual(named('rejectedTopic', 'rejectedOffensive').sort());
    expect(idsOf(await list('status=under-consideration'))).toEqual(named('consideration'));
  });

  it('filters by level, region and addressee', async () => {
    expect(idsOf(await list('level=district'))).toEqual(named('expired'));
    expect(idsOf(await list('level=region')).sort()).toEqual(named('openRegion', 'answered').sort());
    expect((await list('level=national')).meta.total).toBe(5);
    expect(idsOf(await list(`region=${regionKato}`)).sort()).toEqual(named('openRegion', 'answered').sort());
    expect(idsOf(await list(`region=${districtRegionKato}`))).toEqual(named('expired'));
    expect((await list(`region=${otherRegionKato}`)).meta.total).toBe(0);
    expect(idsOf(await list('addressee=maslikhat'))).toEqual(named('expired'));
    expect(idsOf(await list(`addressee=${ministryCode}`))).toEqual(named('reached'));
    expect(idsOf(await list(`addressee=${ministryCode.toLowerCase()}`))).toEqual(named('reached'));
    expect(idsOf(await list('addressee=ministry'))).toEqual(named('reached'));
    expect(idsOf(await list('addressee=GOV&status=rejected')).sort()).toEqual(named('rejectedTopic', 'rejectedOffensive').sort());
    const regional = (await list(`region=${regionKato}`)).data[0]!;
    expect(regional).toMatchObject({ level: 'region', region_kato: regionKato });
    expect((await list(`region=${districtRegionKato}`)).data[0]).toMatchObject({ level: 'district', region_kato: districtRegionKato });
  });

  it('searches the current title (case-insensitively, wildcards literal), never a hidden text', async () => {
    expect(idsOf(await list('q=BUS%20LANES'))).toEqual(named('answered'));
    expect(idsOf(await list(`q=${encodeURIComponent('"quotes"')}`))).toEqual(named('openGov'));
    expect((await list('q=%25%25%25')).meta.total).toBe(0);
    expect((await list('q=searchword')).meta.total).toBe(0);
    expect((await list('q=Hiddendraft')).meta.total).toBe(0);
  });

  it('filters by opening date (half-open range, Kazakhstan days)', async () => {
    expect(idsOf(await list('opened_before=2026-03-01'))).toEqual(named('expired'));
    expect(idsOf(await list('opened_after=2026-01-05&opened_before=2026-01-06'))).toEqual(named('expired'));
    expect((await list('opened_after=2026-01-06&opened_before=2026-03-02')).meta.total).toBe(0);
    // Rejected petitions never opened: a date filter leaves them out.
    expect((await list('opened_after=2026-01-01')).meta.total).toBe(PUBLIC.length - 2);
    expect(idsOf(await list('opened_after=2026-03-03T00:00:00%2B05:00&status=open'))).toEqual(named('openGov'));
  });

  it('sorts by signatures, newest and closing', async () => {
    const bySignatures = (await list('sort=signatures&per_page=100')).data;
    expect(bySignatures[0]!.id).toBe(ids.openRegion);
    for (let i = 1; i < bySignatures.length; i++) expect(bySignatures[i - 1]!.signatures.valid).toBeGreaterThanOrEqual(bySignatures[i]!.signatures.valid);
    expect(bySignatures.find((p) => p.id === ids.openRegion)!.signatures).toMatchObject({ valid: 3, under_review: 1 });
    const closing = idsOf(await list('sort=closing&per_page=100'));
    expect(closing.slice(0, 2)).toEqual(named('openRegion', 'openGov'));
    const newest = idsOf(await list('status=open'));
    expect(newest).toEqual(named('openGov', 'openRegion'));
  });

  it('paginates with meta, X-Total-Count and RFC 8288 Link headers', async () => {
    const seen: string[] = [];
    let url: string | null = `/api/v1/petitions?status=open,closed,answered,rejected&per_page=3`;
    let pages = 0;
    while (url) {
      const r = await get(url);
      const body = r.json as ListBody & { links: { next: string | null; last: string } };
      expect(r.headers.get('X-Total-Count')).toBe(String(PUBLIC.length));
      expect(body.meta).toMatchObject({ total: PUBLIC.length, pages: 3 });
      const links = Object.fromEntries([...(r.headers.get('Link') ?? '').matchAll(/<([^>]+)>; rel="(\w+)"/g)].map((m) => [m[2]!, m[1]!]));
      expect(links.first).toBe(`${PUBLIC_ORIGIN}/api/v1/petitions?status=open%2Cclosed%2Canswered%2Crejected&per_page=3&page=1`);
      expect(links.last).toContain('page=3');
      expect(links.next ?? null).toBe(body.links.next);
      if (pages > 0) expect(links.prev).toContain(`page=${pages}`);
      else expect(links.prev).toBeUndefined();
      seen.push(...idsOf(body));
      pages++;
      url = links.next ? links.next.replace(PUBLIC_ORIGIN, '') : null;
    }
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual(named(...PUBLIC).sort());
    const beyond = await list('page=9&per_page=3');
    expect(beyond.data).toEqual([]);
    expect(beyond.meta.total).toBe(PUBLIC.length);
  });
});

describe('a single petition', () => {
  it('has counts by region with names, the timeline without actor ids, and the answer', async () => {
    const r = await get(`/api/v1/petitions/${ids.answered}`);
    expect(r.status).toBe(200);
    const p = r.json as Record<string, unknown> & { timeline: { event: string; actor_role: string; milestone: unknown }[]; signatures_by_region: { region_kato: string; names: { kk: string; ru: string; en: string } | null; valid: number }[] };
    expect(p).toMatchObject({
      id: ids.answered,
      url: `${PUBLIC_ORIGIN}/petitions/${ids.answered}`,
      state: 'answered',
      level: 'region',
      addressee: { kind: 'akimat', local_body_id: regionBodyId, unit_kato: regionKato, code: null },
      response: { decision: 'partially-accepted', document_url: 'https://example.kz/answers/123.pdf' },
      rejection: null,
      threshold: { rule: 'akimat-level-1' },
    });
    expect(p.timeline.map((e) => e.event)).toEqual(['submit', 'initial-support-reached', 'approve', 'threshold-reached', 'register', 'answer', 'record-milestone']);
    expect(p.timeline.map((e) => e.actor_role)).toEqual(['author', 'system', 'moderator', 'system', 'addressee-officer', 'addressee-officer', 'addressee-officer']);
    expect(p.timeline.at(-1)!.milestone).toEqual({ text: 'First section marked.', progress_percent: 40 });

    const open = (await get(`/api/v1/petitions/${ids.openRegion}`)).json as typeof p;
    const [units1] = await db().select().from(units).where(eq(units.kato, regionKato));
    expect(open.signatures_by_region).toEqual([
      { region_kato: regionKato, names: { kk: units1!.nameKk, ru: units1!.nameRu, en: units1!.nameEn }, valid: 2 },
      { region_kato: otherRegionKato, names: expect.objectContaining({ ru: expect.any(String) as never }) as never, valid: 1 },
    ]);
  });

  it('is found by its public number too', async () => {
    const [row] = await db().select({ number: petitions.number }).from(petitions).where(eq(petitions.id, ids.reached!));
    const r = await get(`/api/v1/petitions/${row!.number}`);
    expect(r.status).toBe(200);
    expect((r.json as { id: string }).id).toBe(ids.reached);
  });

  it('hides the text of a petition rejected as offensive but gives its reason', async () => {
    const p = (await get(`/api/v1/petitions/${ids.rejectedOffensive}`)).json;
    expect(p).toMatchObject({ title: null, text: null, text_hash: null, text_hidden: true, rejection: { reason: 'offensive', topic_group: null } });
    expect(JSON.stringify(p)).not.toContain('searchword');
    expect((await get(`/api/v1/petitions/${ids.rejectedTopic}`)).json).toMatchObject({
      text_hidden: false,
      rejection: { reason: 'prohibited-topic', topic_group: 'language', note: 'Language policy is outside e-petitions.' },
    });
  });

  it('answers 404 (a localized problem) for non-public and unknown petitions', async () => {
    for (const id of [...hiddenIds, randomUUID(), '999999', 'not-an-id']) {
      const r = await get(`/api/v1/petitions/${id}?lng=en`);
      expect(r.status).toBe(404);
      expect(r.json).toMatchObject({ title: 'Petition not found', status: 404, type: `${PUBLIC_ORIGIN}/api/v1/openapi.json#/components/responses/NotFound` });
      expect(r.headers.get('Cache-Control')).toBe('no-store');
    }
  });
});

describe('CSV', () => {
  it('is UTF-8 with a BOM, a header row, RFC 4180 quoting, and the same data as the JSON', async () => {
    const json = (await list('per_page=100&sort=signatures')).data;
    for (const [path, headers] of [
      ['/api/v1/petitions?per_page=100&sort=signatures&format=csv', {}],
      ['/api/v1/petitions?per_page=100&sort=signatures', { Accept: 'text/csv' }],
    ] as const) {
      const r = await get(path, headers);
      expect(r.status).toBe(200);
      expect(r.headers.get('Content-Disposition')).toBe(`attachment; filename="${CSV_FILENAME}"`);
      expect([...r.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const [header, ...rows] = parseCsv(r.text.slice(1));
      expect(header).toEqual(CSV_HEADER);
      expect(rows).toHaveLength(json.length);
      const col = (row: string[], name: string) => row[header!.indexOf(name)];
      rows.forEach((row, i) => {
        const p = json[i]!;
        expect(col(row, 'id')).toBe(p.id);
        expect(col(row, 'number')).toBe(String(p.number));
        expect(col(row, 'state')).toBe(p.state);
        expect(col(row, 'signatures_valid')).toBe(String(p.signatures.valid));
        const title = p.title === null ? '' : /^[=+\-@\t\r]/.test(p.title) ? `'${p.title}` : p.title;
        expect(col(row, 'title')).toBe(title);
      });
      expect(r.text).toContain('"Open: ""Quotes"", commas, and a national reading programme"');
      expect(r.text).toContain(`'=Reached: free school meals nationwide`);
    }
  });
});

describe('problems', () => {
  it('answer 400 with every faulty parameter, localized by lng, then Accept-Language, else Kazakh', async () => {
    const r = await get('/api/v1/petitions?per_page=101&status=draft&bogus=1&lng=ru');
    expect(r.status).toBe(400);
    expect(r.headers.get('Content-Language')).toBe('ru');
    expect(r.json).toMatchObject({
      title: 'Неверные параметры запроса',
      status: 400,
      type: `${PUBLIC_ORIGIN}/api/v1/openapi.json#/components/responses/BadRequest`,
      instance: '/api/v1/petitions',
    });
    expect((r.json as { errors: { parameter: string; code: string }[] }).errors.map((e) => [e.parameter, e.code])).toEqual([
      ['bogus', 'unknown-parameter'],
      ['status', 'not-allowed'],
      ['per_page', 'out-of-range'],
    ]);
    const en = await get('/api/v1/petitions?page=0', { 'Accept-Language': 'en-US,en;q=0.9' });
    expect(en.json).toMatchObject({ title: 'Invalid query parameters', errors: [{ parameter: 'page', code: 'out-of-range', message: 'Must be from 1 to 100000.' }] });
    const kk = await get('/api/v1/petitions?sort=oldest');
    expect(kk.headers.get('Content-Language')).toBe('kk');
    expect(kk.json).toMatchObject({ title: 'Сұрау параметрлері қате' });
  });

  it('reports a region or body code unknown to the reference tables', async () => {
    const r = await get('/api/v1/petitions?region=999999999&addressee=NOPE&lng=en');
    expect(r.status).toBe(400);
    expect((r.json as { errors: { parameter: string; code: string }[] }).errors.map((e) => e.code)).toEqual(['unknown-region', 'unknown-addressee']);
    // A district's code is not a region.
    const d = await get(`/api/v1/petitions?region=${districtKato}`);
    expect(d.status).toBe(400);
  });

  it('refuses other methods with 405 and answers CORS preflights', async () => {
    const post = await fetch(`${app.url}/api/v1/petitions?lng=en`, { method: 'POST', headers: { Origin: app.url, 'Content-Type': 'application/json' }, body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('Allow')).toBe('GET, HEAD, OPTIONS');
    const body = (await post.json()) as unknown;
    assertValid('Problem', body);
    const pre = await fetch(`${app.url}/api/v1/petitions/${ids.openGov}`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://data.example.org', 'Access-Control-Request-Method': 'GET', 'Access-Control-Request-Headers': 'if-none-match' },
    });
    expect(pre.status).toBe(204);
    expect(pre.headers.get('Access-Control-Allow-Origin')).toBe('*');
    expect(pre.headers.get('Access-Control-Allow-Headers')).toContain('If-None-Match');
  });
});

describe('caching', () => {
  it('sends CDN-friendly headers and answers 304 to a matching If-None-Match', async () => {
    for (const path of ['/api/v1/petitions?status=open', '/api/v1/petitions?status=open&format=csv', `/api/v1/petitions/${ids.openGov}`, '/api/v1/openapi.json']) {
      const first = await get(path);
      expect(first.status).toBe(200);
      expect(first.headers.get('Cache-Control')).toBe(CACHE_CONTROL);
      const etag = first.headers.get('ETag')!;
      expect(etag).toMatch(/^W\/"[A-Za-z0-9_-]+"$/);
      const again = await get(path, { 'If-None-Match': etag });
      expect(again.status).toBe(304);
      expect(again.headers.get('ETag')).toBe(etag);
      expect(again.headers.get('Cache-Control')).toBe(CACHE_CONTROL);
      expect((await get(path, { 'If-None-Match': 'W/"something-else"' })).status).toBe(200);
    }
    // JSON and CSV of the same page are different representations.
    const a = (await get('/api/v1/petitions?status=open')).headers.get('ETag');
    const b = (await get('/api/v1/petitions?status=open&format=csv')).headers.get('ETag');
    expect(a).not.toBe(b);
    // HEAD: the same headers, no body.
    const head = await fetch(`${app.url}/api/v1/petitions?status=open`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('ETag')).toBe(a);
    expect(head.headers.get('Link')).toContain('rel="first"');
    expect(await head.text()).toBe('');
  });

  it('keeps the ETag when only the counts stamp moves, and changes it when a count changes', async () => {
    const path = `/api/v1/petitions/${ids.openGov}`;
    const before = await get(path);
    const etag = before.headers.get('ETag')!;
    clock.set('2026-07-07T06:00:00Z');
    await recountFromSignatures(deps(), [ids.openGov!]);
    const stamped = await get(path);
    expect((stamped.json as { signatures: { counted_at: string } }).signatures.counted_at).not.toBe((before.json as { signatures: { counted_at: string } }).signatures.counted_at);
    expect(stamped.headers.get('ETag')).toBe(etag);
    expect((await get(path, { 'If-None-Match': etag })).status).toBe(304);
    await sign(ids.openGov!, regionKato);
    const changed = await get(path, { 'If-None-Match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('ETag')).not.toBe(etag);
    expect((changed.json as { signatures: { valid: number } }).signatures.valid).toBe(2);
  });
});

describe('the OpenAPI document', () => {
  it('is served at /api/v1/openapi.json under the public origin', async () => {
    const r = await get('/api/v1/openapi.json');
    expect(r.status).toBe(200);
    expect(r.json).toEqual(openApiDocument(PUBLIC_ORIGIN));
    expect((r.json as { servers: { url: string }[] }).servers[0]!.url).toBe(`${PUBLIC_ORIGIN}/api/v1`);
  });
});
