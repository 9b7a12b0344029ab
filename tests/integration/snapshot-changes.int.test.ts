// What changed since a report was issued (issue 13, item 2): a month-end run issues the
// snapshots; then a backdated entry, a reversal and a posting into the reopened period each
// show up as the accounts whose figures moved, with the postings that moved them. Amounts
// are asserted, not just status codes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';

const PERIOD = '2026-03';

let ctx: TestContext;
let api: ApiClient;
let token: string;
let org: string;
let firstSale: { id: string; sequence: number };

interface Changes {
  snapshotAsOf: number;
  liveAsOf: number;
  accounts: {
    accountCode: string;
    accountName: string;
    snapshot: string;
    live: string;
    difference: string;
    entries: { id: string; sequence: number; date: string; memo: string }[];
  }[];
}

async function post(date: string, memo: string, amount: string, debit = '1100', credit = '4100') {
  const result = await api.call('POST', `/api/v1/organizations/${org}/journal-entries`, {
    token,
    body: {
      date,
      memo,
      lines: [
        { accountCode: debit, debit: amount },
        { accountCode: credit, credit: amount },
      ],
    },
  });
  expect(result.status, JSON.stringify(result.json)).toBe(201);
  return result.json as { id: string; sequence: number };
}

/** Runs the month-end reports and returns the snapshot ID per report type (and the run). */
async function issue(close = false): Promise<{ run: string; snapshots: Record<string, string> }> {
  const started = await api.call('POST', '/api/v1/report-runs', {
    token,
    body: { period: PERIOD, organizationIds: [org], closePeriod: close },
  });
  expect(started.status, JSON.stringify(started.json)).toBe(202);
  await ctx.drainJobs();
  const progress = await api.call('GET', `/api/v1/report-runs/${started.json.id as string}`, { token });
  const organizations = progress.json.organizations as { snapshots: { type: string; snapshotId: string }[] }[];
  return {
    run: started.json.id as string,
    snapshots: Object.fromEntries((organizations[0]?.snapshots ?? []).map((snapshot) => [snapshot.type, snapshot.snapshotId])),
  };
}

async function changes(snapshot: string, as = token): Promise<Changes> {
  const result = await api.call('GET', `/api/v1/report-snapshots/${snapshot}/changes`, { token: as });
  expect(result.status, JSON.stringify(result.json)).toBe(200);
  return result.json as unknown as Changes;
}

async function badge(run: string): Promise<boolean> {
  const progress = await api.call('GET', `/api/v1/report-runs/${run}`, { token });
  return (progress.json.organizations as { changedSinceIssued: boolean }[])[0]?.changedSinceIssued ?? false;
}

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  token = await api.tokenFor('changes');
  org = (await api.call('POST', '/api/v1/organizations', { token, body: { name: 'Issued Ltd', baseCurrency: 'EUR' } })).json.id as string;
  firstSale = await post('2026-03-05', 'March sale', '100.00');
  await post('2026-03-12', 'March rent', '30.00', '6100', '1100');
}, 60_000);

afterAll(async () => {
  await api.close();
  await ctx.close();
});

describe('changes since issued', () => {
  it('reports nothing for a snapshot nothing has touched, and no badge', async () => {
    const { run, snapshots } = await issue();
    const trialBalance = snapshots['trial-balance'] ?? '';
    const result = await changes(trialBalance);
    expect(result.accounts).toEqual([]);
    expect(result.liveAsOf).toBe(result.snapshotAsOf);
    expect(await badge(run)).toBe(false);
    // An entry dated after the period changes none of its reports.
    await post('2026-04-02', 'April sale', '5.00');
    expect((await changes(trialBalance)).accounts).toEqual([]);
    expect(await badge(run)).toBe(false);
  });

  it('a backdated entry: the accounts it touched, by how much, and the entry', async () => {
    const { run, snapshots } = await issue();
    const backdated = await post('2026-03-20', 'Late invoice', '40.00');
    expect(await badge(run)).toBe(true);
    const trialBalance = await changes(snapshots['trial-balance'] ?? '');
    expect(trialBalance.accounts.map((account) => [account.accountCode, account.snapshot, account.live, account.difference])).toEqual([
      ['1100', '70.00', '110.00', '40.00'],
      ['4100', '-100.00', '-140.00', '-40.00'],
    ]);
    for (const account of trialBalance.accounts) {
      expect(account.entries).toEqual([
        expect.objectContaining({ id: backdated.id, sequence: backdated.sequence, date: '2026-03-20', memo: 'Late invoice' }),
      ]);
    }
    // The balance sheet shows it in cash and in current year earnings (revenue is not a balance sheet row).
    const balanceSheet = await changes(snapshots['balance-sheet'] ?? '');
    expect(balanceSheet.accounts.map((account) => [account.accountCode, account.difference])).toEqual([
      ['1100', '40.00'],
      ['current-year-earnings', '40.00'],
    ]);
    expect(balanceSheet.accounts[1]?.entries.map((entry) => entry.id)).toEqual([backdated.id]);
    // The income statement: revenue up by the invoice.
    const incomeStatement = await changes(snapshots['income-statement'] ?? '');
    expect(incomeStatement.accounts.map((account) => [account.accountCode, account.snapshot, account.live])).toEqual([
      ['4100', '100.00', '140.00'],
    ]);
  });

  it('a reversal of an issued entry', async () => {
    const { snapshots } = await issue();
    const reversal = await api.call('POST', `/api/v1/organizations/${org}/journal-entries/${firstSale.id}/reversal`, {
      token,
      body: { date: '2026-03-31' },
    });
    expect(reversal.status).toBe(201);
    const result = await changes(snapshots['general-ledger'] ?? '');
    expect(result.accounts.map((account) => [account.accountCode, account.difference])).toEqual([
      ['1100', '-100.00'],
      ['4100', '-100.00'], // closing balances in each account's normal direction: revenue is credit-normal
    ]);
    expect(result.accounts[0]?.entries.map((entry) => entry.id)).toEqual([reversal.json.id]);
  });

  it('a posting into the period after it was closed by the run and reopened', async () => {
    const { run, snapshots } = await issue(true);
    expect((await api.call('POST', `/api/v1/organizations/${org}/periods/${PERIOD}/reopen`, { token })).status).toBe(200);
    const correction = await post('2026-03-15', 'Correction after reopening', '12.34', '6100', '1100');
    const result = await changes(snapshots['trial-balance'] ?? '');
    expect(result.accounts.map((account) => [account.accountCode, account.difference])).toEqual([
      ['1100', '-12.34'],
      ['6100', '12.34'],
    ]);
    expect(result.accounts.flatMap((account) => account.entries.map((entry) => entry.memo))).toEqual([
      'Correction after reopening',
      'Correction after reopening',
    ]);
    expect(result.liveAsOf).toBeGreaterThanOrEqual(correction.sequence);
    expect(await badge(run)).toBe(true);
  });

  it('a foreign snapshot is 404, and the PDF is a real PDF', async () => {
    const { snapshots } = await issue();
    const snapshot = snapshots['trial-balance'] ?? '';
    const outsider = await api.tokenFor('outsider');
    const foreign = await api.call('GET', `/api/v1/report-snapshots/${snapshot}/changes`, { token: outsider });
    expect(foreign.status).toBe(404);
    expect(foreign.json.code).toBe('not_found');
    await post('2026-03-21', 'After the last run', '1.00');
    const pdf = await api.call('GET', `/api/v1/report-snapshots/${snapshot}/changes/pdf`, { token });
    expect(pdf.status).toBe(200);
    expect(pdf.response.headers.get('content-type')).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.response.arrayBuffer());
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await api.call('GET', `/api/v1/report-snapshots/${snapshot}/changes/pdf`, { token: outsider })).status).toBe(404);
  });
});
