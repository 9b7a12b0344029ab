import { requirePermission, type Actor } from '../../auth/access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { addMonths, fiscalYearStart, periodOfInstant, periodRange } from '../../accounting/periods';

/** The twelve months of a fiscal year with their status and who changed it last, and when. */
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
  return {
    role,
    fiscalYearStart: start,
    periods: months.map((period) => {
      const row = byPeriod.get(period);
      return {
        period,
        status: row?.status ?? ('open' as const),
        changedAt: row ? row.changedAt.toISOString() : null,
        changedBy: row?.changedById ? (users.get(row.changedById) ?? null) : null,
      };
    }),
  };
}
