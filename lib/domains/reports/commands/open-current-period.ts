// A new month's reports must exist from its first day, even before anything is posted in
// it (accountants open the new month's trial balance to see the opening position). A daily
// cron job (workers/main.ts) registers and queues them for every organization that has
// none yet; posting or opening a report does the same on demand.
import type { PrismaClient } from '../../../adapters/db/prisma';
import { scheduleReportRebuilds } from '../../../adapters/queue/report-jobs';
import { inOrganizationTransaction } from '../../../adapters/db/organization-lock';
import { periodOfInstant } from '../../accounting/periods';
import { lastSequence } from '../../../adapters/db/last-sequence';

export async function scheduleCurrentPeriodReports(options: { prisma: PrismaClient; now: Date }): Promise<number> {
  const period = periodOfInstant(options.now);
  const missing = await options.prisma.$queryRaw<{ id: string }[]>`
    SELECT o.id::text AS id FROM organizations o
     WHERE NOT EXISTS (SELECT 1 FROM report_targets t WHERE t.organization_id = o.id AND t.period = ${period})`;
  for (const { id } of missing) {
    await inOrganizationTransaction(options.prisma, id, async (tx) => {
      await scheduleReportRebuilds(tx, { organizationId: id, periods: [period], sequence: await lastSequence(tx, id) });
    });
  }
  return missing.length;
}
