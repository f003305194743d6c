import { describe, expect, it } from 'vitest';
import { GENESIS, canonicalJson, entryHash, verifyChain, type AuditEntry } from '../../app/domain/audit/chain';
import { sessionExpiry } from '../../app/domain/identity/sessions.server';

const MIN = 60_000;

describe('session expiry', () => {
  const now = new Date('2026-11-22T12:00:00Z');
  const row = (lastSeenMinutesAgo: number, expiresInMinutes: number, revoked = false) => ({
    lastSeenAt: new Date(now.getTime() - lastSeenMinutesAgo * MIN),
    expiresAt: new Date(now.getTime() + expiresInMinutes * MIN),
    revokedAt: revoked ? now : null,
  });
  it('is alive within 30 idle minutes and before the absolute end', () => {
    expect(sessionExpiry(row(29, 60), now, 30 * MIN)).toBeNull();
  });
  it('ends after 30 idle minutes', () => {
    expect(sessionExpiry(row(30, 60), now, 30 * MIN)).toBe('idle');
  });
  it('ends at the absolute expiry even when active', () => {
    expect(sessionExpiry(row(0, 0), now, 30 * MIN)).toBe('absolute');
  });
  it('ends when revoked', () => {
    expect(sessionExpiry(row(0, 60, true), now, 30 * MIN)).toBe('revoked');
  });
});

describe('audit hash chain', () => {
  const entry = (i: number): AuditEntry => ({
    at: new Date(Date.UTC(2026, 10, 22, 12, 0, i)),
    actorAccountId: null,
    action: `test.${i}`,
    subjectType: 'x',
    subjectId: String(i),
    ip: '127.0.0.1',
    userAgent: 'ua',
    details: { b: 1, a: [i, { z: true, y: null }] },
  });
  const chain = () => {
    let prev = GENESIS;
    return [1, 2, 3, 4].map((i) => {
      const e = entry(i);
      const hash = entryHash(prev, e);
      const row = { ...e, id: i, prevHash: prev, hash };
      prev = hash;
      return row;
    });
  };

  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 2 }] } })).toBe('{"a":{"c":[3,{"e":2,"f":1}],"d":2},"b":1}');
  });

  it('verifies an intact chain', () => {
    expect(verifyChain(chain())).toEqual({ ok: true, rows: 4 });
  });

  it('detects a changed row, a deleted row and an inserted row', () => {
    const changed = chain();
    changed[1]!.details = { b: 2 };
    expect(verifyChain(changed)).toMatchObject({ ok: false, brokenAt: 2, reason: 'hash' });
    const deleted = chain();
    deleted.splice(1, 1);
    expect(verifyChain(deleted)).toMatchObject({ ok: false, brokenAt: 3, reason: 'prev-hash' });
    const rehashed = chain();
    rehashed[1]!.action = 'forged';
    const { id: _id, prevHash, hash: _hash, ...forged } = rehashed[1]!;
    rehashed[1]!.hash = entryHash(prevHash, forged);
    expect(verifyChain(rehashed)).toMatchObject({ ok: false, brokenAt: 3, reason: 'prev-hash' });
  });
});
