// Damaged books (one side of a balance changed behind the ledger's back) make every builder
// refuse with the invariant_violated domain error rather than produce a wrong document.
import { describe, expect, it } from 'vitest';
import { isAppError } from '../../../errors';
import { buildBalanceSheet } from './balance-sheet';
import { HISTORY, inputsFor, type HistoryRow } from './fixtures';
import type { PeriodLine } from './inputs';
import { buildGeneralLedger } from './general-ledger';
import { buildTrialBalance } from './trial-balance';

const PERIOD = '2026-02';
// One cent more on receivables in February than the lines of February say.
const damaged: HistoryRow[] = [...HISTORY, { accountId: 'ar', period: PERIOD, debitMinor: 1n, creditMinor: 0n }];
const line = { date: '2026-02-10', sequence: 7n, entryId: 'e1', memo: 'Sale on credit', reference: null, description: null };
const februaryLines: PeriodLine[] = [
  { ...line, accountId: 'ar', lineNo: 1, debitMinor: 12_345n, creditMinor: 0n },
  { ...line, accountId: 'sales', lineNo: 2, debitMinor: 0n, creditMinor: 12_345n },
];

function errorCode(build: () => unknown): string | undefined {
  try {
    build();
  } catch (error) {
    return isAppError(error) ? error.code : 'not an AppError';
  }
  return undefined;
}

describe('builders on damaged books', () => {
  it('build normally from the intact history', () => {
    const inputs = inputsFor({ history: HISTORY, period: PERIOD, fiscalYearStartMonth: 1, lines: februaryLines });
    expect(errorCode(() => buildTrialBalance(inputs))).toBeUndefined();
    expect(errorCode(() => buildBalanceSheet(inputs))).toBeUndefined();
    expect(errorCode(() => buildGeneralLedger(inputs))).toBeUndefined();
  });

  it('refuse with invariant_violated: trial balance, balance sheet, general ledger', () => {
    const inputs = inputsFor({ history: damaged, period: PERIOD, fiscalYearStartMonth: 1, lines: februaryLines });
    expect(errorCode(() => buildTrialBalance(inputs))).toBe('invariant_violated');
    expect(errorCode(() => buildBalanceSheet(inputs))).toBe('invariant_violated');
    // No line of February explains the cent: receivables' lines do not reach its closing balance.
    expect(errorCode(() => buildGeneralLedger(inputs))).toBe('invariant_violated');
  });
});
