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
