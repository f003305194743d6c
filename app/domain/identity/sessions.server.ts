import { createHash, randomBytes } from 'node:crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { prepared, type Db } from '../../../db/client';
import { accounts, sessions, staffRoles } from '../../../db/schema';
import type { Deps } from '../shared/deps';
import type { IdentityConfig } from './config';
import type { Actor, StaffRole } from './permissions';

export type SessionStage = 'enrolling' | 'active';
export type SessionPurpose = 'enroll' | 'recover' | 'invite' | null;

export interface CurrentSession {
  id: string;
  accountId: string;
  stage: SessionStage;
  purpose: SessionPurpose;
  createdAt: Date;
  actor: Actor;
  displayName: string;
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Starts a session: a new random token (the cookie value) whose SHA-256 keys the row. A new id at
 * every sign-in (no session fixation). Absolute expiry after `sessionAbsoluteMs`.
 */
export async function createSession(
  tx: Db,
  deps: Pick<Deps, 'clock'>,
  cfg: Pick<IdentityConfig, 'sessionAbsoluteMs'>,
  input: { accountId: string; stage: SessionStage; purpose?: SessionPurpose; ip: string | null; userAgent: string | null },
): Promise<{ token: string; id: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const id = hashToken(token);
  const now = deps.clock.now();
  const expiresAt = new Date(now.getTime() + cfg.sessionAbsoluteMs);
  await tx.insert(sessions).values({
    id,
    accountId: input.accountId,
    stage: input.stage,
    purpose: input.purpose ?? null,
    createdAt: now,
    lastSeenAt: now,
    expiresAt,
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 400) ?? null,
  });
  return { token, id, expiresAt };
}

/** Why a session is no longer valid (pure: idle 30 min, absolute 12 h, revoked). */
export function sessionExpiry(
  row: { lastSeenAt: Date; expiresAt: Date; revokedAt: Date | null },
  now: Date,
  idleMs: number,
): 'revoked' | 'absolute' | 'idle' | null {
  if (row.revokedAt) return 'revoked';
  if (now.getTime() >= row.expiresAt.getTime()) return 'absolute';
  if (now.getTime() - row.lastSeenAt.getTime() >= idleMs) return 'idle';
  return null;
}

/** Touching last_seen_at at most this often keeps writes low on busy pages. */
const TOUCH_EVERY_MS = 60 * 1000;

/** Resolves a cookie token to a live session with its actor, or null. Refreshes the idle timer. */
export async function resolveSession(
  deps: Pick<Deps, 'db' | 'clock'>,
  cfg: Pick<IdentityConfig, 'sessionIdleMs'>,
  token: string,
): Promise<CurrentSession | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const id = hashToken(token);
  // Every request with a session cookie makes this query: prepared once.
  const query = prepared(deps.db, 'sessions.resolve', (db) =>
    db
      .select({ session: sessions, account: accounts })
      .from(sessions)
      .innerJoin(accounts, eq(accounts.id, sessions.accountId))
      .where(eq(sessions.id, sql.placeholder('id')))
      .prepare('sessions_resolve'),
  );
  const [row] = await query.execute({ id });
  if (!row || row.account.disabledAt) return null;
  const now = deps.clock.now();
  if (sessionExpiry(row.session, now, cfg.sessionIdleMs)) return null;
  if (now.getTime() - row.session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await deps.db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, id));
  }
  const roles =
    row.account.kind === 'staff'
      ? await deps.db
          .select({ role: staffRoles.role, bodyId: staffRoles.bodyId })
          .from(staffRoles)
          .where(eq(staffRoles.accountId, row.account.id))
      : [];
  return {
    id,
    accountId: row.account.id,
    stage: row.session.stage as SessionStage,
    purpose: row.session.purpose as SessionPurpose,
    createdAt: row.session.createdAt,
    displayName: row.account.displayName,
    actor: {
      accountId: row.account.id,
      kind: row.account.kind as 'citizen' | 'staff',
      roles: roles.map((r) => ({ role: r.role as StaffRole, bodyId: r.bodyId })),
    },
  };
}

export async function revokeSession(tx: Db, deps: Pick<Deps, 'clock'>, sessionId: string): Promise<void> {
  await tx
    .update(sessions)
    .set({ revokedAt: deps.clock.now() })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt)));
}

/** Ends every session of the account ("sign out everywhere", recovery). Returns how many. */
export async function revokeAllSessions(tx: Db, deps: Pick<Deps, 'clock'>, accountId: string): Promise<number> {
  const rows = await tx
    .update(sessions)
    .set({ revokedAt: deps.clock.now() })
    .where(and(eq(sessions.accountId, accountId), isNull(sessions.revokedAt)))
    .returning({ id: sessions.id });
  return rows.length;
}
