import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { finishSignIn } from '../domain/identity/passkeys.server';
import { safeReturnTo } from '../domain/shared/urls';
import { requireCsrf } from '../services/csrf.server';
import { getDeps } from '../services/db.server';
import { getIdentityConfig } from '../services/identity.server';
import { readJson } from '../services/json-body.server';
import { hitLimit } from '../services/rate-limit.server';
import { noStore, refusal } from '../services/responses.server';
import { requestMeta, sessionCookie } from '../services/session.server';

const Body = z.object({
  response: z.object({ id: z.string(), rawId: z.string(), type: z.literal('public-key'), response: z.object({ clientDataJSON: z.string() }).passthrough() }).passthrough(),
  returnTo: z.string().optional(),
});

/** POST: verifies the assertion; a new session cookie on success, a 4xx with a reason otherwise. */
export async function action({ request }: ActionFunctionArgs) {
  requireCsrf(request);
  const meta = requestMeta(request);
  const wait = await hitLimit('signIn', meta.ip ?? '');
  if (wait) return refusal(request, 429, 'rate-limited', { seconds: wait });
  const parsed = Body.safeParse(await readJson(request));
  if (!parsed.success) return refusal(request, 400, 'malformed');
  const outcome = await finishSignIn(getDeps(), getIdentityConfig(), parsed.data.response as never, meta);
  if (outcome.kind === 'refused') return refusal(request, outcome.reason === 'malformed' ? 400 : 401, outcome.reason);
  return noStore(
    { ok: true, redirectTo: safeReturnTo(parsed.data.returnTo) },
    { headers: { 'Set-Cookie': sessionCookie(outcome.session.token, outcome.session.expiresAt) } },
  );
}
