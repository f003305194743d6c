import type { LoaderFunctionArgs } from '@remix-run/node';
import { splitFormat } from '../domain/reports/open311';
import { findRequests } from '../domain/reports/open311.server';
import { REGISTRATION_NUMBER } from '../domain/reports/public.server';
import { getDeps } from '../services/db.server';
import { getEnv } from '../services/env.server';
import { open311Error, open311Message, open311Reply, open311RequestLocale, statusLabels } from '../services/open311.server';

/** GET /open311/v2/requests/{id}.{json,xml}: one service request (an array of one, as the spec). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const file = splitFormat(params.file);
  const format = file?.format ?? 'json';
  const locale = open311RequestLocale(request);
  const found = file && REGISTRATION_NUMBER.test(file.name) ? await findRequests(getDeps(), { ids: [file.name] }, { locale, publicOrigin: getEnv().publicOrigin, labels: statusLabels(locale) }) : [];
  if (found.length === 0) return open311Error(format, 404, open311Message(locale, 'notFound'));
  return open311Reply(format, 'service_requests', 'request', found, { cache: 'public, max-age=60', locale });
}
