import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { parseRequestsQuery, splitFormat } from '../domain/reports/open311';
import { fileReportForPartner, findRequests, listServices, partnerByKey, serviceExists } from '../domain/reports/open311.server';
import { getDeps } from '../services/db.server';
import { getEnv } from '../services/env.server';
import { open311Error, open311Message, open311Reply, open311RequestLocale, statusLabels } from '../services/open311.server';

/**
 * Open311 GeoReport v2: GET services.{json,xml}, GET requests.{json,xml} (filters:
 * service_request_id, service_code, start_date, end_date, status; at most 1000; by default the last
 * 90 days), POST requests.{json,xml} with a partner's api_key. Decisions: app/domain/reports/open311.ts.
 */

export async function loader({ request, params }: LoaderFunctionArgs) {
  const file = splitFormat(params.resource);
  const format = file?.format ?? 'json';
  const locale = open311RequestLocale(request);
  if (!file || (file.name !== 'services' && file.name !== 'requests')) return open311Error(format, 404, open311Message(locale, 'notFound'));
  const deps = getDeps();
  if (file.name === 'services') return open311Reply(format, 'services', 'service', await listServices(deps, locale), { cache: 'public, max-age=300', locale });
  const url = new URL(request.url);
  const parsed = parseRequestsQuery(url.searchParams, deps.clock.now());
  if (parsed.kind === 'bad-date') return open311Error(format, 400, open311Message(locale, 'badDate'));
  if (parsed.kind === 'bad-status') return open311Error(format, 400, open311Message(locale, 'badRequest', { detail: 'status must be open or closed' }));
  if (parsed.query.serviceCode && !(await serviceExists(deps, parsed.query.serviceCode))) return open311Error(format, 400, open311Message(locale, 'unknownService', { code: parsed.query.serviceCode }));
  const requests = await findRequests(deps, parsed.query, { locale, publicOrigin: getEnv().publicOrigin, labels: statusLabels(locale) });
  return open311Reply(format, 'service_requests', 'request', requests, { cache: 'public, max-age=60', locale });
}

const MAX_BODY = 64 * 1024;
const field = z.string().trim().max(200).optional();
const PostFields = z.object({
  service_code: z.string().trim().max(64).optional(),
  lat: z.string().trim().max(40).optional(),
  long: z.string().trim().max(40).optional(),
  address_string: z.string().trim().max(300).optional(),
  description: z.string().max(10_000).optional(),
  email: field,
  first_name: field,
  last_name: field,
  phone: field,
  account_id: field,
  device_id: field,
});

function coordinate(v: string | undefined): number | null {
  if (v === undefined || !/^-?\d{1,3}(\.\d+)?$/.test(v)) return null;
  const n = Number(v);
  return Number.isFinite(n) ? n : null;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const file = splitFormat(params.resource);
  const format = file?.format ?? 'json';
  const url = new URL(request.url);
  let locale = open311RequestLocale(request);
  if (Number(request.headers.get('Content-Length') ?? 0) > MAX_BODY) return open311Error(format, 413, open311Message(locale, 'badRequest', { detail: 'body too large' }));
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return open311Error(format, 400, open311Message(locale, 'badRequest', { detail: 'send application/x-www-form-urlencoded or multipart/form-data' }));
  }
  locale = open311RequestLocale(request, form);
  // Every state-changing request is authenticated first (the API key stands in for a CSRF token).
  const deps = getDeps();
  const key = form.get('api_key') ?? url.searchParams.get('api_key');
  const partner = await partnerByKey(deps, typeof key === 'string' ? key : null);
  if (!partner) return open311Error(format, 403, open311Message(locale, 'badKey'));
  if (request.method !== 'POST' || file?.name !== 'requests') return open311Error(format, 405, open311Message(locale, 'notAllowed'));

  const raw: Record<string, string> = {};
  for (const k of Object.keys(PostFields.shape)) {
    const v = form.get(k);
    if (typeof v === 'string' && v.trim() !== '') raw[k] = v;
  }
  const parsed = PostFields.safeParse(raw);
  if (!parsed.success) return open311Error(format, 400, open311Message(locale, 'badRequest', { detail: parsed.error.issues.map((i) => i.path.join('.')).join(', ') }));
  const f = parsed.data;
  if (!f.service_code) return open311Error(format, 400, open311Message(locale, 'badRequest', { detail: 'service_code is required' }));
  if (!(await serviceExists(deps, f.service_code))) return open311Error(format, 400, open311Message(locale, 'unknownService', { code: f.service_code }));
  const lat = coordinate(f.lat);
  const long = coordinate(f.long);
  if (lat === null || long === null) return open311Error(format, 400, open311Message(locale, 'missingLocation'));
  if (!f.description || f.description.trim().length < 10) return open311Error(format, 400, open311Message(locale, 'missingDescription'));

  const contact: Record<string, string> = {};
  for (const k of ['email', 'first_name', 'last_name', 'phone', 'account_id', 'device_id'] as const) if (f[k]) contact[k] = f[k]!;
  const outcome = await fileReportForPartner(deps, {
    partnerId: partner.id,
    serviceCode: f.service_code,
    lat,
    long,
    addressString: f.address_string ?? null,
    description: f.description,
    contact,
    locale,
  });
  if (outcome.kind === 'refused') {
    if (outcome.reason === 'unknown-category') return open311Error(format, 400, open311Message(locale, 'unknownService', { code: f.service_code }));
    if (outcome.reason === 'outside') return open311Error(format, 400, open311Message(locale, 'outside'));
    return open311Error(format, 400, open311Message(locale, 'badRequest', { detail: open311Message(locale, outcome.message.key, outcome.message.params) }));
  }
  const pageUrl = `${getEnv().publicOrigin}/reports/${outcome.number}`;
  return open311Reply(
    format,
    'service_requests',
    'request',
    [{ service_request_id: outcome.number, token: outcome.token, service_notice: open311Message(locale, 'notice', { number: outcome.number, url: pageUrl }), account_id: f.account_id ?? null }],
    { status: 201, locale },
  );
}
