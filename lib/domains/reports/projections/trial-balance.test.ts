import { describe, expect, it } from 'vitest';
import { HISTORY, inputsFor } from './fixtures';
import { buildTrialBalance } from './trial-balance';

const rows = (period: string, fiscalYearStartMonth: number) =>
  buildTrialBalance(inputsFor({ history: HISTORY, period, fiscalYearStartMonth })).rows.map((row) => [
    row.accountCode,
    row.debit,
    row.credit,
  ]);

describe('buildTrialBalance', () => {
  it('shows year-to-date income accounts inside the first fiscal year', () => {
    expect(rows('2025-12', 1)).toEqual([
      ['1000', '10300.00', '0.00'],
      ['3000', '0.00', '10000.00'],
      ['4000', '0.00', '500.00'],
      ['6000', '200.00', '0.00'],
    ]);
  });

  it('rolls earlier fiscal years into retained earnings (calendar year)', () => {
    const document = buildTrialBalance(inputsFor({ history: HISTORY, period: '2026-02', fiscalYearStartMonth: 1 }));
    expect(document.rows.map((row) => [row.accountCode, row.debit, row.credit])).toEqual([
      ['1000', '10300.00', '0.00'],
      ['1100', '123.45', '0.00'],
      ['3000', '0.00', '10000.00'],
      ['3200', '0.00', '300.00'],
      ['4000', '0.00', '123.45'],
    ]);
    expect(document.totals).toEqual({ debit: '10423.45', credit: '10423.45' });
    expect(document).toMatchObject({ period: '2026-02', fiscalYearStart: '2026-01', asOfSequence: 42, currency: 'PLN' });
  });

  it('uses a fiscal year starting in April', () => {
    // Fiscal year April 2024 – March 2025 contains the 2025-03 activity, so by 2025-04 it is retained.
    expect(rows('2025-03', 4)).toEqual([
      ['1000', '10300.00', '0.00'],
      ['3000', '0.00', '10000.00'],
      ['4000', '0.00', '500.00'],
      ['6000', '200.00', '0.00'],
    ]);
    expect(rows('2025-04', 4)).toEqual([
      ['1000', '10300.00', '0.00'],
      ['3000', '0.00', '10000.00'],
      ['3200', '0.00', '300.00'],
    ]);
  });

  it('ignores activity after the period and is empty before any', () => {
    expect(rows('2025-02', 1)).toEqual([
      ['1000', '10000.00', '0.00'],
      ['3000', '0.00', '10000.00'],
    ]);
    expect(rows('2024-12', 1)).toEqual([]);
  });
});
