// Throttling of password sign-ins (the browser's and POST /api/v1/tokens): after
// SIGN_IN_LIMITS.email failures for one e-mail, or SIGN_IN_LIMITS.address for one client
// address, within the window, further attempts get 429 with Retry-After — before any
// password is hashed, so a flood costs the server one indexed count, not Argon2.
//
// Counted in PostgreSQL (sign_in_attempts), so the limits hold however many web processes
// answer. An attempt is recorded *before* its password is checked, under an advisory lock
// per e-mail and per address, and deleted (with every other row of that e-mail) when it
// succeeds: concurrent attempts cannot all slip under the limit, and a success resets the
// e-mail's count. The e-mail is counted whether or not a user has it, so known and unknown
// addresses answer alike.
import { AppError } from '../../errors';
import type { PrismaClient, Tx } from '../../adapters/db/prisma';

export interface SignInLimits {
  /** Failures per e-mail within the window. */
  email: number;
  /** Failures per client address within the window (many people may share an address). */
  address: number;
  windowMs: number;
}

export const SIGN_IN_LIMITS: SignInLimits = { email: 10, address: 50, windowMs: 15 * 60_000 };

/**
 * Records an attempt for `email` from `address` (null: unknown, only the e-mail is
 * limited), or throws 429 `rate_limited` with the seconds until one more would be allowed.
 * Returns the attempt's ID for `settleSignInAttempt`.
 */
export async function reserveSignInAttempt(options: {
  prisma: PrismaClient;
  email: string;
  address: string | null;
  now: Date;
  limits?: SignInLimits;
}): Promise<string> {
  const { prisma, email, address, now } = options;
  const limits = options.limits ?? SIGN_IN_LIMITS;
  return prisma.$transaction(async (tx) => {
    // Always the e-mail's lock first, then the address's: one order, so never a deadlock.
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sign-in:email:${email}`}::text, 0))`;
    if (address) await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`sign-in:address:${address}`}::text, 0))`;
    const waitMs = Math.max(
      await waitFor(tx, { email }, limits.email, limits.windowMs, now),
      address ? await waitFor(tx, { address }, limits.address, limits.windowMs, now) : 0,
    );
    if (waitMs > 0) {
      const minutes = Math.ceil(waitMs / 60_000);
      throw new AppError(
        'rate_limited',
        `Too many failed sign-in attempts; try again in ${minutes} minute${minutes === 1 ? '' : 's'}`,
        [],
        { retryAfterSeconds: Math.ceil(waitMs / 1000) },
      );
    }
    const attempt = await tx.signInAttempt.create({ data: { email, address, attemptedAt: now }, select: { id: true } });
    return attempt.id;
  });
}

/**
 * How long until fewer than `limit` failures of `where` fall in the window: 0 when there
 * are fewer already, else until the limit-th newest one leaves it.
 */
async function waitFor(tx: Tx, where: { email: string } | { address: string }, limit: number, windowMs: number, now: Date) {
  const since = new Date(now.getTime() - windowMs);
  const oldestThatCounts = await tx.signInAttempt.findFirst({
    where: { ...where, attemptedAt: { gt: since } },
    orderBy: { attemptedAt: 'desc' },
    skip: limit - 1,
    select: { attemptedAt: true },
  });
  return oldestThatCounts ? Math.max(1, oldestThatCounts.attemptedAt.getTime() + windowMs - now.getTime()) : 0;
}

/**
 * After the password check. Success: the e-mail's failures are forgiven (its count resets).
 * Wrong password or unknown e-mail: the attempt stays, a failure. `undecided` (the check
 * itself broke, e.g. the database went away): the attempt is withdrawn, not held against
 * the user.
 */
export async function settleSignInAttempt(options: {
  prisma: PrismaClient;
  attemptId: string;
  email: string;
  outcome: 'success' | 'failure' | 'undecided';
}): Promise<void> {
  const { prisma, attemptId, email, outcome } = options;
  if (outcome === 'success') await prisma.signInAttempt.deleteMany({ where: { email } });
  else if (outcome === 'undecided') await prisma.signInAttempt.deleteMany({ where: { id: attemptId } });
}

/** The daily clean-up: attempts older than the window count for nothing. */
export async function deleteStaleSignInAttempts(options: { prisma: PrismaClient; now: Date; limits?: SignInLimits }): Promise<number> {
  const windowMs = (options.limits ?? SIGN_IN_LIMITS).windowMs;
  const { count } = await options.prisma.signInAttempt.deleteMany({
    where: { attemptedAt: { lte: new Date(options.now.getTime() - windowMs) } },
  });
  return count;
}
