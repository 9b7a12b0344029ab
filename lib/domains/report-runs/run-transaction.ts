import { Prisma, TX_OPTIONS, type PrismaClient, type Tx } from '../../adapters/db/prisma';

/**
 * A transaction holding the run's row lock, like inOrganizationTransaction for ledger
 * writes: every change to a run's items (commit, fail, retry) is serialised per run, so
 * "was that the last pending item?" has one answer even when organizations finish at once.
 */
export function inRunTransaction<T>(prisma: PrismaClient, runId: string, work: (tx: Tx) => Promise<T>): Promise<T> {
  return prisma.$transaction(
    async (tx) => {
      await tx.$queryRaw`SELECT 1 FROM report_runs WHERE id = ${runId}::uuid FOR UPDATE`;
      return work(tx);
    },
    { ...TX_OPTIONS, isolationLevel: Prisma.TransactionIsolationLevel.ReadCommitted },
  );
}
