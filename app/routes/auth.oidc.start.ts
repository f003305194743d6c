import type { ActionFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { z } from 'zod';
import { createOidcTransaction } from '../domain/identity/oidc.server';
import { csrfForm } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { resolveLocale } from '../services/locale.server';
import { logger } from '../services/logger.server';
import { beginOidcLogin, describeOidcError, failureKind, oidcSettings, oidcStateCookie, type OidcErrorCode } from '../services/oidc.server';
import { hitLimit } from '../services/rate-limit.server';
import { requestMeta } from '../services/session.server';

const Purpose = z.enum(['enroll', 'recover']).catch('enroll');

function backToEnroll(purpose: 'enroll' | 'recover', error: OidcErrorCode, extra: Record<string, string> = {}): Response {
  const query = new URLSearchParams({ ...(purpose === 'recover' ? { purpose } : {}), error, ...extra });
  return redirect(`/enroll?${query}`, { headers: { 'Cache-Control': 'no-store' } });
}

/**
 * POST (the "national identity provider" button on /enroll): CSRF, rate limit, a new single-use
 * transaction (state, nonce, PKCE verifier; 10 minutes), then 302 to the provider. The state is
 * also bound to this browser by a cookie the callback checks.
 */
export async function action({ request }: ActionFunctionArgs) {
  const form = await csrfForm(request);
  const settings = oidcSettings();
  if (!settings) throw new Response('Not Found', { status: 404 });
  const purpose = Purpose.parse(form.get('purpose'));
  const meta = requestMeta(request);
  const wait = await hitLimit('proofing', meta.ip ?? '');
  if (wait) throw backToEnroll(purpose, 'rate-limited', { seconds: String(wait) });

  let login: Awaited<ReturnType<typeof beginOidcLogin>>;
  try {
    login = await beginOidcLogin(settings, { locale: resolveLocale(request) });
  } catch (err) {
    const kind = failureKind(err);
    logger.warn({ kind, detail: describeOidcError(err), issuer: settings.issuer }, 'oidc: provider discovery failed');
    throw backToEnroll(purpose, kind === 'unavailable' ? 'oidc-unavailable' : 'oidc-failed');
  }
  await createOidcTransaction(getDeps(), { ...login.secrets, purpose, returnTo: null });
  throw redirect(login.url.href, { headers: { 'Set-Cookie': oidcStateCookie(login.secrets.state), 'Cache-Control': 'no-store' } });
}

/** A GET has nothing to start: back to the enrollment page. */
export async function loader() {
  throw redirect('/enroll');
}
