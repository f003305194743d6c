import { ForbiddenError } from '../shared/errors';

/**
 * Who may do what. Permissions are `action:entity` strings, granted to roles; akimat officers'
 * permissions are scoped to the akimats they serve. Checked in the domain, not only in routes.
 */
export const STAFF_ROLES = ['moderator', 'akimat_officer', 'project_analyst', 'administrator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
export type Role = 'citizen' | StaffRole;

export const PERMISSIONS = [
  'petition:create',
  'petition:sign',
  'report:create',
  'account:manage-own',
  'petition:moderate',
  'petition:record-answer',
  'integrity:review',
  'report:triage',
  'project:edit',
  'project:link',
  'staff:manage',
  'audit:read',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Permissions that apply to one akimat's data: the actor must hold the role for that akimat. */
export const SCOPED_PERMISSIONS: ReadonlySet<Permission> = new Set(['report:triage', 'petition:record-answer']);

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  citizen: ['petition:create', 'petition:sign', 'report:create', 'account:manage-own'],
  moderator: ['petition:moderate', 'integrity:review', 'account:manage-own'],
  akimat_officer: ['report:triage', 'petition:record-answer', 'account:manage-own'],
  project_analyst: ['project:edit', 'project:link', 'account:manage-own'],
  administrator: ['staff:manage', 'audit:read', 'account:manage-own'],
};

export interface RoleGrant {
  role: StaffRole;
  /** The akimat (local body id) an akimat officer serves; null for other roles. */
  bodyId: number | null;
}

/** The signed-in person as the domain sees them. */
export interface Actor {
  accountId: string;
  kind: 'citizen' | 'staff';
  roles: readonly RoleGrant[];
}

export interface Scope {
  /** The akimat whose data is touched. */
  bodyId?: number | null;
}

/** Whether the actor holds the permission (for a scoped permission: for that akimat). */
export function can(actor: Actor | null, permission: Permission, scope: Scope = {}): boolean {
  if (!actor) return false;
  if (actor.kind === 'citizen') return ROLE_PERMISSIONS.citizen.includes(permission);
  return actor.roles.some((grant) => {
    if (!ROLE_PERMISSIONS[grant.role].includes(permission)) return false;
    if (!SCOPED_PERMISSIONS.has(permission)) return true;
    return scope.bodyId !== undefined && scope.bodyId !== null && grant.bodyId === scope.bodyId;
  });
}

export function assertCan(actor: Actor | null, permission: Permission, scope: Scope = {}): asserts actor is Actor {
  if (!can(actor, permission, scope)) throw new ForbiddenError(`forbidden.${permission}`);
}

/** The akimats whose data the actor may see for a scoped permission (empty: none). */
export function scopedBodies(actor: Actor | null, permission: Permission): number[] {
  if (!actor || actor.kind !== 'staff') return [];
  return actor.roles
    .filter((g) => ROLE_PERMISSIONS[g.role].includes(permission) && g.bodyId !== null)
    .map((g) => g.bodyId!);
}
