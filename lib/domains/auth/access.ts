// Authorization, enforced in lib/ so every adapter (API, browser, CSV import) gets it.
// Not a member → "not found" (an organization you cannot see does not exist for you);
// a member without the right role → "forbidden".
import { AppError, notFound } from '../../errors';
import type { PrismaClient, Tx } from '../../adapters/db/prisma';
import { isUuid } from '../../validation';

export type Role = 'admin' | 'accountant' | 'viewer';
export type Permission = 'read' | 'post' | 'manage-accounts' | 'manage-periods' | 'manage-members' | 'manage-settings';

const GRANTS: Record<Role, readonly Permission[]> = {
  viewer: ['read'],
  accountant: ['read', 'post', 'manage-accounts'],
  admin: ['read', 'post', 'manage-accounts', 'manage-periods', 'manage-members', 'manage-settings'],
};

export interface Actor {
  userId: string;
  /** The API token the request came with (bearer requests only): GET /api/v1/tokens marks it `current`. */
  tokenId?: string;
}

export function roleAllows(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** Every role holding a permission (for checks made inside one SQL statement). */
export function rolesWith(permission: Permission): Role[] {
  return (Object.keys(GRANTS) as Role[]).filter((role) => roleAllows(role, permission));
}

export function roleForbids(role: Role): AppError {
  return new AppError('forbidden', `Your role (${role}) does not allow this action`);
}

/**
 * `resource` names what the caller asked for when the organization comes from it (a report
 * or snapshot ID): the 404 of a non-member must then be the very answer of an unknown ID of
 * that kind ("Report not found"), or the difference tells a prober which IDs exist.
 */
export async function requirePermission(
  db: PrismaClient | Tx,
  actor: Actor,
  organizationId: string,
  permission: Permission,
  resource = 'Organization',
): Promise<Role> {
  if (!isUuid(organizationId)) throw notFound(resource);
  const membership = await db.membership.findUnique({
    where: { organizationId_userId: { organizationId, userId: actor.userId } },
    select: { role: true },
  });
  if (!membership) throw notFound(resource);
  if (!roleAllows(membership.role, permission)) {
    throw roleForbids(membership.role);
  }
  return membership.role;
}
