import { getT } from '../i18n';
import { resolveLocale } from './locale.server';

/** A JSON refusal with a stable code and a message in the visitor's language. */
export function refusal(request: Request, status: number, code: string, params: Record<string, unknown> = {}): Response {
  const t = getT(resolveLocale(request));
  // 'area:code' picks another area's strings (e.g. 'signing:already-signed'); plain codes are identity's.
  const key = code.includes(':') ? `${code.split(':')[0]}.reason.${code.split(':')[1]}` : `identity.errors.${code}`;
  const message = t(key, params);
  return Response.json({ error: code.includes(':') ? code.split(':')[1] : code, message: message === key ? t('errors.errorText') : message }, { status, headers: { 'Cache-Control': 'no-store' } });
}

export function noStore(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set('Cache-Control', 'no-store');
  return Response.json(body, { ...init, headers });
}
