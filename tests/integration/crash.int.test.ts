// The crash test (issue 12): under posting load, real worker processes are SIGKILLed at
// random points several times and the web process once; clients retry with their
// Idempotency-Keys until they get a 201. Afterwards every report is up to date,
// reports:verify finds no difference and no entry exists twice (or is missing).
//
// The processes are real: `node --import tsx workers/main.ts` (the production worker with
// its crash recovery, lib/jobs/worker-registry.ts) and a web stand-in that runs the real
// journal-entries route handler (tests/helpers/crash-web.ts explains why a stand-in). The
// chaos schedule comes from a seeded PRNG (CRASH_SEED to replay one); where exactly a kill
// lands (mid-transaction, after commit but before the answer, mid-rebuild, between the
// MongoDB write and the job's completion) is up to the scheduler, which is the point:
// every run tries other interleavings, and none may leave a trace.
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { seededRandom } from '../../lib/domains/demo/random';
import { reportObjectId } from '../../lib/domains/reports/ids';
import { findReportSequences } from '../../lib/domains/reports/store';
import { isReportType } from '../../lib/domains/reports/types';
import { verifyReports } from '../../lib/domains/reports/commands/verify-reports';
import { createApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';
import { processGroup, type Managed } from '../helpers/processes';

const SEED = Number(process.env.CRASH_SEED ?? 20261130);
const ORGANIZATIONS = 3;
const CLIENTS = 6;
const ENTRIES_PER_CLIENT = 50; // 300 logical entries
const LOAD_MS = 10_000; // clients pace their entries over at least this long
const WORKERS = 2;
const WORKER_KILLS = 4;
const CATCH_UP_MS = 30_000; // after the load: every report fresh within this

let ctx: TestContext;
let token: string;
const organizations: string[] = [];
const processes = processGroup();

beforeAll(async () => {
  ctx = await createTestContext();
  const api = await createApiClient(ctx);
  token = await api.tokenFor('crash-clerk');
  for (let i = 0; i < ORGANIZATIONS; i += 1) {
    const { status, json } = await api.call('POST', '/api/v1/organizations', {
      token,
      body: { name: `Crash ${i + 1} Ltd`, baseCurrency: 'EUR' },
    });
    expect(status).toBe(201);
    organizations.push(json.id as string);
  }
  await api.close();
  await ctx.drainJobs(); // the new organizations' first reports
}, 60_000);

afterAll(async () => {
  await processes.killAll();
  await ctx?.close();
});

/** The current month and the two before it, as YYYY-MM (the entries' dates spread over them). */
function recentPeriods(now: Date): string[] {
  return [0, 1, 2].map((back) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 7));
}

function randomEntry(random: () => number, periods: string[], label: string) {
  const period = periods[Math.floor(random() * periods.length)] ?? '';
  const day = String(1 + Math.floor(random() * 28)).padStart(2, '0');
  const cents = 100 + Math.floor(random() * 1_000_000);
  const amount = `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
  const [debit, credit] = random() < 0.5 ? ['1000', '4000'] : ['6100', '1000'];
  return {
    date: `${period}-${day}`,
    memo: `crash load ${label}`,
    lines: [
      { accountCode: debit, debit: amount },
      { accountCode: credit, credit: amount },
    ],
  };
}

describe('crash test: SIGKILLed workers and web process under posting load', () => {
  it('leaves every report up to date, reports:verify clean and every entry exactly once', async () => {
    const started = Date.now();
    const env = { DATABASE_URL: ctx.databaseUrl, MONGODB_URI: inject('mongoUri'), MONGODB_DB: ctx.db.databaseName };
    const workerEnv = {
      ...env,
      WORKER_CONCURRENCY: '2',
      WORKER_POLL_INTERVAL_MS: '200',
      WORKER_HEARTBEAT_MS: '250',
      WORKER_STALE_MS: '2000',
      PDF_RENDER_THREADS: '0',
    };
    const stats = { postings: 0, replays: 0, retries: 0, connectionErrors: 0, serverErrors: 0, workerKills: 0, webKills: 0 };
    const killedWithJobs: number[] = []; // jobs the killed worker held locked, per kill
    let webInFlightAtKill = 0;
    let webDownMs = 0;
    let chaosMs = 0;
    let lastKillMs = 0;

    /** Jobs locked by a worker process right now (its queue IDs are in queue_workers once it ran a job). */
    const lockedBy = async (worker: Managed) => {
      const { rows } = await ctx.pool.query<{ locked: string }>(
        `SELECT count(*) AS locked FROM graphile_worker._private_jobs j JOIN queue_workers w ON w.worker_id = j.locked_by WHERE w.pid = $1`,
        [worker.child.pid],
      );
      return Number(rows[0]?.locked ?? 0);
    };
    const startWorker = async (label: string) => (await processes.start(label, 'workers/main.ts', workerEnv, /"msg":"worker started"/))[0];
    let web: { process: Managed; baseUrl: string };
    const startWeb = async () => {
      const [process, match] = await processes.start('web', 'tests/helpers/crash-web.ts', env, /listening (\d+)/);
      return { process, baseUrl: `http://127.0.0.1:${match[1]}` };
    };
    const workers: (Managed | null)[] = await Promise.all(Array.from({ length: WORKERS }, (_, i) => startWorker(`worker-${i + 1}`)));
    web = await startWeb();

    // Posting load. Each logical entry has its own Idempotency-Key and body; a connection
    // error (the web process died) or a 5xx is retried with the same key and body until a
    // 201 comes back — exactly what a well-behaved API client does.
    const periods = recentPeriods(new Date());
    const answered = new Map<string, { organizationId: string; id: string; sequence: string }>();
    let inFlight = 0;
    const loadStart = Date.now();
    const client = async (index: number) => {
      const random = seededRandom(SEED * 31 + index);
      for (let i = 0; i < ENTRIES_PER_CLIENT; i += 1) {
        const due = loadStart + (i * LOAD_MS) / ENTRIES_PER_CLIENT + random() * 50;
        if (due > Date.now()) await sleep(due - Date.now());
        const organizationId = organizations[(index + i) % organizations.length] ?? '';
        const key = `crash-${SEED}-${index}-${i}`;
        const body = JSON.stringify(randomEntry(random, periods, key));
        for (let attempt = 0; ; attempt += 1) {
          if (attempt > 0) stats.retries += 1;
          if (attempt > 200) throw new Error(`${key}: no 201 after ${attempt} attempts`);
          let response: Response;
          inFlight += 1;
          try {
            response = await fetch(`${web.baseUrl}/api/v1/organizations/${organizationId}/journal-entries`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'idempotency-key': key },
              body,
              signal: AbortSignal.timeout(15_000),
            });
          } catch {
            stats.connectionErrors += 1;
            await sleep(50 + random() * 100);
            continue;
          } finally {
            inFlight -= 1;
          }
          if (response.status >= 500) {
            stats.serverErrors += 1;
            await response.arrayBuffer();
            await sleep(50 + random() * 100);
            continue;
          }
          const json = (await response.json()) as { id?: string; sequence?: string | number; code?: string };
          expect(response.status, `${key}: ${JSON.stringify(json)}`).toBe(201);
          if (response.headers.get('idempotent-replayed') === 'true') stats.replays += 1;
          else stats.postings += 1;
          answered.set(key, { organizationId, id: json.id ?? '', sequence: String(json.sequence) });
          break;
        }
      }
    };

    // Chaos: the kill times come from the seed. A killed process is restarted at once, in
    // the background (as the supervisor would; a start takes seconds on 2 cores), so the
    // schedule keeps its pace: a worker kill picks a running worker (both may be down for a
    // while, then jobs simply wait). The web process is killed exactly once, while
    // requests are in flight, and comes back on a new port.
    const restarts: Promise<unknown>[] = [];
    const chaos = async () => {
      const random = seededRandom(SEED);
      const events = [
        ...Array.from({ length: WORKER_KILLS }, () => ({ at: (0.05 + 0.85 * random()) * LOAD_MS, kind: 'worker' as const })),
        { at: (0.3 + 0.4 * random()) * LOAD_MS, kind: 'web' as const },
      ].sort((a, b) => a.at - b.at);
      for (const event of events) {
        const wait = loadStart + event.at - Date.now();
        if (wait > 0) await sleep(wait);
        if (event.kind === 'web') {
          while (inFlight === 0) await sleep(1);
          webInFlightAtKill = inFlight;
          await processes.kill(web.process);
          stats.webKills += 1;
          const down = Date.now();
          restarts.push(startWeb().then((started) => ((web = started), (webDownMs = Date.now() - down))));
          continue;
        }
        let running = workers.flatMap((worker, slot) => (worker ? [slot] : []));
        while (running.length === 0) {
          await sleep(20);
          running = workers.flatMap((worker, slot) => (worker ? [slot] : []));
        }
        const slot = running[Math.floor(random() * running.length)] ?? 0;
        const victim = workers[slot]!;
        // Prefer a moment when the victim holds jobs (mid-rebuild), waiting at most 1 s.
        let locked = 0;
        for (const until = Date.now() + 1_000; locked === 0 && Date.now() < until; await sleep(5)) locked = await lockedBy(victim);
        workers[slot] = null;
        await processes.kill(victim);
        stats.workerKills += 1;
        killedWithJobs.push(locked);
        lastKillMs = Date.now() - loadStart;
        restarts.push(startWorker(`worker-${slot + 1}.${stats.workerKills}`).then((started) => (workers[slot] = started)));
      }
      await Promise.all(restarts);
    };

    let loadMs = 0;
    await Promise.all([
      Promise.all(Array.from({ length: CLIENTS }, (_, index) => client(index))).then(() => (loadMs = Date.now() - loadStart)),
      chaos().then(() => (chaosMs = Date.now() - loadStart)),
    ]);

    // Catch-up: the surviving and restarted workers unlock the dead ones' jobs and finish
    // every rebuild. Fresh ⇔ document asOfSequence ≥ report_targets.required_sequence.
    const staleReports = async () => {
      const targets = (await ctx.prisma.reportTarget.findMany()).flatMap((row) =>
        isReportType(row.reportType) ? [{ ...row, _id: reportObjectId(row.organizationId, row.reportType, row.period) }] : [],
      );
      const sequences = await findReportSequences(
        ctx.db,
        targets.map((target) => target._id),
      );
      return {
        targets: targets.length,
        stale: targets
          .filter((target) => BigInt(sequences.get(target._id.toHexString()) ?? -1) < target.requiredSequence)
          .map((target) => `${target.organizationId} ${target.reportType} ${target.period} < ${target.requiredSequence}`),
      };
    };
    const catchUpStart = Date.now();
    let freshness = await staleReports();
    while (freshness.stale.length > 0 && Date.now() - catchUpStart < CATCH_UP_MS) {
      await sleep(250);
      freshness = await staleReports();
    }
    const catchUpMs = Date.now() - catchUpStart;
    await Promise.all(workers.flatMap((worker) => (worker ? [processes.stop(worker)] : [])));
    await processes.stop(web.process);

    // (a) Every logical entry exactly once: one row per key, the row each client was told about.
    const entries = await ctx.prisma.journalEntry.findMany({ select: { id: true, idempotencyKey: true, organizationId: true } });
    const logical = CLIENTS * ENTRIES_PER_CLIENT;
    const byKey = new Map(entries.map((entry) => [entry.idempotencyKey, entry]));
    expect(answered.size).toBe(logical);
    expect(entries).toHaveLength(logical);
    expect(byKey.size).toBe(logical);
    for (const [key, answer] of answered)
      expect(byKey.get(key), key).toEqual({ id: answer.id, idempotencyKey: key, organizationId: answer.organizationId });
    const events = await ctx.prisma.ledgerEvent.count({ where: { type: 'journal_entry.posted' } });
    expect(events).toBe(logical);

    // (b) every report up to date; (c) reports:verify finds nothing.
    expect(freshness.stale).toEqual([]);
    const verified = await verifyReports({ prisma: ctx.prisma, db: ctx.db });

    // (d) the figures.
    console.log(
      `[crash] seed ${SEED}: ${logical} logical entries over ${ORGANIZATIONS} organizations by ${CLIENTS} clients in ${loadMs} ms; ` +
        `${stats.postings} first postings + ${stats.replays} idempotent replays, ${stats.retries} retries ` +
        `(${stats.connectionErrors} connection errors, ${stats.serverErrors} 5xx); ` +
        `kills: ${stats.workerKills} worker (jobs locked by the victim: ${killedWithJobs.join(', ')}), ` +
        `${stats.webKills} web (${webInFlightAtKill} requests in flight, down ${webDownMs} ms); last kill at ${lastKillMs} ms, chaos done at ${chaosMs} ms; ` +
        `reports: ${freshness.targets} targets fresh after ${catchUpMs} ms of catch-up; ` +
        `verify: ${verified.checked} checked, ${verified.differences.length} differences; total ${Date.now() - started} ms`,
    );
    expect(verified.differences).toEqual([]);
    expect(verified.checked).toBeGreaterThan(0);
    expect(stats.workerKills).toBeGreaterThanOrEqual(3);
    expect(stats.webKills).toBe(1);
    expect(stats.connectionErrors).toBeGreaterThan(0); // the web kill cut requests off
    expect(killedWithJobs.some((locked) => locked > 0)).toBe(true); // at least one kill mid-job
    expect(stats.postings + stats.replays).toBe(logical);
  }, 90_000);
});
