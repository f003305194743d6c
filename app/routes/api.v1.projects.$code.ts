import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { weakEtag } from '../domain/opendata/etag.server';
import { apiLocale, JSON_TYPE, methodNotAllowed, preflight, problem, problemReply, representation, validatorOf, type ApiReply } from '../domain/opendata/http';
import { parseDetailParams } from '../domain/opendata/params';
import { getPublicProject } from '../domain/projects/links.server';
import { projectPages } from '../i18n/areas/projectPages';
import { getDeps } from '../services/db.server';
import { getEnv } from '../services/env.server';

const reply = (r: ApiReply) => new Response(r.body, { status: r.status, headers: r.headers });

/**
 * GET /api/v1/projects/:code: one national project with its indicators, its publicly linked
 * petitions (confirmed links only; no suggestion, score, note or person) and its report categories.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return reply(preflight());
  const url = new URL(request.url);
  const { publicOrigin } = getEnv();
  const locale = apiLocale(url.searchParams.get('lng'), request.headers.get('Accept-Language'));
  const parsed = parseDetailParams(url.searchParams);
  if (parsed.kind === 'invalid') return reply(problemReply(problem('invalidParameters', locale, publicOrigin, { instance: url.pathname, errors: parsed.errors }), locale));
  const project = await getPublicProject(getDeps(), params.code ?? '', { publicOrigin });
  if (!project) {
    // The "not found" problem in the words of a project; its type is the ProjectNotFound response.
    const text = projectPages[locale].api.notFound;
    const notFound = problem('notFound', locale, publicOrigin, { instance: url.pathname });
    return reply(
      problemReply({ ...notFound, type: notFound.type.replace(/#.*$/, '#/components/responses/ProjectNotFound'), title: text.title, detail: text.detail }, locale),
    );
  }
  return reply(
    representation({
      body: JSON.stringify(project),
      contentType: JSON_TYPE,
      etag: weakEtag(validatorOf(project, 'json')),
      ifNoneMatch: request.headers.get('If-None-Match'),
    }),
  );
}

/** The open data is read-only. */
export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  return reply(methodNotAllowed(apiLocale(url.searchParams.get('lng'), request.headers.get('Accept-Language')), getEnv().publicOrigin));
}
