import { getT, type Locale } from '../i18n';
import { apiLocale } from '../domain/opendata/http';
import { open311Locale, toXml, toXmlObject, type Open311Format, type XmlValue } from '../domain/reports/open311';
import type { StatusLabels } from '../domain/reports/open311.server';
import { isReportStatus } from '../domain/reports/states';

/**
 * HTTP glue of Open311 GeoReport v2: the language of an answer, JSON or XML bodies, the spec's
 * error format `[{code, description}]` with the matching HTTP status. No cookies are set on
 * /open311/ (app/services/http.server.ts) and answers may be read from any origin (CORS *).
 */

const CORS = { 'Access-Control-Allow-Origin': '*' } as const;

export function open311RequestLocale(request: Request, form?: FormData | null): Locale {
  const url = new URL(request.url);
  const fromForm = form?.get('locale');
  return open311Locale(typeof fromForm === 'string' ? fromForm : url.searchParams.get('locale')) ?? apiLocale(null, request.headers.get('Accept-Language'));
}

export function statusLabels(locale: Locale): StatusLabels {
  const t = getT(locale);
  return {
    status: (s) => t(`reportPublic.status.${isReportStatus(s) ? s : 'registered'}`),
    decision: (d) => t(`reportPublic.decision.${d}`, { defaultValue: d }),
  };
}

/** `item` null: the body is one object whose fields go straight under the root element. */
export function open311Reply(format: Open311Format, root: string, item: string | null, body: unknown, opts: { status?: number; cache?: string; locale?: Locale } = {}): Response {
  const headers: Record<string, string> = {
    ...CORS,
    'Cache-Control': opts.cache ?? 'no-store',
    'Content-Type': format === 'xml' ? 'application/xml; charset=utf-8' : 'application/json; charset=utf-8',
  };
  if (opts.locale) headers['Content-Language'] = opts.locale;
  const text = format === 'xml' ? (item === null ? toXmlObject(root, body as { [k: string]: XmlValue }) : toXml(root, item, body as XmlValue)) : JSON.stringify(body);
  return new Response(text, { status: opts.status ?? 200, headers });
}

/** An Open311 error: `[{code, description}]` (JSON) or `<errors><error>…</error></errors>` (XML). */
export function open311Error(format: Open311Format, status: number, description: string): Response {
  return open311Reply(format, 'errors', 'error', [{ code: status, description }], { status });
}

/** The translated message of an `reportPublic.open311.*` key (or any full key). */
export function open311Message(locale: Locale, key: string, params: Record<string, string> = {}): string {
  const t = getT(locale);
  return t(key.includes('.') ? key : `reportPublic.open311.${key}`, params);
}
