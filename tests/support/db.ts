import { inject } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client';
import { databaseUrl, dropDatabase, withAdmin } from './pg';

export interface TestDatabase {
  handle: DbHandle;
  url: string;
  name: string;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

let counter = 0;
/** A fresh, migrated PostgreSQL database copied from this run's template. */
export async function createTestDatabase(opts: { maxConnections?: number } = {}): Promise<TestDatabase> {
  const template = inject('templateDatabase');
  const name = `${template.replace('dauys_tpl', 'dauys_t')}_${process.pid}_${counter++}`;
  await withAdmin((sql) => sql.unsafe(`create database "${name}" template "${template}"`));
  const url = databaseUrl(name);
  const handle = openDatabase({ databaseUrl: url, maxConnections: opts.maxConnections ?? 5 });
  return {
    handle,
    url,
    name,
    async drop() {
      await handle.close();
      await dropDatabase(name);
    },
  };
}
