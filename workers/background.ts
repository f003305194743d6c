import type { Db } from '../db/client';
import type { Logger } from '../app/domain/shared/deps';
import { systemClock } from '../app/domain/shared/deps';
import { startWorkers } from './runtime';
import type { Env } from '../app/services/env.server';
import { createMailer } from '../app/services/mailer.server';
import { bullmqPublisher, closeQueues, createQueues } from '../app/services/queue.server';
import { createRedis } from '../app/services/redis.server';
import { startRelay } from '../app/services/relay.server';

export interface Background {
  close(): Promise<void>;
}

/** The outbox relay and the queue workers, sharing one Redis connection. */
export function startBackground(opts: { db: Db; env: Env; log: Logger; workers?: boolean; relay?: boolean }): Background {
  const { db, env, log } = opts;
  const connection = createRedis(env.redisUrl);
  connection.on('error', (err) => log.warn({ err: err.message }, 'redis connection error'));
  const queues = createQueues(connection, env.redisPrefix);
  const relay =
    opts.relay === false
      ? undefined
      : startRelay({ db, publish: bullmqPublisher(queues), intervalMs: env.relayIntervalMs, log });
  const running =
    opts.workers === false
      ? undefined
      : startWorkers({
          connection,
          prefix: env.redisPrefix,
          log,
          ctx: {
            deps: { db, clock: systemClock, log },
            mailer: createMailer({ smtpUrl: env.smtpUrl, mailDir: env.mailDir, from: env.mailFrom, baseUrl: env.publicOrigin }),
          },
        });
  if (opts.workers !== false) {
    // Scheduled work (BullMQ job schedulers; idempotent upserts, one schedule however many workers).
    void queues.maintenance
      .upsertJobScheduler('counts.reconcile', { every: env.countsIntervalMs }, { name: 'counts.reconcile', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } })
      .catch((err: unknown) => log.warn({ err }, 'could not schedule count reconciliation'));
    void queues.maintenance
      .upsertJobScheduler('petitions.expire', { every: 10 * 60_000 }, { name: 'petitions.expire', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } })
      .catch((err: unknown) => log.warn({ err }, 'could not schedule petition expiry'));
    void queues.reports
      .upsertJobScheduler('reports.clocks', { every: 5 * 60_000 }, { name: 'reports.clocks', data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } })
      .catch((err: unknown) => log.warn({ err }, 'could not schedule report clocks'));
  }
  return {
    async close() {
      await relay?.close();
      await running?.close();
      await closeQueues(queues);
      connection.disconnect();
    },
  };
}
