import { readCookie } from './cookies.server';

/**
 * A first-party device id (random, set once per browser by the HTTP server) used only by the
 * integrity checks to see one device signing for many people. Never shown, never shared.
 */
export const DEVICE_COOKIE = 'dauys_device';

export function deviceIdOf(request: Request): string | null {
  const v = readCookie(request, DEVICE_COOKIE);
  return v && /^[A-Za-z0-9_-]{16,64}$/.test(v) ? v : null;
}
