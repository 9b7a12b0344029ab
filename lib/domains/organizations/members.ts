// Who belongs to an organization and with which role (admin only). An organization always
// keeps at least one admin — also when two admins demote or remove each other at the same
// moment: see lockAdmins.
import { z } from 'zod';
import { requirePermission, type Actor, type Role } from '../auth/access';
import { AppError, notFound } from '../../errors';
import { TX_OPTIONS, type PrismaClient, type Tx } from '../../adapters/db/prisma';
import { parseInput } from '../../validation';

const ROLES = ['admin', 'accountant', 'viewer'] as const;

export const addMemberInput = z.object({
  email: z.string().trim().toLowerCase().email('Enter an e-mail address'),
  role: z.enum(ROLES),
});

export async function listMembers(options: { prisma: PrismaClient; actor: Actor; organizationId: string }) {
  await requirePermission(options.prisma, options.actor, options.organizationId, 'read');
  const memberships = await options.prisma.membership.findMany({
    where: { organizationId: options.organizationId },
    select: { role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
    orderBy: { createdAt: 'asc' },
  });
  return memberships.map((membership) => ({ ...membership.user, role: membership.role, since: membership.createdAt.toISOString() }));
}

/**
 * Locks the organization's admin memberships (FOR UPDATE, in one order so two callers never
 * deadlock) for the rest of the transaction. Without it, two admins demoting each other
 * would each count the other as "another admin" in their own snapshot, both commit, and
 * leave none. With it the second waits for the first, and under READ COMMITTED its next
 * statements see what the first committed. The caller's own permission is checked after
 * the lock for the same reason: an admin demoted a moment ago no longer manages members.
 */
async function lockAdmins(tx: Tx, organizationId: string): Promise<void> {
  await tx.$queryRaw`SELECT user_id FROM memberships WHERE organization_id = ${organizationId}::uuid AND role = 'admin' ORDER BY user_id FOR UPDATE`;
}

async function assertAnotherAdmin(tx: Tx, organizationId: string, userId: string): Promise<void> {
  const admins = await tx.membership.count({ where: { organizationId, role: 'admin', userId: { not: userId } } });
  if (admins === 0) throw new AppError('conflict', 'An organization needs at least one admin');
}

/** Adds an existing user (by e-mail) to the organization. */
export async function addMember(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  input: unknown;
  now: Date;
}): Promise<void> {
  const { prisma, actor, organizationId, now } = options;
  await requirePermission(prisma, actor, organizationId, 'manage-members');
  const input = parseInput(addMemberInput, options.input);
  const user = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
  if (!user)
    throw new AppError('validation_failed', 'No user has this e-mail address', [
      { field: 'email', message: 'No user has this e-mail address' },
    ]);
  const existing = await prisma.membership.findUnique({ where: { organizationId_userId: { organizationId, userId: user.id } } });
  if (existing)
    throw new AppError('conflict', 'This user is already a member', [{ field: 'email', message: `Already a member (${existing.role})` }]);
  await prisma.membership.create({ data: { organizationId, userId: user.id, role: input.role, createdAt: now } });
}

export async function changeMemberRole(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  userId: string;
  role: string;
}): Promise<void> {
  const { prisma, actor, organizationId, userId } = options;
  await requirePermission(prisma, actor, organizationId, 'manage-members');
  const role: Role = parseInput(z.enum(ROLES), options.role);
  await prisma.$transaction(async (tx) => {
    await lockAdmins(tx, organizationId);
    await requirePermission(tx, actor, organizationId, 'manage-members');
    const membership = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } } });
    if (!membership) throw notFound('Member');
    if (membership.role === 'admin' && role !== 'admin') await assertAnotherAdmin(tx, organizationId, userId);
    await tx.membership.update({ where: { organizationId_userId: { organizationId, userId } }, data: { role } });
  }, TX_OPTIONS);
}

export async function removeMember(options: { prisma: PrismaClient; actor: Actor; organizationId: string; userId: string }): Promise<void> {
  const { prisma, actor, organizationId, userId } = options;
  await requirePermission(prisma, actor, organizationId, 'manage-members');
  await prisma.$transaction(async (tx) => {
    await lockAdmins(tx, organizationId);
    await requirePermission(tx, actor, organizationId, 'manage-members');
    const membership = await tx.membership.findUnique({ where: { organizationId_userId: { organizationId, userId } } });
    if (!membership) throw notFound('Member');
    if (membership.role === 'admin') await assertAnotherAdmin(tx, organizationId, userId);
    await tx.membership.delete({ where: { organizationId_userId: { organizationId, userId } } });
  }, TX_OPTIONS);
}
