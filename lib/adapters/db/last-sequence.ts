import type { PrismaClient, Tx } from './prisma';

/**
 * An organization's newest ledger sequence (0n: none yet), read from its hash chain's head.
 * Every event's hash is written by the event's own transaction at commit (migration
 * 20261202120000_ledger_hash_chain), so in any snapshot the newest hash is at the newest
 * event. ledger_event_hashes' only index is its primary key (organization_id, sequence): the
 * head is one index tuple, whatever the sizes of this and the other organizations.
 *
 * `max(sequence)` over ledger_events was not: for an organization holding most of the rows,
 * the planner walked the primary key on `sequence` backwards and checked every newer event of
 * the other organizations in the heap (npm run bench: 1.0 ms and 329 buffers for the
 * 1,000,000-line organization after a 10,000-line one was imported, 0.03 ms for that one) —
 * paid by every rebuild, so the rebuild was not flat in the ledger's size.
 */
export async function lastSequence(db: PrismaClient | Tx, organizationId: string): Promise<bigint> {
  const [head] = await db.$queryRaw<{ sequence: bigint }[]>`
    SELECT sequence FROM ledger_event_hashes WHERE organization_id = ${organizationId}::uuid ORDER BY sequence DESC LIMIT 1`;
  return head?.sequence ?? 0n;
}
