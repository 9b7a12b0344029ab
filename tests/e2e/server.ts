// The application under test for Playwright: the real stack (embedded PostgreSQL unless
// DATABASE_URL is set, the Mongo wire server unless MONGODB_URI is set, the production
// Next.js build, one worker) on a fresh data folder with the demo seed, plus a viewer who
// may only read Northwind Trading Ltd.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createUser } from '../../lib/domains/auth/users';
import { createPrisma } from '../../lib/adapters/db/prisma';
import { exitOnStartFailure, startStack, superviseStack } from '../../lib/adapters/infra/stack';

export const VIEWER = { email: 'viewer@closebook.local', password: 'viewer password' };

// E2E_EMPTY=1: a second stack with an empty database (no seed, no users), for the
// first-run setup page.
const EMPTY = process.env.E2E_EMPTY === '1';

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closebook-e2e-'));
  const stack = await startStack({
    port: Number(process.env.E2E_PORT ?? 3210),
    workers: 1,
    dataDir,
    seed: !EMPTY,
    env: { CLOSEBOOK_INSECURE_COOKIES: '1' },
    createsTestUsers: 'The e2e server (tests/e2e/server.ts)',
  });
  if (EMPTY) {
    console.log(`[e2e] empty stack ready at ${stack.url}`);
    return superviseStack(stack, 'e2e-empty', () => rm(dataDir, { recursive: true, force: true }));
  }
  const prisma = createPrisma(stack.databaseUrl);
  const viewer = await createUser({ prisma, email: VIEWER.email, name: 'Read-only Client', password: VIEWER.password });
  const northwind = await prisma.organization.findFirstOrThrow({ where: { name: 'Northwind Trading Ltd' } });
  await prisma.membership.create({ data: { organizationId: northwind.id, userId: viewer.id, role: 'viewer' } });
  await prisma.$disconnect();
  console.log(`[e2e] stack ready at ${stack.url}`);
  await superviseStack(stack, 'e2e', () => rm(dataDir, { recursive: true, force: true }));
}

main().catch(exitOnStartFailure);
