import type { LoaderFunctionArgs } from '@remix-run/node';
import { preflight } from '../domain/opendata/http';
import { parseDetailParams } from '../domain/opendata/params';
import { getPublicProject } from '../domain/projects/links.server';
import { projectPages } from '../i18n/areas/projectPages';
import { getDeps } from '../services/db.server';
import { apiRequest, invalidParameters, jsonReply, notFound, readOnlyAction, reply } from '../services/opendata-http.server';

/**
 * GET /api/v1/projects/:code: one national project with its indicators, its publicly linked
 * petitions (confirmed links only; no suggestion, score, note or person) and its report categories.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return reply(preflight());
  const r = apiRequest(request);
  const parsed = parseDetailParams(r.url.searchParams);
  if (parsed.kind === 'invalid') return invalidParameters(r, parsed.errors);
  const project = await getPublicProject(getDeps(), params.code ?? '', { publicOrigin: r.publicOrigin });
  // The "not found" problem in the words of a project; its type is the ProjectNotFound response.
  if (!project) return notFound(r, { response: 'ProjectNotFound', ...projectPages[r.locale].api.notFound });
  return jsonReply(r, project);
}

/** The open data is read-only. */
export const action = readOnlyAction;
