import { redirect } from '@remix-run/node';
import type { RequestMeta } from '../domain/audit/audit.server';
import { can, type Permission, type Scope } from '../domain/identity/permissions';
import { resolveSession, type CurrentSession } from '../domain/identity/sessions.server';
import { cookieName, readCookie, serializeCookie } from './cookies.server';
import type { Deps } from '../domain/shared/deps';
import { getDeps } from './db.server';
import { getIdentityConfig } from './identity.server';

export const SESSION_COOKIE = 'dauys_session';

export function sessionCookieName(): string {
  return cookieName(SESSION_COOKIE);
}

/** Set-Cookie for a new session (the cookie lives until the session's absolute expiry). */
export function sessionCookie(token: string, expiresAt: Date): string {
  return serializeCookie(sessionCookieName(), token, { expires: expiresAt });
}

export function clearSessionCookie(): string {
  return serializeCookie(sessionCookieName(), '', { maxAgeSeconds: 0 });
}

/** The live session of the request, or null (expired, revoked, unknown or absent). */
export async function getSession(request: Request, deps: Pick<Deps, 'db' | 'clock'> = getDeps()): Promise<CurrentSession | null> {
  const token = readCookie(request, sessionCookieName());
  if (!token) return null;
  return resolveSession(deps, getIdentityConfig(), token);
}

export function requestMeta(request: Request): RequestMeta {
  const ip = request.headers.get('X-Dauys-Client-Ip');
  return { ip: ip || null, userAgent: request.headers.get('User-Agent')?.slice(0, 400) ?? null };
}

function signInRedirect(request: Request): Response {
  const url = new URL(request.url);
  return redirect(`/signin?returnTo=${encodeURIComponent(url.pathname + url.search)}`);
}

/** An active session, else a redirect to sign in. */
export async function requireSession(request: Request): Promise<CurrentSession> {
  const session = await getSession(request);
  if (!session || session.stage !== 'active') throw signInRedirect(request);
  return session;
}

/** An enrolling session (proofed or invited, no passkey yet), else back to the start. */
export async function requireEnrollingSession(request: Request): Promise<CurrentSession> {
  const session = await getSession(request);
  if (!session) throw redirect('/enroll');
  return session;
}

/** An active session whose actor holds the permission; 403 otherwise. */
export async function requirePermission(request: Request, permission: Permission, scope?: Scope): Promise<CurrentSession> {
  const session = await requireSession(request);
  if (!can(session.actor, permission, scope)) throw new Response('Forbidden', { status: 403 });
  return session;
}
