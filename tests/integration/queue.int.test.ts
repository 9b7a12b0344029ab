// The queue's failure behaviour: a poisoned job (a payload no task can accept) fails,
// is retried later with backoff, and does not stop other jobs.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { postJournalEntry } from '../../lib/domains/ledger/commands/post-journal-entry';
import { reportObjectId } from '../../lib/domains/reports/ids';
import { scheduleCurrentPeriodReports } from '../../lib/domains/reports/commands/open-current-period';
import { findReport } from '../../lib/domains/reports/store';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let actor: Actor;

beforeAll(async () => {
  ctx = await createTestContext();
  actor = await ctx.newUser();
});

afterAll(async () => {
  await ctx.close();
});

it('a poisoned job is retried with backoff while the others complete', async () => {
  const now = new Date('2026-11-15T10:00:00Z');
  const org = (await createOrganization({ prisma: ctx.prisma, actor, input: { name: 'Queue Ltd', baseCurrency: 'EUR' }, now })).id;
  // A job written by some older deploy with a payload the current task rejects.
  await ctx.pool.query(
    `SELECT graphile_worker.add_job('rebuild-report', '{"organizationId": "not-a-uuid", "type": "trial-balance"}'::json)`,
  );
  await postJournalEntry({
    prisma: ctx.prisma,
    actor,
    organizationId: org,
    input: {
      date: '2026-11-02',
      memo: 'sale',
      lines: [
        { accountCode: '1000', debit: '10.00' },
        { accountCode: '4000', credit: '10.00' },
      ],
    },
    now,
  });
  await ctx.drainJobs();

  const document = await findReport(ctx.db, reportObjectId(org, 'trial-balance', '2026-11'));
  if (document?.type !== 'trial-balance') throw new Error('trial balance missing');
  expect(document.rows.map((row) => [row.accountCode, row.debit, row.credit])).toEqual([
    ['1000', '10.00', '0.00'],
    ['4000', '0.00', '10.00'],
  ]);
  const poisoned = await ctx.pool.query<{ attempts: number; last_error: string; retry_in_future: boolean }>(
    `SELECT attempts, last_error, run_at > now() AS retry_in_future FROM graphile_worker._private_jobs WHERE payload->>'organizationId' = 'not-a-uuid'`,
  );
  expect(poisoned.rows).toHaveLength(1);
  expect(poisoned.rows[0]?.attempts).toBe(1);
  expect(poisoned.rows[0]?.retry_in_future).toBe(true);
  expect(poisoned.rows[0]?.last_error).toMatch(/organizationId|uuid/i);
});

it("the daily job gives every organization the new month's reports before anything is posted in it", async () => {
  const november = new Date('2026-11-20T10:00:00Z');
  const org = (
    await createOrganization({ prisma: ctx.prisma, actor, input: { name: 'Month End Ltd', baseCurrency: 'EUR' }, now: november })
  ).id;
  await postJournalEntry({
    prisma: ctx.prisma,
    actor,
    organizationId: org,
    input: {
      date: '2026-11-20',
      memo: 'capital',
      lines: [
        { accountCode: '1000', debit: '500.00' },
        { accountCode: '3000', credit: '500.00' },
      ],
    },
    now: november,
  });
  await ctx.drainJobs();
  expect(await findReport(ctx.db, reportObjectId(org, 'trial-balance', '2026-12'))).toBeNull();

  const december = new Date('2026-12-01T00:05:00Z');
  expect(await scheduleCurrentPeriodReports({ prisma: ctx.prisma, now: december })).toBeGreaterThanOrEqual(1);
  await ctx.drainJobs();
  const opening = await findReport(ctx.db, reportObjectId(org, 'trial-balance', '2026-12'));
  if (opening?.type !== 'trial-balance') throw new Error('December trial balance missing');
  expect(opening.totals).toEqual({ debit: '500.00', credit: '500.00' });
  expect(await findReport(ctx.db, reportObjectId(org, 'general-ledger', '2026-12'))).toMatchObject({ accounts: [] });
  // Already there: nothing to do the second time.
  expect(await scheduleCurrentPeriodReports({ prisma: ctx.prisma, now: december })).toBe(0);
});
