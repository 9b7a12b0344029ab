import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecencyMap } from './recency-map';

describe('RecencyMap', () => {
  it('evicts the entry nobody reads, not the one read all along', () => {
    const map = new RecencyMap<number>();
    for (let i = 0; i < 100; i++) map.set(`k${i}`, i);
    // k0 is the oldest insert, but it is read throughout.
    for (let round = 0; round < 1_000; round++) {
      map.get('k0');
      const key = `new${round}`;
      map.set(key, round);
      const [oldest] = map.oldest() ?? [];
      if (oldest) map.delete(oldest);
      expect(oldest).not.toBe('k0');
    }
    expect(map.get('k0')).toBe(0);
  });

  it('never evicts an entry read at least once every size/4 operations (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 200 }), fc.array(fc.nat(), { minLength: 1, maxLength: 2_000 }), (size, ops) => {
        const map = new RecencyMap<number>();
        for (let i = 0; i < size; i++) map.set(`k${i}`, i);
        map.get('k0');
        let sinceHot = 0;
        let next = 0;
        for (const op of ops) {
          // Read the hot entry before size/4 other operations have passed.
          if (sinceHot >= (size >> 2) - 1) {
            map.get('k0');
            sinceHot = 0;
          }
          if (op % 3 === 0) {
            map.set(`n${next++}`, op);
            const [oldest] = map.oldest() ?? [];
            if (oldest) map.delete(oldest);
            if (oldest === 'k0') return false;
            sinceHot += 1;
          } else {
            map.get(`k${op % size}`);
            sinceHot += 1;
          }
        }
        return map.has('k0');
      }),
    );
  });

  it('set replaces and makes the entry the youngest', () => {
    const map = new RecencyMap<string>();
    map.set('a', '1');
    map.set('b', '2');
    map.set('a', '3');
    expect(map.oldest()).toEqual(['b', '2']);
    expect(map.get('a')).toBe('3');
    expect(map.size).toBe(2);
  });
});
