import type { LoaderFunctionArgs } from '@remix-run/node';
import { preflight } from '../domain/opendata/http';
import { openApiDocument } from '../domain/opendata/openapi';
import { getEnv } from '../services/env.server';
import { jsonReply, readOnlyAction, reply } from '../services/opendata-http.server';

/** GET /api/v1/openapi.json: the OpenAPI 3.1 description of the open-data API. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return reply(preflight());
  return jsonReply({ request }, openApiDocument(getEnv().publicOrigin));
}

/** The open data is read-only. */
export const action = readOnlyAction;
