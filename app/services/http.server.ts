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

/**
 * The signing API (challenge options, then verification and recording) is what every signer calls,
 * at surge rates. Its JSON resource routes are dispatched straight to their route modules' actions,
 * skipping Remix's route matching and response pipeline: the same modules run (session, CSRF, zod
 * parsing, domain call, localized refusals), behind the same middleware (request id and log,
 * cross-site refusal, cookies). Other methods on these paths still go to Remix.
 */
export const DIRECT_ACTION_ROUTES = ['routes/api.petitions.$id.sign.options', 'routes/api.petitions.$id.sign.verify'];

/** Sends a Fetch API response through express. */
async function sendResponse(res: express.Response, response: Response): Promise<void> {
  res.status(response.status);
  for (const [name, value] of response.headers) if (name !== 'set-cookie') res.setHeader(name, value);
  for (const cookie of response.headers.getSetCookie()) res.append('Set-Cookie', cookie);
  res.end(Buffer.from(await response.arrayBuffer()));
}

function readBody(req: express.Request): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function directActions(build: ServerBuild, routeIds: readonly string[] = DIRECT_ACTION_ROUTES): express.Router {
  const router = express.Router();
  for (const id of routeIds) {
    const route = build.routes[id];
    const action = route?.module.action;
    if (!route?.path || !action) throw new Error(`direct action route ${id} not found in the build`);
    router.post(`/${route.path}`, async (req, res, next) => {
      try {
        const headers = new Headers();
        for (let i = 0; i < req.rawHeaders.length; i += 2) headers.append(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
        // The middleware before may have added cookies (CSRF, device) and the client address.
        headers.set('Cookie', req.headers.cookie ?? '');
        headers.set('X-Dauys-Client-Ip', String(req.headers['x-dauys-client-ip'] ?? ''));
        const body = await readBody(req);
        const request = new Request(`${req.protocol}://${req.get('host') ?? 'localhost'}${req.originalUrl}`, { method: 'POST', headers, body: body.toString('utf8') });
        let response: unknown;
        try {
          response = await action({ request, params: req.params as Record<string, string>, context: { requestId: String(res.getHeader('X-Request-Id') ?? '') } });
        } catch (thrown) {
          if (!(thrown instanceof Response)) throw thrown;
          response = thrown;
        }
        if (!(response instanceof Response)) throw new Error(`action of ${id} did not return a Response`);
        await sendResponse(res, response);
      } catch (err) {
        // As Remix does for a resource route: the error is logged, the client gets a bare 500.
        req.log.error({ err }, 'direct action failed');
        if (res.headersSent) return next(err);
        res.status(500).type('text/plain').send('Unexpected Server Error');
      }
    });
  }
  return router;
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
  // Compress pages and data, not the small JSON answers of the passkey and signing APIs (hot path:
  // the middleware is not even entered for them).
  const compress = compression({ threshold: 2048 });
  const uncompressed = (path: string) => path.startsWith('/api/webauthn/') || /^\/api\/petitions\/[^/]+\/sign\//.test(path);
  app.use((req, res, next) => (uncompressed(req.path) ? next() : compress(req, res, next)));
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
  const csrfName = csrfCookieName();
  const hasCsrfCookie = new RegExp(`(?:^|;\\s*)${csrfName}=`);
  app.use((req, res, next) => {
    if (cookieFree(req.path)) return next();
    const name = csrfName;
    if (!hasCsrfCookie.test(req.headers.cookie ?? '')) {
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

  app.use(directActions(build));
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

/**
 * Connections the kernel queues until the process accepts them (capped by net.core.somaxconn). A
 * signing surge opens thousands at once: with Node's default of 511 the queue overflows, the
 * kernel falls back to SYN cookies and clients see connections reset.
 */
export const LISTEN_BACKLOG = 4096;

export async function listen(app: express.Express, port: number, host?: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = app.listen({ port, host, backlog: LISTEN_BACKLOG });
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
