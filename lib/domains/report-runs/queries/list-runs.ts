import type { Actor } from '../../auth/access';
import { memberOrganizationIds } from '../../auth/organization-access';
import type { PrismaClient } from '../../../adapters/db/prisma';
import { reportTypes, type RunStatus, type RunSummary } from '../types';

/** The newest runs the actor can see. */
export async function listRuns(options: { prisma: PrismaClient; actor: Actor; limit?: number }): Promise<RunSummary[]> {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 100);
  const visible = await memberOrganizationIds(options.prisma, options.actor);
  const rows = await options.prisma.$queryRaw<
    {
      id: string;
      period: string;
      status: RunStatus;
      organizationCount: number;
      types: string[];
      total: number;
      done: number;
      failed: number;
      createdAt: Date;
      finishedAt: Date | null;
    }[]
  >`
    SELECT r.id::text, r.period, r.status::text AS status, cardinality(r.organization_ids) AS "organizationCount", r.report_types AS types,
           count(i.*)::int AS total,
           (count(*) FILTER (WHERE i.status = 'done'))::int AS done,
           (count(*) FILTER (WHERE i.status = 'failed'))::int AS failed,
           r.created_at AS "createdAt", r.finished_at AS "finishedAt"
      FROM report_runs r JOIN report_run_items i ON i.run_id = r.id
     WHERE r.organization_ids <@ ${visible}::uuid[]
     GROUP BY r.id
     ORDER BY r.created_at DESC
     LIMIT ${limit}`;
  return rows.map((row) => ({
    ...row,
    types: reportTypes(row.types),
    createdAt: row.createdAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  }));
}
