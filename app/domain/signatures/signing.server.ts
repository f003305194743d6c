import { createHash, randomBytes } from 'node:crypto';
import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { citizens, passkeys, petitions, petitionVersions, signatureCountEvents, signatures } from '../../../db/schema';
import type { IdentityConfig } from '../identity/config';
import { storeChallenge, verifyAssertion, type CeremonyFailure } from '../identity/passkeys.server';
import { assertCan, type Actor } from '../identity/permissions';
import { localDate } from '../calendar/dates';
import type { Deps } from '../shared/deps';
import { SIGNABLE, type PetitionState } from '../petitions/states';

/**
 * Signing a petition with a passkey. The challenge is not random alone: it is
 *   SHA-256("dauys-sign-v1" | petition id | text hash of the signed version | account id | nonce)
 * so the assertion commits to this petition's exact text and this signer. The evidence
 * (credential, authenticator data, client data, signature, nonce) is kept, so anyone holding the
 * stored public key can re-verify the signature later.
 */
export function signingChallenge(input: { petitionId: string; textHash: string; accountId: string; nonce: string }): string {
  return createHash('sha256')
    .update(['dauys-sign-v1', input.petitionId, input.textHash, input.accountId, input.nonce].join('|'))
    .digest('base64url');
}

export type Ineligibility = 'not-citizen' | 'minor' | 'not-resident' | 'not-signable' | 'already-signed' | 'not-found';

interface SignerFacts {
  signerKey: string;
  adultOn: string;
  residenceUnitKato: string;
}

async function signerFacts(db: Db, accountId: string): Promise<SignerFacts | null> {
  const [c] = await db
    .select({ signerKey: citizens.iinHmac, adultOn: citizens.adultOn, residenceUnitKato: citizens.residenceUnitKato })
    .from(citizens)
    .where(eq(citizens.accountId, accountId));
  return c ? { ...c, adultOn: String(c.adultOn) } : null;
}

/** Whether a resident of `residence` (a level-1 or level-2 KATO) lives inside `unit`. */
export function residesIn(residence: string, unit: string): boolean {
  if (residence === unit) return true;
  const unitIsRegion = unit.endsWith('0000000');
  return unitIsRegion && residence.slice(0, 2) === unit.slice(0, 2);
}

export const regionOf = (kato: string) => `${kato.slice(0, 2)}0000000`;

/** Rules for who may sign: adults (18+), residents of the unit for a local petition, while signable. */
export function eligibility(
  facts: SignerFacts | null,
  petition: { state: string; unitKato: string | null },
  today: string,
): Ineligibility | null {
  if (!facts) return 'not-citizen';
  if (!(SIGNABLE as readonly string[]).includes(petition.state as PetitionState)) return 'not-signable';
  if (facts.adultOn > today) return 'minor';
  if (petition.unitKato && !residesIn(facts.residenceUnitKato, petition.unitKato)) return 'not-resident';
  return null;
}

export type StartSigning =
  | { kind: 'ready'; options: PublicKeyCredentialRequestOptionsJSON; textHash: string; version: number }
  | { kind: 'refused'; reason: Ineligibility };

/** Prepares a signing ceremony: checks eligibility and stores the bound, single-use challenge. */
export async function startSigning(deps: Deps, cfg: IdentityConfig, actor: Actor | null, petitionId: string): Promise<StartSigning> {
  assertCan(actor, 'petition:sign');
  const [row] = await deps.db
    .select({ p: petitions, v: petitionVersions })
    .from(petitions)
    .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
    .where(eq(petitions.id, petitionId));
  if (!row) return { kind: 'refused', reason: 'not-found' };
  const facts = await signerFacts(deps.db, actor.accountId);
  const refusal = eligibility(facts, row.p, localDate(deps.clock.now()));
  if (refusal) return { kind: 'refused', reason: refusal };
  const [existing] = await deps.db
    .select({ id: signatures.id })
    .from(signatures)
    .where(and(eq(signatures.petitionId, petitionId), eq(signatures.signerKey, facts!.signerKey), isNull(signatures.withdrawnAt)));
  if (existing) return { kind: 'refused', reason: 'already-signed' };
  const nonce = randomBytes(16).toString('base64url');
  const challenge = signingChallenge({ petitionId, textHash: row.v.textHash, accountId: actor.accountId, nonce });
  const keys = await deps.db
    .select({ id: passkeys.credentialId, transports: passkeys.transports })
    .from(passkeys)
    .where(and(eq(passkeys.accountId, actor.accountId), isNull(passkeys.revokedAt)));
  const options = await generateAuthenticationOptions({
    rpID: cfg.rpId,
    challenge: Buffer.from(challenge, 'base64url'),
    timeout: cfg.challengeTtlMs,
    userVerification: 'required',
    allowCredentials: keys.map((k) => ({ id: k.id, transports: k.transports as never })),
  });
  await storeChallenge(deps.db, deps, cfg, {
    challenge: options.challenge,
    purpose: 'signing',
    accountId: actor.accountId,
    binding: { petitionId, versionId: row.v.id, textHash: row.v.textHash, nonce },
  });
  return { kind: 'ready', options, textHash: row.v.textHash, version: row.v.version };
}

export interface SigningContext {
  ip: string | null;
  userAgent: string | null;
  deviceId: string | null;
  notifyOnOutcome: boolean;
}

export type SignOutcome =
  | { kind: 'signed'; signatureId: string }
  | { kind: 'refused'; reason: Ineligibility | CeremonyFailure | 'text-changed' | 'binding-mismatch' };

/**
 * Records a signature: verifies the passkey assertion over the bound challenge, re-checks
 * eligibility, and in ONE transaction inserts the signature with its evidence, a count event and
 * an outbox message. A second signature by the same person is "already signed" (unique index).
 */
export async function signPetition(
  deps: Deps,
  cfg: IdentityConfig,
  actor: Actor | null,
  petitionId: string,
  response: AuthenticationResponseJSON,
  ctx: SigningContext,
): Promise<SignOutcome> {
  assertCan(actor, 'petition:sign');
  return deps.db.transaction(async (tx) => {
    const verified = await verifyAssertion(tx, deps, cfg, response, { purpose: 'signing', accountId: actor.accountId });
    if (verified.kind === 'refused') return verified;
    const b = verified.assertion.binding;
    if (!b || b.petitionId !== petitionId || !b.nonce || !b.textHash || !b.versionId) return { kind: 'refused', reason: 'binding-mismatch' } as const;
    const [pv] = await tx
      .select({ p: petitions, v: petitionVersions })
      .from(petitions)
      .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
      .where(eq(petitions.id, petitionId));
    if (!pv) return { kind: 'refused', reason: 'not-found' } as const;
    const { p, v } = pv;
    if (v.id !== b.versionId || v.textHash !== b.textHash) return { kind: 'refused', reason: 'text-changed' } as const;
    const now = deps.clock.now();
    const facts = await signerFacts(tx, actor.accountId);
    const refusal = eligibility(facts, p, localDate(now));
    if (refusal) return { kind: 'refused', reason: refusal } as const;
    const data = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8')) as { origin: string };
    const region = regionOf(facts!.residenceUnitKato);
    // One statement: the signature (unless a live one exists), its count event and its outbox
    // message — the hot path of a surge makes one round trip for all three.
    const inserted = await tx
      .insert(signatures)
      .values({
        petitionId,
        versionId: v.id,
        accountId: actor.accountId,
        signerKey: facts!.signerKey,
        regionKato: region,
        unitKato: facts!.residenceUnitKato,
        signedAt: now,
        notifyOnOutcome: ctx.notifyOnOutcome,
        passkeyId: verified.assertion.passkeyId,
        credentialId: verified.assertion.credentialId,
        challenge: signingChallenge({ petitionId, textHash: v.textHash, accountId: actor.accountId, nonce: b.nonce }),
        nonce: b.nonce,
        textHash: v.textHash,
        authenticatorData: response.response.authenticatorData,
        clientDataJson: response.response.clientDataJSON,
        signature: response.response.signature,
        userHandle: response.response.userHandle ?? null,
        rpId: cfg.rpId,
        origin: data.origin,
        ip: ctx.ip,
        userAgent: ctx.userAgent?.slice(0, 400) ?? null,
        deviceId: ctx.deviceId,
        aaguid: verified.assertion.aaguid,
      })
      .onConflictDoNothing({ target: [signatures.petitionId, signatures.signerKey], where: sql`${signatures.withdrawnAt} is null` })
      .returning({ id: signatures.id });
    if (inserted.length === 0) return { kind: 'refused', reason: 'already-signed' } as const;
    const signatureId = inserted[0]!.id;
    await tx.execute(sql`
      with e as (insert into ${signatureCountEvents} (petition_id, region_kato, valid_delta) values (${petitionId}, ${region}, 1))
      insert into outbox (topic, payload) values ('signature.recorded', ${JSON.stringify({ signatureId })}::jsonb)`);
    return { kind: 'signed', signatureId } as const;
  });
}

/** Withdraws the signer's live signature while the petition can be signed. */
export async function withdrawSignature(
  deps: Deps,
  actor: Actor | null,
  petitionId: string,
): Promise<{ kind: 'withdrawn' } | { kind: 'refused'; reason: 'not-signed' | 'not-signable' }> {
  assertCan(actor, 'petition:sign');
  return deps.db.transaction(async (tx) => {
    const [p] = await tx.select({ state: petitions.state }).from(petitions).where(eq(petitions.id, petitionId));
    if (!p || !(SIGNABLE as readonly string[]).includes(p.state)) return { kind: 'refused', reason: 'not-signable' } as const;
    const [s] = await tx
      .update(signatures)
      .set({ withdrawnAt: deps.clock.now() })
      .where(and(eq(signatures.petitionId, petitionId), eq(signatures.accountId, actor.accountId), isNull(signatures.withdrawnAt)))
      .returning({ regionKato: signatures.regionKato, status: signatures.status });
    if (!s) return { kind: 'refused', reason: 'not-signed' } as const;
    await tx.insert(signatureCountEvents).values({
      petitionId,
      regionKato: s.regionKato,
      validDelta: s.status === 'valid' ? -1 : 0,
      reviewDelta: s.status === 'under_review' ? -1 : 0,
      invalidatedDelta: s.status === 'invalidated' ? -1 : 0,
      withdrawnDelta: 1,
    });
    return { kind: 'withdrawn' } as const;
  });
}

export interface EvidenceCheck {
  valid: boolean;
  checks: { challengeBinding: boolean; signature: boolean; userVerified: boolean; rpIdHash: boolean };
}

/**
 * Re-verifies a stored signature from its evidence alone: recomputes the bound challenge from
 * (petition, text hash, account, nonce), checks it is the one in the client data, and verifies the
 * passkey signature with the stored public key (even of a passkey revoked since).
 */
export async function verifySignatureEvidence(deps: Pick<Deps, 'db'>, signatureId: string): Promise<EvidenceCheck | null> {
  const [row] = await deps.db
    .select({ s: signatures, publicKey: passkeys.publicKey })
    .from(signatures)
    .innerJoin(passkeys, eq(passkeys.id, signatures.passkeyId))
    .where(eq(signatures.id, signatureId));
  if (!row) return null;
  return checkEvidence(row.s, row.publicKey);
}

export async function checkEvidence(
  s: Pick<typeof signatures.$inferSelect, 'petitionId' | 'textHash' | 'accountId' | 'nonce' | 'credentialId' | 'authenticatorData' | 'clientDataJson' | 'signature' | 'userHandle' | 'rpId' | 'origin'>,
  publicKey: string,
): Promise<EvidenceCheck> {
  const expected = signingChallenge({ petitionId: s.petitionId, textHash: s.textHash, accountId: s.accountId, nonce: s.nonce });
  let challengeBinding = false;
  try {
    const data = JSON.parse(Buffer.from(s.clientDataJson, 'base64url').toString('utf8')) as { challenge?: string };
    challengeBinding = data.challenge === expected;
  } catch {
    challengeBinding = false;
  }
  const rpIdHash = createHash('sha256').update(s.rpId).digest().equals(Buffer.from(s.authenticatorData, 'base64url').subarray(0, 32));
  let signature = false;
  let userVerified = false;
  try {
    const result = await verifyAuthenticationResponse({
      response: {
        id: s.credentialId,
        rawId: s.credentialId,
        type: 'public-key',
        clientExtensionResults: {},
        response: { clientDataJSON: s.clientDataJson, authenticatorData: s.authenticatorData, signature: s.signature, userHandle: s.userHandle ?? undefined },
      },
      expectedChallenge: expected,
      expectedOrigin: s.origin,
      expectedRPID: s.rpId,
      requireUserVerification: true,
      credential: { id: s.credentialId, publicKey: Buffer.from(publicKey, 'base64url'), counter: 0 },
    });
    signature = result.verified;
    userVerified = result.authenticationInfo.userVerified;
  } catch {
    signature = false;
  }
  return { valid: challengeBinding && signature && userVerified && rpIdHash, checks: { challengeBinding, signature, userVerified, rpIdHash } };
}

export interface MySignature {
  signatureId: string;
  petitionId: string;
  number: number;
  title: string;
  petitionState: string;
  signedAt: Date;
  withdrawnAt: Date | null;
}

/** The citizen's signatures, newest first, with the petitions' states. (Integrity holds never show.) */
export async function listMySignatures(deps: Pick<Deps, 'db'>, actor: Actor | null): Promise<MySignature[]> {
  assertCan(actor, 'petition:sign');
  return deps.db
    .select({
      signatureId: signatures.id,
      petitionId: petitions.id,
      number: petitions.number,
      title: petitionVersions.title,
      petitionState: petitions.state,
      signedAt: signatures.signedAt,
      withdrawnAt: signatures.withdrawnAt,
    })
    .from(signatures)
    .innerJoin(petitions, eq(petitions.id, signatures.petitionId))
    .innerJoin(petitionVersions, eq(petitionVersions.id, signatures.versionId))
    .where(eq(signatures.accountId, actor.accountId))
    .orderBy(desc(signatures.signedAt));
}

export type SigningStatus =
  | { kind: 'anonymous' }
  | { kind: 'signed'; signatureId: string; signedAt: Date; canWithdraw: boolean }
  | { kind: 'can-sign' }
  | { kind: 'cannot-sign'; reason: Ineligibility };

/** What the petition page offers the viewer: sign, withdraw (with the receipt), or why not. */
export async function signingStatus(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor | null, petitionId: string): Promise<SigningStatus> {
  if (!actor) return { kind: 'anonymous' };
  if (actor.kind !== 'citizen') return { kind: 'cannot-sign', reason: 'not-citizen' };
  const [p] = await deps.db.select({ state: petitions.state, unitKato: petitions.unitKato }).from(petitions).where(eq(petitions.id, petitionId));
  if (!p) return { kind: 'cannot-sign', reason: 'not-found' };
  const [live] = await deps.db
    .select({ id: signatures.id, signedAt: signatures.signedAt })
    .from(signatures)
    .where(and(eq(signatures.petitionId, petitionId), eq(signatures.accountId, actor.accountId), isNull(signatures.withdrawnAt)));
  const signable = (SIGNABLE as readonly string[]).includes(p.state);
  if (live) return { kind: 'signed', signatureId: live.id, signedAt: live.signedAt, canWithdraw: signable };
  const refusal = eligibility(await signerFacts(deps.db, actor.accountId), p, localDate(deps.clock.now()));
  return refusal ? { kind: 'cannot-sign', reason: refusal } : { kind: 'can-sign' };
}

export interface Receipt {
  signatureId: string;
  petitionId: string;
  number: number;
  title: string;
  version: number;
  textHash: string;
  signedAt: Date;
  withdrawnAt: Date | null;
  credentialId: string;
  challenge: string;
  nonce: string;
  authenticatorData: string;
  clientDataJson: string;
  signature: string;
  check: EvidenceCheck;
}

/**
 * The signer's receipt: the evidence and a fresh verification. Only the signer sees it, and it
 * never shows an integrity hold: a held signature's receipt is the same as anyone's.
 */
export async function getReceipt(deps: Pick<Deps, 'db'>, actor: Actor | null, signatureId: string): Promise<Receipt | null> {
  if (!actor) return null;
  const [row] = await deps.db
    .select({ s: signatures, v: petitionVersions, p: petitions, publicKey: passkeys.publicKey })
    .from(signatures)
    .innerJoin(petitionVersions, eq(petitionVersions.id, signatures.versionId))
    .innerJoin(petitions, eq(petitions.id, signatures.petitionId))
    .innerJoin(passkeys, eq(passkeys.id, signatures.passkeyId))
    .where(eq(signatures.id, signatureId));
  if (!row || row.s.accountId !== actor.accountId) return null;
  return {
    signatureId,
    petitionId: row.p.id,
    number: row.p.number,
    title: row.v.title,
    version: row.v.version,
    textHash: row.s.textHash,
    signedAt: row.s.signedAt,
    withdrawnAt: row.s.withdrawnAt,
    credentialId: row.s.credentialId,
    challenge: row.s.challenge,
    nonce: row.s.nonce,
    authenticatorData: row.s.authenticatorData,
    clientDataJson: row.s.clientDataJson,
    signature: row.s.signature,
    check: await checkEvidence(row.s, row.publicKey),
  };
}
