// Crash recovery of the job queue (lib/jobs/worker-registry.ts), the two holes found while
// building the crash test (crash.int.test.ts): a worker killed between locking its first job
// and recording itself left that job locked for graphile-worker's 4 hours, and a live
// process whose rows a peer swept (it was silent too long: a database outage, a stalled
// event loop) was never recorded again, so its later crash went unnoticed the same way.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWorkerRegistry, type WorkerRegistry } from '../../lib/adapters/queue/worker-registry';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let registry: WorkerRegistry;

beforeAll(async () => {
  ctx = await createTestContext();
  registry = await startWorkerRegistry({
    prisma: ctx.prisma,
    connectionString: ctx.databaseUrl,
    heartbeatMs: 100,
    staleMs: 1_000,
    log: () => undefined,
  });
}, 60_000);

afterAll(async () => {
  await registry?.stop();
  await ctx?.close();
});

/** A queued job locked by `workerId` since `secondsAgo` (as graphile-worker's get_job leaves it). */
async function lockedJob(workerId: string, secondsAgo: number): Promise<string> {
  const { rows } = await ctx.pool.query<{ id: string }>(`SELECT (graphile_worker.add_job('registry-test', '{}'::json)).id::text AS id`);
  const id = rows[0]!.id;
  await ctx.pool.query(
    `UPDATE graphile_worker._private_jobs SET locked_by = $2, locked_at = now() - make_interval(secs => $3) WHERE id = $1::bigint`,
    [id, workerId, secondsAgo],
  );
  return id;
}

async function lockedBy(jobId: string): Promise<string | null> {
  const { rows } = await ctx.pool.query<{ lockedBy: string | null }>(
    `SELECT locked_by AS "lockedBy" FROM graphile_worker.jobs WHERE id = $1::bigint`,
    [jobId],
  );
  return rows[0]?.lockedBy ?? null;
}

describe('worker registry: crash recovery', () => {
  it('unlocks a stale lock of a worker ID nobody recorded (killed before track), not a fresh one', async () => {
    const orphan = await lockedJob('pool-killed-before-track', 10);
    const young = await lockedJob('pool-about-to-track', 0);
    for (const until = Date.now() + 5_000; (await lockedBy(orphan)) !== null && Date.now() < until;) await sleep(50);
    expect(await lockedBy(orphan)).toBeNull();
    // A lock younger than the stale limit may belong to a live process that records itself next.
    expect(await lockedBy(young)).toBe('pool-about-to-track');
  });

  it('records a live process again after a peer swept its rows', async () => {
    await registry.track('pool-alive');
    // What a peer's sweep does when this process looked dead for a while.
    await ctx.pool.query(`DELETE FROM queue_workers WHERE worker_id = 'pool-alive'`);
    let rows = 0;
    for (const until = Date.now() + 2_000; rows === 0 && Date.now() < until; await sleep(50)) {
      rows = (await ctx.pool.query(`SELECT 1 FROM queue_workers WHERE worker_id = 'pool-alive'`)).rowCount ?? 0;
    }
    expect(rows).toBe(1);
    // …so its jobs are protected by its heartbeat again, and unlocked if it dies.
    const job = await lockedJob('pool-alive', 10);
    await sleep(1_500);
    expect(await lockedBy(job)).toBe('pool-alive');
  });
});
