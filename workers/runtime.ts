import { Worker } from 'bullmq';
import type { Redis } from 'ioredis';
import { QUEUES } from '../app/domain/shared/jobs';
import type { Logger } from '../app/domain/shared/deps';
import { processJob, type WorkerContext } from './processors';

export interface RunningWorkers {
  workers: Worker[];
  close(): Promise<void>;
}

/** Starts one BullMQ worker per queue. Close waits for jobs in progress to finish. */
export function startWorkers(opts: {
  connection: Redis;
  prefix: string;
  ctx: WorkerContext;
  log: Logger;
  concurrency?: number;
}): RunningWorkers {
  const workers = QUEUES.map((name) => {
    const worker = new Worker(name, (job) => processJob(opts.ctx, job), {
      connection: opts.connection,
      prefix: opts.prefix,
      concurrency: opts.concurrency ?? 4,
    });
    worker.on('failed', (job, err) =>
      opts.log.warn({ queue: name, jobId: job?.id, topic: job?.name, err: err.message }, 'job failed'),
    );
    worker.on('error', (err) => opts.log.error({ queue: name, err: err.message }, 'worker error'));
    return worker;
  });
  return {
    workers,
    async close() {
      await Promise.all(workers.map((w) => w.close()));
    },
  };
}
