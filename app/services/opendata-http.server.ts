import type { ActionFunctionArgs } from '@remix-run/node';
import { weakEtag } from '../domain/opendata/etag.server';
import { apiLocale, JSON_TYPE, methodNotAllowed, problem, problemReply, representation, validatorOf, type ApiLocale, type ApiReply } from '../domain/opendata/http';
import type { ParamError } from '../domain/opendata/params';
import { getEnv } from './env.server';

/**
 * What every open-data route (/api/v1/*) shares: its reply as a Response, the request's language
 * and origin, the problem answers (invalid parameters, not found) and the cacheable JSON answer.
 */
export const reply = (r: ApiReply): Response => new Response(r.body, { status: r.status, headers: r.headers });

export interface ApiRequest {
  request: Request;
  url: URL;
  publicOrigin: string;
  locale: ApiLocale;
}

export function apiRequest(request: Request): ApiRequest {
  const url = new URL(request.url);
  return { request, url, publicOrigin: getEnv().publicOrigin, locale: apiLocale(url.searchParams.get('lng'), request.headers.get('Accept-Language')) };
}

/** 400: the parameters named in `errors` are wrong (RFC 9457 problem, localized). */
export function invalidParameters(r: ApiRequest, errors: ParamError[]): Response {
  return reply(problemReply(problem('invalidParameters', r.locale, r.publicOrigin, { instance: r.url.pathname, errors }), r.locale));
}

/**
 * 404. `as` names a resource's own not-found response in the OpenAPI document (its type points
 * there) with that resource's words; without it, the generic one.
 */
export function notFound(r: ApiRequest, as?: { response: string; title: string; detail: string }): Response {
  const p = problem('notFound', r.locale, r.publicOrigin, { instance: r.url.pathname });
  return reply(problemReply(as ? { ...p, type: p.type.replace(/#.*$/, `#/components/responses/${as.response}`), title: as.title, detail: as.detail } : p, r.locale));
}

/** 200 with a JSON body (weak ETag, 304 when the client has it), plus `headers`. */
export function jsonReply(r: Pick<ApiRequest, 'request'>, body: unknown, headers?: Record<string, string>): Response {
  return reply(
    representation({
      body: JSON.stringify(body),
      contentType: JSON_TYPE,
      etag: weakEtag(validatorOf(body, 'json')),
      ifNoneMatch: r.request.headers.get('If-None-Match'),
      ...(headers ? { headers } : {}),
    }),
  );
}

/** The open data is read-only: every other method is 405. */
export async function readOnlyAction({ request }: ActionFunctionArgs): Promise<Response> {
  const r = apiRequest(request);
  return reply(methodNotAllowed(r.locale, r.publicOrigin));
}
