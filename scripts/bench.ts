// `npm run bench`: the write side under load on this machine (a benchmark, not a test).
// One stack (`npm start`'s embedded default: PostgreSQL 17, the Mongo-wire read side, the
// production Next.js build, one worker), load from second processes (wrk, and this
// process's open-loop sender), figures and ratios against baselines measured in the same
// run. Phases:
//  1-2. in interleaved rounds (--rounds, default 3; the machine's speed drifts): the framework
//     floor (wrk on a path the app does not have, Next.js's own 404), then postings, closed
//     loop (wrk): C clients over 8 organizations, then into one, and the baseline of the same
//     use case on a raw pg pool from this process (no HTTP); ratios per round, their median;
//  3. steady rates (open loop) over 8 organizations: commit (201) → the current month's
//     trial balance includes it, seen from outside and from the worker's /metrics;
//  4. CSV import of N lines (50,000 per file) into a fresh organization, until every report
//     of the months it touched is up to date;
//  5. rebuild cost of the last month's statements at the big organization's size and at a
//     10,000-line organization's.
// Phases 4 and 5 each start on a quiet stack (no rebuild due or running, no autovacuum), so
// that neither measures the previous phase's aftermath.
// Prints a table and one JSON line.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createPrisma, type PrismaClient } from '../lib/adapters/db/prisma';
import { createSqlPool } from '../lib/adapters/db/sql';
import { postJournalEntry } from '../lib/domains/ledger/commands/post-journal-entry';
import { closedLoop, percentile } from './bench-stats';
import { createUser } from '../lib/domains/auth/users';
import { addMonths, periodOfInstant } from '../lib/domains/accounting/periods';
import { exitOnStartFailure, startStack } from '../lib/adapters/infra/stack';
import { Api, issueToken } from './bench-downloads/api';
import { stopAllChildren } from './bench-downloads/processes';
import { importUntilUpToDate, rebuildCosts, waitForQuietStack } from './bench-postings/import-and-rebuild';
import { histogramDelta, histogramPercentileMs, scrapeHistogram } from './bench-postings/metrics-scrape';
import { steadyRate, type SteadyRateFigures } from './bench-postings/open-loop';
import { wrkGet, wrkPost, type WrkFigures } from './bench-postings/wrk-post';

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '6' },
    /** Closed-loop rounds (floor, postings over N orgs, into 1, raw pg), interleaved. */
    rounds: { type: 'string', default: '3' },
    orgs: { type: 'string', default: '8' },
    rates: { type: 'string', default: '50,100,200,400' },
    'rate-seconds': { type: 'string', default: '15' },
    'import-lines': { type: 'string', default: '1000000' },
    'import-months': { type: 'string', default: '12' },
    workers: { type: 'string', default: '1' },
    port: { type: 'string', default: '3300' },
    'metrics-port': { type: 'string', default: '9564' },
    /** on: group commit (POSTING_BATCH=on), to measure what it brings against the default. */
    'posting-batch': { type: 'string', default: 'off' },
  },
});
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);
const ROUNDS = Number(args.rounds);
const ORGS = Number(args.orgs);
const RATES = (args.rates ?? '').split(',').filter(Boolean).map(Number);
const RATE_SECONDS = Number(args['rate-seconds']);
const IMPORT_LINES = Number(args['import-lines']);
const IMPORT_MONTHS = Number(args['import-months']);
const LAG = 'closebook_commit_to_document_lag_seconds';
const log = (line: string) => console.error(`[bench] ${line}`);

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closebook-bench-'));
  const metricsPort = Number(args['metrics-port']);
  const stack = await startStack({
    port: Number(args.port),
    workers: Number(args.workers),
    dataDir,
    seed: false,
    workerMetricsPort: metricsPort,
    env: { LOG_LEVEL: 'warn', POSTING_BATCH: args['posting-batch'] === 'on' ? 'on' : 'off' },
    log: (line) => console.error(`[stack] ${line}`),
    createsTestUsers: 'The benchmark (npm run bench)',
  });
  const prisma = createPrisma(stack.databaseUrl);
  try {
    const base = `${stack.url}/api/v1`;
    const email = `bench-${Date.now()}@closebook.local`;
    await createUser({ prisma, email, name: 'Benchmark', password: 'benchmark password' });
    const token = await issueToken(base, email, 'benchmark password');
    const api = new Api(base, token);
    const createOrg = async (name: string) =>
      (await api.expect<{ id: string }>(201, 'POST', '/organizations', { json: { name, baseCurrency: 'EUR' } })).id;
    const orgs: string[] = [];
    for (let i = 0; i < ORGS; i++) orgs.push(await createOrg(`Benchmark ${i + 1} Ltd`));
    const single = await createOrg('Benchmark Solo Ltd');
    const period = periodOfInstant(new Date());
    const day = `${period}-15`;
    const workDir = dataDir;
    // Warm-up: the caches, Next's route, the posting function's plans — and Next's own 404, the
    // floor (measured cold, its first seconds ran at ~60 % of its later rate).
    await wrkPost({ label: 'warm-up', baseUrl: stack.url, organizations: orgs, token, day, clients: 4, seconds: 2, workDir });
    await wrkGet({ label: 'warm-up (404)', url: `${stack.url}/no-such-page`, expect: 404, clients: CLIENTS, seconds: 3, workDir });

    log(`phase 1-2: floor and closed-loop postings, ${ROUNDS} interleaved rounds`);
    // This shared 2-core machine's speed drifts by tens of percent within minutes, so one floor
    // measured before the postings and one after can frame a slow patch or a fast one. Each
    // round measures the floor and the three posting figures back to back; the ratios are per
    // round, and the summary is their median.
    const rounds: Round[] = [];
    for (let round = 1; round <= ROUNDS; round++) {
      const floor = await wrkGet({
        label: `framework floor (404), round ${round}`,
        url: `${stack.url}/no-such-page`,
        expect: 404,
        clients: CLIENTS,
        seconds: SECONDS,
        workDir,
      });
      const spread = await wrkPost({
        label: `post, ${CLIENTS} clients over ${ORGS} orgs, round ${round}`,
        baseUrl: stack.url,
        organizations: orgs,
        token,
        day,
        clients: CLIENTS,
        seconds: SECONDS,
        workDir,
      });
      const one = await wrkPost({
        label: `post, ${CLIENTS} clients into 1 org, round ${round}`,
        baseUrl: stack.url,
        organizations: [single],
        token,
        day,
        clients: CLIENTS,
        seconds: SECONDS,
        workDir,
      });
      // Baseline: the same use case and statement straight on a raw pg pool from this
      // process, no HTTP (the database's own limit for these postings).
      const rawPg = await rawPgPostings(stack.databaseUrl, prisma, orgs, email, day, round);
      rounds.push({ floor, spread, one, rawPg });
      log(
        `round ${round}: floor ${floor.perSecond}/s; over ${ORGS} orgs ${spread.perSecond}/s (${percent(spread.perSecond, floor.perSecond)} %), into 1 org ${one.perSecond}/s (${percent(one.perSecond, floor.perSecond)} %), raw pg ${rawPg.perSecond}/s`,
      );
    }
    await waitUntilUpToDate(api, [...orgs, single], period);

    log('phase 3: steady rates');
    const workerMetrics = `http://127.0.0.1:${metricsPort}/metrics`;
    const steady: (SteadyRateFigures & { workerLagP99Ms: number | null; workerLagP50Ms: number | null })[] = [];
    for (const rate of RATES) {
      const before = await scrapeHistogram(workerMetrics, LAG);
      const figures = await steadyRate({ base, token, organizations: orgs, period, day, perSecond: rate, seconds: RATE_SECONDS });
      const delta = histogramDelta(await scrapeHistogram(workerMetrics, LAG), before);
      steady.push({ ...figures, workerLagP50Ms: histogramPercentileMs(delta, 50), workerLagP99Ms: histogramPercentileMs(delta, 99) });
      log(
        `${rate}/s: posted ${figures.postedPerSecond}/s, lag p99 ${figures.lag.p99} ms, errors ${figures.errors}, 503s waited out ${figures.refused}, not seen ${figures.notSeen}, failed lookups ${figures.pollErrors}`,
      );
    }

    log(`phase 4: CSV import of ${IMPORT_LINES} lines (after ${await waitForQuietStack(prisma)} s waiting for a quiet stack)`);
    const big = await createOrg('Benchmark Import Ltd');
    const importPeriods = Array.from({ length: IMPORT_MONTHS }, (_, i) => addMonths(period, i - IMPORT_MONTHS + 1));
    const imported = await importUntilUpToDate({
      api,
      organizationId: big,
      lines: IMPORT_LINES,
      periods: importPeriods,
      concurrency: 2,
      log,
    });

    log('phase 5: rebuild cost at two ledger sizes');
    const small = await createOrg('Benchmark Small Ltd');
    await importUntilUpToDate({ api, organizationId: small, lines: 10_000, periods: importPeriods, concurrency: 1, log });
    log(`rebuild cost: measured after ${await waitForQuietStack(prisma)} s waiting for a quiet stack`);
    const { small: costSmall, big: costBig } = await rebuildCosts(prisma, { small, big }, period);

    console.log('');
    console.log(
      `Closebook write-side benchmark — ${os.cpus().length} cores, ${args.workers} worker(s), group commit ${args['posting-batch']}, read side: ${stack.mongoKind}`,
    );
    console.log('');
    const line = (cells: (string | number)[]) =>
      cells.map((cell, index) => (index === 0 ? String(cell).padEnd(52) : String(cell).padStart(12))).join(' ');
    console.log(line(['closed loop (wrk), per round', 'req/s', 'p50 ms', 'p99 ms', 'errors', '% of floor']));
    for (const { floor, spread, one, rawPg } of rounds) {
      for (const row of [floor, spread, one, rawPg])
        console.log(line([row.label, row.perSecond, row.p50, row.p99, row.errors, percent(row.perSecond, floor.perSecond)]));
    }
    const summary = {
      floor: median(rounds.map((r) => r.floor.perSecond)),
      spreadPercentOfFloor: median(rounds.map((r) => percent(r.spread.perSecond, r.floor.perSecond))),
      onePercentOfFloor: median(rounds.map((r) => percent(r.one.perSecond, r.floor.perSecond))),
      rawPgPercentOfFloor: median(rounds.map((r) => percent(r.rawPg.perSecond, r.floor.perSecond))),
      spreadPercentOfRawPg: median(rounds.map((r) => percent(r.spread.perSecond, r.rawPg.perSecond))),
      errors: rounds.reduce((sum, r) => sum + r.spread.errors + r.one.errors + r.rawPg.errors, 0),
    };
    console.log(
      `median of ${ROUNDS} rounds: floor ${summary.floor}/s; postings over ${ORGS} orgs ${summary.spreadPercentOfFloor} % of the floor (target 40), into 1 org ${summary.onePercentOfFloor} % (target 20); raw pg ${summary.rawPgPercentOfFloor} % of the floor; over ${ORGS} orgs through HTTP / raw pg ${summary.spreadPercentOfRawPg} %; errors ${summary.errors}`,
    );
    console.log('');
    console.log(
      line([
        'steady rate over 8 orgs (open loop)',
        'posted/s',
        'post p99',
        'lag p50',
        'lag p99',
        'lag max',
        'worker p99≤',
        'errors',
        '503 waited',
        'not seen',
      ]),
    );
    for (const row of steady) {
      console.log(
        line([
          `${row.targetPerSecond} entries/s for ${row.seconds} s`,
          row.postedPerSecond,
          row.post.p99,
          row.lag.p50,
          row.lag.p99,
          row.lag.max,
          row.workerLagP99Ms ?? '-',
          row.errors,
          row.refused,
          row.notSeen,
        ]),
      );
    }
    for (const row of steady) {
      const { timeouts, connections, statuses } = row.errorKinds;
      console.log(
        `  ${row.targetPerSecond}/s: errors ${row.errors} = ${timeouts} timeouts (10 s), ${connections} failed connections, final statuses ${JSON.stringify(statuses)}; the sender's own event loop was up to ${row.senderLagMaxMs} ms behind`,
      );
    }
    console.log('');
    console.log(
      `CSV import: ${imported.lines} lines in ${imported.files} files: imported in ${imported.importSeconds} s, every report up to date after ${imported.upToDateSeconds} s (${imported.linesPerSecond} lines/s)`,
    );
    console.log(
      `rebuild of the last month's TB+BS+IS: ${costSmall.lines} lines ${costSmall.medianMs} ms (p90 ${costSmall.p90Ms}); ${costBig.lines} lines ${costBig.medianMs} ms (p90 ${costBig.p90Ms}); ratio ${Math.round((costBig.medianMs / costSmall.medianMs) * 100) / 100}`,
    );
    console.log(
      JSON.stringify({
        benchmark: 'closebook-write-side',
        cores: os.cpus().length,
        workers: Number(args.workers),
        readSide: stack.mongoKind,
        closedLoop: { rounds, summary },
        steady,
        csvImport: imported,
        rebuildCost: { small: costSmall, big: costBig },
      }),
    );
  } finally {
    await prisma.$disconnect();
    await stopAllChildren();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

async function rawPgPostings(
  databaseUrl: string,
  prisma: PrismaClient,
  orgs: readonly string[],
  email: string,
  day: string,
  round: number,
) {
  const sql = createSqlPool(databaseUrl, CLIENTS);
  const user = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
  let errors = 0;
  let i = 0;
  try {
    const figures = await closedLoop(CLIENTS, SECONDS * 1000, async () => {
      i += 1;
      await postJournalEntry({
        prisma,
        sql,
        actor: { userId: user.id },
        organizationId: orgs[i % orgs.length] ?? '',
        input: {
          date: day,
          memo: `Raw pg sale ${i}`,
          lines: [
            { accountCode: '1100', debit: '12.34' },
            { accountCode: '4000', credit: '12.34' },
          ],
        },
        now: new Date(),
      }).catch(() => {
        errors += 1;
      });
    });
    return { label: `baseline: raw pg, ${CLIENTS} clients over ${orgs.length} orgs, round ${round}`, ...figures, errors };
  } finally {
    await sql.end();
  }
}

interface Round {
  floor: WrkFigures;
  spread: WrkFigures;
  one: WrkFigures;
  rawPg: Awaited<ReturnType<typeof rawPgPostings>>;
}

const percent = (part: number, whole: number) => Math.round((part / whole) * 1000) / 10;

/** The rounds' median (bench-stats' percentile: with an even count, the lower middle). */
const median = (values: readonly number[]) =>
  percentile(
    [...values].sort((a, b) => a - b),
    50,
  );

/** Until the current month's trial balance of each organization is up to date (so phases do not overlap). */
async function waitUntilUpToDate(api: Api, organizations: readonly string[], period: string): Promise<void> {
  const started = performance.now();
  for (const org of organizations) {
    for (;;) {
      const answer = await api.expect<{ upToDate: boolean }>(
        200,
        'GET',
        `/organizations/${org}/reports?type=trial-balance&period=${period}`,
      );
      if (answer.upToDate) break;
      if (performance.now() - started > 300_000) throw new Error('reports still stale after 5 minutes');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  log(`caught up in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

main().catch(exitOnStartFailure);
