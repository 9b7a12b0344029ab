// `npm run reports:verify`: recompute every report document from the journal and diff it
// against MongoDB. Exits 1 on any difference (missing, stale or different documents).
import { getPrisma } from '../lib/db/prisma';
import { closeMongo, getMongoDb } from '../lib/mongo/client';
import { verifyReports } from '../lib/reports/verify';
import { applyRuntimeEnv } from './runtime-env';

async function main(): Promise<number> {
  applyRuntimeEnv();
  const prisma = getPrisma();
  try {
    const started = Date.now();
    const { checked, differences } = await verifyReports({ prisma, db: getMongoDb() });
    for (const difference of differences) {
      console.log(`DIFF ${difference.organizationId} ${difference.type} ${difference.period}: ${difference.problem}`);
    }
    console.log(
      `checked ${checked} report documents in ${((Date.now() - started) / 1000).toFixed(1)} s: ${differences.length} difference(s)`,
    );
    return differences.length === 0 ? 0 : 1;
  } finally {
    await prisma.$disconnect();
    await closeMongo();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(2);
  },
);
