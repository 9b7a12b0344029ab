// Access across several organizations at once (report runs span a firm's clients). The
// same two answers as requirePermission: not a member of one of them → "not found" (the
// caller names what), a member without the right role → "forbidden". A null actor is the
// operator (CLI, workers): every organization, as admin.
import { AppError, notFound } from '../../errors';
import type { PrismaClient } from '../../adapters/db/prisma';
import { roleAllows, type Actor, type Permission, type Role } from './access';

export interface OrganizationAccess {
  id: string;
  name: string;
  role: Role;
}

/**
 * The organizations the actor is a member of (only those in `organizationIds` when given:
 * then every one of them, else "Organization not found"), with the actor's role, by name.
 */
export async function organizationsOfActor(
  prisma: PrismaClient,
  actor: Actor | null,
  organizationIds: readonly string[] | undefined,
): Promise<OrganizationAccess[]> {
  const wanted = organizationIds ? [...new Set(organizationIds)] : null;
  if (!actor) {
    const all = await prisma.organization.findMany({
      where: wanted ? { id: { in: wanted } } : {},
      select: { id: true, name: true },
      orderBy: [{ name: 'asc' }, { id: 'asc' }],
    });
    if (wanted && all.length !== wanted.length) throw notFound('Organization');
    return all.map((organization) => ({ ...organization, role: 'admin' as const }));
  }
  const memberships = await prisma.membership.findMany({
    where: { userId: actor.userId, ...(wanted ? { organizationId: { in: wanted } } : {}) },
    select: { role: true, organization: { select: { id: true, name: true } } },
    orderBy: [{ organization: { name: 'asc' } }, { organizationId: 'asc' }],
  });
  // Not a member of one of them → the same 404 as an unknown ID: nothing is revealed.
  if (wanted && memberships.length !== wanted.length) throw notFound('Organization');
  return memberships.map((membership) => ({ ...membership.organization, role: membership.role }));
}

/**
 * Passes when the actor is a member of every organization (else `notFound(resource)`) with
 * `permission` in each (else "forbidden" with `forbiddenMessage`). The operator may all.
 */
export async function requirePermissionInEach(
  prisma: PrismaClient,
  actor: Actor | null,
  organizationIds: readonly string[],
  permission: Permission,
  refusal: { resource: string; forbiddenMessage: string },
): Promise<void> {
  if (!actor) return;
  const memberships = await prisma.membership.findMany({
    where: { userId: actor.userId, organizationId: { in: [...organizationIds] } },
    select: { role: true },
  });
  if (memberships.length !== organizationIds.length) throw notFound(refusal.resource);
  if (memberships.some((membership) => !roleAllows(membership.role, permission))) {
    throw new AppError('forbidden', refusal.forbiddenMessage);
  }
}

/** The IDs of every organization the actor is a member of (to filter what spans several). */
export async function memberOrganizationIds(prisma: PrismaClient, actor: Actor): Promise<string[]> {
  const memberships = await prisma.membership.findMany({ where: { userId: actor.userId }, select: { organizationId: true } });
  return memberships.map((membership) => membership.organizationId);
}
