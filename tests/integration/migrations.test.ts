import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, queryRows, type Db, type DbHandle } from '../../db/client';
import { runMigrations } from '../../db/migrate';
import { createTestDatabase, type TestDatabase } from '../support/db';

async function shape(db: Db) {
  const columns = await queryRows<{ table_name: string; column_name: string; data_type: string; is_nullable: string }>(
    db,
    sql`select table_name, column_name, data_type, is_nullable from information_schema.columns
        where table_schema = 'public' order by table_name, column_name`,
  );
  const constraints = await queryRows<{ conname: string }>(
    db,
    sql`select conname from pg_constraint c join pg_namespace n on n.oid = c.connamespace where n.nspname = 'public' and c.contype in ('p', 'f', 'u', 'c') order by conname`,
  );
  const extensions = await queryRows<{ extname: string }>(db, sql`select extname from pg_extension where extname = 'pg_trgm'`);
  return { columns, constraints: constraints.map((c) => c.conname), extensions: extensions.map((e) => e.extname) };
}

describe('one set of migrations serves PostgreSQL and the embedded PGlite', () => {
  let pg: TestDatabase;
  let lite: DbHandle;
  let dir: string;
  beforeAll(async () => {
    pg = await createTestDatabase();
    dir = mkdtempSync(path.join(tmpdir(), 'dauys-pglite-'));
    lite = openDatabase({ pgliteDir: path.join(dir, 'db') });
    await runMigrations(lite);
  });
  afterAll(async () => {
    await lite.close();
    rmSync(dir, { recursive: true, force: true });
    await pg.drop();
  });

  it('gives both the same tables, columns, constraints and extensions', async () => {
    const [a, b] = [await shape(pg.handle.db), await shape(lite.db)];
    expect(a.columns.length).toBeGreaterThan(50);
    expect(b).toEqual(a);
    expect(a.extensions).toEqual(['pg_trgm']);
  });

  it('is idempotent: migrating again changes nothing', async () => {
    const before = await shape(lite.db);
    await runMigrations(lite);
    expect(await shape(lite.db)).toEqual(before);
  });

  it('trigram similarity works on both', async () => {
    for (const db of [pg.handle.db, lite.db]) {
      const [row] = await queryRows<{ s: number }>(db, sql`select similarity('жол жөндеу', 'жолды жөндеу')::float as s`);
      expect(Number(row!.s)).toBeGreaterThan(0.3);
    }
  });
});
