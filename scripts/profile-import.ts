// Where an import's time goes, in one process (no HTTP, no web server): embedded PostgreSQL,
// the in-memory read side, the use case called directly, then the worker's real tasks
// drained with graphile-worker's runOnce. Run with `node --cpu-prof --import tsx` for the
// JavaScript side; the rest of the wall time is PostgreSQL (and the read side).
//   npx tsx scripts/profile-import.ts --lines 200000 --months 12
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { runOnce } from 'graphile-worker';
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
    /** auto_explain every statement over N ms, nested statements and triggers included, into this file. */
    explain: { type: 'string' },
    'explain-ms': { type: 'string', default: '100' },
    /** An existing server's maintenance database URL: the data is kept in database `closebook_profile` there. */
    server: { type: 'string' },
  },
});

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
    for (const [index, csv] of files.entries()) {
      const t = performance.now();
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
      const jobs = await pool.query<{ n: string }>('SELECT count(*) AS n FROM graphile_worker.jobs');
      let drainMs = 0;
      if (args['drain-each']) {
        await new Promise((resolve) => setTimeout(resolve, 250));
        drainMs = await drain();
        drains += drainMs;
      }
      console.log(
        `file ${index + 1}/${files.length}: ${result.lines} lines imported in ${importMs} ms, ${jobs.rows[0]?.n} jobs queued, drain ${drainMs} ms`,
      );
    }
    const importedMs = ms(started) - drains;
    await new Promise((resolve) => setTimeout(resolve, 250));
    const tail = await drain();
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
      await saveReportsIfNewer(
        app.db,
        documents.map((document) => ({ ...document, asOfSequence: document.asOfSequence + 1 })),
      );
      console.log(`rebuild probe ${probe}: ${inputs.lines?.length} lines: load ${loadMs} ms, build ${buildMs} ms, save ${ms(t)} ms`);
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
