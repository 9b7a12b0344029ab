import { z } from 'zod';
import { AppError } from '../../errors';
import type { PrismaClient } from '../../adapters/db/prisma';
import { parseInput } from '../../validation';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';
import { reserveSignInAttempt, settleSignInAttempt, type SignInLimits } from './sign-in-throttle';

export const credentialsInput = z.object({
  email: z.string().trim().toLowerCase().email('Enter an e-mail address').max(320),
  password: z.string().min(1, 'Enter your password').max(1000),
});

export async function createUser(options: {
  prisma: PrismaClient;
  email: string;
  name: string;
  password: string;
}): Promise<{ id: string; email: string }> {
  const email = options.email.trim().toLowerCase();
  return options.prisma.user.create({
    data: { email, name: options.name, passwordHash: await hashPassword(options.password) },
    select: { id: true, email: true },
  });
}

/**
 * Checks e-mail and password; any mismatch is the same "unauthorized" answer. Throttled
 * (lib/auth/sign-in-throttle.ts): past the limits of the e-mail or of the client `address`
 * it answers 429 before hashing anything.
 */
export async function verifyCredentials(options: {
  prisma: PrismaClient;
  input: unknown;
  /** The client's address (lib/http/client-address.ts); null when unknown. */
  address: string | null;
  now: Date;
  limits?: SignInLimits;
}): Promise<{ id: string; email: string; name: string }> {
  const { prisma } = options;
  const { email, password } = parseInput(credentialsInput, options.input);
  const attemptId = await reserveSignInAttempt({ prisma, email, address: options.address, now: options.now, limits: options.limits });
  let outcome: 'success' | 'failure' | 'undecided' = 'undecided';
  try {
    const user = await prisma.user.findUnique({
      where: { email },
      select: { id: true, email: true, name: true, passwordHash: true },
    });
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    outcome = user && ok ? 'success' : 'failure';
    if (!user || !ok) throw new AppError('unauthorized', 'E-mail or password is not correct');
    return { id: user.id, email: user.email, name: user.name };
  } finally {
    await settleSignInAttempt({ prisma, attemptId, email, outcome });
  }
}
