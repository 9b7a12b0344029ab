import { describe, expect, it } from 'vitest';
import { jobLogFields } from './instrument';

describe("a job's log fields", () => {
  it('takes the report fields and the request ID when the payload has them', () => {
    const payload = { organizationId: 'org-1', type: 'trial-balance', period: '2026-11', requestId: 'req-1', other: 'x' };
    expect(jobLogFields(payload)).toEqual({ organizationId: 'org-1', type: 'trial-balance', period: '2026-11', requestId: 'req-1' });
  });

  it('tolerates payloads without them (an older deploy, a cron job) and odd shapes', () => {
    expect(jobLogFields({ organizationId: 'org-1', type: 'balance-sheet', period: '2026-10' })).toEqual({
      organizationId: 'org-1',
      type: 'balance-sheet',
      period: '2026-10',
    });
    expect(jobLogFields(null)).toEqual({});
    expect(jobLogFields('text')).toEqual({});
    expect(jobLogFields({ requestId: 42, period: 'x'.repeat(500) })).toEqual({});
  });

  it('reads the newest request of a coalesced (array) payload', () => {
    expect(jobLogFields([{ organizationId: 'org-1' }, { organizationId: 'org-1', requestId: 'req-2' }])).toEqual({
      organizationId: 'org-1',
      requestId: 'req-2',
    });
  });
});
