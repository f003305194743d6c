import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { weakEtag } from '../domain/opendata/etag.server';
import { apiLocale, JSON_TYPE, methodNotAllowed, preflight, problem, problemReply, representation, validatorOf, type ApiReply } from '../domain/opendata/http';
import { parseDetailParams } from '../domain/opendata/params';
import { listPublicProjects } from '../domain/projects/links.server';
import { getDeps } from '../services/db.server';
import { getEnv } from '../services/env.server';

const reply = (r: ApiReply) => new Response(r.body, { status: r.status, headers: r.headers });

/**
 * GET /api/v1/projects: the national projects with their counts of petitions confirmed as linked
 * (public petitions only). Cacheable like every open-data answer (60 s, weak ETag, 304).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return reply(preflight());
  const url = new URL(request.url);
  const { publicOrigin } = getEnv();
  const locale = apiLocale(url.searchParams.get('lng'), request.headers.get('Accept-Language'));
  const parsed = parseDetailParams(url.searchParams);
  if (parsed.kind === 'invalid') return reply(problemReply(problem('invalidParameters', locale, publicOrigin, { instance: url.pathname, errors: parsed.errors }), locale));
  const body = await listPublicProjects(getDeps(), { publicOrigin });
  return reply(
    representation({
      body: JSON.stringify(body),
      contentType: JSON_TYPE,
      etag: weakEtag(validatorOf(body, 'json')),
      ifNoneMatch: request.headers.get('If-None-Match'),
      headers: { 'X-Total-Count': String(body.meta.total) },
    }),
  );
}

/** The open data is read-only. */
export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  return reply(methodNotAllowed(apiLocale(url.searchParams.get('lng'), request.headers.get('Accept-Language')), getEnv().publicOrigin));
}
