import { and, eq, gt, isNull, lt } from 'drizzle-orm';
import { oidcTransactions } from '../../../db/schema';
import type { RequestMeta } from '../audit/audit.server';
import type { Deps } from '../shared/deps';
import { openEnrollment, recordProofing, type ProofingOutcome } from './citizens.server';
import type { IdentityConfig } from './config';
import { mapClaims, type ClaimField, type Claims, type OidcClaimNames } from './oidc-claims';

/**
 * OpenID Connect login transactions: what the portal must remember between sending a citizen to
 * the identity provider and the provider sending them back (state, nonce, PKCE code verifier,
 * purpose). Rules:
 * - a transaction lives 10 minutes (`OIDC_TRANSACTION_TTL_MS`) and is used at most once: the
 *   callback consumes it atomically before anything else, so a replayed or concurrent callback
 *   with the same state finds it used;
 * - the state is the key: an unknown state is refused, whatever else the request carries;
 * - used and expired rows are kept one hour after expiry (to tell "used"/"expired" from
 *   "unknown"), then pruned when a new transaction is created.
 */
export const OIDC_TRANSACTION_TTL_MS = 10 * 60 * 1000;
const PRUNE_AFTER_MS = 60 * 60 * 1000;
/** Longer states are never ours (openid-client's are 43 characters). */
const MAX_STATE_LENGTH = 200;

export type OidcPurpose = 'enroll' | 'recover';

export interface OidcTransaction {
  state: string;
  nonce: string;
  codeVerifier: string;
  purpose: OidcPurpose;
  returnTo: string | null;
}

export async function createOidcTransaction(
  deps: Pick<Deps, 'db' | 'clock'>,
  transaction: OidcTransaction,
  ttlMs: number = OIDC_TRANSACTION_TTL_MS,
): Promise<{ expiresAt: Date }> {
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + ttlMs);
  await deps.db.delete(oidcTransactions).where(lt(oidcTransactions.expiresAt, new Date(now.getTime() - PRUNE_AFTER_MS)));
  await deps.db.insert(oidcTransactions).values({ ...transaction, createdAt: now, expiresAt });
  return { expiresAt };
}

export type TransactionRefusal = 'unknown-state' | 'state-used' | 'expired';

/** Marks the transaction of `state` used, atomically, and returns it; refuses unknown, used or expired states. */
export async function consumeOidcTransaction(
  deps: Pick<Deps, 'db' | 'clock'>,
  state: string,
): Promise<{ kind: 'ok'; transaction: OidcTransaction } | { kind: 'refused'; reason: TransactionRefusal }> {
  if (state.length === 0 || state.length > MAX_STATE_LENGTH) return { kind: 'refused', reason: 'unknown-state' };
  const now = deps.clock.now();
  const [row] = await deps.db
    .update(oidcTransactions)
    .set({ usedAt: now })
    .where(and(eq(oidcTransactions.state, state), isNull(oidcTransactions.usedAt), gt(oidcTransactions.expiresAt, now)))
    .returning();
  if (row) {
    return {
      kind: 'ok',
      transaction: {
        state: row.state,
        nonce: row.nonce,
        codeVerifier: row.codeVerifier,
        purpose: row.purpose === 'recover' ? 'recover' : 'enroll',
        returnTo: row.returnTo,
      },
    };
  }
  const [known] = await deps.db.select({ usedAt: oidcTransactions.usedAt }).from(oidcTransactions).where(eq(oidcTransactions.state, state));
  if (!known) return { kind: 'refused', reason: 'unknown-state' };
  return { kind: 'refused', reason: known.usedAt ? 'state-used' : 'expired' };
}

export type OidcProofingRefusal =
  | 'missing-iin'
  | 'missing-details'
  | 'malformed-claims'
  | Extract<ProofingOutcome, { kind: 'refused' }>['reason'];

export type OidcProofingOutcome =
  | { kind: 'enrolled'; accountId: string; created: boolean; purpose: OidcPurpose; token: string; expiresAt: Date }
  | { kind: 'refused'; reason: OidcProofingRefusal; fields?: ClaimField[] };

/**
 * The claims the provider vouched for (already verified: ID token and userinfo checked by the
 * services layer) become a proofing: mapped by the configured names, validated and recorded
 * exactly as any provider's (`recordProofing`, method 'oidc'), then an enrolling session opens.
 * A refusal creates no account and no session.
 */
export async function completeOidcProofing(
  deps: Deps,
  cfg: IdentityConfig,
  input: { claims: Claims; names: OidcClaimNames; purpose: OidcPurpose },
  meta: RequestMeta,
): Promise<OidcProofingOutcome> {
  const mapped = mapClaims(input.claims, input.names);
  if (mapped.kind === 'refused') {
    deps.log.warn({ reason: mapped.reason, fields: mapped.fields }, 'oidc proofing refused: claims');
    return { kind: 'refused', reason: mapped.reason, fields: mapped.fields };
  }
  const outcome = await recordProofing(deps, cfg, mapped.identity, 'oidc', meta);
  if (outcome.kind === 'refused') {
    deps.log.warn({ reason: outcome.reason, detail: outcome.detail }, 'oidc proofing refused');
    return { kind: 'refused', reason: outcome.reason };
  }
  const session = await openEnrollment(deps, cfg, outcome.accountId, input.purpose, meta);
  return {
    kind: 'enrolled',
    accountId: outcome.accountId,
    created: outcome.created,
    purpose: input.purpose,
    token: session.token,
    expiresAt: session.expiresAt,
  };
}
