import { describe, expect, it } from 'vitest';
import { PERMISSIONS, ROLE_PERMISSIONS, STAFF_ROLES, assertCan, can, scopedBodies, type Actor, type Permission, type Role } from '../../app/domain/identity/permissions';

/** The expected matrix, written out by hand: every role against every protected action. */
const EXPECTED: Record<Role, Permission[]> = {
  citizen: ['petition:create', 'petition:sign', 'report:create', 'account:manage-own'],
  moderator: ['petition:moderate', 'integrity:review', 'account:manage-own'],
  akimat_officer: ['report:triage', 'petition:record-answer', 'account:manage-own'],
  project_analyst: ['project:edit', 'project:link', 'account:manage-own'],
  administrator: ['staff:manage', 'audit:read', 'account:manage-own'],
};

const actorFor = (role: Role, bodyId: number | null = null): Actor =>
  role === 'citizen' ? { accountId: 'c', kind: 'citizen', roles: [] } : { accountId: 's', kind: 'staff', roles: [{ role, bodyId: role === 'akimat_officer' ? (bodyId ?? 10) : null }] };

describe('permission matrix', () => {
  const roles: Role[] = ['citizen', ...STAFF_ROLES];
  for (const role of roles) {
    for (const permission of PERMISSIONS) {
      const allowed = EXPECTED[role].includes(permission);
      it(`${role} ${allowed ? 'may' : 'may not'} ${permission}`, () => {
        expect(can(actorFor(role), permission, { bodyId: 10 })).toBe(allowed);
        if (allowed) expect(() => assertCan(actorFor(role), permission, { bodyId: 10 })).not.toThrow();
        else expect(() => assertCan(actorFor(role), permission, { bodyId: 10 })).toThrow(/forbidden/);
      });
    }
  }

  it('the code grants exactly the documented matrix', () => {
    expect(ROLE_PERMISSIONS).toEqual(EXPECTED);
  });

  it('nobody is allowed anything when signed out', () => {
    for (const p of PERMISSIONS) expect(can(null, p)).toBe(false);
  });
});

describe('akimat scope', () => {
  const officerOf10 = actorFor('akimat_officer', 10);
  it("an akimat officer acts on their akimat's data only", () => {
    expect(can(officerOf10, 'report:triage', { bodyId: 10 })).toBe(true);
    expect(can(officerOf10, 'report:triage', { bodyId: 11 })).toBe(false);
    expect(can(officerOf10, 'report:triage')).toBe(false);
    expect(can(officerOf10, 'petition:record-answer', { bodyId: 11 })).toBe(false);
  });

  it('an officer of several akimats acts on each of them', () => {
    const officer: Actor = { accountId: 's', kind: 'staff', roles: [{ role: 'akimat_officer', bodyId: 10 }, { role: 'akimat_officer', bodyId: 12 }] };
    expect(can(officer, 'report:triage', { bodyId: 12 })).toBe(true);
    expect(scopedBodies(officer, 'report:triage')).toEqual([10, 12]);
    expect(scopedBodies(actorFor('moderator'), 'report:triage')).toEqual([]);
  });

  it('a staff account is not a citizen', () => {
    expect(can(actorFor('administrator'), 'petition:sign')).toBe(false);
  });
});
