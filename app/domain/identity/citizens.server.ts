import { eq, inArray, and, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../../db/client';
import { accounts, citizens, passkeys, units } from '../../../db/schema';
import { appendAudit, type RequestMeta } from '../audit/audit.server';
import type { Deps } from '../shared/deps';
import type { IdentityConfig } from './config';
import { createSession } from './sessions.server';
import { anniversary, ADULT_AGE, checkIin, normaliseIin } from './iin';
import { iinHmac } from './iin-hmac.server';

/** What an identity provider vouches for. Validated the same way whichever provider sent it. */
export const ProofedIdentity = z.object({
  iin: z.string().transform(normaliseIin),
  givenName: z.string().trim().min(1).max(100),
  familyName: z.string().trim().min(1).max(100),
  /** 'YYYY-MM-DD' when the provider gives it; it must agree with the IIN. */
  birthDate: z
    .string()
    .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/)
    .optional(),
  residenceKato: z.string().regex(/^[0-9]{9}$/),
  email: z.string().email().max(200).optional(),
  /** The language the person used while proofing: their messages are sent in it. */
  locale: z.enum(['kk', 'ru', 'en']).optional(),
});
export type ProofedIdentity = z.input<typeof ProofedIdentity>;

export type ProofingMethod = 'oidc' | 'demo';

export type ProofingOutcome =
  | { kind: 'proofed'; accountId: string; created: boolean; activePasskeys: number }
  | {
      kind: 'refused';
      reason: 'invalid-iin' | 'birthdate-mismatch' | 'unknown-residence' | 'invalid-claims' | 'account-disabled';
      detail?: string;
    };

/**
 * The unit of residence for a KATO code: the code itself if it is a seeded unit, else the
 * second-level unit containing it (a city district AABBCC000, or a district/city AABB00000), else
 * its first-level unit (AA0000000).
 */
export async function residenceUnit(db: Db, kato: string): Promise<string | null> {
  const candidates = [kato, `${kato.slice(0, 6)}000`, `${kato.slice(0, 4)}00000`, `${kato.slice(0, 2)}0000000`];
  const rows = await db.select({ kato: units.kato }).from(units).where(inArray(units.kato, candidates));
  const found = new Set(rows.map((r) => r.kato));
  return candidates.find((c) => found.has(c)) ?? null;
}

/** Finds the citizen with this IIN under the current or an older key; migrates an old hash. */
async function findByIin(tx: Db, cfg: IdentityConfig, iin: string): Promise<{ accountId: string } | null> {
  const keys = [cfg.iinKeys.current, ...cfg.iinKeys.previous];
  const hashes = keys.map((k) => iinHmac(iin, k));
  const [row] = await tx
    .select({ accountId: citizens.accountId, iinHmac: citizens.iinHmac })
    .from(citizens)
    .where(inArray(citizens.iinHmac, hashes));
  if (!row) return null;
  if (row.iinHmac !== hashes[0]) {
    await tx
      .update(citizens)
      .set({ iinHmac: hashes[0]!, iinKeyVersion: cfg.iinKeys.current.version })
      .where(eq(citizens.accountId, row.accountId));
  }
  return { accountId: row.accountId };
}

/**
 * Records a proofing: one account per IIN. A new IIN creates a citizen account; a known one
 * reaches the same account and refreshes its name and residence. The IIN itself is not stored.
 */
export async function recordProofing(
  deps: Deps,
  cfg: IdentityConfig,
  input: unknown,
  method: ProofingMethod,
  meta: RequestMeta,
): Promise<ProofingOutcome> {
  const parsed = ProofedIdentity.safeParse(input);
  if (!parsed.success) return { kind: 'refused', reason: 'invalid-claims', detail: parsed.error.issues[0]?.path.join('.') };
  const claims = parsed.data;
  const iin = checkIin(claims.iin);
  if (iin.kind === 'invalid') return { kind: 'refused', reason: 'invalid-iin', detail: iin.reason };
  if (claims.birthDate && claims.birthDate !== iin.info.birthDate) return { kind: 'refused', reason: 'birthdate-mismatch' };
  const unit = await residenceUnit(deps.db, claims.residenceKato);
  if (!unit) return { kind: 'refused', reason: 'unknown-residence' };
  const now = deps.clock.now();
  const profile = {
    givenName: claims.givenName,
    familyName: claims.familyName,
    birthYear: Number(iin.info.birthDate.slice(0, 4)),
    adultOn: anniversary(iin.info.birthDate, ADULT_AGE),
    sex: iin.info.sex,
    residenceKato: claims.residenceKato,
    residenceUnitKato: unit,
    proofingMethod: method,
    proofedAt: now,
  };
  const displayName = `${claims.givenName} ${claims.familyName.slice(0, 1)}.`;

  return deps.db.transaction(async (tx) => {
    const existing = await findByIin(tx, cfg, claims.iin);
    let accountId: string;
    let created = false;
    if (existing) {
      accountId = existing.accountId;
      const [account] = await tx.select().from(accounts).where(eq(accounts.id, accountId));
      if (account?.disabledAt) return { kind: 'refused', reason: 'account-disabled' } as const;
      await tx.update(citizens).set(profile).where(eq(citizens.accountId, accountId));
      await tx
        .update(accounts)
        .set({ displayName, ...(claims.email ? { email: claims.email } : {}), ...(claims.locale ? { locale: claims.locale } : {}) })
        .where(eq(accounts.id, accountId));
    } else {
      const [account] = await tx
        .insert(accounts)
        .values({ kind: 'citizen', displayName, email: claims.email ?? null, locale: claims.locale ?? 'kk' })
        .returning({ id: accounts.id });
      accountId = account!.id;
      created = true;
      await tx.insert(citizens).values({
        accountId,
        iinHmac: iinHmac(claims.iin, cfg.iinKeys.current),
        iinKeyVersion: cfg.iinKeys.current.version,
        ...profile,
      });
    }
    const active = await tx
      .select({ id: passkeys.id })
      .from(passkeys)
      .where(and(eq(passkeys.accountId, accountId), isNull(passkeys.revokedAt)));
    await appendAudit(tx, {
      at: now,
      actorAccountId: accountId,
      action: 'identity.proofed',
      subject: { type: 'account', id: accountId },
      meta,
      details: { method, created, residenceUnit: unit },
    });
    return { kind: 'proofed', accountId, created, activePasskeys: active.length } as const;
  });
}

/**
 * After proofing: an enrolling session in which the citizen registers a passkey ('enroll'), or a
 * new passkey that replaces every old one ('recover').
 */
export async function openEnrollment(
  deps: Deps,
  cfg: IdentityConfig,
  accountId: string,
  purpose: 'enroll' | 'recover',
  meta: RequestMeta,
): Promise<{ token: string; expiresAt: Date }> {
  const { token, expiresAt } = await createSession(deps.db, deps, cfg, {
    accountId,
    stage: 'enrolling',
    purpose,
    ip: meta.ip,
    userAgent: meta.userAgent,
  });
  return { token, expiresAt };
}
