import { relayOutbox, type Publisher } from '../domain/outbox/outbox.server';
import type { Db } from '../../db/client';
import type { Logger } from '../domain/shared/deps';

export interface Relay {
  /** One pass over the outbox; returns how many rows were published. */
  tick(): Promise<number>;
  close(): Promise<void>;
}

/** Polls the outbox every `intervalMs` and publishes what it finds. One pass at a time. */
export function startRelay(opts: { db: Db; publish: Publisher; intervalMs: number; log: Logger }): Relay {
  let running: Promise<number> | undefined;
  let stopped = false;
  const tick = () => {
    running ??= relayOutbox(opts.db, opts.publish).finally(() => {
      running = undefined;
    });
    return running;
  };
  const timer = setInterval(() => {
    if (stopped) return;
    tick().catch((err: unknown) => opts.log.warn({ err }, 'outbox relay pass failed; will retry'));
  }, opts.intervalMs);
  timer.unref();
  return {
    tick,
    async close() {
      stopped = true;
      clearInterval(timer);
      await running?.catch(() => 0);
    },
  };
}
