// Comparatives (issue 13 item 4) end to end: the income statement's same month a year
// earlier and prior year to date, the balance sheet's prior fiscal year end, built by the
// workers from the same snapshot as the main figures; and kept correct when a posting is
// backdated into the comparative periods (the rebuild of "the changed month onward" reaches
// every statement whose comparative it feeds). Shown as columns in the CSV and XLSX.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BalanceSheetDocument, IncomeStatementDocument } from '../../lib/domains/reports/documents';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';

let ctx: TestContext;
let api: ApiClient;
let token: string;
let org: string;

const post = async (date: string, amount: string, debit = '1100', credit = '4000') => {
  const result = await api.call('POST', `/api/v1/organizations/${org}/journal-entries`, {
    token,
    body: {
      date,
      memo: `Entry ${date}`,
      lines: [
        { accountCode: debit, debit: amount },
        { accountCode: credit, credit: amount },
      ],
    },
  });
  expect(result.status, JSON.stringify(result.json)).toBe(201);
};

async function lookup(type: string, period: string): Promise<string> {
  const found = await api.call('GET', `/api/v1/organizations/${org}/reports?type=${type}&period=${period}`, { token });
  expect(found.json).toMatchObject({ status: 'ready', upToDate: true });
  return found.json.id as string;
}
const documentOf = async <T>(type: string, period: string) =>
  (await api.call('GET', `/api/v1/reports/${await lookup(type, period)}`, { token })).json as T;

beforeAll(async () => {
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  token = await api.tokenFor('comparatives');
  // Fiscal year from April: October 2025 is in FY 2025/26, whose previous year ended March 2025.
  const created = await api.call('POST', '/api/v1/organizations', {
    token,
    body: { name: 'Prior Year GmbH', baseCurrency: 'EUR', fiscalYearStartMonth: 4 },
  });
  org = created.json.id as string;
  await post('2024-05-10', '100.00'); // FY 2024/25, before October 2024
  await post('2024-10-10', '200.00'); // the same month a year before October 2025
  await post('2025-02-10', '50.00', '6100', '1000'); // rent, still FY 2024/25
  await post('2025-10-10', '1000.00');
  await ctx.drainJobs();
});

afterAll(async () => {
  await api.close();
  await ctx.close();
});

describe('comparatives', () => {
  it('income statement: October 2024 beside October 2025, and the prior year to date from April 2024', async () => {
    const income = await documentOf<IncomeStatementDocument>('income-statement', '2025-10');
    expect(income).toMatchObject({ netIncome: '1000.00', yearToDate: { netIncome: '1000.00' } });
    expect(income.comparative).toMatchObject({
      period: '2024-10',
      periodStart: '2024-10-01',
      periodEnd: '2024-10-31',
      revenue: { rows: [{ accountCode: '4000', amount: '200.00' }], total: '200.00' },
      netIncome: '200.00',
      structure: { grossProfit: '200.00', operatingProfit: '200.00' },
      yearToDate: { revenue: { total: '300.00' }, netIncome: '300.00' },
    });
  });

  it('balance sheet: the position at 31 March 2025, the end of the previous fiscal year', async () => {
    const balance = await documentOf<BalanceSheetDocument>('balance-sheet', '2025-10');
    expect(balance.comparative).toMatchObject({
      period: '2025-03',
      asOf: '2025-03-31',
      assets: { total: '250.00' }, // receivables 300.00, cash −50.00
      equity: { currentYearEarnings: '250.00', total: '250.00' },
      totals: { assets: '250.00', liabilitiesAndEquity: '250.00' },
      structure: { netCurrentAssets: '250.00', netAssets: '250.00' },
    });
    expect(balance.totals.assets).toBe('1250.00');
  });

  it('follows a posting backdated into last year: the comparatives that depend on it are rebuilt', async () => {
    const before = await documentOf<IncomeStatementDocument>('income-statement', '2025-10');
    // Into October 2024: the comparative month of October 2025, and inside FY 2024/25.
    await post('2024-10-20', '33.33');
    // Into the prior year's year to date only (not the comparative month) of November 2025.
    await post('2024-06-15', '7.00');
    const stale = await api.call('GET', `/api/v1/organizations/${org}/reports?type=income-statement&period=2025-10`, { token });
    expect(stale.json.upToDate).toBe(false);
    await ctx.drainJobs();
    const after = await documentOf<IncomeStatementDocument>('income-statement', '2025-10');
    expect(after.asOfSequence).toBeGreaterThan(before.asOfSequence);
    expect(after.netIncome).toBe('1000.00'); // October 2025 itself did not change
    expect(after.comparative?.netIncome).toBe('233.33');
    expect(after.comparative?.yearToDate.netIncome).toBe('340.33'); // 100 + 7 + 200 + 33.33
    const november = await documentOf<IncomeStatementDocument>('income-statement', '2025-11');
    expect(november.comparative).toMatchObject({ period: '2024-11', netIncome: '0.00', yearToDate: { netIncome: '340.33' } });
    // And every balance sheet whose prior year end (March 2025) is after the posting.
    const balance = await documentOf<BalanceSheetDocument>('balance-sheet', '2025-10');
    expect(balance.comparative?.totals.assets).toBe('290.33');
    expect(balance.comparative?.equity.currentYearEarnings).toBe('290.33');
  });

  it('adds the prior year columns to the CSV and XLSX', async () => {
    const id = await lookup('income-statement', '2025-10');
    const csv = await api.call('GET', `/api/v1/reports/${id}/csv`, { token });
    const lines = Buffer.from(await csv.response.arrayBuffer())
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(lines[0]).toBe('Row type,Code,Account,Period,Prior year,Year to date,Prior YTD');
    expect(lines).toContain('normal,4000,Sales revenue,1000.00,233.33,1000.00,340.33');
    expect(lines).toContain('subtotal,,Gross profit,1000.00,233.33,1000.00,340.33');
    expect(lines).toContain('total,,Net income,1000.00,233.33,1000.00,340.33');

    const balanceId = await lookup('balance-sheet', '2025-10');
    const xlsx = await api.call('GET', `/api/v1/reports/${balanceId}/xlsx`, { token });
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.response.arrayBuffer());
    const values: unknown[][] = [];
    workbook.worksheets[0]?.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
    expect(values).toContainEqual(['Code', 'Account', '31 October 2025', '31 March 2025']);
    expect(values.find((row) => row[1] === 'Net assets')?.slice(2)).toEqual([1290.33, 290.33]); // the backdated 40.33 is in both
    expect(values.find((row) => row[1] === 'Total assets')?.slice(2)).toEqual([1290.33, 290.33]); // the backdated 40.33 is in both
  });
});

describe('an income statement over several months as a file', () => {
  it('exports the composed range (quarter, year to date, custom) with its comparatives', async () => {
    await post('2025-08-05', '400.00');
    await ctx.drainJobs();
    for (const period of ['2025-08', '2025-09', '2025-10']) await lookup('income-statement', period);
    const url = `/api/v1/organizations/${org}/income-statement/csv?from=2025-08&to=2025-10`;
    const csv = await api.call('GET', url, { token });
    expect(csv.status).toBe(200);
    expect(csv.response.headers.get('content-disposition')).toContain(
      "filename*=UTF-8''Prior%20Year%20GmbH%202025-08%20to%202025-10%20Income%20statement.csv",
    );
    const lines = Buffer.from(await csv.response.arrayBuffer())
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    // August–October 2025 (400 + 1,000) against August–October 2024 (200 + 33.33); the year
    // to date is October's: April 2025 onward, and April 2024 onward a year earlier.
    expect(lines).toContain('total,,Net income,1400.00,233.33,1400.00,340.33');
    const etag = csv.response.headers.get('etag') ?? '';
    expect((await api.call('GET', url, { token, headers: { 'if-none-match': etag } })).status).toBe(304);
    // A posting into the range makes a new file.
    await post('2025-09-09', '1.00');
    await ctx.drainJobs();
    const changed = await api.call('GET', url, { token, headers: { 'if-none-match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.response.headers.get('etag')).not.toBe(etag);

    const pdf = await api.call('GET', `/api/v1/organizations/${org}/income-statement/pdf?from=2025-08&to=2025-10&paper=letter`, { token });
    expect(pdf.type).toBe('application/pdf');
    const { execFileSync } = await import('node:child_process');
    const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: Buffer.from(await pdf.response.arrayBuffer()) }).toString(
      'utf8',
    );
    expect(text).toContain('Income Statement for the three months ended 31 October 2025');
    expect(text).toMatch(/Net income\s+1,401\.00\s+233\.33\s+1,401\.00\s+340\.33/);
    expect(text).toContain('Prior year: 1 August 2024 to 31 October 2024');

    const malformed = await api.call('GET', `/api/v1/organizations/${org}/income-statement/csv?from=2025-8&to=2025-10`, { token });
    expect(malformed.status).toBe(422);
    expect(malformed.json).toMatchObject({ code: 'validation_failed', errors: [{ field: 'from' }] });
    const tooLong = await api.call('GET', `/api/v1/organizations/${org}/income-statement/csv?from=2024-01&to=2025-10`, { token });
    expect(tooLong.status).toBe(422);
  });
});
