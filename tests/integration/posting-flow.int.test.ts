// The CQRS path end to end on real PostgreSQL and a MongoDB wire server: a posting and its
// rebuild job commit together, the worker turns the job into a document with the right
// numbers, and the document is never replaced by an older build.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { AppError } from '../../lib/errors';
import { REBUILD_PERIOD_TASK } from '../../lib/adapters/queue/report-jobs';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { inOrganizationTransaction } from '../../lib/adapters/db/organization-lock';
import { postJournalEntry } from '../../lib/domains/ledger/commands/post-journal-entry';
import { writeEntry } from '../../lib/domains/ledger/commands/write-entry';
import { reportObjectId } from '../../lib/domains/reports/ids';
import { rebuildReport, loadReportInputs, buildReport } from '../../lib/domains/reports/commands/rebuild-report';
import { findReport, saveReportIfNewer } from '../../lib/domains/reports/store';
import type { TrialBalanceDocument } from '../../lib/domains/reports/documents';
import { createTestContext, type TestContext } from '../helpers/context';

const NOW = new Date('2026-11-15T10:00:00Z');

let ctx: TestContext;
let actor: Actor;
let organizationId: string;

async function jobsFor(orgId: string) {
  const result = await ctx.pool.query<{ task_identifier: string; key: string | null; payload: { type: string; period: string } }>(
    `SELECT t.identifier AS task_identifier, j.key, j.payload
       FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
      WHERE j.payload->>'organizationId' = $1 ORDER BY j.key`,
    [orgId],
  );
  return result.rows;
}

const post = (date: string, lines: { accountCode: string; debit?: string; credit?: string }[], memo = 'test entry') =>
  postJournalEntry({ prisma: ctx.prisma, actor, organizationId, input: { date, memo, lines }, now: NOW });

async function trialBalance(period: string): Promise<TrialBalanceDocument | null> {
  const document = await findReport(ctx.db, reportObjectId(organizationId, 'trial-balance', period));
  if (document && document.type !== 'trial-balance') throw new Error('not a trial balance');
  return document;
}

beforeAll(async () => {
  ctx = await createTestContext();
  actor = await ctx.newUser('accountant');
  organizationId = (
    await createOrganization({ prisma: ctx.prisma, actor, input: { name: 'Łódź Sp. z o.o.', baseCurrency: 'PLN' }, now: NOW })
  ).id;
  await ctx.drainJobs();
});

afterAll(async () => {
  await ctx.close();
});

describe('posting → job → worker → document', () => {
  it('enqueues one coalesced rebuild per affected period in the posting transaction', async () => {
    const posted = await post('2026-10-05', [
      { accountCode: '1000', debit: '1000.00' },
      { accountCode: '3000', credit: '1000.00' },
    ]);
    expect(posted.sequence).toBeGreaterThan(0n);
    const jobs = await jobsFor(organizationId);
    // An October entry changes the reports of October and of November (the current month):
    // one job per period rebuilds its four reports.
    const expected = ['2026-10', '2026-11'].map((period) => `${REBUILD_PERIOD_TASK} ${period}`);
    expect(jobs.map((job) => `${job.task_identifier} ${job.payload.period}`).sort()).toEqual(expected);
    // A second posting to the same periods replaces the pending jobs instead of adding more.
    await post('2026-10-20', [
      { accountCode: '1100', debit: '250.10' },
      { accountCode: '4000', credit: '250.10' },
    ]);
    expect(await jobsFor(organizationId)).toHaveLength(expected.length);
  });

  it('builds documents with the right numbers and the last sequence', async () => {
    const last = await post('2026-11-02', [
      { accountCode: '6100', debit: '0.10' },
      { accountCode: '6100', debit: '0.20' },
      { accountCode: '1000', credit: '0.30' },
    ]);
    await ctx.drainJobs();
    expect(await jobsFor(organizationId)).toHaveLength(0);

    const october = await trialBalance('2026-10');
    expect(october?.rows.map((row) => [row.accountCode, row.debit, row.credit])).toEqual([
      ['1000', '1000.00', '0.00'],
      ['1100', '250.10', '0.00'],
      ['3000', '0.00', '1000.00'],
      ['4000', '0.00', '250.10'],
    ]);
    expect(october?.totals).toEqual({ debit: '1250.10', credit: '1250.10' });

    const november = await trialBalance('2026-11');
    expect(november?.rows.map((row) => [row.accountCode, row.debit, row.credit])).toEqual([
      ['1000', '999.70', '0.00'],
      ['1100', '250.10', '0.00'],
      ['3000', '0.00', '1000.00'],
      ['4000', '0.00', '250.10'],
      ['6100', '0.30', '0.00'],
    ]);
    expect(november?.asOfSequence).toBe(Number(last.sequence));
    expect(november?.organizationName).toBe('Łódź Sp. z o.o.');
  });
});

describe('atomicity', () => {
  it('a rolled-back posting leaves neither rows, events nor jobs', async () => {
    const before = await ctx.pool.query<{ entries: string; events: string; balances: string }>(
      `SELECT (SELECT count(*) FROM journal_entries) AS entries, (SELECT count(*) FROM ledger_events) AS events,
              (SELECT count(*) FROM account_period_balances) AS balances`,
    );
    const accounts = await ctx.prisma.account.findMany({ where: { organizationId, code: { in: ['1000', '4000'] } } });
    const cash = accounts.find((account) => account.code === '1000');
    const sales = accounts.find((account) => account.code === '4000');
    if (!cash || !sales) throw new Error('default chart missing');
    await expect(
      inOrganizationTransaction(ctx.prisma, organizationId, async (tx) => {
        await writeEntry(tx, {
          organizationId,
          date: '2026-09-10',
          memo: 'will roll back',
          reference: null,
          lines: [
            { accountId: cash.id, accountCode: '1000', debitMinor: 500n, creditMinor: 0n, description: null },
            { accountId: sales.id, accountCode: '4000', debitMinor: 0n, creditMinor: 500n, description: null },
          ],
          actorId: actor.userId,
          eventType: 'journal_entry.posted',
          now: NOW,
        });
        // Inside the transaction the jobs exist: one for each of 2026-09 … 2026-11.
        const inside = await tx.$queryRaw<
          unknown[]
        >`SELECT 1 FROM graphile_worker._private_jobs WHERE payload->>'organizationId' = ${organizationId}`;
        expect(inside).toHaveLength(3);
        throw new Error('simulated failure after the writes');
      }),
    ).rejects.toThrow('simulated failure');
    const after = await ctx.pool.query(
      `SELECT (SELECT count(*) FROM journal_entries) AS entries, (SELECT count(*) FROM ledger_events) AS events,
              (SELECT count(*) FROM account_period_balances) AS balances`,
    );
    expect(after.rows).toEqual(before.rows);
    expect(await jobsFor(organizationId)).toHaveLength(0);
  });

  it('the database itself rejects an unbalanced entry and edits to the journal', async () => {
    const entry = await ctx.prisma.journalEntry.findFirstOrThrow({ where: { organizationId } });
    await expect(ctx.pool.query(`UPDATE journal_lines SET debit_minor = debit_minor + 1 WHERE entry_id = $1`, [entry.id])).rejects.toThrow(
      /append-only/,
    );
    await expect(ctx.pool.query(`DELETE FROM ledger_events`)).rejects.toThrow(/append-only/);
    await expect(
      ctx.pool.query(`UPDATE journal_lines SET debit_minor = 5, credit_minor = 5 WHERE entry_id = $1`, [entry.id]),
    ).rejects.toThrow();
  });
});

describe('the asOfSequence guard', () => {
  it('an out-of-order rebuild never replaces a newer document', async () => {
    const target = { organizationId, type: 'trial-balance' as const, period: '2026-11' };
    // A slow worker loads its snapshot now…
    const staleInputs = await loadReportInputs(ctx.prisma, target, NOW);
    if (!staleInputs) throw new Error('organization missing');
    const staleDocument = buildReport('trial-balance', staleInputs);
    // …meanwhile a new entry is posted and a fast worker publishes the newer document.
    const newer = await post('2026-11-03', [
      { accountCode: '1000', debit: '99.99' },
      { accountCode: '4100', credit: '99.99' },
    ]);
    expect((await rebuildReport({ prisma: ctx.prisma, db: ctx.db, target, now: NOW })).outcome).toBe('replaced');
    // The slow worker finishes last: its older document must be refused.
    expect(await saveReportIfNewer(ctx.db, staleDocument)).toBe('stale');
    const stored = await trialBalance('2026-11');
    expect(stored?.asOfSequence).toBe(Number(newer.sequence));
    expect(stored?.rows.find((row) => row.accountCode === '4100')?.credit).toBe('99.99');
    // Rebuilding again with nothing new is a no-op.
    expect((await rebuildReport({ prisma: ctx.prisma, db: ctx.db, target, now: NOW })).outcome).toBe('stale');
    await ctx.drainJobs();
  });
});

describe('concurrency', () => {
  it('50 concurrent postings to one organization end in one consistent document', async () => {
    const org = (await createOrganization({ prisma: ctx.prisma, actor, input: { name: 'Busy Ltd', baseCurrency: 'EUR' }, now: NOW })).id;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, index) =>
        postJournalEntry({
          prisma: ctx.prisma,
          actor,
          organizationId: org,
          input: {
            date: '2026-11-10',
            memo: `sale ${index}`,
            lines: [
              { accountCode: '1100', debit: `${index + 1}.01` },
              { accountCode: '4000', credit: `${index + 1}.01` },
            ],
          },
          now: NOW,
        }),
      ),
    );
    const sequences = results.map((result) => result.sequence);
    expect(new Set(sequences).size).toBe(50);
    // Coalesced: one job for the affected period, however many postings.
    expect(await jobsFor(org)).toHaveLength(1);
    await ctx.drainJobs();
    const document = await findReport(ctx.db, reportObjectId(org, 'trial-balance', '2026-11'));
    if (document?.type !== 'trial-balance') throw new Error('trial balance missing');
    const maxSequence = sequences.reduce((max, sequence) => (sequence > max ? sequence : max));
    expect(document.asOfSequence).toBe(Number(maxSequence));
    // Σ (i + 1.01) for i = 0..49 = (1 + … + 50) + 50 × 0.01 = 1275 + 0.50
    expect(document.totals).toEqual({ debit: '1275.50', credit: '1275.50' });
    expect(document.rows.map((row) => [row.accountCode, row.debit, row.credit])).toEqual([
      ['1100', '1275.50', '0.00'],
      ['4000', '0.00', '1275.50'],
    ]);
  });
});

describe('validation before any write', () => {
  it.each([
    [
      'unbalanced',
      {
        date: '2026-11-01',
        memo: 'x',
        lines: [
          { accountCode: '1000', debit: '1' },
          { accountCode: '4000', credit: '2' },
        ],
      },
      'unbalanced_entry',
    ],
    [
      'unknown account',
      {
        date: '2026-11-01',
        memo: 'x',
        lines: [
          { accountCode: '1000', debit: '1' },
          { accountCode: '9999', credit: '1' },
        ],
      },
      'unknown_account',
    ],
    [
      'malformed amount',
      {
        date: '2026-11-01',
        memo: 'x',
        lines: [
          { accountCode: '1000', debit: '1,00' },
          { accountCode: '4000', credit: '1' },
        ],
      },
      'validation_failed',
    ],
    [
      'bad date',
      {
        date: '2026-02-30',
        memo: 'x',
        lines: [
          { accountCode: '1000', debit: '1' },
          { accountCode: '4000', credit: '1' },
        ],
      },
      'validation_failed',
    ],
  ])('%s → %s, nothing written', async (_name, input, code) => {
    const before = await ctx.prisma.ledgerEvent.count();
    const error = await postJournalEntry({ prisma: ctx.prisma, actor, organizationId, input, now: NOW }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    expect(await ctx.prisma.ledgerEvent.count()).toBe(before);
  });
});
