// Changes since issued, given/when/then on built documents: which accounts moved, by how
// much, and which postings explain each figure (current year earnings and retained
// earnings are explained by the revenue and expense postings that roll into them).
import { describe, expect, it } from 'vitest';
import { buildBalanceSheet } from './projections/balance-sheet';
import { HISTORY, inputsFor } from './projections/fixtures';
import { buildTrialBalance } from './projections/trial-balance';
import { CURRENT_YEAR_EARNINGS, reportChanges, type EntryLineAfter } from './changes';

const entry = (sequence: number, date: string) => ({
  id: `e${sequence}`,
  sequence,
  date,
  memo: `Entry ${sequence}`,
  createdAt: '2026-11-26T12:00:00.000Z',
});

describe('reportChanges', () => {
  const issued = inputsFor({ history: HISTORY, period: '2026-02', fiscalYearStartMonth: 1 });
  // Then: a sale on credit dated in February, and a sale dated in the previous fiscal year.
  const later = inputsFor({
    history: [
      ...HISTORY,
      { accountId: 'ar', period: '2026-02', debitMinor: 1_250n, creditMinor: 0n },
      { accountId: 'sales', period: '2026-02', debitMinor: 0n, creditMinor: 1_250n },
      { accountId: 'cash', period: '2025-07', debitMinor: 500n, creditMinor: 0n },
      { accountId: 'sales', period: '2025-07', debitMinor: 0n, creditMinor: 500n },
    ],
    period: '2026-02',
    fiscalYearStartMonth: 1,
  });
  const lines: EntryLineAfter[] = [
    { accountCode: '1100', accountType: 'asset', entry: entry(50, '2026-02-10') },
    { accountCode: '4000', accountType: 'revenue', entry: entry(50, '2026-02-10') },
    { accountCode: '1000', accountType: 'asset', entry: entry(51, '2025-07-01') },
    { accountCode: '4000', accountType: 'revenue', entry: entry(51, '2025-07-01') },
  ];

  it('lists nothing when nothing moved', () => {
    const document = buildTrialBalance(issued);
    expect(
      reportChanges({ snapshotId: 's', snapshot: document, live: document, linesAfter: [], retainedEarningsCode: '3200' }).accounts,
    ).toEqual([]);
  });

  it('trial balance: each moved account with issued, live and difference (debit − credit) and its postings', () => {
    const snapshot = buildTrialBalance(issued);
    const live = { ...buildTrialBalance(later), asOfSequence: 51 };
    const changes = reportChanges({ snapshotId: 's', snapshot, live, linesAfter: lines, retainedEarningsCode: '3200' });
    const byCode = new Map(changes.accounts.map((account) => [account.accountCode, account]));
    expect(byCode.get('1100')?.difference).toBe('12.50');
    expect(byCode.get('1100')?.entries.map((e) => e.sequence)).toEqual([50]);
    expect(byCode.get('4000')?.difference).toBe('-12.50'); // revenue this fiscal year only: the 2025 sale rolled into retained earnings
    expect(byCode.get('1000')?.difference).toBe('5.00');
    expect(byCode.get('3200')?.difference).toBe('-5.00');
    expect(byCode.get('3200')?.entries.map((e) => e.sequence)).toEqual([51]);
    expect(changes).toMatchObject({ snapshotAsOf: 42, liveAsOf: 51, type: 'trial-balance' });
  });

  it('balance sheet: current year earnings explained by this fiscal year’s revenue and expense postings', () => {
    const changes = reportChanges({
      snapshotId: 's',
      snapshot: buildBalanceSheet(issued),
      live: buildBalanceSheet(later),
      linesAfter: lines,
      retainedEarningsCode: '3200',
    });
    const earnings = changes.accounts.find((account) => account.accountCode === CURRENT_YEAR_EARNINGS);
    expect(earnings).toMatchObject({ difference: '12.50', entries: [expect.objectContaining({ sequence: 50 })] });
  });
});
