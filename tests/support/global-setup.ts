import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { databaseUrl, dropDatabase, uniqueName, withAdmin } from './pg';
import { deleteRedisKeys } from './redis';

declare module 'vitest' {
  export interface ProvidedContext {
    templateDatabase: string;
    redisPrefix: string;
  }
}

/**
 * Once per run: a migrated template database; each test file copies it (tests/support/db.ts).
 * Every database this run created is dropped at the end.
 */
export default async function setup(project: TestProject) {
  const template = uniqueName('dauys_tpl');
  await withAdmin((sql) => sql.unsafe(`create database "${template}"`));
  const handle = openDatabase({ databaseUrl: databaseUrl(template), maxConnections: 1 });
  try {
    await runMigrations(handle);
  } finally {
    await handle.close();
  }
  project.provide('templateDatabase', template);
  project.provide('redisPrefix', uniqueName('dauys_test'));
  return async () => {
    const prefix = template.replace('dauys_tpl', 'dauys_t');
    await withAdmin(async (sql) => {
      const rows = await sql<{ datname: string }[]>`select datname from pg_database where datname like ${prefix + '%'}`;
      for (const r of rows) await sql.unsafe(`drop database if exists "${r.datname}" with (force)`);
    });
    await dropDatabase(template);
    await deleteRedisKeys(process.env.REDIS_PREFIX ?? '');
  };
}
