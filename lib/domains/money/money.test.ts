import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatAmountInput,
  formatForReport,
  formatMinor,
  NUMBER_FORMATS,
  numberFormatExample,
  parseAmount,
  parseSignedAmount,
  readAmountInput,
  sumMinor,
} from './money';

describe('parseAmount', () => {
  it.each([
    ['0', 0n],
    ['1', 100n],
    ['1.5', 150n],
    ['1.50', 150n],
    ['0.01', 1n],
    ['0.1', 10n],
    ['1234.56', 123456n],
    [' 12.30 ', 1230n],
    ['999999999999999.99', 99999999999999999n],
  ])('parses %j as %s minor units', (input, expected) => {
    expect(parseAmount(input)).toBe(expected);
  });

  it.each([
    '',
    '.5',
    '1.',
    '1.234',
    '1.005',
    '-1',
    '+1',
    '1e3',
    '1E2',
    '1,000.00',
    'abc',
    '0x10',
    'NaN',
    'Infinity',
    '1 000',
    '12.3.4',
    '1234567890123456',
  ])('rejects %j', (input) => {
    expect(() => parseAmount(input)).toThrow(/is not an amount/);
  });
});

describe('exact arithmetic', () => {
  it('does not fall into the 0.1 + 0.2 trap', () => {
    // In floats 0.1 + 0.2 === 0.30000000000000004; in minor units it is exactly 0.30.
    expect(0.1 + 0.2).not.toBe(0.3);
    expect(parseAmount('0.1') + parseAmount('0.2')).toBe(parseAmount('0.3'));
    expect(formatMinor(parseAmount('0.1') + parseAmount('0.2'))).toBe('0.30');
  });

  it('sums a thousand cents to exactly ten', () => {
    expect(formatMinor(sumMinor(Array.from({ length: 1000 }, () => parseAmount('0.01'))))).toBe('10.00');
  });

  it('keeps precision far beyond 2^53 minor units', () => {
    const big = parseAmount('999999999999999.99');
    expect(formatMinor(big + big)).toBe('1999999999999999.98');
  });
});

describe('formatMinor', () => {
  it.each([
    [0n, '0.00'],
    [1n, '0.01'],
    [10n, '0.10'],
    [100n, '1.00'],
    [-1n, '-0.01'],
    [-123456n, '-1234.56'],
  ])('formats %s as %j', (minor, expected) => {
    expect(formatMinor(minor)).toBe(expected);
    expect(parseSignedAmount(expected)).toBe(minor);
  });
});

describe('formatForReport', () => {
  it.each([
    [0n, '0.00'],
    [123456789n, '1,234,567.89'],
    [-123456789n, '(1,234,567.89)'],
    [-5n, '(0.05)'],
    [100000n, '1,000.00'],
  ])('formats %s as %j', (minor, expected) => {
    expect(formatForReport(minor)).toBe(expected);
  });

  it('can leave zero blank', () => {
    expect(formatForReport(0n, { blankZero: true })).toBe('');
  });
});

describe('formatForReport per number format', () => {
  it.each([
    ['en', 123456789n, '1,234,567.89'],
    ['de', 123456789n, '1.234.567,89'],
    ['pl', 7407360n, '74\u00a0073,60'],
    ['fr', -123456789n, '(1\u202f234\u202f567,89)'],
    ['ch', 123456n, "1'234.56"],
    ['de', 99n, '0,99'],
    ['pl', 100000n, '1\u00a0000,00'],
    ['ch', 999999999999999n, "9'999'999'999'999.99"],
  ] as const)('%s: %s → %j', (numberFormat, minor, expected) => {
    expect(formatForReport(minor, { numberFormat })).toBe(expected);
  });

  it('keeps every digit of amounts beyond float precision', () => {
    // 2^53 + 1 cents: a float would print ...992.
    expect(formatForReport(9_007_199_254_740_993n, { numberFormat: 'de' })).toBe('90.071.992.547.409,93');
  });

  it('labels each format with its own example', () => {
    expect(NUMBER_FORMATS.map(numberFormatExample)).toEqual(['1,234.56', '1.234,56', '1\u00a0234,56', '1\u202f234,56', "1'234.56"]);
  });
});

describe('readAmountInput (what a person types into an amount field)', () => {
  it.each([
    ['en', '1,234.50', 123450n],
    ['en', '1234.5', 123450n],
    ['en', '90', 9000n],
    ['en', ' 0.01 ', 1n],
    ['en', '1,234,567', 123456700n],
    ['en', '999,999,999,999,999.99', 99999999999999999n],
    ['de', '1.234,50', 123450n],
    ['de', '1234,5', 123450n],
    ['de', '1.234', 123400n],
    ['pl', '1 234,50', 123450n],
    ['pl', '1\u00a0234,50', 123450n],
    ['fr', '1\u202f234,50', 123450n],
    ['fr', '1 234', 123400n],
    ['ch', "1'234.50", 123450n],
    ['ch', '1\u2019234.50', 123450n],
  ] as const)('%s reads %j as %s minor units', (format, input, expected) => {
    expect(readAmountInput(input, format)).toEqual({ status: 'valid', minor: expected });
  });

  it.each([
    ['en', '1,2345'],
    ['en', '1,23.45'],
    ['en', ',123'],
    ['en', '1,234.'],
    ['en', '1.234'],
    ['en', '1.005'],
    ['en', '1,234,50'],
    ['en', '-5'],
    ['en', '+5'],
    ['en', '1e3'],
    ['en', '1 234.50'],
    ['en', '1234567890123456'],
    ['de', '12.5'],
    ['de', '1,234.50'],
    ['de', '1.234.5'],
    ['pl', '1,234.50'],
    ['ch', '1,234.50'],
    ['en', 'abc'],
  ] as const)('%s refuses %j rather than guess', (format, input) => {
    expect(readAmountInput(input, format)).toEqual({ status: 'invalid' });
  });

  it('tells blank apart from invalid', () => {
    expect(readAmountInput('   ')).toEqual({ status: 'blank' });
  });

  it('reads back what formatAmountInput writes, in every format, for any amount', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 99999999999999999n }), fc.constantFrom(...NUMBER_FORMATS), (minor, format) => {
        expect(readAmountInput(formatAmountInput(minor, format), format)).toEqual({ status: 'valid', minor });
      }),
    );
  });
});

describe('formatAmountInput (a field after editing)', () => {
  it.each([
    ['en', 9000n, '90.00'],
    ['en', 123450n, '1,234.50'],
    ['de', 123450n, '1.234,50'],
    ['pl', 123450n, '1\u00a0234,50'],
    ['en', 0n, '0.00'],
  ] as const)('%s writes %s as %j', (format, minor, expected) => {
    expect(formatAmountInput(minor, format)).toBe(expected);
  });
});
