// The shape every ledger write shares: one transaction that locks the organization row
// (lib/adapters/db/organization-lock.ts), does its writes, appends one ledger event and
// schedules its report rebuilds.
import type { Prisma, Tx } from '../../../adapters/db/prisma';

export type LedgerEventType =
  | 'organization.created'
  | 'account.created'
  | 'account.renamed'
  | 'account.deactivated'
  | 'account.reactivated'
  | 'account.subtype_changed'
  | 'account.deleted'
  | 'journal_entry.posted'
  | 'journal_entry.reversed'
  | 'period.closed'
  | 'period.reopened';

/** Appends to the append-only event log and returns the event's global sequence. */
export async function appendLedgerEvent(
  tx: Tx,
  event: { organizationId: string; type: LedgerEventType; payload: Prisma.InputJsonValue; actorId: string | null; now: Date },
): Promise<bigint> {
  const created = await tx.ledgerEvent.create({
    data: {
      organizationId: event.organizationId,
      type: event.type,
      payload: event.payload,
      actorId: event.actorId,
      occurredAt: event.now,
    },
    select: { sequence: true },
  });
  return created.sequence;
}
