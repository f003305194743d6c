import { eq } from 'drizzle-orm';
import { accounts, citizens, localBodies, staffRoles, units } from '../../../db/schema';
import { appendAudit, type RequestMeta } from '../audit/audit.server';
import type { Names } from '../reference/queries.server';
import type { Deps } from '../shared/deps';
import { assertCan, type Actor, type StaffRole } from './permissions';
import { listPasskeys, type PasskeySummary } from './passkeys.server';
import { revokeAllSessions, revokeSession } from './sessions.server';

export interface AccountOverview {
  accountId: string;
  displayName: string;
  kind: 'citizen' | 'staff';
  residence: (Names & { kato: string }) | null;
  roles: { role: StaffRole; body: (Names & { id: number }) | null }[];
  passkeys: PasskeySummary[];
}

export async function getAccountOverview(deps: Pick<Deps, 'db'>, accountId: string): Promise<AccountOverview | null> {
  const [account] = await deps.db.select().from(accounts).where(eq(accounts.id, accountId));
  if (!account) return null;
  const [residence] = await deps.db
    .select({ kato: units.kato, nameKk: units.nameKk, nameRu: units.nameRu, nameEn: units.nameEn })
    .from(citizens)
    .innerJoin(units, eq(units.kato, citizens.residenceUnitKato))
    .where(eq(citizens.accountId, accountId));
  const roles = await deps.db
    .select({ role: staffRoles.role, body: localBodies })
    .from(staffRoles)
    .leftJoin(localBodies, eq(localBodies.id, staffRoles.bodyId))
    .where(eq(staffRoles.accountId, accountId));
  return {
    accountId,
    displayName: account.displayName,
    kind: account.kind as 'citizen' | 'staff',
    residence: residence ?? null,
    roles: roles.map((r) => ({
      role: r.role as StaffRole,
      body: r.body ? { id: r.body.id, nameKk: r.body.nameKk, nameRu: r.body.nameRu, nameEn: r.body.nameEn } : null,
    })),
    passkeys: await listPasskeys(deps, accountId),
  };
}

export async function signOut(deps: Deps, session: { id: string; accountId: string }, meta: RequestMeta): Promise<void> {
  await deps.db.transaction(async (tx) => {
    await revokeSession(tx, deps, session.id);
    await appendAudit(tx, { at: deps.clock.now(), actorAccountId: session.accountId, action: 'auth.signed-out', meta });
  });
}

/** Ends every session of the actor's account, on every device. */
export async function signOutEverywhere(deps: Deps, actor: Actor | null, meta: RequestMeta): Promise<number> {
  assertCan(actor, 'account:manage-own');
  return deps.db.transaction(async (tx) => {
    const count = await revokeAllSessions(tx, deps, actor.accountId);
    await appendAudit(tx, {
      at: deps.clock.now(),
      actorAccountId: actor.accountId,
      action: 'auth.signed-out-everywhere',
      subject: { type: 'account', id: actor.accountId },
      meta,
      details: { sessions: count },
    });
    return count;
  });
}

export interface StaffMember {
  accountId: string;
  displayName: string;
  roles: { role: StaffRole; bodyId: number | null; body: Names | null }[];
}

/** Staff accounts and their roles (administrators only). */
export async function listStaff(deps: Pick<Deps, 'db'>, actor: Actor | null): Promise<StaffMember[]> {
  assertCan(actor, 'staff:manage');
  const rows = await deps.db
    .select({ account: accounts, role: staffRoles.role, bodyId: staffRoles.bodyId, body: localBodies })
    .from(staffRoles)
    .innerJoin(accounts, eq(accounts.id, staffRoles.accountId))
    .leftJoin(localBodies, eq(localBodies.id, staffRoles.bodyId))
    .orderBy(accounts.displayName);
  const members = new Map<string, StaffMember>();
  for (const r of rows) {
    const m = members.get(r.account.id) ?? { accountId: r.account.id, displayName: r.account.displayName, roles: [] };
    m.roles.push({
      role: r.role as StaffRole,
      bodyId: r.bodyId,
      body: r.body ? { nameKk: r.body.nameKk, nameRu: r.body.nameRu, nameEn: r.body.nameEn } : null,
    });
    members.set(r.account.id, m);
  }
  return [...members.values()];
}
