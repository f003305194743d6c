import { inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { outbox } from '../../../db/schema';
import { QUEUE_OF_TOPIC, jobIdForOutbox, toPayload, type JobMessage, type QueueName } from '../shared/jobs';

/** Writes a message to the outbox. Call it with the transaction that commits the fact it announces. */
export async function enqueue(tx: Db, message: JobMessage): Promise<number> {
  const { topic, payload } = toPayload(message);
  const [row] = await tx.insert(outbox).values({ topic, payload }).returning({ id: outbox.id });
  return row!.id;
}

export interface OutgoingJob {
  outboxId: number;
  queue: QueueName;
  jobId: string;
  topic: string;
  payload: unknown;
}

/** Publishes jobs to the queue; must be idempotent per jobId (BullMQ ignores a known jobId). */
export type Publisher = (jobs: OutgoingJob[]) => Promise<void>;

/**
 * Moves unpublished outbox rows to the queue, oldest first, in batches. Rows are locked with
 * SKIP LOCKED so several relays can run; a crash between publishing and stamping only causes a
 * replay with the same jobId, which the queue and the job receipts absorb.
 */
export async function relayOutbox(
  db: Db,
  publish: Publisher,
  opts: { batchSize?: number; maxBatches?: number } = {},
): Promise<number> {
  const batchSize = opts.batchSize ?? 200;
  const maxBatches = opts.maxBatches ?? 50;
  let total = 0;
  for (let i = 0; i < maxBatches; i++) {
    const sent = await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: outbox.id, topic: outbox.topic, payload: outbox.payload })
        .from(outbox)
        .where(isNull(outbox.publishedAt))
        .orderBy(outbox.id)
        .limit(batchSize)
        .for('update', { skipLocked: true });
      if (rows.length === 0) return 0;
      const jobs = rows.map((r) => ({
        outboxId: r.id,
        queue: QUEUE_OF_TOPIC[r.topic as keyof typeof QUEUE_OF_TOPIC],
        jobId: jobIdForOutbox(r.id),
        topic: r.topic,
        payload: r.payload,
      }));
      const unknown = jobs.filter((j) => j.queue === undefined);
      if (unknown.length > 0) {
        // A topic without a queue is a programming error; keep the row and say why.
        await tx
          .update(outbox)
          .set({ attempts: sql`${outbox.attempts} + 1`, lastError: 'unknown topic' })
          .where(inArray(outbox.id, unknown.map((j) => j.outboxId)));
      }
      const known = jobs.filter((j) => j.queue !== undefined);
      await publish(known);
      if (known.length > 0) {
        await tx
          .update(outbox)
          .set({ publishedAt: sql`now()`, attempts: sql`${outbox.attempts} + 1` })
          .where(inArray(outbox.id, known.map((j) => j.outboxId)));
      }
      return known.length;
    });
    total += sent;
    if (sent < batchSize) break;
  }
  return total;
}

export async function unpublishedCount(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(outbox)
    .where(isNull(outbox.publishedAt));
  return Number(row?.n ?? 0);
}
