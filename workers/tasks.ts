// The worker's task list: each task validates its payload, then calls one lib/ function.
import type { Task, TaskList } from 'graphile-worker';
import type { Db } from 'mongodb';
import type { PrismaClient } from '../lib/db/prisma';
import { REBUILD_REPORT_TASK, rebuildReportPayload } from '../lib/jobs/report-jobs';
import { scheduleCurrentPeriodReports } from '../lib/reports/open-current-period';
import { rebuildReport } from '../lib/reports/rebuild';

export const OPEN_CURRENT_PERIOD_TASK = 'open-current-period';

export interface WorkerDeps {
  prisma: PrismaClient;
  db: Db;
  now?: () => Date;
}

export function createTaskList(deps: WorkerDeps): TaskList {
  const now = deps.now ?? (() => new Date());

  const rebuild: Task = async (rawPayload, helpers) => {
    // Payloads may come from an older deploy: a malformed one fails loudly (and is retried
    // with backoff, then parked) instead of being half-understood.
    const target = rebuildReportPayload.parse(rawPayload);
    const result = await rebuildReport({ prisma: deps.prisma, db: deps.db, target, now: now() });
    helpers.logger.debug(`${target.type} ${target.organizationId} ${target.period}: ${result.outcome} @${result.asOfSequence}`);
  };

  const openCurrentPeriod: Task = async (_payload, helpers) => {
    const count = await scheduleCurrentPeriodReports({ prisma: deps.prisma, now: now() });
    if (count > 0) helpers.logger.info(`queued the current month's reports for ${count} organization(s)`);
  };

  return { [REBUILD_REPORT_TASK]: rebuild, [OPEN_CURRENT_PERIOD_TASK]: openCurrentPeriod };
}
