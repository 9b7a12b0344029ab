import { describe, expect, it } from 'vitest';
import { balancesByAccountCode, cashAtBank, chartScale, compareNetIncome, isCashAccount } from './dashboard';

describe('isCashAccount', () => {
  it.each([
    ['1000', 'Cash', true],
    ['1010', 'Operating account', true],
    ['1200', 'Bank – savings', true],
    ['1150', 'Petty cash', true],
    ['1100', 'Accounts receivable', false],
    ['1500', 'Cashews inventory', false],
  ])('%s %s → %s', (accountCode, accountName, expected) => {
    expect(isCashAccount({ accountCode, accountName })).toBe(expected);
  });
});

describe('cashAtBank', () => {
  it('sums the cash and bank asset rows exactly, overdrafts included', () => {
    const result = cashAtBank({
      assets: {
        rows: [
          { accountCode: '1000', accountName: 'Cash', amount: '1234.56' },
          { accountCode: '1010', accountName: 'Bank', amount: '-200.07' },
          { accountCode: '1100', accountName: 'Accounts receivable', amount: '999.99' },
        ],
        total: '2034.48',
      },
    });
    expect(result.totalMinor).toBe(103449n);
    expect(result.accounts.map((a) => a.accountCode)).toEqual(['1000', '1010']);
  });
});

describe('compareNetIncome', () => {
  it('gives the difference when both months are stored', () => {
    expect(compareNetIncome({ netIncome: '150.00' }, { netIncome: '-50.25' })).toEqual({
      currentMinor: 15000n,
      previousMinor: -5025n,
      differenceMinor: 20025n,
    });
  });
  it('has no difference when a month is missing', () => {
    expect(compareNetIncome(null, { netIncome: '10.00' }).differenceMinor).toBeNull();
  });
});

describe('balancesByAccountCode', () => {
  it('shows each balance in the normal direction of its type', () => {
    const balances = balancesByAccountCode({
      rows: [
        { accountCode: '1000', accountName: 'Cash', accountType: 'asset', debit: '500.00', credit: '0.00' },
        { accountCode: '2000', accountName: 'Payables', accountType: 'liability', debit: '0.00', credit: '300.00' },
        { accountCode: '4000', accountName: 'Sales', accountType: 'revenue', debit: '20.00', credit: '0.00' },
        { accountCode: '6000', accountName: 'Rent', accountType: 'expense', debit: '0.00', credit: '1.01' },
      ],
    });
    expect(Object.fromEntries(balances)).toEqual({ '1000': 50000n, '2000': 30000n, '4000': -2000n, '6000': -101n });
  });
});

describe('chartScale', () => {
  it('starts at zero when nothing is negative, and ends on a 1/2/5 × 10ⁿ step above the highest value', () => {
    expect(chartScale([6403149n, 1796127n, 4607022n])).toEqual({ low: 0n, high: 8000000n, step: 2000000n });
  });
  it('goes below zero only as far as the largest loss', () => {
    expect(chartScale([100000n, -15000n])).toEqual({ low: -50000n, high: 100000n, step: 50000n });
  });
  it('still has an axis when every value is zero', () => {
    expect(chartScale([0n, 0n])).toEqual({ low: 0n, high: 50n, step: 50n });
  });
});
