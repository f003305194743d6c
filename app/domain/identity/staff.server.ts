import { randomBytes } from 'node:crypto';
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { accounts, localBodies, staffInvites, staffRoles } from '../../../db/schema';
import { appendAudit, type RequestMeta } from '../audit/audit.server';
import type { Deps } from '../shared/deps';
import type { IdentityConfig } from './config';
import { assertCan, STAFF_ROLES, type Actor, type StaffRole } from './permissions';
import { createSession, hashToken } from './sessions.server';

export const InviteInput = z
  .object({
    displayName: z.string().trim().min(2).max(100),
    email: z.string().trim().email().max(200).optional(),
    role: z.enum(STAFF_ROLES),
    bodyIds: z.array(z.coerce.number().int().positive()).max(50).default([]),
  })
  .refine((v) => (v.role === 'akimat_officer') === v.bodyIds.length > 0, {
    message: 'an akimat officer needs at least one akimat; other roles none',
    path: ['bodyIds'],
  });
export type InviteInput = z.input<typeof InviteInput>;

export type InviteOutcome =
  | { kind: 'invited'; inviteId: string; token: string; expiresAt: Date }
  | { kind: 'refused'; reason: 'invalid'; fields: Record<string, string> }
  | { kind: 'refused'; reason: 'unknown-akimat' };

/** An administrator invites a staff member by a one-time link (valid 72 hours). */
export async function inviteStaff(
  deps: Deps,
  cfg: Pick<IdentityConfig, 'inviteTtlMs'>,
  actor: Actor | null,
  input: unknown,
  meta: RequestMeta,
): Promise<InviteOutcome> {
  assertCan(actor, 'staff:manage');
  return createInvite(deps, cfg, actor.accountId, input, meta);
}

/**
 * An invitation made by the operators from the command line (`npm run staff:invite`), e.g. the
 * first administrator. Audited with no actor and `via: 'command line'`.
 */
export async function inviteFromCommandLine(
  deps: Deps,
  cfg: Pick<IdentityConfig, 'inviteTtlMs'>,
  input: unknown,
): Promise<InviteOutcome> {
  return createInvite(deps, cfg, null, input, { ip: null, userAgent: 'command line' });
}

async function createInvite(
  deps: Deps,
  cfg: Pick<IdentityConfig, 'inviteTtlMs'>,
  createdBy: string | null,
  input: unknown,
  meta: RequestMeta,
): Promise<InviteOutcome> {
  const parsed = InviteInput.safeParse(input);
  if (!parsed.success) {
    return {
      kind: 'refused',
      reason: 'invalid',
      fields: Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.') || 'form', i.message])),
    };
  }
  const v = parsed.data;
  if (v.bodyIds.length > 0) {
    const found = await deps.db
      .select({ id: localBodies.id })
      .from(localBodies)
      .where(and(inArray(localBodies.id, v.bodyIds), eq(localBodies.kind, 'akimat')));
    if (found.length !== new Set(v.bodyIds).size) return { kind: 'refused', reason: 'unknown-akimat' };
  }
  const token = randomBytes(32).toString('base64url');
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + cfg.inviteTtlMs);
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(staffInvites)
      .values({
        tokenHash: hashToken(token),
        displayName: v.displayName,
        email: v.email ?? null,
        role: v.role,
        bodyIds: [...new Set(v.bodyIds)],
        createdBy,
        createdAt: now,
        expiresAt,
      })
      .returning({ id: staffInvites.id });
    await appendAudit(tx, {
      at: now,
      actorAccountId: createdBy,
      action: 'staff.invited',
      subject: { type: 'invite', id: row!.id },
      meta,
      details: { role: v.role, bodyIds: v.bodyIds },
    });
    return { kind: 'invited', inviteId: row!.id, token, expiresAt } as const;
  });
}

export type InviteCheck =
  | { kind: 'valid'; inviteId: string; displayName: string; role: StaffRole; bodyIds: number[] }
  | { kind: 'refused'; reason: 'unknown' | 'used' | 'expired' | 'revoked' };

export async function checkInvite(deps: Pick<Deps, 'db' | 'clock'>, token: string): Promise<InviteCheck> {
  const [row] = await deps.db.select().from(staffInvites).where(eq(staffInvites.tokenHash, hashToken(token)));
  if (!row) return { kind: 'refused', reason: 'unknown' };
  if (row.revokedAt) return { kind: 'refused', reason: 'revoked' };
  if (row.usedAt) return { kind: 'refused', reason: 'used' };
  if (row.expiresAt.getTime() <= deps.clock.now().getTime()) return { kind: 'refused', reason: 'expired' };
  return { kind: 'valid', inviteId: row.id, displayName: row.displayName, role: row.role as StaffRole, bodyIds: row.bodyIds };
}

/**
 * Uses an invite once: creates the staff account with its roles and an enrolling session in which
 * the invitee registers a passkey. A second use of the same link is refused.
 */
export async function acceptInvite(
  deps: Deps,
  cfg: Pick<IdentityConfig, 'sessionAbsoluteMs'>,
  token: string,
  meta: RequestMeta,
): Promise<{ kind: 'accepted'; accountId: string; session: { token: string; expiresAt: Date } } | Extract<InviteCheck, { kind: 'refused' }>> {
  return deps.db.transaction(async (tx) => {
    const now = deps.clock.now();
    const [row] = await tx
      .update(staffInvites)
      .set({ usedAt: now })
      .where(and(eq(staffInvites.tokenHash, hashToken(token)), isNull(staffInvites.usedAt), isNull(staffInvites.revokedAt)))
      .returning();
    if (!row) {
      const check = await checkInvite({ db: tx, clock: deps.clock }, token);
      return check.kind === 'refused' ? check : ({ kind: 'refused', reason: 'used' } as const);
    }
    if (row.expiresAt.getTime() <= now.getTime()) {
      // Leave the invite unused so the refusal says "expired" every time.
      await tx.update(staffInvites).set({ usedAt: null }).where(eq(staffInvites.id, row.id));
      return { kind: 'refused', reason: 'expired' } as const;
    }
    const [account] = await tx
      .insert(accounts)
      .values({ kind: 'staff', displayName: row.displayName, email: row.email })
      .returning({ id: accounts.id });
    const accountId = account!.id;
    await tx.update(staffInvites).set({ usedBy: accountId }).where(eq(staffInvites.id, row.id));
    const grants = row.role === 'akimat_officer' ? row.bodyIds.map((bodyId) => ({ bodyId })) : [{ bodyId: null }];
    await tx.insert(staffRoles).values(grants.map((g) => ({ accountId, role: row.role, bodyId: g.bodyId, grantedBy: row.createdBy, grantedAt: now })));
    const session = await createSession(tx, deps, cfg, { accountId, stage: 'enrolling', purpose: 'invite', ip: meta.ip, userAgent: meta.userAgent });
    await appendAudit(tx, {
      at: now,
      actorAccountId: accountId,
      action: 'staff.invite-used',
      subject: { type: 'invite', id: row.id },
      meta,
      details: { role: row.role, bodyIds: row.bodyIds, invitedBy: row.createdBy },
    });
    for (const g of grants) {
      await appendAudit(tx, {
        at: now,
        actorAccountId: row.createdBy,
        action: 'staff.role-granted',
        subject: { type: 'account', id: accountId },
        meta,
        details: { role: row.role, bodyId: g.bodyId, via: 'invite' },
      });
    }
    return { kind: 'accepted', accountId, session: { token: session.token, expiresAt: session.expiresAt } } as const;
  });
}

/** Removes a role from a staff member (administrators only), audited. */
export async function removeRole(
  deps: Deps,
  actor: Actor | null,
  input: { accountId: string; role: StaffRole; bodyId: number | null },
  meta: RequestMeta,
): Promise<{ kind: 'removed' } | { kind: 'refused'; reason: 'not-found' | 'own-admin-role' }> {
  assertCan(actor, 'staff:manage');
  if (input.accountId === actor.accountId && input.role === 'administrator') return { kind: 'refused', reason: 'own-admin-role' };
  return deps.db.transaction(async (tx) => {
    const rows = await tx
      .delete(staffRoles)
      .where(
        and(
          eq(staffRoles.accountId, input.accountId),
          eq(staffRoles.role, input.role),
          input.bodyId === null ? isNull(staffRoles.bodyId) : eq(staffRoles.bodyId, input.bodyId),
        ),
      )
      .returning({ id: staffRoles.id });
    if (rows.length === 0) return { kind: 'refused', reason: 'not-found' } as const;
    await appendAudit(tx, {
      at: deps.clock.now(),
      actorAccountId: actor.accountId,
      action: 'staff.role-removed',
      subject: { type: 'account', id: input.accountId },
      meta,
      details: { role: input.role, bodyId: input.bodyId },
    });
    return { kind: 'removed' } as const;
  });
}
