/**
 * `npm start`: the whole portal in one process for a local run. Finds or starts Redis, builds the
 * app if its sources changed, migrates and seeds the database (embedded PGlite unless DATABASE_URL
 * is set), then serves web + workers + outbox relay on PORT (3000) until SIGINT/SIGTERM.
 */
import { seedDemoPetitions } from '../app/domain/demo/petitions.server';
import { seedDemoReports } from '../app/domain/demo/reports.server';
import { seedProjectData } from '../app/domain/projects/indicators-seed.server';
import { demoStaffInvites, seedDemoContent } from '../app/domain/demo/seed.server';
import { systemClock } from '../app/domain/shared/deps';
import { getIdentityConfig } from '../app/services/identity.server';
import { getDbHandle } from '../app/services/db.server';
import { EnvError, parseEnv, reloadEnv } from '../app/services/env.server';
import { closeServer, createWebApp, listen, loadBuild } from '../app/services/http.server';
import { logger } from '../app/services/logger.server';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seedReferenceData } from '../db/seed';
import { runMigrations } from '../db/migrate';
import { startBackground } from '../workers/background';
import { ensureBuild } from './build-if-needed';
import { ensureRedis, RedisUnavailableError } from './redis-launcher';

async function main() {
  const initial = parseEnv(process.env);
  const redis = await ensureRedis({ url: initial.redisUrl, explicit: initial.redisUrlExplicit, dataDir: '.data/redis' });
  process.env.REDIS_URL = redis.url;
  const env = reloadEnv();
  if (redis.started) logger.info({ redis: redis.url }, 'started a local redis-server');

  await ensureBuild((msg) => logger.info(msg));
  const handle = getDbHandle();
  logger.info({ database: handle.location }, 'database');
  await runMigrations(handle);
  const report = await seedReferenceData(handle.db, { log: (msg) => logger.info(msg) });
  logger.info({ seeded: report }, 'reference data ready');
  logger.info({ seeded: await seedProjectData(handle.db, { log: (msg) => logger.info(msg) }) }, 'project indicators and report categories ready');
  if (env.demo) {
    const invites = await demoStaffInvites({ db: handle.db, clock: systemClock, log: logger }, getIdentityConfig());
    for (const [role, token] of Object.entries(invites)) logger.info(`Demo ${role} invitation (one use, 72 h): ${env.publicOrigin}/invite/${token}`);
    if (Object.keys(invites).length > 0) {
      // Also kept in a file for scripted demos and the end-to-end tests (local runs only).
      const file = path.join(path.dirname(path.resolve(env.pgliteDir)), 'demo-invites.json');
      await mkdir(path.dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(invites, null, 2), { mode: 0o600 });
    }
    const demo = await seedDemoContent({ db: handle.db });
    const demoPetitions = await seedDemoPetitions({ db: handle.db, clock: systemClock, log: logger }, getIdentityConfig());
    const demoReports = await seedDemoReports({ db: handle.db, clock: systemClock, log: logger }, getIdentityConfig());
    logger.info({ ...demo, petitions: demoPetitions.created, reports: demoReports.created }, 'demo content ready');
  }

  const background = startBackground({ db: handle.db, env, log: logger });
  const server = await listen(createWebApp(await loadBuild()), env.port, env.host);
  logger.info(`Dauys is running on http://localhost:${env.port}`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await closeServer(server);
    await background.close();
    await handle.close();
    await redis.stop();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof EnvError || err instanceof RedisUnavailableError) {
    process.stderr.write(`\n${err.message}\n\n`);
  } else {
    process.stderr.write(`\nDauys failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  }
  process.exit(1);
});
