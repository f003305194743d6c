import { randomBytes, randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { createRequestHandler } from '@remix-run/express';
import type { ServerBuild } from '@remix-run/server-runtime';
import compression from 'compression';
import express from 'express';
import { pinoHttp } from 'pino-http';
import { pingDatabase, type Db } from '../../db/client';
import { isLocale } from '../i18n';
import { getDbHandle } from './db.server';
import { getEnv } from './env.server';
import { LOCALE_COOKIE } from './locale.server';
import { serializeCookie } from './cookies.server';
import { csrfCookieName, newCsrfToken } from './csrf.server';
import { DEVICE_COOKIE } from './device.server';
import { logger } from './logger.server';
import { pingRedis } from './redis.server';

/** The project folder (this file is app/services/http.server.ts and is never bundled). */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const buildPath = path.join(root, 'build', 'index.js');

export async function loadBuild(): Promise<ServerBuild> {
  return (await import(pathToFileURL(buildPath).href)) as ServerBuild;
}

/** Readiness of the dependencies: each named, so a 503 says what is down. */
export async function readiness(db: Db, redisUrl: string): Promise<{ ok: boolean; checks: Record<string, 'ok' | 'down'> }> {
  const [database, redis] = await Promise.all([
    Promise.race([
      pingDatabase(db).then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 2000).unref()),
    ]).catch(() => false),
    pingRedis(redisUrl),
  ]);
  const checks = { database: database ? 'ok' : 'down', redis: redis ? 'ok' : 'down' } as const;
  return { ok: database && redis, checks };
}

/** Operations endpoints: /healthz (the process answers) and /readyz (its dependencies answer). */
export function opsRouter(opts: { db: () => Db; redisUrl: string }): express.Router {
  const router = express.Router();
  router.get('/healthz', (_req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    const { ok, checks } = await readiness(opts.db(), opts.redisUrl);
    const failing = Object.entries(checks)
      .filter(([, v]) => v === 'down')
      .map(([k]) => k);
    res.setHeader('Cache-Control', 'no-store');
    res.status(ok ? 200 : 503).json({ status: ok ? 'ready' : 'unavailable', checks, failing });
  });
  return router;
}

/** Whether an Origin header names this portal (its public origin, or the host it was reached at). */
export function sameOrigin(origin: string, publicOrigin: string, host: string | undefined): boolean {
  if (origin === publicOrigin) return true;
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function createWebApp(build: ServerBuild): express.Express {
  const env = getEnv();
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const incoming = req.headers['x-request-id'];
        const id = typeof incoming === 'string' && /^[A-Za-z0-9._-]{8,100}$/.test(incoming) ? incoming : randomUUID();
        res.setHeader('X-Request-Id', id);
        return id;
      },
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
      customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    }),
  );
  // Compress pages and data, not the small JSON answers of the passkey and signing APIs (hot path).
  app.use(compression({ threshold: 2048, filter: (req, res) => !req.path.startsWith('/api/webauthn/') && !/^\/api\/petitions\/[^/]+\/sign\//.test(req.path) && compression.filter(req, res) }));
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'strict-origin-when-cross-origin');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(self)');
    next();
  });

  app.use(opsRouter({ db: () => getDbHandle().db, redisUrl: env.redisUrl }));

  // The client address reaches Remix in a header only this server sets (never the client's own).
  app.use((req, _res, next) => {
    req.headers['x-dauys-client-ip'] = req.ip ?? '';
    next();
  });

  // Cross-site state-changing requests are refused outright; same-site ones still need the CSRF token.
  app.use((req, res, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    // Open311 partners authenticate with an api_key in the request, never with cookies: no CSRF risk.
    if (req.path.startsWith('/open311/')) return next();
    const site = req.headers['sec-fetch-site'];
    const origin = req.headers.origin;
    if (site === 'cross-site' || (origin !== undefined && !sameOrigin(origin, env.publicOrigin, req.headers.host))) {
      res.status(403).type('text/plain').send('Cross-site request refused');
      return;
    }
    next();
  });

  // Every visitor gets a CSRF token cookie on first contact (double-submit protection). The open
  // data API is read-only and cacheable by a CDN: it sets no cookies at all.
  // Open311 (GeoReport v2) is an API for partner systems: no cookies either.
  // Report photos are immutable and cacheable by a CDN, so they set none either.
  const cookieFree = (path: string) => path.startsWith('/api/v1/') || path.startsWith('/open311/') || /^\/reports\/[^/]+\/photos\//.test(path);
  app.use((req, res, next) => {
    if (cookieFree(req.path)) return next();
    const name = csrfCookieName();
    if (!new RegExp(`(?:^|;\\s*)${name}=`).test(req.headers.cookie ?? '')) {
      const token = newCsrfToken();
      res.append('Set-Cookie', serializeCookie(name, token));
      req.headers.cookie = req.headers.cookie ? `${req.headers.cookie}; ${name}=${token}` : `${name}=${token}`;
    }
    next();
  });

  // A first-party device id for the integrity checks (one device signing for many people).
  app.use((req, res, next) => {
    if (cookieFree(req.path)) return next();
    if (!/(?:^|;\s*)dauys_device=/.test(req.headers.cookie ?? '')) {
      const id = randomBytes(18).toString('base64url');
      res.append('Set-Cookie', serializeCookie(DEVICE_COOKIE, id, { maxAgeSeconds: 2 * 365 * 24 * 3600 }));
      req.headers.cookie = req.headers.cookie ? `${req.headers.cookie}; ${DEVICE_COOKIE}=${id}` : `${DEVICE_COOKIE}=${id}`;
    }
    next();
  });

  // A language chosen by URL (?lng=kk) is remembered in a cookie for the next pages.
  app.use((req, res, next) => {
    const lng = req.query.lng;
    if (isLocale(lng) && !cookieFree(req.path)) {
      res.cookie(LOCALE_COOKIE, lng, {
        path: '/',
        maxAge: 365 * 24 * 3600 * 1000,
        sameSite: 'lax',
        httpOnly: false,
        secure: env.publicOrigin.startsWith('https://'),
      });
    }
    next();
  });

  app.use('/build', express.static(path.join(root, 'public', 'build'), { immutable: true, maxAge: '1y' }));
  app.use(express.static(path.join(root, 'public'), { maxAge: '1h' }));
  app.all(
    '*',
    createRequestHandler({
      build,
      mode: env.isProduction ? 'production' : 'development',
      getLoadContext: (_req, res) => ({ requestId: String(res.getHeader('X-Request-Id') ?? '') }),
    }),
  );
  return app;
}

export async function listen(app: express.Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = host ? app.listen(port, host) : app.listen(port);
    server.once('listening', () => resolve(server));
    server.once('error', reject);
  });
}

export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 5000).unref();
  });
}
