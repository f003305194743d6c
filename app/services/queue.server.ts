import { Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { OutgoingJob, Publisher } from '../domain/outbox/outbox.server';
import { QUEUES, type QueueName } from '../domain/shared/jobs';

/** Completed jobs are kept a week so a replayed jobId is still recognised and ignored. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 1000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;

export type Queues = Record<QueueName, Queue>;

export function createQueues(connection: Redis, prefix: string): Queues {
  return Object.fromEntries(
    QUEUES.map((name) => [name, new Queue(name, { connection, prefix, defaultJobOptions: DEFAULT_JOB_OPTIONS })]),
  ) as Queues;
}

/** The outbox publisher on BullMQ: one bulk add per queue, jobId = outbox id. */
export function bullmqPublisher(queues: Queues): Publisher {
  return async (jobs: OutgoingJob[]) => {
    const byQueue = new Map<QueueName, OutgoingJob[]>();
    for (const job of jobs) byQueue.set(job.queue, [...(byQueue.get(job.queue) ?? []), job]);
    for (const [name, list] of byQueue) {
      await queues[name].addBulk(
        list.map((j) => ({ name: j.topic, data: j.payload, opts: { jobId: j.jobId } })),
      );
    }
  };
}

export async function closeQueues(queues: Queues): Promise<void> {
  await Promise.all(Object.values(queues).map((q) => q.close()));
}
