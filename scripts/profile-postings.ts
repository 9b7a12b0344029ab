// Where a posting's CPU goes: `npm start`'s stack on a fresh embedded database, wrk posting
// balanced two-line entries over N organizations from 16 clients, and while it runs the CPU
// of every process on the machine, per posting, by kind (PostgreSQL, web, worker, wrk, other);
// then PostgreSQL's statements and functions by time (pg_stat_statements with nested
// statements, track_functions). A profiling aid, not the benchmark (npm run bench):
//   npx tsx scripts/profile-postings.ts --orgs 8 --seconds 15
//   npx tsx scripts/profile-postings.ts --orgs 1 --perf /tmp/perf.data   # + perf record -a -g (dwarf) for 4 s
// WORKER_NODE_ARGS / WEB_NODE_ARGS="--cpu-prof --cpu-prof-dir=DIR" profile those processes too.
import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createPrisma } from '../lib/adapters/db/prisma';
import { createUser } from '../lib/domains/auth/users';
import { periodOfInstant } from '../lib/domains/accounting/periods';
import { exitOnStartFailure, startStack } from '../lib/adapters/infra/stack';
import { Api, issueToken } from './bench-downloads/api';
import { stopAllChildren } from './bench-downloads/processes';
import { wrkPost } from './bench-postings/wrk-post';

const { values: args } = parseArgs({
  options: {
    orgs: { type: 'string', default: '8' },
    clients: { type: 'string', default: '16' },
    seconds: { type: 'string', default: '15' },
    port: { type: 'string', default: '3311' },
    /** perf record -a --call-graph dwarf for 4 s into this file (needs perf). */
    perf: { type: 'string' },
  },
});

/** CPU ticks (1/100 s) of every process, keyed by PID and kind. */
async function cpuTicks(): Promise<Map<string, number>> {
  const ticks = new Map<string, number>();
  for (const pid of await readdir('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    try {
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).replaceAll('\0', ' ');
      const kind =
        command.startsWith('postgres') || command.includes('bin/postgres')
          ? 'postgres'
          : command.includes('web/main')
            ? 'web'
            : command.includes('workers/main')
              ? 'worker'
              : command.includes('wrk')
                ? 'wrk'
                : 'other';
      ticks.set(`${pid} ${kind}`, Number(fields[11]) + Number(fields[12]));
    } catch {
      // The process ended meanwhile.
    }
  }
  return ticks;
}

function perPosting(before: Map<string, number>, after: Map<string, number>, postings: number): string {
  const byKind = new Map<string, number>();
  for (const [key, ticks] of after) {
    const kind = key.split(' ')[1] ?? 'other';
    byKind.set(kind, (byKind.get(kind) ?? 0) + ticks - (before.get(key) ?? 0));
  }
  return [...byKind]
    .sort((a, b) => b[1] - a[1])
    .map(([kind, ticks]) => `${kind} ${((ticks * 10) / postings).toFixed(2)}`)
    .join(', ');
}

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closebook-profile-postings-'));
  process.env.EMBEDDED_POSTGRES_SETTINGS = [
    process.env.EMBEDDED_POSTGRES_SETTINGS ?? '',
    'shared_preload_libraries=pg_stat_statements pg_stat_statements.track=all track_functions=all',
  ].join(' ');
  const stack = await startStack({
    port: Number(args.port),
    workers: 1,
    dataDir,
    seed: false,
    env: { LOG_LEVEL: 'warn' },
    log: (line) => console.error(`[stack] ${line}`),
    createsTestUsers: 'scripts/profile-postings.ts',
  });
  const prisma = createPrisma(stack.databaseUrl);
  const client = new pg.Client(stack.databaseUrl);
  await client.connect();
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    const base = `${stack.url}/api/v1`;
    const email = `profile-${Date.now()}@closebook.local`;
    await createUser({ prisma, email, name: 'Profile', password: 'profile password' });
    const token = await issueToken(base, email, 'profile password');
    const api = new Api(base, token);
    const organizations: string[] = [];
    for (let i = 0; i < Number(args.orgs); i++) {
      const created = await api.expect<{ id: string }>(201, 'POST', '/organizations', {
        json: { name: `Profile ${i + 1} Ltd`, baseCurrency: 'EUR' },
      });
      organizations.push(created.id);
    }
    const day = `${periodOfInstant(new Date())}-15`;
    const load = { baseUrl: stack.url, organizations, token, day, workDir: dataDir };
    await wrkPost({ ...load, label: 'warm-up', clients: 4, seconds: 3 });
    await client.query('SELECT pg_stat_statements_reset(), pg_stat_reset()');
    if (args.perf) {
      spawn('perf', ['record', '-a', '--call-graph', 'dwarf,16384', '-F', '299', '-o', args.perf, '--', 'sleep', '4'], { stdio: 'ignore' });
    }
    const before = await cpuTicks();
    const figures = await wrkPost({
      ...load,
      label: `post, ${args.clients} clients over ${args.orgs} orgs`,
      clients: Number(args.clients),
      seconds: Number(args.seconds),
    });
    const cpu = perPosting(before, await cpuTicks(), figures.requests);
    console.log(`${figures.label}: ${figures.perSecond}/s, p50 ${figures.p50} ms, p99 ${figures.p99} ms, errors ${figures.errors}`);
    console.log(`CPU per posting (ms), every process on the machine: ${cpu}`);
    const n = Math.max(1, figures.requests);
    const statements = await client.query(
      `SELECT calls, round((total_exec_time / $1)::numeric, 3) AS "ms per posting", left(regexp_replace(query, '\\s+', ' ', 'g'), 100) AS statement
         FROM pg_stat_statements ORDER BY total_exec_time DESC LIMIT 20`,
      [n],
    );
    console.log('\nStatements by wall time (nested included; a lock wait counts):');
    console.table(statements.rows);
    const functions = await client.query(
      `SELECT funcname AS function, calls, round((self_time / $1)::numeric, 3) AS "self ms per posting", round((total_time / $1)::numeric, 3) AS "total ms per posting"
         FROM pg_stat_user_functions ORDER BY self_time DESC LIMIT 15`,
      [n],
    );
    console.log('Functions by self time:');
    console.table(functions.rows);
  } finally {
    await client.end();
    await prisma.$disconnect();
    await stopAllChildren();
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch(exitOnStartFailure);
