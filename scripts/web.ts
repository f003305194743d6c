/**
 * `npm run start:web`: the stateless web process (any number behind a load balancer), against
 * PostgreSQL (DATABASE_URL) and Redis (REDIS_URL). Needs `npm run build` and `npm run db:migrate` first.
 */
import { getDbHandle } from '../app/services/db.server';
import { EnvError, getEnv } from '../app/services/env.server';
import { closeServer, createWebApp, listen, loadBuild } from '../app/services/http.server';
import { logger } from '../app/services/logger.server';

async function main() {
  const env = getEnv();
  if (!env.databaseUrl) {
    throw new EnvError(
      'start:web needs DATABASE_URL (PostgreSQL): the embedded database can be opened by one process only. Use `npm start` for a single-process local run.',
    );
  }
  const handle = getDbHandle();
  const server = await listen(createWebApp(await loadBuild()), env.port, env.host);
  logger.info({ port: env.port, database: handle.location }, 'web process listening');
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'web shutting down');
    await closeServer(server);
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
