import { describe, expect, it } from 'vitest';
import type { ReportInputs } from './inputs';
import { buildTrialBalance } from './trial-balance';

const accounts: ReportInputs['accounts'] = [
  { id: 'cash', code: '1000', name: 'Cash', type: 'asset', isRetainedEarnings: false },
  { id: 'ap', code: '2000', name: 'Accounts payable', type: 'liability', isRetainedEarnings: false },
  { id: 'capital', code: '3000', name: 'Share capital', type: 'equity', isRetainedEarnings: false },
  { id: 're', code: '3200', name: 'Retained earnings', type: 'equity', isRetainedEarnings: true },
  { id: 'sales', code: '4000', name: 'Sales', type: 'revenue', isRetainedEarnings: false },
  { id: 'rent', code: '6000', name: 'Rent', type: 'expense', isRetainedEarnings: false },
];

function inputs(period: string, fiscalYearStartMonth: number, balances: ReportInputs['balances']): ReportInputs {
  return {
    organization: { id: 'org', name: 'Łódź Sp. z o.o.', baseCurrency: 'PLN', fiscalYearStartMonth },
    period,
    periodClosed: false,
    accounts,
    balances,
    asOfSequence: 42n,
    builtAt: new Date('2026-11-26T12:00:00Z'),
  };
}

// Given: capital paid in (2025-01), a sale and rent in 2025-03 (fiscal year 2025 when the
// year starts in January), another sale in 2026-02.
const history: ReportInputs['balances'] = [
  { accountId: 'cash', period: '2025-01', debitMinor: 1_000_000n, creditMinor: 0n },
  { accountId: 'capital', period: '2025-01', debitMinor: 0n, creditMinor: 1_000_000n },
  { accountId: 'cash', period: '2025-03', debitMinor: 50_000n, creditMinor: 20_000n },
  { accountId: 'sales', period: '2025-03', debitMinor: 0n, creditMinor: 50_000n },
  { accountId: 'rent', period: '2025-03', debitMinor: 20_000n, creditMinor: 0n },
  { accountId: 'cash', period: '2026-02', debitMinor: 12_345n, creditMinor: 0n },
  { accountId: 'sales', period: '2026-02', debitMinor: 0n, creditMinor: 12_345n },
];

const rows = (period: string, fyStart: number) =>
  buildTrialBalance(inputs(period, fyStart, history)).rows.map((row) => [row.accountCode, row.debit, row.credit]);

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
    const document = buildTrialBalance(inputs('2026-02', 1, history));
    expect(document.rows.map((row) => [row.accountCode, row.debit, row.credit])).toEqual([
      ['1000', '10423.45', '0.00'],
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
