// One PrismaClient per process, created on first use: `next build` imports route modules
// without a database, and a client per request would exhaust the pg pool.
import { PrismaPg } from '@prisma/adapter-pg';
import { databaseUrl, intFromEnv } from '../config';
import { Prisma, PrismaClient } from './generated/prisma';

export { Prisma };
export type { PrismaClient };
export type Tx = Prisma.TransactionClient;

const globalForPrisma = globalThis as unknown as { closebookPrisma?: PrismaClient };

export function createPrisma(connectionString: string = databaseUrl()): PrismaClient {
  const adapter = new PrismaPg({
    connectionString,
    max: intFromEnv('DATABASE_POOL_SIZE', 10),
  });
  return new PrismaClient({ adapter, errorFormat: 'minimal' });
}

export function getPrisma(): PrismaClient {
  globalForPrisma.closebookPrisma ??= createPrisma();
  return globalForPrisma.closebookPrisma;
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
