// The shape every ledger write shares: one transaction that locks the organization row,
// does its writes, appends one ledger event and schedules its report rebuilds.
import { notFound } from '../../../errors';
import { Prisma, TX_OPTIONS, type PrismaClient, type Tx } from '../../../adapters/db/prisma';

export interface LockedOrganization {
  id: string;
  name: string;
  baseCurrency: string;
  fiscalYearStartMonth: number;
}

/**
 * Runs `work` in a transaction holding a row lock on the organization. Writes of one
 * organization are thereby serialised, so its ledger sequences are allocated in commit
 * order: a reader that sees sequence N has seen every earlier event of that organization,
 * which is what makes `asOfSequence` mean "complete up to N".
 */
export async function inOrganizationTransaction<T>(
  prisma: PrismaClient,
  organizationId: string,
  work: (tx: Tx, organization: LockedOrganization) => Promise<T>,
): Promise<T> {
  return prisma.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<LockedOrganization[]>`
      SELECT id::text AS id, name, base_currency AS "baseCurrency", fiscal_year_start_month::int AS "fiscalYearStartMonth"
        FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
    const organization = rows[0];
    if (!organization) throw notFound('Organization');
    return work(tx, organization);
  }, TX_OPTIONS);
}

export type LedgerEventType =
  | 'organization.created'
  | 'account.created'
  | 'account.renamed'
  | 'account.deactivated'
  | 'account.reactivated'
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
