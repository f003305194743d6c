import { randomBytes, timingSafeEqual } from 'node:crypto';
import { cookieName, readCookie } from './cookies.server';

/**
 * CSRF protection by double submit: a random token in an HttpOnly cookie (set by the HTTP server
 * on the first visit) must come back in the form field `csrf` or the `X-CSRF-Token` header of
 * every state-changing request. Cross-site requests are also refused by the server's origin check.
 */
export const CSRF_COOKIE = 'dauys_csrf';
export const CSRF_FIELD = 'csrf';

export function csrfCookieName(): string {
  return cookieName(CSRF_COOKIE);
}

export function newCsrfToken(): string {
  return randomBytes(32).toString('base64url');
}

export function csrfTokenOf(request: Request): string | undefined {
  return readCookie(request, csrfCookieName());
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Throws 403 unless the request carries the session's CSRF token (form field or header). */
export function requireCsrf(request: Request, form?: FormData): void {
  const expected = csrfTokenOf(request);
  const sent = request.headers.get('X-CSRF-Token') ?? form?.get(CSRF_FIELD);
  if (!expected || typeof sent !== 'string' || !same(expected, sent)) {
    throw new Response('CSRF token missing or invalid', { status: 403 });
  }
}

/** Reads the form of a POST and checks its CSRF token. */
export async function csrfForm(request: Request): Promise<FormData> {
  const form = await request.formData();
  requireCsrf(request, form);
  return form;
}
