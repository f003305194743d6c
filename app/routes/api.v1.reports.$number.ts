import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { weakEtag } from '../domain/opendata/etag.server';
import { apiLocale, JSON_TYPE, methodNotAllowed, preflight, problem, problemReply, representation, validatorOf, type ApiReply } from '../domain/opendata/http';
import { parseDetailParams } from '../domain/opendata/params';
import { getOpenReport } from '../domain/opendata/reports.server';
import { reportPublic } from '../i18n/areas/reportPublic';
import { getDeps } from '../services/db.server';
import { getEnv } from '../services/env.server';

const reply = (r: ApiReply) => new Response(r.body, { status: r.status, headers: r.headers });

/** GET /api/v1/reports/:number: one public report with its public history (no personal data). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return reply(preflight());
  const url = new URL(request.url);
  const { publicOrigin } = getEnv();
  const locale = apiLocale(url.searchParams.get('lng'), request.headers.get('Accept-Language'));
  const parsed = parseDetailParams(url.searchParams);
  if (parsed.kind === 'invalid') return reply(problemReply(problem('invalidParameters', locale, publicOrigin, { instance: url.pathname, errors: parsed.errors }), locale));
  const report = await getOpenReport(getDeps(), params.number ?? '', { publicOrigin });
  if (!report) {
    const text = reportPublic[locale].api.notFound;
    const notFound = problem('notFound', locale, publicOrigin, { instance: url.pathname });
    return reply(problemReply({ ...notFound, type: notFound.type.replace(/#.*$/, '#/components/responses/ReportNotFound'), title: text.title, detail: text.detail }, locale));
  }
  return reply(representation({ body: JSON.stringify(report), contentType: JSON_TYPE, etag: weakEtag(validatorOf(report, 'json')), ifNoneMatch: request.headers.get('If-None-Match') }));
}

/** The open data is read-only. */
export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  return reply(methodNotAllowed(apiLocale(url.searchParams.get('lng'), request.headers.get('Accept-Language')), getEnv().publicOrigin));
}
