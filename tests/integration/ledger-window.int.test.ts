// Issue 12, item 1: far-future and far-past dates. Entries, period actions and report
// lookups outside the ledger's date window (1900-01-01 to 24 months ahead; lookups to 12
// months ahead) are refused with 422 before anything is written or registered.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { AppError } from '../../lib/errors';
import { closePeriod } from '../../lib/domains/ledger/commands/close-period';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { importJournalEntries } from '../../lib/domains/ledger/commands/import-journal-entries';
import { postJournalEntry } from '../../lib/domains/ledger/commands/post-journal-entry';
import { reopenPeriod } from '../../lib/domains/ledger/commands/reopen-period';
import { reverseJournalEntry } from '../../lib/domains/ledger/commands/reverse-journal-entry';
import { addMember } from '../../lib/domains/organizations/members';
import { lookupReport } from '../../lib/domains/reports/queries/lookup-report';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';

// The window at NOW: 1900-01-01 through 2028-11-30.
const NOW = new Date('2026-11-15T10:00:00Z');

let ctx: TestContext;
let api: ApiClient;
let actor: Actor;

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  actor = await ctx.newUser('accountant');
});

afterAll(async () => {
  await api.close();
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

async function rejection(promise: Promise<unknown>): Promise<AppError> {
  const error: unknown = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

/** Everything a write or a lookup could leave behind, for one organization. */
async function footprint(organizationId: string) {
  const { rows } = await ctx.pool.query<{ counts: Record<string, string>; jobIds: string[] }>(
    `SELECT json_build_object(
              'entries', (SELECT count(*) FROM journal_entries WHERE organization_id = $1),
              'events', (SELECT count(*) FROM ledger_events WHERE organization_id = $1),
              'balances', (SELECT count(*) FROM account_period_balances WHERE organization_id = $1),
              'periods', (SELECT count(*) FROM periods WHERE organization_id = $1),
              'targets', (SELECT count(*) FROM report_targets WHERE organization_id = $1)) AS counts,
            ARRAY(SELECT id::text FROM graphile_worker._private_jobs
                   WHERE payload::jsonb->>'organizationId' = $1::text OR key = 'catch-up:' || $1::text) AS "jobIds"`,
    [organizationId],
  );
  const row = rows[0];
  if (!row) throw new Error('no footprint');
  return row;
}

/** No row was written and no job queued (a job left from earlier may finish meanwhile). */
async function expectNothingWritten(organizationId: string, before: Awaited<ReturnType<typeof footprint>>) {
  const after = await footprint(organizationId);
  expect(after.counts).toEqual(before.counts);
  expect(after.jobIds.filter((id) => !before.jobIds.includes(id))).toEqual([]);
}

describe('entries outside the window are refused with 422 and write nothing', () => {
  let organizationId: string;
  beforeAll(async () => {
    organizationId = await newOrganization('Window Ltd');
    await ctx.drainJobs();
  });

  it.each(['9999-12-31', '2126-12-31', '2028-12-01', '1899-12-31'])('a posting dated %s', async (date) => {
    const before = await footprint(organizationId);
    const error = await rejection(post(organizationId, date));
    expect(error.code).toBe('validation_failed');
    expect(error.status).toBe(422);
    expect(error.fieldErrors).toEqual([{ field: 'date', message: 'Use a date from 1900-01-01 to 2028-11-30 (at most 24 months ahead)' }]);
    await expectNothingWritten(organizationId, before);
  });

  it('a reversal dated outside the window', async () => {
    const original = await post(organizationId, '2026-11-02');
    await ctx.drainJobs();
    const before = await footprint(organizationId);
    const error = await rejection(
      reverseJournalEntry({ prisma: ctx.prisma, actor, organizationId, entryId: original.id, input: { date: '9999-12-31' }, now: NOW }),
    );
    expect([error.code, error.status, error.fieldErrors[0]?.field]).toEqual(['validation_failed', 422, 'date']);
    await expectNothingWritten(organizationId, before);
  });

  it('a CSV row dated outside the window is a problem of that row, and nothing is imported', async () => {
    const csv = [
      'entry,date,memo,reference,account,debit,credit,description',
      '1,2026-10-03,Fine,,1100,5.00,,',
      '1,,,,4000,,5.00,',
      '2,2126-12-31,Typo in the year,,1100,5.00,,',
      '2,,,,4000,,5.00,',
    ].join('\n');
    const before = await footprint(organizationId);
    for (const dryRun of [true, false]) {
      const result = await importJournalEntries({ prisma: ctx.prisma, actor, organizationId, csv, dryRun, now: NOW });
      expect(result.imported).toBe(false);
      expect(result.problems).toEqual([
        { row: 4, entry: '2', field: 'date', message: "2126-12-31 is outside the ledger's dates: 1900-01-01 to 2028-11-30" },
      ]);
    }
    await expectNothingWritten(organizationId, before);
  });

  it('accepts the first and the last day of the window', async () => {
    const edges = await newOrganization('Edges Ltd');
    await post(edges, '1900-01-01');
    await post(edges, '2028-11-30');
    expect(await ctx.prisma.journalEntry.count({ where: { organizationId: edges } })).toBe(2);
    await ctx.drainJobs();
  });

  it('answers the API with problem+json naming the window', async () => {
    const token = await api.tokenFor('api');
    const org = (await api.call('POST', '/api/v1/organizations', { token, body: { name: 'Api Ltd', baseCurrency: 'EUR' } })).json
      .id as string;
    const refused = await api.call('POST', `/api/v1/organizations/${org}/journal-entries`, { token, body: sale('9999-12-31') });
    expect(refused.status).toBe(422);
    expect(refused.type).toContain('application/problem+json');
    expect(refused.json.code).toBe('validation_failed');
    expect(String(refused.json.title)).toMatch(/1900-01-01 to \d{4}-\d{2}-\d{2}/);
    const close = await api.call('POST', `/api/v1/organizations/${org}/periods/9999-12/close`, { token });
    expect([close.status, close.json.code]).toEqual([422, 'validation_failed']);
    const lookup = await api.call('GET', `/api/v1/organizations/${org}/reports?type=trial-balance&period=0001-01`, { token });
    expect([lookup.status, lookup.json.code]).toEqual([422, 'validation_failed']);
    const run = await api.call('POST', '/api/v1/report-runs', { token, body: { period: '1899-12', organizationIds: [org] } });
    expect([run.status, run.json.code]).toEqual([422, 'validation_failed']);
    await ctx.drainJobs();
  });
});

describe('period actions and report lookups outside the window', () => {
  let organizationId: string;
  beforeAll(async () => {
    organizationId = await newOrganization('Periods Ltd');
    await ctx.drainJobs();
  });

  it.each(['2126-12', '9999-12', '2028-12', '1899-12', '0001-01'])('closing or reopening %s is refused with 422', async (period) => {
    const before = await footprint(organizationId);
    for (const command of [closePeriod, reopenPeriod]) {
      const error = await rejection(command({ prisma: ctx.prisma, actor, organizationId, period, now: NOW }));
      expect([error.code, error.status]).toEqual(['validation_failed', 422]);
      expect(error.fieldErrors).toEqual([{ field: 'period', message: 'Use a period from 1900-01 to 2028-11' }]);
    }
    await expectNothingWritten(organizationId, before);
  });

  it('closes the last period of the window', async () => {
    expect(await closePeriod({ prisma: ctx.prisma, actor, organizationId, period: '2028-11', now: NOW })).toMatchObject({
      status: 'closed',
    });
    await ctx.drainJobs();
  });

  it.each(['0001-01', '1899-12', '2027-12'])(
    'a lookup of %s (even by a viewer) is refused with 422 and registers nothing',
    async (period) => {
      const viewer = await ctx.newUser('viewer');
      const email = (await ctx.prisma.user.findUniqueOrThrow({ where: { id: viewer.userId } })).email;
      await addMember({ prisma: ctx.prisma, actor, organizationId, input: { email, role: 'viewer' }, now: NOW });
      const before = await footprint(organizationId);
      const error = await rejection(
        lookupReport({ prisma: ctx.prisma, db: ctx.db, actor: viewer, organizationId, query: { type: 'trial-balance', period }, now: NOW }),
      );
      expect([error.code, error.status]).toEqual(['validation_failed', 422]);
      expect(error.fieldErrors).toEqual([{ field: 'period', message: 'Use a period from 1900-01 to 2027-11' }]);
      await expectNothingWritten(organizationId, before);
    },
  );
});
