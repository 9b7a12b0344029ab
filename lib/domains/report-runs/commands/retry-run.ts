import { z } from 'zod';
import type { Actor } from '../../auth/access';
import { isUniqueViolation, type PrismaClient } from '../../../adapters/db/prisma';
import { AppError, notFound } from '../../../errors';
import { enqueueReportRunJobs } from '../../../adapters/queue/report-run-jobs';
import { parseInput } from '../../../validation';
import { inRunTransaction } from '../run-transaction';
import { visibleRun } from '../visible-run';

export const retryRunInput = z.object({ organizationIds: z.array(z.uuid()).min(1).optional() }).strict();

/**
 * Puts the failed items of the chosen organizations (default: every failed one) back to
 * pending and queues their jobs again. The run is "running" until they finish.
 */
export async function retryRun(options: {
  prisma: PrismaClient;
  actor: Actor | null;
  runId: string;
  input: unknown;
  now: Date;
}): Promise<{ retried: number }> {
  const { prisma, actor } = options;
  const input = parseInput(retryRunInput, options.input ?? {});
  const run = await visibleRun(prisma, actor, options.runId, 'post');
  if (input.organizationIds?.some((id) => !run.organizationIds.includes(id))) throw notFound('Organization');
  try {
    return await inRunTransaction(prisma, run.id, async (tx) => {
      const organizations = await tx.$queryRaw<{ organizationId: string }[]>`
          UPDATE report_run_items SET status = 'pending', error = NULL, finished_at = NULL
           WHERE run_id = ${run.id}::uuid AND status = 'failed'
             AND (${input.organizationIds ?? null}::uuid[] IS NULL OR organization_id = ANY(${input.organizationIds ?? null}::uuid[]))
          RETURNING organization_id::text AS "organizationId"`;
      const organizationIds = [...new Set(organizations.map((row) => row.organizationId))];
      if (organizationIds.length === 0) return { retried: 0 };
      await tx.$executeRaw`UPDATE report_runs SET status = 'running', finished_at = NULL WHERE id = ${run.id}::uuid`;
      await enqueueReportRunJobs(tx, run.id, organizationIds);
      return { retried: organizationIds.length };
    });
  } catch (error) {
    // The partial unique index: an identical run was started after this one finished.
    if (isUniqueViolation(error)) throw new AppError('conflict', 'An identical run is in progress; retry after it finishes');
    throw error;
  }
}
