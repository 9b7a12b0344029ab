// The organization row lock. Every ledger write takes it, and so does the read side when
// it registers a report (its required sequence must be read in the same order as the
// writes): it lives with the database adapter so that neither side imports the other.
import { notFound } from '../../errors';
import { currentRequestId } from '../observability/request-context';
import { TX_OPTIONS, type PrismaClient, type Tx } from './prisma';

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
  const requestId = currentRequestId();
  return prisma.$transaction(async (tx) => {
    // On behalf of a request, the same statement also records its ID for the rest of the
    // transaction (set_config(…, true) is transaction-local), so the jobs this write enqueues
    // can carry it (`current_setting('closebook.request_id', true)`): no extra round trip on
    // the posting path. set_config runs once, for the one locked row.
    const rows = requestId
      ? await tx.$queryRaw<LockedOrganization[]>`
      SELECT id::text AS id, name, base_currency AS "baseCurrency", fiscal_year_start_month::int AS "fiscalYearStartMonth",
             set_config('closebook.request_id', ${requestId}, true) AS "requestId"
        FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`
      : await tx.$queryRaw<LockedOrganization[]>`
      SELECT id::text AS id, name, base_currency AS "baseCurrency", fiscal_year_start_month::int AS "fiscalYearStartMonth"
        FROM organizations WHERE id = ${organizationId}::uuid FOR UPDATE`;
    const row = rows[0];
    if (!row) throw notFound('Organization');
    const { id, name, baseCurrency, fiscalYearStartMonth } = row;
    return work(tx, { id, name, baseCurrency, fiscalYearStartMonth });
  }, TX_OPTIONS);
}

/**
 * True while a CSV import into the organization that starts at or before `period` is being
 * written (or waits for the organization's lock): its statement holds a marker lock
 * (closebook_import_entries, migration 20261203200000_import_entries). Never waits. The
 * rebuild task asks before building a period: the import changes that period and queues
 * it again at its commit, so building now would read lines the next build reads again.
 */
export async function importChangesPeriod(
  prisma: Pick<PrismaClient, '$queryRaw'>,
  organizationId: string,
  period: string,
): Promise<boolean> {
  const [row] = await prisma.$queryRaw<{ changes: boolean }[]>`
    SELECT closebook_import_changes(${organizationId}::uuid, ${period}::text) AS changes`;
  return row?.changes ?? false;
}
