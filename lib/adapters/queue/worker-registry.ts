// Crash recovery for the job queue. graphile-worker releases the jobs of a worker that
// shuts down, but a worker killed outright (kill -9, OOM, a lost machine) leaves its jobs
// locked until the lock expires after 4 hours — far too long for a month-end report run.
//
// Every worker process heartbeats into `queue_workers` (one row per graphile worker ID it
// runs jobs under). Every process also sweeps: IDs whose process has been silent longer
// than the stale limit are force-unlocked (WorkerUtils.forceUnlockWorkers), so their jobs
// are picked up again within seconds. The heartbeat runs on the event loop, which is why
// long PDF rendering happens on worker threads (lib/adapters/pdf/render-pool.ts): a blocked loop
// would look like a dead process.
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { makeWorkerUtils, type WorkerUtils } from 'graphile-worker';
import type { PrismaClient } from '../db/prisma';
import { queueLogger } from './logger';
import { logger } from '../observability/logger';

export interface WorkerRegistryOptions {
  prisma: PrismaClient;
  connectionString: string;
  /** How often this process heartbeats and sweeps. */
  heartbeatMs: number;
  /** Silence after which a process counts as dead. Keep it well above heartbeatMs. */
  staleMs: number;
  log?: (message: string) => void;
}

export interface WorkerRegistry {
  /** Records that this process runs jobs as `workerId` (called when a job starts). */
  track(workerId: string | null): Promise<void>;
  stop(): Promise<void>;
}

export async function startWorkerRegistry(options: WorkerRegistryOptions): Promise<WorkerRegistry> {
  const { prisma, heartbeatMs, staleMs } = options;
  const log = options.log ?? ((message: string) => logger().warn({ component: 'worker-registry' }, message));
  const processId = randomUUID();
  const host = os.hostname();
  const known = new Set<string>();
  const utils: WorkerUtils = await makeWorkerUtils({ connectionString: options.connectionString, logger: queueLogger('warning') });

  // An upsert, not an UPDATE: if another process swept our rows (we were silent too long: a
  // database outage, a stalled event loop), we are alive after all and must be tracked
  // again, or a later crash of ours would leave our jobs locked for hours.
  const heartbeat = async () => {
    if (known.size === 0) return;
    await prisma.$executeRaw`
      INSERT INTO queue_workers (worker_id, process_id, host, pid, heartbeat_at)
      SELECT worker_id, ${processId}::uuid, ${host}, ${process.pid}, now() FROM unnest(${[...known]}::text[]) AS k(worker_id)
      ON CONFLICT (worker_id) DO UPDATE SET process_id = EXCLUDED.process_id, heartbeat_at = now()`;
  };
  /**
   * Unlocks the jobs of processes that stopped heartbeating, and of worker IDs nobody
   * tracks whose locks are older than the stale limit: a process killed between locking its
   * first job and recording it (track) left such a lock, and so does one swept meanwhile.
   * So every process that runs jobs against this database must run a registry (workers/main.ts
   * does), or its jobs running longer than the stale limit would be unlocked and run twice.
   */
  const sweep = async (): Promise<void> => {
    const stale = await prisma.$queryRaw<{ workerId: string }[]>`
      SELECT worker_id AS "workerId" FROM queue_workers
       WHERE heartbeat_at < now() - make_interval(secs => ${staleMs / 1000}::float8)
      UNION
      SELECT DISTINCT j.locked_by FROM graphile_worker.jobs j
       WHERE j.locked_by IS NOT NULL AND j.locked_at < now() - make_interval(secs => ${staleMs / 1000}::float8)
         AND NOT EXISTS (SELECT 1 FROM queue_workers w WHERE w.worker_id = j.locked_by)`;
    const ids = stale.map((row) => row.workerId);
    if (ids.length === 0) return;
    // Unlock first, then forget: a sweeper that dies in between leaves the rows for the next sweep.
    await utils.forceUnlockWorkers(ids);
    await prisma.$executeRaw`DELETE FROM queue_workers WHERE worker_id = ANY(${ids}::text[])`;
    log(`unlocked the jobs of ${ids.length} worker(s) that stopped heartbeating: ${ids.join(', ')}`);
  };

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const tick = () => {
    timer = setTimeout(() => {
      Promise.all([heartbeat(), sweep()])
        .catch((error: unknown) => log(`heartbeat/sweep failed: ${String(error)}`))
        .finally(() => {
          if (!stopped) tick();
        });
    }, heartbeatMs);
    timer.unref();
  };
  tick();

  return {
    async track(workerId) {
      if (!workerId || known.has(workerId)) return;
      await prisma.$executeRaw`
        INSERT INTO queue_workers (worker_id, process_id, host, pid, heartbeat_at)
        VALUES (${workerId}, ${processId}::uuid, ${host}, ${process.pid}, now())
        ON CONFLICT (worker_id) DO UPDATE SET process_id = EXCLUDED.process_id, heartbeat_at = now()`;
      known.add(workerId);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      // A clean shutdown: graphile-worker has released its own jobs; forget our rows.
      await prisma.$executeRaw`DELETE FROM queue_workers WHERE process_id = ${processId}::uuid`.catch(() => undefined);
      await utils.release();
    },
  };
}
