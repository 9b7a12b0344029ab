// Account sub-types and the statements' structure (issue 15 item 5) through the JSON API on
// real PostgreSQL and the Mongo wire server: the default chart's sub-types, setting them on
// create and edit (problem+json on a sub-type of another type), the income statement's gross
// and operating profit, the balance sheet's current / non-current split; and the migration
// on a database that already has accounts.
import { copyFile, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { migrate } from '../../lib/adapters/db/migrate';
import { createDatabase } from '../../lib/adapters/infra/embedded-postgres';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let api: ApiClient;
let token: string;
let org: string;

const accountsUrl = () => `/api/v1/organizations/${org}/accounts`;
const post = (date: string, memo: string, lines: { accountCode: string; debit?: string; credit?: string }[]) =>
  api.call('POST', `/api/v1/organizations/${org}/journal-entries`, { token, body: { date, memo, lines } });

async function report(type: string, period: string): Promise<Record<string, unknown>> {
  await ctx.drainJobs();
  const lookup = await api.call('GET', `/api/v1/organizations/${org}/reports?type=${type}&period=${period}`, { token });
  expect(lookup.json).toMatchObject({ status: 'ready', upToDate: true });
  return (await api.call('GET', `/api/v1/reports/${lookup.json.id as string}`, { token })).json;
}

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  token = await api.tokenFor('structure');
  const created = await api.call('POST', '/api/v1/organizations', { token, body: { name: 'Structure Ltd', baseCurrency: 'EUR' } });
  expect(created.status).toBe(201);
  org = created.json.id as string;
});

afterAll(async () => {
  await api.close();
  await ctx.close();
});

describe('account sub-types', () => {
  it('come with the default chart', async () => {
    const { accounts } = (await api.call('GET', accountsUrl(), { token })).json as { accounts: { code: string; subtype: string }[] };
    const subtypeOf = Object.fromEntries(accounts.map((account) => [account.code, account.subtype]));
    expect(subtypeOf).toMatchObject({
      '1000': 'current-asset',
      '1500': 'non-current-asset',
      '2000': 'current-liability',
      '2500': 'non-current-liability',
      '3200': 'equity',
      '4000': 'revenue',
      '4900': 'other-income',
      '5000': 'cost-of-sales',
      '6100': 'operating-expense',
      '6900': 'other-expense',
    });
  });

  it('are set on create (the type default when absent) and refused for another type with a field error', async () => {
    const named = await api.call('POST', accountsUrl(), {
      token,
      body: { code: '4950', name: 'Interest received', type: 'revenue', subtype: 'other-income' },
    });
    expect(named.status).toBe(201);
    expect(named.json).toMatchObject({ code: '4950', subtype: 'other-income' });
    const defaulted = await api.call('POST', accountsUrl(), { token, body: { code: '1600', name: 'Vehicles', type: 'asset' } });
    expect(defaulted.json).toMatchObject({ subtype: 'current-asset' });

    const wrongType = await api.call('POST', accountsUrl(), {
      token,
      body: { code: '1700', name: 'Land', type: 'asset', subtype: 'cost-of-sales' },
    });
    expect(wrongType.status).toBe(422);
    expect(wrongType.type).toBe('application/problem+json');
    expect(wrongType.json).toMatchObject({ code: 'validation_failed', errors: [{ field: 'subtype' }] });
    const unknown = await api.call('POST', accountsUrl(), { token, body: { code: '1700', name: 'Land', type: 'asset', subtype: 'fixed' } });
    expect(unknown.status).toBe(422);
    expect(unknown.json).toMatchObject({ code: 'validation_failed', errors: [{ field: 'subtype' }] });
  });

  it('are changed with PATCH, checked against the account type', async () => {
    const { accounts } = (await api.call('GET', accountsUrl(), { token })).json as { accounts: { id: string; code: string }[] };
    const vehicles = accounts.find((account) => account.code === '1600');
    const changed = await api.call('PATCH', `${accountsUrl()}/${vehicles?.id ?? ''}`, {
      token,
      body: { action: 'set-subtype', subtype: 'non-current-asset' },
    });
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({ code: '1600', subtype: 'non-current-asset' });
    const refused = await api.call('PATCH', `${accountsUrl()}/${vehicles?.id ?? ''}`, {
      token,
      body: { action: 'set-subtype', subtype: 'current-liability' },
    });
    expect(refused.status).toBe(422);
    expect(refused.json).toMatchObject({ code: 'validation_failed', errors: [{ field: 'subtype' }] });
    const missing = await api.call('PATCH', `${accountsUrl()}/00000000-0000-4000-8000-000000000000`, {
      token,
      body: { action: 'rename', name: 'Nobody' },
    });
    expect(missing.status).toBe(404);
  });
});

describe('statement structure', () => {
  it('shows gross profit, operating profit, current / non-current and net assets, and follows a sub-type change', async () => {
    // October 2025: capital 10,000; sales 3,000; cost of sales 1,200; rent 500; interest
    // received 20; interest paid 30; a 4,000 van on a bank loan; a 250 bill unpaid.
    const entries = [
      post('2025-10-01', 'Capital', [
        { accountCode: '1000', debit: '10000.00' },
        { accountCode: '3000', credit: '10000.00' },
      ]),
      post('2025-10-05', 'Sales', [
        { accountCode: '1000', debit: '3000.00' },
        { accountCode: '4000', credit: '3000.00' },
      ]),
      post('2025-10-06', 'Goods', [
        { accountCode: '5000', debit: '1200.00' },
        { accountCode: '1000', credit: '1200.00' },
      ]),
      post('2025-10-07', 'Rent', [
        { accountCode: '6100', debit: '500.00' },
        { accountCode: '1000', credit: '500.00' },
      ]),
      post('2025-10-08', 'Interest', [
        { accountCode: '1000', debit: '20.00' },
        { accountCode: '4950', credit: '20.00' },
        { accountCode: '6900', debit: '30.00' },
        { accountCode: '1000', credit: '30.00' },
      ]),
      post('2025-10-09', 'Van', [
        { accountCode: '1600', debit: '4000.00' },
        { accountCode: '2500', credit: '4000.00' },
      ]),
      post('2025-10-10', 'Bill', [
        { accountCode: '6200', debit: '250.00' },
        { accountCode: '2000', credit: '250.00' },
      ]),
    ];
    for (const entry of entries) expect((await entry).status).toBe(201);

    const income = await report('income-statement', '2025-10');
    expect(income).toMatchObject({
      revenue: { total: '3020.00' },
      expenses: { total: '1980.00' },
      netIncome: '1040.00',
      structure: {
        revenue: { total: '3000.00' },
        costOfSales: { rows: [{ accountCode: '5000', amount: '1200.00' }], total: '1200.00' },
        grossProfit: '1800.00',
        operatingExpenses: { total: '750.00' },
        operatingProfit: '1050.00',
        otherIncome: { rows: [{ accountCode: '4950', amount: '20.00' }], total: '20.00' },
        otherExpenses: { rows: [{ accountCode: '6900', amount: '30.00' }], total: '30.00' },
      },
    });
    const balance = await report('balance-sheet', '2025-10');
    expect(balance).toMatchObject({
      totals: { assets: '15290.00', liabilitiesAndEquity: '15290.00' },
      structure: {
        currentAssets: { rows: [{ accountCode: '1000', amount: '11290.00' }], total: '11290.00' },
        nonCurrentAssets: { rows: [{ accountCode: '1600', amount: '4000.00' }], total: '4000.00' },
        currentLiabilities: { total: '250.00' },
        nonCurrentLiabilities: { rows: [{ accountCode: '2500', amount: '4000.00' }], total: '4000.00' },
        netCurrentAssets: '11040.00',
        netAssets: '11040.00',
      },
    });
    expect((balance.equity as { total: string }).total).toBe('11040.00');

    // Rent becomes cost of sales: the statements are rebuilt with it below gross profit.
    const { accounts } = (await api.call('GET', accountsUrl(), { token })).json as { accounts: { id: string; code: string }[] };
    const rent = accounts.find((account) => account.code === '6100');
    expect(
      (await api.call('PATCH', `${accountsUrl()}/${rent?.id ?? ''}`, { token, body: { action: 'set-subtype', subtype: 'cost-of-sales' } }))
        .status,
    ).toBe(200);
    const moved = await report('income-statement', '2025-10');
    expect(moved).toMatchObject({ netIncome: '1040.00', structure: { grossProfit: '1300.00', operatingProfit: '1050.00' } });

    // The PDF shows the new lines.
    const lookup = await api.call('GET', `/api/v1/organizations/${org}/reports?type=income-statement&period=2025-10`, { token });
    const pdf = await api.call('GET', `/api/v1/reports/${lookup.json.id as string}/pdf`, { token });
    const { execFileSync } = await import('node:child_process');
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(await pdf.response.arrayBuffer()) }).toString(
      'utf8',
    );
    expect(text).toMatch(/Gross profit\s+1,300\.00/);
    expect(text).toMatch(/Operating profit\s+1,050\.00/);
    expect(text).toMatch(/Other income/);
  });
});

describe('the migration on an existing database', () => {
  it('gives existing accounts the default chart sub-type where code and type match, else the type default', async () => {
    const serverUrl = inject('pgServerUrl');
    const name = `m_${Date.now().toString(36)}`;
    await createDatabase(serverUrl, name);
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    const all = path.join(process.cwd(), 'prisma', 'migrations');
    const before = await mkdtemp(path.join(os.tmpdir(), 'closebook-migrations-'));
    const client = new pg.Client({ connectionString: url.toString() });
    try {
      // The database as the previous release left it: every migration before this one.
      for (const entry of (await readdir(all)).filter((each) => each < '20261203100000')) {
        await mkdir(path.join(before, entry));
        await copyFile(path.join(all, entry, 'migration.sql'), path.join(before, entry, 'migration.sql'));
      }
      await migrate(url.toString(), before);
      await client.connect();
      const { rows } = await client.query<{ id: string }>(
        "INSERT INTO organizations (id, name, base_currency) VALUES (gen_random_uuid(), 'Old Co', 'EUR') RETURNING id",
      );
      const orgId = rows[0]?.id;
      const accounts = [
        ['1000', 'asset'],
        ['1500', 'asset'],
        ['1234', 'asset'],
        ['2500', 'liability'],
        ['2999', 'liability'],
        ['3000', 'equity'],
        ['4000', 'revenue'],
        ['4900', 'revenue'],
        ['5000', 'expense'],
        ['5000x', 'revenue'], // a code of the default chart with another type keeps the type default
        ['6900', 'expense'],
        ['7000', 'expense'],
      ];
      for (const [code, type] of accounts) {
        await client.query(
          `INSERT INTO accounts (id, organization_id, code, name, type) VALUES (gen_random_uuid(), $1, $2, $2, $3::"AccountType")`,
          [orgId, code, type],
        );
      }
      await client.query(`UPDATE accounts SET code = '5001' WHERE code = '5000x'`);

      // This one and any later ones (the test is about this one's effect on the accounts).
      expect((await migrate(url.toString())).applied).toContain('20261203100000_account_subtypes');
      const migrated = await client.query<{ code: string; subtype: string }>('SELECT code, subtype FROM accounts ORDER BY code');
      expect(Object.fromEntries(migrated.rows.map((row) => [row.code, row.subtype]))).toEqual({
        '1000': 'current-asset',
        '1234': 'current-asset',
        '1500': 'non-current-asset',
        '2500': 'non-current-liability',
        '2999': 'current-liability',
        '3000': 'equity',
        '4000': 'revenue',
        '4900': 'other-income',
        '5000': 'cost-of-sales',
        '5001': 'revenue',
        '6900': 'other-expense',
        '7000': 'operating-expense',
      });
      // The database refuses a sub-type of another type, whoever writes it.
      await expect(client.query("UPDATE accounts SET subtype = 'cost-of-sales' WHERE code = '1000'")).rejects.toThrow(
        /accounts_subtype_check/,
      );
      await expect(client.query("UPDATE accounts SET subtype = NULL WHERE code = '1000'")).rejects.toThrow(/null/);
    } finally {
      await client.end().catch(() => undefined);
      await rm(before, { recursive: true, force: true });
    }
  });
});
