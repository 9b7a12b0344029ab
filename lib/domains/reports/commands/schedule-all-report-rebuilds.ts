import { TX_OPTIONS, type PrismaClient } from '../../../adapters/db/prisma';
import { scheduleReportRebuilds } from '../../../adapters/queue/report-jobs';
import type { ReportType } from '../types';

/**
 * Queues a rebuild of every report document that should exist (the report_targets list),
 * e.g. when the read side starts empty. The documents come back with the same IDs.
 */
export async function scheduleAllReportRebuilds(prisma: PrismaClient): Promise<number> {
  const targets = await prisma.reportTarget.findMany({
    select: { organizationId: true, reportType: true, period: true, requiredSequence: true },
  });
  const byOrganization = new Map<string, typeof targets>();
  for (const target of targets) {
    const list = byOrganization.get(target.organizationId) ?? [];
    list.push(target);
    byOrganization.set(target.organizationId, list);
  }
  for (const [organizationId, list] of byOrganization) {
    await prisma.$transaction(async (tx) => {
      for (const type of new Set(list.map((target) => target.reportType))) {
        const ofType = list.filter((target) => target.reportType === type);
        const sequence = ofType.reduce((max, target) => (target.requiredSequence > max ? target.requiredSequence : max), 0n);
        await scheduleReportRebuilds(tx, {
          organizationId,
          periods: ofType.map((target) => target.period),
          sequence,
          types: [type as ReportType],
        });
      }
    }, TX_OPTIONS);
  }
  return targets.length;
}
