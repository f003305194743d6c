import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { pingRedis } from '../../app/services/redis.server';
import { ensureRedis, RedisUnavailableError } from '../../scripts/redis-launcher';
import { REDIS_URL } from '../support/redis';

describe('finding Redis for npm start', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'dauys-redis-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const nobody = 'redis://127.0.0.1:1';

  it('uses a Redis that answers at the configured URL', async () => {
    const found = await ensureRedis({ url: REDIS_URL, explicit: false, dataDir: dir });
    expect(found).toMatchObject({ url: REDIS_URL, started: false });
  });

  it('starts a private redis-server from PATH when none answers and none was configured, and stops it', async () => {
    const found = await ensureRedis({ url: nobody, explicit: false, dataDir: dir });
    try {
      expect(found.started).toBe(true);
      expect(found.url).toMatch(/^redis:\/\/127\.0\.0\.1:\d+$/);
      expect(await pingRedis(found.url)).toBe(true);
    } finally {
      await found.stop();
    }
    expect(await pingRedis(found.url)).toBe(false);
  });

  it('refuses with instructions when an explicit REDIS_URL does not answer', async () => {
    await expect(ensureRedis({ url: nobody, explicit: true, dataDir: dir })).rejects.toThrow(/Redis does not answer at REDIS_URL=redis:\/\/127\.0\.0\.1:1/);
  });

  it('says how to install Redis when there is no redis-server on PATH', async () => {
    const saved = process.env.PATH;
    process.env.PATH = dir;
    try {
      const attempt = ensureRedis({ url: nobody, explicit: false, dataDir: dir });
      await expect(attempt).rejects.toBeInstanceOf(RedisUnavailableError);
      await expect(attempt).rejects.toThrow(/apt-get install redis-server[\s\S]*REDIS_URL/);
    } finally {
      process.env.PATH = saved;
    }
  });
});
