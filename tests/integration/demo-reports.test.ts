import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportPhotos, reports } from '../../db/schema';
import { seedReferenceData } from '../../db/seed';
import { seedDemoReports } from '../../app/domain/demo/reports.server';
import { silentLogger, systemClock } from '../../app/domain/shared/deps';
import { getIdentityConfig } from '../../app/services/identity.server';
import { createTestDatabase, type TestDatabase } from '../support/db';

/** The demo reports of `npm start`: filed, routed and moved through every state, once. */

let t: TestDatabase;
const deps = () => ({ db: t.handle.db, clock: systemClock, log: silentLogger });

beforeAll(async () => {
  t = await createTestDatabase();
  await seedReferenceData(t.handle.db);
});
afterAll(async () => {
  await t?.drop();
});

describe('seedDemoReports', () => {
  it('creates a dozen reports in several cities and states, then nothing on a second run', async () => {
    expect(await seedDemoReports(deps(), getIdentityConfig())).toEqual({ created: 13 });
    const rows = await t.handle.db.select().from(reports);
    const statuses = rows.map((r) => r.status).sort();
    expect(statuses).toEqual(
      expect.arrayContaining(['assigned', 'in-progress', 'info-requested', 'answered', 'fixed', 'reopened', 'closed-confirmed', 'closed-unconfirmed', 'merged']),
    );
    // Astana's districts, Almaty, Shymkent, Karaganda, Pavlodar, Oskemen, Aktobe.
    expect(new Set(rows.map((r) => r.placeUnitKato?.slice(0, 2))).size).toBeGreaterThanOrEqual(6);
    expect(rows.filter((r) => r.placeUnitKato?.startsWith('71')).length).toBeGreaterThanOrEqual(4);
    expect(rows.some((r) => r.overdueAt !== null && r.escalatedToBodyId !== null)).toBe(true);
    expect((await t.handle.db.select({ id: reportPhotos.id }).from(reportPhotos).where(eq(reportPhotos.kind, 'fix'))).length).toBeGreaterThanOrEqual(3);
    expect(await seedDemoReports(deps(), getIdentityConfig())).toEqual({ created: 0 });
  });
});
