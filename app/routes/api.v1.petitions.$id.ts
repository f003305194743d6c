import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { weakEtag } from '../domain/opendata/etag.server';
import { apiLocale, JSON_TYPE, methodNotAllowed, preflight, problem, problemReply, representation, validatorOf, type ApiReply } from '../domain/opendata/http';
import { parseDetailParams, parsePetitionRef } from '../domain/opendata/params';
import { getPublicPetition } from '../domain/opendata/petitions.server';
import { getDeps } from '../services/db.server';
import { getEnv } from '../services/env.server';

const reply = (r: ApiReply) => new Response(r.body, { status: r.status, headers: r.headers });

/** GET /api/v1/petitions/:id (id or public number): one public petition with counts by region and its timeline. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return reply(preflight());
  const url = new URL(request.url);
  const { publicOrigin } = getEnv();
  const locale = apiLocale(url.searchParams.get('lng'), request.headers.get('Accept-Language'));
  const parsed = parseDetailParams(url.searchParams);
  if (parsed.kind === 'invalid') return reply(problemReply(problem('invalidParameters', locale, publicOrigin, { instance: url.pathname, errors: parsed.errors }), locale));
  const ref = parsePetitionRef(params.id);
  const petition = ref ? await getPublicPetition(getDeps(), ref, { publicOrigin }) : null;
  if (!petition) return reply(problemReply(problem('notFound', locale, publicOrigin, { instance: url.pathname }), locale));
  return reply(
    representation({
      body: JSON.stringify(petition),
      contentType: JSON_TYPE,
      etag: weakEtag(validatorOf(petition, 'json')),
      ifNoneMatch: request.headers.get('If-None-Match'),
    }),
  );
}

/** The open data is read-only. */
export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  return reply(methodNotAllowed(apiLocale(url.searchParams.get('lng'), request.headers.get('Accept-Language')), getEnv().publicOrigin));
}
