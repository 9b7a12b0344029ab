import { describe, expect, it } from 'vitest';
import { readinessWarnings } from './close-readiness';

const ready = { period: '2026-10', earlierOpen: [], entriesInPeriod: 12, suspenseBalances: [] };

describe('readinessWarnings', () => {
  it('has nothing to say about a month with entries, no earlier open month and a clear suspense account', () => {
    expect(readinessWarnings({ ...ready, suspenseBalances: [{ code: '9999', name: 'Suspense', balanceMinor: 0n }] })).toEqual([]);
  });

  it('names a suspense balance with its side, exactly (minor units)', () => {
    const warnings = readinessWarnings({
      ...ready,
      suspenseBalances: [
        { code: '9999', name: 'Suspense', balanceMinor: 12_050n },
        { code: '9998', name: 'Uncategorised', balanceMinor: -1n },
      ],
    });
    expect(warnings.map((warning) => warning.message)).toEqual([
      '9999 Suspense holds 120.50 debit at the end of 2026-10',
      '9998 Uncategorised holds 0.01 credit at the end of 2026-10',
    ]);
  });

  it('lists earlier open months, shortened when there are many', () => {
    expect(readinessWarnings({ ...ready, earlierOpen: ['2026-09'] })[0]?.message).toBe('1 earlier month still open (2026-09)');
    expect(readinessWarnings({ ...ready, earlierOpen: ['2026-05', '2026-06', '2026-07', '2026-09'] })[0]?.message).toBe(
      '4 earlier months still open (2026-05, 2026-06 … 2026-09)',
    );
  });

  it('flags an empty month', () => {
    expect(readinessWarnings({ ...ready, entriesInPeriod: 0 })).toEqual([{ code: 'empty_period', message: 'No entries dated in 2026-10' }]);
  });
});
