import { asc, desc, gt, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client';
import { auditLog } from '../../../db/schema';
import { GENESIS, entryHash, verifyChain, type AuditEntry, type ChainCheck } from './chain';

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
}

export interface AuditInput {
  actorAccountId: string | null;
  action: string;
  subject?: { type: string; id: string };
  meta?: RequestMeta;
  details?: Record<string, unknown>;
  at: Date;
}

/** A stable lock key for serialising appends to the chain. */
const AUDIT_LOCK = 7_366_001;

/**
 * Appends an entry in the caller's transaction. The advisory lock makes concurrent appends take
 * turns, so each row links to the one before it; the lock is released when the transaction ends.
 */
export async function appendAudit(tx: Db, input: AuditInput): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  const prevHash = last?.hash ?? GENESIS;
  const entry: AuditEntry = {
    at: new Date(Math.floor(input.at.getTime())),
    actorAccountId: input.actorAccountId,
    action: input.action,
    subjectType: input.subject?.type ?? null,
    subjectId: input.subject?.id ?? null,
    ip: input.meta?.ip ?? null,
    userAgent: input.meta?.userAgent ?? null,
    details: input.details ?? {},
  };
  await tx.insert(auditLog).values({ ...entry, prevHash, hash: entryHash(prevHash, entry) });
}

/** Reads the whole log in id order, in pages, and verifies the chain. */
export async function verifyAuditLog(db: Db, pageSize = 5000): Promise<ChainCheck> {
  const rows: (AuditEntry & { id: number; prevHash: string; hash: string })[] = [];
  let after = 0;
  for (;;) {
    const page = await db.select().from(auditLog).where(gt(auditLog.id, after)).orderBy(asc(auditLog.id)).limit(pageSize);
    if (page.length === 0) break;
    rows.push(...page);
    after = page[page.length - 1]!.id;
  }
  return verifyChain(rows);
}
