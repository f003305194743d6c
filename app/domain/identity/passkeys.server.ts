import { randomBytes } from 'node:crypto';
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
  type AuthenticationResponseJSON,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
} from '@simplewebauthn/server';
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { prepared, type Db } from '../../../db/client';
import { accounts, passkeys, riskEvents, webauthnChallenges } from '../../../db/schema';
import { appendAudit, type RequestMeta } from '../audit/audit.server';
import type { Deps } from '../shared/deps';
import type { IdentityConfig } from './config';
import { createSession, revokeAllSessions, revokeSession, type CurrentSession } from './sessions.server';

/**
 * Passkeys (WebAuthn) with SimpleWebAuthn: user verification required, attestation 'none',
 * discoverable credentials. Challenges are 32 random bytes kept server-side, single use, 5 minutes.
 */
export type ChallengePurpose = 'registration' | 'authentication' | 'signing';

export type CeremonyFailure =
  | 'challenge-unknown'
  | 'challenge-used'
  | 'challenge-expired'
  | 'credential-unknown'
  | 'credential-revoked'
  | 'verification-failed'
  | 'user-not-verified'
  | 'malformed';

export function newChallenge(): string {
  return randomBytes(32).toString('base64url');
}

export async function storeChallenge(
  tx: Db,
  deps: Pick<Deps, 'clock'>,
  cfg: Pick<IdentityConfig, 'challengeTtlMs'>,
  input: { challenge: string; purpose: ChallengePurpose; accountId: string | null; binding?: Record<string, string> },
): Promise<void> {
  const now = deps.clock.now();
  const insert = prepared(tx, 'passkeys.store-challenge', (db) =>
    db
      .insert(webauthnChallenges)
      .values({
        challenge: sql.placeholder('challenge'),
        purpose: sql.placeholder('purpose'),
        accountId: sql.placeholder('accountId'),
        // A JSON text or SQL NULL (never the JSON value null).
        binding: sql`${sql.placeholder('binding')}::jsonb`,
        createdAt: sql.placeholder('createdAt'),
        expiresAt: sql.placeholder('expiresAt'),
      })
      .prepare('passkeys_store_challenge'),
  );
  await insert.execute({
    challenge: input.challenge,
    purpose: input.purpose,
    accountId: input.accountId,
    binding: input.binding ? JSON.stringify(input.binding) : null,
    createdAt: now,
    expiresAt: new Date(now.getTime() + cfg.challengeTtlMs),
  });
}

/** The challenge a response answers, read from its clientDataJSON (before verification). */
export function challengeOf(clientDataJSON: string): string | null {
  try {
    const data = JSON.parse(Buffer.from(clientDataJSON, 'base64url').toString('utf8')) as { challenge?: unknown };
    return typeof data.challenge === 'string' ? data.challenge : null;
  } catch {
    return null;
  }
}

/**
 * Marks a challenge used, atomically: of two requests answering the same challenge only one
 * wins. Refuses an unknown, used, expired or foreign challenge.
 */
export async function consumeChallenge(
  tx: Db,
  deps: Pick<Deps, 'clock'>,
  challenge: string,
  purpose: ChallengePurpose,
  accountId: string | null,
): Promise<{ kind: 'ok'; binding: Record<string, string> | null } | { kind: 'refused'; reason: CeremonyFailure }> {
  const now = deps.clock.now();
  const [row] = await tx
    .update(webauthnChallenges)
    .set({ usedAt: now })
    .where(
      and(
        eq(webauthnChallenges.challenge, challenge),
        eq(webauthnChallenges.purpose, purpose),
        isNull(webauthnChallenges.usedAt),
        gt(webauthnChallenges.expiresAt, now),
        accountId === null ? isNull(webauthnChallenges.accountId) : eq(webauthnChallenges.accountId, accountId),
      ),
    )
    .returning({ binding: webauthnChallenges.binding });
  if (row) return { kind: 'ok', binding: row.binding };
  const [known] = await tx.select().from(webauthnChallenges).where(eq(webauthnChallenges.challenge, challenge));
  return { kind: 'refused', reason: challengeRefusal(known, purpose, accountId, now) ?? 'challenge-expired' };
}

/** The stored state of a challenge, as far as the ceremony rules need it. */
export type StoredChallenge = Pick<typeof webauthnChallenges.$inferSelect, 'purpose' | 'accountId' | 'usedAt' | 'expiresAt'>;

/** Why a stored challenge cannot be answered (unknown, foreign, used, expired), or null when it can. */
export function challengeRefusal(
  known: StoredChallenge | null | undefined,
  purpose: ChallengePurpose,
  accountId: string | null,
  now: Date,
): CeremonyFailure | null {
  if (!known || known.purpose !== purpose || (known.accountId ?? null) !== accountId) return 'challenge-unknown';
  if (known.usedAt) return 'challenge-used';
  if (known.expiresAt.getTime() <= now.getTime()) return 'challenge-expired';
  return null;
}

// ---------------------------------------------------------------- registration

export async function startRegistration(
  deps: Deps,
  cfg: IdentityConfig,
  accountId: string,
): Promise<PublicKeyCredentialCreationOptionsJSON> {
  const [account] = await deps.db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!account) throw new Error('account not found');
  const existing = await deps.db
    .select({ credentialId: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(and(eq(passkeys.accountId, accountId), isNull(passkeys.revokedAt)));
  const challenge = newChallenge();
  const options = await generateRegistrationOptions({
    rpName: cfg.rpName,
    rpID: cfg.rpId,
    userName: account.displayName,
    userDisplayName: account.displayName,
    userID: new TextEncoder().encode(account.id),
    challenge: Buffer.from(challenge, 'base64url'),
    timeout: cfg.challengeTtlMs,
    attestationType: 'none',
    excludeCredentials: existing.map((c) => ({ id: c.credentialId, transports: c.transports })),
    authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
  });
  await storeChallenge(deps.db, deps, cfg, { challenge: options.challenge, purpose: 'registration', accountId });
  return options;
}

export type RegistrationOutcome =
  | { kind: 'registered'; passkeyId: string; session: { token: string; expiresAt: Date } | null; revokedOthers: number }
  | { kind: 'refused'; reason: CeremonyFailure | 'already-registered' };

/**
 * Verifies a new passkey and stores it. From an enrolling session (after proofing or an invite)
 * the session is replaced by an active one; in a recovery, every older passkey and session of the
 * account is revoked first.
 */
export async function finishRegistration(
  deps: Deps,
  cfg: IdentityConfig,
  session: Pick<CurrentSession, 'id' | 'accountId' | 'stage' | 'purpose'>,
  response: RegistrationResponseJSON,
  input: { name: string; meta: RequestMeta },
): Promise<RegistrationOutcome> {
  const challenge = challengeOf(response?.response?.clientDataJSON ?? '');
  if (!challenge) return { kind: 'refused', reason: 'malformed' };
  return deps.db.transaction(async (tx) => {
    const consumed = await consumeChallenge(tx, deps, challenge, 'registration', session.accountId);
    if (consumed.kind === 'refused') return consumed;
    let verification;
    try {
      verification = await verifyRegistrationResponse({
        response,
        expectedChallenge: challenge,
        expectedOrigin: cfg.origins,
        expectedRPID: cfg.rpId,
        requireUserVerification: true,
      });
    } catch (err) {
      deps.log.warn({ err: err instanceof Error ? err.message : String(err) }, 'passkey registration refused');
      return { kind: 'refused', reason: /user verif/i.test(String(err)) ? 'user-not-verified' : 'verification-failed' } as const;
    }
    if (!verification.verified) return { kind: 'refused', reason: 'verification-failed' } as const;
    const info = verification.registrationInfo;
    const [dupe] = await tx.select({ id: passkeys.id }).from(passkeys).where(eq(passkeys.credentialId, info.credential.id));
    if (dupe) return { kind: 'refused', reason: 'already-registered' } as const;

    const now = deps.clock.now();
    let revokedOthers = 0;
    if (session.purpose === 'recover') {
      const revoked = await tx
        .update(passkeys)
        .set({ revokedAt: now, revokedReason: 'recovery' })
        .where(and(eq(passkeys.accountId, session.accountId), isNull(passkeys.revokedAt)))
        .returning({ id: passkeys.id });
      revokedOthers = revoked.length;
      await revokeAllSessions(tx, deps, session.accountId);
    }
    const [row] = await tx
      .insert(passkeys)
      .values({
        accountId: session.accountId,
        credentialId: info.credential.id,
        publicKey: Buffer.from(info.credential.publicKey).toString('base64url'),
        counter: info.credential.counter,
        transports: info.credential.transports ?? [],
        aaguid: info.aaguid,
        deviceType: info.credentialDeviceType,
        backedUp: info.credentialBackedUp,
        name: input.name.trim().slice(0, 60) || 'Passkey',
        createdAt: now,
      })
      .returning({ id: passkeys.id });
    let newSession: { token: string; expiresAt: Date } | null = null;
    if (session.stage === 'enrolling') {
      // The enrolling session ends; a recovery has already ended every session of the account.
      if (session.purpose !== 'recover') await revokeSession(tx, deps, session.id);
      const created = await createSession(tx, deps, cfg, {
        accountId: session.accountId,
        stage: 'active',
        ip: input.meta.ip,
        userAgent: input.meta.userAgent,
      });
      newSession = { token: created.token, expiresAt: created.expiresAt };
    }
    await appendAudit(tx, {
      at: now,
      actorAccountId: session.accountId,
      action: session.purpose === 'recover' ? 'account.recovered' : 'passkey.added',
      subject: { type: 'passkey', id: row!.id },
      meta: input.meta,
      details: { aaguid: info.aaguid, revokedOthers },
    });
    return { kind: 'registered', passkeyId: row!.id, session: newSession, revokedOthers } as const;
  });
}

// ---------------------------------------------------------------- authentication

export async function startAuthentication(
  deps: Deps,
  cfg: IdentityConfig,
  opts: { purpose?: ChallengePurpose; accountId?: string | null; binding?: Record<string, string>; challenge?: string } = {},
): Promise<PublicKeyCredentialRequestOptionsJSON> {
  const challenge = opts.challenge ?? newChallenge();
  const options = await generateAuthenticationOptions({
    rpID: cfg.rpId,
    challenge: Buffer.from(challenge, 'base64url'),
    timeout: cfg.challengeTtlMs,
    userVerification: 'required',
    allowCredentials: [],
  });
  await storeChallenge(deps.db, deps, cfg, {
    challenge: options.challenge,
    purpose: opts.purpose ?? 'authentication',
    accountId: opts.accountId ?? null,
    binding: opts.binding,
  });
  return options;
}

export interface VerifiedAssertion {
  accountId: string;
  passkeyId: string;
  credentialId: string;
  aaguid: string | null;
  binding: Record<string, string> | null;
}

/** A stored passkey with its account's state, as an assertion check needs it. */
export type StoredPasskey = Pick<typeof passkeys.$inferSelect, 'id' | 'accountId' | 'credentialId' | 'publicKey' | 'counter' | 'transports' | 'aaguid' | 'revokedAt'> & {
  accountDisabledAt: Date | null;
};

export type CheckedAssertion = { kind: 'ok'; newCounter: number; counterRegressed: boolean } | { kind: 'refused'; reason: CeremonyFailure };

/**
 * Checks an assertion against its stored passkey, without the database: the credential is known,
 * live and (when expected) the account's; then origin, rpID, signature and user verification. A
 * counter that goes backwards is reported, not refused (synced passkeys report 0).
 */
export async function checkAssertion(
  deps: Pick<Deps, 'log'>,
  cfg: Pick<IdentityConfig, 'origins' | 'rpId'>,
  response: AuthenticationResponseJSON,
  challenge: string,
  key: StoredPasskey | null | undefined,
  expectedAccountId: string | null,
): Promise<CheckedAssertion> {
  if (!key) return { kind: 'refused', reason: 'credential-unknown' };
  if (key.revokedAt || key.accountDisabledAt) return { kind: 'refused', reason: 'credential-revoked' };
  if (expectedAccountId && key.accountId !== expectedAccountId) return { kind: 'refused', reason: 'credential-unknown' };
  let verification;
  try {
    verification = await verifyAuthenticationResponse({
      response,
      expectedChallenge: challenge,
      expectedOrigin: cfg.origins,
      expectedRPID: cfg.rpId,
      requireUserVerification: true,
      // The counter is checked below, so a regression is recorded instead of refused.
      credential: {
        id: key.credentialId,
        publicKey: Buffer.from(key.publicKey, 'base64url'),
        counter: 0,
        transports: key.transports as never,
      },
    });
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    deps.log.warn({ err: message }, 'passkey assertion refused');
    return { kind: 'refused', reason: /user (could not be )?verif/i.test(message) ? 'user-not-verified' : 'verification-failed' };
  }
  if (!verification.verified) return { kind: 'refused', reason: 'verification-failed' };
  const newCounter = verification.authenticationInfo.newCounter;
  return { kind: 'ok', newCounter, counterRegressed: (newCounter > 0 || key.counter > 0) && newCounter <= key.counter };
}

/** After a verified assertion: the passkey's counter and last use; a counter regression as a risk event. */
export async function recordPasskeyUse(tx: Db, deps: Pick<Deps, 'clock'>, key: StoredPasskey, checked: { newCounter: number; counterRegressed: boolean }): Promise<void> {
  const now = deps.clock.now();
  if (checked.counterRegressed) {
    await tx.insert(riskEvents).values({
      accountId: key.accountId,
      kind: 'passkey-counter-regressed',
      details: { passkeyId: key.id, stored: key.counter, received: checked.newCounter },
      createdAt: now,
    });
  }
  await tx
    .update(passkeys)
    .set({ counter: sql`greatest(${passkeys.counter}, ${checked.newCounter})`, lastUsedAt: now })
    .where(eq(passkeys.id, key.id));
}

/** The passkey of a credential id with its account's state. */
export async function findPasskey(tx: Db, credentialId: string): Promise<StoredPasskey | undefined> {
  const [key] = await tx
    .select({
      id: passkeys.id,
      accountId: passkeys.accountId,
      credentialId: passkeys.credentialId,
      publicKey: passkeys.publicKey,
      counter: passkeys.counter,
      transports: passkeys.transports,
      aaguid: passkeys.aaguid,
      revokedAt: passkeys.revokedAt,
      accountDisabledAt: accounts.disabledAt,
    })
    .from(passkeys)
    .innerJoin(accounts, eq(accounts.id, passkeys.accountId))
    .where(eq(passkeys.credentialId, credentialId));
  return key;
}

/**
 * Verifies an assertion against a stored passkey inside the caller's transaction: consumes the
 * challenge, checks the assertion (checkAssertion), updates the counter.
 */
export async function verifyAssertion(
  tx: Db,
  deps: Deps,
  cfg: IdentityConfig,
  response: AuthenticationResponseJSON,
  expected: { purpose: ChallengePurpose; accountId: string | null },
): Promise<{ kind: 'ok'; assertion: VerifiedAssertion } | { kind: 'refused'; reason: CeremonyFailure }> {
  const challenge = challengeOf(response?.response?.clientDataJSON ?? '');
  if (!challenge || typeof response.id !== 'string') return { kind: 'refused', reason: 'malformed' };
  const consumed = await consumeChallenge(tx, deps, challenge, expected.purpose, expected.accountId);
  if (consumed.kind === 'refused') return consumed;
  const key = await findPasskey(tx, response.id);
  const checked = await checkAssertion(deps, cfg, response, challenge, key, expected.accountId);
  if (checked.kind === 'refused') return checked;
  await recordPasskeyUse(tx, deps, key!, checked);
  return {
    kind: 'ok',
    assertion: {
      accountId: key!.accountId,
      passkeyId: key!.id,
      credentialId: key!.credentialId,
      aaguid: key!.aaguid,
      binding: consumed.binding,
    },
  };
}

export type SignInOutcome =
  | { kind: 'signed-in'; accountId: string; session: { token: string; expiresAt: Date } }
  | { kind: 'refused'; reason: CeremonyFailure };

/** Sign-in with a discoverable passkey: a verified assertion opens a new active session. */
export async function finishSignIn(
  deps: Deps,
  cfg: IdentityConfig,
  response: AuthenticationResponseJSON,
  meta: RequestMeta,
): Promise<SignInOutcome> {
  return deps.db.transaction(async (tx) => {
    const verified = await verifyAssertion(tx, deps, cfg, response, { purpose: 'authentication', accountId: null });
    if (verified.kind === 'refused') return verified;
    const { accountId, passkeyId } = verified.assertion;
    const session = await createSession(tx, deps, cfg, { accountId, stage: 'active', ip: meta.ip, userAgent: meta.userAgent });
    await appendAudit(tx, {
      at: deps.clock.now(),
      actorAccountId: accountId,
      action: 'auth.signed-in',
      subject: { type: 'passkey', id: passkeyId },
      meta,
    });
    return { kind: 'signed-in', accountId, session: { token: session.token, expiresAt: session.expiresAt } } as const;
  });
}

// ---------------------------------------------------------------- managing passkeys

export interface PasskeySummary {
  id: string;
  name: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  deviceType: string | null;
  backedUp: boolean;
}

export async function listPasskeys(deps: Pick<Deps, 'db'>, accountId: string): Promise<PasskeySummary[]> {
  return deps.db
    .select({
      id: passkeys.id,
      name: passkeys.name,
      createdAt: passkeys.createdAt,
      lastUsedAt: passkeys.lastUsedAt,
      deviceType: passkeys.deviceType,
      backedUp: passkeys.backedUp,
    })
    .from(passkeys)
    .where(and(eq(passkeys.accountId, accountId), isNull(passkeys.revokedAt)))
    .orderBy(passkeys.createdAt);
}

export async function renamePasskey(
  deps: Deps,
  accountId: string,
  passkeyId: string,
  name: string,
  meta: RequestMeta,
): Promise<{ kind: 'renamed' } | { kind: 'refused'; reason: 'not-found' | 'invalid-name' }> {
  const clean = name.trim();
  if (clean.length < 1 || clean.length > 60) return { kind: 'refused', reason: 'invalid-name' };
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .update(passkeys)
      .set({ name: clean })
      .where(and(eq(passkeys.id, passkeyId), eq(passkeys.accountId, accountId), isNull(passkeys.revokedAt)))
      .returning({ id: passkeys.id });
    if (rows.length === 0) return { kind: 'refused', reason: 'not-found' } as const;
    await appendAudit(tx, { at: deps.clock.now(), actorAccountId: accountId, action: 'passkey.renamed', subject: { type: 'passkey', id: passkeyId }, meta });
    return { kind: 'renamed' } as const;
  });
}

/** Revokes one passkey. The last one cannot be revoked: that would need identity proofing again. */
export async function revokePasskey(
  deps: Deps,
  accountId: string,
  passkeyId: string,
  meta: RequestMeta,
): Promise<{ kind: 'revoked' } | { kind: 'refused'; reason: 'not-found' | 'last-passkey' }> {
  return deps.db.transaction(async (tx) => {
    // Lock the account's passkeys so two revocations cannot both pass the "not the last" check.
    const active = await tx
      .select({ id: passkeys.id })
      .from(passkeys)
      .where(and(eq(passkeys.accountId, accountId), isNull(passkeys.revokedAt)))
      .for('update');
    if (!active.some((p) => p.id === passkeyId)) return { kind: 'refused', reason: 'not-found' } as const;
    if (active.length <= 1) return { kind: 'refused', reason: 'last-passkey' } as const;
    await tx
      .update(passkeys)
      .set({ revokedAt: deps.clock.now(), revokedReason: 'revoked by owner' })
      .where(eq(passkeys.id, passkeyId));
    await appendAudit(tx, { at: deps.clock.now(), actorAccountId: accountId, action: 'passkey.revoked', subject: { type: 'passkey', id: passkeyId }, meta });
    return { kind: 'revoked' } as const;
  });
}
