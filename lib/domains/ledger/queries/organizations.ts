import type { Actor } from '../../auth/access';
import { requirePermission } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { addMonths, periodOfInstant } from '../../accounting/periods';
import { lastSequence } from '../../../adapters/db/last-sequence';
import { openMonthsThrough } from './open-periods';

export async function listOrganizations(options: { prisma: PrismaClient; actor: Actor }) {
  const memberships = await options.prisma.membership.findMany({
    where: { userId: options.actor.userId },
    select: { role: true, organization: { select: { id: true, name: true, baseCurrency: true, fiscalYearStartMonth: true } } },
    orderBy: { organization: { name: 'asc' } },
  });
  return memberships.map((membership) => ({ ...membership.organization, role: membership.role }));
}

/**
 * The organizations list: each with its last closed month and the months that have ended
 * and are still open. Three statements for all organizations (a firm has hundreds).
 */
export async function listOrganizationsWithPeriods(options: { prisma: PrismaClient; actor: Actor; now: Date }) {
  const organizations = await listOrganizations(options);
  const ids = organizations.map((organization) => organization.id);
  if (ids.length === 0) return [];
  const [lastClosed, openPast] = await Promise.all([
    options.prisma.period.groupBy({
      by: ['organizationId'],
      where: { organizationId: { in: ids }, status: 'closed' },
      _max: { period: true },
    }),
    openMonthsThrough(options.prisma, ids, addMonths(periodOfInstant(options.now), -1)),
  ]);
  const lastClosedOf = new Map(lastClosed.map((row) => [row.organizationId, row._max.period]));
  return organizations.map((organization) => ({
    ...organization,
    lastClosed: lastClosedOf.get(organization.id) ?? null,
    openPast: openPast.get(organization.id) ?? [],
  }));
}

export async function getOrganization(options: { prisma: PrismaClient; actor: Actor; organizationId: string }) {
  const role = await requirePermission(options.prisma, options.actor, options.organizationId, 'read');
  const organization = await options.prisma.organization.findUniqueOrThrow({
    where: { id: options.organizationId },
    select: { id: true, name: true, baseCurrency: true, fiscalYearStartMonth: true },
  });
  return { ...organization, role, lastSequence: Number(await lastSequence(options.prisma, options.organizationId)) };
}

export async function listAccounts(options: { prisma: PrismaClient; actor: Actor; organizationId: string }) {
  await requirePermission(options.prisma, options.actor, options.organizationId, 'read');
  const accounts = await options.prisma.account.findMany({
    where: { organizationId: options.organizationId },
    select: { id: true, code: true, name: true, type: true, subtype: true, isRetainedEarnings: true, isActive: true },
  });
  return accounts.sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}

/** Accounts with whether they were ever posted to (an account with postings cannot be deleted). */
export async function listAccountsWithUsage(options: { prisma: PrismaClient; actor: Actor; organizationId: string }) {
  await requirePermission(options.prisma, options.actor, options.organizationId, 'read');
  const accounts = await options.prisma.account.findMany({
    where: { organizationId: options.organizationId },
    select: {
      id: true,
      code: true,
      name: true,
      type: true,
      subtype: true,
      isRetainedEarnings: true,
      isActive: true,
      _count: { select: { lines: true } },
    },
  });
  return accounts
    .map(({ _count, ...account }) => ({ ...account, postings: _count.lines }))
    .sort((a, b) => a.code.localeCompare(b.code, 'en', { numeric: true }));
}
