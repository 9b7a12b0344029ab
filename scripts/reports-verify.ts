// `npm run reports:verify`: recompute every report document from the journal and diff it
// against MongoDB. Exits 1 on any difference (missing, stale or different documents).
import { verifyReports } from '../lib/domains/reports/commands/verify-reports';
import { runOperatorScript } from './runtime-env';

runOperatorScript(async ({ prisma, db }) => {
  const started = Date.now();
  const { checked, differences } = await verifyReports({ prisma, db });
  for (const difference of differences) {
    console.log(`DIFF ${difference.organizationId} ${difference.type} ${difference.period}: ${difference.problem}`);
  }
  console.log(
    `checked ${checked} report documents in ${((Date.now() - started) / 1000).toFixed(1)} s: ${differences.length} difference(s)`,
  );
  return differences.length === 0 ? 0 : 1;
});
