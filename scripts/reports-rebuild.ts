// `npm run reports:rebuild`: drop the read side and rebuild every report document from the
// ledger. Safe while the app and workers run: documents come back with the same IDs, and
// the asOfSequence guard keeps whichever build is newer.
import { rebuildAllReports } from '../lib/domains/reports/commands/verify-reports';
import { runOperatorScript } from './runtime-env';

runOperatorScript(async ({ prisma, db }) => {
  const started = Date.now();
  const count = await rebuildAllReports({ prisma, db });
  console.log(`rebuilt ${count} report documents in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return 0;
});
