import { describe, expect, it } from 'vitest';
import { accountLedgerHref, entryHref, parseReportPlace, reportQuery } from './drill-down';
import { buildBalanceSheet } from './projections/balance-sheet';
import { HISTORY, inputsFor } from './projections/fixtures';
import { buildIncomeStatement } from './projections/income-statement';
import { buildTrialBalance } from './projections/trial-balance';
import { reportTable } from './table';

describe('drill-down links', () => {
  it('a statement row opens its account ledger for the same period, naming the statement', () => {
    expect(accountLedgerHref('org-1', { period: '2026-10', account: '1000', origin: 'trial-balance' })).toBe(
      '/orgs/org-1/reports?period=2026-10&view=general-ledger&account=1000&origin=trial-balance',
    );
  });

  it('a ledger line opens its entry, carrying the ledger it came from', () => {
    expect(entryHref('org-1', 'e-1', { period: '2026-10', view: 'general-ledger', account: '1000', origin: 'balance-sheet' })).toBe(
      '/orgs/org-1/entries/e-1?period=2026-10&view=general-ledger&account=1000&origin=balance-sheet',
    );
    expect(entryHref('org-1', 'e-1', { period: '2026-10', view: 'general-ledger' })).toBe(
      '/orgs/org-1/entries/e-1?period=2026-10&view=general-ledger',
    );
  });

  it('only a general ledger carries an account and an origin', () => {
    expect(reportQuery({ period: '2026-10', view: 'trial-balance', account: '1000', origin: 'balance-sheet' })).toBe(
      '?period=2026-10&view=trial-balance',
    );
  });

  it('parses a place back, and refuses anything malformed rather than echoing it', () => {
    const place = { period: '2026-10', view: 'general-ledger', account: '1000', origin: 'income-statement' } as const;
    expect(parseReportPlace(place)).toEqual(place);
    expect(parseReportPlace({ period: '2026-10', view: 'trial-balance', account: 'x' })).toEqual({
      period: '2026-10',
      view: 'trial-balance',
    });
    expect(parseReportPlace({})).toBeNull();
    expect(parseReportPlace({ period: '2026-13', view: 'trial-balance' })).toBeNull();
    expect(parseReportPlace({ period: '2026-10', view: 'cash-flow' })).toBeNull();
    expect(parseReportPlace({ ...place, account: '//evil.example' })).toBeNull();
    expect(parseReportPlace({ ...place, origin: 'general-ledger' })).toBeNull();
  });
});

describe('statement rows name their account', () => {
  const inputs = inputsFor({ history: HISTORY, period: '2026-02', fiscalYearStartMonth: 1 });
  const linked = (rows: { cells: unknown[]; accountCode?: string }[]) =>
    rows.filter((row) => row.accountCode !== undefined).map((row) => [row.accountCode, row.cells[0]]);

  it('every account row of the trial balance, income statement and balance sheet, and no total', () => {
    for (const document of [buildTrialBalance(inputs), buildIncomeStatement(inputs), buildBalanceSheet(inputs)]) {
      const rows = reportTable(document).rows;
      const pairs = linked(rows);
      expect(pairs.length).toBeGreaterThan(0);
      // The code the link opens is the code the row shows.
      for (const [code, shown] of pairs) expect(code).toBe(shown);
      expect(rows.filter((row) => row.style !== 'normal').every((row) => row.accountCode === undefined)).toBe(true);
    }
  });
});
