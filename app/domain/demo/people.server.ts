import { randomUUID } from 'node:crypto';
import { accounts, citizens } from '../../../db/schema';
import type { IdentityConfig } from '../identity/config';
import { anniversary, checkIin, composeIin } from '../identity/iin';
import { iinHmac } from '../identity/iin-hmac.server';
import type { Deps } from '../shared/deps';

/** The same dependencies with the clock set `hoursAgo` hours back (demo history). */
export function back(deps: Deps, hoursAgo: number): Deps {
  const at = new Date(deps.clock.now().getTime() - hoursAgo * 3_600_000);
  return { ...deps, clock: { now: () => at } };
}

/**
 * A demo citizen proofed `since` (account and citizen rows as proofing writes them: the IIN kept
 * only as its keyed hash). Demo identities are not real people. Null when the composed IIN is not
 * valid (its check digit cannot be made for that serial).
 */
export async function insertDemoCitizen(
  deps: Deps,
  cfg: IdentityConfig,
  p: { birthDate: string; sex: 'M' | 'F'; serial: number; givenName: string; familyName: string; displayName: string; residence: string; since: Date; locale?: string },
): Promise<string | null> {
  const iin = composeIin(p.birthDate, p.sex, p.serial);
  const info = checkIin(iin);
  if (info.kind !== 'valid') return null;
  const accountId = randomUUID();
  await deps.db.insert(accounts).values({ id: accountId, kind: 'citizen', displayName: p.displayName, createdAt: p.since, ...(p.locale ? { locale: p.locale } : {}) });
  await deps.db.insert(citizens).values({
    accountId,
    iinHmac: iinHmac(iin, cfg.iinKeys.current),
    iinKeyVersion: cfg.iinKeys.current.version,
    givenName: p.givenName,
    familyName: p.familyName,
    birthYear: Number(info.info.birthDate.slice(0, 4)),
    adultOn: anniversary(info.info.birthDate, 18),
    sex: info.info.sex,
    residenceKato: p.residence,
    residenceUnitKato: p.residence,
    proofingMethod: 'demo',
    proofedAt: p.since,
  });
  return accountId;
}
