import { Redis, type RedisOptions } from 'ioredis';

/** A Redis connection for BullMQ (workers need maxRetriesPerRequest: null). */
export function createRedis(url: string, opts: RedisOptions = {}): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false, ...opts });
}

/**
 * Answers whether Redis at `url` replies to PING within `timeoutMs`. Uses its own short-lived
 * connection that neither queues commands offline nor retries, so a dead Redis fails fast.
 */
export async function pingRedis(url: string, timeoutMs = 1000): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    connectTimeout: timeoutMs,
    retryStrategy: () => null,
  });
  client.on('error', () => {});
  try {
    await Promise.race([
      client.connect().then(() => client.ping()),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), timeoutMs)),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}
