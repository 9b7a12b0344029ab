// Issue 12, item 1: however an organization's data looks, one posting registers a bounded
// number of reports (MAX_REPORTS_PER_SCHEDULE). Registered reports it does not rebuild
// eagerly are marked stale in the same statement and brought up to date by the
// organization's one coalesced catch-up job; a lookup of a stale report queues its rebuild.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import {
  CATCH_UP_REPORTS_TASK,
  catchUpCursor,
  catchUpReportsPayload,
  MAX_EAGER_PERIODS,
  MAX_REPORTS_PER_SCHEDULE,
  queueCatchUp,
  REBUILD_PERIOD_TASK,
} from '../../lib/adapters/queue/report-jobs';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { postJournalEntry } from '../../lib/domains/ledger/commands/post-journal-entry';
import { lookupReport } from '../../lib/domains/reports/queries/lookup-report';
import { scheduleAllReportRebuilds } from '../../lib/domains/reports/commands/schedule-all-report-rebuilds';
import { reportsCollection } from '../../lib/domains/reports/store';
import { createTestContext, type TestContext } from '../helpers/context';

// The ledger window at NOW: 1900-01-01 through 2028-11-30.
const NOW = new Date('2026-11-15T10:00:00Z');

let ctx: TestContext;
let actor: Actor;

beforeAll(async () => {
  ctx = await createTestContext();
  actor = await ctx.newUser('accountant');
});

afterAll(async () => {
  await ctx.close();
});

const newOrganization = async (name: string) =>
  (await createOrganization({ prisma: ctx.prisma, actor, input: { name, baseCurrency: 'EUR' }, now: NOW })).id;

const sale = (date: string, amount = '10.00') => ({
  date,
  memo: `sale ${date}`,
  lines: [
    { accountCode: '1100', debit: amount },
    { accountCode: '4000', credit: amount },
  ],
});

const post = (organizationId: string, date: string) =>
  postJournalEntry({ prisma: ctx.prisma, actor, organizationId, input: sale(date), now: NOW });

/** Queued jobs of one organization, by task ("rebuild-report" per report, "catch-up-reports" per organization). */
async function queued(organizationId: string) {
  const { rows } = await ctx.pool.query<{ task: string; key: string | null; period: string | null }>(
    `SELECT t.identifier AS task, j.key, j.payload::jsonb->>'period' AS period
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE j.payload::jsonb->>'organizationId' = $1::text OR j.key = 'catch-up:' || $1::text`,
    [organizationId],
  );
  return {
    rebuilds: rows.filter((row) => row.task === REBUILD_PERIOD_TASK),
    catchUps: rows.filter((row) => row.task === CATCH_UP_REPORTS_TASK),
  };
}

/** Registered reports inside the window whose document is missing or older than required. */
async function staleReports(organizationId: string): Promise<string[]> {
  const targets = await ctx.prisma.reportTarget.findMany({
    where: { organizationId, period: { gte: '1900-01', lte: '2028-11' } },
    select: { reportType: true, period: true, requiredSequence: true },
  });
  const documents = await reportsCollection(ctx.db)
    .find({ organizationId }, { projection: { type: 1, period: 1, asOfSequence: 1 } })
    .toArray();
  const built = new Map(documents.map((document) => [`${document.type} ${document.period}`, document.asOfSequence]));
  return targets
    .filter((target) => (built.get(`${target.reportType} ${target.period}`) ?? -1) < Number(target.requiredSequence))
    .map((target) => `${target.reportType} ${target.period}`)
    .sort();
}

describe('the rebuild work of one posting is bounded whatever the data', () => {
  it('is exported as 25 periods of 4 reports', () => {
    expect(MAX_REPORTS_PER_SCHEDULE).toBe(100);
  });

  it('a far-future report target already in the database does not drag every posting out to it', async () => {
    const organizationId = await newOrganization('Polluted Ltd');
    await ctx.drainJobs();
    // Left behind before the window existed: a report registered for 2126-12.
    await ctx.pool.query(
      `INSERT INTO report_targets (organization_id, report_type, period, required_sequence) VALUES ($1, 'trial-balance', '2126-12', 1)`,
      [organizationId],
    );
    await post(organizationId, '2026-11-10');
    const jobs = await queued(organizationId);
    expect(jobs.rebuilds.length).toBeLessThanOrEqual(MAX_EAGER_PERIODS + 1);
    expect(jobs.rebuilds.every((job) => job.period !== null && job.period <= '2028-11')).toBe(true);
    await ctx.drainJobs();
    expect(await staleReports(organizationId)).toEqual([]);
  });

  it('a backdated entry registers at most the bound, marks older reports stale, and the queue catches them up', async () => {
    const organizationId = await newOrganization('History Ltd');
    await post(organizationId, '2000-01-15');
    // Trial balances registered (say, opened by accountants) for every month since 2000, all up to date.
    await ctx.pool.query(
      `INSERT INTO report_targets (organization_id, report_type, period, required_sequence)
       SELECT $1, 'trial-balance', to_char(month, 'YYYY-MM'), 0
         FROM generate_series(date '2000-01-01', date '2026-11-01', interval '1 month') AS month
       ON CONFLICT DO NOTHING`,
      [organizationId],
    );
    await scheduleAllReportRebuilds(ctx.prisma);
    await ctx.drainJobs();
    expect(await staleReports(organizationId)).toEqual([]);

    const backdated = await post(organizationId, '1901-01-15');
    const jobs = await queued(organizationId);
    // 1901-01 itself and the 24 latest periods (2024-12 … 2026-11), one job each (four reports), plus one catch-up job.
    expect(jobs.rebuilds.length).toBeLessThanOrEqual(MAX_EAGER_PERIODS + 1);
    expect(new Set(jobs.rebuilds.map((job) => job.period))).toEqual(
      new Set(['1901-01', ...Array.from({ length: 24 }, (_, index) => monthsBefore('2026-11', 23 - index))]),
    );
    expect(jobs.catchUps.map((job) => job.key)).toEqual([`catch-up:${organizationId}`]);
    // Older registered reports are not left looking up to date: they need the backdated entry.
    const stale = await staleReports(organizationId);
    expect(stale).toContain('trial-balance 2000-01');
    expect(stale).toContain('trial-balance 2024-11');
    const target = await ctx.prisma.reportTarget.findUniqueOrThrow({
      where: { organizationId_reportType_period: { organizationId, reportType: 'trial-balance', period: '2010-06' } },
    });
    expect(target.requiredSequence).toBe(backdated.sequence);
    // Periods nobody registered (1901-02 … 1999-12) are not registered by the posting.
    expect(await ctx.prisma.reportTarget.count({ where: { organizationId, period: { gt: '1901-01', lt: '2000-01' } } })).toBe(0);

    // Looking up a stale report queues its own rebuild (it need not wait for the catch-up).
    const looked = await lookupReport({
      prisma: ctx.prisma,
      db: ctx.db,
      actor,
      organizationId,
      query: { type: 'trial-balance', period: '2010-06' },
      now: NOW,
    });
    expect([looked.status, looked.upToDate, looked.requiredSequence]).toEqual(['ready', false, Number(backdated.sequence)]);
    expect((await queued(organizationId)).rebuilds.map((job) => job.key)).toContain(`period:${organizationId}:2010-06`);

    await ctx.drainJobs();
    expect(await staleReports(organizationId)).toEqual([]);
    expect(await queued(organizationId)).toEqual({ rebuilds: [], catchUps: [] });
    const after = await lookupReport({
      prisma: ctx.prisma,
      db: ctx.db,
      actor,
      organizationId,
      query: { type: 'trial-balance', period: '2010-06' },
      now: NOW,
    });
    expect([after.upToDate, after.asOfSequence]).toEqual([true, Number(backdated.sequence)]);
  });
});

describe('the catch-up job', () => {
  it('a write while a continuation is pending merges into one job that starts from the newest report', async () => {
    const organizationId = await newOrganization('Merge Ltd');
    await ctx.pool.query(
      `INSERT INTO report_targets (organization_id, report_type, period, required_sequence)
       SELECT $1, 'trial-balance', to_char(month, 'YYYY-MM'), 0
         FROM generate_series(date '2000-01-01', date '2001-12-01', interval '1 month') AS month`,
      [organizationId],
    );
    // A catch-up job that had got as far as 2000-06 queued its continuation…
    await queueCatchUp(ctx.prisma, organizationId, { period: '2000-06', type: 'trial-balance' });
    // …then a backdated entry marks 2000-02 … 2001-12 stale (2001-12 is above the continuation).
    await post(organizationId, '2000-01-10');
    const { rows } = await ctx.pool.query<{ payload: unknown }>(`SELECT payload FROM graphile_worker._private_jobs WHERE key = $1`, [
      `catch-up:${organizationId}`,
    ]);
    expect(rows).toHaveLength(1);
    const payload = catchUpReportsPayload.parse(rows[0]?.payload);
    expect(payload).toHaveLength(2);
    expect(catchUpCursor(payload)).toBeNull();
    await ctx.drainJobs();
    expect(await staleReports(organizationId)).toEqual([]);
  });
});

function monthsBefore(period: string, months: number): string {
  const [year, month] = period.split('-').map(Number) as [number, number];
  const index = year * 12 + (month - 1) - months;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}
