import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { weakEtag } from '../domain/opendata/etag.server';
import { apiLocale, JSON_TYPE, linkHeader, methodNotAllowed, pageCount, pageLinks, preflight, problem, problemReply, representation, validatorOf, type ApiReply } from '../domain/opendata/http';
import { parseReportListParams } from '../domain/opendata/params';
import { listOpenReports, type OpenReportList } from '../domain/opendata/reports.server';
import { getDeps } from '../services/db.server';
import { getEnv } from '../services/env.server';

const reply = (r: ApiReply) => new Response(r.body, { status: r.status, headers: r.headers });

/** GET /api/v1/reports: public local issue reports, newest first, filtered and paginated (JSON). */
export async function loader({ request }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return reply(preflight());
  const url = new URL(request.url);
  const { publicOrigin } = getEnv();
  const locale = apiLocale(url.searchParams.get('lng'), request.headers.get('Accept-Language'));
  const parsed = parseReportListParams(url.searchParams);
  if (parsed.kind === 'invalid') return reply(problemReply(problem('invalidParameters', locale, publicOrigin, { instance: url.pathname, errors: parsed.errors }), locale));
  const q = parsed.value;
  const result = await listOpenReports(getDeps(), q, { publicOrigin });
  if (result.kind === 'invalid') return reply(problemReply(problem('invalidParameters', locale, publicOrigin, { instance: url.pathname, errors: result.errors }), locale));
  const links = pageLinks(publicOrigin, url.pathname, url.searchParams, { page: q.page, perPage: q.perPage, total: result.total });
  const body: OpenReportList = { data: result.reports, meta: { total: result.total, page: q.page, per_page: q.perPage, pages: pageCount(result.total, q.perPage) }, links };
  return reply(
    representation({
      body: JSON.stringify(body),
      contentType: JSON_TYPE,
      etag: weakEtag(validatorOf(body, 'json')),
      ifNoneMatch: request.headers.get('If-None-Match'),
      headers: { Link: linkHeader(links), 'X-Total-Count': String(result.total) },
    }),
  );
}

/** The open data is read-only. */
export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  return reply(methodNotAllowed(apiLocale(url.searchParams.get('lng'), request.headers.get('Accept-Language')), getEnv().publicOrigin));
}
