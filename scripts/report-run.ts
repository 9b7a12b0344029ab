// `npm run report-run -- --period 2026-10`: the month-end run from the command line. Starts
// the run (or finds the identical one already going), follows its progress until it has
// finished, lists failures, and optionally writes the ZIP. The worker processes do the
// work, as for a run started in the browser or through the API.
//
//   --period YYYY-MM     required
//   --org ID|NAME        repeatable; default: every organization (of --user, if given)
//   --types a,b          trial-balance, balance-sheet, income-statement, general-ledger (default: all)
//   --close              close the period in each organization first (needs --user, an admin)
//   --user EMAIL         act as this user (their organizations and roles); default: operator
//   --zip FILE           write the run's ZIP there when it has finished
//   --no-wait            start and print the run ID only
//
// Exit code: 0 all done, 1 finished with failures, 2 error.
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import type { Actor } from '../lib/domains/auth/access';
import type { PrismaClient } from '../lib/adapters/db/prisma';
import { getRunProgress } from '../lib/domains/report-runs/queries/get-run-progress';
import { type RunProgress } from '../lib/domains/report-runs/types';
import { startReportRun } from '../lib/domains/report-runs/commands/start-run';
import { runZip } from '../lib/domains/report-runs/queries/run-zip';
import { isUuid } from '../lib/validation';
import { runOperatorScript } from './runtime-env';

const { values } = parseArgs({
  options: {
    period: { type: 'string' },
    org: { type: 'string', multiple: true },
    types: { type: 'string' },
    close: { type: 'boolean', default: false },
    user: { type: 'string' },
    zip: { type: 'string' },
    'no-wait': { type: 'boolean', default: false },
  },
});

async function organizationIds(prisma: PrismaClient, wanted: string[] | undefined): Promise<string[] | undefined> {
  if (!wanted) return undefined;
  const ids: string[] = [];
  for (const value of wanted) {
    if (isUuid(value)) {
      ids.push(value);
      continue;
    }
    const matches = await prisma.organization.findMany({ where: { name: { equals: value, mode: 'insensitive' } }, select: { id: true } });
    if (matches.length !== 1)
      throw new Error(
        `--org "${value}": ${matches.length === 0 ? 'no organization has this name' : 'several organizations have this name; use the ID'}`,
      );
    ids.push(matches[0]!.id);
  }
  return ids;
}

function line(progress: RunProgress): string {
  const percent = progress.total === 0 ? 100 : ((progress.done + progress.failed) / progress.total) * 100;
  const rate = progress.ratePerSecond === null ? '' : `  ${progress.ratePerSecond.toFixed(1)}/s`;
  const eta = progress.status === 'running' && progress.etaSeconds ? `  ~${progress.etaSeconds}s left` : '';
  return `[${String(progress.done).padStart(String(progress.total).length)}/${progress.total}] ${percent.toFixed(1).padStart(5)}%  failed ${progress.failed}${rate}${eta}`;
}

runOperatorScript(async ({ prisma, db }) => {
  if (!values.period) throw new Error('--period YYYY-MM is required');
  let actor: Actor | null = null;
  if (values.user) {
    const user = await prisma.user.findUnique({ where: { email: values.user.toLowerCase() }, select: { id: true } });
    if (!user) throw new Error(`--user: no user ${values.user}`);
    actor = { userId: user.id };
  }
  const input = {
    period: values.period,
    organizationIds: await organizationIds(prisma, values.org),
    types: values.types?.split(',').map((type) => type.trim()),
    closePeriod: values.close,
  };
  const run = await startReportRun({ prisma, actor, input, now: new Date() });
  console.log(run.created ? `started run ${run.id}` : `the same run is already going: ${run.id}`);
  if (values['no-wait']) return 0;

  let progress = await getRunProgress({ prisma, actor, runId: run.id });
  console.log(
    `${progress.period}: ${progress.organizations.length} organization(s) × ${progress.types.length} report(s) = ${progress.total} snapshots`,
  );
  let last = '';
  let lastChange = Date.now();
  while (progress.status === 'running') {
    const text = line(progress);
    if (text !== last) {
      console.log(text);
      last = text;
      lastChange = Date.now();
    } else if (Date.now() - lastChange > 60_000) {
      console.log('no progress for a minute: is a worker running? (npm run worker, or npm start)');
      lastChange = Date.now();
    }
    await new Promise((resolve) => setTimeout(resolve, 1000));
    progress = await getRunProgress({ prisma, actor, runId: run.id });
  }
  console.log(line(progress));
  for (const organization of progress.organizations.filter((candidate) => candidate.status === 'failed')) {
    console.log(`FAILED ${organization.name} (${organization.organizationId}): ${organization.error ?? 'unknown error'}`);
  }
  const seconds = (Date.parse(progress.finishedAt ?? new Date().toISOString()) - Date.parse(progress.createdAt)) / 1000;
  console.log(`${progress.status}: ${progress.done} done, ${progress.failed} failed in ${seconds.toFixed(1)} s`);
  if (values.zip) {
    const zip = await runZip({ prisma, db, actor, runId: run.id });
    await pipeline(zip.stream, createWriteStream(values.zip));
    console.log(`wrote ${values.zip}`);
  }
  return progress.status === 'completed' ? 0 : 1;
});
