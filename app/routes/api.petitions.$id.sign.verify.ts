import type { ActionFunctionArgs } from '@remix-run/node';
import { z } from 'zod';
import { signPetition } from '../domain/signatures/signing.server';
import { requireCsrf } from '../services/csrf.server';
import { getSigningDeps } from '../services/db.server';
import { deviceIdOf } from '../services/device.server';
import { getIdentityConfig } from '../services/identity.server';
import { readJson } from '../services/json-body.server';
import { uuidParam } from '../services/params.server';
import { noStore, refusal } from '../services/responses.server';
import { getSession, requestMeta } from '../services/session.server';

const Body = z.object({
  response: z
    .object({ id: z.string(), rawId: z.string(), type: z.literal('public-key'), response: z.object({ clientDataJSON: z.string(), authenticatorData: z.string(), signature: z.string() }).passthrough() })
    .passthrough(),
  notifyOnOutcome: z.boolean().default(false),
});

const STATUS: Record<string, number> = { 'already-signed': 409, 'not-found': 404, malformed: 400, 'text-changed': 409 };

/** POST: records the signature (one transaction: signature + evidence + count event + outbox). */
export async function action({ request, params }: ActionFunctionArgs) {
  requireCsrf(request);
  const deps = getSigningDeps();
  const session = await getSession(request, deps);
  if (!session || session.stage !== 'active') return refusal(request, 401, 'not-enrolling');
  const parsed = Body.safeParse(await readJson(request));
  if (!parsed.success) return refusal(request, 400, 'malformed');
  const meta = requestMeta(request);
  const outcome = await signPetition(deps, getIdentityConfig(), session.actor, uuidParam(params.id), parsed.data.response as never, {
    ip: meta.ip,
    userAgent: meta.userAgent,
    deviceId: deviceIdOf(request),
    notifyOnOutcome: parsed.data.notifyOnOutcome,
  });
  if (outcome.kind === 'refused') {
    const ceremony = ['challenge-unknown', 'challenge-used', 'challenge-expired', 'credential-unknown', 'credential-revoked', 'verification-failed', 'user-not-verified', 'malformed'];
    const code = ceremony.includes(outcome.reason) ? outcome.reason : `signing:${outcome.reason}`;
    return refusal(request, STATUS[outcome.reason] ?? (ceremony.includes(outcome.reason) ? 401 : 403), code);
  }
  return noStore({ ok: true, signatureId: outcome.signatureId });
}
