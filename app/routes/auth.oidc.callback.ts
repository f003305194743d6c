import type { LoaderFunctionArgs } from '@remix-run/node';
import { redirect } from '@remix-run/node';
import { completeOidcProofing, consumeOidcTransaction, type OidcProofingRefusal, type OidcPurpose } from '../domain/identity/oidc.server';
import { getDeps } from '../services/db.server';
import { getIdentityConfig } from '../services/identity.server';
import { logger } from '../services/logger.server';
import {
  clearOidcStateCookie,
  finishOidcLogin,
  oidcSettings,
  stateBoundToBrowser,
  type OidcErrorCode,
} from '../services/oidc.server';
import { requestMeta, sessionCookie } from '../services/session.server';

/** What the citizen is told for each refused proofing (keys of identity.errors). */
const PROOFING_ERRORS: Record<OidcProofingRefusal, OidcErrorCode> = {
  'missing-iin': 'oidc-missing-claim',
  'missing-details': 'oidc-missing-details',
  'malformed-claims': 'oidc-invalid-claims',
  'invalid-claims': 'oidc-invalid-claims',
  'invalid-iin': 'oidc-invalid-iin',
  'birthdate-mismatch': 'birthdate-mismatch',
  'unknown-residence': 'oidc-unknown-residence',
  'account-disabled': 'account-disabled',
};

function refuse(purpose: OidcPurpose, error: OidcErrorCode, opts: { clearState: boolean }): Response {
  const query = new URLSearchParams({ ...(purpose === 'recover' ? { purpose } : {}), error });
  const headers = new Headers({ 'Cache-Control': 'no-store' });
  if (opts.clearState) headers.append('Set-Cookie', clearOidcStateCookie());
  return redirect(`/enroll?${query}`, { headers });
}

/**
 * GET (the provider sends the citizen back here): the state must be the one this browser started
 * with, and its transaction unknown to no one, unused and unexpired (it is consumed at once);
 * then the code grant is completed (PKCE verifier, state, nonce, issuer, ID token signature),
 * the claims are recorded as a proofing and an enrolling session opens: on to the passkey. Any
 * failure goes back to /enroll with a localized error, and no session is created.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const settings = oidcSettings();
  if (!settings) throw new Response('Not Found', { status: 404 });
  // Only a browser's GET completes a login: a HEAD (link checkers, prefetchers) must not burn the state.
  if (request.method !== 'GET') throw new Response(null, { status: 405, headers: { Allow: 'GET' } });
  const query = new URL(request.url).searchParams;
  const state = query.get('state') ?? '';
  const log = logger.child({ route: 'auth.oidc.callback' });

  if (!stateBoundToBrowser(request, state)) {
    // Not this browser's login (or no state at all): the transaction, if any, stays for its owner.
    log.warn({ reason: state ? 'state-not-bound-to-browser' : 'no-state' }, 'oidc callback refused');
    return refuse('enroll', 'oidc-failed', { clearState: false });
  }
  const deps = getDeps();
  const consumed = await consumeOidcTransaction(deps, state);
  if (consumed.kind === 'refused') {
    log.warn({ reason: consumed.reason }, 'oidc callback refused');
    return refuse('enroll', consumed.reason === 'expired' ? 'oidc-expired' : 'oidc-failed', { clearState: true });
  }
  const { transaction } = consumed;
  const finished = await finishOidcLogin(settings, query, transaction);
  if (finished.kind === 'failed') {
    log.warn({ reason: finished.reason, detail: finished.detail }, 'oidc callback refused');
    const error = finished.reason === 'cancelled' ? 'oidc-cancelled' : finished.reason === 'unavailable' ? 'oidc-unavailable' : 'oidc-failed';
    return refuse(transaction.purpose, error, { clearState: true });
  }
  const outcome = await completeOidcProofing(
    deps,
    getIdentityConfig(),
    { claims: finished.claims, names: settings.claims, purpose: transaction.purpose },
    requestMeta(request),
  );
  if (outcome.kind === 'refused') return refuse(transaction.purpose, PROOFING_ERRORS[outcome.reason], { clearState: true });

  const headers = new Headers({ 'Cache-Control': 'no-store' });
  headers.append('Set-Cookie', clearOidcStateCookie());
  headers.append('Set-Cookie', sessionCookie(outcome.token, outcome.expiresAt));
  const existing = outcome.created ? '' : '&existing=1';
  return redirect(`/enroll/passkey?purpose=${outcome.purpose}${existing}`, { headers });
}
