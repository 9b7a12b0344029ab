import { z } from 'zod';
import { AppError } from '../../errors';
import type { PrismaClient } from '../../adapters/db/prisma';
import { parseInput } from '../../validation';
import { dummyPasswordHash, hashPassword, verifyPassword } from './passwords';

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

/** Checks e-mail and password; any mismatch is the same "unauthorized" answer. */
export async function verifyCredentials(options: {
  prisma: PrismaClient;
  input: unknown;
}): Promise<{ id: string; email: string; name: string }> {
  const { email, password } = parseInput(credentialsInput, options.input);
  const user = await options.prisma.user.findUnique({
    where: { email },
    select: { id: true, email: true, name: true, passwordHash: true },
  });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
  if (!user || !ok) throw new AppError('unauthorized', 'E-mail or password is not correct');
  return { id: user.id, email: user.email, name: user.name };
}
