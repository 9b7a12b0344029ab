// The public JSON API contract, exercised through the real route handlers (Request in,
// Response out) on real PostgreSQL and the Mongo wire server: reports (lookup, JSON, PDF,
// CSV, XLSX, ETags), tenancy and roles, the OpenAPI document. Errors, accounts and
// journal entries: http-api.int.test.ts.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_ROUTES, createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let api: ApiClient;
const call: ApiClient['call'] = (...args) => api.call(...args);

let alice: string;
let bob: string;
let org: string;
const entry = (date: string, amount: string, memo = 'Consulting invoice') => ({
  date,
  memo,
  lines: [
    { accountCode: '1100', debit: amount },
    { accountCode: '4100', credit: amount },
  ],
});

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  alice = await api.tokenFor('alice');
  bob = await api.tokenFor('bob');
  const created = await call('POST', '/api/v1/organizations', {
    token: alice,
    body: { name: 'Acme Ltd', baseCurrency: 'EUR', fiscalYearStartMonth: 7 },
  });
  expect(created.status).toBe(201);
  org = created.json.id as string;
  // The books http-api.int.test.ts's journal-entry tests leave behind, which the figures
  // below are checked against: 1200.00 on 3 October, 5.00 on 30 September, and 77.77 on
  // 10 October reversed on the 11th.
  for (const body of [entry('2026-10-03', '1200.00'), entry('2026-09-30', '5.00')]) {
    expect((await call('POST', `/api/v1/organizations/${org}/journal-entries`, { token: alice, body })).status).toBe(201);
  }
  const wrong = await call('POST', `/api/v1/organizations/${org}/journal-entries`, {
    token: alice,
    body: entry('2026-10-10', '77.77', 'Wrong invoice'),
  });
  const reversal = await call('POST', `/api/v1/organizations/${org}/journal-entries/${wrong.json.id as string}/reversal`, {
    token: alice,
    body: { date: '2026-10-11' },
  });
  expect(reversal.status).toBe(201);
});

afterAll(async () => {
  await api.close();
  await ctx.close();
});

describe('reports', () => {
  it('looks a report up, serves its JSON and PDF with ETag / If-None-Match', async () => {
    await ctx.drainJobs();
    const lookup = await call('GET', `/api/v1/organizations/${org}/reports?type=trial-balance&period=2026-10`, { token: alice });
    expect(lookup.json).toMatchObject({ type: 'trial-balance', period: '2026-10', status: 'ready', upToDate: true });
    const id = lookup.json.id as string;
    const document = await call('GET', `/api/v1/reports/${id}`, { token: alice });
    expect(document.json).toMatchObject({ id, organizationId: org, currency: 'EUR', schemaVersion: 1, fiscalYearStart: '2026-07' });
    // 1200.00 + 5.00 posted (the reversed 77.77 nets to zero).
    expect(document.json.totals).toEqual({ debit: '1205.00', credit: '1205.00' });

    const pdf = await call('GET', `/api/v1/reports/${id}/pdf`, { token: alice });
    expect(pdf.status).toBe(200);
    expect(pdf.type).toBe('application/pdf');
    const bytes = Buffer.from(await pdf.response.arrayBuffer());
    expect(bytes.subarray(0, 4).toString()).toBe('%PDF');
    const etag = pdf.response.headers.get('etag');
    expect(etag).toBeTruthy();
    const notModified = await call('GET', `/api/v1/reports/${id}/pdf`, { token: alice, headers: { 'if-none-match': etag ?? '' } });
    expect(notModified.status).toBe(304);
    // A new posting makes a new document and so a new ETag.
    await call('POST', `/api/v1/organizations/${org}/journal-entries`, { token: alice, body: entry('2026-10-20', '1.00') });
    const stale = await call('GET', `/api/v1/organizations/${org}/reports?type=trial-balance&period=2026-10`, { token: alice });
    expect(stale.json.upToDate).toBe(false);
    await ctx.drainJobs();
    expect((await call('GET', `/api/v1/reports/${id}/pdf`, { token: alice, headers: { 'if-none-match': etag ?? '' } })).status).toBe(200);
  });

  it('serves all four reports as JSON, CSV and XLSX', async () => {
    await ctx.drainJobs();
    const ids: Record<string, string> = {};
    for (const type of ['trial-balance', 'income-statement', 'balance-sheet', 'general-ledger']) {
      const lookup = await call('GET', `/api/v1/organizations/${org}/reports?type=${type}&period=2026-10`, { token: alice });
      expect(lookup.json).toMatchObject({ type, status: 'ready', upToDate: true });
      ids[type] = lookup.json.id as string;
    }
    const income = (await call('GET', `/api/v1/reports/${ids['income-statement']}`, { token: alice })).json;
    // October: 1200.00 + 1.00 of service revenue (the 77.77 invoice and its reversal cancel out).
    expect(income).toMatchObject({ revenue: { total: '1201.00' }, expenses: { total: '0.00' }, netIncome: '1201.00' });
    const balance = (await call('GET', `/api/v1/reports/${ids['balance-sheet']}`, { token: alice })).json;
    expect(balance.totals).toEqual({ assets: '1206.00', liabilitiesAndEquity: '1206.00' });
    const ledger = (await call('GET', `/api/v1/reports/${ids['general-ledger']}`, { token: alice })).json as {
      accounts: { accountCode: string; opening: string; closing: string; lines: unknown[] }[];
    };
    expect(ledger.accounts.find((account) => account.accountCode === '1100')).toMatchObject({ opening: '5.00', closing: '1206.00' });

    const csv = await call('GET', `/api/v1/reports/${ids['trial-balance']}/csv`, { token: alice });
    expect(csv.type).toBe('text/csv; charset=utf-8');
    expect(csv.response.headers.get('content-disposition')).toContain("filename*=UTF-8''Acme%20Ltd%202026-10%20Trial%20balance.csv");
    const bytes = Buffer.from(await csv.response.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 BOM, for spreadsheet programs
    expect(bytes.subarray(3).toString('utf8').split('\r\n').slice(0, 2)).toEqual([
      'Row type,Code,Account,Debit,Credit',
      'normal,1100,Accounts receivable,1206.00,',
    ]);

    const xlsx = await call('GET', `/api/v1/reports/${ids['income-statement']}/xlsx`, { token: alice });
    expect(xlsx.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.response.arrayBuffer());
    const sheet = workbook.worksheets[0];
    const values: unknown[][] = [];
    sheet?.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    const netIncome = values.find((row) => row[1] === 'Net income');
    // Period, the same month a year earlier (no books then), year to date (with September's 5.00:
    // fiscal year from July), prior year to date.
    expect(netIncome?.slice(2)).toEqual([1201, 0, 1206, 0]);
    const netRow = sheet?.getRow(values.indexOf(netIncome ?? []) + 1);
    expect(netRow?.getCell(3).numFmt).toBe('#,##0.00;(#,##0.00);0.00');
    expect((await call('GET', `/api/v1/reports/${ids['income-statement']}/docx`, { token: alice })).status).toBe(404);
  });

  it('registers and builds a report for a period nobody asked for before', async () => {
    const first = await call('GET', `/api/v1/organizations/${org}/reports?type=trial-balance&period=2025-01`, { token: alice });
    expect(first.json).toMatchObject({ status: 'pending', upToDate: false });
    await ctx.drainJobs();
    const second = await call('GET', `/api/v1/organizations/${org}/reports?type=trial-balance&period=2025-01`, { token: alice });
    expect(second.json).toMatchObject({ status: 'ready', upToDate: true });
    expect((await call('GET', `/api/v1/reports/${second.json.id as string}`, { token: alice })).json.rows).toEqual([]);
  });

  it('keeps a report opened for a future month in step with later postings', async () => {
    const { addMonths, periodOfInstant } = await import('../../lib/domains/accounting/periods');
    const current = periodOfInstant(new Date());
    const ahead = addMonths(current, 2);
    const lookup = `/api/v1/organizations/${org}/reports?type=trial-balance&period=${ahead}`;
    const receivables = async () => {
      const status = (await call('GET', lookup, { token: alice })).json;
      const document = (await call('GET', `/api/v1/reports/${status.id as string}`, { token: alice })).json as {
        rows: { accountCode: string; debit: string }[];
      };
      return { upToDate: status.upToDate, debit: document.rows.find((row) => row.accountCode === '1100')?.debit };
    };
    await call('GET', lookup, { token: alice });
    await ctx.drainJobs();
    expect(await receivables()).toEqual({ upToDate: true, debit: '1206.00' });
    await call('POST', `/api/v1/organizations/${org}/journal-entries`, { token: alice, body: entry(`${current}-01`, '10.00') });
    expect((await call('GET', lookup, { token: alice })).json.upToDate).toBe(false);
    await ctx.drainJobs();
    expect(await receivables()).toEqual({ upToDate: true, debit: '1216.00' });
    // Too far ahead is refused rather than making every posting rebuild years of empty months.
    const tooFar = await call('GET', `/api/v1/organizations/${org}/reports?type=trial-balance&period=${addMonths(current, 13)}`, {
      token: alice,
    });
    expect([tooFar.status, tooFar.json.code]).toEqual([422, 'validation_failed']);
  });

  it('rejects bad lookups', async () => {
    expect((await call('GET', `/api/v1/organizations/${org}/reports?type=cash-flow&period=2026-10`, { token: alice })).json.code).toBe(
      'validation_failed',
    );
    expect((await call('GET', `/api/v1/organizations/${org}/reports?type=trial-balance&period=2026-1`, { token: alice })).json.code).toBe(
      'validation_failed',
    );
    expect((await call('GET', '/api/v1/reports/not-an-id', { token: alice })).status).toBe(404);
    expect((await call('GET', '/api/v1/reports/0123456789abcdef01234567/pdf', { token: alice })).status).toBe(404);
  });
});

describe('tenancy and roles', () => {
  it('a non-member gets 404 for everything of another organization', async () => {
    const lookup = await call('GET', `/api/v1/organizations/${org}/reports?type=trial-balance&period=2026-10`, { token: alice });
    const id = lookup.json.id as string;
    for (const result of [
      await call('GET', `/api/v1/organizations/${org}`, { token: bob }),
      await call('GET', `/api/v1/organizations/${org}/accounts`, { token: bob }),
      await call('POST', `/api/v1/organizations/${org}/journal-entries`, { token: bob, body: entry('2026-10-05', '1.00') }),
      await call('POST', `/api/v1/organizations/${org}/periods/2026-10/close`, { token: bob }),
      await call('GET', `/api/v1/organizations/${org}/reports?type=trial-balance&period=2026-10`, { token: bob }),
      await call('GET', `/api/v1/reports/${id}`, { token: bob }),
      await call('GET', `/api/v1/reports/${id}/pdf`, { token: bob }),
    ]) {
      expect([result.status, result.json.code]).toEqual([404, 'not_found']);
    }
    expect((await call('GET', '/api/v1/organizations', { token: bob })).json.organizations).toEqual([]);
  });

  it('a viewer reads and downloads but cannot post or close', async () => {
    const bobUser = await ctx.prisma.user.findUniqueOrThrow({ where: { email: 'bob@example.test' } });
    await ctx.prisma.membership.create({ data: { organizationId: org, userId: bobUser.id, role: 'viewer' } });
    const lookup = await call('GET', `/api/v1/organizations/${org}/reports?type=trial-balance&period=2026-10`, { token: bob });
    expect(lookup.status).toBe(200);
    expect((await call('GET', `/api/v1/reports/${lookup.json.id as string}/pdf`, { token: bob })).status).toBe(200);
    expect(
      (await call('POST', `/api/v1/organizations/${org}/journal-entries`, { token: bob, body: entry('2026-10-05', '1.00') })).json.code,
    ).toBe('forbidden');
    expect((await call('POST', `/api/v1/organizations/${org}/periods/2026-10/close`, { token: bob })).status).toBe(403);
    expect(
      (await call('POST', `/api/v1/organizations/${org}/accounts`, { token: bob, body: { code: '9000', name: 'x', type: 'asset' } }))
        .status,
    ).toBe(403);
  });
});

describe('openapi.json', () => {
  it('describes every route of the API', async () => {
    const { json } = await call('GET', '/api/v1/openapi.json');
    const paths = Object.keys(json.paths as object);
    for (const [, module] of API_ROUTES.filter(([, module]) => module !== 'openapi.json')) {
      expect(paths).toContain(`/${module.replaceAll('[', '{').replaceAll(']', '}')}`);
    }
  });
});
