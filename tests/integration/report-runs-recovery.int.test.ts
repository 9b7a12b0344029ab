// End-of-period report runs going wrong, on real PostgreSQL, the real queue and the MongoDB
// wire server: one organization failing does not fail the run and can be retried alone, and
// a worker process killed with SIGKILL in the middle of a run leaves every snapshot exactly
// once after another worker takes over.
import { spawn, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { getRunProgress } from '../../lib/domains/report-runs/queries/get-run-progress';
import { getSnapshotPdf } from '../../lib/domains/report-runs/queries/get-snapshot';
import { retryRun } from '../../lib/domains/report-runs/commands/retry-run';
import { sha256Hex, SNAPSHOT_CHUNKS_COLLECTION, SNAPSHOTS_COLLECTION } from '../../lib/domains/report-runs/snapshot-store';
import { startReportRun } from '../../lib/domains/report-runs/commands/start-run';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';
import { countDoneItems, countSnapshots, createClientBooks, NOW, PERIOD } from '../helpers/report-run-books';

let ctx: TestContext;
let api: ApiClient;
let actor: Actor;
const organizations: { id: string; name: string }[] = [];

async function createClient(name: string, seed: number): Promise<string> {
  const id = await createClientBooks(ctx, actor, name, seed);
  organizations.push({ id, name });
  return id;
}
const snapshotCount = (runId: string) => countSnapshots(ctx, runId);
const doneCount = (runId: string) => countDoneItems(ctx, runId);

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  actor = await ctx.newUser('partner');
  await createClient('Acme Ltd', 11);
  await createClient('Bistro / Café "Łódź"', 12);
  await createClient('Acme Ltd', 13);
  await ctx.drainJobs();
}, 120_000);

afterAll(async () => {
  await api.close();
  await ctx.close();
});

describe('one organization failing', () => {
  it('is listed with its error, does not stop the others, and can be retried alone', async () => {
    const broken = organizations[1]!;
    // Damage the broken organization's books behind the ledger's back: its trial balance
    // can no longer balance, so building its reports fails (a data problem, not a blip).
    const damaged = await ctx.pool.query(
      `UPDATE account_period_balances SET debit_minor = debit_minor + 1
        WHERE organization_id = $1 AND period = $2 AND account_id = (SELECT id FROM accounts WHERE organization_id = $1 AND code = '1000')`,
      [broken.id, PERIOD],
    );
    expect(damaged.rowCount).toBe(1);
    const run = await startReportRun({ prisma: ctx.prisma, actor, input: { period: PERIOD, closePeriod: true }, now: NOW });
    await ctx.drainJobs();

    let progress = await getRunProgress({ prisma: ctx.prisma, actor, runId: run.id });
    expect(progress).toMatchObject({ status: 'completed_with_failures', total: 12, done: 8, failed: 4, pending: 0 });
    const failed = progress.organizations.find((organization) => organization.organizationId === broken.id)!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/does not balance/);
    expect(progress.organizations.filter((organization) => organization.status === 'done')).toHaveLength(2);
    expect(await snapshotCount(run.id)).toBe(8); // nothing half-written is left behind
    // The period was closed for every organization (the close is part of each job).
    expect(await ctx.prisma.period.count({ where: { period: PERIOD, status: 'closed' } })).toBe(3);

    // While an identical run is going, this one cannot be retried (that would be two running copies).
    const identical = await startReportRun({ prisma: ctx.prisma, actor, input: { period: PERIOD, closePeriod: true }, now: NOW });
    expect(identical.created).toBe(true);
    await expect(retryRun({ prisma: ctx.prisma, actor, runId: run.id, input: {}, now: NOW })).rejects.toMatchObject({ code: 'conflict' });
    await ctx.drainJobs();
    expect((await getRunProgress({ prisma: ctx.prisma, actor, runId: identical.id })).status).toBe('completed_with_failures');

    // Repair, then retry that organization alone: the others' snapshots stay as they were.
    const others = progress.organizations.filter((organization) => organization.organizationId !== broken.id);
    await ctx.pool.query(
      `UPDATE account_period_balances SET debit_minor = debit_minor - 1 WHERE organization_id = $1 AND period = $2 AND account_id = (SELECT id FROM accounts WHERE organization_id = $1 AND code = '1000')`,
      [broken.id, PERIOD],
    );
    expect(await retryRun({ prisma: ctx.prisma, actor, runId: run.id, input: { organizationIds: [broken.id] }, now: NOW })).toEqual({
      retried: 1,
    });
    expect((await getRunProgress({ prisma: ctx.prisma, actor, runId: run.id })).status).toBe('running');
    await ctx.drainJobs();
    progress = await getRunProgress({ prisma: ctx.prisma, actor, runId: run.id });
    expect(progress).toMatchObject({ status: 'completed', done: 12, failed: 0 });
    expect(progress.organizations.filter((organization) => organization.organizationId !== broken.id)).toEqual(others);
    expect(await snapshotCount(run.id)).toBe(12);
    // Nothing left to retry.
    expect(await retryRun({ prisma: ctx.prisma, actor, runId: run.id, input: {}, now: NOW })).toEqual({ retried: 0 });
  });
});

describe('a worker killed in the middle of a run', () => {
  const children: ChildProcess[] = [];

  function startWorker(label: string): ChildProcess {
    // node itself (not the tsx CLI, which would run the worker in a grandchild that SIGKILL misses).
    const child = spawn(process.execPath, ['--import', 'tsx', 'workers/main.ts'], {
      env: {
        ...process.env,
        DATABASE_URL: ctx.databaseUrl,
        MONGODB_URI: inject('mongoUri'),
        MONGODB_DB: ctx.db.databaseName,
        WORKER_CONCURRENCY: '2',
        WORKER_POLL_INTERVAL_MS: '200',
        WORKER_HEARTBEAT_MS: '250',
        WORKER_STALE_MS: '2000',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stderr?.on('data', (data: Buffer) => process.stderr.write(`[${label}] ${data.toString()}`));
    children.push(child);
    return child;
  }

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  });

  it('finishes after another worker takes over, with every snapshot exactly once', async () => {
    // More organizations, so the run is long enough to be caught in the middle.
    for (let i = 0; i < 5; i += 1) await createClient(`Crash Test ${i + 1} GmbH`, 100 + i);
    await ctx.drainJobs();
    const run = await startReportRun({ prisma: ctx.prisma, actor, input: { period: '2026-08' }, now: NOW });
    const total = organizations.length * 4;

    const first = startWorker('worker-1');
    // Wait until the worker has written snapshots it has not committed yet: it is inside a
    // job, between MongoDB and PostgreSQL. That is the moment to pull the plug.
    const deadline = Date.now() + 60_000;
    let caught = false;
    while (Date.now() < deadline) {
      const [written, committed] = await Promise.all([snapshotCount(run.id), doneCount(run.id)]);
      if (written > committed && committed < total - 4) {
        first.kill('SIGKILL');
        caught = true;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(caught).toBe(true);
    await new Promise((resolve) => first.once('exit', resolve));
    const atCrash = { written: await snapshotCount(run.id), committed: await doneCount(run.id) };
    expect(atCrash.written).toBeGreaterThan(atCrash.committed); // garbage of the killed attempt
    expect(atCrash.committed).toBeLessThan(total);
    // The dead worker's jobs are still locked (graphile-worker alone would wait 4 hours).
    const locked = await ctx.pool.query<{ organizationId: string }>(
      `SELECT payload->>'organizationId' AS "organizationId" FROM graphile_worker._private_jobs WHERE locked_by IS NOT NULL AND payload->>'runId' = $1`,
      [run.id],
    );
    const interrupted = new Set(locked.rows.map((row) => row.organizationId));
    expect(interrupted.size).toBeGreaterThan(0);

    // A fresh worker (a restart) notices the silent one, unlocks its job and finishes the run.
    startWorker('worker-2');
    const finishBy = Date.now() + 90_000;
    let progress = await getRunProgress({ prisma: ctx.prisma, actor, runId: run.id });
    while (progress.status === 'running' && Date.now() < finishBy) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      progress = await getRunProgress({ prisma: ctx.prisma, actor, runId: run.id });
    }
    expect(progress).toMatchObject({ status: 'completed', total, done: total, failed: 0 });
    // Exactly once: one snapshot document per item, each the committed one, no stray chunks.
    const items = progress.organizations.flatMap((organization) => organization.snapshots);
    expect(new Set(items.map((item) => item.snapshotId)).size).toBe(total);
    const stored = await ctx.db.collection(SNAPSHOTS_COLLECTION).find({ runId: run.id }).project({ _id: 1, 'pdf.chunks': 1 }).toArray();
    expect(stored.map((doc) => String(doc._id)).sort()).toEqual(items.map((item) => item.snapshotId).sort());
    const chunks = await ctx.db.collection(SNAPSHOT_CHUNKS_COLLECTION).countDocuments({ runId: run.id });
    expect(chunks).toBe(stored.reduce((sum, doc) => sum + (doc.pdf as { chunks: number }).chunks, 0));
    for (const item of items) {
      const pdf = await getSnapshotPdf({ prisma: ctx.prisma, db: ctx.db, actor, snapshotId: item.snapshotId! });
      expect(sha256Hex(pdf.body)).toBe(item.sha256);
    }
    // The interrupted organizations were attempted a second time; the others once.
    for (const organization of progress.organizations) {
      for (const item of organization.snapshots) expect(item.attempts).toBe(interrupted.has(organization.organizationId) ? 2 : 1);
    }
  }, 180_000);
});
