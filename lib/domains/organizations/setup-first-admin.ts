// The first run on a fresh database (no demo seed when DATABASE_URL is set): the /setup
// page creates the first admin and their first organization — and only while the database
// has no user at all. Two concurrent submissions serialise on an advisory lock, so exactly
// one of them gets to be the first admin.
import type { PrismaClient } from '../../adapters/db/prisma';
import { TX_OPTIONS } from '../../adapters/db/prisma';
import { AppError, isAppError } from '../../errors';
import { createOrganization, organizationInput } from '../ledger/commands/create-organization';
import { parseInput } from '../../validation';
import { hashPassword } from '../auth/passwords';
import { newUserInput } from '../auth/register-user';

const SETUP_LOCK = 'closebook:first-admin';

/** True while nobody can sign in: the setup page is offered only then. */
export async function needsFirstAdmin(prisma: PrismaClient): Promise<boolean> {
  return (await prisma.user.count()) === 0;
}

export async function setUpFirstAdmin(options: {
  prisma: PrismaClient;
  input: { user: unknown; organization: unknown };
  now: Date;
}): Promise<{ userId: string; organizationId: string }> {
  const { prisma, now } = options;
  const user = parseInput(newUserInput, options.input.user);
  // Checked before the account is made, so a bad organization name cannot leave an account
  // without its organization.
  const organization = parseOrganization(options.input.organization);
  const passwordHash = await hashPassword(user.password);
  const created = await prisma.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${SETUP_LOCK}))`;
    if ((await tx.user.count()) > 0) throw new AppError('conflict', 'Closebook is already set up: sign in instead');
    return tx.user.create({ data: { email: user.email, name: user.name, passwordHash }, select: { id: true } });
  }, TX_OPTIONS);
  const { id } = await createOrganization({ prisma, actor: { userId: created.id }, input: organization, now });
  return { userId: created.id, organizationId: id };
}

/** The organization's fields, named as the setup form names them ("name" is the admin's). */
function parseOrganization(input: unknown) {
  try {
    return parseInput(organizationInput, input);
  } catch (error) {
    if (!isAppError(error)) throw error;
    const fieldErrors = error.fieldErrors.map((fieldError) => ({
      ...fieldError,
      field: fieldError.field === 'name' ? 'organizationName' : fieldError.field,
    }));
    throw new AppError(error.code, error.message, fieldErrors);
  }
}
