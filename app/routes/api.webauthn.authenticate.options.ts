import type { ActionFunctionArgs } from '@remix-run/node';
import { startAuthentication } from '../domain/identity/passkeys.server';
import { requireCsrf } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { getIdentityConfig } from '../services/identity.server';
import { hitLimit } from '../services/rate-limit.server';
import { noStore, refusal } from '../services/responses.server';
import { requestMeta } from '../services/session.server';

/** POST: options for signing in with a discoverable passkey (a fresh single-use challenge). */
export async function action({ request }: ActionFunctionArgs) {
  requireCsrf(request);
  const wait = await hitLimit('signIn', requestMeta(request).ip ?? '');
  if (wait) return refusal(request, 429, 'rate-limited', { seconds: wait });
  const options = await startAuthentication(getDeps(), getIdentityConfig());
  return noStore({ options });
}
