// `npm run bench`: a load benchmark of the whole stack on this machine (not a test).
// Prints a table and one JSON line. Phases:
//  1. post N journal entries over HTTP with C concurrent clients → entries/s, latency;
//  2. meanwhile, poll the current-month trial balance → lag from commit (HTTP 201) to a
//     document whose asOfSequence includes the entry (p50/p99);
//  3. PDF by ID at 50 concurrent clients for S seconds → requests/s, p50/p99, plus the
//     same for 304 revalidations, report JSON, and two baselines measured in the same
//     run: /api/health (the cheapest round trip through Next.js, Postgres and Mongo) and
//     "compute on request" (the trial balance aggregated from journal lines in
//     PostgreSQL per request, what a system without precomputed documents does).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { createUser } from '../lib/domains/auth/users';
import { createPrisma } from '../lib/adapters/db/prisma';
import { addMonths, periodOfInstant } from '../lib/domains/accounting/periods';
import { closedLoop, expectStatus, summary } from './bench-stats';
import { exitOnStartFailure, startStack } from '../lib/adapters/infra/stack';

const { values: args } = parseArgs({
  options: {
    entries: { type: 'string', default: '1000' },
    concurrency: { type: 'string', default: '16' },
    'pdf-clients': { type: 'string', default: '50' },
    seconds: { type: 'string', default: '10' },
    workers: { type: 'string', default: '2' },
    orgs: { type: 'string', default: '1' },
    port: { type: 'string', default: '3300' },
  },
});
const ENTRIES = Number(args.entries);
const CONCURRENCY = Number(args.concurrency);
const PDF_CLIENTS = Number(args['pdf-clients']);
const SECONDS = Number(args.seconds);
const ORGS = Number(args.orgs);

async function main(): Promise<void> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'closebook-bench-'));
  const stack = await startStack({
    port: Number(args.port),
    workers: Number(args.workers),
    dataDir,
    seed: false,
    log: (line) => console.error(`[stack] ${line}`),
    createsTestUsers: 'The benchmark (npm run bench)',
  });
  try {
    const base = `${stack.url}/api/v1`;
    const prisma = createPrisma(stack.databaseUrl);
    const email = `bench-${Date.now()}@closebook.local`;
    await createUser({ prisma, email, name: 'Benchmark', password: 'benchmark password' });
    await prisma.$disconnect();
    const post = (url: string, body: unknown, token?: string) =>
      fetch(`${base}${url}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify(body),
      });
    const { token } = (await (await post('/tokens', { email, password: 'benchmark password' })).json()) as { token: string };
    const auth = { authorization: `Bearer ${token}` };
    // Writes of one organization are serialised (see ARCHITECTURE.md): --orgs 1 is the
    // worst case; a firm's month-end spreads over many organizations.
    const orgs: string[] = [];
    for (let i = 0; i < ORGS; i++) {
      const created = (await (await post('/organizations', { name: `Benchmark ${i + 1} Ltd`, baseCurrency: 'EUR' }, token)).json()) as {
        id: string;
      };
      orgs.push(created.id);
    }
    const period = periodOfInstant(new Date());
    const lookupUrl = (org: string) => `${base}/organizations/${org}/reports?type=trial-balance&period=${period}`;

    // Phase 1 + 2: postings, and the lag until the current-month document includes them.
    const pending = orgs.map(() => new Map<number, number>()); // per org: sequence → time the 201 arrived
    const lags: number[] = [];
    let polling = true;
    const poller = (async () => {
      while (polling || pending.some((waiting) => waiting.size > 0)) {
        for (const [index, org] of orgs.entries()) {
          const waiting = pending[index];
          if (!waiting || waiting.size === 0) continue;
          const status = (await (await fetch(lookupUrl(org), { headers: auth })).json()) as { asOfSequence: number | null };
          const seenAt = performance.now();
          for (const [sequence, committedAt] of waiting) {
            if (status.asOfSequence !== null && status.asOfSequence >= sequence) {
              lags.push(seenAt - committedAt);
              waiting.delete(sequence);
            }
          }
        }
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
    })();
    const postLatencies: number[] = [];
    let next = 0;
    const postStarted = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (let i = next++; i < ENTRIES; i = next++) {
          const cents = BigInt(100 + ((i * 7919) % 500_000));
          const amount = `${cents / 100n}.${(cents % 100n).toString().padStart(2, '0')}`;
          const day = String(1 + (i % 20)).padStart(2, '0');
          const body = {
            date: `${addMonths(period, -(i % 3))}-${day}`,
            memo: `Benchmark invoice ${i}`,
            lines: [
              { accountCode: '1100', debit: amount },
              { accountCode: '4000', credit: amount },
            ],
          };
          const t0 = performance.now();
          const response = await post(`/organizations/${orgs[i % ORGS] ?? ''}/journal-entries`, body, token);
          const committedAt = performance.now();
          if (response.status !== 201) throw new Error(`posting failed: ${response.status} ${await response.text()}`);
          const { sequence } = (await response.json()) as { sequence: number };
          postLatencies.push(committedAt - t0);
          pending[i % ORGS]?.set(sequence, committedAt);
        }
      }),
    );
    const posting = summary(postLatencies, performance.now() - postStarted);
    polling = false;
    await poller;
    const lag = summary(lags, 1000);

    // Phase 3: reads at peak.
    const org = orgs[0] ?? '';
    const { id } = (await (await fetch(lookupUrl(org), { headers: auth })).json()) as { id: string };
    const pdfUrl = `${base}/reports/${id}/pdf`;
    const first = await fetch(pdfUrl, { headers: auth });
    const etag = first.headers.get('etag') ?? '';
    const pdfBytes = (await first.arrayBuffer()).byteLength;
    const duration = SECONDS * 1000;
    const pdf = await closedLoop(PDF_CLIENTS, duration, async () => expectStatus(await fetch(pdfUrl, { headers: auth }), 200));
    const revalidate = await closedLoop(PDF_CLIENTS, duration, async () =>
      expectStatus(await fetch(pdfUrl, { headers: { ...auth, 'if-none-match': etag } }), 304),
    );
    const json = await closedLoop(PDF_CLIENTS, duration, async () =>
      expectStatus(await fetch(`${base}/reports/${id}`, { headers: auth }), 200),
    );
    const health = await closedLoop(PDF_CLIENTS, duration, async () => expectStatus(await fetch(`${stack.url}/api/health`), 200));
    const pool = new pg.Pool({ connectionString: stack.databaseUrl, max: 10 });
    const onRequest = await closedLoop(PDF_CLIENTS, duration, async () => {
      await pool.query(
        `SELECT a.code, sum(l.debit_minor) - sum(l.credit_minor) AS net
           FROM journal_lines l JOIN journal_entries e ON e.id = l.entry_id JOIN accounts a ON a.id = l.account_id
          WHERE l.organization_id = $1 AND e.date <= (date_trunc('month', now()) + interval '1 month - 1 day')::date
          GROUP BY a.code ORDER BY a.code`,
        [org],
      );
    });
    await pool.end();

    const rows: [string, string, string, string][] = [
      ['post entry (HTTP, 201)', `${posting.perSecond} entries/s`, `${posting.p50} ms`, `${posting.p99} ms`],
      ['commit → document includes it', `${lag.count} entries`, `${lag.p50} ms`, `${lag.p99} ms`],
      [`PDF by ID, ${PDF_CLIENTS} clients (200)`, `${pdf.perSecond} req/s`, `${pdf.p50} ms`, `${pdf.p99} ms`],
      [`PDF revalidation (304)`, `${revalidate.perSecond} req/s`, `${revalidate.p50} ms`, `${revalidate.p99} ms`],
      [`report JSON by ID`, `${json.perSecond} req/s`, `${json.p50} ms`, `${json.p99} ms`],
      [`baseline: /api/health`, `${health.perSecond} req/s`, `${health.p50} ms`, `${health.p99} ms`],
      [`baseline: compute TB on request (SQL only)`, `${onRequest.perSecond} req/s`, `${onRequest.p50} ms`, `${onRequest.p99} ms`],
    ];
    console.log('');
    console.log(
      `Closebook benchmark — ${ENTRIES} entries, ${CONCURRENCY} posting clients, ${args.workers} workers, ${os.cpus().length} cores`,
    );
    console.log(`Read side: ${stack.mongoKind}`);
    console.log(`PDF size ${pdfBytes} bytes; reads measured for ${SECONDS} s each`);
    console.log('');
    const widths = [46, 18, 10, 10];
    const line = (cells: string[]) =>
      cells.map((cell, index) => (index === 0 ? cell.padEnd(widths[index] ?? 10) : cell.padStart(widths[index] ?? 10))).join(' ');
    console.log(line(['measure', 'throughput', 'p50', 'p99']));
    rows.forEach((row) => console.log(line(row)));
    console.log('');
    console.log(
      `ratio PDF / health: ${(pdf.perSecond / health.perSecond).toFixed(2)}; PDF / compute-on-request: ${(pdf.perSecond / onRequest.perSecond).toFixed(2)}`,
    );
    console.log(
      JSON.stringify({
        benchmark: 'closebook',
        readSide: stack.mongoKind,
        entries: ENTRIES,
        organizations: ORGS,
        postingClients: CONCURRENCY,
        workers: Number(args.workers),
        posting,
        lagMs: lag,
        pdf,
        pdfRevalidate: revalidate,
        reportJson: json,
        baselineHealth: health,
        baselineComputeOnRequest: onRequest,
        pdfBytes,
      }),
    );
  } finally {
    await stack.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch(exitOnStartFailure);
