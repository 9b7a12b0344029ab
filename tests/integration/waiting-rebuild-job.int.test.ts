// A write whose period already has a rebuild job waiting keeps that job instead of calling
// graphile_worker.add_jobs again (migration 20261207110000_posting_costs): the job is locked
// until the write commits, so no worker can start it on books that lack the write; a job that
// has started or failed goes through add_jobs as before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { scheduleParameters } from '../../lib/adapters/queue/report-jobs';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { createTestContext, type TestContext } from '../helpers/context';

const NOW = new Date('2026-11-15T10:00:00Z');
const PERIOD = '2026-11';

let ctx: TestContext;
let actor: Actor;
let organizationId: string;
let key: string;

interface JobRow {
  id: string;
  revision: number;
  attempts: number;
  locked_at: Date | null;
  payload: { requestId?: string };
}

async function jobs(): Promise<JobRow[]> {
  const result = await ctx.pool.query<JobRow>(
    `SELECT id::text, revision, attempts, locked_at, payload FROM graphile_worker._private_jobs
      WHERE payload->>'organizationId' = $1 AND payload->>'period' = $2 ORDER BY id`,
    [organizationId, PERIOD],
  );
  return result.rows;
}

/** closebook_schedule_rebuilds for PERIOD, as a posting calls it, on `client` (its own transaction if a pool). */
function schedule(client: { query: (text: string, values: unknown[]) => Promise<unknown> }, requestId: string) {
  const [types, maxEager, maxAttempts, catchUpPriority, debounceMs] = scheduleParameters();
  return client.query(
    `SELECT set_config('closebook.request_id', $7, true),
            closebook_schedule_rebuilds($1::uuid, ARRAY[$2::text], NULL, NULL, NULL, 1, $3::text[], $4::int, $5::smallint, $6::smallint, $8::int)`,
    [organizationId, PERIOD, types, maxEager, maxAttempts, catchUpPriority, requestId, debounceMs],
  );
}

/** What a worker's get_job does: take an available job FOR UPDATE SKIP LOCKED (here without taking it). */
async function takeable(): Promise<string[]> {
  const client = await ctx.pool.connect();
  try {
    await client.query('BEGIN');
    const result = await client.query<{ id: string }>(
      `SELECT id::text FROM graphile_worker._private_jobs WHERE key = $1 AND is_available FOR UPDATE SKIP LOCKED`,
      [key],
    );
    await client.query('ROLLBACK');
    return result.rows.map((row) => row.id);
  } finally {
    client.release();
  }
}

beforeAll(async () => {
  ctx = await createTestContext();
  actor = await ctx.newUser('accountant');
  organizationId = (await createOrganization({ prisma: ctx.prisma, actor, input: { name: 'Jobs Ltd', baseCurrency: 'EUR' }, now: NOW })).id;
  await ctx.drainJobs();
  key = `period:${organizationId}:${PERIOD}`;
});

afterAll(async () => {
  await ctx.close();
});

describe('a rebuild job already waiting', () => {
  it('is kept as it is by the next write (one job, not rewritten, its first request ID)', async () => {
    await schedule(ctx.pool, 'first-write');
    const [first] = await jobs();
    expect(first).toMatchObject({ attempts: 0, payload: { requestId: 'first-write' } });
    await schedule(ctx.pool, 'second-write');
    await schedule(ctx.pool, 'third-write');
    const after = await jobs();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: first?.id, revision: first?.revision, payload: { requestId: 'first-write' } });
  });

  it('cannot be taken by a worker until the write that kept it commits', async () => {
    const [job] = await jobs();
    expect(await takeable()).toEqual([job?.id]);
    const writer = await ctx.pool.connect();
    try {
      await writer.query('BEGIN');
      await schedule(writer, 'in-flight');
      expect(await takeable()).toEqual([]); // locked by the open write
      await writer.query('COMMIT');
      expect(await takeable()).toEqual([job?.id]);
    } finally {
      writer.release();
    }
  });

  it('a job a worker has started is not reused: a new job is queued behind it', async () => {
    const [job] = await jobs();
    await ctx.pool.query(
      `UPDATE graphile_worker._private_jobs SET locked_at = now(), locked_by = 'test worker', attempts = attempts + 1 WHERE id = $1`,
      [job?.id],
    );
    await schedule(ctx.pool, 'while-running');
    const after = await jobs();
    expect(after).toHaveLength(2);
    expect(after[1]).toMatchObject({ attempts: 0, locked_at: null, payload: { requestId: 'while-running' } });
    expect(await takeable()).toEqual([after[1]?.id]);
    await ctx.pool.query(`DELETE FROM graphile_worker._private_jobs WHERE id = $1`, [job?.id]);
  });

  it('a job that failed once goes through add_jobs again (its error and attempts reset)', async () => {
    const [job] = await jobs();
    await ctx.pool.query(`UPDATE graphile_worker._private_jobs SET attempts = 1, last_error = 'boom' WHERE id = $1`, [job?.id]);
    await schedule(ctx.pool, 'after-failure');
    const after = await jobs();
    expect(after).toHaveLength(1);
    expect(after[0]).toMatchObject({ id: job?.id, attempts: 0, payload: { requestId: 'after-failure' } });
  });
});
