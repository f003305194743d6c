import { spawn } from 'node:child_process';
import type { Server } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen, opsRouter } from '../../app/services/http.server';
import { createTestDatabase, type TestDatabase } from '../support/db';
import { REDIS_URL } from '../support/redis';

async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

async function get(server: Server, path: string) {
  const { port } = server.address() as { port: number };
  const res = await fetch(`http://127.0.0.1:${port}${path}`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe('/healthz and /readyz', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase();
  });
  afterAll(async () => {
    await tdb.drop();
  });

  it('answers 200 when PostgreSQL and Redis are up', async () => {
    const app = express().use(opsRouter({ db: () => tdb.handle.db, redisUrl: REDIS_URL }));
    const server = await listen(app, 0, '127.0.0.1');
    try {
      expect(await get(server, '/healthz')).toEqual({ status: 200, body: { status: 'ok' } });
      const ready = await get(server, '/readyz');
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({ status: 'ready', checks: { database: 'ok', redis: 'ok' }, failing: [] });
    } finally {
      server.close();
    }
  });

  it('answers 503 naming Redis when its Redis is stopped', async () => {
    const port = await freePort();
    const redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const url = `redis://127.0.0.1:${port}`;
    const app = express().use(opsRouter({ db: () => tdb.handle.db, redisUrl: url }));
    const server = await listen(app, 0, '127.0.0.1');
    try {
      let ready = await get(server, '/readyz');
      for (let i = 0; i < 50 && ready.status !== 200; i++) {
        await new Promise((r) => setTimeout(r, 100));
        ready = await get(server, '/readyz');
      }
      expect(ready.status).toBe(200);

      await new Promise<void>((resolve) => {
        redis.once('exit', () => resolve());
        redis.kill('SIGTERM');
      });
      ready = await get(server, '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ status: 'unavailable', checks: { database: 'ok', redis: 'down' }, failing: ['redis'] });
      // The process itself is still alive.
      expect((await get(server, '/healthz')).status).toBe(200);
    } finally {
      server.close();
      if (redis.exitCode === null) redis.kill('SIGKILL');
    }
  });

  it('answers 503 naming the database when PostgreSQL does not answer', async () => {
    const { openDatabase } = await import('../../db/client');
    const dead = openDatabase({ databaseUrl: `postgres://postgres@127.0.0.1:${await freePort()}/none`, maxConnections: 1 });
    const app = express().use(opsRouter({ db: () => dead.db, redisUrl: REDIS_URL }));
    const server = await listen(app, 0, '127.0.0.1');
    try {
      const ready = await get(server, '/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body).toMatchObject({ checks: { database: 'down', redis: 'ok' }, failing: ['database'] });
    } finally {
      server.close();
      await dead.close();
    }
  });
});
