import { pick } from 'accept-language-parser';
import { DEFAULT_LOCALE, LOCALES, isLocale, type Locale } from '../i18n';

export const LOCALE_COOKIE = 'lng';

function cookieValue(header: string | null, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** The request's language: `?lng=` in the URL, then the cookie, then Accept-Language, then Kazakh. */
export function resolveLocale(request: Request): Locale {
  const fromUrl = new URL(request.url).searchParams.get('lng');
  if (isLocale(fromUrl)) return fromUrl;
  const fromCookie = cookieValue(request.headers.get('Cookie'), LOCALE_COOKIE);
  if (isLocale(fromCookie)) return fromCookie;
  const accept = request.headers.get('Accept-Language');
  if (accept) {
    const picked = pick([...LOCALES], accept, { loose: true });
    if (isLocale(picked)) return picked;
  }
  return DEFAULT_LOCALE;
}
