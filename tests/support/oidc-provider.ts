import { createPrivateKey, generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeIin } from './citizens';

/**
 * A real OpenID Connect provider (panva's oidc-provider, the certified implementation) on a
 * loopback port, for tests and local runs: one registered confidential client (client_secret_basic,
 * code flow, PKCE required), accounts whose claims are plain data, and its own login page at
 * /interaction/:uid (an account select) that a browser can use, plus `login()` that goes through
 * the same pages over HTTP so tests need no browser.
 *
 * Claims: `given_name`, `family_name`, `birthdate`, `iin` and `residence_kato` belong to the
 * `profile` scope, `email` and `email_verified` to `email`. By default (as OIDC Core asks when an
 * access token is issued) they are served by userinfo only and the ID token carries `sub`;
 * `claimsInIdToken: true` puts them in the ID token too.
 */
export interface OidcAccount {
  sub: string;
  /** Shown on the login page. */
  label?: string;
  claims: Record<string, unknown>;
}

export interface OidcProviderOptions {
  /** The client's registered redirect URI (the portal's /auth/oidc/callback). */
  redirectUri: string;
  clientId?: string;
  clientSecret?: string;
  accounts?: OidcAccount[];
  /** The issuer the provider announces; default its own URL. Another value simulates a wrong issuer. */
  issuer?: string;
  /** Where it is reached; default http://127.0.0.1:<port>. */
  publicUrl?: (port: number) => string;
  port?: number;
  /** Addresses to listen on (loopback only); default 127.0.0.1. */
  hosts?: string[];
  claimsInIdToken?: boolean;
}

export interface OidcTestProvider {
  /** The URL the provider is reached at (what the portal's OIDC_ISSUER names). */
  url: string;
  /** The issuer it announces (differs from `url` only with the `issuer` override). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  accounts: Map<string, OidcAccount>;
  /** Paths requested, in order (e.g. to see whether userinfo was called). */
  requests: string[];
  /** Goes through the provider's login for `sub` over HTTP; returns the redirect back to the client. */
  login(authorizationUrl: string | URL, sub: string): Promise<URL>;
  /** Goes to the login page and cancels; returns the redirect back (error=access_denied). */
  cancel(authorizationUrl: string | URL): Promise<URL>;
  close(): Promise<void>;
}

/** A valid IIN and matching birth date for the default accounts. */
const AIGERIM_IIN = makeIin('1990-05-17', 'F', 4321);
const ERLAN_IIN = makeIin('1984-11-02', 'M', 815);

/** A wrong check digit on an otherwise well-formed IIN. */
export function corruptIin(iin: string): string {
  return `${iin.slice(0, 11)}${(Number(iin[11]) + 1) % 10}`;
}

export const DEFAULT_ACCOUNTS: OidcAccount[] = [
  {
    sub: 'aigerim',
    label: 'Aigerim Saparova (valid)',
    claims: {
      iin: AIGERIM_IIN,
      given_name: 'Айгерим',
      family_name: 'Сапарова',
      birthdate: '1990-05-17',
      residence_kato: '711110000',
      email: 'aigerim@example.kz',
      email_verified: true,
    },
  },
  {
    sub: 'erlan',
    label: 'Erlan Akhmetov (valid)',
    claims: { iin: ERLAN_IIN, given_name: 'Ерлан', family_name: 'Ахметов', birthdate: '1984-11-02', residence_kato: '751310000' },
  },
  {
    sub: 'no-iin',
    label: 'No IIN claim',
    claims: { given_name: 'Дана', family_name: 'Омарова', birthdate: '1995-03-08', residence_kato: '711110000' },
  },
  {
    sub: 'bad-iin',
    label: 'Invalid IIN (check digit)',
    claims: { iin: corruptIin(makeIin('1992-07-21', 'M', 42)), given_name: 'Нурлан', family_name: 'Касымов', residence_kato: '711110000' },
  },
  {
    sub: 'wrong-birthdate',
    label: 'Birth date not matching the IIN',
    claims: { iin: makeIin('1988-01-15', 'F', 99), given_name: 'Гульнара', family_name: 'Жумабаева', birthdate: '1988-01-16', residence_kato: '711110000' },
  },
];

// oidc-provider ships no types: the small part used here, typed locally.
interface InteractionDetails {
  uid: string;
  prompt: { name: string; details: Record<string, unknown> };
  params: Record<string, unknown>;
  grantId?: string;
}
interface GrantInstance {
  addOIDCScope(scope: string): void;
  addOIDCClaims(claims: string[]): void;
  save(): Promise<string>;
}
interface ProviderInstance {
  callback(): (req: IncomingMessage, res: ServerResponse) => void;
  interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
  interactionFinished(req: IncomingMessage, res: ServerResponse, result: Record<string, unknown>, opts?: { mergeWithLastSubmission?: boolean }): Promise<void>;
  Grant: new (init: { accountId: string; clientId: string }) => GrantInstance;
  on(event: string, listener: (...args: unknown[]) => void): void;
}
type ProviderConstructor = new (issuer: string, configuration: Record<string, unknown>) => ProviderInstance;

const PACKAGE = 'oidc-provider';
async function loadProvider(): Promise<ProviderConstructor> {
  const mod = (await import(PACKAGE)) as { default: ProviderConstructor };
  return mod.default;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(uid: string, accounts: OidcAccount[], clientId: string): string {
  const options = accounts
    .map((a) => `<option value="${escapeHtml(a.sub)}">${escapeHtml(a.label ?? a.sub)}</option>`)
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: sans-serif; max-width: 32rem; margin: 2rem auto">
<h1>Test identity provider</h1>
<p>A local OpenID Connect provider for development and tests. <strong>${escapeHtml(clientId)}</strong> asks who you are.</p>
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
  <label for="account">Account</label>
  <select id="account" name="account">${options}</select>
  <button type="submit">Sign in</button>
</form>
<form method="post" action="/interaction/${escapeHtml(uid)}/abort"><button type="submit">Cancel</button></form>
</body></html>`;
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > 10_000) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export async function startOidcProvider(opts: OidcProviderOptions): Promise<OidcTestProvider> {
  const Provider = await loadProvider();
  const clientId = opts.clientId ?? 'dauys-test';
  const clientSecret = opts.clientSecret ?? randomBytes(24).toString('base64url');
  const accounts = new Map((opts.accounts ?? DEFAULT_ACCOUNTS).map((a) => [a.sub, a]));
  const requests: string[] = [];
  // Set once the port is known (the issuer names it); requests before that get a 503.
  const ready: { provider?: ProviderInstance; handle?: (req: IncomingMessage, res: ServerResponse) => void } = {};

  const send = (res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8') => {
    res.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' });
    res.end(body);
  };

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    const p = ready.provider!;
    const details = await p.interactionDetails(req, res);
    if (details.uid !== uid) return send(res, 400, 'interaction mismatch');
    if (req.method === 'GET' && !action) {
      return send(res, 200, loginPage(uid, [...accounts.values()], String(details.params.client_id)), 'text/html; charset=utf-8');
    }
    if (req.method === 'POST' && action === 'abort') {
      return p.interactionFinished(req, res, { error: 'access_denied', error_description: 'End-User aborted interaction' }, { mergeWithLastSubmission: false });
    }
    if (req.method === 'POST' && action === 'login') {
      const form = await readForm(req);
      const sub = form.get('account') ?? '';
      if (!accounts.has(sub)) return send(res, 400, 'unknown account');
      // Login and consent in one step: a grant for every scope and claim the client asked for.
      const grant = new p.Grant({ accountId: sub, clientId: String(details.params.client_id) });
      grant.addOIDCScope(String(details.params.scope ?? 'openid'));
      const claims = details.prompt.details.missingOIDCClaims;
      if (Array.isArray(claims)) grant.addOIDCClaims(claims as string[]);
      const grantId = await grant.save();
      return p.interactionFinished(req, res, { login: { accountId: sub }, consent: { grantId } }, { mergeWithLastSubmission: false });
    }
    return send(res, 405, 'method not allowed');
  }

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '/').split('?')[0]!;
    requests.push(path);
    if (!ready.provider || !ready.handle) return send(res, 503, 'starting');
    const m = /^\/interaction\/([A-Za-z0-9_-]+)(?:\/(login|abort))?$/.exec(path);
    if (m) {
      interaction(req, res, m[1]!, m[2]).catch((err: unknown) => {
        if (!res.headersSent) send(res, 400, `interaction failed: ${err instanceof Error ? err.message : String(err)}`);
      });
      return;
    }
    ready.handle(req, res);
  };

  const hosts = opts.hosts ?? ['127.0.0.1'];
  const servers: Server[] = [];
  let port = opts.port ?? 0;
  for (const host of hosts) {
    const server = createServer(onRequest);
    try {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
    } catch (err) {
      // A second address (e.g. ::1 without IPv6) is optional; the first one is not.
      if (servers.length === 0) throw err;
      continue;
    }
    port = (server.address() as AddressInfo).port;
    servers.push(server);
  }

  const url = opts.publicUrl ? opts.publicUrl(port) : `http://127.0.0.1:${port}`;
  const issuer = opts.issuer ?? url;
  // Exported as PEM by the generation and re-imported before the JWK export (see newP256Key in the
  // soft authenticator: exporting a freshly generated key object as JWK can deadlock on Node 20).
  const { privateKey: pem } = generateKeyPairSync('rsa', { modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'pem' }, privateKeyEncoding: { type: 'pkcs8', format: 'pem' } });
  const signingKey = { ...(createPrivateKey(pem).export({ format: 'jwk' }) as Record<string, unknown>), kid: randomBytes(8).toString('hex'), use: 'sig', alg: 'RS256' };

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [opts.redirectUri],
        response_types: ['code'],
        grant_types: ['authorization_code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    responseTypes: ['code'],
    pkce: { required: () => true },
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    claims: {
      openid: ['sub'],
      profile: ['given_name', 'family_name', 'birthdate', 'iin', 'residence_kato'],
      email: ['email', 'email_verified'],
    },
    conformIdTokenClaims: !opts.claimsInIdToken,
    ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Interaction: 900, Session: 3600, Grant: 3600 },
    features: { devInteractions: { enabled: false } },
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    findAccount: (_ctx: unknown, sub: string) => {
      const account = accounts.get(sub);
      if (!account) return undefined;
      return { accountId: sub, claims: () => ({ ...account.claims, sub }) };
    },
    renderError: (ctx: { type: string; body: string }, out: Record<string, unknown>) => {
      ctx.type = 'text/plain; charset=utf-8';
      ctx.body = `${String(out.error)}: ${String(out.error_description ?? '')}`;
    },
  });
  // Server errors of the provider surface in the response; keep them off the console.
  provider.on('server_error', () => {});
  ready.provider = provider;
  ready.handle = provider.callback();

  async function follow(start: string | URL, choose: (uid: string) => { path: string; body: URLSearchParams }): Promise<URL> {
    const jar = new Map<string, string>();
    const base = new URL(url);
    const fetchWithJar = async (target: URL, init: RequestInit = {}) => {
      const headers = new Headers(init.headers);
      if (jar.size > 0) headers.set('Cookie', [...jar].map(([k, v]) => `${k}=${v}`).join('; '));
      const res = await fetch(target, { ...init, headers, redirect: 'manual' });
      for (const c of res.headers.getSetCookie()) {
        const pair = c.split(';')[0]!;
        const i = pair.indexOf('=');
        const name = pair.slice(0, i).trim();
        const value = pair.slice(i + 1).trim();
        if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(c)) jar.delete(name);
        else jar.set(name, value);
      }
      await res.arrayBuffer();
      return res;
    };
    const next = (res: Response, from: URL): URL => {
      const location = res.headers.get('Location');
      if (res.status < 300 || res.status >= 400 || !location) throw new Error(`expected a redirect from ${from.pathname}, got ${res.status}`);
      return new URL(location, from);
    };
    const authorization = new URL(start);
    let at = next(await fetchWithJar(authorization), authorization);
    // The provider's interaction page (what a browser shows); a redirect straight back means no login was needed.
    if (at.origin === base.origin && at.pathname.startsWith('/interaction/')) {
      const uid = at.pathname.split('/')[2]!;
      const page = await fetchWithJar(at);
      if (page.status !== 200) throw new Error(`login page: ${page.status}`);
      const step = choose(uid);
      const post = new URL(step.path, base);
      at = next(
        await fetchWithJar(post, { method: 'POST', body: step.body.toString(), headers: { 'Content-Type': 'application/x-www-form-urlencoded' } }),
        post,
      );
      while (at.origin === base.origin) at = next(await fetchWithJar(at), at);
    }
    return at;
  }

  return {
    url,
    issuer,
    clientId,
    clientSecret,
    accounts,
    requests,
    login: (authorizationUrl, sub) => follow(authorizationUrl, (uid) => ({ path: `/interaction/${uid}/login`, body: new URLSearchParams({ account: sub }) })),
    cancel: (authorizationUrl) => follow(authorizationUrl, (uid) => ({ path: `/interaction/${uid}/abort`, body: new URLSearchParams() })),
    close: async () => {
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.closeAllConnections();
              s.close(() => resolve());
            }),
        ),
      );
    },
  };
}
