import type { LoaderFunctionArgs } from '@remix-run/node';
import { preflight } from '../domain/opendata/http';
import { parseDetailParams } from '../domain/opendata/params';
import { listPublicProjects } from '../domain/projects/links.server';
import { getDeps } from '../services/db.server';
import { apiRequest, invalidParameters, jsonReply, readOnlyAction, reply } from '../services/opendata-http.server';

/**
 * GET /api/v1/projects: the national projects with their counts of petitions confirmed as linked
 * (public petitions only). Cacheable like every open-data answer (60 s, weak ETag, 304).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return reply(preflight());
  const r = apiRequest(request);
  const parsed = parseDetailParams(r.url.searchParams);
  if (parsed.kind === 'invalid') return invalidParameters(r, parsed.errors);
  const body = await listPublicProjects(getDeps(), { publicOrigin: r.publicOrigin });
  return jsonReply(r, body, { 'X-Total-Count': String(body.meta.total) });
}

/** The open data is read-only. */
export const action = readOnlyAction;
