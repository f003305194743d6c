import { timingSafeEqual } from 'node:crypto';
import * as client from 'openid-client';
import { missingFields, mergeClaims } from '../domain/identity/oidc-claims';
import type { OidcTransaction } from '../domain/identity/oidc.server';
import { cookieName, readCookie, serializeCookie } from './cookies.server';
import { getEnv, type Env } from './env.server';
import { singleton } from './singleton.server';

/**
 * The OpenID Connect relying party (openid-client v6): authorization code flow with PKCE (S256),
 * state and nonce; confidential client (client_secret_basic); ID token signatures checked against
 * the provider's JWKS (non-repudiation checks), on top of openid-client's checks of issuer,
 * audience, expiry, nonce, state and the RFC 9207 `iss` response parameter.
 *
 * Configuration is read from the environment at each call (never captured at import), and the
 * provider's discovery document is cached per process and per configuration for 24 hours. A
 * failed discovery is not cached.
 */
export type OidcSettings = NonNullable<Env['oidc']>;

/** The OIDC settings when the oidc provider is enabled, else null. */
export function oidcSettings(): OidcSettings | null {
  const env = getEnv();
  if (!env.identityProviders.includes('oidc') || !env.oidc) return null;
  return env.oidc;
}

/** Where the provider sends citizens back: always on the public origin, whatever host served the request. */
export function oidcRedirectUri(): string {
  return new URL('/auth/oidc/callback', getEnv().publicOrigin).href;
}

const DISCOVERY_MAX_AGE_MS = 24 * 60 * 60 * 1000;
type CachedDiscovery = { at: number; config: Promise<client.Configuration> };

function discoveryKey(s: OidcSettings): string {
  return JSON.stringify([s.issuer, s.clientId, s.clientSecret, s.allowInsecure]);
}

/** The client configuration from the provider's discovery document (issuer checked by openid-client). */
export function oidcConfiguration(s: OidcSettings): Promise<client.Configuration> {
  const cache = singleton('oidc-discovery', () => new Map<string, CachedDiscovery>());
  const key = discoveryKey(s);
  const cached = cache.get(key);
  if (cached && Date.now() - cached.at < DISCOVERY_MAX_AGE_MS) return cached.config;
  const execute = [client.enableNonRepudiationChecks];
  // http:// issuers: local test providers only (env.server.ts refuses OIDC_ALLOW_INSECURE in production).
  if (s.allowInsecure) execute.unshift(client.allowInsecureRequests);
  const config = client.discovery(new URL(s.issuer), s.clientId, { client_secret: s.clientSecret }, client.ClientSecretBasic(s.clientSecret), {
    execute,
    timeout: 10,
  });
  const entry: CachedDiscovery = { at: Date.now(), config };
  cache.set(key, entry);
  config.catch(() => {
    if (cache.get(key) === entry) cache.delete(key);
  });
  return config;
}

/** Forgets every cached discovery (tests that restart a provider). */
export function forgetOidcDiscovery(): void {
  singleton('oidc-discovery', () => new Map<string, CachedDiscovery>()).clear();
}

function scopeOf(s: OidcSettings): string {
  const scopes = s.scopes.split(/\s+/).filter(Boolean);
  return (scopes.includes('openid') ? scopes : ['openid', ...scopes]).join(' ');
}

/**
 * A new authorization request: fresh state, nonce and PKCE verifier (to be stored as a transaction)
 * and the provider URL to send the citizen to.
 */
export async function beginOidcLogin(
  s: OidcSettings,
  opts: { locale?: string } = {},
): Promise<{ url: URL; secrets: Pick<OidcTransaction, 'state' | 'nonce' | 'codeVerifier'> }> {
  const config = await oidcConfiguration(s);
  const codeVerifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const params: Record<string, string> = {
    redirect_uri: oidcRedirectUri(),
    scope: scopeOf(s),
    code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  };
  if (opts.locale) params.ui_locales = opts.locale;
  return { url: client.buildAuthorizationUrl(config, params), secrets: { state, nonce, codeVerifier } };
}

export type OidcFinish =
  | { kind: 'ok'; claims: Record<string, unknown>; fromUserinfo: boolean }
  | { kind: 'failed'; reason: 'cancelled' | 'unavailable' | 'failed'; detail: string };

/**
 * Why talking to the provider failed: 'unavailable' when it could not be reached (network error,
 * timeout), 'failed' when it answered wrongly (another issuer, malformed metadata, refused grant).
 */
export function failureKind(err: unknown): 'unavailable' | 'failed' {
  if (err instanceof TypeError) return 'unavailable'; // fetch failed: refused, reset, DNS
  if (err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError')) return 'unavailable';
  return 'failed';
}

/** A log line for a failure: names, codes and messages only (never tokens or claim values). */
export function describeOidcError(err: unknown): string {
  if (err instanceof client.AuthorizationResponseError || err instanceof client.ResponseBodyError)
    return `${err.name}: ${err.error}${err.error_description ? ` (${err.error_description})` : ''}`;
  if (err instanceof Error) {
    const code = (err as { code?: unknown }).code;
    let text = `${err.name}${typeof code === 'string' ? ` ${code}` : ''}: ${err.message}`;
    const cause = err.cause as { claim?: unknown; attribute?: unknown; message?: unknown } | undefined;
    if (typeof cause?.claim === 'string') text += ` (claim ${cause.claim})`;
    else if (typeof cause?.attribute === 'string') text += ` (attribute ${cause.attribute})`;
    else if (cause instanceof Error) text += ` (${cause.message})`;
    return text;
  }
  return String(err);
}

/**
 * Completes the authorization code grant for the callback's query string and the consumed
 * transaction, and returns the verified claims: those of the ID token, completed from userinfo
 * when a configured required claim is missing from it.
 */
export async function finishOidcLogin(s: OidcSettings, query: URLSearchParams, transaction: OidcTransaction): Promise<OidcFinish> {
  let config: client.Configuration;
  try {
    config = await oidcConfiguration(s);
  } catch (err) {
    return { kind: 'failed', reason: failureKind(err), detail: describeOidcError(err) };
  }
  const currentUrl = new URL(oidcRedirectUri());
  currentUrl.search = query.toString();
  try {
    const tokens = await client.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: transaction.codeVerifier,
      expectedState: transaction.state,
      expectedNonce: transaction.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    if (!idToken) return { kind: 'failed', reason: 'failed', detail: 'no ID token' };
    if (missingFields(idToken, s.claims).length === 0) return { kind: 'ok', claims: { ...idToken }, fromUserinfo: false };
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, idToken.sub);
    return { kind: 'ok', claims: mergeClaims(idToken, userinfo), fromUserinfo: true };
  } catch (err) {
    if (err instanceof client.AuthorizationResponseError && err.error === 'access_denied')
      return { kind: 'failed', reason: 'cancelled', detail: describeOidcError(err) };
    return { kind: 'failed', reason: failureKind(err), detail: describeOidcError(err) };
  }
}

// ------------------------------------------------------------- browser binding

/**
 * The state of the login in progress, in an HttpOnly cookie of this browser (10 minutes): the
 * callback is accepted only from the browser that started it, so nobody can make a victim's
 * browser finish a login the attacker started (login CSRF). SameSite=Lax: the provider's redirect
 * back is a top-level GET navigation, which carries it.
 */
export const OIDC_STATE_COOKIE = 'dauys_oidc';
const STATE_COOKIE_SECONDS = 10 * 60;

export function oidcStateCookie(state: string): string {
  return serializeCookie(cookieName(OIDC_STATE_COOKIE), state, { maxAgeSeconds: STATE_COOKIE_SECONDS });
}

export function clearOidcStateCookie(): string {
  return serializeCookie(cookieName(OIDC_STATE_COOKIE), '', { maxAgeSeconds: 0 });
}

/** Whether the request comes from the browser that started the login with this state. */
export function stateBoundToBrowser(request: Request, state: string): boolean {
  const bound = readCookie(request, cookieName(OIDC_STATE_COOKIE));
  if (!bound || !state) return false;
  const a = Buffer.from(bound);
  const b = Buffer.from(state);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Error codes the OIDC routes send to /enroll?error=… (each one a key of identity.errors). */
export const OIDC_ERROR_CODES = [
  'oidc-failed',
  'oidc-missing-claim',
  'oidc-missing-details',
  'oidc-invalid-claims',
  'oidc-invalid-iin',
  'oidc-unknown-residence',
  'oidc-expired',
  'oidc-cancelled',
  'oidc-unavailable',
  'birthdate-mismatch',
  'account-disabled',
  'rate-limited',
] as const;
export type OidcErrorCode = (typeof OIDC_ERROR_CODES)[number];
