/**
 * `npm run start:workers`: the queue workers and the outbox relay as their own process, against
 * PostgreSQL (DATABASE_URL) and Redis (REDIS_URL). Run as many as needed.
 */
import { getDbHandle } from '../app/services/db.server';
import { EnvError, getEnv } from '../app/services/env.server';
import { logger } from '../app/services/logger.server';
import { startBackground } from './background';

async function main() {
  const env = getEnv();
  if (!env.databaseUrl) {
    throw new EnvError(
      'start:workers needs DATABASE_URL (PostgreSQL): the embedded database can be opened by one process only. Use `npm start` for a single-process local run.',
    );
  }
  const handle = getDbHandle();
  const background = startBackground({ db: handle.db, env, log: logger });
  logger.info({ database: handle.location, redis: env.redisUrl }, 'workers and outbox relay running');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'workers shutting down');
    await background.close();
    await handle.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err: unknown) => {
  process.stderr.write(`\n${err instanceof Error ? err.message : String(err)}\n\n`);
  process.exit(1);
});
