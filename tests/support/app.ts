import type { Server } from 'node:http';
import type { DbHandle } from '../../db/client';
import { setDbHandle } from '../../app/services/db.server';
import { createWebApp, listen, loadBuild } from '../../app/services/http.server';

/**
 * The production build (`npm run build`) served by the real HTTP server in this process, on a free
 * loopback port, against the test's database. Requests go through express, Remix routes, sessions
 * and CSRF exactly as in production.
 */
export const PUBLIC_ORIGIN = 'http://localhost:3999';

export interface TestApp {
  url: string;
  server: Server;
  close(): Promise<void>;
  browser(): TestBrowser;
}

export async function startTestApp(handle: DbHandle): Promise<TestApp> {
  if (process.env.PUBLIC_ORIGIN !== PUBLIC_ORIGIN) throw new Error('integration env not loaded (vitest.config.ts)');
  setDbHandle(handle);
  const app = createWebApp(await loadBuild());
  const server = await listen(app, 0, '127.0.0.1');
  const { port } = server.address() as { port: number };
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    server,
    browser: () => new TestBrowser(url),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export interface Sent {
  status: number;
  headers: Headers;
  text: string;
  json: Record<string, unknown>;
  location: string | null;
  setCookies: string[];
}

/**
 * A minimal same-site browser: a cookie jar, an Origin header naming the server it talks to, no
 * redirects followed. (Passkey responses carry the portal's public origin, PUBLIC_ORIGIN.)
 */
export class TestBrowser {
  readonly cookies = new Map<string, string>();
  origin: string;
  /**
   * Each browser comes from its own client address (sent as X-Forwarded-For, which the server
   * trusts from loopback proxies), so per-IP rate limits apply per browser as for real visitors.
   */
  ip = `10.${Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 250)}.${1 + Math.floor(Math.random() * 250)}`;
  constructor(readonly base: string) {
    this.origin = new URL(base).origin;
  }

  get csrf(): string {
    return this.cookies.get('dauys_csrf') ?? '';
  }

  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async request(method: string, path: string, init: { body?: string | FormData; contentType?: string; headers?: Record<string, string> } = {}): Promise<Sent> {
    const headers: Record<string, string> = { Origin: this.origin, 'Sec-Fetch-Site': 'same-origin', Accept: 'text/html,application/json', 'X-Forwarded-For': this.ip, ...init.headers };
    if (this.cookies.size > 0) headers.Cookie = this.cookieHeader();
    if (init.contentType) headers['Content-Type'] = init.contentType;
    const res = await fetch(`${this.base}${path}`, { method, headers, body: init.body, redirect: 'manual' });
    const setCookies = res.headers.getSetCookie();
    for (const c of setCookies) {
      const [pair, ...attrs] = c.split(';');
      const i = pair!.indexOf('=');
      const name = pair!.slice(0, i).trim();
      const value = decodeURIComponent(pair!.slice(i + 1).trim());
      const expired = attrs.some((a) => /max-age=0/i.test(a.trim())) || value === '';
      if (expired) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = JSON.parse(text) as Record<string, unknown>;
    } catch {
      json = {};
    }
    return { status: res.status, headers: res.headers, text, json, location: res.headers.get('Location'), setCookies };
  }

  get(path: string, headers?: Record<string, string>): Promise<Sent> {
    return this.request('GET', path, { headers });
  }

  /** A form POST with the CSRF field (unless `csrf: false`). */
  postForm(path: string, fields: Record<string, string | string[]>, opts: { csrf?: boolean } = {}): Promise<Sent> {
    const body = new URLSearchParams();
    if (opts.csrf !== false) body.append('csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    return this.request('POST', path, { body: body.toString(), contentType: 'application/x-www-form-urlencoded' });
  }

  /**
   * A multipart form POST (file uploads) with the CSRF field (unless `csrf: false`): `files` are [field, file name, MIME
   * type, bytes]; fetch writes the boundary and Content-Type.
   */
  postMultipart(path: string, fields: Record<string, string | string[]>, files: [string, string, string, Uint8Array][] = [], opts: { csrf?: boolean } = {}): Promise<Sent> {
    const body = new FormData();
    if (opts.csrf !== false) body.append('csrf', this.csrf);
    for (const [k, v] of Object.entries(fields)) for (const item of Array.isArray(v) ? v : [v]) body.append(k, item);
    for (const [field, name, type, bytes] of files) body.append(field, new Blob([new Uint8Array(bytes)], { type }), name);
    return this.request('POST', path, { body });
  }

  /** A JSON POST with the X-CSRF-Token header (unless `csrf: false`). */
  postJson(path: string, value: unknown, opts: { csrf?: boolean } = {}): Promise<Sent> {
    return this.request('POST', path, {
      body: JSON.stringify(value),
      contentType: 'application/json',
      headers: opts.csrf === false ? {} : { 'X-CSRF-Token': this.csrf },
    });
  }
}
