// A bounded in-process cache whose entries are dropped by invalidation messages
// (PostgreSQL NOTIFY, see invalidation.ts), never by guessing a time to live.
//
// The classic race — a reader loads the old value from the database, the write commits and
// its invalidation arrives, then the reader stores the old value — is closed by versions:
// `begin()` before loading, `set(key, value, begunAt)` after; a value whose key was
// invalidated (or the whole cache cleared) after `begunAt` is not stored.

import { RecencyMap } from './recency-map';

export class InvalidatedCache<V> {
  private readonly entries = new RecencyMap<V>();
  /** Bumped by every invalidation. */
  private version = 0;
  /** Loads begun before this version are not stored (after clear(), or when `recent` overflowed). */
  private floor = 0;
  /** Key → version of its latest invalidation. */
  private readonly recent = new Map<string, number>();

  constructor(private readonly maxEntries: number) {}

  get size(): number {
    return this.entries.size;
  }

  /** Least recently used goes first when the cache is full (recency-map.ts). */
  get(key: string): V | undefined {
    return this.entries.get(key);
  }

  begin(): number {
    return this.version;
  }

  set(key: string, value: V, begunAt: number): void {
    if (begunAt < this.floor || (this.recent.get(key) ?? -1) > begunAt) return;
    this.entries.set(key, value);
    if (this.entries.size > this.maxEntries) {
      const oldest = this.entries.oldest();
      if (oldest) this.entries.delete(oldest[0]);
    }
  }

  invalidate(key: string): void {
    this.version += 1;
    this.entries.delete(key);
    this.recent.set(key, this.version);
    if (this.recent.size > this.maxEntries) {
      // Forget per-key history, conservatively: every load in flight is refused.
      this.recent.clear();
      this.floor = this.version;
    }
  }

  clear(): void {
    this.version += 1;
    this.floor = this.version;
    this.entries.clear();
    this.recent.clear();
  }
}
