// Hostile or unlucky input found by the hardening review (issue "Hardening"), each case
// reproduced here against real PostgreSQL and the Mongo wire server.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { postJournalEntry } from '../../lib/domains/ledger/commands/post-journal-entry';
import { addMember } from '../../lib/domains/organizations/members';
import { executeRunOrganization, UNEXPECTED_RUN_ERROR } from '../../lib/domains/report-runs/commands/execute-run';
import { getRunProgress } from '../../lib/domains/report-runs/queries/get-run-progress';
import { startReportRun } from '../../lib/domains/report-runs/commands/start-run';
import type { TrialBalanceDocument } from '../../lib/domains/reports/documents';
import { reportObjectId } from '../../lib/domains/reports/ids';
import { findReport } from '../../lib/domains/reports/store';
import { createTestContext, type TestContext } from '../helpers/context';

const NOW = new Date('2026-11-03T09:00:00Z');
const PERIOD = '2026-10';

let ctx: TestContext;
let admin: Actor;
let accountant: Actor;
let organizationId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.newUser('admin');
  accountant = await ctx.newUser('accountant');
  ({ id: organizationId } = await createOrganization({
    prisma: ctx.prisma,
    actor: admin,
    input: { name: 'Acme', baseCurrency: 'EUR' },
    now: NOW,
  }));
  const { email } = await ctx.prisma.user.findUniqueOrThrow({ where: { id: accountant.userId }, select: { email: true } });
  await addMember({ prisma: ctx.prisma, actor: admin, organizationId, input: { email, role: 'accountant' }, now: NOW });
});

afterAll(async () => {
  await ctx.close();
});

describe('report runs', () => {
  it("an admin's close-first run is not answered with an accountant's running run: the period gets closed", async () => {
    const input = { period: PERIOD, organizationIds: [organizationId] };
    const plain = await startReportRun({ prisma: ctx.prisma, actor: accountant, input, now: NOW });
    const closing = await startReportRun({ prisma: ctx.prisma, actor: admin, input: { ...input, closePeriod: true }, now: NOW });
    expect(plain.created).toBe(true);
    expect(closing).toMatchObject({ created: true });
    expect(closing.id).not.toBe(plain.id);
    await ctx.drainJobs();
    const period = await ctx.prisma.period.findUnique({ where: { organizationId_period: { organizationId, period: PERIOD } } });
    expect(period?.status).toBe('closed');
    expect(await getRunProgress({ prisma: ctx.prisma, actor: admin, runId: closing.id })).toMatchObject({
      status: 'completed',
      closePeriod: true,
    });
  });
});

describe('a report run failing on an unexpected error', () => {
  it('shows a fixed sentence, never the raw database or renderer text (it reaches the page, the API and index.csv)', async () => {
    const run = await startReportRun({
      prisma: ctx.prisma,
      actor: accountant,
      input: { period: '2026-09', organizationIds: [organizationId], types: ['trial-balance'] },
      now: NOW,
    });
    const secret = 'E11000 duplicate key error collection: closebook.report_snapshots index: _id_ dup key: { password: "hunter2" }';
    const result = await executeRunOrganization({
      prisma: ctx.prisma,
      db: ctx.db,
      renderer: {
        render: () => Promise.reject(new Error(secret)),
        renderFile: () => Promise.reject(new Error(secret)),
        renderPdfStream: () => Promise.reject(new Error(secret)),
        renderChanges: () => Promise.reject(new Error(secret)),
        close: () => Promise.resolve(),
      },
      runId: run.id,
      organizationId,
      finalAttempt: true,
      now: () => NOW,
    });
    expect(result).toEqual({ outcome: 'failed', error: UNEXPECTED_RUN_ERROR });
    const items = await ctx.prisma.reportRunItem.findMany({ where: { runId: run.id }, select: { status: true, error: true } });
    expect(items).toEqual([{ status: 'failed', error: UNEXPECTED_RUN_ERROR }]);
    await ctx.drainJobs(); // the run's own job finds nothing pending
  });
});

describe('the largest amounts', () => {
  it('100 postings of the largest amount to one account and month all post, and the trial balance is exact', async () => {
    const { id } = await createOrganization({ prisma: ctx.prisma, actor: admin, input: { name: 'Big', baseCurrency: 'EUR' }, now: NOW });
    const largest = '999999999999999.99';
    for (let n = 0; n < 100; n++) {
      await postJournalEntry({
        prisma: ctx.prisma,
        actor: admin,
        organizationId: id,
        input: {
          date: '2026-11-02',
          memo: `Large ${n}`,
          lines: [
            { accountCode: '1000', debit: largest },
            { accountCode: '4000', credit: largest },
          ],
        },
        idempotencyKey: null,
        now: NOW,
      });
    }
    await ctx.drainJobs();
    const document = (await findReport(ctx.db, reportObjectId(id, 'trial-balance', '2026-11'))) as TrialBalanceDocument | null;
    // 100 × 99,999,999,999,999,999 minor units = 9,999,999,999,999,999,900: past BIGINT's 9,223,372,036,854,775,807.
    expect(document?.totals).toEqual({ debit: '99999999999999999.00', credit: '99999999999999999.00' });
    expect(document?.rows.find((row) => row.accountCode === '1000')?.debit).toBe('99999999999999999.00');
  });
});

describe('the append-only ledger', () => {
  it.each(['journal_entries', 'journal_lines', 'ledger_events'])('refuses TRUNCATE %s', async (table) => {
    // CASCADE, so that a foreign key is not what stops it.
    await expect(ctx.pool.query(`TRUNCATE ${table} CASCADE`)).rejects.toThrow(/append-only: TRUNCATE is not allowed/);
  });

  it('refuses a TRUNCATE that would reach the journal through CASCADE from another table', async () => {
    const count = async () => (await ctx.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM organizations`)).rows[0]?.n;
    const before = await count();
    await expect(ctx.pool.query(`TRUNCATE organizations CASCADE`)).rejects.toThrow(/TRUNCATE is not allowed/);
    expect(await count()).toBe(before);
    expect((await ctx.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ledger_events`)).rows[0]?.n).toBeGreaterThan(0);
  });
});

describe('queue litter', () => {
  it("graphile-worker's cleanup task removes jobs that will never run again and keeps the rest", async () => {
    const add = async (key: string, runAt: string) =>
      (
        await ctx.pool.query<{ id: string }>(
          `SELECT id::text FROM graphile_worker.add_job('rebuild-report', '{}'::json, job_key := $1, run_at := $2::timestamptz, max_attempts := 3)`,
          [key, runAt],
        )
      ).rows[0]?.id;
    // What a worker SIGKILLed while running a replaced job leaves behind: attempts = max_attempts, unlocked.
    const litter = await add('litter', 'now()');
    await ctx.pool.query('UPDATE graphile_worker._private_jobs SET attempts = max_attempts, key = NULL WHERE id = $1', [litter]);
    const later = await add('later', '2999-01-01T00:00:00Z');
    await ctx.pool.query(`SELECT graphile_worker.add_job('queue-cleanup', '{}'::json)`);
    await ctx.drainJobs();
    const { rows } = await ctx.pool.query<{ id: string }>(
      'SELECT id::text FROM graphile_worker._private_jobs WHERE id = ANY($1::bigint[])',
      [[litter, later]],
    );
    expect(rows.map((row) => row.id)).toEqual([later]);
  });
});
