// The worker's task list: each task validates its payload, then calls one lib/ function.
import type { Task, TaskList } from 'graphile-worker';
import type { Db } from 'mongodb';
import { ACCESS_CLEANUP_TASK, cleanUpExpiredAccess } from '../lib/domains/auth/clean-up-expired';
import type { PrismaClient } from '../lib/adapters/db/prisma';
import { importChangesPeriod } from '../lib/adapters/db/organization-lock';
import {
  CATCH_UP_REPORTS_TASK,
  catchUpCursor,
  deferPeriodRebuild,
  IMPORT_DEFER_MS,
  catchUpReportsPayload,
  REBUILD_PERIOD_TASK,
  REBUILD_REPORT_TASK,
  queueLedgerRebuild,
  rebuildPeriodPayload,
  rebuildReportPayload,
} from '../lib/adapters/queue/report-jobs';
import { REPORT_RUN_TASK, reportRunPayload } from '../lib/adapters/queue/report-run-jobs';
import { cleanUpQueue, QUEUE_CLEANUP_TASK } from '../lib/adapters/queue/queue-cleanup';
import type { WorkerRegistry } from '../lib/adapters/queue/worker-registry';
import { createPdfRenderer, type PdfRenderer } from '../lib/adapters/pdf/render-pool';
import { executeRunOrganization } from '../lib/domains/report-runs/commands/execute-run';
import { catchUpReports } from '../lib/domains/reports/commands/catch-up-reports';
import { scheduleCurrentPeriodReports } from '../lib/domains/reports/commands/open-current-period';
import { rebuildPeriod, rebuildReport } from '../lib/domains/reports/commands/rebuild-report';
import { REPORT_TYPES, type ReportType } from '../lib/domains/reports/types';
import { observeCommitLag } from './instrument';

/** What a period job builds when it leaves the general ledger to its own job. */
const STATEMENT_TYPES: readonly ReportType[] = REPORT_TYPES.filter((type) => type !== 'general-ledger');

export const OPEN_CURRENT_PERIOD_TASK = 'open-current-period';

export interface WorkerDeps {
  prisma: PrismaClient;
  db: Db;
  now?: () => Date;
  /** Where report-run PDFs are rendered; in-process unless given (the worker process passes its thread pool). */
  renderer?: PdfRenderer;
  /** Crash recovery: records which process runs each job (see lib/adapters/queue/worker-registry.ts). */
  registry?: WorkerRegistry;
  /** The queue's database, for its daily cleanup. */
  databaseUrl?: string;
  /**
   * A period job leaves out the general ledger when this worker built that ledger less than
   * this long ago, and queues the ledger's own rebuild for when the interval is over
   * (LEDGER_MIN_INTERVAL_MS; 0, the default here: every period job builds all four). Under a
   * stream of postings a period job is due every REBUILD_DEBOUNCE_MS, and the ledger — the
   * month's lines read, built and saved — was most of its cost; the statements keep their
   * lag, the ledger is at most this much behind them.
   */
  ledgerMinIntervalMs?: number;
}

export function createTaskList(deps: WorkerDeps): TaskList {
  const now = deps.now ?? (() => new Date());
  const renderer = deps.renderer ?? createPdfRenderer({ threads: 0 });
  const ledgerMinIntervalMs = deps.ledgerMinIntervalMs ?? 0;
  // When this worker last built each (organization, period)'s general ledger. Bounded: when
  // full it starts over, which only means one more ledger built with its period job.
  const ledgerBuiltAt = new Map<string, number>();
  const ledgerBuilt = (organizationId: string, period: string, at: number) => {
    if (ledgerBuiltAt.size >= 10_000) ledgerBuiltAt.clear();
    ledgerBuiltAt.set(`${organizationId}:${period}`, at);
  };

  const rebuild: Task = async (rawPayload, helpers) => {
    // Payloads may come from an older deploy: a malformed one fails loudly (and is retried
    // with backoff, then parked) instead of being half-understood.
    const target = rebuildReportPayload.parse(rawPayload);
    // As the period job: a ledger whose month an import is writing is built after it.
    if (target.type === 'general-ledger' && (await importChangesPeriod(deps.prisma, target.organizationId, target.period))) {
      await queueLedgerRebuild(deps.prisma, target, new Date(now().getTime() + IMPORT_DEFER_MS));
      return;
    }
    const startedAt = now();
    if (target.type === 'general-ledger') ledgerBuilt(target.organizationId, target.period, startedAt.getTime());
    const result = await rebuildReport({ prisma: deps.prisma, db: deps.db, target, now: startedAt });
    observeCommitLag(deps.prisma, target.organizationId, result); // closebook_commit_to_document_lag_seconds
    helpers.logger.debug(`${target.type} ${target.organizationId} ${target.period}: ${result.outcome} @${result.asOfSequence}`);
  };

  const rebuildPeriodTask: Task = async (rawPayload, helpers) => {
    const payload = rebuildPeriodPayload.parse(rawPayload);
    const { organizationId, period, requestId } = payload;
    // A CSV import of this organization that changes this period is being written and will
    // queue it again at its commit: build once after it rather than once per file (each
    // build of an imported month reads all of its lines).
    if (await importChangesPeriod(deps.prisma, organizationId, period)) {
      await deferPeriodRebuild(deps.prisma, payload);
      helpers.logger.debug(`period ${organizationId} ${period}: deferred, an import is being written`);
      return;
    }
    const startedAt = now();
    const lastLedger = ledgerBuiltAt.get(`${organizationId}:${period}`);
    const ledgerDue = lastLedger === undefined ? 0 : lastLedger + ledgerMinIntervalMs;
    let types: readonly ReportType[] | undefined;
    if (ledgerDue > startedAt.getTime()) {
      // Queued before building: if this job fails, its retry queues it again anyway.
      await queueLedgerRebuild(deps.prisma, { organizationId, period }, new Date(ledgerDue));
      types = STATEMENT_TYPES;
    } else ledgerBuilt(organizationId, period, startedAt.getTime());
    const result = await rebuildPeriod({ prisma: deps.prisma, db: deps.db, organizationId, period, now: startedAt, types });
    const saved = result.outcomes !== 'organization-missing' && Object.values(result.outcomes).some((outcome) => outcome !== 'stale');
    observeCommitLag(deps.prisma, organizationId, { outcome: saved ? 'replaced' : 'stale', asOfSequence: result.asOfSequence });
    helpers.logger.debug(
      `period ${organizationId} ${period}: ${JSON.stringify(result.outcomes)} @${result.asOfSequence}${requestId ? ` (request ${requestId})` : ''}`,
    );
  };

  const catchUp: Task = async (rawPayload, helpers) => {
    // Coalesced requests arrive as one array (see catchUpCursor); all name one organization.
    const items = catchUpReportsPayload.parse(rawPayload);
    const organizationId = items[0]?.organizationId ?? '';
    const result = await catchUpReports({ prisma: deps.prisma, db: deps.db, organizationId, before: catchUpCursor(items), now: now() });
    helpers.logger.debug(
      `catch-up ${organizationId}: ${result.rebuilt} rebuilt of ${result.examined} examined${result.continueBefore ? ', continues' : ''}`,
    );
  };

  const reportRun: Task = async (rawPayload, helpers) => {
    const { runId, organizationId } = reportRunPayload.parse(rawPayload);
    const result = await executeRunOrganization({
      prisma: deps.prisma,
      db: deps.db,
      renderer,
      runId,
      organizationId,
      finalAttempt: helpers.job.attempts >= helpers.job.max_attempts,
      now,
    });
    if (result.outcome === 'failed') helpers.logger.warn(`report run ${runId}: organization ${organizationId} failed: ${result.error}`);
  };

  const openCurrentPeriod: Task = async (_payload, helpers) => {
    const count = await scheduleCurrentPeriodReports({ prisma: deps.prisma, now: now() });
    if (count > 0) helpers.logger.info(`queued the current month's reports for ${count} organization(s)`);
  };

  const queueCleanup: Task = async (_payload, helpers) => {
    if (!deps.databaseUrl) throw new Error('queue-cleanup needs the database URL (WorkerDeps.databaseUrl)');
    const removed = await cleanUpQueue({ connectionString: deps.databaseUrl, keepTasks: Object.keys(tasks) });
    if (removed > 0) helpers.logger.info(`queue cleanup: removed ${removed} job(s) that would never run again`);
  };

  const accessCleanup: Task = async (_payload, helpers) => {
    const removed = await cleanUpExpiredAccess({ prisma: deps.prisma, now: now() });
    helpers.logger.info(
      `access cleanup: ${removed.sessions} session(s), ${removed.tokens} token(s), ${removed.invitations} invitation(s), ${removed.signInAttempts} sign-in attempt(s)`,
    );
  };

  const tasks: Record<string, Task> = {
    [QUEUE_CLEANUP_TASK]: queueCleanup,
    [ACCESS_CLEANUP_TASK]: accessCleanup,
    [REBUILD_PERIOD_TASK]: rebuildPeriodTask,
    [REBUILD_REPORT_TASK]: rebuild,
    [CATCH_UP_REPORTS_TASK]: catchUp,
    [REPORT_RUN_TASK]: reportRun,
    [OPEN_CURRENT_PERIOD_TASK]: openCurrentPeriod,
  };
  const registry = deps.registry;
  if (!registry) return tasks;
  // Every job first records which process runs it, so a crash can be detected and its jobs unlocked.
  return Object.fromEntries(
    Object.entries(tasks).map(([name, task]) => [
      name,
      (async (payload, helpers) => {
        await registry.track(helpers.job.locked_by);
        return task(payload, helpers);
      }) satisfies Task,
    ]),
  );
}
