import type { LoaderFunctionArgs } from '@remix-run/node';
import { preflight } from '../domain/opendata/http';
import { parseDetailParams, parsePetitionRef } from '../domain/opendata/params';
import { getPublicPetition } from '../domain/opendata/petitions.server';
import { getDeps } from '../services/db.server';
import { apiRequest, invalidParameters, jsonReply, notFound, readOnlyAction, reply } from '../services/opendata-http.server';

/** GET /api/v1/petitions/:id (id or public number): one public petition with counts by region and its timeline. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return reply(preflight());
  const r = apiRequest(request);
  const parsed = parseDetailParams(r.url.searchParams);
  if (parsed.kind === 'invalid') return invalidParameters(r, parsed.errors);
  const ref = parsePetitionRef(params.id);
  const petition = ref ? await getPublicPetition(getDeps(), ref, { publicOrigin: r.publicOrigin }) : null;
  if (!petition) return notFound(r);
  return jsonReply(r, petition);
}

/** The open data is read-only. */
export const action = readOnlyAction;
