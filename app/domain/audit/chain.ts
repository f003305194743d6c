import { createHash } from 'node:crypto';

/**
 * The audit hash chain: hash = SHA-256(prevHash + "\n" + canonical JSON of the entry). The first
 * row's prevHash is GENESIS. Changing, inserting or deleting a row breaks every later link.
 */
export const GENESIS = '0'.repeat(64);

export interface AuditEntry {
  at: Date;
  actorAccountId: string | null;
  action: string;
  subjectType: string | null;
  subjectId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: Record<string, unknown>;
}

/** JSON with object keys sorted at every depth, so the same content always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function entryHash(prevHash: string, entry: AuditEntry): string {
  const body = canonicalJson({ ...entry, at: entry.at.toISOString() });
  return createHash('sha256').update(`${prevHash}\n${body}`).digest('hex');
}

export type ChainCheck = { ok: true; rows: number } | { ok: false; rows: number; brokenAt: number; reason: 'prev-hash' | 'hash' };

/** Verifies rows in id order: each links to the previous hash and its hash matches its content. */
export function verifyChain(rows: Iterable<AuditEntry & { id: number; prevHash: string; hash: string }>): ChainCheck {
  let prev = GENESIS;
  let count = 0;
  for (const row of rows) {
    count++;
    if (row.prevHash !== prev) return { ok: false, rows: count, brokenAt: row.id, reason: 'prev-hash' };
    const { id: _id, prevHash: _p, hash, ...entry } = row;
    if (entryHash(prev, entry) !== hash) return { ok: false, rows: count, brokenAt: row.id, reason: 'hash' };
    prev = hash;
  }
  return { ok: true, rows: count };
}
