import { rmSync } from 'node:fs';
import { Redis } from 'ioredis';

/** Removes the run's embedded database folder and its Redis keys. */
export default async function teardown() {
  const dir = process.env.DAUYS_E2E_DIR;
  const prefix = process.env.DAUYS_E2E_PREFIX;
  if (prefix) {
    const redis = new Redis(process.env.E2E_REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 500);
        cursor = next;
        if (keys.length > 0) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
}
