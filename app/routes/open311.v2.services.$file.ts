import type { LoaderFunctionArgs } from '@remix-run/node';
import { splitFormat } from '../domain/reports/open311';
import { serviceExists } from '../domain/reports/open311.server';
import { getDeps } from '../services/db.server';
import { open311Error, open311Message, open311Reply, open311RequestLocale } from '../services/open311.server';

/** GET /open311/v2/services/{code}.{json,xml}: a service definition (no extra attributes are asked). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const file = splitFormat(params.file);
  const format = file?.format ?? 'json';
  const locale = open311RequestLocale(request);
  if (!file || !/^[a-z][a-z0-9_]{0,63}$/.test(file.name) || !(await serviceExists(getDeps(), file.name)))
    return open311Error(format, 404, open311Message(locale, 'unknownService', { code: file?.name ?? String(params.file ?? '') }));
  return open311Reply(format, 'service_definition', null, { service_code: file.name, attributes: [] }, { cache: 'public, max-age=300' });
}
