import { describe, expect, it } from 'vitest';
import { runFingerprint, startRunInput } from './start';

const A = '11111111-1111-4111-8111-111111111111';
const B = '22222222-2222-4222-8222-222222222222';

describe('runFingerprint', () => {
  it('is the same run whatever the order of organizations and types', () => {
    expect(runFingerprint('2026-10', [A, B], ['trial-balance', 'balance-sheet'])).toBe(
      runFingerprint('2026-10', [B, A], ['balance-sheet', 'trial-balance']),
    );
  });

  it('differs by period, organizations and types', () => {
    const base = runFingerprint('2026-10', [A, B], ['trial-balance']);
    expect(runFingerprint('2026-09', [A, B], ['trial-balance'])).not.toBe(base);
    expect(runFingerprint('2026-10', [A], ['trial-balance'])).not.toBe(base);
    expect(runFingerprint('2026-10', [A, B], ['trial-balance', 'general-ledger'])).not.toBe(base);
  });
});

describe('startRunInput', () => {
  it.each([
    [{ period: '2026-10' }, true],
    [{ period: '2026-10', organizationIds: [A], types: ['general-ledger'], closePeriod: true }, true],
    [{ period: '2026-13' }, false],
    [{ period: '2026-10', organizationIds: [] }, false],
    [{ period: '2026-10', organizationIds: ['not-a-uuid'] }, false],
    [{ period: '2026-10', types: ['cash-flow'] }, false],
    [{ period: '2026-10', types: [] }, false],
    [{ period: '2026-10', closePeriod: 'yes' }, false],
    [{ period: '2026-10', extra: 1 }, false],
  ])('%j → valid: %s', (input, valid) => {
    expect(startRunInput.safeParse(input).success).toBe(valid);
  });
});
