import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { finishRegistration } from '../domain/identity/passkeys.server';
import { requireCsrf } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { getIdentityConfig } from '../services/identity.server';
import { readJson } from '../services/json-body.server';
import { noStore, refusal } from '../services/responses.server';
import { getSession, requestMeta, sessionCookie } from '../services/session.server';

const Body = z.object({
  response: z
    .object({ id: z.string(), rawId: z.string(), type: z.literal('public-key'), response: z.object({ clientDataJSON: z.string(), attestationObject: z.string() }).passthrough() })
    .passthrough(),
  name: z.string().max(200).default(''),
});

/** POST: verifies and stores a new passkey. From an enrolling session it signs the person in. */
export async function action({ request }: ActionFunctionArgs) {
  requireCsrf(request);
  const session = await getSession(request);
  if (!session) return refusal(request, 401, 'not-enrolling');
  const parsed = Body.safeParse(await readJson(request));
  if (!parsed.success) return refusal(request, 400, 'malformed');
  const outcome = await finishRegistration(getDeps(), getIdentityConfig(), session, parsed.data.response as never, {
    name: parsed.data.name,
    meta: requestMeta(request),
  });
  if (outcome.kind === 'refused') return refusal(request, outcome.reason === 'malformed' ? 400 : outcome.reason === 'already-registered' ? 409 : 401, outcome.reason);
  const headers = new Headers();
  if (outcome.session) headers.append('Set-Cookie', sessionCookie(outcome.session.token, outcome.session.expiresAt));
  const redirectTo = session.stage === 'enrolling' ? '/account?created=1' : '/account?added=1';
  return noStore({ ok: true, redirectTo }, { headers });
}
