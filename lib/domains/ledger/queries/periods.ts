import { requirePermission, type Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { addMonths, comparePeriods, fiscalYearStart, periodOfInstant, periodRange } from '../../accounting/periods';
import { openMonthsThrough } from './open-periods';

/**
 * The twelve months of a fiscal year with their status, who changed it last, when and why;
 * `pastOpen` flags a month that has ended and is still open, and `openPast` lists every such
 * month of the organization (also outside this fiscal year).
 */
export async function listFiscalYearPeriods(options: {
  prisma: PrismaClient;
  actor: Actor;
  organizationId: string;
  containing?: string;
  now: Date;
}) {
  const { prisma, actor, organizationId } = options;
  const role = await requirePermission(prisma, actor, organizationId, 'read');
  const organization = await prisma.organization.findUniqueOrThrow({
    where: { id: organizationId },
    select: { fiscalYearStartMonth: true },
  });
  const start = fiscalYearStart(options.containing ?? periodOfInstant(options.now), organization.fiscalYearStartMonth);
  const months = periodRange(start, addMonths(start, 11));
  const rows = await prisma.period.findMany({ where: { organizationId, period: { in: months } } });
  const userIds = [...new Set(rows.flatMap((row) => (row.changedById ? [row.changedById] : [])))];
  const users = new Map(
    (await prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((user) => [user.id, user.name]),
  );
  const byPeriod = new Map(rows.map((row) => [row.period, row]));
  const current = periodOfInstant(options.now);
  const openPast = (await openMonthsThrough(prisma, [organizationId], addMonths(current, -1))).get(organizationId) ?? [];
  return {
    role,
    fiscalYearStart: start,
    currentPeriod: current,
    openPast,
    periods: months.map((period) => {
      const row = byPeriod.get(period);
      const status = row?.status ?? ('open' as const);
      return {
        period,
        status,
        pastOpen: status === 'open' && comparePeriods(period, current) < 0,
        changedAt: row ? row.changedAt.toISOString() : null,
        changedBy: row?.changedById ? (users.get(row.changedById) ?? null) : null,
        reason: row?.reason ?? null,
      };
    }),
  };
}
