import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { splitFormat } from '../domain/reports/open311';
import { open311Error, open311Message, open311RequestLocale } from '../services/open311.server';

/** Anything else under /open311/: 404 in the Open311 error format. */
function notFound(request: Request, splat: string | undefined) {
  const format = splitFormat(splat?.split('/').pop())?.format ?? 'json';
  return open311Error(format, 404, open311Message(open311RequestLocale(request), 'notFound'));
}
export const loader = ({ request, params }: LoaderFunctionArgs) => notFound(request, params['*']);
export const action = ({ request, params }: ActionFunctionArgs) => notFound(request, params['*']);
