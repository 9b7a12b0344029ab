import { describe, expect, it } from 'vitest';
import { safeFileName } from './file-names';

describe('safeFileName', () => {
  it.each([
    ['Acme Ltd', 'Acme Ltd'],
    ['Łódź Sp. z o.o.', 'Łódź Sp. z o.o.'],
    ['Bistro / Café "Łódź"', 'Bistro Café Łódź'],
    ['a\\b:c*d?e<f>g|h', 'a b c d e f g h'],
    ['tab\there\nnewline', 'tab here newline'],
    ['..hidden', 'hidden'],
    ['   ', 'Organization'],
    ['x'.repeat(200), 'x'.repeat(120)],
  ])('%j → %j', (input, expected) => {
    expect(safeFileName(input)).toBe(expected);
  });
});
