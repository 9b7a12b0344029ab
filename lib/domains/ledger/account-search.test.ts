import { describe, expect, it } from 'vitest';
import { matchAccounts, resolveAccountCode, soleMatch } from './account-search';

const chart = [
  { code: '1000', name: 'Cash at bank' },
  { code: '1100', name: 'Accounts receivable' },
  { code: '2000', name: 'Accounts payable' },
  { code: '4000', name: 'Sales revenue' },
  { code: '4100', name: 'Service revenue' },
  { code: '6150', name: 'Software subscriptions' },
];
const codes = (typed: string) => matchAccounts(chart, typed).map((account) => account.code);

describe('matchAccounts', () => {
  it('matches a code prefix or a fragment of the name, case-insensitively', () => {
    expect(codes('41')).toEqual(['4100']);
    expect(codes('REVEN')).toEqual(['4000', '4100']);
    expect(codes('accounts')).toEqual(['1100', '2000']);
  });

  it('puts the exact code first, code matches before name matches', () => {
    expect(codes('1')).toEqual(['1000', '1100']);
    expect(matchAccounts([...chart, { code: '9000', name: 'Suspense 1' }], '1').map((a) => a.code)).toEqual(['1000', '1100', '9000']);
    expect(matchAccounts([{ code: '10', name: 'Short' }, ...chart], '10').map((a) => a.code)).toEqual(['10', '1000']);
  });

  it('offers everything for an empty field and nothing for an unknown one', () => {
    expect(codes('  ')).toHaveLength(chart.length);
    expect(codes('zzz')).toEqual([]);
  });

  it('a chosen label matches its own account', () => {
    expect(codes('1100 Accounts receivable')).toEqual(['1100']);
  });
});

describe('soleMatch (what Tab accepts)', () => {
  it('is the only match or the exact code', () => {
    expect(soleMatch(chart, 'softw')?.code).toBe('6150');
    expect(soleMatch(chart, '1000')?.code).toBe('1000');
    expect(soleMatch([{ code: '10', name: 'Short' }, ...chart], '10')?.code).toBe('10');
  });

  it('is nothing when the choice is ambiguous, unknown or empty', () => {
    expect(soleMatch(chart, 'revenue')).toBeUndefined();
    expect(soleMatch(chart, '1')).toBeUndefined();
    expect(soleMatch(chart, 'zzz')).toBeUndefined();
    expect(soleMatch(chart, '')).toBeUndefined();
  });
});

describe('resolveAccountCode (what the server is sent)', () => {
  it.each([
    ['1100 Accounts receivable', '1100'],
    ['1100', '1100'],
    ['service revenue', '4100'],
    [' 4000 ', '4000'],
    ['9999', '9999'],
    ['1100 Something else', '1100 Something else'],
  ])('%j → %j', (text, code) => {
    expect(resolveAccountCode(chart, text)).toBe(code);
  });
});
