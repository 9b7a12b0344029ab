// A user's own account: change the password (the current one first), and sign out every
// other session (a lost laptop, a shared computer). Both leave the session in use alone.
// Deleting session rows notifies the web processes' caches (a trigger), so the other
// sessions stop working at once, downloads from memory included.
import { z } from 'zod';
import type { PrismaClient } from '../../adapters/db/prisma';
import { AppError } from '../../errors';
import { parseInput } from '../../validation';
import type { Actor } from './access';
import { hashPassword, verifyPassword } from './passwords';
import { MIN_PASSWORD_LENGTH } from './register-user';
import { hashSecret } from './secrets';

export const changePasswordInput = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password').max(1000),
    newPassword: z.string().min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters`).max(1000, 'At most 1000 characters'),
    newPasswordAgain: z.string(),
  })
  .refine((input) => input.newPassword === input.newPasswordAgain, { path: ['newPasswordAgain'], message: 'Type the same password twice' });

/** Changes the password after checking the current one; other sessions are signed out too. */
export async function changePassword(options: {
  prisma: PrismaClient;
  actor: Actor;
  input: unknown;
  /** The session secret in use (browser), kept signed in. */
  currentSessionSecret: string | undefined;
}): Promise<{ otherSessionsEnded: number }> {
  const { prisma, actor } = options;
  const input = parseInput(changePasswordInput, options.input);
  const user = await prisma.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError('validation_failed', 'The current password is not correct', [
      { field: 'currentPassword', message: 'Not your current password' },
    ]);
  }
  const passwordHash = await hashPassword(input.newPassword);
  const [, ended] = await prisma.$transaction([
    prisma.user.update({ where: { id: actor.userId }, data: { passwordHash } }),
    otherSessions(prisma, actor, options.currentSessionSecret),
  ]);
  return { otherSessionsEnded: ended.count };
}

/** Ends every session of the user but the one in use. */
export async function signOutOtherSessions(options: {
  prisma: PrismaClient;
  actor: Actor;
  currentSessionSecret: string | undefined;
}): Promise<{ ended: number }> {
  const { count } = await otherSessions(options.prisma, options.actor, options.currentSessionSecret);
  return { ended: count };
}

function otherSessions(prisma: PrismaClient, actor: Actor, currentSecret: string | undefined) {
  const keep = currentSecret ? hashSecret(currentSecret) : null;
  return prisma.session.deleteMany({ where: { userId: actor.userId, ...(keep ? { tokenHash: { not: keep } } : {}) } });
}
