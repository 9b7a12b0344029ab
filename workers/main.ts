// The worker process (`npm run worker`): claims rebuild jobs from the PostgreSQL queue and
// writes report documents to MongoDB. Run as many as you like, on any machine: the queue
// hands each job to exactly one of them, and the asOfSequence guard makes late finishers
// harmless.
import { EventEmitter } from 'node:events';
import { parseCronItems, run } from 'graphile-worker';
import { ACCESS_CLEANUP_CRON, ACCESS_CLEANUP_TASK } from '../lib/domains/auth/clean-up-expired';
import { intFromEnv } from '../lib/config';
import { appContextOptionsFromEnv, closeAppContext, createAppContext } from '../lib/context';
import { initLogger } from '../lib/adapters/observability/logger';
import { collectProcessMetrics, registerQueueDepth } from '../lib/adapters/observability/metrics';
import { startMetricsServer } from '../lib/adapters/observability/metrics-http';
import { nudgeWhenDue } from '../lib/adapters/queue/due-nudge';
import { queueLogger } from '../lib/adapters/queue/logger';
import { REBUILD_DEBOUNCE_MS } from '../lib/adapters/queue/report-jobs';
import { QUEUE_CLEANUP_CRON, QUEUE_CLEANUP_TASK } from '../lib/adapters/queue/queue-cleanup';
import { startWorkerRegistry } from '../lib/adapters/queue/worker-registry';
import { instrumentTasks, sampleQueueDepth } from './instrument';
import { createTaskList, OPEN_CURRENT_PERIOD_TASK } from './tasks';

const log = initLogger('worker');

async function main(): Promise<void> {
  // The process's dependencies, built once here and passed in.
  const context = createAppContext(appContextOptionsFromEnv());
  const { prisma, databaseUrl } = context;
  // A worker has no HTTP server: its metrics get their own port (one per worker process).
  collectProcessMetrics();
  registerQueueDepth(() => sampleQueueDepth(prisma));
  const metricsPort = process.env.WORKER_METRICS_PORT;
  const metricsServer =
    metricsPort === undefined || metricsPort === ''
      ? undefined
      : await startMetricsServer({
          port: intFromEnv('WORKER_METRICS_PORT', 0),
          host: process.env.HOSTNAME_BIND ?? '127.0.0.1',
          token: process.env.METRICS_TOKEN,
          onError: (error) => log.error({ err: error }, 'metrics exposition failed'),
        });
  if (metricsServer) log.info({ metrics: metricsServer.url }, 'worker metrics listening');
  // Heartbeats every few seconds; a process silent for WORKER_STALE_MS has crashed and its
  // jobs are unlocked for the others (graphile-worker alone would wait 4 hours).
  const registry = await startWorkerRegistry({
    prisma,
    connectionString: databaseUrl,
    heartbeatMs: intFromEnv('WORKER_HEARTBEAT_MS', 5_000),
    staleMs: intFromEnv('WORKER_STALE_MS', 30_000),
  });
  // A rebuild job is due REBUILD_DEBOUNCE_MS after the write that queued it: the pool is
  // nudged again then, instead of every later write of the period notifying (due-nudge.ts).
  const events = new EventEmitter();
  const stopNudges = nudgeWhenDue(events, REBUILD_DEBOUNCE_MS);
  const runner = await run({
    connectionString: databaseUrl,
    events,
    concurrency: intFromEnv('WORKER_CONCURRENCY', 4),
    // Jobs arrive by LISTEN/NOTIFY; polling is only the fallback.
    pollInterval: intFromEnv('WORKER_POLL_INTERVAL_MS', 1000),
    // graphile-worker's own lines from warnings up (LOG_LEVEL=debug: all); the job lines are instrumentTasks'.
    logger: queueLogger('warning'),
    // Daily, shortly after midnight UTC (and caught up after downtime): every organization
    // gets the new month's reports, even before anything is posted in it.
    parsedCronItems: parseCronItems([
      { task: OPEN_CURRENT_PERIOD_TASK, match: '5 0 * * *', options: { backfillPeriod: 2 * 86_400_000, jobKey: OPEN_CURRENT_PERIOD_TASK } },
      // graphile-worker's own cleanup: jobs that will never run again (lib/jobs/queue-cleanup.ts).
      { task: QUEUE_CLEANUP_TASK, match: QUEUE_CLEANUP_CRON, options: { backfillPeriod: 86_400_000, jobKey: QUEUE_CLEANUP_TASK } },
      // Expired sessions and tokens, stale sign-in attempts (lib/auth/clean-up-expired.ts).
      { task: ACCESS_CLEANUP_TASK, match: ACCESS_CLEANUP_CRON, options: { backfillPeriod: 86_400_000, jobKey: ACCESS_CLEANUP_TASK } },
    ]),
    // Report-run PDFs are rendered on the context's threads so a long general ledger never
    // blocks this process's event loop (its other jobs, its heartbeat).
    taskList: instrumentTasks(
      createTaskList({
        prisma,
        db: context.db,
        renderer: context.renderer,
        now: context.now,
        registry,
        databaseUrl,
        ledgerMinIntervalMs: intFromEnv('LEDGER_MIN_INTERVAL_MS', 2_000),
      }),
      log,
    ),
  });
  log.info('worker started');
  // graphile-worker handles SIGINT/SIGTERM itself: in-flight jobs finish, then the promise settles.
  await runner.promise;
  stopNudges();
  await Promise.allSettled([registry.stop(), metricsServer?.close()]);
  await closeAppContext(context);
  log.info('worker stopped');
}

main().catch((error: unknown) => {
  log.fatal({ err: error }, 'worker failed');
  process.exit(1);
});
