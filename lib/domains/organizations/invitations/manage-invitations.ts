// The pending invitations of an organization, and revoking one (admins only, like members).
import { requirePermission, type Actor } from '../../auth/access';
import { notFound } from '../../../errors';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { isUuid } from '../../../validation';
import type { PendingInvitation } from './invitation-link';

/** Invitations that can still be accepted, the soonest to expire first. */
export async function listPendingInvitations(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  now: Date;
}): Promise<PendingInvitation[]> {
  const { prisma, organizationId, now } = options;
  await requirePermission(prisma, options.actor, organizationId, 'manage-members');
  return prisma.invitation.findMany({
    where: { organizationId, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, invitedBy: { select: { name: true, email: true } } },
    orderBy: [{ expiresAt: 'asc' }, { id: 'asc' }],
  });
}

/** Withdraws a pending invitation: its link then answers "withdrawn". Another organization's, or a spent one: 404. */
export async function revokeInvitation(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  invitationId: string;
  now: Date;
}): Promise<void> {
  const { prisma, organizationId, invitationId, now } = options;
  await requirePermission(prisma, options.actor, organizationId, 'manage-members');
  if (!isUuid(invitationId)) throw notFound('Invitation');
  const revoked = await prisma.invitation.updateMany({
    where: { id: invitationId, organizationId, acceptedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  if (revoked.count === 0) throw notFound('Invitation');
}
