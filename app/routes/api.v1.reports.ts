import type { LoaderFunctionArgs } from '@remix-run/node';
import { linkHeader, pageCount, pageLinks, preflight } from '../domain/opendata/http';
import { parseReportListParams } from '../domain/opendata/params';
import { listOpenReports, type OpenReportList } from '../domain/opendata/reports.server';
import { getDeps } from '../services/db.server';
import { apiRequest, invalidParameters, jsonReply, readOnlyAction, reply } from '../services/opendata-http.server';

/** GET /api/v1/reports: public local issue reports, newest first, filtered and paginated (JSON). */
export async function loader({ request }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return reply(preflight());
  const r = apiRequest(request);
  const parsed = parseReportListParams(r.url.searchParams);
  if (parsed.kind === 'invalid') return invalidParameters(r, parsed.errors);
  const q = parsed.value;
  const result = await listOpenReports(getDeps(), q, { publicOrigin: r.publicOrigin });
  if (result.kind === 'invalid') return invalidParameters(r, result.errors);
  const links = pageLinks(r.publicOrigin, r.url.pathname, r.url.searchParams, { page: q.page, perPage: q.perPage, total: result.total });
  const body: OpenReportList = { data: result.reports, meta: { total: result.total, page: q.page, per_page: q.perPage, pages: pageCount(result.total, q.perPage) }, links };
  return jsonReply(r, body, { Link: linkHeader(links), 'X-Total-Count': String(result.total) });
}

/** The open data is read-only. */
export const action = readOnlyAction;
