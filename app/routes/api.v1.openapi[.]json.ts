import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { weakEtag } from '../domain/opendata/etag.server';
import { apiLocale, JSON_TYPE, methodNotAllowed, preflight, representation, validatorOf, type ApiReply } from '../domain/opendata/http';
import { openApiDocument } from '../domain/opendata/openapi';
import { getEnv } from '../services/env.server';

const reply = (r: ApiReply) => new Response(r.body, { status: r.status, headers: r.headers });

/** GET /api/v1/openapi.json: the OpenAPI 3.1 description of the open-data API. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return reply(preflight());
  const doc = openApiDocument(getEnv().publicOrigin);
  return reply(
    representation({
      body: JSON.stringify(doc),
      contentType: JSON_TYPE,
      etag: weakEtag(validatorOf(doc, 'json')),
      ifNoneMatch: request.headers.get('If-None-Match'),
    }),
  );
}

/** The open data is read-only. */
export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  return reply(methodNotAllowed(apiLocale(url.searchParams.get('lng'), request.headers.get('Accept-Language')), getEnv().publicOrigin));
}
