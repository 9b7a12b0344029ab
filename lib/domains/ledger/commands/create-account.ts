import { z } from 'zod';
import { requirePermission, type Actor } from '../../auth/access';
import { AppError } from '../../../errors';
import { isUniqueViolation, type PrismaClient } from '../../../adapters/db/prisma';
import { parseInput } from '../../../validation';
import {
  ACCOUNT_TYPES,
  ALL_ACCOUNT_SUBTYPES,
  DEFAULT_SUBTYPE,
  isSubtypeOf,
  type AccountSubtype,
  type AccountType,
} from '../../accounting/account-types';
import { appendLedgerEvent } from './ledger-transaction';
import { inOrganizationTransaction } from '../../../adapters/db/organization-lock';

export const accountInput = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[0-9A-Za-z][0-9A-Za-z.-]{0,19}$/, 'Use 1–20 letters, digits, dots or dashes'),
    name: z.string().trim().min(1, 'A name is required').max(200),
    type: z.enum(ACCOUNT_TYPES),
    /** Where it sits on the statements; the type's default when absent (DEFAULT_SUBTYPE). */
    subtype: z.enum(ALL_ACCOUNT_SUBTYPES).optional(),
    isRetainedEarnings: z.boolean().default(false),
  })
  .refine((account) => !account.isRetainedEarnings || account.type === 'equity', {
    message: 'The retained-earnings account must be an equity account',
    path: ['isRetainedEarnings'],
  })
  .refine((account) => account.subtype === undefined || isSubtypeOf(account.type, account.subtype), {
    message: 'This sub-type does not belong to the account type',
    path: ['subtype'],
  });

export interface CreatedAccount {
  id: string;
  code: string;
  name: string;
  type: AccountType;
  subtype: AccountSubtype;
  isRetainedEarnings: boolean;
  isActive: boolean;
  sequence: bigint;
}

export async function createAccount(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  input: unknown;
  now: Date;
}): Promise<CreatedAccount> {
  const { prisma, actor, organizationId, now } = options;
  await requirePermission(prisma, actor, organizationId, 'manage-accounts');
  const parsed = parseInput(accountInput, options.input);
  const input = { ...parsed, subtype: parsed.subtype ?? DEFAULT_SUBTYPE[parsed.type] };
  return inOrganizationTransaction(prisma, organizationId, async (tx) => {
    if (await tx.account.findUnique({ where: { organizationId_code: { organizationId, code: input.code } }, select: { id: true } })) {
      throw new AppError('conflict', `Account ${input.code} already exists`, [{ field: 'code', message: 'This code is already in use' }]);
    }
    if (
      input.isRetainedEarnings &&
      (await tx.account.findFirst({ where: { organizationId, isRetainedEarnings: true }, select: { code: true } }))
    ) {
      throw new AppError('conflict', 'This organization already has a retained-earnings account', [
        { field: 'isRetainedEarnings', message: 'Only one retained-earnings account per organization' },
      ]);
    }
    try {
      const account = await tx.account.create({
        data: {
          organizationId,
          code: input.code,
          name: input.name,
          type: input.type,
          subtype: input.subtype,
          isRetainedEarnings: input.isRetainedEarnings,
          createdAt: now,
        },
      });
      const sequence = await appendLedgerEvent(tx, {
        organizationId,
        type: 'account.created',
        payload: {
          accountId: account.id,
          code: account.code,
          name: account.name,
          type: account.type,
          subtype: input.subtype,
          isRetainedEarnings: account.isRetainedEarnings,
        },
        actorId: actor.userId,
        now,
      });
      return { ...account, subtype: input.subtype, sequence };
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new AppError('conflict', `Account ${input.code} already exists`);
      }
      throw error;
    }
  });
}
