import type { LoaderFunctionArgs } from '@remix-run/node';
import { preflight } from '../domain/opendata/http';
import { parseDetailParams } from '../domain/opendata/params';
import { getOpenReport } from '../domain/opendata/reports.server';
import { reportPublic } from '../i18n/areas/reportPublic';
import { getDeps } from '../services/db.server';
import { apiRequest, invalidParameters, jsonReply, notFound, readOnlyAction, reply } from '../services/opendata-http.server';

/** GET /api/v1/reports/:number: one public report with its public history (no personal data). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return reply(preflight());
  const r = apiRequest(request);
  const parsed = parseDetailParams(r.url.searchParams);
  if (parsed.kind === 'invalid') return invalidParameters(r, parsed.errors);
  const report = await getOpenReport(getDeps(), params.number ?? '', { publicOrigin: r.publicOrigin });
  if (!report) return notFound(r, { response: 'ReportNotFound', ...reportPublic[r.locale].api.notFound });
  return jsonReply(r, report);
}

/** The open data is read-only. */
export const action = readOnlyAction;
