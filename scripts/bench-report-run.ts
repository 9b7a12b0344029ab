// `npm run bench:report-run`: the month-end peak on this machine (a benchmark, not a test).
//
//  1. a firm with --orgs organizations (default 200), each with a year of bookkeeping at
//     --scale (3 ≈ 70 entries / 150 lines a month), imported by CSV; the live reports are
//     built by the workers (waited for, and timed);
//  2. baseline: --clients concurrent users download ordinary report PDFs (random
//     organization and report of the month) for --seconds → p50/p95/p99;
//  3. a report run for every organization × 4 reports, started through the API while the
//     same download load goes on until the run has finished → snapshots/s, total time, and
//     the downloads' p50/p95/p99 during the run, with the ratio to the baseline;
//     then the same run again with no other load → snapshots/s of the workers alone;
//  4. the run's ZIP downloaded through the API (streamed): size, time, and the web
//     process's resident memory sampled during the download;
//  5. peak resident memory (VmHWM) of every process: web, workers, PostgreSQL, this one
//     (which hosts the in-process Mongo server when MONGODB_URI is not set).
// Prints a table and one JSON line.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createUser } from '../lib/domains/auth/users';
import { createPrisma } from '../lib/adapters/db/prisma';
import { createOrganization } from '../lib/domains/ledger/commands/create-organization';
import { importJournalEntries } from '../lib/domains/ledger/commands/import-journal-entries';
import { addMonths, periodOfInstant } from '../lib/domains/accounting/periods';
import { REPORT_TYPES } from '../lib/domains/reports/types';
import { demoJournalCsv, demoYear } from '../lib/domains/demo/seed-demo';
import { closedLoop, expectStatus, processMemory, processTree, type LatencySummary } from './bench-stats';
import { exitOnStartFailure, startStack } from '../lib/adapters/infra/stack';

const { values: args } = parseArgs({
  options: {
    orgs: { type: 'string', default: '200' },
    scale: { type: 'string', default: '3' },
    workers: { type: 'string', default: '2' },
    clients: { type: 'string', default: '8' },
    seconds: { type: 'string', default: '20' },
    concurrency: { type: 'string', default: '2' },
    port: { type: 'string', default: '3301' },
    'file-cache-mb': { type: 'string', default: '64' },
  },
});
const ORGS = Number(args.orgs);
const SCALE = Number(args.scale);
const CLIENTS = Number(args.clients);
const SECONDS = Number(args.seconds);

const log = (line: string) => console.error(`[bench] ${line}`);
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closebook-bench-run-'));
  const stack = await startStack({
    port: Number(args.port),
    workers: Number(args.workers),
    dataDir,
    seed: false,
    env: { REPORT_RUN_CONCURRENCY: args.concurrency, REPORT_FILE_CACHE_MB: args['file-cache-mb'], LOG_LEVEL: 'warning' },
    log: (line) => console.error(`[stack] ${line}`),
    createsTestUsers: 'The report-run benchmark (npm run bench:report-run)',
  });
  const prisma = createPrisma(stack.databaseUrl);
  try {
    const base = `${stack.url}/api/v1`;
    const email = `bench-${Date.now()}@closebook.local`;
    const user = await createUser({ prisma, email, name: 'Benchmark Partner', password: 'benchmark password' });
    const tokenResponse = await fetch(`${base}/tokens`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password: 'benchmark password' }),
    });
    const { token } = (await tokenResponse.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };

    // 1. The firm's clients: a year of entries each, imported in one transaction per client.
    const now = new Date();
    const period = addMonths(periodOfInstant(now), -1);
    const seedStarted = performance.now();
    const organizationIds: string[] = [];
    let entries = 0;
    let lines = 0;
    let monthEntries = 0;
    for (let i = 0; i < ORGS; i++) {
      const actor = { userId: user.id };
      const { id } = await createOrganization({
        prisma,
        actor,
        input: { name: `Client ${String(i + 1).padStart(3, '0')} Ltd`, baseCurrency: 'EUR' },
        now,
      });
      const year = demoYear(now, 1000 + i, SCALE).filter((entry) => entry.date < `${period}-32`);
      const result = await importJournalEntries({ prisma, actor, organizationId: id, csv: demoJournalCsv(year), dryRun: false, now });
      if (!result.imported) throw new Error(`import failed: ${JSON.stringify(result.problems.slice(0, 3))}`);
      entries += result.entries;
      lines += result.lines;
      monthEntries += year.filter((entry) => entry.date.startsWith(period)).length;
      organizationIds.push(id);
      if ((i + 1) % 50 === 0) log(`${i + 1} organizations imported`);
    }
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    log(
      `imported ${entries} entries (${lines} lines) for ${ORGS} organizations in ${seedSeconds.toFixed(1)} s; ${Math.round(monthEntries / ORGS)} entries in ${period} per organization`,
    );

    // The live reports: every rebuild the imports queued, done by the workers.
    const buildStarted = performance.now();
    for (;;) {
      const [row] = await prisma.$queryRaw<{ count: bigint }[]>`
        SELECT count(*) AS count FROM graphile_worker._private_jobs WHERE run_at <= now() AND attempts < max_attempts`;
      if (!row || row.count === 0n) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    const liveReports = await prisma.reportTarget.count();
    const buildSeconds = (performance.now() - buildStarted) / 1000;
    log(`${liveReports} live report documents built in ${buildSeconds.toFixed(1)} s`);

    // The downloads: the month's four reports of every organization, looked up like a client does.
    const reportIds: string[] = [];
    for (const organizationId of organizationIds) {
      for (const type of REPORT_TYPES) {
        const response = await fetch(`${base}/organizations/${organizationId}/reports?type=${type}&period=${period}`, { headers: auth });
        reportIds.push(((await response.json()) as { id: string }).id);
      }
    }
    let pick = 0;
    const download = async () => {
      pick = (pick + 7919) % reportIds.length;
      await expectStatus(await fetch(`${base}/reports/${reportIds[pick]}/pdf`, { headers: auth }), 200);
    };
    // Warm-up: one pass over every report, so both phases see the same state of the web
    // process's rendered-file cache (REPORT_FILE_CACHE_MB=0 measures rendering every time).
    let warmed = 0;
    await closedLoop(
      CLIENTS,
      () => warmed >= reportIds.length,
      async () => {
        warmed += 1;
        await download();
      },
    );
    const baseline = await closedLoop(CLIENTS, SECONDS * 1000, download);
    log(`baseline downloads: ${JSON.stringify(baseline)}`);

    // 3. The run, under the same download load.
    const started = await fetch(`${base}/report-runs`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ period }),
    });
    if (started.status !== 202) throw new Error(`run: ${started.status} ${await started.text()}`);
    const { id: runId } = (await started.json()) as { id: string };
    let progress = { status: 'running', total: 0, done: 0, failed: 0, createdAt: '', finishedAt: null as string | null };
    let lastLogged = 0;
    const poller = (async () => {
      while (progress.status === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        progress = (await (await fetch(`${base}/report-runs/${runId}?organizations=false`, { headers: auth })).json()) as typeof progress;
        if (performance.now() - lastLogged > 10_000) {
          lastLogged = performance.now();
          log(`run: ${progress.done}/${progress.total} done, ${progress.failed} failed`);
        }
      }
    })();
    const during = await closedLoop(CLIENTS, () => progress.status !== 'running', download);
    await poller;
    const runSeconds = (Date.parse(progress.finishedAt ?? '') - Date.parse(progress.createdAt)) / 1000;

    // 3b. The same run again (a new run: the first has finished) with no other load: the
    // snapshot throughput of these workers alone.
    const again = await fetch(`${base}/report-runs`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ period }),
    });
    const { id: aloneId } = (await again.json()) as { id: string };
    let alone = { status: 'running', done: 0, createdAt: '', finishedAt: null as string | null };
    while (alone.status === 'running') {
      await new Promise((resolve) => setTimeout(resolve, 500));
      alone = (await (await fetch(`${base}/report-runs/${aloneId}?organizations=false`, { headers: auth })).json()) as typeof alone;
    }
    const aloneSeconds = (Date.parse(alone.finishedAt ?? '') - Date.parse(alone.createdAt)) / 1000;
    const alonePerSecond = Math.round((alone.done / aloneSeconds) * 10) / 10;

    // 4. The ZIP, streamed through the API, while sampling the web process's memory.
    const webPid = stack.pid('web') ?? 0;
    const webBefore = processMemory(webPid)?.rssMb ?? 0;
    let webPeak = webBefore;
    const sampler = setInterval(() => {
      const rss = processTree(webPid).reduce((sum, pid) => sum + (processMemory(pid)?.rssMb ?? 0), 0);
      webPeak = Math.max(webPeak, rss);
    }, 50);
    const zipStarted = performance.now();
    const zip = await fetch(`${base}/report-runs/${runId}/download`, { headers: auth });
    let zipBytes = 0;
    for await (const chunk of zip.body as unknown as AsyncIterable<Uint8Array>) zipBytes += chunk.byteLength;
    const zipSeconds = (performance.now() - zipStarted) / 1000;
    clearInterval(sampler);

    // 5. Peak memory of every process.
    const processes = [
      ...processTree(webPid).map((pid) => ({ name: 'web (next start)', pid })),
      ...stack.processNames.filter((name) => name !== 'web').map((name) => ({ name, pid: stack.pid(name) ?? 0 })),
      { name: `this process (load generator${stack.mongoKind.includes('Congo') ? ' + in-process Mongo server' : ''})`, pid: process.pid },
    ];
    const postgres = processTree(process.pid)
      .map((pid) => processMemory(pid))
      .filter((memory) => memory?.command.includes('postgres'));
    const memory = processes.map(({ name, pid }) => ({ name, peakMb: processMemory(pid)?.peakMb ?? null }));
    if (postgres.length > 0) {
      memory.push({
        name: `PostgreSQL (largest of ${postgres.length} processes)`,
        peakMb: Math.max(...postgres.map((entry) => entry?.peakMb ?? 0)),
      });
    }

    const ratio = (a: LatencySummary, b: LatencySummary) => Math.round((a.p99 / b.p99) * 100) / 100;
    const snapshotsPerSecond = Math.round((progress.done / runSeconds) * 10) / 10;
    const table = [
      ['machine', `${os.cpus().length} cores, ${mb(os.totalmem())} MB RAM; read side: ${stack.mongoKind}`],
      ['firm', `${ORGS} organizations, ${entries} entries (${lines} lines), ~${Math.round(monthEntries / ORGS)} entries in ${period} each`],
      ['workers', `${args.workers} processes, REPORT_RUN_CONCURRENCY=${args.concurrency}, web file cache ${args['file-cache-mb']} MB`],
      ['live reports built', `${liveReports} in ${buildSeconds.toFixed(1)} s`],
      ['run', `${progress.done} snapshots (${progress.failed} failed) in ${runSeconds.toFixed(1)} s = ${snapshotsPerSecond} snapshots/s`],
      ['same run, no other load', `${alone.done} snapshots in ${aloneSeconds.toFixed(1)} s = ${alonePerSecond} snapshots/s`],
      ['downloads without run', `${baseline.perSecond}/s  p50 ${baseline.p50} ms  p95 ${baseline.p95} ms  p99 ${baseline.p99} ms`],
      [
        'downloads during run',
        `${during.perSecond}/s  p50 ${during.p50} ms  p95 ${during.p95} ms  p99 ${during.p99} ms  (p99 ×${ratio(during, baseline)})`,
      ],
      ['run ZIP', `${mb(zipBytes)} MB in ${zipSeconds.toFixed(1)} s; web RSS ${webBefore} MB before, ${webPeak} MB peak during`],
      ...memory.map((entry) => [`peak RSS ${entry.name}`, entry.peakMb === null ? 'n/a' : `${entry.peakMb} MB`]),
    ];
    for (const [label, value] of table) console.log(`${(label ?? '').padEnd(44)} ${value}`);
    console.log(
      JSON.stringify({
        orgs: ORGS,
        entries,
        lines,
        runSeconds,
        snapshots: progress.done,
        failed: progress.failed,
        snapshotsPerSecond,
        alone: { snapshots: alone.done, seconds: aloneSeconds, snapshotsPerSecond: alonePerSecond },
        baseline,
        during,
        p99Ratio: ratio(during, baseline),
        zip: { bytes: zipBytes, seconds: zipSeconds, webRssBeforeMb: webBefore, webRssPeakMb: webPeak },
        memory,
        mongo: stack.mongoKind,
      }),
    );
  } finally {
    await prisma.$disconnect();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().then(() => process.exit(0), exitOnStartFailure);
