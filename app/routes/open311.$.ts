import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { splitFormat } from '../domain/reports/open311';
import { partnerByKey } from '../domain/reports/open311.server';
import { getDeps } from '../services/db.server';
import { open311Error, open311Message, open311RequestLocale } from '../services/open311.server';

/** Anything else under /open311/: 404 in the Open311 error format. */
function notFound(request: Request, splat: string | undefined) {
  const format = splitFormat(splat?.split('/').pop())?.format ?? 'json';
  return open311Error(format, 404, open311Message(open311RequestLocale(request), 'notFound'));
}
export const loader = ({ request, params }: LoaderFunctionArgs) => notFound(request, params['*']);
/** A state-changing request is authenticated first (403 without a valid API key), then 404. */
export async function action({ request, params }: ActionFunctionArgs) {
  const format = splitFormat(params['*']?.split('/').pop())?.format ?? 'json';
  const form = await request.formData().catch(() => null);
  const key = form?.get('api_key') ?? new URL(request.url).searchParams.get('api_key');
  if (!(await partnerByKey(getDeps(), typeof key === 'string' ? key : null))) return open311Error(format, 403, open311Message(open311RequestLocale(request), 'badKey'));
  return notFound(request, params['*']);
}
