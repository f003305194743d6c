import type { LoaderFunctionArgs } from '@remix-run/node';
import { splitFormat } from '../domain/reports/open311';
import { findRequests } from '../domain/reports/open311.server';
import { getDeps } from '../services/db.server';
import { getEnv } from '../services/env.server';
import { open311Error, open311Message, open311Reply, open311RequestLocale, statusLabels } from '../services/open311.server';

/** GET /open311/v2/tokens/{token}.{json,xml}: the service_request_id behind a token handed back by POST. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const file = splitFormat(params.file);
  const format = file?.format ?? 'json';
  const locale = open311RequestLocale(request);
  const token = file && /^[A-Za-z0-9_-]{10,64}$/.test(file.name) ? file.name : null;
  const found = token ? await findRequests(getDeps(), { token }, { locale, publicOrigin: getEnv().publicOrigin, labels: statusLabels(locale) }) : [];
  if (!token || found.length === 0) return open311Error(format, 404, open311Message(locale, 'tokenNotFound'));
  return open311Reply(format, 'service_requests', 'request', [{ service_request_id: found[0]!.service_request_id, token }], { cache: 'no-store', locale });
}
