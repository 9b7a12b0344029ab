// `npm run reports:rebuild`: drop the read side and rebuild every report document from the
// ledger. Safe while the app and workers run: documents come back with the same IDs, and
// the asOfSequence guard keeps whichever build is newer.
import { getPrisma } from '../lib/db/prisma';
import { closeMongo, getMongoDb } from '../lib/mongo/client';
import { rebuildAllReports } from '../lib/reports/verify';
import { applyRuntimeEnv } from './runtime-env';

async function main(): Promise<void> {
  applyRuntimeEnv();
  const prisma = getPrisma();
  try {
    const started = Date.now();
    const count = await rebuildAllReports({ prisma, db: getMongoDb() });
    console.log(`rebuilt ${count} report documents in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    await prisma.$disconnect();
    await closeMongo();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
