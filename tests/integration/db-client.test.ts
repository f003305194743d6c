import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../../db/client';
import { accounts } from '../../db/schema';
import { createTestDatabase, type TestDatabase } from '../support/db';

/**
 * The PostgreSQL handle as the portal opens it: statements prepared on each connection, and a
 * pipelined single connection for the signing ceremony (docs/decisions/004).
 */
describe('database handle on PostgreSQL', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    // One pool connection: every statement below runs in the same session, whose prepared
    // statements pg_prepared_statements lists.
    tdb = await createTestDatabase({ maxConnections: 1 });
  });
  afterAll(async () => {
    await tdb.drop();
  });

  const preparedLike = async (fragment: string) =>
    (
      await queryRows<{ n: number }>(
        tdb.handle.db,
        sql`select count(*)::int as n from pg_prepared_statements where statement like ${`%${fragment}%`} and statement not like '%pg_prepared_statements%'`,
      )
    )[0]!.n;

  it('runs a query with parameters as a named prepared statement, parsed once for the connection', async () => {
    const id = '00000000-0000-4000-8000-00000000a001';
    for (let i = 0; i < 3; i++) await tdb.handle.db.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, id));
    expect(await preparedLike('from "accounts" where "accounts"."id" = $1')).toBe(1);
  });

  it('prepares the statements of a transaction too', async () => {
    await tdb.handle.db.transaction(async (tx) => {
      await tx.select({ n: sql<number>`count(*)::int` }).from(accounts).where(eq(accounts.kind, 'staff'));
    });
    expect(await preparedLike('where "accounts"."kind" = $1')).toBe(1);
  });

  it('leaves a statement with more than 64 parameters unnamed (bulk statements vary with their row count)', async () => {
    const ids = Array.from({ length: 65 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);
    const rows = await tdb.handle.db.select({ id: accounts.id }).from(accounts).where(inArray(accounts.id, ids));
    expect(rows).toEqual([]);
    expect(await preparedLike('"accounts"."id" in ($1, $2')).toBe(0);
  });

  it('queues concurrent statements of the pipelined handle on one connection, each with its own answer', async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, i) => queryRows<{ pid: number; echo: number }>(tdb.handle.pipelined, sql`select pg_backend_pid() as pid, ${i}::int as echo`)),
    );
    expect(new Set(answers.map((r) => r[0]!.pid)).size).toBe(1);
    expect(answers.map((r) => r[0]!.echo)).toEqual(Array.from({ length: 40 }, (_, i) => i));
  });

  it('keeps a failing statement on the pipelined connection from affecting the ones queued with it', async () => {
    const results = await Promise.allSettled([
      queryRows(tdb.handle.pipelined, sql`select 1 as one`),
      queryRows(tdb.handle.pipelined, sql`select 1 / ${0}::int as boom`),
      queryRows<{ two: number }>(tdb.handle.pipelined, sql`select 2 as two`),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((results[2] as PromiseFulfilledResult<{ two: number }[]>).value[0]!.two).toBe(2);
  });
});
