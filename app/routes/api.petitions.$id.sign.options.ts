import type { ActionFunctionArgs } from '@remix-run/node';
import { integrityConfig } from '../domain/integrity/screening.server';
import { startSigning } from '../domain/signatures/signing.server';
import { requireCsrf } from '../services/csrf.server';
import { getSigningDeps } from '../services/db.server';
import { getIdentityConfig } from '../services/identity.server';
import { hitSigningAttempt } from '../services/rate-limit.server';
import { noStore, refusal } from '../services/responses.server';
import { getSession } from '../services/session.server';
import { uuidParam } from '../services/params.server';

/** POST: a signing challenge bound to this petition's text and the signer (per-citizen attempt limits). */
export async function action({ request, params }: ActionFunctionArgs) {
  requireCsrf(request);
  const deps = getSigningDeps();
  const session = await getSession(request, deps);
  if (!session || session.stage !== 'active') return refusal(request, 401, 'not-enrolling');
  // Per-citizen limit on signing attempts (the same localized 429 as the other limits; nothing
  // about integrity checks is said).
  const wait = await hitSigningAttempt(session.accountId, integrityConfig().throttle.perCitizen);
  if (wait) return refusal(request, 429, 'rate-limited', { seconds: wait });
  const outcome = await startSigning(deps, getIdentityConfig(), session.actor, uuidParam(params.id));
  if (outcome.kind === 'refused') return refusal(request, outcome.reason === 'not-found' ? 404 : outcome.reason === 'already-signed' ? 409 : 403, `signing:${outcome.reason}`);
  return noStore({ options: outcome.options, textHash: outcome.textHash, version: outcome.version });
}
