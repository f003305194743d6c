import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outbox, notifications } from '../../db/schema';
import { createNotification, type MailMessage, type MailPort } from '../../app/domain/notify/notify.server';
import { relayOutbox, unpublishedCount } from '../../app/domain/outbox/outbox.server';
import { silentLogger, systemClock } from '../../app/domain/shared/deps';
import { jobIdForOutbox } from '../../app/domain/shared/jobs';
import { bullmqPublisher, closeQueues, createQueues, type Queues } from '../../app/services/queue.server';
import { processJob } from '../../workers/processors';
import { startWorkers, type RunningWorkers } from '../../workers/runtime';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { createTestRedis, type TestRedis } from '../support/redis';

function recordingMailer(): MailPort & { sent: MailMessage[] } {
  const sent: MailMessage[] = [];
  return {
    sent,
    baseUrl: 'http://localhost:3999',
    async send(m) {
      sent.push(m);
      return `test-${sent.length}`;
    },
  };
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('outbox -> relay -> queue -> worker', () => {
  let tdb: TestDatabase;
  let redis: TestRedis;
  let queues: Queues;

  beforeAll(async () => {
    tdb = await createTestDatabase();
    redis = createTestRedis();
    queues = createQueues(redis.connection, redis.prefix);
  });
  afterAll(async () => {
    await closeQueues(queues);
    await redis.cleanup();
    await tdb.drop();
  });

  it('publishes an outbox row as a job that runs exactly once, even when the relay runs twice', async () => {
    const db = tdb.handle.db;
    const notificationId = await db.transaction((tx) =>
      createNotification(tx, { channel: 'email', recipientEmail: 'citizen@example.kz', locale: 'ru', template: 'welcome', params: { name: 'Айгерим' } }),
    );
    const [row] = await db.select().from(outbox).where(eq(outbox.topic, 'notify.deliver'));
    expect(row?.payload).toEqual({ notificationId });
    expect(await unpublishedCount(db)).toBe(1);

    const publish = bullmqPublisher(queues);
    expect(await relayOutbox(db, publish)).toBe(1);
    expect(await unpublishedCount(db)).toBe(0);
    // A relay that crashed after publishing but before stamping the row publishes it again.
    await db.update(outbox).set({ publishedAt: null }).where(eq(outbox.id, row!.id));
    expect(await relayOutbox(db, publish)).toBe(1);
    // And a second relay pass over stamped rows publishes nothing.
    expect(await relayOutbox(db, publish)).toBe(0);

    const counts = await queues.notify.getJobCounts('waiting', 'active', 'completed', 'failed', 'delayed');
    expect((counts.waiting ?? 0) + (counts.active ?? 0) + (counts.completed ?? 0)).toBe(1);
    const job = await queues.notify.getJob(jobIdForOutbox(row!.id));
    expect(job?.name).toBe('notify.deliver');

    const mailer = recordingMailer();
    let workers: RunningWorkers | undefined;
    try {
      workers = startWorkers({
        connection: redis.connection,
        prefix: redis.prefix,
        log: silentLogger,
        ctx: { deps: { db, clock: systemClock, log: silentLogger }, mailer },
      });
      await waitFor(async () => (await queues.notify.getJobCounts('completed')).completed === 1);
    } finally {
      await workers?.close();
    }
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({ to: 'citizen@example.kz', subject: 'Добро пожаловать в Dauys' });
    expect(mailer.sent[0]!.text).toContain('Айгерим');
    const [n] = await db.select().from(notifications).where(eq(notifications.id, notificationId));
    expect(n?.sentAt).toBeInstanceOf(Date);
    expect(n?.deliveryRef).toBe('test-1');
  });

  it('a job delivered twice to the processor has its effect once', async () => {
    const db = tdb.handle.db;
    const notificationId = await db.transaction((tx) =>
      createNotification(tx, { channel: 'email', recipientEmail: 'twice@example.kz', locale: 'kk', template: 'welcome', params: { name: 'Ерлан' } }),
    );
    const mailer = recordingMailer();
    const ctx = { deps: { db, clock: systemClock, log: silentLogger }, mailer };
    const job = { id: 'ob-x', name: 'notify.deliver', data: { notificationId } };
    const [first, second] = await Promise.all([processJob(ctx, job), processJob(ctx, job)]);
    expect([first, second].map((o) => (o as { kind: string }).kind).sort()).toEqual(['already-sent', 'sent']);
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]!.subject).toBe('Dauys порталына қош келдіңіз');
  });

  it('a malformed payload fails without retry', async () => {
    const ctx = { deps: { db: tdb.handle.db, clock: systemClock, log: silentLogger }, mailer: recordingMailer() };
    await expect(processJob(ctx, { id: 'bad', name: 'notify.deliver', data: { notificationId: 'x' } })).rejects.toMatchObject({
      name: 'UnrecoverableError',
    });
    await expect(processJob(ctx, { id: 'gone', name: 'notify.deliver', data: { notificationId: 999999 } })).rejects.toMatchObject({
      name: 'UnrecoverableError',
    });
  });

  it('relays many rows in batches, oldest first, each once', async () => {
    const db = tdb.handle.db;
    await db.execute(sql`delete from outbox`);
    await db.transaction(async (tx) => {
      for (let i = 0; i < 450; i++) {
        await createNotification(tx, { channel: 'email', recipientEmail: `bulk${i}@example.kz`, locale: 'en', template: 'welcome', params: { name: `N${i}` } });
      }
    });
    const published: string[] = [];
    const total = await relayOutbox(db, async (jobs) => void published.push(...jobs.map((j) => j.jobId)), { batchSize: 200 });
    expect(total).toBe(450);
    expect(new Set(published).size).toBe(450);
    const ids = published.map((p) => Number(p.slice(3)));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });
});
