// Creating accounts outside tests: the operator's `npm run user:create` and the first-run
// setup page (setup-first-admin.ts). One set of rules for a new account.
import { z } from 'zod';
import type { PrismaClient } from '../../adapters/db/prisma';
import { isUniqueViolation } from '../../adapters/db/prisma';
import { AppError } from '../../errors';
import { parseInput } from '../../validation';
import { createUser } from './users';

export const MIN_PASSWORD_LENGTH = 12;

export const newUserInput = z.object({
  email: z.string().trim().toLowerCase().email('Enter an e-mail address').max(320),
  name: z.string().trim().min(1, 'A name is required').max(200),
  password: z.string().min(MIN_PASSWORD_LENGTH, `At least ${MIN_PASSWORD_LENGTH} characters`).max(1000, 'At most 1000 characters'),
});

/** Creates an account; an e-mail already in use is a conflict on the `email` field. */
export async function registerUser(options: { prisma: PrismaClient; input: unknown }): Promise<{ id: string; email: string }> {
  const input = parseInput(newUserInput, options.input);
  try {
    return await createUser({ prisma: options.prisma, ...input });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError('conflict', 'An account with this e-mail address exists', [{ field: 'email', message: 'Already in use' }]);
    }
    throw error;
  }
}
