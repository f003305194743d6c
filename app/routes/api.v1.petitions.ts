import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { toCsv } from '../domain/opendata/csv';
import { weakEtag } from '../domain/opendata/etag.server';
import {
  apiLocale,
  CSV_FILENAME,
  CSV_TYPE,
  JSON_TYPE,
  linkHeader,
  methodNotAllowed,
  negotiateFormat,
  pageCount,
  pageLinks,
  preflight,
  problem,
  problemReply,
  representation,
  validatorOf,
  type ApiReply,
} from '../domain/opendata/http';
import { parseListParams } from '../domain/opendata/params';
import { listPublicPetitions } from '../domain/opendata/petitions.server';
import { CSV_HEADER, csvRow, type PetitionList } from '../domain/opendata/representation';
import { getDeps } from '../services/db.server';
import { getEnv } from '../services/env.server';

const reply = (r: ApiReply) => new Response(r.body, { status: r.status, headers: r.headers });

/** GET /api/v1/petitions: public petitions as JSON (default) or CSV, filtered and paginated. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return reply(preflight());
  const url = new URL(request.url);
  const { publicOrigin } = getEnv();
  const locale = apiLocale(url.searchParams.get('lng'), request.headers.get('Accept-Language'));
  const parsed = parseListParams(url.searchParams);
  if (parsed.kind === 'invalid') return reply(problemReply(problem('invalidParameters', locale, publicOrigin, { instance: url.pathname, errors: parsed.errors }), locale));
  const query = parsed.value;
  const result = await listPublicPetitions(getDeps(), query, { publicOrigin });
  if (result.kind === 'invalid') return reply(problemReply(problem('invalidParameters', locale, publicOrigin, { instance: url.pathname, errors: result.errors }), locale));

  const links = pageLinks(publicOrigin, url.pathname, url.searchParams, { page: query.page, perPage: query.perPage, total: result.total });
  const body: PetitionList = {
    data: result.petitions,
    meta: { total: result.total, page: query.page, per_page: query.perPage, pages: pageCount(result.total, query.perPage) },
    links,
  };
  const format = negotiateFormat(query.format, request.headers.get('Accept'));
  const headers = { Link: linkHeader(links), 'X-Total-Count': String(result.total) };
  const etag = weakEtag(validatorOf(body, format));
  const ifNoneMatch = request.headers.get('If-None-Match');
  if (format === 'csv')
    return reply(
      representation({
        body: toCsv(CSV_HEADER, result.petitions.map(csvRow), { bom: true }),
        contentType: CSV_TYPE,
        etag,
        ifNoneMatch,
        headers: { ...headers, 'Content-Disposition': `attachment; filename="${CSV_FILENAME}"` },
      }),
    );
  return reply(representation({ body: JSON.stringify(body), contentType: JSON_TYPE, etag, ifNoneMatch, headers }));
}

/** The open data is read-only. */
export async function action({ request }: ActionFunctionArgs) {
  const url = new URL(request.url);
  return reply(methodNotAllowed(apiLocale(url.searchParams.get('lng'), request.headers.get('Accept-Language')), getEnv().publicOrigin));
}
