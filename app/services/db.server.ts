import { openDatabase, type DbHandle } from '../../db/client';
import { systemClock, type Deps } from '../domain/shared/deps';
import { getEnv } from './env.server';
import { domainLogger } from './logger.server';
import { replaceSingleton, singleton } from './singleton.server';

/** The process's database: PostgreSQL when DATABASE_URL is set, else the embedded PGlite folder. */
export function getDbHandle(): DbHandle {
  return singleton('db', () => {
    const env = getEnv();
    return openDatabase({ databaseUrl: env.databaseUrl, pgliteDir: env.pgliteDir, maxConnections: env.databasePoolSize });
  });
}

/** Used by the start script and tests to install an already opened database. */
export function setDbHandle(handle: DbHandle | undefined): void {
  replaceSingleton('db', handle);
}

export function getDeps(bindings: Record<string, unknown> = {}): Deps {
  return { db: getDbHandle().db, clock: systemClock, log: domainLogger(bindings) };
}

/**
 * Deps for the signing ceremony's requests (session lookup, challenge, signature): their short
 * statements share one pipelined connection (see `DbHandle.pipelined`), apart from the pool that
 * pages and everything else use.
 */
export function getSigningDeps(bindings: Record<string, unknown> = {}): Deps {
  return { db: getDbHandle().pipelined, clock: systemClock, log: domainLogger(bindings) };
}
