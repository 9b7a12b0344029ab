import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isUuid } from '../../validation';
import { newEntryId, newEntryIds } from './entry-ids';

describe('newEntryIds', () => {
  it('are version-7 UUIDs carrying the millisecond they were made at', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 48 - 1 }), fc.integer({ min: 1, max: 20 }), (now, count) => {
        const ids = newEntryIds(count, now);
        expect(ids).toHaveLength(count);
        for (const id of ids) {
          expect(isUuid(id)).toBe(true);
          expect(id[14]).toBe('7');
          expect('89ab').toContain(id[19]);
          expect(Number.parseInt(id.replaceAll('-', '').slice(0, 12), 16)).toBe(now);
        }
      }),
    );
  });

  it('sort in the order they were made across milliseconds, and do not repeat', () => {
    const earlier = newEntryIds(1000, 1_765_000_000_000);
    const later = newEntryId(1_765_000_000_001);
    expect(new Set(earlier).size).toBe(1000);
    for (const id of earlier) expect(id < later).toBe(true);
  });
});
