import type { ActionFunctionArgs } from '@remix-run/node';
import { startRegistration } from '../domain/identity/passkeys.server';
import { requireCsrf } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { getIdentityConfig } from '../services/identity.server';
import { noStore, refusal } from '../services/responses.server';
import { getSession } from '../services/session.server';

/** POST: registration options for the signed-in (or enrolling) account. */
export async function action({ request }: ActionFunctionArgs) {
  requireCsrf(request);
  const session = await getSession(request);
  if (!session) return refusal(request, 401, 'not-enrolling');
  const options = await startRegistration(getDeps(), getIdentityConfig(), session.accountId);
  return noStore({ options });
}
