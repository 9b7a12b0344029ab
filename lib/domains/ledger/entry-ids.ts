import { randomFillSync } from 'node:crypto';

/**
 * IDs for new journal entries: UUID version 7 (RFC 9562) — 48 bits of Unix milliseconds,
 * the version and variant, 74 random bits. Entries are written in time order, so their keys
 * land at the right-hand edge of the entry indexes (primary key; lines by entry) instead of
 * on a random page of a B-tree that grows with the ledger (with random keys, each of an
 * import's 25,000 entries touches its own page once the index outgrows the cache; the gain
 * was not measured apart from the per-statement checks that landed with it). Unguessable
 * within a millisecond; the time they reveal is the entry's created_at, which the API shows
 * anyway.
 */
export function newEntryIds(count: number, now = Date.now()): string[] {
  const bytes = Buffer.allocUnsafe(16 * count);
  randomFillSync(bytes);
  const ids = new Array<string>(count);
  const high = Math.floor(now / 2 ** 16);
  const low = now % 2 ** 16;
  for (let index = 0; index < count; index++) {
    const at = index * 16;
    bytes.writeUInt32BE(high >>> 0, at);
    bytes.writeUInt16BE(low, at + 4);
    bytes[at + 6] = 0x70 | ((bytes[at + 6] ?? 0) & 0x0f);
    bytes[at + 8] = 0x80 | ((bytes[at + 8] ?? 0) & 0x3f);
    const hex = bytes.toString('hex', at, at + 16);
    ids[index] = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }
  return ids;
}

export function newEntryId(now = Date.now()): string {
  return newEntryIds(1, now)[0] ?? '';
}
