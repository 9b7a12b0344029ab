// The PrismaClient factory. A process creates one (in its AppContext, lib/context.ts): a
// client per request would exhaust the pg pool.
import { PrismaPg } from '@prisma/adapter-pg';
import { Prisma, PrismaClient } from './generated/prisma';

export { Prisma };
export type { PrismaClient };
export type Tx = Prisma.TransactionClient;

export function createPrisma(connectionString: string, poolSize = 10): PrismaClient {
  const adapter = new PrismaPg({ connectionString, max: poolSize });
  return new PrismaClient({ adapter, errorFormat: 'minimal' });
}

/**
 * Interactive transactions wait for a pooled connection; under a burst of postings the
 * default 2 s is too short and would fail writes that would succeed a moment later.
 */
export const TX_OPTIONS = { maxWait: 15_000, timeout: 30_000 } as const;

/**
 * A unique constraint refused the write: P2002 from a model query, or P2010 from raw SQL
 * (where the driver adapter reports the PostgreSQL cause). Duck-typed on `code`: Next.js
 * may hold two copies of the Prisma runtime, so instanceof is unreliable.
 */
export function isUniqueViolation(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  if (error.code === 'P2002') return true;
  const cause = (error as { meta?: { driverAdapterError?: { cause?: { kind?: string; originalCode?: string } } } }).meta?.driverAdapterError
    ?.cause;
  return error.code === 'P2010' && (cause?.kind === 'UniqueConstraintViolation' || cause?.originalCode === '23505');
}
