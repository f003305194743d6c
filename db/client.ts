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

/** Opens PostgreSQL when a URL is given, else the embedded PGlite database in `pgliteDir`. */
export function openDatabase(opts: OpenDatabaseOptions): DbHandle {
  if (opts.databaseUrl) {
    const client = postgres(opts.databaseUrl, {
      max: opts.maxConnections ?? 10,
      onnotice: () => {},
      connection: { application_name: 'dauys' },
    });
    const url = new URL(opts.databaseUrl);
    return {
      db: drizzlePostgres(client, { schema }) as unknown as Db,
      kind: 'postgres',
      location: `postgres://${url.host}${url.pathname}`,
      close: () => client.end({ timeout: 5 }),
    };
  }
  const dir = path.resolve(opts.pgliteDir ?? '.data/pglite');
  mkdirSync(path.dirname(dir), { recursive: true });
  const client = new PGlite(dir, { extensions: { pg_trgm } });
  return {
    db: drizzlePglite(client, { schema }) as unknown as Db,
    kind: 'pglite',
    location: `pglite:${dir}`,
    close: () => client.close(),
  };
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

/** Throws when the database does not answer a trivial query. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.execute(sql`select 1`);
}
