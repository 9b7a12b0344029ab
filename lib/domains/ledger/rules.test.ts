import { describe, expect, it } from 'vitest';
import { AppError } from '../../errors';
import { assertPeriodOpen, checkEntryLines, resolveAccounts, type EntryLineInput } from './rules';

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return undefined;
}

const line = (accountCode: string, side: 'debit' | 'credit', amount: string): EntryLineInput => ({ accountCode, [side]: amount });

describe('checkEntryLines', () => {
  it.each<[string, EntryLineInput[], string | undefined]>([
    ['balanced two lines', [line('1000', 'debit', '100.00'), line('4000', 'credit', '100')], undefined],
    ['balanced 0.1 + 0.2 = 0.3', [line('1000', 'debit', '0.1'), line('1000', 'debit', '0.2'), line('4000', 'credit', '0.3')], undefined],
    ['off by one cent', [line('1000', 'debit', '100.00'), line('4000', 'credit', '99.99')], 'unbalanced_entry'],
    ['single line', [line('1000', 'debit', '1')], 'validation_failed'],
    ['three decimals', [line('1000', 'debit', '1.005'), line('4000', 'credit', '1.005')], 'validation_failed'],
    ['exponent', [line('1000', 'debit', '1e2'), line('4000', 'credit', '100')], 'validation_failed'],
    ['negative amount', [line('1000', 'debit', '-5'), line('4000', 'credit', '-5')], 'validation_failed'],
    ['zero line', [line('1000', 'debit', '0'), line('4000', 'credit', '0')], 'validation_failed'],
    ['both sides on one line', [{ accountCode: '1000', debit: '5', credit: '5' }, line('4000', 'credit', '0.01')], 'validation_failed'],
  ])('%s', (_name, lines, expected) => {
    expect(codeOf(() => checkEntryLines(lines))).toBe(expected);
  });

  it('returns minor units and reports the difference', () => {
    expect(checkEntryLines([line('1000', 'debit', '12.5'), line('4000', 'credit', '12.50')])).toEqual([
      { accountCode: '1000', debitMinor: 1250n, creditMinor: 0n, description: null },
      { accountCode: '4000', debitMinor: 0n, creditMinor: 1250n, description: null },
    ]);
    expect(() => checkEntryLines([line('1000', 'debit', '10'), line('4000', 'credit', '7.5')])).toThrow(/differ by 2.50/);
  });

  it('names the field of each bad amount', () => {
    try {
      checkEntryLines([line('1000', 'debit', 'abc'), line('4000', 'credit', '1')]);
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).fieldErrors.map((e) => e.field)).toEqual(['lines.0.debit']);
    }
  });
});

describe('resolveAccounts', () => {
  const accounts = new Map([
    ['1000', { id: 'a', code: '1000', isActive: true }],
    ['1999', { id: 'b', code: '1999', isActive: false }],
  ]);
  it('maps codes to ids', () => {
    expect(resolveAccounts([{ accountCode: '1000' }], accounts)).toEqual([{ accountCode: '1000', accountId: 'a' }]);
  });
  it('rejects unknown and inactive accounts', () => {
    expect(codeOf(() => resolveAccounts([{ accountCode: '9999' }], accounts))).toBe('unknown_account');
    expect(codeOf(() => resolveAccounts([{ accountCode: '1999' }], accounts))).toBe('inactive_account');
  });
});

describe('assertPeriodOpen', () => {
  it('accepts open and unknown (never closed) periods, rejects closed', () => {
    expect(codeOf(() => assertPeriodOpen('2026-01', 'open'))).toBeUndefined();
    expect(codeOf(() => assertPeriodOpen('2026-01', undefined))).toBeUndefined();
    expect(codeOf(() => assertPeriodOpen('2026-01', 'closed'))).toBe('period_closed');
  });
});
