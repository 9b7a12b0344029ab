// A Map that remembers which entries were used recently, for least-recently-used eviction,
// without re-inserting an entry on every hit. The plain way (delete + set on each get) costs
// two string hashes per lookup; the download hot path makes five lookups per request, and
// the CPU profile showed them among its top self times.
//
// Here an entry is moved to the young end only when it has not been moved for size/4
// operations (reads and writes). That keeps the guarantee eviction needs: an entry read at
// least once every size/4 operations is moved at least once every size/2, so at most size/2
// entries were inserted or moved after it and it is never the oldest — the entries that go
// first are still the ones nobody reads.

interface Slot<V> {
  value: V;
  /** The operation clock when the entry was last moved to the young end. */
  movedAt: number;
}

export class RecencyMap<V> {
  private readonly slots = new Map<string, Slot<V>>();
  private clock = 0;

  get size(): number {
    return this.slots.size;
  }

  /** The value, counted as a use. */
  get(key: string): V | undefined {
    const slot = this.slots.get(key);
    if (slot === undefined) return undefined;
    const clock = ++this.clock;
    if (clock - slot.movedAt > this.slots.size >> 2) {
      this.slots.delete(key);
      this.slots.set(key, slot);
      slot.movedAt = clock;
    }
    return slot.value;
  }

  has(key: string): boolean {
    return this.slots.has(key);
  }

  /** Stores (or replaces) the value as the most recently used. */
  set(key: string, value: V): void {
    this.slots.delete(key);
    this.slots.set(key, { value, movedAt: ++this.clock });
  }

  delete(key: string): boolean {
    return this.slots.delete(key);
  }

  clear(): void {
    this.slots.clear();
  }

  /** The least recently used entry, if any. */
  oldest(): [string, V] | undefined {
    const first = this.slots.entries().next();
    return first.done ? undefined : [first.value[0], first.value[1].value];
  }
}
