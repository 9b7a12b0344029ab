// Month-end (issue 15): the close board across client companies (period status, earlier
// open months, pack none / issued / changed since issued, readiness warnings, set-based),
// "close through" a month, and reopening with a reason (browser command and API).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { createAccount } from '../../lib/domains/ledger/commands/create-account';
import { createOrganization } from '../../lib/domains/ledger/commands/create-organization';
import { closePeriodsThrough } from '../../lib/domains/ledger/commands/close-periods-through';
import { postJournalEntry } from '../../lib/domains/ledger/commands/post-journal-entry';
import { reopenPeriod } from '../../lib/domains/ledger/commands/reopen-period';
import { listFiscalYearPeriods } from '../../lib/domains/ledger/queries/periods';
import { listOrganizationsWithPeriods } from '../../lib/domains/ledger/queries/organizations';
import { previewCloseThrough } from '../../lib/domains/ledger/queries/preview-close-through';
import { addMember } from '../../lib/domains/organizations/members';
import { startReportRun } from '../../lib/domains/report-runs/commands/start-run';
import { filterCloseBoard, getCloseBoard, type CloseBoardRow } from '../../lib/domains/report-runs/queries/close-board';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';

const NOW = new Date('2026-11-03T09:00:00Z');
const PERIOD = '2026-10';

let ctx: TestContext;
let api: ApiClient;
let partner: Actor;
const ids: Record<'alder' | 'birch' | 'cedar' | 'foreign', string> = { alder: '', birch: '', cedar: '', foreign: '' };

async function organization(actor: Actor, name: string): Promise<string> {
  return (await createOrganization({ prisma: ctx.prisma, actor, input: { name, baseCurrency: 'GBP' }, now: NOW })).id;
}

async function post(organizationId: string, date: string, amount = '100.00', debit = '1000', credit = '4000'): Promise<bigint> {
  const input = {
    date,
    memo: `Posting ${date}`,
    lines: [
      { accountCode: debit, debit: amount },
      { accountCode: credit, credit: amount },
    ],
  };
  return (await postJournalEntry({ prisma: ctx.prisma, actor: partner, organizationId, input, now: NOW })).sequence;
}

const board = async (period = PERIOD) => getCloseBoard({ prisma: ctx.prisma, actor: partner, input: { period } });
const rowOf = (rows: CloseBoardRow[], id: string) => {
  const row = rows.find((candidate) => candidate.organizationId === id);
  if (!row) throw new Error(`no row for ${id}`);
  return row;
};

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  partner = await ctx.newUser('partner');
  ids.alder = await organization(partner, 'Alder Ltd');
  ids.birch = await organization(partner, 'Birch Ltd');
  ids.cedar = await organization(partner, 'Cedar Ltd');
  ids.foreign = await organization(await ctx.newUser('stranger'), 'Foreign GmbH');
  // Alder: August and October posted, August to October open.
  await post(ids.alder, '2026-08-14');
  await post(ids.alder, '2026-10-02');
  await post(ids.alder, '2026-10-20', '55.10');
  // Birch: October, with 250.00 parked on a suspense account.
  await createAccount({
    prisma: ctx.prisma,
    actor: partner,
    organizationId: ids.birch,
    input: { code: '9999', name: 'Suspense', type: 'asset' },
    now: NOW,
  });
  await post(ids.birch, '2026-10-05', '250.00', '9999', '4000');
  await post(ids.birch, '2026-10-06', '80.00');
  // Cedar: nothing at all.
}, 120_000);

afterAll(async () => {
  await api.close();
  await ctx.close();
});

describe('the close board', () => {
  it('shows one row per organization of the user, with status, earlier open months and warnings', async () => {
    const rows = await board();
    expect(rows.map((row) => row.name)).toEqual(['Alder Ltd', 'Birch Ltd', 'Cedar Ltd']);
    const alder = rowOf(rows, ids.alder);
    expect(alder).toMatchObject({ status: 'open', changedBy: null, earlierOpen: ['2026-08', '2026-09'], entriesInPeriod: 2 });
    expect(alder.pack).toMatchObject({ status: 'none', runId: null, postingsSince: 0 });
    expect(alder.warnings.map((warning) => warning.code)).toEqual(['earlier_open']);
    const birch = rowOf(rows, ids.birch);
    expect(birch.earlierOpen).toEqual([]);
    expect(birch.warnings).toEqual([{ code: 'suspense_balance', message: '9999 Suspense holds 250.00 debit at the end of 2026-10' }]);
    const cedar = rowOf(rows, ids.cedar);
    // Created in November: October lies before its first month, nothing is "earlier open".
    expect(cedar).toMatchObject({ entriesInPeriod: 0, earlierOpen: [] });
    expect(cedar.warnings.map((warning) => warning.code)).toEqual(['empty_period']);
  });

  it('answers with a handful of statements whatever the number of organizations', async () => {
    const statements: string[] = [];
    const counting = ctx.prisma.$extends({
      query: {
        $allOperations({ args, query, operation }) {
          statements.push(operation);
          return query(args);
        },
      },
    });
    await getCloseBoard({ prisma: counting as unknown as typeof ctx.prisma, actor: partner, input: { period: PERIOD } });
    expect(statements.length).toBeLessThanOrEqual(6);
  });

  it('issued after a close-first run; a later-dated posting does not change it, a back-dated one does', async () => {
    const run = await startReportRun({
      prisma: ctx.prisma,
      actor: partner,
      input: { period: PERIOD, organizationIds: [ids.birch], closePeriod: true },
      now: NOW,
    });
    expect(rowOf(await board(), ids.birch).pack.building).toBe(true);
    await ctx.drainJobs();
    let birch = rowOf(await board(), ids.birch);
    expect(birch).toMatchObject({ status: 'closed', changedBy: 'partner 1' });
    expect(birch.pack).toMatchObject({ status: 'issued', building: false, runId: run.id, postingsSince: 0, changesSince: 0 });
    expect(birch.pack.issuedAt).not.toBeNull();

    await post(ids.birch, '2026-11-02');
    birch = rowOf(await board(), ids.birch);
    expect(birch.pack).toMatchObject({ status: 'issued', postingsSince: 1, changesSince: 0 });

    await reopenPeriod({
      prisma: ctx.prisma,
      actor: partner,
      organizationId: ids.birch,
      period: PERIOD,
      input: { reason: 'Supplier invoice arrived late' },
      now: NOW,
    });
    await post(ids.birch, '2026-10-30', '12.00');
    birch = rowOf(await board(), ids.birch);
    expect(birch.status).toBe('open');
    expect(birch.pack).toMatchObject({ status: 'changed', postingsSince: 2, changesSince: 1 });

    const rows = await board();
    expect(filterCloseBoard(rows, '', 'changed').map((row) => row.name)).toEqual(['Birch Ltd']);
    expect(filterCloseBoard(rows, '', 'no-pack').map((row) => row.name)).toEqual(['Alder Ltd', 'Cedar Ltd']);
    expect(filterCloseBoard(rows, 'ced', 'all').map((row) => row.name)).toEqual(['Cedar Ltd']);
    expect(filterCloseBoard(rows, '', 'attention').map((row) => row.name)).toEqual(['Alder Ltd', 'Birch Ltd', 'Cedar Ltd']);
  });

  it('shows an organization to its members only', async () => {
    const stranger = await ctx.prisma.user.findFirstOrThrow({ where: { name: { startsWith: 'stranger' } } });
    const theirs = await getCloseBoard({ prisma: ctx.prisma, actor: { userId: stranger.id }, input: { period: PERIOD } });
    expect(theirs.map((row) => row.name)).toEqual(['Foreign GmbH']);
  });
});

describe('close through a month, reopen with a reason', () => {
  it('previews what it locks, closes every open month through it, and refuses a second time', async () => {
    const preview = await previewCloseThrough({
      prisma: ctx.prisma,
      actor: partner,
      organizationId: ids.alder,
      input: { through: '2026-10' },
    });
    expect(preview).toEqual({ through: '2026-10', months: ['2026-08', '2026-09', '2026-10'], entries: 3 });

    const closed = await closePeriodsThrough({
      prisma: ctx.prisma,
      actor: partner,
      organizationId: ids.alder,
      input: { through: '2026-10' },
      now: NOW,
    });
    expect(closed.closed).toEqual(['2026-08', '2026-09', '2026-10']);
    const events = await ctx.prisma.ledgerEvent.findMany({
      where: { organizationId: ids.alder, type: 'period.closed' },
      orderBy: { sequence: 'asc' },
    });
    expect(events.map((event) => (event.payload as { period: string }).period)).toEqual(['2026-08', '2026-09', '2026-10']);
    const alder = rowOf(await board(), ids.alder);
    expect(alder).toMatchObject({ status: 'closed', earlierOpen: [] });
    expect(alder.warnings).toEqual([]);

    await expect(
      closePeriodsThrough({ prisma: ctx.prisma, actor: partner, organizationId: ids.alder, input: { through: '2026-09' }, now: NOW }),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      closePeriodsThrough({ prisma: ctx.prisma, actor: partner, organizationId: ids.alder, input: { through: '2026-13' }, now: NOW }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('closes the month itself when it lies before the first month (no entries yet)', async () => {
    const preview = await previewCloseThrough({
      prisma: ctx.prisma,
      actor: partner,
      organizationId: ids.cedar,
      input: { through: '2026-10' },
    });
    expect(preview).toEqual({ through: '2026-10', months: ['2026-10'], entries: 0 });
  });

  it('refuses non-members (404) and non-admins (403)', async () => {
    const accountant = await ctx.newUser('accountant');
    const email = (await ctx.prisma.user.findUniqueOrThrow({ where: { id: accountant.userId } })).email;
    await addMember({ prisma: ctx.prisma, actor: partner, organizationId: ids.cedar, input: { email, role: 'accountant' }, now: NOW });
    const stranger = await ctx.newUser('outsider');
    const attempt = (actor: Actor) =>
      closePeriodsThrough({ prisma: ctx.prisma, actor, organizationId: ids.cedar, input: { through: '2026-10' }, now: NOW });
    await expect(attempt(stranger)).rejects.toMatchObject({ code: 'not_found' });
    await expect(attempt(accountant)).rejects.toMatchObject({ code: 'forbidden' });
    await expect(
      previewCloseThrough({ prisma: ctx.prisma, actor: stranger, organizationId: ids.cedar, input: { through: '2026-10' } }),
    ).rejects.toMatchObject({ code: 'not_found' });
  });

  it('records the reason of a reopen, in the event and in the periods list, and flags past open months', async () => {
    const periods = await listFiscalYearPeriods({
      prisma: ctx.prisma,
      actor: partner,
      organizationId: ids.birch,
      containing: PERIOD,
      now: NOW,
    });
    const october = periods.periods.find((period) => period.period === PERIOD);
    expect(october).toMatchObject({ status: 'open', pastOpen: true, changedBy: 'partner 1', reason: 'Supplier invoice arrived late' });
    expect(periods.periods.find((period) => period.period === '2026-11')).toMatchObject({ status: 'open', pastOpen: false });
    expect(periods.openPast).toEqual(['2026-10']);
    const event = await ctx.prisma.ledgerEvent.findFirstOrThrow({ where: { organizationId: ids.birch, type: 'period.reopened' } });
    expect(event.payload).toEqual({ period: PERIOD, reason: 'Supplier invoice arrived late' });

    await expect(
      reopenPeriod({
        prisma: ctx.prisma,
        actor: partner,
        organizationId: ids.alder,
        period: '2026-09',
        input: { reason: '   ' },
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: 'validation_failed' });
  });

  it('takes the reason through the API too (optional body)', async () => {
    const token = await api.tokenFor('api-admin');
    const user = await ctx.prisma.user.findUniqueOrThrow({ where: { email: 'api-admin@example.test' } });
    const org = await organization({ userId: user.id }, 'Api Ltd');
    const period = new Date().toISOString().slice(0, 7);
    const closed = await api.call('POST', `/api/v1/organizations/${org}/periods/${period}/close`, { token });
    expect(closed.status).toBe(200);
    const reopened = await api.call('POST', `/api/v1/organizations/${org}/periods/${period}/reopen`, {
      token,
      body: { reason: 'Bank feed re-imported' },
    });
    expect(reopened.status).toBe(200);
    expect((await ctx.prisma.period.findFirstOrThrow({ where: { organizationId: org, period } })).reason).toBe('Bank feed re-imported');
    const refused = await api.call('POST', `/api/v1/organizations/${org}/periods/${period}/close`, {
      token,
      body: { reason: 'x'.repeat(501) },
    });
    expect(refused.status).toBe(422);

    // Close through, over the API: every open month through it, then 409.
    await postJournalEntry({
      prisma: ctx.prisma,
      actor: { userId: user.id },
      organizationId: org,
      input: {
        date: '2026-09-10',
        memo: 'Early',
        lines: [
          { accountCode: '1000', debit: '1.00' },
          { accountCode: '4000', credit: '1.00' },
        ],
      },
      now: NOW,
    });
    const through = await api.call('POST', `/api/v1/organizations/${org}/periods/close-through`, { token, body: { through: '2026-10' } });
    expect(through.status).toBe(200);
    expect(through.json).toMatchObject({ through: '2026-10', closed: ['2026-09', '2026-10'] });
    const again = await api.call('POST', `/api/v1/organizations/${org}/periods/close-through`, { token, body: { through: '2026-10' } });
    expect(again.status).toBe(409);
  });

  it('lists the last closed month and the open past months of every organization', async () => {
    const list = await listOrganizationsWithPeriods({ prisma: ctx.prisma, actor: partner, now: NOW });
    const alder = list.find((organization) => organization.id === ids.alder);
    expect(alder).toMatchObject({ lastClosed: '2026-10', openPast: [] });
    const birch = list.find((organization) => organization.id === ids.birch);
    expect(birch).toMatchObject({ lastClosed: null, openPast: ['2026-10'] });
  });
});
