// Where an import's time goes, in one process (no HTTP, no web server): embedded PostgreSQL,
// the in-memory read side, the use case called directly, then the worker's real tasks
// drained with graphile-worker's runOnce. Run with `node --cpu-prof --import tsx` for the
// JavaScript side; the rest of the wall time is PostgreSQL (and the read side).
//   npx tsx scripts/profile-import.ts --lines 200000 --months 12
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { run, runOnce, type Task, type TaskList } from 'graphile-worker';
import pg from 'pg';
import { migrate } from '../lib/adapters/db/migrate';
import { createDatabase, startEmbeddedPostgres } from '../lib/adapters/infra/embedded-postgres';
import { startEmbeddedMongo } from '../lib/adapters/infra/embedded-mongo';
import { queueLogger } from '../lib/adapters/queue/logger';
import { closeAppContext, createAppContext } from '../lib/context';
import { addMonths, periodOfInstant } from '../lib/domains/accounting/periods';
import { createUser } from '../lib/domains/auth/users';
import { createOrganization } from '../lib/domains/ledger/commands/create-organization';
import { importJournalEntries } from '../lib/domains/ledger/commands/import-journal-entries';
import { verifyLedger } from '../lib/domains/ledger/queries/verify-ledger';
import { createTaskList } from '../workers/tasks';
import { buildReport, loadReportInputs } from '../lib/domains/reports/commands/rebuild-report';
import { saveReportsIfNewer } from '../lib/domains/reports/store';
import { REPORT_TYPES } from '../lib/domains/reports/types';
import { journalCsvChunks } from './bench-downloads/dataset';

const { values: args } = parseArgs({
  options: {
    lines: { type: 'string', default: '200000' },
    months: { type: 'string', default: '12' },
    /** Drain the queue after every file (as a worker running alongside would), or only at the end. */
    'drain-each': { type: 'boolean', default: false },
    /** Run the worker in this process during the imports (concurrency 4, as deployed) and upload 2 files at a time (as npm run bench). */
    worker: { type: 'boolean', default: false },
    /** auto_explain every statement over N ms, nested statements and triggers included, into this file. */
    explain: { type: 'string' },
    'explain-ms': { type: 'string', default: '100' },
    /** An existing server's maintenance database URL: the data is kept in database `closebook_profile` there. */
    server: { type: 'string' },
  },
});

/** CPU seconds (user + system) of the PostgreSQL server: the postmaster and all its children. */
const lastByProcess = new Map<string, number>();
/** Which PostgreSQL processes used the CPU since the last call (backend, autovacuum, checkpointer…). */
async function postgresCpuByProcess(dataDir: string | null): Promise<string> {
  if (!dataDir) return '';
  const postmaster = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const deltas: [string, number][] = [];
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
      if (Number(stat[1]) !== postmaster) continue;
      const name = (await readFile(`/proc/${pid}/cmdline`, 'utf8'))
        .replaceAll('\0', ' ')
        .trim()
        .replace(/\(\d+\)/, '');
      const cpu = (Number(stat[11]) + Number(stat[12])) * 10;
      const key = `${pid} ${name}`;
      deltas.push([name, cpu - (lastByProcess.get(key) ?? 0)]);
      lastByProcess.set(key, cpu);
    } catch {
      // ended meanwhile
    }
  }
  const byName = new Map<string, number>();
  for (const [name, delta] of deltas) byName.set(name, (byName.get(name) ?? 0) + delta);
  return [...byName]
    .filter(([, delta]) => delta > 0)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 4)
    .map(([name, delta]) => `${name}: ${delta} ms`)
    .join('; ');
}

async function postgresCpuMs(dataDir: string | null): Promise<number> {
  if (!dataDir) return Number.NaN;
  const postmaster = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
  const tick = 10; // ms per clock tick (USER_HZ 100)
  let total = 0;
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = (await readFile(`/proc/${pid}/stat`, 'utf8')).split(') ')[1]?.split(' ') ?? [];
      const ppid = Number(stat[1]);
      // The postmaster's own time plus that of its children that have exited (cutime, cstime), plus the live children's.
      if (Number(pid) === postmaster) total += (Number(stat[11]) + Number(stat[12]) + Number(stat[13]) + Number(stat[14])) * tick;
      else if (ppid === postmaster) total += (Number(stat[11]) + Number(stat[12])) * tick;
    } catch {
      // the process ended meanwhile
    }
  }
  return total;
}

/** Imports two files at a time while a worker (concurrency 4) runs the rebuilds, until no job is left; wall and CPU. */
async function workerRun(options: {
  pool: pg.Pool;
  taskList: TaskList;
  files: string[];
  importFile: (csv: string) => Promise<{ imported: boolean }>;
  pgDir: string | null;
  lines: number;
}): Promise<void> {
  const builds = { total: 0, slow: 0 };
  const counted: TaskList = Object.fromEntries(
    Object.entries(options.taskList).map(([name, task]) => [
      name,
      (async (payload, helpers) => {
        const started = performance.now();
        await task?.(payload, helpers);
        if (name === 'rebuild-period') {
          builds.total += 1;
          if (performance.now() - started > 100) builds.slow += 1;
        }
      }) satisfies Task,
    ]),
  );
  const pgBefore = await postgresCpuMs(options.pgDir);
  const nodeBefore = process.cpuUsage();
  const started = performance.now();
  const runner = await run({ pgPool: options.pool, taskList: counted, concurrency: 4, pollInterval: 1000, logger: queueLogger('error') });
  let next = 0;
  const upload = async () => {
    while (next < options.files.length) {
      const csv = options.files[next++] ?? '';
      const result = await options.importFile(csv);
      if (!result.imported) throw new Error('not imported');
    }
  };
  await Promise.all([upload(), upload()]);
  const imported = performance.now() - started;
  for (;;) {
    const { rows } = await options.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM graphile_worker.jobs');
    if ((rows[0]?.n ?? 0) === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const total = performance.now() - started;
  await runner.stop();
  const node = process.cpuUsage(nodeBefore);
  const pgMs = (await postgresCpuMs(options.pgDir)) - pgBefore;
  const nodeMs = Math.round((node.user + node.system) / 1000);
  console.log(
    `with a worker: imported in ${Math.round(imported)} ms, no job left after ${Math.round(total)} ms (${Math.round(options.lines / (total / 1000))} lines/s); ` +
      `CPU: PostgreSQL ${pgMs} ms + this process ${nodeMs} ms = ${pgMs + nodeMs} ms; rebuild-period jobs ${builds.total}, of which builds (> 100 ms) ${builds.slow}`,
  );
}

async function main(): Promise<void> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'closebook-profile-'));
  const explainLog: string[] = [];
  const postgres = args.server
    ? null
    : await startEmbeddedPostgres({
        dataDir: path.join(dir, 'pg'),
        port: 54391,
        persistent: false,
        log: args.explain ? (line) => explainLog.push(line) : undefined,
      });
  const mongo = await startEmbeddedMongo();
  let databaseUrl: string;
  if (postgres) {
    await postgres.createDatabase('closebook');
    databaseUrl = postgres.urlFor('closebook');
  } else {
    const url = new URL(args.server ?? '');
    await createDatabase(url.toString(), 'closebook_profile');
    url.pathname = '/closebook_profile';
    databaseUrl = url.toString();
  }
  await migrate(databaseUrl, path.join(__dirname, '..', 'prisma', 'migrations'));
  if (args.explain) {
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    await admin.query(`ALTER DATABASE closebook SET session_preload_libraries = 'auto_explain'`);
    for (const [name, value] of [
      ['log_min_duration', args['explain-ms']],
      ['log_analyze', 'on'],
      ['log_nested_statements', 'on'],
      ['log_triggers', 'on'],
      ['log_buffers', 'on'],
      ['log_timing', 'on'],
    ])
      await admin.query(`ALTER DATABASE closebook SET auto_explain.${name} = '${value}'`);
    await admin.end();
  }
  const app = createAppContext({ databaseUrl, mongoUri: mongo.uri, mongoDbName: 'profile' });
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 6 });
  pool.on('error', () => undefined);
  const taskList = createTaskList({ prisma: app.prisma, db: app.db, databaseUrl });
  const ms = (since: number) => Math.round(performance.now() - since);
  const drain = async () => {
    const started = performance.now();
    await runOnce({ pgPool: pool, taskList, logger: queueLogger('error') });
    return ms(started);
  };
  try {
    const user = await createUser({ prisma: app.prisma, email: 'p@example.test', name: 'P', password: 'correct horse' });
    const actor = { userId: user.id };
    const now = new Date();
    const org = await createOrganization({ prisma: app.prisma, actor, input: { name: 'Profile Ltd', baseCurrency: 'EUR' }, now });
    await drain();
    const period = periodOfInstant(now);
    const months = Number(args.months);
    const periods = Array.from({ length: months }, (_, i) => addMonths(period, i - months + 1));
    const files = [...journalCsvChunks(Math.ceil(Number(args.lines) / 2), periods, 7)];
    const started = performance.now();
    let drains = 0;
    const pgDir = postgres ? path.join(dir, 'pg') : null;
    let pgCpu = 0;
    let nodeCpu = 0;
    if (args.worker) {
      await workerRun({
        pool,
        taskList,
        files,
        importFile: (csv) =>
          importJournalEntries({ prisma: app.prisma, sql: app.sql, actor, organizationId: org.id, csv, dryRun: false, now: new Date() }),
        pgDir,
        lines: Number(args.lines),
      });
      return;
    }
    for (const [index, csv] of files.entries()) {
      const t = performance.now();
      await postgresCpuByProcess(pgDir);
      const pgBefore = await postgresCpuMs(pgDir);
      const nodeBefore = process.cpuUsage();
      const result = await importJournalEntries({
        prisma: app.prisma,
        sql: app.sql,
        actor,
        organizationId: org.id,
        csv,
        dryRun: false,
        now: new Date(),
      });
      if (!result.imported) throw new Error(JSON.stringify(result.problems.slice(0, 3)));
      const importMs = ms(t);
      const pgMs = (await postgresCpuMs(pgDir)) - pgBefore;
      console.log(`  PostgreSQL processes: ${await postgresCpuByProcess(pgDir)}`);
      const nodeUsage = process.cpuUsage(nodeBefore);
      const nodeMs = Math.round((nodeUsage.user + nodeUsage.system) / 1000);
      pgCpu += pgMs;
      nodeCpu += nodeMs;
      const jobs = await pool.query<{ n: string }>('SELECT count(*) AS n FROM graphile_worker.jobs');
      let drainMs = 0;
      if (args['drain-each']) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        drainMs = await drain();
        drains += drainMs;
      }
      console.log(
        `file ${index + 1}/${files.length}: ${result.lines} lines imported in ${importMs} ms (CPU: PostgreSQL ${pgMs} ms, this process ${nodeMs} ms), ${jobs.rows[0]?.n} jobs queued, drain ${drainMs} ms`,
      );
    }
    const importedMs = ms(started) - drains;
    console.log(
      `import CPU: PostgreSQL ${pgCpu} ms, this process ${nodeCpu} ms (${Math.round((1000 * Number(args.lines)) / (pgCpu + nodeCpu))} lines per CPU second)`,
    );
    const wal = await pool.query<{ wal_bytes: string; wal_fpi: string; buffers_backend: string }>(
      "SELECT wal_bytes::text, wal_fpi::text, (SELECT sum(writes)::text FROM pg_stat_io WHERE backend_type = 'client backend') AS buffers_backend FROM pg_stat_wal",
    );
    console.log(
      `WAL ${Math.round(Number(wal.rows[0]?.wal_bytes) / 1e6)} MB, ${wal.rows[0]?.wal_fpi} full-page images, ${wal.rows[0]?.buffers_backend} buffers written by backends`,
    );
    await new Promise((resolve) => setTimeout(resolve, 250));
    const tailPg = await postgresCpuMs(pgDir);
    const tailNode = process.cpuUsage();
    const tail = await drain();
    const tailNodeUsage = process.cpuUsage(tailNode);
    console.log(
      `final drain CPU: PostgreSQL ${(await postgresCpuMs(pgDir)) - tailPg} ms, this process (worker tasks + read side) ${Math.round((tailNodeUsage.user + tailNodeUsage.system) / 1000)} ms`,
    );
    const total = ms(started);
    const lines = Number(args.lines);
    console.log(
      `imports ${importedMs} ms (${Math.round(lines / (importedMs / 1000))} lines/s), drains during ${drains} ms, final drain ${tail} ms`,
    );
    console.log(`total ${total} ms: ${Math.round(lines / (total / 1000))} lines/s`);
    for (const probe of [periods[0], periods.at(-1)]) {
      if (!probe) continue;
      let t = performance.now();
      const inputs = await loadReportInputs(app.prisma, { organizationId: org.id, period: probe, withLines: true }, new Date());
      if (!inputs) throw new Error('no inputs');
      const loadMs = ms(t);
      t = performance.now();
      const documents = REPORT_TYPES.map((type) => buildReport(type, inputs));
      const buildMs = ms(t);
      t = performance.now();
      const saveCpu = process.cpuUsage();
      await saveReportsIfNewer(
        app.db,
        documents.map((document) => ({ ...document, asOfSequence: document.asOfSequence + 1 })),
      );
      console.log(
        `rebuild probe ${probe}: ${inputs.lines?.length} lines: load ${loadMs} ms, build ${buildMs} ms, save ${ms(t)} ms (CPU of this process, the in-memory read side included: ${Math.round((process.cpuUsage(saveCpu).user + process.cpuUsage(saveCpu).system) / 1000)} ms)`,
      );
    }
    const verifyStarted = performance.now();
    const verified = await verifyLedger({ prisma: app.prisma, actor, organizationId: org.id });
    console.log(`ledger verify: ${JSON.stringify(verified)} in ${ms(verifyStarted)} ms`);
  } finally {
    await closeAppContext(app);
    await pool.end();
    await mongo.stop();
    await postgres?.stop();
    await rm(dir, { recursive: true, force: true });
    if (args.explain) await writeFile(args.explain, explainLog.join('\n'));
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
