import { describe, expect, it } from 'vitest';
import { InvalidatedCache } from './invalidated-cache';

describe('InvalidatedCache', () => {
  it('stores and returns values, null included (a cached "no such thing")', () => {
    const cache = new InvalidatedCache<string | null>(10);
    cache.set('a', 'A', cache.begin());
    cache.set('b', null, cache.begin());
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['A', null, undefined]);
  });

  it('drops an invalidated key', () => {
    const cache = new InvalidatedCache<string>(10);
    cache.set('a', 'A', cache.begin());
    cache.invalidate('a');
    expect(cache.get('a')).toBeUndefined();
  });

  it('refuses a value loaded before its key was invalidated (the reader-vs-writer race)', () => {
    const cache = new InvalidatedCache<string>(10);
    const begunAt = cache.begin(); // a reader starts loading "a" from the database
    cache.invalidate('a'); // a write commits; its notification arrives
    cache.set('a', 'old', begunAt); // the reader's (old) value comes back
    expect(cache.get('a')).toBeUndefined();
    cache.set('a', 'new', cache.begin());
    expect(cache.get('a')).toBe('new');
  });

  it('still stores other keys loaded meanwhile', () => {
    const cache = new InvalidatedCache<string>(10);
    const begunAt = cache.begin();
    cache.invalidate('a');
    cache.set('b', 'B', begunAt);
    expect(cache.get('b')).toBe('B');
  });

  it('refuses every load begun before clear()', () => {
    const cache = new InvalidatedCache<string>(10);
    const begunAt = cache.begin();
    cache.clear();
    cache.set('b', 'B', begunAt);
    expect(cache.get('b')).toBeUndefined();
  });

  it('is bounded: the least recently used entry goes first', () => {
    const cache = new InvalidatedCache<number>(2);
    cache.set('a', 1, cache.begin());
    cache.set('b', 2, cache.begin());
    cache.get('a');
    cache.set('c', 3, cache.begin());
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([1, undefined, 3, 2]);
  });

  it('stays safe when the invalidation history overflows', () => {
    const cache = new InvalidatedCache<string>(2);
    const begunAt = cache.begin();
    for (const key of ['x', 'y', 'z']) cache.invalidate(key);
    cache.set('x', 'old', begunAt);
    expect(cache.get('x')).toBeUndefined();
  });
});
