// Browser sessions: a random secret in an HTTP-only, SameSite=Lax cookie; the database
// keeps only its hash and an expiry.
import type { Actor } from './access';
import { secureCookies } from '../../config';
import type { PrismaClient } from '../../adapters/db/prisma';
import { hashSecret, newSecret } from './secrets';
import { verifyCredentials } from './users';

/** The credential cache's key of a session (lib/adapters/cache/read-caches.ts). */
export const sessionCredentialKey = (tokenHash: string): string => `session:${tokenHash}`;

/** `__Host-closebook_session` when cookies are secure (see secureCookies), else the plain name. */
export function sessionCookieName(secure = secureCookies()): string {
  return secure ? '__Host-closebook_session' : 'closebook_session';
}

/** Attributes of the session cookie; the same ones delete it (a __Host- cookie is only replaced by a Secure one). */
export function sessionCookieOptions(expires: Date) {
  return { httpOnly: true, sameSite: 'lax' as const, secure: secureCookies(), path: '/', expires };
}
export const SESSION_TTL_MS = 12 * 3_600_000;

export async function signIn(options: {
  prisma: PrismaClient;
  input: unknown;
  /** The client's address, for the per-address sign-in limit; null when unknown. */
  address: string | null;
  now: Date;
}): Promise<{ secret: string; expiresAt: Date }> {
  const user = await verifyCredentials(options);
  return startSession({ prisma: options.prisma, userId: user.id, now: options.now });
}

/** A new session for a user who has just proved who they are (a password, or an accepted invitation with a new password). */
export async function startSession(options: {
  prisma: PrismaClient;
  userId: string;
  now: Date;
}): Promise<{ secret: string; expiresAt: Date }> {
  const secret = newSecret('cbs');
  const expiresAt = new Date(options.now.getTime() + SESSION_TTL_MS);
  await options.prisma.session.create({
    data: { userId: options.userId, tokenHash: hashSecret(secret), createdAt: options.now, expiresAt },
  });
  return { secret, expiresAt };
}

export async function sessionActor(options: {
  prisma: PrismaClient;
  secret: string | undefined;
  now: Date;
}): Promise<(Actor & { email: string; name: string }) | null> {
  if (!options.secret) return null;
  const session = await options.prisma.session.findUnique({
    where: { tokenHash: hashSecret(options.secret) },
    select: { expiresAt: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!session || session.expiresAt <= options.now) return null;
  return { userId: session.user.id, email: session.user.email, name: session.user.name };
}

export async function signOut(options: { prisma: PrismaClient; secret: string | undefined }): Promise<void> {
  if (!options.secret) return;
  // A trigger tells the web processes' credential caches (migration cache_invalidation).
  await options.prisma.session.deleteMany({ where: { tokenHash: hashSecret(options.secret) } });
}
