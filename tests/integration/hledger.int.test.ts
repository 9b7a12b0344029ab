// Every report's numbers against an independent accounting engine. Random but valid
// journals (three organizations with fiscal years starting in January, April and July,
// three calendar years, entries posted out of date order, reversals, closed and reopened
// periods) go in through the public API; the same journal, written from the generated
// input, goes to hledger; the documents the workers built must agree with hledger to the
// cent — the comparatives (the same month a year earlier, the prior fiscal year end) and the
// structure's profit lines too. Finally reports:verify must find no difference.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths, comparativePeriods, fiscalYearStart, periodBounds, periodRange } from '../../lib/domains/accounting/periods';
import type { AccountType } from '../../lib/domains/accounting/account-types';
import { formatMinor, parseSignedAmount, type Minor } from '../../lib/domains/money/money';
import type {
  BalanceSheetDocument,
  GeneralLedgerDocument,
  IncomeStatementDocument,
  TrialBalanceDocument,
} from '../../lib/domains/reports/documents';
import { REPORT_TYPES } from '../../lib/domains/reports/types';
import { rebuildAllReports, verifyReports } from '../../lib/domains/reports/commands/verify-reports';
import { createApiClient, type ApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';
import {
  dateIn,
  FIRST,
  hasHledger,
  hledgerBalances,
  hledgerJournal,
  hledgerPostings,
  LAST,
  nonZero,
  randomEntry,
  sum,
  type Entry,
  SUBTYPE_OF,
  TYPE_OF,
} from '../helpers/hledger';
import { seededRandom as random } from '../../lib/domains/demo/random';

let ctx: TestContext;
let api: ApiClient;
let token: string;
const ORGANIZATIONS = [
  { name: 'Calendar Year Ltd', fiscalYearStartMonth: 1, seed: 101 },
  { name: 'April Year Sp. z o.o.', fiscalYearStartMonth: 4, seed: 202 },
  { name: 'July Year Inc', fiscalYearStartMonth: 7, seed: 303 },
];
const books: { id: string; fiscalYearStartMonth: number; journalFile: string; seed: number }[] = [];

beforeAll(async () => {
  if (!hasHledger) return;
  ctx = await createTestContext();
  api = await createApiClient(ctx);
  token = await api.tokenFor('hledger');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'closebook-hledger-'));
  for (const organization of ORGANIZATIONS) {
    const next = random(organization.seed);
    const created = await api.call('POST', '/api/v1/organizations', {
      token,
      body: { name: organization.name, baseCurrency: 'EUR', fiscalYearStartMonth: organization.fiscalYearStartMonth },
    });
    const id = created.json.id as string;
    const base = `/api/v1/organizations/${id}`;
    const journal: Entry[] = [];
    const posted: { id: string; entry: Entry }[] = [];
    // Posted in generation order, which is not date order: most entries are backdated.
    for (let index = 0; index < 70; index++) {
      const entry = randomEntry(next, index);
      const result = await api.call('POST', `${base}/journal-entries`, { token, body: entry });
      expect(result.status, JSON.stringify(result.json)).toBe(201);
      journal.push(entry);
      posted.push({ id: result.json.id as string, entry });
    }
    // Reversals, dated on or after the original.
    for (const { id: entryId, entry } of posted.slice(0, 8)) {
      const date = dateIn(next, entry.date.slice(0, 7), LAST);
      const reversalDate = date < entry.date ? entry.date : date;
      const result = await api.call('POST', `${base}/journal-entries/${entryId}/reversal`, { token, body: { date: reversalDate } });
      expect(result.status, JSON.stringify(result.json)).toBe(201);
      journal.push({
        date: reversalDate,
        memo: `Reversal of ${entry.memo}`,
        lines: entry.lines.map((line) => ({
          accountCode: line.accountCode,
          ...(line.debit ? { credit: line.debit } : { debit: line.credit }),
        })),
      });
    }
    // Closed periods refuse postings and reversals into them; a reopened one accepts again.
    for (const period of ['2024-01', '2024-02', '2024-03']) {
      expect((await api.call('POST', `${base}/periods/${period}/close`, { token })).status).toBe(200);
    }
    const refused = await api.call('POST', `${base}/journal-entries`, { token, body: { ...randomEntry(next, 999), date: '2024-02-14' } });
    expect(refused.json.code).toBe('period_closed');
    const reversalRefused = await api.call('POST', `${base}/journal-entries/${posted[10]?.id ?? ''}/reversal`, {
      token,
      body: { date: '2024-03-31' },
    });
    expect(reversalRefused.json.code === 'period_closed' || reversalRefused.json.code === 'validation_failed').toBe(true);
    expect((await api.call('POST', `${base}/periods/2024-03/reopen`, { token })).status).toBe(200);
    const late = { ...randomEntry(next, 1000), date: '2024-03-15' };
    expect((await api.call('POST', `${base}/journal-entries`, { token, body: late })).status).toBe(201);
    journal.push(late);

    const journalFile = path.join(dir, `${organization.seed}.journal`);
    writeFileSync(journalFile, hledgerJournal(journal));
    books.push({ id, fiscalYearStartMonth: organization.fiscalYearStartMonth, journalFile, seed: organization.seed });
  }
  await ctx.drainJobs();
}, 300_000);

afterAll(async () => {
  if (!hasHledger) return;
  await api.close();
  await ctx.close();
});

/**
 * hledger's figures for a period, by the rules of DESIGN.md: the expected trial balance
 * (debit-positive: balance-sheet accounts cumulative, income accounts fiscal year to date,
 * earlier years' results in retained earnings), the year to date and the period's activity.
 */
function hledgerFigures(book: { journalFile: string; fiscalYearStartMonth: number }, period: string) {
  const fyStart = fiscalYearStart(period, book.fiscalYearStartMonth);
  const start = periodBounds(period).start;
  const end = periodBounds(addMonths(period, 1)).start; // hledger's -e is exclusive
  const fyStartDate = periodBounds(fyStart).start;
  const cumulative = hledgerBalances(book.journalFile, ['-e', end]);
  const yearToDate = hledgerBalances(book.journalFile, ['-b', fyStartDate, '-e', end, 'revenues', 'expenses']);
  const inPeriod = hledgerBalances(book.journalFile, ['-b', start, '-e', end, 'revenues', 'expenses']);
  const priorYears = sum(hledgerBalances(book.journalFile, ['-e', fyStartDate, 'revenues', 'expenses']).values());
  const expected = new Map<string, Minor>();
  for (const [code, value] of cumulative) {
    const type = TYPE_OF.get(code);
    if (type === 'asset' || type === 'liability' || type === 'equity') expected.set(code, value);
  }
  for (const [code, value] of yearToDate) expected.set(code, value);
  expected.set('3200', (expected.get('3200') ?? 0n) + priorYears);
  return { start, end, expected, yearToDate, inPeriod };
}

async function documentOf<T>(organizationId: string, type: string, period: string): Promise<T> {
  const lookupPath = `/api/v1/organizations/${organizationId}/reports?type=${type}&period=${period}`;
  let lookup = await api.call('GET', lookupPath, { token });
  // A period no posting registered (a write registers its own period and the newest 24 up to
  // the current month, so which ones depends on today's date) is queued by this first
  // lookup ("pending"), as the API says: build it and look again.
  if (lookup.json.status === 'pending') {
    await ctx.drainJobs();
    lookup = await api.call('GET', lookupPath, { token });
  }
  expect(lookup.json, `${type} ${period}`).toMatchObject({ status: 'ready', upToDate: true });
  return (await api.call('GET', `/api/v1/reports/${lookup.json.id as string}`, { token })).json as T;
}

describe.skipIf(!hasHledger)('reports agree with hledger', () => {
  it('for every fiscal-year boundary and a sample of other periods', async () => {
    let compared = 0;
    for (const book of books) {
      const next = random(book.seed + 1);
      const periods = new Set<string>([LAST, addMonths(LAST, 1)]);
      for (const period of periodRange(FIRST, LAST)) {
        if (fiscalYearStart(period, book.fiscalYearStartMonth) === period) {
          periods.add(period);
          periods.add(addMonths(period, -1) < FIRST ? period : addMonths(period, -1));
        } else if (next() < 0.3) periods.add(period);
      }
      // hledger's figures per period (memoised: the comparatives ask for periods the loop visits too).
      const figures = new Map<string, ReturnType<typeof hledgerFigures>>();
      const figuresAt = (period: string) => {
        const known = figures.get(period) ?? hledgerFigures(book, period);
        figures.set(period, known);
        return known;
      };
      for (const period of periods) {
        const { start, end, expected, yearToDate, inPeriod } = figuresAt(period);

        const trialBalance = await documentOf<TrialBalanceDocument>(book.id, 'trial-balance', period);
        const actual = new Map(
          trialBalance.rows.map((row) => [row.accountCode, parseSignedAmount(row.debit) - parseSignedAmount(row.credit)]),
        );
        expect(actual, `trial balance ${period}`).toEqual(nonZero(expected));
        expect(trialBalance.totals.debit).toBe(trialBalance.totals.credit);

        const income = await documentOf<IncomeStatementDocument>(book.id, 'income-statement', period);
        const shown = (rows: { accountCode: string; amount: string }[], sign: Minor) =>
          nonZero(new Map(rows.map((row) => [row.accountCode, sign * parseSignedAmount(row.amount)])));
        const ofType = (map: Map<string, Minor>, type: AccountType) =>
          nonZero(new Map([...map].filter(([code]) => TYPE_OF.get(code) === type)));
        expect(shown(income.revenue.rows, -1n), `revenue ${period}`).toEqual(ofType(inPeriod, 'revenue'));
        expect(shown(income.expenses.rows, 1n), `expenses ${period}`).toEqual(ofType(inPeriod, 'expense'));
        expect(shown(income.yearToDate.revenue.rows, -1n), `revenue YTD ${period}`).toEqual(ofType(yearToDate, 'revenue'));
        expect(shown(income.yearToDate.expenses.rows, 1n), `expenses YTD ${period}`).toEqual(ofType(yearToDate, 'expense'));
        expect(income.netIncome).toBe(formatMinor(-sum(inPeriod.values())));
        expect(income.yearToDate.netIncome).toBe(formatMinor(-sum(yearToDate.values())));

        const balanceSheet = await documentOf<BalanceSheetDocument>(book.id, 'balance-sheet', period);
        expect(shown(balanceSheet.assets.rows, 1n), `assets ${period}`).toEqual(ofType(expected, 'asset'));
        expect(shown(balanceSheet.liabilities.rows, -1n), `liabilities ${period}`).toEqual(ofType(expected, 'liability'));
        expect(shown(balanceSheet.equity.rows, -1n), `equity ${period}`).toEqual(ofType(expected, 'equity'));
        expect(balanceSheet.equity.currentYearEarnings).toBe(formatMinor(-sum(yearToDate.values())));
        expect(balanceSheet.totals.assets).toBe(balanceSheet.totals.liabilitiesAndEquity);

        // The structure by sub-type adds up to the same totals (issue 15 item 5).
        const bySubtype = (map: Map<string, Minor>, subtype: string) =>
          sum([...map].filter(([code]) => SUBTYPE_OF.get(code) === subtype).map(([, value]) => value));
        const grossProfit = -bySubtype(inPeriod, 'revenue') - bySubtype(inPeriod, 'cost-of-sales');
        expect(income.structure?.grossProfit, `gross profit ${period}`).toBe(formatMinor(grossProfit));
        expect(income.structure?.operatingProfit, `operating profit ${period}`).toBe(
          formatMinor(grossProfit - bySubtype(inPeriod, 'operating-expense')),
        );
        expect(balanceSheet.structure?.netCurrentAssets, `net current assets ${period}`).toBe(
          formatMinor(bySubtype(expected, 'current-asset') + bySubtype(expected, 'current-liability')),
        );
        expect(balanceSheet.structure?.netAssets).toBe(balanceSheet.equity.total);

        // Comparatives (issue 13 item 4): the same month a year earlier and its year to date,
        // and the balance sheet at the previous fiscal year end, against hledger for those periods.
        const { samePeriodLastYear, priorYearEnd } = comparativePeriods(period, book.fiscalYearStartMonth);
        const prior = figuresAt(samePeriodLastYear);
        const comparative = income.comparative;
        expect(comparative?.period).toBe(samePeriodLastYear);
        expect(shown(comparative?.revenue.rows ?? [], -1n), `prior revenue ${period}`).toEqual(ofType(prior.inPeriod, 'revenue'));
        expect(shown(comparative?.expenses.rows ?? [], 1n), `prior expenses ${period}`).toEqual(ofType(prior.inPeriod, 'expense'));
        expect(shown(comparative?.yearToDate.revenue.rows ?? [], -1n), `prior revenue YTD ${period}`).toEqual(
          ofType(prior.yearToDate, 'revenue'),
        );
        expect(shown(comparative?.yearToDate.expenses.rows ?? [], 1n), `prior expenses YTD ${period}`).toEqual(
          ofType(prior.yearToDate, 'expense'),
        );
        expect(comparative?.netIncome).toBe(formatMinor(-sum(prior.inPeriod.values())));
        expect(comparative?.yearToDate.netIncome).toBe(formatMinor(-sum(prior.yearToDate.values())));
        const yearEnd = figuresAt(priorYearEnd);
        const priorPosition = balanceSheet.comparative;
        expect([priorPosition?.period, priorPosition?.asOf]).toEqual([priorYearEnd, periodBounds(priorYearEnd).end]);
        expect(shown(priorPosition?.assets.rows ?? [], 1n), `prior assets ${period}`).toEqual(ofType(yearEnd.expected, 'asset'));
        expect(shown(priorPosition?.liabilities.rows ?? [], -1n), `prior liabilities ${period}`).toEqual(
          ofType(yearEnd.expected, 'liability'),
        );
        expect(shown(priorPosition?.equity.rows ?? [], -1n), `prior equity ${period}`).toEqual(ofType(yearEnd.expected, 'equity'));
        expect(priorPosition?.equity.currentYearEarnings).toBe(formatMinor(-sum(yearEnd.yearToDate.values())));
        expect(priorPosition?.totals.assets).toBe(priorPosition?.totals.liabilitiesAndEquity);

        const ledger = await documentOf<GeneralLedgerDocument>(book.id, 'general-ledger', period);
        const postings = hledgerPostings(book.journalFile, start, end);
        expect(new Set(ledger.accounts.map((account) => account.accountCode)), `ledger accounts ${period}`).toEqual(
          new Set(postings.keys()),
        );
        for (const account of ledger.accounts) {
          const expectedPostings = postings.get(account.accountCode);
          expect([account.lines.length, account.totals.debit, account.totals.credit]).toEqual([
            expectedPostings?.count,
            formatMinor(expectedPostings?.debit ?? 0n),
            formatMinor(expectedPostings?.credit ?? 0n),
          ]);
          const sign = account.balanceDirection === 'debit' ? 1n : -1n;
          expect(account.closing, `closing ${account.accountCode} ${period}`).toBe(
            formatMinor(sign * (expected.get(account.accountCode) ?? 0n)),
          );
        }
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(30);
  }, 300_000);

  it('reports:verify finds no difference between MongoDB and the journal', async () => {
    // One posting registers at most 100 reports (the entry's own month and the latest 24):
    // a month between a backdated entry and those is registered when first opened. Open
    // every month of every organization first, as the accountant's reports page would.
    for (const book of books) {
      for (const period of periodRange(FIRST, LAST)) {
        for (const type of REPORT_TYPES) {
          const lookup = await api.call('GET', `/api/v1/organizations/${book.id}/reports?type=${type}&period=${period}`, { token });
          expect(lookup.status).toBe(200);
        }
      }
    }
    await ctx.drainJobs();
    const { checked, differences } = await verifyReports({ prisma: ctx.prisma, db: ctx.db });
    expect(differences).toEqual([]);
    // Every month from the first entry to now, four reports, three organizations.
    expect(checked).toBeGreaterThanOrEqual(3 * 4 * periodRange(FIRST, LAST).length);
  }, 300_000);

  it('reports:rebuild drops the read side and brings back identical documents', async () => {
    const { reportsCollection } = await import('../../lib/domains/reports/store');
    const before = await reportsCollection(ctx.db).countDocuments();
    const rebuilt = await rebuildAllReports({ prisma: ctx.prisma, db: ctx.db });
    expect(rebuilt).toBe(before);
    expect(await reportsCollection(ctx.db).countDocuments()).toBe(before);
    expect((await verifyReports({ prisma: ctx.prisma, db: ctx.db })).differences).toEqual([]);
  }, 300_000);
});
