import type { LoaderFunctionArgs } from '@remix-run/node';
import { toCsv } from '../domain/opendata/csv';
import { weakEtag } from '../domain/opendata/etag.server';
import { CSV_FILENAME, CSV_TYPE, linkHeader, negotiateFormat, pageCount, pageLinks, preflight, representation, validatorOf } from '../domain/opendata/http';
import { parseListParams } from '../domain/opendata/params';
import { listPublicPetitions } from '../domain/opendata/petitions.server';
import { CSV_HEADER, csvRow, type PetitionList } from '../domain/opendata/representation';
import { getDeps } from '../services/db.server';
import { apiRequest, invalidParameters, jsonReply, readOnlyAction, reply } from '../services/opendata-http.server';

/** GET /api/v1/petitions: public petitions as JSON (default) or CSV, filtered and paginated. */
export async function loader({ request }: LoaderFunctionArgs) {
  if (request.method === 'OPTIONS') return reply(preflight());
  const r = apiRequest(request);
  const parsed = parseListParams(r.url.searchParams);
  if (parsed.kind === 'invalid') return invalidParameters(r, parsed.errors);
  const query = parsed.value;
  const result = await listPublicPetitions(getDeps(), query, { publicOrigin: r.publicOrigin });
  if (result.kind === 'invalid') return invalidParameters(r, result.errors);

  const links = pageLinks(r.publicOrigin, r.url.pathname, r.url.searchParams, { page: query.page, perPage: query.perPage, total: result.total });
  const body: PetitionList = {
    data: result.petitions,
    meta: { total: result.total, page: query.page, per_page: query.perPage, pages: pageCount(result.total, query.perPage) },
    links,
  };
  const format = negotiateFormat(query.format, request.headers.get('Accept'));
  const headers = { Link: linkHeader(links), 'X-Total-Count': String(result.total) };
  if (format !== 'csv') return jsonReply(r, body, headers);
  return reply(
    representation({
      body: toCsv(CSV_HEADER, result.petitions.map(csvRow), { bom: true }),
      contentType: CSV_TYPE,
      etag: weakEtag(validatorOf(body, 'csv')),
      ifNoneMatch: request.headers.get('If-None-Match'),
      headers: { ...headers, 'Content-Disposition': `attachment; filename="${CSV_FILENAME}"` },
    }),
  );
}

/** The open data is read-only. */
export const action = readOnlyAction;
