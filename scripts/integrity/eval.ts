/**
 * Evaluation of the integrity checks through the real pipeline.
 *
 *   npm run eval:integrity [-- --small] [-- --seed 42] [-- --scale 1] [-- --concurrency 4]
 *
 * 1. Generates the labelled synthetic traffic of scenarios.ts (a legitimate viral surge, a bot farm
 *    on one network, a device farm, an account-creation wave, a lockstep ring, a workplace terminal,
 *    a slow drip under the rate limits, and the same drip through residential proxies).
 * 2. Creates a fresh PostgreSQL database (TEST_DATABASE_ADMIN_URL or postgres@127.0.0.1:5432),
 *    applies the migrations and loads the reference data.
 * 3. Writes the traffic as the signing transaction does: citizens, passkeys and petitions, then
 *    each signature with its count event and its `signature.recorded` outbox message.
 * 4. Runs the outbox relay and the BullMQ workers (the same code as `npm run start:workers`) on a
 *    private Redis key prefix until every signature is screened and every group re-scoring is done,
 *    then reconciles the counts.
 * 5. Prints precision, recall and false-positive rate per scenario from what the pipeline did: a
 *    signature counts as flagged when it is held under review. "at screening" is the worker's own
 *    decision on the signature; "+ groups" adds the signatures held by group re-scoring.
 * 6. Drops the database and deletes the Redis keys (also on failure).
 *
 * The traffic is written before the workers start, so each signature is screened as of
 * signedAt + evaluation.graceSeconds with everything recorded up to then (the worker's clock is
 * past that), exactly as a worker that screens a signature after the grace would. --small scales
 * the organic traffic down (attacks keep their sizes) to run in CI in about a minute.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { count, eq, inArray, sql } from 'drizzle-orm';
import { Redis } from 'ioredis';
import postgres from 'postgres';
import { openDatabase, type Db, type DbHandle } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { accounts, citizens, governmentBodies, outbox, passkeys, petitionCounts, petitions, petitionVersions, signatureAssessments, signatures } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import type { RiskAssessment } from '../../app/domain/integrity';
import { relayOutbox } from '../../app/domain/outbox/outbox.server';
import { silentLogger, systemClock, type Logger } from '../../app/domain/shared/deps';
import { reconcileCounts } from '../../app/domain/signatures/counts.server';
import { bullmqPublisher, closeQueues, createQueues } from '../../app/services/queue.server';
import { startWorkers } from '../../workers/runtime';
import { printSignalRates, printTable, scenarioMetrics, type EvaluationRun } from './offline-eval';
import { generateTraffic, type GeneratedTraffic, type LabelledSignature } from './scenarios';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const say = (line: string) => process.stdout.write(`${line}\n`);
const hash = (s: string) => createHash('sha256').update(s).digest('hex');
const seconds = (t0: number) => ((performance.now() - t0) / 1000).toFixed(1);

function databaseUrl(name: string): string {
  const u = new URL(ADMIN_URL);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin<T>(fn: (s: postgres.Sql) => Promise<T>): Promise<T> {
  const s = postgres(ADMIN_URL, { max: 1, onnotice: () => {} });
  try {
    return await fn(s);
  } finally {
    await s.end({ timeout: 5 });
  }
}

async function insertInChunks<T>(rows: readonly T[], size: number, insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += size) await insert(rows.slice(i, i + size));
}

/** Writes the traffic as the portal would have recorded it. Returns database id → traffic id. */
async function load(db: Db, traffic: GeneratedTraffic): Promise<Map<string, LabelledSignature>> {
  const [gov] = await db.select({ code: governmentBodies.code }).from(governmentBodies).limit(1);
  if (!gov) throw new Error('reference data has no government body');

  // Citizens (an account, a proofed citizen) and their passkeys (one per registration time).
  const citizenIds = new Map<string, string>();
  const passkeyIds = new Map<string, string>();
  const accountRows: (typeof accounts.$inferInsert)[] = [];
  const citizenRows: (typeof citizens.$inferInsert)[] = [];
  const passkeyRows: (typeof passkeys.$inferInsert)[] = [];
  for (const e of traffic.events) {
    let accountId = citizenIds.get(e.citizenId);
    if (!accountId) {
      accountId = randomUUID();
      citizenIds.set(e.citizenId, accountId);
      accountRows.push({ id: accountId, kind: 'citizen', displayName: 'Synthetic C.', createdAt: e.accountCreatedAt });
      citizenRows.push({
        accountId,
        iinHmac: hash(`eval|${e.citizenId}`),
        iinKeyVersion: 1,
        givenName: 'Synthetic',
        familyName: 'Citizen',
        birthYear: 1980,
        adultOn: '1998-01-01',
        sex: 'F',
        residenceKato: e.regionKato ?? '710000000',
        residenceUnitKato: e.regionKato ?? '710000000',
        proofingMethod: 'demo',
        proofedAt: e.proofedAt,
      });
    }
    const pk = `${e.citizenId}|${e.passkeyCreatedAt.getTime()}|${e.aaguid ?? ''}`;
    if (!passkeyIds.has(pk)) {
      const id = randomUUID();
      passkeyIds.set(pk, id);
      passkeyRows.push({ id, accountId, credentialId: randomBytes(16).toString('base64url'), publicKey: 'synthetic', aaguid: e.aaguid, name: 'synthetic', createdAt: e.passkeyCreatedAt });
    }
  }
  await insertInChunks(accountRows, 2000, (c) => db.insert(accounts).values(c));
  await insertInChunks(citizenRows, 2000, (c) => db.insert(citizens).values(c));
  await insertInChunks(passkeyRows, 2000, (c) => db.insert(passkeys).values(c));

  // Petitions: open national petitions (anyone may sign), one version each.
  const authorId = accountRows[0]!.id!;
  const petitionIds = new Map<string, { id: string; versionId: string; textHash: string }>();
  for (const p of traffic.petitions) {
    const id = randomUUID();
    const versionId = randomUUID();
    const textHash = hash(`petition ${p.id}`);
    const opened = new Date(traffic.startAt.getTime() - 7 * 86_400_000);
    await db.insert(petitions).values({
      id,
      authorAccountId: authorId,
      addresseeKind: 'government',
      addresseeBodyCode: gov.code,
      topic: 'other',
      state: 'open',
      initialSupportRequired: 50,
      thresholdRequired: 1_000_000,
      thresholdRule: 'government',
      createdAt: opened,
      publishedAt: opened,
      openedAt: opened,
      closesAt: new Date(traffic.endAt.getTime() + 90 * 86_400_000),
    });
    await db.insert(petitionVersions).values({ id: versionId, petitionId: id, version: 1, title: `Synthetic petition ${p.id}`, body: `Synthetic petition ${p.id} of the integrity evaluation.`, textHash });
    await db.update(petitions).set({ currentVersionId: versionId }).where(eq(petitions.id, id));
    petitionIds.set(p.id, { id, versionId, textHash });
  }

  // Signatures in time order, each with its count event and outbox message (as signPetition writes them).
  const byDbId = new Map<string, LabelledSignature>();
  const rows: (typeof signatures.$inferInsert)[] = [];
  for (const e of traffic.events) {
    const p = petitionIds.get(e.petitionId)!;
    const id = randomUUID();
    byDbId.set(id, e);
    const region = e.regionKato ?? '710000000';
    rows.push({
      id,
      petitionId: p.id,
      versionId: p.versionId,
      accountId: citizenIds.get(e.citizenId)!,
      signerKey: hash(`eval|${e.citizenId}`),
      regionKato: region,
      unitKato: region,
      signedAt: e.signedAt,
      passkeyId: passkeyIds.get(`${e.citizenId}|${e.passkeyCreatedAt.getTime()}|${e.aaguid ?? ''}`)!,
      credentialId: 'synthetic',
      challenge: 'synthetic',
      nonce: 'synthetic',
      textHash: p.textHash,
      authenticatorData: 'synthetic',
      clientDataJson: 'synthetic',
      signature: 'synthetic',
      rpId: 'localhost',
      origin: 'http://localhost',
      ip: e.ip,
      userAgent: e.userAgent,
      deviceId: e.deviceId,
      aaguid: e.aaguid,
    });
  }
  await insertInChunks(rows, 1000, async (chunk) => {
    await db.transaction(async (tx) => {
      await tx.insert(signatures).values(chunk);
      await tx.execute(sql`insert into signature_count_events (petition_id, region_kato, valid_delta)
        select petition_id, region_kato, 1 from signatures where id in (${sql.join(
          chunk.map((r) => sql`${r.id}`),
          sql`, `,
        )})`);
      await tx.insert(outbox).values(chunk.map((r) => ({ topic: 'signature.recorded', payload: { signatureId: r.id } })));
    });
  });
  return byDbId;
}

/** The pipeline's work is done: nothing left in the outbox or the queue, every signature assessed. */
async function drained(db: Db, redisQueues: ReturnType<typeof createQueues>, total: number): Promise<{ done: boolean; assessed: number }> {
  const [{ n: assessed } = { n: 0 }] = await db.select({ n: count() }).from(signatureAssessments);
  const [{ n: unpublished } = { n: 0 }] = await db.select({ n: count() }).from(outbox).where(sql`${outbox.publishedAt} is null`);
  const c = await redisQueues.signatures.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
  const pending = Object.values(c).reduce((a, b) => a + b, 0);
  return { done: Number(assessed) >= total && Number(unpublished) === 0 && pending === 0, assessed: Number(assessed) };
}

async function deleteKeys(prefix: string): Promise<void> {
  const r = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await r.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await r.del(...keys);
    } while (cursor !== '0');
  } finally {
    r.disconnect();
  }
}

async function main(): Promise<void> {
  const small = process.argv.includes('--small');
  const seed = Number(arg('seed') ?? 42);
  const scale = Number(arg('scale') ?? (small ? 0.1 : 1));
  const concurrency = Number(arg('concurrency') ?? 6);
  const started = performance.now();
  const traffic = generateTraffic({ seed, scale });
  say(`Integrity evaluation through the pipeline: seed ${seed}, scale ${scale}${small ? ' (small)' : ''}, ${traffic.events.length} signatures, ${traffic.petitions.length} petitions`);

  const name = `dauys_eval_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const prefix = `dauys_eval_${randomBytes(4).toString('hex')}`;
  let handle: DbHandle | undefined;
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queues = createQueues(connection, prefix);
  let workers: ReturnType<typeof startWorkers> | undefined;
  let relayTimer: NodeJS.Timeout | undefined;
  let relaying: Promise<unknown> | undefined;
  // Interrupted: stop, and let the cleanup below run.
  let interrupted = false;
  const stop = () => {
    if (interrupted) process.exit(130);
    interrupted = true;
    say('  interrupted: cleaning up');
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  try {
    await admin((s) => s.unsafe(`create database "${name}"`));
    handle = openDatabase({ databaseUrl: databaseUrl(name), maxConnections: concurrency + 4 });
    const db = handle.db;
    let t0 = performance.now();
    await runMigrations(handle);
    await seedReferenceData(db);
    say(`  database ${name}: migrated and seeded in ${seconds(t0)} s`);
    t0 = performance.now();
    const byDbId = await load(db, traffic);
    say(`  traffic written (citizens, passkeys, petitions, signatures + count events + outbox) in ${seconds(t0)} s`);

    // The outbox relay and the workers, as `npm run start:workers` runs them.
    t0 = performance.now();
    const log: Logger = { ...silentLogger, error: (o, m) => process.stderr.write(`${m ?? ''} ${JSON.stringify(o)}\n`) };
    const publish = bullmqPublisher(queues);
    relayTimer = setInterval(() => {
      relaying ??= relayOutbox(db, publish, { batchSize: 1000, maxBatches: 5 })
        .catch((err: unknown) => process.stderr.write(`relay: ${String(err)}\n`))
        .finally(() => {
          relaying = undefined;
        });
    }, 100);
    workers = startWorkers({ connection, prefix, log, concurrency, ctx: { deps: { db, clock: systemClock, log: silentLogger }, mailer: { baseUrl: 'http://localhost', send: async () => 'none' } } });
    let lastReport = performance.now();
    for (;;) {
      const state = await drained(db, queues, byDbId.size);
      if (state.done) break;
      if (interrupted) throw new Error('interrupted');
      if (performance.now() - lastReport > 15_000) {
        say(`  … ${state.assessed} / ${byDbId.size} screened (${seconds(t0)} s)`);
        lastReport = performance.now();
      }
      await new Promise((r) => setTimeout(r, 250));
    }
    const failed = await queues.signatures.getJobCounts('failed');
    say(`  screened ${byDbId.size} signatures (and group re-scoring) in ${seconds(t0)} s; failed jobs: ${failed.failed ?? 0}`);
    await reconcileCounts({ db, clock: systemClock });

    // What the pipeline did.
    const ids = [...byDbId.keys()];
    const assessments = new Map<string, RiskAssessment>();
    const rescored = new Map<string, RiskAssessment>();
    for (let i = 0; i < ids.length; i += 5000) {
      const chunk = ids.slice(i, i + 5000);
      const rows = await db
        .select({ id: signatures.id, status: signatures.status, decision: signatureAssessments.decision, signals: signatureAssessments.signals, explanation: signatureAssessments.explanation })
        .from(signatures)
        .leftJoin(signatureAssessments, eq(signatureAssessments.signatureId, signatures.id))
        .where(inArray(signatures.id, chunk));
      for (const r of rows) {
        const e = byDbId.get(r.id)!;
        const byGroup = Array.isArray(r.explanation) && (r.explanation as { key?: string }[]).some((x) => x.key === 'integrity.explain.groupEvidence');
        const held = r.status === 'under_review';
        const signals = (Array.isArray(r.signals) ? r.signals : []) as RiskAssessment['signals'];
        assessments.set(e.signatureId, { decision: held && !byGroup ? 'review' : 'count', signals } as RiskAssessment);
        rescored.set(e.signatureId, { decision: held ? 'review' : 'count', signals } as RiskAssessment);
      }
    }
    const run: EvaluationRun = { assessments, rescored, seconds: (performance.now() - t0) / 1000 };
    const metrics = scenarioMetrics(traffic, run);
    const held = [...rescored.values()].filter((a) => a.decision === 'review').length;
    const [counted] = await db.select({ valid: sql<number>`coalesce(sum(${petitionCounts.valid}), 0)::int`, underReview: sql<number>`coalesce(sum(${petitionCounts.underReview}), 0)::int` }).from(petitionCounts);
    say(`  counts after reconciliation: ${counted?.valid ?? 0} counted, ${counted?.underReview ?? 0} under review (held: ${held})\n`);
    say('Flagged = held under review by the pipeline. P = precision, R = recall, FPR = false-positive rate.');
    say('"@sign": the worker’s own decision on each signature; "+groups": with the signatures group re-scoring held.\n');
    printTable(metrics);
    printSignalRates(metrics, 'as stored, group evidence included');
    say(`\nTotal ${seconds(started)} s.`);
  } finally {
    if (relayTimer) clearInterval(relayTimer);
    await relaying;
    await workers?.close();
    await closeQueues(queues);
    connection.disconnect();
    await deleteKeys(prefix);
    await handle?.close();
    await admin((s) => s.unsafe(`drop database if exists "${name}" with (force)`)).catch((err: unknown) => process.stderr.write(`could not drop ${name}: ${String(err)}\n`));
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exit(1);
  },
);
