import { randomBytes, randomUUID } from 'node:crypto';
import type { Db } from '../../db/client';
import { accounts, citizens, passkeys, sessions } from '../../db/schema';
import type { IdentityConfig } from '../../app/domain/identity/config';
import { anniversary, checkIin } from '../../app/domain/identity/iin';
import { iinHmac } from '../../app/domain/identity/iin-hmac.server';
import { hashToken } from '../../app/domain/identity/sessions.server';
import { systemClock } from '../../app/domain/shared/deps';
import type { Actor } from '../../app/domain/identity/permissions';
import { makeIin } from './citizens';
import { SoftAuthenticator } from './soft-authenticator';

export interface FixtureCitizen {
  accountId: string;
  iin: string;
  sessionToken: string;
  authenticator: SoftAuthenticator;
  actor: Actor;
}

/**
 * Many proofed citizens with a registered passkey and an active session, inserted in bulk (the
 * same rows enrollment writes: keyed IIN hash, profile, COSE public key, hashed session token).
 * For load tests; the enrollment path itself is tested over HTTP elsewhere.
 */
export async function bulkCitizens(
  db: Db,
  cfg: IdentityConfig,
  n: number,
  opts: { origin: string; residenceUnitKato?: string | ((i: number) => string); birthDate?: string; serialOffset?: number },
): Promise<FixtureCitizen[]> {
  const out: FixtureCitizen[] = [];
  const chunk = 500;
  for (let start = 0; start < n; start += chunk) {
    const rows = [];
    for (let i = start; i < Math.min(n, start + chunk); i++) {
      const birthDate = opts.birthDate ?? `19${60 + (i % 40)}-0${1 + (i % 9)}-1${i % 10}`;
      const iin = makeIin(birthDate, i % 2 ? 'M' : 'F', (opts.serialOffset ?? 0) + i);
      const info = checkIin(iin);
      if (info.kind !== 'valid') throw new Error(`bad fixture IIN ${iin}`);
      const accountId = randomUUID();
      const authenticator = new SoftAuthenticator(opts.origin);
      authenticator.createCredential({ challenge: 'AA', rp: { id: cfg.rpId, name: 'Dauys' }, user: { id: Buffer.from(accountId).toString('base64url'), name: 'x', displayName: 'x' }, pubKeyCredParams: [] });
      const residence = typeof opts.residenceUnitKato === 'function' ? opts.residenceUnitKato(i) : (opts.residenceUnitKato ?? '711110000');
      rows.push({ accountId, iin, info: info.info, authenticator, residence });
    }
    await db.insert(accounts).values(rows.map((r, k) => ({ id: r.accountId, kind: 'citizen', displayName: `Citizen${start + k} T.` })));
    await db.insert(citizens).values(
      rows.map((r) => ({
        accountId: r.accountId,
        iinHmac: iinHmac(r.iin, cfg.iinKeys.current),
        iinKeyVersion: cfg.iinKeys.current.version,
        givenName: 'Citizen',
        familyName: 'Test',
        birthYear: Number(r.info.birthDate.slice(0, 4)),
        adultOn: anniversary(r.info.birthDate, 18),
        sex: r.info.sex,
        residenceKato: r.residence,
        residenceUnitKato: r.residence,
        proofingMethod: 'demo',
        proofedAt: new Date(Date.now() - 30 * 86_400_000),
      })),
    );
    await db.insert(passkeys).values(
      rows.map((r) => ({
        accountId: r.accountId,
        credentialId: r.authenticator.credentials[0]!.id,
        publicKey: r.authenticator.credentials[0]!.publicKey,
        counter: 0,
        transports: ['internal'],
        name: 'Test phone',
        createdAt: new Date(Date.now() - 30 * 86_400_000),
      })),
    );
    // Active sessions as createSession writes them (random token, its SHA-256 as the key), in one insert.
    const now = systemClock.now();
    const tokens = rows.map(() => randomBytes(32).toString('base64url'));
    await db.insert(sessions).values(
      rows.map((r, k) => ({
        id: hashToken(tokens[k]!),
        accountId: r.accountId,
        stage: 'active',
        createdAt: now,
        lastSeenAt: now,
        expiresAt: new Date(now.getTime() + cfg.sessionAbsoluteMs),
        ip: '127.0.0.1',
        userAgent: 'fixture',
      })),
    );
    rows.forEach((r, k) => {
      out.push({ accountId: r.accountId, iin: r.iin, sessionToken: tokens[k]!, authenticator: r.authenticator, actor: { accountId: r.accountId, kind: 'citizen', roles: [] } });
    });
  }
  return out;
}
