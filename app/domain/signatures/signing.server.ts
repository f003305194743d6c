import { createHash, randomBytes } from 'node:crypto';
import { generateAuthenticationOptions, verifyAuthenticationResponse, type AuthenticationResponseJSON, type PublicKeyCredentialRequestOptionsJSON } from '@simplewebauthn/server';
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { prepared, prepareRaw, type Db } from '../../../db/client';
import { accounts, citizens, outbox, passkeys, petitions, petitionVersions, riskEvents, signatureCountEvents, signatures, webauthnChallenges } from '../../../db/schema';
import type { IdentityConfig } from '../identity/config';
import {
  challengeOf,
  challengeRefusal,
  checkAssertion,
  consumeChallenge,
  recordPasskeyUse,
  storeChallenge,
  type CeremonyFailure,
  type StoredChallenge,
  type StoredPasskey,
} from '../identity/passkeys.server';
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

/**
 * What a signing ceremony starts from, in one query: the petition and its current version, the
 * signer's facts, whether they have a live signature on it, and their passkeys.
 */
async function optionsFacts(db: Db, petitionId: string, accountId: string) {
  const query = prepared(db, 'signing.options-facts', (d) =>
    d
      .select({
        state: petitions.state,
        unitKato: petitions.unitKato,
        versionId: petitionVersions.id,
        textHash: petitionVersions.textHash,
        version: petitionVersions.version,
        signerKey: citizens.iinHmac,
        adultOn: citizens.adultOn,
        residenceUnitKato: citizens.residenceUnitKato,
        signed: sql<boolean>`exists (select 1 from ${signatures} where ${signatures.petitionId} = ${petitions.id} and ${signatures.signerKey} = ${citizens.iinHmac} and ${signatures.withdrawnAt} is null)`,
        keys: sql<{ id: string; transports: string[] }[]>`(select coalesce(json_agg(json_build_object('id', ${passkeys.credentialId}, 'transports', ${passkeys.transports})), '[]'::json) from ${passkeys} where ${passkeys.accountId} = ${sql.placeholder('accountId')} and ${passkeys.revokedAt} is null)`,
      })
      .from(petitions)
      .innerJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
      .leftJoin(citizens, eq(citizens.accountId, sql.placeholder('accountId')))
      .where(eq(petitions.id, sql.placeholder('petitionId')))
      .prepare('signing_options_facts'),
  );
  const [row] = await query.execute({ petitionId, accountId });
  if (!row) return null;
  const facts: SignerFacts | null = row.signerKey ? { signerKey: row.signerKey, adultOn: String(row.adultOn), residenceUnitKato: row.residenceUnitKato! } : null;
  return { ...row, facts };
}

/** Prepares a signing ceremony: checks eligibility and stores the bound, single-use challenge. */
export async function startSigning(deps: Deps, cfg: IdentityConfig, actor: Actor | null, petitionId: string): Promise<StartSigning> {
  assertCan(actor, 'petition:sign');
  const row = await optionsFacts(deps.db, petitionId, actor.accountId);
  if (!row) return { kind: 'refused', reason: 'not-found' };
  const refusal = eligibility(row.facts, row, localDate(deps.clock.now()));
  if (refusal) return { kind: 'refused', reason: refusal };
  if (row.signed) return { kind: 'refused', reason: 'already-signed' };
  const nonce = randomBytes(16).toString('base64url');
  const challenge = signingChallenge({ petitionId, textHash: row.textHash, accountId: actor.accountId, nonce });
  const options = await generateAuthenticationOptions({
    rpID: cfg.rpId,
    challenge: Buffer.from(challenge, 'base64url'),
    timeout: cfg.challengeTtlMs,
    userVerification: 'required',
    allowCredentials: row.keys.map((k) => ({ id: k.id, transports: k.transports as never })),
  });
  await storeChallenge(deps.db, deps, cfg, {
    challenge: options.challenge,
    purpose: 'signing',
    accountId: actor.accountId,
    binding: { petitionId, versionId: row.versionId, textHash: row.textHash, nonce },
  });
  return { kind: 'ready', options, textHash: row.textHash, version: row.version };
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
 * What recording a signature checks against, in one query: the challenge answered, the passkey
 * that answered it (with its account's state), the petition's current version and the signer's facts.
 */
async function verifyFacts(db: Db, q: { challenge: string; credentialId: string; petitionId: string; accountId: string }) {
  const query = prepared(db, 'signing.verify-facts', (d) =>
    d
      .select({
        challengePurpose: webauthnChallenges.purpose,
        challengeAccountId: webauthnChallenges.accountId,
        binding: webauthnChallenges.binding,
        usedAt: webauthnChallenges.usedAt,
        expiresAt: webauthnChallenges.expiresAt,
        keyId: passkeys.id,
        keyAccountId: passkeys.accountId,
        credentialId: passkeys.credentialId,
        publicKey: passkeys.publicKey,
        counter: passkeys.counter,
        transports: passkeys.transports,
        aaguid: passkeys.aaguid,
        revokedAt: passkeys.revokedAt,
        accountDisabledAt: accounts.disabledAt,
        state: petitions.state,
        unitKato: petitions.unitKato,
        versionId: petitionVersions.id,
        textHash: petitionVersions.textHash,
        signerKey: citizens.iinHmac,
        adultOn: citizens.adultOn,
        residenceUnitKato: citizens.residenceUnitKato,
      })
      .from(sql`(select 1) as one`)
      .leftJoin(webauthnChallenges, eq(webauthnChallenges.challenge, sql.placeholder('challenge')))
      .leftJoin(passkeys, eq(passkeys.credentialId, sql.placeholder('credentialId')))
      .leftJoin(accounts, eq(accounts.id, passkeys.accountId))
      .leftJoin(petitions, eq(petitions.id, sql.placeholder('petitionId')))
      .leftJoin(petitionVersions, eq(petitionVersions.id, petitions.currentVersionId))
      .leftJoin(citizens, eq(citizens.accountId, sql.placeholder('accountId')))
      .prepare('signing_verify_facts'),
  );
  const [r] = await query.execute(q);
  if (!r) throw new Error('signing facts: no row'); // (select 1) left-joined always gives one row
  const challenge: StoredChallenge | null = r.challengePurpose ? { purpose: r.challengePurpose, accountId: r.challengeAccountId, usedAt: r.usedAt, expiresAt: r.expiresAt! } : null;
  const key: StoredPasskey | null = r.keyId
    ? { id: r.keyId, accountId: r.keyAccountId!, credentialId: r.credentialId!, publicKey: r.publicKey!, counter: r.counter!, transports: r.transports!, aaguid: r.aaguid, revokedAt: r.revokedAt, accountDisabledAt: r.accountDisabledAt }
    : null;
  const petition = r.state && r.versionId ? { state: r.state, unitKato: r.unitKato, versionId: r.versionId, textHash: r.textHash! } : null;
  const facts: SignerFacts | null = r.signerKey ? { signerKey: r.signerKey, adultOn: String(r.adultOn), residenceUnitKato: r.residenceUnitKato! } : null;
  return { challenge, binding: r.binding, key, petition, facts };
}

const SIGNABLE_SQL = sql.raw(SIGNABLE.map((s) => `'${s}'`).join(', '));
const ph = (name: string) => sql.placeholder(name);

/** The write of recordSignature (below), with its values as placeholders. */
const RECORD_SIGNATURE = sql`
    with used as (
      update ${webauthnChallenges} set used_at = ${ph('at')}::timestamptz
      where challenge = ${ph('challenge')}::text and purpose = 'signing' and used_at is null and expires_at > ${ph('at')}::timestamptz and account_id = ${ph('accountId')}::uuid
      returning 1
    ), petition as (
      select state, current_version_id from ${petitions} where id = ${ph('petitionId')}::uuid
    ), key_used as (
      update ${passkeys} set counter = greatest(counter, ${ph('newCounter')}::bigint), last_used_at = ${ph('at')}::timestamptz
      where id = ${ph('keyId')}::uuid and exists (select 1 from used)
    ), risk as (
      insert into ${riskEvents} (account_id, kind, details, created_at)
      select ${ph('keyAccountId')}::uuid, 'passkey-counter-regressed', ${ph('riskDetails')}::jsonb, ${ph('at')}::timestamptz
      where ${ph('regressed')}::boolean and exists (select 1 from used)
    ), signature as (
      insert into ${signatures} (petition_id, version_id, account_id, signer_key, region_kato, unit_kato, signed_at, notify_on_outcome,
        passkey_id, credential_id, challenge, nonce, text_hash, authenticator_data, client_data_json, signature, user_handle, rp_id, origin,
        ip, user_agent, device_id, aaguid)
      select ${ph('petitionId')}::uuid, ${ph('versionId')}::uuid, ${ph('accountId')}::uuid, ${ph('signerKey')}::text, ${ph('regionKato')}::text, ${ph('unitKato')}::text, ${ph('at')}::timestamptz, ${ph('notifyOnOutcome')}::boolean,
        ${ph('keyId')}::uuid, ${ph('credentialId')}::text, ${ph('signingChallenge')}::text, ${ph('nonce')}::text, ${ph('textHash')}::text, ${ph('authenticatorData')}::text, ${ph('clientDataJson')}::text, ${ph('signature')}::text, ${ph('userHandle')}::text, ${ph('rpId')}::text, ${ph('origin')}::text,
        ${ph('ip')}::text, ${ph('userAgent')}::text, ${ph('deviceId')}::text, ${ph('aaguid')}::text
      where exists (select 1 from used) and exists (select 1 from petition where state in (${SIGNABLE_SQL}) and current_version_id = ${ph('versionId')}::uuid)
      on conflict (petition_id, signer_key) where withdrawn_at is null do nothing
      returning id
    ), counted as (
      insert into ${signatureCountEvents} (petition_id, region_kato, valid_delta)
      select ${ph('petitionId')}::uuid, ${ph('regionKato')}::text, 1 from signature
    ), announced as (
      insert into ${outbox} (topic, payload)
      select 'signature.recorded', jsonb_build_object('signatureId', id) from signature
    )
    select exists (select 1 from used) as "used", (select id from signature) as "signatureId",
      (select state from petition) as "state", (select current_version_id from petition) as "versionId"`;

/**
 * The signature, in ONE statement (one transaction, one round trip): the challenge is used up
 * (single use: of two requests answering it only one gets past this), the passkey's counter and
 * last use are updated (a regression recorded as a risk event), and — while the petition is still
 * signable at the version signed — the signature with its evidence, its count event and its outbox
 * message are inserted. A live signature of the same person makes the insert a no-op (unique index).
 */
async function recordSignature(
  db: Db,
  w: {
    now: Date;
    challenge: string;
    accountId: string;
    key: StoredPasskey;
    checked: { newCounter: number; counterRegressed: boolean };
    signature: Omit<typeof signatures.$inferInsert, 'signedAt' | 'accountId' | 'passkeyId' | 'credentialId' | 'aaguid'>;
  },
): Promise<{ used: boolean; signatureId: string | null; state: string | null; versionId: string | null }> {
  const s = w.signature;
  const statement = prepared(db, 'signing.record', (d) => prepareRaw<{ used: boolean; signatureId: string | null; state: string | null; versionId: string | null }>(d, 'signing_record', RECORD_SIGNATURE));
  const [row] = await statement.execute({
    at: w.now.toISOString(),
    challenge: w.challenge,
    accountId: w.accountId,
    petitionId: s.petitionId,
    versionId: s.versionId,
    keyId: w.key.id,
    keyAccountId: w.key.accountId,
    credentialId: w.key.credentialId,
    aaguid: w.key.aaguid,
    newCounter: w.checked.newCounter,
    regressed: w.checked.counterRegressed,
    riskDetails: JSON.stringify({ passkeyId: w.key.id, stored: w.key.counter, received: w.checked.newCounter }),
    signerKey: s.signerKey,
    regionKato: s.regionKato,
    unitKato: s.unitKato,
    notifyOnOutcome: s.notifyOnOutcome ?? false,
    signingChallenge: s.challenge,
    nonce: s.nonce,
    textHash: s.textHash,
    authenticatorData: s.authenticatorData,
    clientDataJson: s.clientDataJson,
    signature: s.signature,
    userHandle: s.userHandle ?? null,
    rpId: s.rpId,
    origin: s.origin,
    ip: s.ip ?? null,
    userAgent: s.userAgent ?? null,
    deviceId: s.deviceId ?? null,
  });
  return row!;
}

/**
 * Records a signature: verifies the passkey assertion over the bound challenge, checks eligibility,
 * and in ONE transaction uses up the challenge and inserts the signature with its evidence, a
 * count event and an outbox message. A second signature by the same person is "already signed"
 * (unique index). Two round trips: the facts, then the write.
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
  const accountId = actor.accountId;
  const challenge = challengeOf(response?.response?.clientDataJSON ?? '');
  if (!challenge || typeof response.id !== 'string') return { kind: 'refused', reason: 'malformed' };
  const f = await verifyFacts(deps.db, { challenge, credentialId: response.id, petitionId, accountId });
  const now = deps.clock.now();
  const unusable = challengeRefusal(f.challenge, 'signing', accountId, now);
  if (unusable) return { kind: 'refused', reason: unusable };
  const checked = await checkAssertion(deps, cfg, response, challenge, f.key, accountId);
  if (checked.kind === 'refused') {
    // A refused ceremony uses up its challenge all the same.
    await consumeChallenge(deps.db, deps, challenge, 'signing', accountId);
    return checked;
  }
  const key = f.key!;
  // Refusals after a verified assertion use up the challenge and record the passkey's use.
  const refuse = async (reason: Ineligibility | CeremonyFailure | 'text-changed' | 'binding-mismatch') => {
    await deps.db.transaction(async (tx) => {
      const consumed = await consumeChallenge(tx, deps, challenge, 'signing', accountId);
      if (consumed.kind === 'ok') await recordPasskeyUse(tx, deps, key, checked);
    });
    return { kind: 'refused', reason } as const;
  };
  const b = f.binding;
  if (!b || b.petitionId !== petitionId || !b.nonce || !b.textHash || !b.versionId) return refuse('binding-mismatch');
  if (!f.petition) return refuse('not-found');
  if (f.petition.versionId !== b.versionId || f.petition.textHash !== b.textHash) return refuse('text-changed');
  const refusal = eligibility(f.facts, f.petition, localDate(now));
  if (refusal) return refuse(refusal);
  const facts = f.facts!;
  const data = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString('utf8')) as { origin: string };
  const region = regionOf(facts.residenceUnitKato);
  const written = await recordSignature(deps.db, {
    now,
    challenge,
    accountId,
    key,
    checked,
    signature: {
      petitionId,
      versionId: b.versionId,
      signerKey: facts.signerKey,
      regionKato: region,
      unitKato: facts.residenceUnitKato,
      notifyOnOutcome: ctx.notifyOnOutcome,
      challenge: signingChallenge({ petitionId, textHash: b.textHash, accountId, nonce: b.nonce }),
      nonce: b.nonce,
      textHash: b.textHash,
      authenticatorData: response.response.authenticatorData,
      clientDataJson: response.response.clientDataJSON,
      signature: response.response.signature,
      userHandle: response.response.userHandle ?? null,
      rpId: cfg.rpId,
      origin: data.origin,
      ip: ctx.ip,
      userAgent: ctx.userAgent?.slice(0, 400) ?? null,
      deviceId: ctx.deviceId,
    },
  });
  // Another request answered the same challenge first.
  if (!written.used) return { kind: 'refused', reason: 'challenge-used' };
  if (written.signatureId) return { kind: 'signed', signatureId: written.signatureId };
  // The petition changed between the checks and the write (text edited, or closed).
  if (!written.state) return { kind: 'refused', reason: 'not-found' };
  if (written.versionId !== b.versionId) return { kind: 'refused', reason: 'text-changed' };
  if (!(SIGNABLE as readonly string[]).includes(written.state)) return { kind: 'refused', reason: 'not-signable' };
  return { kind: 'refused', reason: 'already-signed' };
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
