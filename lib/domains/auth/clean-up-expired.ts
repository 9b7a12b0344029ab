// The daily clean-up of access data that can never be used again: expired sessions and API
// tokens (they already answer 401; the rows only grow), invitations that are expired,
// accepted or revoked (their links then read "not valid" instead of saying which), and
// sign-in attempts older than the throttle's window. Run by the worker's `access-cleanup` cron task (workers/main.ts).
// Deleting a credential row notifies the web processes' caches (migration
// cache_invalidation), which is harmless: an expired credential is refused either way.
import type { PrismaClient } from '../../adapters/db/prisma';
import { deleteStaleSignInAttempts } from './sign-in-throttle';

export const ACCESS_CLEANUP_TASK = 'access-cleanup';
/** Daily at 03:45 UTC, caught up after downtime. */
export const ACCESS_CLEANUP_CRON = '45 3 * * *';

export interface AccessCleanup {
  sessions: number;
  tokens: number;
  invitations: number;
  signInAttempts: number;
}

export async function cleanUpExpiredAccess(options: { prisma: PrismaClient; now: Date }): Promise<AccessCleanup> {
  const { prisma, now } = options;
  const sessions = await prisma.session.deleteMany({ where: { expiresAt: { lte: now } } });
  const tokens = await prisma.apiToken.deleteMany({ where: { expiresAt: { lte: now } } });
  const invitations = await prisma.invitation.deleteMany({
    where: { OR: [{ expiresAt: { lte: now } }, { acceptedAt: { not: null } }, { revokedAt: { not: null } }] },
  });
  const signInAttempts = await deleteStaleSignInAttempts({ prisma, now });
  return { sessions: sessions.count, tokens: tokens.count, invitations: invitations.count, signInAttempts };
}
