import { and, eq, isNull, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { petitions, signatures } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import { createPetition } from '../../app/domain/petitions/petitions.server';
import { getCounts, reconcileCounts } from '../../app/domain/signatures/counts.server';
import { silentLogger, systemClock } from '../../app/domain/shared/deps';
import { getIdentityConfig } from '../../app/services/identity.server';
import { PUBLIC_ORIGIN, startTestApp, type TestApp } from '../support/app';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { bulkCitizens, type FixtureCitizen } from '../support/fixtures';

const N = 2000;
const REGIONS = ['711110000', '751310000', '101000000', '111000000', '151000000', '191000000', '231000000', '271000000', '311000000', '331000000'];

let tdb: TestDatabase;
let app: TestApp;
let citizens: FixtureCitizen[];
let petitionId: string;
const db = () => tdb.handle.db;

beforeAll(async () => {
  tdb = await createTestDatabase({ maxConnections: 10 });
  await seedReferenceData(db());
  app = await startTestApp(tdb.handle);
  const known = new Set(
    ((await db().execute(sql`select kato from units`).then((r) => (Array.isArray(r) ? r : (r as { rows: unknown[] }).rows))) as { kato: string }[]).map((u) => u.kato),
  );
  const residences = REGIONS.filter((k) => known.has(k));
  expect(residences.length).toBeGreaterThanOrEqual(4);
  citizens = await bulkCitizens(db(), getIdentityConfig(), N + 1, { origin: PUBLIC_ORIGIN, residenceUnitKato: (i) => residences[i % residences.length]! });
  const created = await createPetition(
    { db: db(), clock: systemClock, log: silentLogger },
    citizens[N]!.actor,
    { title: 'Free public transport for schoolchildren', body: 'Every schoolchild in Kazakhstan should ride city buses for free on school days, financed from the national budget.', addresseeKind: 'government', topic: 'roads' },
  );
  if (created.kind !== 'created') throw new Error('petition not created');
  petitionId = created.id;
  // Open for signatures directly: initial support and moderation are covered by signing.test.ts.
  await db().update(petitions).set({ state: 'open', openedAt: new Date(), closesAt: new Date(Date.now() + 86_400_000), thresholdRequired: 50_000 }).where(eq(petitions.id, petitionId));
}, 240_000);

afterAll(async () => {
  await app.close();
  await tdb.drop();
});

async function post(path: string, token: string, csrf: string, body: unknown) {
  const res = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf, Cookie: `dauys_session=${token}; dauys_csrf=${csrf}`, Origin: app.url },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe('a surge of signatures', () => {
  it(`${N} concurrent signing requests from ${N} citizens give exactly ${N} signatures and a reconciled count of ${N}`, async () => {
    const csrf = 'surge-test-csrf-token-0123456789abcdefghijklmno';
    const signers = citizens.slice(0, N);
    const options = await Promise.all(signers.map((c) => post(`/api/petitions/${petitionId}/sign/options`, c.sessionToken, csrf, {})));
    expect(options.filter((o) => o.status !== 200)).toEqual([]);
    // All signing actions at once.
    const results = await Promise.all(
      signers.map((c, i) => post(`/api/petitions/${petitionId}/sign/verify`, c.sessionToken, csrf, { response: c.authenticator.getAssertion(options[i]!.json.options as never) })),
    );
    const failures = results.filter((r) => r.status !== 200);
    expect(failures.slice(0, 3)).toEqual([]);

    const [{ n }] = (await db().select({ n: sql<number>`count(*)::int` }).from(signatures).where(and(eq(signatures.petitionId, petitionId), isNull(signatures.withdrawnAt)))) as [{ n: number }];
    expect(Number(n)).toBe(N);
    const distinct = await db().select({ n: sql<number>`count(distinct ${signatures.signerKey})::int` }).from(signatures).where(eq(signatures.petitionId, petitionId));
    expect(Number(distinct[0]!.n)).toBe(N);

    const reconciled = await reconcileCounts({ db: db(), clock: systemClock });
    expect(reconciled.events).toBe(N);
    const counts = await getCounts({ db: db() }, petitionId);
    expect(counts!.valid).toBe(N);
    expect(counts!.byRegion.reduce((s, r) => s + r.valid, 0)).toBe(N);
    expect(counts!.byRegion.length).toBeGreaterThanOrEqual(4);
  }, 300_000);
});
