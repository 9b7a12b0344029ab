// `npm run ledger:verify [-- --org ID]`: recompute every organization's ledger hash chain
// (or one's) from the journal tables and compare it with the stored chain. Exits 1 naming
// the organization and its first broken sequence if any chain does not match.
import { parseArgs } from 'node:util';
import { verifyLedgers } from '../lib/domains/ledger/queries/verify-ledger';
import { isUuid } from '../lib/validation';
import { runOperatorScript } from './runtime-env';

const { values } = parseArgs({ options: { org: { type: 'string' } } });

runOperatorScript(async ({ prisma }) => {
  if (values.org !== undefined && !isUuid(values.org)) throw new Error(`--org ${values.org}: expected an organization ID (UUID)`);
  const started = Date.now();
  const results = await verifyLedgers({ prisma, ...(values.org ? { organizationId: values.org } : {}) });
  if (values.org && results.length === 0) {
    console.error(`organization ${values.org} not found`);
    return 1;
  }
  let broken = 0;
  for (const result of results) {
    if (result.ok) continue;
    broken += 1;
    console.log(
      `BROKEN organization ${result.organizationId}: first broken sequence ${result.firstBrokenSequence ?? '?'} (${result.events} events, stored head ${result.headSequence ?? '-'})`,
    );
  }
  const events = results.reduce((sum, result) => sum + result.events, 0);
  console.log(
    `verified ${results.length} organization(s), ${events} events in ${((Date.now() - started) / 1000).toFixed(1)} s: ${broken} broken chain(s)`,
  );
  return broken === 0 ? 0 : 1;
});
