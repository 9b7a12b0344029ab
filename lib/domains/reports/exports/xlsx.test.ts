import { describe, expect, it } from 'vitest';
import { spreadsheetAmount } from './xlsx';

describe('spreadsheetAmount', () => {
  it.each([
    ['0.00', 0],
    ['1234.50', 1234.5],
    ['-0.01', -0.01],
    ['9999999999999.99', 9999999999999.99],
    ['-9999999999999.99', -9999999999999.99],
  ])('%s is a number cell that shows the same amount to the cent', (amount, expected) => {
    const cell = spreadsheetAmount(amount);
    expect(cell).toBe(expected);
    expect((cell as number).toFixed(2)).toBe(amount);
  });

  it.each(['10000000000000.00', '90071992547409.93', '-92233720368547758.07', '123456789012345678901234.56'])(
    '%s (more than 15 digits) stays text rather than losing cents',
    (amount) => {
      expect(spreadsheetAmount(amount)).toBe(amount);
    },
  );
});
