import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';

export { schema };
export type Schema = typeof schema;
/** The database as the domain sees it: PostgreSQL through postgres.js or the embedded PGlite. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface DbHandle {
  readonly db: Db;
  /**
   * The same database over ONE connection, for a hot path of short single statements (the signing
   * ceremony): postgres.js pipelines the statements of concurrent requests on it back to back, so
   * PostgreSQL reads several per wake-up instead of one backend being woken per statement (on two
   * cores that halves PostgreSQL's CPU per signature). Nothing slow may run on it: a statement waits
   * behind the ones before it. PGlite has one connection anyway: there it is `db`.
   */
  readonly pipelined: Db;
  readonly kind: 'postgres' | 'pglite';
  /** Where it lives, without credentials (for logs). */
  readonly location: string;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  databaseUrl?: string;
  pgliteDir?: string;
  /** postgres.js pool size (ignored by PGlite). */
  maxConnections?: number;
}

function postgresClient(url: string, max: number, applicationName: string): postgres.Sql {
  return postgres(url, { max, onnotice: () => {}, connection: { application_name: applicationName } });
}

/** Opens PostgreSQL when a URL is given, else the embedded PGlite database in `pgliteDir`. */
export function openDatabase(opts: OpenDatabaseOptions): DbHandle {
  if (opts.databaseUrl) {
    const client = postgresClient(opts.databaseUrl, opts.maxConnections ?? 10, 'dauys');
    // Opened on its first statement only (postgres.js connects lazily); named apart in pg_stat_activity.
    const pipeline = postgresClient(opts.databaseUrl, 1, 'dauys-signing');
    const url = new URL(opts.databaseUrl);
    return {
      db: drizzlePostgres(preparing(client), { schema }) as unknown as Db,
      pipelined: drizzlePostgres(preparing(pipeline), { schema }) as unknown as Db,
      kind: 'postgres',
      location: `postgres://${url.host}${url.pathname}`,
      close: async () => {
        await Promise.all([client.end({ timeout: 5 }), pipeline.end({ timeout: 5 })]);
      },
    };
  }
  const dir = path.resolve(opts.pgliteDir ?? '.data/pglite');
  mkdirSync(path.dirname(dir), { recursive: true });
  const client = new PGlite(dir, { extensions: { pg_trgm } });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  return {
    db,
    pipelined: db,
    kind: 'pglite',
    location: `pglite:${dir}`,
    close: () => client.close(),
  };
}

/** Statements with more parameters than this (bulk inserts, long id lists) are not kept prepared. */
const MAX_PREPARED_PARAMETERS = 64;

/**
 * postgres.js, as drizzle drives it, with statements prepared. Drizzle asks postgres.js for an
 * unnamed statement on every query that is not explicitly `.prepare(name)`d, and for an unnamed
 * statement with parameters postgres.js first sends Parse + Describe and waits for the answer
 * before it binds: two round trips and a fresh parse and plan per query. Prepared, a statement is
 * parsed once per connection and each later run is one round trip (Bind + Execute). Statements
 * are keyed by their SQL text, which drizzle builds the same for the same query shape, so the set
 * per connection is bounded by the code's queries; bulk statements with many parameters (whose
 * text varies with the row count) stay unnamed. Connections are recycled (postgres.js
 * `max_lifetime`), which bounds the server-side statement cache too. Transactions and savepoints
 * hand drizzle a transaction-scoped client, wrapped the same way.
 */
function preparing(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'unsafe') {
        return (query: string, params?: unknown[], options?: { prepare?: boolean }) =>
          target.unsafe(query, params as never, { ...options, prepare: (params?.length ?? 0) <= MAX_PREPARED_PARAMETERS });
      }
      if (prop === 'begin' || prop === 'savepoint') {
        return (...args: unknown[]) => {
          const last = args.length - 1;
          const fn = args[last] as (sql: postgres.Sql) => unknown;
          args[last] = (sql: postgres.Sql) => fn(preparing(sql));
          return (Reflect.get(target, prop, target) as (...a: unknown[]) => unknown).apply(target, args);
        };
      }
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
}

/** Rows of a raw `db.execute` result: postgres.js returns an array, PGlite `{ rows }`. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  const rows = (result as { rows?: unknown }).rows;
  return Array.isArray(rows) ? (rows as T[]) : [];
}

/** Runs a raw query and returns its rows, the same on both drivers. */
export async function queryRows<T>(db: Db, query: SQL): Promise<T[]> {
  return rowsOf<T>(await db.execute(query));
}

const preparedByDb = new WeakMap<object, Map<string, unknown>>();

/**
 * A statement for a hot path, built once per database handle (`make` returns a drizzle query's
 * `.prepare(name)` or `prepareRaw`): a call binds `sql.placeholder` values instead of building the
 * SQL again, and on PostgreSQL it runs as a named prepared statement (parsed and planned once per
 * connection).
 */
export function prepared<T>(db: Db, name: string, make: (db: Db) => T): T {
  let byName = preparedByDb.get(db);
  if (!byName) preparedByDb.set(db, (byName = new Map()));
  if (!byName.has(name)) byName.set(name, make(db));
  return byName.get(name) as T;
}

/** A raw SQL statement prepared like a drizzle query's `.prepare(name)`; rows as `queryRows` gives them. */
export function prepareRaw<T>(db: Db, name: string, query: SQL): { execute(values: Record<string, unknown>): Promise<T[]> } {
  const built = db.execute(query).getQuery();
  const statement = db._.session.prepareQuery(built, undefined, name, false);
  return { execute: async (values) => rowsOf<T>(await statement.execute(values)) };
}

/** Throws when the database does not answer a trivial query. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
