// Brings up the whole application on this machine: databases (configured or embedded),
// migrations, demo seed (embedded only), the Next.js server and N worker processes.
// Used by `npm start`, the Playwright web server and the benchmarks.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createPrisma } from '../db/prisma';
import { migrate } from '../db/migrate';
import { scheduleAllReportRebuilds } from '../../domains/reports/commands/schedule-all-report-rebuilds';
import { seedDemo } from '../../domains/demo/seed-demo';
import { startEmbeddedMongo, type RunningMongo } from './embedded-mongo';
import { startEmbeddedPostgres, type RunningPostgres } from './embedded-postgres';
import { forgetRuntime, recordRuntime, runtimeFile } from './runtime-file';
import { superviseChildren, type ChildExit, type ChildSpec, type RestartPolicy } from './supervisor';
import { testUsersRefusal } from './test-users';

export interface StackOptions {
  port: number;
  workers: number;
  /** Folder for embedded PostgreSQL data (when DATABASE_URL is not set). */
  dataDir: string;
  seed: boolean;
  dev?: boolean;
  log?: (line: string) => void;
  /** Extra environment for the child processes. */
  env?: Record<string, string>;
  /**
   * Worker i (from 1) serves its /metrics on this port + i − 1 (WORKER_METRICS_PORT); unset:
   * the workers serve none. Each worker is its own process with its own port.
   */
  workerMetricsPort?: number;
  /** How crashed processes are restarted (lib/adapters/infra/supervisor.ts). */
  restartPolicy?: Partial<RestartPolicy>;
  /**
   * Set by callers that then create fixed-password users (the e2e server, benchmarks): names
   * them in the refusal when DATABASE_URL points at a database the stack did not start.
   */
  createsTestUsers?: string;
}

export interface RunningStack {
  url: string;
  databaseUrl: string;
  mongoUri: string;
  mongoKind: string;
  embeddedPostgres: boolean;
  seeded: boolean;
  /** Names of the supervised processes: "web", "worker 1", … */
  processNames: string[];
  /** A process's current PID (it changes when the supervisor restarts it). */
  pid(name: string): number | undefined;
  /** Resolves when a process keeps crashing and the supervisor gave up on it. */
  gaveUp: Promise<ChildExit>;
  stop(): Promise<void>;
}

// lib/adapters/infra → the project root.
const ROOT = path.resolve(__dirname, '..', '..', '..');

/** startStack refused to run (see testUsersRefusal): callers print the message alone and exit 1. */
export class TestUsersRefused extends Error {
  override readonly name = 'TestUsersRefused';
}

/** The end of a script's main(): a refusal is a sentence for the operator, anything else a stack trace. */
export function exitOnStartFailure(error: unknown): never {
  console.error(error instanceof TestUsersRefused ? `\n${error.message}\n` : error);
  process.exit(1);
}

export async function startStack(options: StackOptions): Promise<RunningStack> {
  const log = options.log ?? ((line: string) => console.log(line));
  // Before touching anything: not even migrations run on a database it must not use.
  const refusal = options.createsTestUsers ? testUsersRefusal(options.createsTestUsers) : null;
  if (refusal) throw new TestUsersRefused(refusal);
  let postgres: RunningPostgres | undefined;
  let mongo: RunningMongo | undefined;
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    postgres = await startEmbeddedPostgres({
      dataDir: path.join(options.dataDir, 'postgres'),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
    });
    await postgres.createDatabase('closebook');
    databaseUrl = postgres.urlFor('closebook');
    log(`PostgreSQL 17 (embedded) at ${databaseUrl.replace(/:[^:@/]+@/, ':***@')}, data in ${path.join(options.dataDir, 'postgres')}`);
  }
  let mongoUri = process.env.MONGODB_URI;
  let mongoKind = 'MongoDB at MONGODB_URI';
  if (!mongoUri) {
    mongo = await startEmbeddedMongo({ ownProcess: true });
    mongoUri = mongo.uri;
    mongoKind = mongo.kind;
    log(`MongoDB: ${mongo.kind}`);
  }

  const { applied } = await migrate(databaseUrl, path.join(ROOT, 'prisma', 'migrations'));
  if (applied.length > 0) log(`migrations applied: ${applied.join(', ')}`);

  const prisma = createPrisma(databaseUrl);
  let seeded = false;
  try {
    if (postgres && options.seed) {
      const started = Date.now();
      seeded = (await seedDemo({ prisma, now: new Date(), log })).created;
      if (seeded) log(`demo data seeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    }
    // An in-memory read side starts empty: rebuild every known report from the ledger.
    if (mongo) {
      const count = await scheduleAllReportRebuilds(prisma);
      if (count > 0) log(`read side is in memory: ${count} report rebuilds queued from PostgreSQL`);
    }
  } finally {
    await prisma.$disconnect();
  }

  const env = {
    ...process.env,
    ...options.env,
    DATABASE_URL: databaseUrl,
    MONGODB_URI: mongoUri,
    NEXT_TELEMETRY_DISABLED: '1',
    PORT: String(options.port),
  };
  const bin = (name: string) => path.join(ROOT, 'node_modules', '.bin', name);
  if (!options.dev && buildIsStale()) {
    log('the production build is missing or older than the sources: running next build…');
    await runToEnd(bin('next'), ['build'], env);
  }
  // The web process is Next.js behind the download hot path (web/main.ts); like the
  // workers it runs as node --import tsx, so its PID is the server itself.
  const specs: ChildSpec[] = [
    {
      name: 'web',
      command: process.execPath,
      // WEB_NODE_ARGS: extra node flags for the web process only (e.g. `--cpu-prof --cpu-prof-dir=DIR`
      // to profile it under a benchmark; NODE_OPTIONS refuses --cpu-prof).
      args: [
        ...(process.env.WEB_NODE_ARGS ?? '').split(' ').filter(Boolean),
        '--import',
        'tsx',
        path.join(ROOT, 'web', 'main.ts'),
        ...(options.dev ? ['--dev'] : []),
      ],
      cwd: ROOT,
      env: { ...env, NODE_ENV: options.dev ? 'development' : 'production' },
    },
  ];
  // An inherited WORKER_METRICS_PORT would be the same port for every worker: each gets its own or none.
  const workerEnv: NodeJS.ProcessEnv = { ...env };
  delete workerEnv.WORKER_METRICS_PORT;
  for (let i = 1; i <= options.workers; i++) {
    // node --import tsx (not the tsx CLI, which runs the script in a child process): the
    // PID is the worker itself, so signals (and kill -9) reach it.
    const metricsPort = options.workerMetricsPort === undefined ? {} : { WORKER_METRICS_PORT: String(options.workerMetricsPort + i - 1) };
    specs.push({
      name: `worker ${i}`,
      command: process.execPath,
      // WORKER_NODE_ARGS: extra node flags for the workers, as WEB_NODE_ARGS for the web process.
      args: [...(process.env.WORKER_NODE_ARGS ?? '').split(' ').filter(Boolean), '--import', 'tsx', path.join(ROOT, 'workers', 'main.ts')],
      cwd: ROOT,
      env: { ...workerEnv, ...metricsPort },
    });
  }
  const supervisor = superviseChildren(specs, {
    log: (line) => log(`[supervisor] ${line}`),
    ...(options.restartPolicy ? { policy: options.restartPolicy } : {}),
  });
  const url = `http://127.0.0.1:${options.port}`;
  await waitForHttp(`${url}/api/health`, 120_000);
  // Let operator scripts (reports:verify, reports:rebuild) find embedded servers.
  const runtime = runtimeFile(options.dataDir);
  if (postgres || mongo) recordRuntime(runtime, { databaseUrl, mongoUri });

  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      forgetRuntime(runtime);
      await supervisor.stop();
      await mongo?.stop();
      await postgres?.stop();
    })();
    return stopping;
  };
  return {
    url,
    databaseUrl,
    mongoUri,
    mongoKind,
    embeddedPostgres: postgres !== undefined,
    seeded,
    processNames: specs.map((spec) => spec.name),
    pid: (name) => supervisor.pid(name),
    gaveUp: supervisor.gaveUp,
    stop,
  };
}

/** True when .next is missing or any source file the app bundles is newer than it. */
function buildIsStale(): boolean {
  const buildId = path.join(ROOT, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return true;
  const builtAt = statSync(buildId).mtimeMs;
  const newer = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return entry.name !== 'generated' && newer(full);
      return /\.(tsx?|cjs|css)$/.test(entry.name) && statSync(full).mtimeMs > builtAt;
    });
  const rootFiles = ['next.config.js', 'instrumentation.ts'].map((file) => path.join(ROOT, file));
  return ['app', 'lib'].some((dir) => newer(path.join(ROOT, dir))) || rootFiles.some((file) => statSync(file).mtimeMs > builtAt);
}

function runToEnd(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: 'inherit' });
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(command)} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

async function waitForHttp(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(url);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * Keeps a started stack running until Ctrl+C / SIGTERM (then stops it and exits 0). A
 * process that dies is restarted by the supervisor; only one that keeps crashing stops the
 * rest, with exit code 1. `afterStop` runs either way (the e2e server removes its data folder).
 */
export async function superviseStack(
  stack: RunningStack,
  label: string,
  afterStop: () => Promise<void> = () => Promise.resolve(),
): Promise<never> {
  const stopAndExit = async (code: number): Promise<never> => {
    await stack.stop();
    await afterStop();
    process.exit(code);
  };
  const onSignal = () => void stopAndExit(0);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  const { name } = await stack.gaveUp;
  console.error(`[${label}] ${name} keeps crashing (see the supervisor's lines above); stopping everything`);
  return stopAndExit(1);
}
