// Issue 10 (steady-rate lag): under a stream of postings a period job is due every
// REBUILD_DEBOUNCE_MS, and the general ledger — the month's lines read, built and saved —
// was most of its cost. A worker with ledgerMinIntervalMs leaves the ledger out of a period
// job that follows a ledger build within the interval, and queues the ledger's own rebuild
// for when it is over: the statements stay as fresh as before, the ledger catches up.
import { runOnce } from 'graphile-worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { queueLogger } from '../../lib/adapters/queue/logger';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { postJournalEntry } from '../../lib/domains/ledger/commands/post-journal-entry';
import { reportsCollection } from '../../lib/domains/reports/store';
import { REPORT_TYPES, type ReportType } from '../../lib/domains/reports/types';
import { createTaskList } from '../../workers/tasks';
import { createTestContext, type TestContext } from '../helpers/context';

const NOW = new Date('2026-11-15T10:00:00Z');
const PERIOD = '2026-11';
const INTERVAL_MS = 60_000;

let ctx: TestContext;
let actor: Actor;
let taskList: ReturnType<typeof createTaskList>;

beforeAll(async () => {
  ctx = await createTestContext();
  actor = await ctx.newUser('accountant');
  taskList = createTaskList({ prisma: ctx.prisma, db: ctx.db, databaseUrl: ctx.databaseUrl, ledgerMinIntervalMs: INTERVAL_MS });
});

afterAll(async () => {
  await ctx.close();
});

/** Runs the jobs due within a second (a write's job is due 200 ms after it) with this worker's task list. */
async function runDueJobs(): Promise<void> {
  for (let round = 0; round < 100; round++) {
    await runOnce({ pgPool: ctx.pool, taskList, logger: queueLogger('error') });
    const { rows } = await ctx.pool.query<{ due: boolean }>(
      "SELECT EXISTS (SELECT 1 FROM graphile_worker.jobs WHERE run_at <= now() + interval '1 second' AND attempts < max_attempts) AS due",
    );
    if (!rows[0]?.due) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('jobs still due after 100 rounds');
}

async function sequences(organizationId: string): Promise<Record<ReportType, number | undefined>> {
  const stored = await reportsCollection(ctx.db).find({ organizationId, period: PERIOD }).toArray();
  return Object.fromEntries(REPORT_TYPES.map((type) => [type, stored.find((doc) => doc.type === type)?.asOfSequence])) as Record<
    ReportType,
    number | undefined
  >;
}

const post = async (organizationId: string, amount: string) =>
  Number(
    (
      await postJournalEntry({
        prisma: ctx.prisma,
        actor,
        organizationId,
        input: {
          date: `${PERIOD}-10`,
          memo: `sale ${amount}`,
          lines: [
            { accountCode: '1100', debit: amount },
            { accountCode: '4000', credit: amount },
          ],
        },
        now: NOW,
      })
    ).sequence,
  );

describe('the general ledger under a stream of postings', () => {
  it('is left out of period jobs within the interval, queued on its own, and then catches up', async () => {
    const organizationId = (
      await createOrganization({ prisma: ctx.prisma, actor, input: { name: 'Stream Ltd', baseCurrency: 'EUR' }, now: NOW })
    ).id;
    const first = await post(organizationId, '10.00');
    await runDueJobs();
    // The first job builds all four from one snapshot.
    expect(await sequences(organizationId)).toEqual({
      'trial-balance': first,
      'balance-sheet': first,
      'income-statement': first,
      'general-ledger': first,
    });

    const second = await post(organizationId, '20.00');
    await runDueJobs();
    // Within the interval: the statements include the second posting, the ledger not yet…
    expect(await sequences(organizationId)).toEqual({
      'trial-balance': second,
      'balance-sheet': second,
      'income-statement': second,
      'general-ledger': first,
    });
    // …and its own job waits for the end of the interval.
    const { rows } = await ctx.pool.query<{ id: string; wait: number }>(
      'SELECT id::text, extract(epoch FROM run_at - now()) AS wait FROM graphile_worker.jobs WHERE key = $1',
      [`ledger:${organizationId}:${PERIOD}`],
    );
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]?.wait)).toBeGreaterThan(INTERVAL_MS / 1000 - 10);

    // A third posting within the interval: still one ledger job, its due time kept.
    const third = await post(organizationId, '30.00');
    await runDueJobs();
    const again = await ctx.pool.query<{ id: string }>('SELECT id::text FROM graphile_worker.jobs WHERE key = $1', [
      `ledger:${organizationId}:${PERIOD}`,
    ]);
    expect(again.rows.map((row) => row.id)).toEqual(rows.map((row) => row.id));

    // When it is due, the ledger catches up with everything posted meanwhile.
    await ctx.pool.query('SELECT graphile_worker.reschedule_jobs(ARRAY[$1::bigint], run_at := now())', [rows[0]?.id]);
    await runDueJobs();
    expect(await sequences(organizationId)).toEqual({
      'trial-balance': third,
      'balance-sheet': third,
      'income-statement': third,
      'general-ledger': third,
    });
  });
});
