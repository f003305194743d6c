import { pick } from 'accept-language-parser';
import { opendata } from '../../i18n/areas/opendata';
import { API_LOCALES, type Format, type ParamError } from './params';

/**
 * The HTTP side of the open data, as pure functions producing a plain reply ({ status, headers,
 * body }) that a route turns into a Response: content negotiation, caching fit for a CDN,
 * conditional requests, pagination links (RFC 8288), CORS and problem details (RFC 9457).
 *
 * Caching: every successful answer is `public, max-age=60, stale-while-revalidate=300` with a weak
 * ETag (etag.server.ts) and `Vary: Accept, Accept-Language`; `If-None-Match` is compared with the
 * weak comparison of RFC 9110 §8.8.3.2 and answered 304 when it matches. Problems are `no-store`
 * (an error should not outlive its cause in a shared cache).
 *
 * Language: problems are written in the language of `?lng=`, else `Accept-Language`, else Kazakh.
 * The `lng` cookie of the HTML pages is NOT read here: a CDN keys on the URL and the headers named
 * in Vary, never on cookies.
 */

export type ApiLocale = (typeof API_LOCALES)[number];

export interface ApiReply {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

export const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';
export const VARY = 'Accept, Accept-Language';
export const JSON_TYPE = 'application/json; charset=utf-8';
export const CSV_TYPE = 'text/csv; charset=utf-8; header=present';
export const PROBLEM_TYPE = 'application/problem+json; charset=utf-8';
export const CSV_FILENAME = 'dauys-petitions.csv';

const CORS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'ETag, Link, X-Total-Count, Content-Disposition, Content-Language',
} as const;

/** The problem language: `lng`, then Accept-Language, then Kazakh (the state language). */
export function apiLocale(lng: string | null, acceptLanguage: string | null): ApiLocale {
  if (lng && (API_LOCALES as readonly string[]).includes(lng)) return lng as ApiLocale;
  if (acceptLanguage) {
    const picked = pick([...API_LOCALES], acceptLanguage, { loose: true });
    if (picked && (API_LOCALES as readonly string[]).includes(picked)) return picked as ApiLocale;
  }
  return 'kk';
}

interface MediaRange {
  type: string;
  subtype: string;
  q: number;
}

function parseAccept(header: string): MediaRange[] {
  const out: MediaRange[] = [];
  for (const part of header.split(',')) {
    const [range, ...params] = part.split(';').map((s) => s.trim());
    const m = /^([a-z0-9!#$%&'*+.^_`|~-]+)\/([a-z0-9!#$%&'*+.^_`|~-]+)$/i.exec(range ?? '');
    if (!m) continue;
    let q = 1;
    for (const p of params) {
      const qm = /^q=([01](?:\.[0-9]{0,3})?)$/i.exec(p);
      if (qm) q = Math.min(1, Number(qm[1]));
    }
    out.push({ type: m[1]!.toLowerCase(), subtype: m[2]!.toLowerCase(), q });
  }
  return out;
}

/** The q-value the Accept header gives a media type: from its most specific matching range (RFC 9110 §12.5.1). */
export function acceptQuality(accept: string, type: string): number {
  const [t, s] = type.split('/') as [string, string];
  let best: { specificity: number; q: number } | null = null;
  for (const r of parseAccept(accept)) {
    const specificity = r.type === t && r.subtype === s ? 2 : r.type === t && r.subtype === '*' ? 1 : r.type === '*' && r.subtype === '*' ? 0 : -1;
    if (specificity < 0) continue;
    if (!best || specificity > best.specificity) best = { specificity, q: r.q };
  }
  return best?.q ?? 0;
}

/**
 * JSON or CSV: `format` in the URL wins; else CSV when the Accept header prefers text/csv to
 * application/json (a tie, `*\/*` or no header gives JSON).
 */
export function negotiateFormat(explicit: Format | null, accept: string | null): Format {
  if (explicit) return explicit;
  if (!accept) return 'json';
  return acceptQuality(accept, 'text/csv') > acceptQuality(accept, 'application/json') ? 'csv' : 'json';
}

/** The opaque part of an entity tag (without W/), or null when it is not one. */
function opaque(tag: string): string | null {
  const m = /^(?:W\/)?("[\x21\x23-\x7e\x80-\xff]*")$/.exec(tag.trim());
  return m ? m[1]! : null;
}

/** Whether If-None-Match matches `etag` (weak comparison; `*` matches any current representation). */
export function ifNoneMatchMatches(header: string | null, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  const mine = opaque(etag);
  if (mine === null) return false;
  return header.split(',').some((t) => opaque(t) === mine);
}

/**
 * What the ETag is computed from: the body without the `counted_at` stamps. The counts reconciler
 * re-stamps every petition's counted_at on each pass (every few seconds) even when no count
 * changed; such a representation is semantically the same (its older stamp stays true: the counts
 * were correct then), which is what a weak validator allows (RFC 9110 §8.8.1). Any change of a
 * count, a state, a text or a page's membership changes the ETag.
 */
export function validatorOf(body: unknown, variant: string): string {
  return `${variant}\n${JSON.stringify(body, (key, value: unknown) => (key === 'counted_at' ? undefined : value))}`;
}

export interface Page {
  page: number;
  perPage: number;
  total: number;
}

export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

/** The URL of another page: the request's own parameters (in their order) with `page` replaced. */
export function pageUrl(publicOrigin: string, pathname: string, search: URLSearchParams, page: number): string {
  const params = new URLSearchParams(search);
  params.set('page', String(page));
  return `${publicOrigin.replace(/\/+$/, '')}${pathname}?${params.toString()}`;
}

export interface PageLinks {
  self: string;
  first: string;
  last: string;
  prev: string | null;
  next: string | null;
}

/** first, last, prev (when page > 1; never past the last page) and next (when there is a later page). */
export function pageLinks(publicOrigin: string, pathname: string, search: URLSearchParams, p: Page): PageLinks {
  const last = pageCount(p.total, p.perPage);
  const url = (n: number) => pageUrl(publicOrigin, pathname, search, n);
  return {
    self: url(p.page),
    first: url(1),
    last: url(last),
    prev: p.page > 1 ? url(Math.min(p.page - 1, last)) : null,
    next: p.page < last ? url(p.page + 1) : null,
  };
}

/** The RFC 8288 Link header value: first, prev, next, last (those that exist). */
export function linkHeader(links: PageLinks): string {
  const rels: [string, string | null][] = [
    ['first', links.first],
    ['prev', links.prev],
    ['next', links.next],
    ['last', links.last],
  ];
  return rels
    .filter((r): r is [string, string] => r[1] !== null)
    .map(([rel, url]) => `<${url}>; rel="${rel}"`)
    .join(', ');
}

/** A cacheable representation, or 304 when the client already holds it. */
export function representation(opts: {
  body: string;
  contentType: string;
  etag: string;
  ifNoneMatch: string | null;
  headers?: Record<string, string>;
}): ApiReply {
  const headers: Record<string, string> = {
    ...CORS,
    'Cache-Control': CACHE_CONTROL,
    Vary: VARY,
    ETag: opts.etag,
    ...opts.headers,
  };
  if (ifNoneMatchMatches(opts.ifNoneMatch, opts.etag)) {
    delete headers['Content-Disposition'];
    return { status: 304, headers, body: null };
  }
  return { status: 200, headers: { ...headers, 'Content-Type': opts.contentType }, body: opts.body };
}

/** The answer to a CORS preflight (GET with If-None-Match or Accept-Language from another origin). */
export function preflight(): ApiReply {
  return {
    status: 204,
    headers: {
      ...CORS,
      'Access-Control-Allow-Methods': 'GET, HEAD, OPTIONS',
      'Access-Control-Allow-Headers': 'Accept, Accept-Language, If-None-Match',
      'Access-Control-Max-Age': '86400',
      'Cache-Control': 'public, max-age=86400',
      Vary: VARY,
    },
    body: null,
  };
}

/** RFC 9457 problem details, with the errors of each parameter. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors: { parameter: string; code: string; message: string }[];
}

type ProblemKind = keyof (typeof opendata)['en']['problem'];

/** The documentation of each problem type: its response in the OpenAPI document. */
export const PROBLEM_REFS: Record<ProblemKind, string> = {
  invalidParameters: '#/components/responses/BadRequest',
  notFound: '#/components/responses/NotFound',
  methodNotAllowed: '#/components/responses/MethodNotAllowed',
};

const STATUS: Record<ProblemKind, number> = { invalidParameters: 400, notFound: 404, methodNotAllowed: 405 };

function interpolate(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** The message of one parameter error in a language. */
export function paramErrorMessage(locale: ApiLocale, e: ParamError): string {
  return interpolate(opendata[locale].error[e.code], e.params);
}

export function problem(kind: ProblemKind, locale: ApiLocale, publicOrigin: string, opts: { instance?: string; errors?: ParamError[] } = {}): Problem {
  const text = opendata[locale].problem[kind];
  return {
    type: `${publicOrigin.replace(/\/+$/, '')}/api/v1/openapi.json${PROBLEM_REFS[kind]}`,
    title: text.title,
    status: STATUS[kind],
    detail: text.detail,
    ...(opts.instance ? { instance: opts.instance } : {}),
    errors: (opts.errors ?? []).map((e) => ({ parameter: e.parameter, code: e.code, message: paramErrorMessage(locale, e) })),
  };
}

export function problemReply(p: Problem, locale: ApiLocale, headers: Record<string, string> = {}): ApiReply {
  return {
    status: p.status,
    headers: { ...CORS, 'Content-Type': PROBLEM_TYPE, 'Cache-Control': 'no-store', Vary: VARY, 'Content-Language': locale, ...headers },
    body: JSON.stringify(p),
  };
}

/** 405 for anything but GET, HEAD and OPTIONS. */
export function methodNotAllowed(locale: ApiLocale, publicOrigin: string): ApiReply {
  return problemReply(problem('methodNotAllowed', locale, publicOrigin), locale, { Allow: 'GET, HEAD, OPTIONS' });
}
