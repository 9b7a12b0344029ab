// `npm run bench:downloads`: issue 9's measuring stick — PDF downloads by ID at peak,
// against the local limit and against computing on request (a benchmark, not a test).
//
//  1. data through the real API: one organization with --big-lines journal lines (CSV
//     imports of ≤ 50,000 lines), --small-orgs small ones; every report up to date;
//     every report PDF of the data set (all four types) requested with Zipf popularity;
//  2. wrk from a second process, phases in one run: (a) Closebook PDF by ID at --clients,
//     with correctness probes alongside (read your writes, non-member 404, token revocation
//     and expiry); (b) 304 revalidation; (c) a plain node:http server with the same bytes;
//     (d) the framework's own 404; (e) compute on request; (f) cold first downloads;
//  3. a table of raw figures, ratios, memory, pass/fail per target, one JSON line.
// --data-dir DIR keeps the data (embedded PostgreSQL) and skips set-up when DIR already
// holds a data set of the same shape. See README.md, "Benchmark".
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createPrisma, type PrismaClient } from '../lib/adapters/db/prisma';
import { startStack, type RunningStack } from '../lib/adapters/infra/stack';
import { periodOfInstant } from '../lib/domains/accounting/periods';
import { processMemory, processTree } from './bench-stats';
import { Api, issueToken } from './bench-downloads/api';
import { coldDownloads } from './bench-downloads/cold';
import { checkCorrectness } from './bench-downloads/correctness';
import { loadDataset, setUpDataset } from './bench-downloads/dataset';
import { readOptions } from './bench-downloads/options';
import { printResults } from './bench-downloads/output';
import { startChildServer, stopAllChildren } from './bench-downloads/processes';
import { fetchAll, pdfPages, refetch, waitForAllReports, waitUpToDate, writeWrkFiles, zipfSample } from './bench-downloads/reports';
import { webDiagnostics } from './bench-downloads/web-diagnostics';
import { runWrk, type WrkMode } from './bench-downloads/wrk';

const options = readOptions();
const log = (line: string) => console.error(`[bench] ${line}`);

async function main(): Promise<void> {
  const dataDir = options.dataDir ? path.resolve(options.dataDir) : await mkdtemp(path.join(os.tmpdir(), 'closebook-bench-dl-'));
  const keepData = options.dataDir !== undefined || options.keep;
  await mkdir(dataDir, { recursive: true });
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'closebook-bench-dl-work-'));
  let stack: RunningStack | undefined;
  let prisma: PrismaClient | undefined;
  let sampler: NodeJS.Timeout | undefined;
  let cleaning: Promise<void> | undefined;
  const cleanup = () =>
    (cleaning ??= (async () => {
      clearInterval(sampler);
      await stopAllChildren();
      await prisma?.$disconnect();
      await stack?.stop();
      await rm(workDir, { recursive: true, force: true });
      if (!keepData) await rm(dataDir, { recursive: true, force: true });
      else log(`data kept in ${dataDir} (reuse it with --data-dir ${dataDir})`);
    })());
  const onSignal = () => void cleanup().finally(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    stack = await startStack({
      port: options.port,
      workers: options.workers,
      dataDir,
      seed: false,
      env: { LOG_LEVEL: 'warning', ...options.webEnv },
      log: (line) => console.error(`[stack] ${line}`),
    });
    const running = stack;
    prisma = createPrisma(running.databaseUrl);
    const base = `${running.url}/api/v1`;

    // Web process memory, sampled all along (the whole process tree of `next start`).
    const webPid = running.pid('web') ?? 0;
    const memory = { peak: 0, phasePeak: 0 };
    sampler = setInterval(() => {
      const rss = processTree(running.pid('web') ?? webPid).reduce((sum, pid) => sum + (processMemory(pid)?.rssMb ?? 0), 0);
      memory.peak = Math.max(memory.peak, rss);
      memory.phasePeak = Math.max(memory.phasePeak, rss);
    }, 100);

    // 1. Data, reports up to date, the mix.
    const existing = await loadDataset(dataDir, options);
    if (existing) log(`reusing the data set in ${dataDir} (${existing.lines} journal lines, set up in ${existing.setupSeconds} s)`);
    const dataset = existing ?? (await setUpDataset({ base, prisma, dataDir, bench: options, log }));
    memory.peak = 0; // the budget is about serving: the CSV imports above do not count
    const owner = new Api(base, await issueToken(base, dataset.owner, dataset.password));
    const outsider = new Api(base, await issueToken(base, dataset.outsider, dataset.password));
    const probeTokens: [string, string] = [
      await issueToken(base, dataset.probe, dataset.password),
      await issueToken(base, dataset.probe, dataset.password),
    ];
    const listed = await waitForAllReports(owner, dataset, options.readyTimeoutSeconds * 1000, log);
    const dumpDir = path.join(workDir, 'pdfs');
    await mkdir(dumpDir);
    const warmStarted = performance.now();
    let targets = await fetchAll(running.url, owner, listed, dumpDir);
    const warmSeconds = (performance.now() - warmStarted) / 1000;
    log(`first pass: ${targets.length} PDFs downloaded in ${warmSeconds.toFixed(1)} s`);
    const sample = zipfSample(targets.length, options.zipf, 100_000);
    const biggest = [...targets].filter((t) => t.type === 'general-ledger' && t.big).sort((a, b) => b.bytes - a.bytes)[0];
    const biggestPages = biggest ? pdfPages(await readFile(biggest.file)) : 0;
    const hits = new Map<number, number>();
    for (const index of sample) hits.set(index, (hits.get(index) ?? 0) + 1);
    const topShare = [...hits.values()].sort((a, b) => b - a).slice(0, Math.ceil(targets.length / 100));
    const meanBytes = sample.reduce((sum, index) => sum + (targets[index]?.bytes ?? 0), 0) / sample.length;

    const wrk = async (label: string, url: string, files: { targetsFile: string; sampleFile: string }, mode: WrkMode, extra = {}) => {
      memory.phasePeak = 0;
      log(`phase: ${label}`);
      return runWrk({
        label,
        baseUrl: url,
        ...files,
        token: owner.token,
        mode,
        clients: options.clients,
        seconds: options.seconds,
        threads: options.wrkThreads,
        cpus: options.wrkCpus,
        timeoutSeconds: 30,
        workDir,
        ...extra,
      });
    };

    // 2a. Closebook PDF by ID: downloads only (the throughput and latency targets), then
    // again while writers post into a few organizations (the correctness probes, and what
    // their rebuilds and re-renders cost the downloads).
    const getFiles = await writeWrkFiles(workDir, 'pdf', targets, sample);
    const webSaw = await webDiagnostics(`${running.url}/metrics`);
    const closebook = await wrk(`(a) Closebook PDF by ID`, running.url, getFiles, 'get');
    const closebookServerSide = await webSaw();
    const peakDuringPdfMb = memory.phasePeak;
    const period = periodOfInstant(new Date());
    const probe = new Api(base, probeTokens[0]);
    const probeReport = await waitUpToDate(probe, dataset.probeOrg, 'trial-balance', period);
    const writerOrgs = dataset.smallOrgs.slice(0, options.writers);
    let loadRunning = true;
    const correctness = checkCorrectness(
      {
        base,
        baseUrl: running.url,
        prisma,
        owner,
        outsider,
        probeTokens,
        probePdf: `/api/v1/reports/${probeReport.id}/pdf`,
        writerOrgs,
        period,
        targets,
        tokenBoundMs: options.tokenBoundMs,
      },
      () => loadRunning,
      options.seconds * 1000,
    );
    const withWriters = await wrk(`(a') the same, ${writerOrgs.length} writers posting`, running.url, getFiles, 'get').finally(
      () => (loadRunning = false),
    );
    const correctnessResult = await correctness;

    // The writers changed their organizations' reports: fresh bytes and ETags for those, once
    // the rebuilds of their last writes have landed (an ETag taken earlier would answer 200).
    const touched = new Set(writerOrgs);
    for (const t of targets) if (touched.has(t.organizationId)) await waitUpToDate(owner, t.organizationId, t.type, t.period);
    targets = await Promise.all(targets.map((t) => (touched.has(t.organizationId) ? refetch(running.url, owner, t) : Promise.resolve(t))));

    // 2b. Revalidation with each URL's current ETag.
    const revalidate = await wrk(
      '(b) Closebook 304 revalidation',
      running.url,
      await writeWrkFiles(workDir, 'etag', targets, sample),
      'revalidate',
    );

    // 2c. The same bytes from a plain node:http server.
    const plainTargets = path.join(workDir, 'plain-targets.tsv');
    await writeFile(plainTargets, targets.map((t) => `${t.path}\t${t.etag}\t${t.file}`).join('\n') + '\n');
    const plainServer = await startChildServer('plain-server.ts', [plainTargets]);
    const plain = await wrk(
      '(c) plain node:http, same bytes',
      plainServer.url,
      await writeWrkFiles(workDir, 'plain', targets, sample),
      'get',
    );
    await plainServer.stop();

    // 2d. The framework's own 404.
    const missing = await writeWrkFiles(workDir, 'missing', [{ path: '/bench-downloads/no-such-page', etag: '' }], [0]);
    const notFound = await wrk('(d) Next.js 404 (no such page)', running.url, missing, 'get');

    // 2e. Compute on request: the big organization's trial balance from its journal lines.
    const lastBigPeriod = dataset.bigPeriods.at(-1) ?? period;
    const computeServer = await startChildServer('compute-server.ts', [], {
      DATABASE_URL: running.databaseUrl,
      BENCH_ORG: dataset.bigOrg,
      BENCH_PERIOD: lastBigPeriod,
    });
    const computeFiles = await writeWrkFiles(workDir, 'compute', [{ path: '/', etag: '' }], [0]);
    const compute = await wrk('(e) compute on request (SQL + PDF)', computeServer.url, computeFiles, 'get', {
      clients: options.computeClients,
      seconds: options.computeSeconds,
      timeoutSeconds: 120,
    });
    await computeServer.stop();

    // 2f. Cold: the first download after a rebuild.
    log('phase: (f) cold first downloads');
    const cold = await coldDownloads({ baseUrl: running.url, owner, targets, rounds: options.coldRounds, smallPerRound: 5, log });

    const mongo = running.mongoKind;
    printResults({
      readSide: mongo,
      readSideLabel: process.env.MONGODB_URI
        ? ''
        : mongo.includes('Congo')
          ? 'against the MongoDB-wire test double (in memory, a process of its own)'
          : 'against an embedded in-memory mongod',
      machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 1024 ** 3)} GB RAM, ${options.workers} workers, wrk -t${options.wrkThreads}${options.wrkCpus ? ` pinned to CPU ${options.wrkCpus}` : ''}`,
      dataSet: {
        'journal lines': dataset.lines,
        'big organization lines': options.bigLines,
        'small organizations': dataset.smallOrgs.length,
        'report PDFs in the mix': targets.length,
        'largest general ledger pages': biggestPages,
        'mean bytes per request': Math.round(meanBytes),
        [`share of requests to the top 1 % (Zipf s=${options.zipf})`]: `${((topShare.reduce((a, b) => a + b, 0) / sample.length) * 100).toFixed(1)} %`,
        'first pass over every PDF (s)': warmSeconds.toFixed(1),
      },
      phases: { closebook, withWriters, revalidate, plain, notFound, compute },
      closebookServerSide,
      computeNote: `(e) measured at ${options.computeClients} clients for ${options.computeSeconds} s (trial balance of ${lastBigPeriod} from ${options.bigLines} journal lines, rendered per request)`,
      cold,
      correctness: correctnessResult,
      memory: {
        budgetMb: options.memoryBudgetMb,
        peakTreeRssMb: memory.peak,
        peakDuringPdfMb,
        webVmHwmMb: processMemory(running.pid('web') ?? webPid)?.peakMb ?? null,
      },
    });
  } finally {
    await cleanup();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
