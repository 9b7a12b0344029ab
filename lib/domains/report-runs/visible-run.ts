// Visibility: a run is visible to a user who is a member of every organization in it (a
// run spanning a client you cannot see would reveal its name). Anything else is "not
// found", like a report ID of another tenant.
import { requirePermissionInEach } from '../auth/organization-access';
import type { Actor } from '../auth/access';
import type { PrismaClient } from '../../adapters/db/prisma';
import { notFound } from '../../errors';
import { isUuid } from '../../validation';

/**
 * The run's row, if the actor may see it: a member of every organization in it (else "not
 * found"), with `permission` in each (else "forbidden"). The operator (null actor) may all.
 */
export async function visibleRun(prisma: PrismaClient, actor: Actor | null, runId: string, permission: 'read' | 'post' = 'read') {
  if (!isUuid(runId)) throw notFound('Report run');
  const run = await prisma.reportRun.findUnique({
    where: { id: runId },
    select: {
      id: true,
      period: true,
      organizationIds: true,
      reportTypes: true,
      closePeriod: true,
      status: true,
      createdAt: true,
      finishedAt: true,
      createdBy: { select: { name: true } },
    },
  });
  if (!run) throw notFound('Report run');
  await requirePermissionInEach(prisma, actor, run.organizationIds, permission, {
    resource: 'Report run',
    forbiddenMessage: 'Your role does not allow report runs',
  });
  return run;
}
