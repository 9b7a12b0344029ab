import { describe, expect, it } from 'vitest';
import { catchUpCursor, catchUpReportsPayload, MAX_REPORTS_PER_SCHEDULE } from './report-jobs';

const ORG = '0b6f1c1e-3c0a-4d5e-9f51-2a7d8c9e0f11';
const OTHER = '7d1e2f3a-4b5c-4d6e-8f70-8192a3b4c5d6';

describe('the bound on one schedule', () => {
  it('is 25 periods of the 4 reports', () => {
    expect(MAX_REPORTS_PER_SCHEDULE).toBe(100);
  });
});

describe('catchUpCursor: where a coalesced catch-up job starts', () => {
  it.each([
    ['a single request from the newest', [null], null],
    ['a continuation', [{ period: '2010-06', type: 'trial-balance' }], { period: '2010-06', type: 'trial-balance' }],
    // A write queued "from the newest" while a continuation was pending: the newest wins.
    ['a continuation merged with a new request', [{ period: '2010-06', type: 'trial-balance' }, null], null],
    [
      'two continuations: the later start covers both',
      [
        { period: '2010-06', type: 'balance-sheet' },
        { period: '2011-01', type: 'balance-sheet' },
        { period: '2010-06', type: 'trial-balance' },
      ],
      { period: '2011-01', type: 'balance-sheet' },
    ],
    [
      'same period: types in PostgreSQL order',
      [
        { period: '2010-06', type: 'income-statement' },
        { period: '2010-06', type: 'general-ledger' },
      ],
      { period: '2010-06', type: 'income-statement' },
    ],
  ] as const)('%s', (_name, befores, expected) => {
    const payload = catchUpReportsPayload.parse(befores.map((before) => ({ organizationId: ORG, before })));
    expect(catchUpCursor(payload)).toEqual(expected);
  });

  it('validates payloads (an older deploy may have written them)', () => {
    expect(catchUpReportsPayload.safeParse({ organizationId: ORG, before: null }).success).toBe(false);
    expect(catchUpReportsPayload.safeParse([]).success).toBe(false);
    expect(catchUpReportsPayload.safeParse([{ organizationId: ORG, before: { period: '2010-13', type: 'trial-balance' } }]).success).toBe(
      false,
    );
    expect(
      catchUpReportsPayload.safeParse([
        { organizationId: ORG, before: null },
        { organizationId: OTHER, before: null },
      ]).success,
    ).toBe(false);
  });
});
