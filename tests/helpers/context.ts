// Per test file: a database copied from the migrated template, a Mongo database of its
// own, the process's AppContext on both (built here, as an entry point builds it), a way
// to sign up users, and a way to drain the job queue with the real worker task list.
import { randomBytes } from 'node:crypto';
import { setTimeout } from 'node:timers/promises';
import { runOnce } from 'graphile-worker';
import type { Db, MongoClient } from 'mongodb';
import pg from 'pg';
import { inject } from 'vitest';
import type { Actor } from '../../lib/domains/auth/access';
import { createUser } from '../../lib/domains/auth/users';
import { closeAppContext, createAppContext, type AppContext } from '../../lib/context';
import type { PrismaClient } from '../../lib/adapters/db/prisma';
import { createDatabase } from '../../lib/adapters/infra/embedded-postgres';
import { queueLogger } from '../../lib/adapters/queue/logger';
import { createTaskList } from '../../workers/tasks';

const TEMPLATE_DB = 'closebook_test_template';
const DRAIN_TIMEOUT_MS = 30_000;

/** A job that may run now: due, and not given up (a failed job waits out its backoff). */
async function hasDueJobs(pool: pg.Pool): Promise<boolean> {
  const { rows } = await pool.query<{ due: boolean }>(
    // Within a second: a write's rebuild job is due REBUILD_DEBOUNCE_MS after it (report-jobs.ts).
    "SELECT EXISTS (SELECT 1 FROM graphile_worker.jobs WHERE run_at <= now() + interval '1 second' AND attempts < max_attempts) AS due",
  );
  return rows[0]?.due ?? false;
}

export interface TestContext {
  /** What the web process and the workers would hold; the route handlers run on it too (tests/helpers/api.ts). */
  app: AppContext;
  databaseUrl: string;
  prisma: PrismaClient;
  mongo: MongoClient;
  db: Db;
  pool: pg.Pool;
  newUser(label?: string): Promise<Actor>;
  /** Runs every queued job to completion with the worker's real tasks. */
  drainJobs(): Promise<void>;
  close(): Promise<void>;
}

export async function createTestContext(): Promise<TestContext> {
  const serverUrl = inject('pgServerUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  await createDatabase(serverUrl, name, TEMPLATE_DB);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const databaseUrl = url.toString();
  const app = createAppContext({ databaseUrl, mongoUri: inject('mongoUri'), mongoDbName: name });
  const { prisma, mongo, db } = app;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 4 });
  pool.on('error', (error) => console.error('[test pool]', error));
  pool.on('connect', (client) => client.on('error', (error) => console.error('[test pool client]', error)));
  const taskList = createTaskList({ prisma, db, databaseUrl });
  let users = 0;
  return {
    app,
    databaseUrl,
    prisma,
    mongo,
    db,
    pool,
    async newUser(label = 'user') {
      users += 1;
      const user = await createUser({
        prisma,
        email: `${label}${users}@example.test`,
        name: `${label} ${users}`,
        password: 'correct horse',
      });
      return { userId: user.id };
    },
    async drainJobs() {
      // runOnce stops at its first empty fetch, and graphile-worker completes a job without
      // awaiting it — the completion is what unlocks the job's named queue. So the next job
      // of that queue (report runs use named queues) can look blocked for a moment and
      // runOnce returns with it still queued: the flaky "expected 'running'" of the
      // report-run integration tests. Run until no job is due, waiting out such completions.
      const deadline = Date.now() + DRAIN_TIMEOUT_MS;
      for (;;) {
        await runOnce({ pgPool: pool, taskList, logger: queueLogger('error') });
        if (!(await hasDueJobs(pool))) return;
        if (Date.now() > deadline)
          throw new Error(`drainJobs: jobs still due after ${DRAIN_TIMEOUT_MS} ms (a queue locked by a dead worker?)`);
        await setTimeout(20);
      }
    },
    async close() {
      await closeAppContext(app);
      await pool.end();
    },
  };
}
