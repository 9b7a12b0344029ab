// A write's rebuild job is due REBUILD_DEBOUNCE_MS after the write; the writes that keep it
// send no notification (migration 20261207120000_kept_job_without_notify), so the worker
// nudges its own pool when the job it was told about falls due (lib/adapters/queue/due-nudge.ts).
// A real graphile-worker pool, polling once a minute: only a nudge can start the job in time.
import { EventEmitter } from 'node:events';
import { run, type Runner } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nudgeWhenDue } from '../../lib/adapters/queue/due-nudge';
import { queueLogger } from '../../lib/adapters/queue/logger';
import { REBUILD_DEBOUNCE_MS, scheduleParameters } from '../../lib/adapters/queue/report-jobs';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { createTestContext, type TestContext } from '../helpers/context';

const NOW = new Date('2026-11-15T10:00:00Z');

let ctx: TestContext;
let organizations: string[];

beforeAll(async () => {
  ctx = await createTestContext();
  const actor = await ctx.newUser('accountant');
  organizations = [];
  for (const name of ['Nudged Ltd', 'Polled Ltd', 'Held Ltd']) {
    organizations.push((await createOrganization({ prisma: ctx.prisma, actor, input: { name, baseCurrency: 'EUR' }, now: NOW })).id);
  }
  await ctx.drainJobs();
});

afterAll(async () => {
  await ctx.close();
});

/** What a posting's transaction does to the queue (closebook_schedule_rebuilds), on `client`. */
function write(client: { query: (text: string, values: unknown[]) => Promise<unknown> }, organizationId: string, sequence: number) {
  const [types, maxEager, maxAttempts, catchUpPriority, debounceMs] = scheduleParameters();
  return client.query(
    `SELECT closebook_schedule_rebuilds($1::uuid, ARRAY[$2::text], NULL, NULL, NULL, $3, $4::text[], $5::int, $6::smallint, $7::smallint, $8::int)`,
    [organizationId, '2026-11', sequence, types, maxEager, maxAttempts, catchUpPriority, debounceMs],
  );
}

/** Two writes to one period, as postings make them: the first queues the job, the second keeps it. */
async function twoWrites(organizationId: string): Promise<void> {
  await write(ctx.pool, organizationId, 1);
  await write(ctx.pool, organizationId, 2);
}

/** A pool polling once a minute whose rebuild task notes when it started, for `organizationId`; `nudges` wires due-nudge.ts. */
async function startPool(nudges: boolean, organizationId: string) {
  const started: number[] = [];
  const events = new EventEmitter();
  const stopNudges = nudges ? nudgeWhenDue(events, REBUILD_DEBOUNCE_MS) : () => undefined;
  const listening = new Promise<void>((resolve) => events.once('pool:listen:success', () => resolve()));
  const runner: Runner = await run({
    pgPool: ctx.pool,
    concurrency: 1,
    pollInterval: 60_000,
    logger: queueLogger('error'),
    events,
    taskList: {
      // Another test's job left in the queue is taken too, and not counted.
      'rebuild-period': (payload) => {
        if ((payload as { organizationId?: string }).organizationId === organizationId) started.push(performance.now());
      },
    },
  });
  await listening;
  // The pool's first look for jobs happens at start; give it time to go back to sleep.
  await new Promise((resolve) => setTimeout(resolve, 100));
  return {
    started,
    stop: async () => {
      stopNudges();
      await runner.stop();
    },
  };
}

describe('a debounced rebuild job', () => {
  it('starts when it falls due, not at the next poll', async () => {
    const pool = await startPool(true, organizations[0] ?? '');
    try {
      const written = performance.now();
      await twoWrites(organizations[0] ?? '');
      await expect.poll(() => pool.started.length, { timeout: 3_000, interval: 20 }).toBe(1);
      const delay = (pool.started[0] ?? Infinity) - written;
      expect(delay).toBeGreaterThanOrEqual(REBUILD_DEBOUNCE_MS - 20);
      expect(delay).toBeLessThan(1_500);
    } finally {
      await pool.stop();
    }
  });

  it('without the nudge, waits for the poll (the control: the test above can fail)', async () => {
    const pool = await startPool(false, organizations[1] ?? '');
    try {
      await twoWrites(organizations[1] ?? '');
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect(pool.started).toEqual([]);
    } finally {
      await pool.stop();
    }
  });

  it('held past its due time by a write in progress, starts soon after that write commits', async () => {
    const organizationId = organizations[2] ?? '';
    const pool = await startPool(true, organizationId);
    const writer = await ctx.pool.connect();
    try {
      await write(ctx.pool, organizationId, 1); // queues the job, due in REBUILD_DEBOUNCE_MS
      await writer.query('BEGIN');
      await write(writer, organizationId, 2); // keeps it: its row is locked until this commits
      await new Promise((resolve) => setTimeout(resolve, REBUILD_DEBOUNCE_MS + 400));
      expect(pool.started).toEqual([]); // due, but get_job skips a locked row
      const committed = performance.now();
      await writer.query('COMMIT');
      await expect.poll(() => pool.started.length, { timeout: 3_000, interval: 20 }).toBe(1);
      expect((pool.started[0] ?? Infinity) - committed).toBeLessThan(1_000);
    } finally {
      writer.release();
      await pool.stop();
    }
  });
});
