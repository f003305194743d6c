/**
 * `npm run bench:sign`: drives the full signing path — HTTP, session, CSRF, signing challenge,
 * passkey assertion verification, one transaction (signature + evidence + count event + outbox) —
 * against the production build running as separate web processes on PostgreSQL, and prints the
 * sustained signatures per second and latency percentiles. A benchmark, not a test: it asserts
 * nothing but prints the figures (and checks the reconciled count at the end).
 *
 * Options: --signers 40000 --history 4000 --runs 3 --seconds 20 --concurrency 64 --web 2 --pool 10
 * Needs: npm run build; PostgreSQL (TEST_DATABASE_ADMIN_URL or postgres://postgres@127.0.0.1:5432/postgres); Redis.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { eq, sql } from 'drizzle-orm';
import { openDatabase } from '../db/client';
import { runMigrations } from '../db/migrate';
import { petitions, sessions as sessionsTable, signatures } from '../db/schema';
import { seedReferenceData } from '../db/seed';
import { createPetition } from '../app/domain/petitions/petitions.server';
import { getCounts, reconcileCounts } from '../app/domain/signatures/counts.server';
import { silentLogger, systemClock } from '../app/domain/shared/deps';
import { DEFAULT_TIMINGS, type IdentityConfig } from '../app/domain/identity/config';
import { bulkCitizens, type FixtureCitizen } from '../tests/support/fixtures';
import { databaseUrl, uniqueName, withAdmin } from '../tests/support/pg';

const { values } = parseArgs({
  options: {
    signers: { type: 'string', default: '40000' },
    concurrency: { type: 'string', default: '64' },
    web: { type: 'string', default: '2' },
    seconds: { type: 'string', default: '20' },
    /** Timed runs, each on a new petition with the same signers; the figures' median is printed last. */
    runs: { type: 'string', default: '3' },
    /** Signatures given to an earlier petition first (through the same path), so the timed run meets a live database. */
    history: { type: 'string', default: '4000' },
    /** PostgreSQL connections per web process (DATABASE_POOL_SIZE). */
    pool: { type: 'string', default: '10' },
    /** Write a V8 CPU profile of each web process into this folder. */
    profile: { type: 'string' },
  },
});
const SIGNERS = Number(values.signers);
const CONCURRENCY = Number(values.concurrency);
const WEB = Number(values.web);
const SECONDS = Number(values.seconds);
const HISTORY = Number(values.history);
const RUNS = Number(values.runs);
const ORIGIN = 'http://localhost:3999';
const KEY = Buffer.from('bench-only-iin-hmac-key-of-32-bytes!!').toString('base64url');

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux; 0 when unreadable). */
function processCpuMs(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name, in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** Machine CPU counters (jiffies) from /proc/stat: all, and stolen by the hypervisor (Linux; zeros elsewhere). */
function machineCpu(): { total: number; steal: number } {
  try {
    const f = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    return { total: f.slice(0, 8).reduce((a, b) => a + b, 0), steal: f[7] ?? 0 };
  } catch {
    return { total: 0, steal: 0 };
  }
}

const load = () => loadavg().map((x) => x.toFixed(2)).join(' ');

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/healthz`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`web process at ${url} did not start`);
}

async function main() {
  const name = uniqueName('dauys_bench');
  await withAdmin((s) => s.unsafe(`create database "${name}"`));
  const url = databaseUrl(name);
  const handle = openDatabase({ databaseUrl: url, maxConnections: 4 });
  const children: ChildProcess[] = [];
  // node:http with keep-alive connections: the client's own cost per request is a fraction of fetch's,
  // leaving more of the shared cores to the server being measured.
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    await runMigrations(handle);
    await seedReferenceData(handle.db);
    const cfg: IdentityConfig = {
      iinKeys: { current: { version: 1, secret: Buffer.from(KEY, 'base64url') }, previous: [] },
      rpId: 'localhost',
      rpName: 'Dauys',
      origins: [ORIGIN],
      ...DEFAULT_TIMINGS,
    };
    const t0 = Date.now();
    const citizens: FixtureCitizen[] = await bulkCitizens(handle.db, cfg, SIGNERS + 1, {
      origin: ORIGIN,
      residenceUnitKato: (i) => ['711110000', '751310000', '101000000', '111000000', '151000000'][i % 5]!,
    });
    console.log(`prepared ${SIGNERS} citizens with passkeys and sessions in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const deps = { db: handle.db, clock: systemClock, log: silentLogger };
    const open = async (title: string) => {
      const created = await createPetition(deps, citizens[SIGNERS]!.actor, {
        title,
        body: 'A petition used only by the signing benchmark. It asks for safer crossings near every school, with lights and speed bumps.',
        addresseeKind: 'government',
        topic: 'roads',
      });
      if (created.kind !== 'created') throw new Error('petition not created');
      await handle.db.update(petitions).set({ state: 'open', openedAt: new Date(), closesAt: new Date(Date.now() + 86_400_000), thresholdRequired: 1_000_000 }).where(eq(petitions.id, created.id));
      return created;
    };
    const earlier = await open('Benchmark petition: lit pedestrian crossings');

    const ports = await Promise.all(Array.from({ length: WEB }, freePort));
    for (const port of ports) {
      const profiling = values.profile ? ['--cpu-prof', `--cpu-prof-dir=${values.profile}`] : [];
      const child = spawn(process.execPath, [...profiling, ...(process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', 'scripts/web.ts'], {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          DATABASE_URL: url,
          DATABASE_POOL_SIZE: values.pool,
          PORT: String(port),
          HOST: '127.0.0.1',
          PUBLIC_ORIGIN: ORIGIN,
          IIN_HMAC_KEY: KEY,
          IIN_HMAC_KEY_VERSION: '1',
          IDENTITY_PROVIDERS: 'oidc',
          OIDC_ISSUER: 'https://idp.invalid',
          OIDC_CLIENT_ID: 'bench',
          OIDC_CLIENT_SECRET: 'bench',
          LOG_LEVEL: 'warn',
          REDIS_PREFIX: `${name}`,
        },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      children.push(child);
    }
    const bases = ports.map((p) => `http://127.0.0.1:${p}`);
    await Promise.all(bases.map(waitReady));
    console.log(`${WEB} web process(es) ready; ${CONCURRENCY} concurrent signers for up to ${SECONDS} s`);

    const csrf = 'bench-csrf-token-0123456789abcdefghijklmnopq';
    const devices = new Map<string, string>();
    const deviceOf = (token: string) => {
      let id = devices.get(token);
      if (!id) devices.set(token, (id = randomBytes(18).toString('base64url')));
      return id;
    };
    const urls = new Map(bases.map((b) => [b, new URL(b)]));
    const post = (base: string, path: string, token: string, body: unknown) =>
      new Promise<{ status: number; json: Record<string, unknown> }>((resolve, reject) => {
        const payload = JSON.stringify(body);
        const url = urls.get(base)!;
        const req = request(
          {
            host: url.hostname,
            port: url.port,
            path,
            method: 'POST',
            agent,
            headers: {
              'Content-Type': 'application/json',
              'Content-Length': Buffer.byteLength(payload),
              'X-CSRF-Token': csrf,
              // As a browser that has been here before sends them: session, CSRF token, its device id.
              Cookie: `dauys_session=${token}; dauys_csrf=${csrf}; dauys_device=${deviceOf(token)}`,
              Origin: base,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on('data', (c: Buffer) => chunks.push(c));
            res.on('end', () => {
              try {
                resolve({ status: res.statusCode ?? 0, json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown> });
              } catch (err) {
                reject(err instanceof Error ? err : new Error(String(err)));
              }
            });
            res.on('error', reject);
          },
        );
        req.on('error', reject);
        req.end(payload);
      });

    // A live database, not an empty one: part of the signers first sign an earlier petition through
    // the same path (not timed), then statistics are gathered as autovacuum would. Against empty
    // tables PostgreSQL plans the statements as scans and keeps those plans until its statistics
    // change (autovacuum's first analyze, up to a minute later), which a 30 s run would measure.
    // (The last signers: the timed runs take them last, so no one asks for more challenges than
    // the per-citizen limit allows, 3 a minute.)
    const history = citizens.slice(Math.max(0, SIGNERS - HISTORY), SIGNERS);
    let cursor = 0;
    const t1 = Date.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async (_, w) => {
        const base = bases[w % bases.length]!;
        while (cursor < history.length) {
          const c = history[cursor++]!;
          const o = await post(base, `/api/petitions/${earlier.id}/sign/options`, c.sessionToken, {});
          if (o.status === 200) await post(base, `/api/petitions/${earlier.id}/sign/verify`, c.sessionToken, { response: c.authenticator.getAssertion(o.json.options as never) });
        }
      }),
    );
    await reconcileCounts(deps);
    await handle.db.execute(sql`vacuum analyze`);
    console.log(`${history.length} signatures on an earlier petition in ${((Date.now() - t1) / 1000).toFixed(1)} s, then vacuum analyze`);

    // CPU accounting over each timed window: this client, each web process, and the PostgreSQL
    // backends serving the benchmark database (less sensitive to other load than wall-clock figures).
    const backendPids = async () =>
      ((await withAdmin((s) => s`select pid from pg_stat_activity where datname = ${name}`)) as unknown as { pid: number }[]).map((r) => r.pid);
    const fmt = (x: number) => x.toFixed(1);

    /**
     * One timed window on a new petition. The runs take signers from one cursor, so a citizen signs
     * in one run only: each asks for one challenge, as the per-citizen attempt limit expects.
     */
    let next = 0;
    const timedRun = async (run: number) => {
      const petition = await open(`Benchmark petition ${run}: safer roads near schools`);
      // Signers arrive from the petition page, whose request refreshed their session's last-seen
      // time (sessions are touched at most once a minute): so do these sessions, or the signing
      // requests would also pay that touch once the fixture is a minute old.
      await handle.db.update(sessionsTable).set({ lastSeenAt: new Date() });
      const latencies: number[] = [];
      const verifyLatencies: number[] = [];
      let failures = 0;
      const pgBefore = new Map((await backendPids()).map((pid) => [pid, processCpuMs(pid)]));
      const webBefore = children.map((c) => processCpuMs(c.pid));
      const loadBefore = load();
      const machineBefore = machineCpu();
      const clientBefore = process.cpuUsage();
      const deadline = Date.now() + SECONDS * 1000;
      const start = Date.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async (_, w) => {
          const base = bases[w % bases.length]!;
          while (Date.now() < deadline && next < SIGNERS) {
            const c = citizens[next++]!;
            const t = performance.now();
            const o = await post(base, `/api/petitions/${petition.id}/sign/options`, c.sessionToken, {});
            if (o.status !== 200) {
              failures++;
              continue;
            }
            const response = c.authenticator.getAssertion(o.json.options as never);
            const tv = performance.now();
            const v = await post(base, `/api/petitions/${petition.id}/sign/verify`, c.sessionToken, { response });
            const end = performance.now();
            if (v.status !== 200) failures++;
            else {
              latencies.push(end - t);
              verifyLatencies.push(end - tv);
            }
          }
        }),
      );
      const elapsed = (Date.now() - start) / 1000;
      const clientCpu = process.cpuUsage(clientBefore);
      const clientMs = (clientCpu.user + clientCpu.system) / 1000;
      const webMs = children.reduce((sum, c, i) => sum + processCpuMs(c.pid) - webBefore[i]!, 0);
      const pgMs = (await backendPids()).reduce((sum, pid) => sum + processCpuMs(pid) - (pgBefore.get(pid) ?? 0), 0);
      const loadAfter = load();
      const machineAfter = machineCpu();
      const stolen = machineAfter.total > machineBefore.total ? (100 * (machineAfter.steal - machineBefore.steal)) / (machineAfter.total - machineBefore.total) : 0;
      latencies.sort((a, b) => a - b);
      verifyLatencies.sort((a, b) => a - b);
      const rec = await reconcileCounts(deps);
      const counts = await getCounts(deps, petition.id);
      const [{ n }] = (await handle.db.select({ n: sql<number>`count(*)::int` }).from(signatures).where(eq(signatures.petitionId, petition.id))) as [{ n: number }];
      const perSignature = (ms: number) => ms / Math.max(1, latencies.length);
      const per = (ms: number) => `${perSignature(ms).toFixed(2)} ms/signature (${((ms / 1000 / elapsed) * 100).toFixed(0)} % of a core)`;
      console.log('');
      console.log(`run ${run} of ${RUNS}`);
      console.log(`  signatures recorded      ${latencies.length} in ${fmt(elapsed)} s (failures: ${failures})`);
      console.log(`  sustained throughput     ${fmt(latencies.length / elapsed)} signatures/s`);
      console.log(`  latency, whole signing   p50 ${fmt(percentile(latencies, 50))} ms   p95 ${fmt(percentile(latencies, 95))} ms   p99 ${fmt(percentile(latencies, 99))} ms`);
      console.log(`  latency, signing action  p50 ${fmt(percentile(verifyLatencies, 50))} ms   p95 ${fmt(percentile(verifyLatencies, 95))} ms   p99 ${fmt(percentile(verifyLatencies, 99))} ms`);
      console.log(`  CPU, web processes       ${per(webMs)}`);
      console.log(`  CPU, PostgreSQL backends ${per(pgMs)}`);
      console.log(`  CPU, benchmark client    ${per(clientMs)}`);
      console.log(`  load average             before ${loadBefore}   after ${loadAfter}`);
      console.log(`  CPU stolen by the host   ${stolen.toFixed(1)} % of the machine's CPU time (virtual machines)`);
      console.log(`  reconciled               ${rec.events} events -> count ${counts?.valid} (rows ${n})`);
      return {
        throughput: latencies.length / elapsed,
        p50: percentile(latencies, 50),
        p95: percentile(latencies, 95),
        p99: percentile(latencies, 99),
        cpu: perSignature(webMs) + perSignature(pgMs) + perSignature(clientMs),
      };
    };

    const runs = [];
    for (let run = 1; run <= RUNS; run++) runs.push(await timedRun(run));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
    console.log('');
    console.log('bench:sign — full signing path (options + passkey assertion + verify/record)');
    console.log(`  runs                     ${runs.map((r) => `${fmt(r.throughput)}/s (p99 ${fmt(r.p99)} ms)`).join(', ')}`);
    console.log(`  median throughput        ${fmt(median(runs.map((r) => r.throughput)))} signatures/s`);
    console.log(`  median latency           p50 ${fmt(median(runs.map((r) => r.p50)))} ms   p95 ${fmt(median(runs.map((r) => r.p95)))} ms   p99 ${fmt(median(runs.map((r) => r.p99)))} ms`);
    console.log(`  median CPU per signature ${median(runs.map((r) => r.cpu)).toFixed(2)} ms (web + PostgreSQL + client)`);
    console.log(`  database                 ${history.length} earlier signatures and challenges, analyzed before the first run`);
    console.log(`  setup                    ${WEB} web process(es) with ${values.pool} PostgreSQL connections each, concurrency ${CONCURRENCY}, ${SECONDS} s per run, machine cores: ${cpus().length}`);
  } finally {
    for (const c of children) c.kill('SIGTERM');
    agent.destroy();
    await handle.close();
    await new Promise((r) => setTimeout(r, 500));
    await withAdmin((s) => s.unsafe(`drop database if exists "${name}" with (force)`));
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
