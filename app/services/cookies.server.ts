import { getEnv } from './env.server';

/** Reads one cookie from a request. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get('Cookie');
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const i = part.indexOf('=');
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

export function isSecureOrigin(): boolean {
  return getEnv().publicOrigin.startsWith('https://');
}

/**
 * A cookie name with the __Host- prefix when served over https (host-only, path /, Secure), and
 * the plain name on http://localhost where browsers refuse __Host- cookies.
 */
export function cookieName(base: string): string {
  return isSecureOrigin() ? `__Host-${base}` : base;
}

export function serializeCookie(
  name: string,
  value: string,
  opts: { maxAgeSeconds?: number; expires?: Date; httpOnly?: boolean } = {},
): string {
  const parts = [`${name}=${encodeURIComponent(value)}`, 'Path=/', 'SameSite=Lax'];
  if (opts.httpOnly !== false) parts.push('HttpOnly');
  if (isSecureOrigin()) parts.push('Secure');
  if (opts.maxAgeSeconds !== undefined) parts.push(`Max-Age=${opts.maxAgeSeconds}`);
  if (opts.expires) parts.push(`Expires=${opts.expires.toUTCString()}`);
  return parts.join('; ');
}
