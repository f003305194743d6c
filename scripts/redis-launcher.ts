import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { pingRedis } from '../app/services/redis.server';

export class RedisUnavailableError extends Error {
  override name = 'RedisUnavailableError';
}

function findOnPath(bin: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    const candidate = path.join(dir, bin);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      srv.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });
}

export interface RedisEndpoint {
  url: string;
  /** Stops the redis-server this launcher started (no-op for an external Redis). */
  stop(): Promise<void>;
  started: boolean;
}

/**
 * Finds Redis for a local run: the configured URL if it answers; else, when REDIS_URL was not set
 * explicitly, a private redis-server from PATH on a free loopback port (data under dataDir),
 * stopped with the portal. Otherwise throws with instructions.
 */
export async function ensureRedis(opts: { url: string; explicit: boolean; dataDir: string }): Promise<RedisEndpoint> {
  if (await pingRedis(opts.url)) return { url: opts.url, started: false, stop: async () => {} };
  if (opts.explicit) {
    throw new RedisUnavailableError(
      `Redis does not answer at REDIS_URL=${opts.url}. Start it, or unset REDIS_URL to let Dauys start a local redis-server.`,
    );
  }
  const bin = findOnPath('redis-server');
  if (!bin) {
    throw new RedisUnavailableError(
      [
        `Redis does not answer at ${opts.url} and no redis-server was found on PATH.`,
        'Install Redis (Debian/Ubuntu: sudo apt-get install redis-server; macOS: brew install redis)',
        'or set REDIS_URL=redis://host:port to a running Redis, then run npm start again.',
      ].join('\n'),
    );
  }
  const port = await freePort();
  const dir = path.resolve(opts.dataDir);
  mkdirSync(dir, { recursive: true });
  const child: ChildProcess = spawn(
    bin,
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--appendonly', 'yes', '--save', '', '--protected-mode', 'yes'],
    { stdio: 'ignore' },
  );
  const url = `redis://127.0.0.1:${port}`;
  const deadline = Date.now() + 10_000;
  while (!(await pingRedis(url, 300))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill();
      throw new RedisUnavailableError(`redis-server (${bin}) did not start on ${url}.`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    started: true,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 5000).unref();
      }),
  };
}
