// Metrics and logs an operator expects (issue 10): a real worker process (workers/main.ts,
// WORKER_METRICS_PORT) and a web process running the real front of web/main.ts
// (lib/adapters/web/front.ts: request ID, GET /metrics, the download hot path, the log line)
// in front of the real route handlers (tests/helpers/metrics-web.ts says why not Next.js).
// A posting goes in over HTTP, its report is awaited and downloaded, then both /metrics
// endpoints are scraped and their counters and histograms must have moved; the JSON log
// lines are read from the processes' stdout.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { inOrganizationTransaction } from '../../lib/adapters/db/organization-lock';
import { runWithRequestContext } from '../../lib/adapters/observability/request-context';
import { createApiClient } from '../helpers/api';
import { createTestContext, type TestContext } from '../helpers/context';
import { processGroup, type Managed } from '../helpers/processes';

const METRICS_TOKEN = 'scrape-secret-1234';
const REQUEST_ID = 'metrics-test-req-0001';

let ctx: TestContext;
let token: string;
let organizationId: string;
let web: { process: Managed; baseUrl: string };
let worker: { process: Managed; metricsUrl: string };
const processes = processGroup();

beforeAll(async () => {
  ctx = await createTestContext();
  const api = await createApiClient(ctx);
  token = await api.tokenFor('metrics-clerk');
  const { status, json } = await api.call('POST', '/api/v1/organizations', { token, body: { name: 'Metrics Ltd', baseCurrency: 'EUR' } });
  expect(status).toBe(201);
  organizationId = json.id as string;
  await api.close();
  await ctx.drainJobs(); // the organization's first reports, before the worker process exists
  const env = {
    DATABASE_URL: ctx.databaseUrl,
    MONGODB_URI: inject('mongoUri'),
    MONGODB_DB: ctx.db.databaseName,
    METRICS_TOKEN,
    LOG_LEVEL: 'debug',
  };
  const [webProcess, webMatch] = await processes.start('web', 'tests/helpers/metrics-web.ts', env, /listening (\d+)/);
  web = { process: webProcess, baseUrl: `http://127.0.0.1:${webMatch[1]}` };
  const [workerProcess, workerMatch] = await processes.start(
    'worker',
    'workers/main.ts',
    { ...env, LOG_LEVEL: 'info', WORKER_METRICS_PORT: '0', WORKER_POLL_INTERVAL_MS: '200' },
    /"metrics":"(http:[^"]+)"[\s\S]*"msg":"worker started"/,
  );
  worker = { process: workerProcess, metricsUrl: workerMatch[1] ?? '' };
}, 120_000);

afterAll(async () => {
  await processes.killAll();
  await ctx?.close();
});

/** One sample of the Prometheus text format: `name{a="x",b="y"} value`. */
interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

function parseMetrics(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match?.[1] || !match[3]) throw new Error(`not a Prometheus sample: ${line}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g)) labels[pair[1] ?? ''] = pair[2] ?? '';
    samples.push({ name: match[1], labels, value: Number(match[3]) });
  }
  return samples;
}

/** The sum of a metric's samples whose labels include `labels` (0 when there is none). */
function total(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  return samples
    .filter((s) => s.name === name && Object.entries(labels).every(([key, value]) => s.labels[key] === value))
    .reduce((sum, s) => sum + s.value, 0);
}

async function scrape(url: string): Promise<Sample[]> {
  const response = await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  return parseMetrics(await response.text());
}

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function jsonLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

const today = new Date().toISOString().slice(0, 10);
const period = today.slice(0, 7);
const entry = (amount: string, credit = amount) => ({
  date: today,
  memo: 'metrics',
  lines: [
    { accountCode: '1000', debit: amount },
    { accountCode: '4000', credit },
  ],
});

function post(body: unknown, headers: Record<string, string>) {
  return fetch(`${web.baseUrl}/api/v1/organizations/${organizationId}/journal-entries`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const DOWNLOADS = 3;

describe('metrics and logs of the web and worker processes', () => {
  let reportId = '';

  it('posts, waits for the report and downloads it through the web process, with request IDs', async () => {
    const created = await post(entry('120.00'), { 'idempotency-key': 'metrics-1', 'x-request-id': REQUEST_ID });
    expect(created.status).toBe(201);
    expect(created.headers.get('x-request-id')).toBe(REQUEST_ID);
    const { sequence } = (await created.json()) as { sequence: number };

    const replayed = await post(entry('120.00'), { 'idempotency-key': 'metrics-1', 'x-request-id': 'bad id, with spaces' });
    expect(replayed.status).toBe(201);
    expect(replayed.headers.get('idempotent-replayed')).toBe('true');
    // A malformed ID is replaced by a generated one, never echoed.
    expect(replayed.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);

    const unbalanced = await post(entry('10.00', '9.99'), { 'idempotency-key': 'metrics-2' });
    expect(unbalanced.status).toBe(422);

    const lookup = await until('the trial balance to include the posting', async () => {
      const response = await fetch(`${web.baseUrl}/api/v1/organizations/${organizationId}/reports?type=trial-balance&period=${period}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const json = (await response.json()) as { id: string; asOfSequence: number | null; upToDate: boolean };
      return json.upToDate && (json.asOfSequence ?? 0) >= sequence ? json : undefined;
    });
    reportId = lookup.id;

    // Three downloads: a rebuild finishing between the first two (the lookup registers the
    // report, which queues one) may drop the header just loaded; the third then hits.
    for (let i = 0; i < DOWNLOADS; i += 1) {
      const pdf = await fetch(`${web.baseUrl}/api/v1/reports/${reportId}/pdf`, { headers: { authorization: `Bearer ${token}` } });
      expect(pdf.status).toBe(200);
      expect((await pdf.arrayBuffer()).byteLength).toBeGreaterThan(1000);
      expect(pdf.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('refuses /metrics without the bearer when METRICS_TOKEN is set (web and worker)', async () => {
    for (const url of [`${web.baseUrl}/metrics`, worker.metricsUrl]) {
      expect((await fetch(url)).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token-000000' } })).status).toBe(401);
      expect((await fetch(url, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(200);
    }
  });

  it("the web process's counters and histograms moved", async () => {
    const samples = await scrape(`${web.baseUrl}/metrics`);
    expect(total(samples, 'closebook_postings_total', { outcome: 'created' })).toBe(1);
    expect(total(samples, 'closebook_postings_total', { outcome: 'replayed' })).toBe(1);
    expect(total(samples, 'closebook_postings_total', { outcome: 'unbalanced_entry' })).toBe(1);
    const postRoute = { route: 'POST /api/v1/organizations/{org}/journal-entries' };
    expect(total(samples, 'closebook_http_requests_total', { ...postRoute, status_class: '2xx' })).toBe(2);
    expect(total(samples, 'closebook_http_requests_total', { ...postRoute, status_class: '4xx' })).toBe(1);
    expect(total(samples, 'closebook_http_request_duration_seconds_count', { ...postRoute, status_class: '2xx' })).toBe(2);
    expect(total(samples, 'closebook_http_request_duration_seconds_bucket', { ...postRoute, status_class: '2xx', le: '+Inf' })).toBe(2);
    expect(total(samples, 'closebook_http_request_duration_seconds_sum', postRoute)).toBeGreaterThan(0);
    // Every download was answered from memory: the first rendered once, the others hit.
    expect(total(samples, 'closebook_download_duration_seconds_count', { answered_by: 'memory', format: 'pdf' })).toBe(DOWNLOADS);
    expect(total(samples, 'closebook_http_requests_total', { route: 'download (memory)', status_class: '2xx' })).toBe(DOWNLOADS);
    for (const cache of ['credential', 'membership', 'header', 'bytes']) {
      expect(total(samples, 'closebook_download_cache_lookups_total', { cache, result: 'hit' }), cache).toBeGreaterThanOrEqual(1);
    }
    expect(total(samples, 'closebook_download_cache_lookups_total', { cache: 'bytes', result: 'miss' })).toBe(1);
    expect(total(samples, 'closebook_render_duration_seconds_count', { format: 'pdf' })).toBe(1);
    expect(total(samples, 'closebook_render_queue_depth')).toBe(0);
    expect(total(samples, 'closebook_renders_in_flight')).toBe(0);
    // Node's own metrics, with the prefix.
    expect(samples.some((s) => s.name === 'closebook_process_cpu_user_seconds_total')).toBe(true);
    expect(samples.some((s) => s.name === 'closebook_nodejs_eventloop_lag_p99_seconds')).toBe(true);
  });

  it("the worker's job durations, commit → document lag and queue depth moved", async () => {
    const samples = await until('the lag sample', async () => {
      const scraped = await scrape(worker.metricsUrl);
      return total(scraped, 'closebook_commit_to_document_lag_seconds_count') > 0 ? scraped : undefined;
    });
    expect(total(samples, 'closebook_job_duration_seconds_count', { task: 'rebuild-period', outcome: 'success' })).toBeGreaterThanOrEqual(
      1,
    );
    expect(total(samples, 'closebook_job_duration_seconds_count', { outcome: 'failure' })).toBe(0);
    const lagSum = total(samples, 'closebook_commit_to_document_lag_seconds_sum');
    const lagCount = total(samples, 'closebook_commit_to_document_lag_seconds_count');
    expect(lagSum / lagCount).toBeGreaterThan(0);
    expect(lagSum / lagCount).toBeLessThan(30);
    expect(samples.some((s) => s.name === 'closebook_queue_jobs' && s.labels.state === 'ready')).toBe(true);
    expect(samples.some((s) => s.name === 'closebook_queue_jobs' && s.labels.state === 'locked')).toBe(true);
    expect(samples.some((s) => s.name === 'closebook_process_resident_memory_bytes')).toBe(true);
  });

  it('the web process logs one JSON line per request: method, path without query, status, duration, request ID', () => {
    const requests = jsonLines(web.process.output()).filter((line) => line.msg === 'request');
    const posting = requests.find((line) => line.requestId === REQUEST_ID);
    expect(posting).toMatchObject({ level: 'info', process: 'web', method: 'POST', status: 201 });
    expect(posting?.path).toBe(`/api/v1/organizations/${organizationId}/journal-entries`);
    expect(typeof posting?.durationMs).toBe('number');
    const lookups = requests.filter((line) => String(line.path).endsWith('/reports'));
    expect(lookups.length).toBeGreaterThan(0);
    for (const line of requests) expect(String(line.path)).not.toContain('?');
    // Answers from memory go out at debug (this process runs with LOG_LEVEL=debug).
    const downloads = requests.filter((line) => line.path === `/api/v1/reports/${reportId}/pdf`);
    expect(downloads.map((line) => line.level)).toEqual(Array.from({ length: DOWNLOADS }, () => 'debug'));
  });

  it('the worker logs one JSON line per job: task, organization, period, duration, outcome', () => {
    const jobs = jsonLines(worker.process.output()).filter((line) => line.msg === 'job');
    const rebuild = jobs.find((line) => line.task === 'rebuild-period' && line.period === period);
    expect(rebuild).toMatchObject({ level: 'info', process: 'worker', organizationId, outcome: 'success' });
    expect(typeof rebuild?.durationMs).toBe('number');
  });

  // closebook_post_entry sets closebook.request_id and closebook_schedule_rebuilds puts it
  // in the period job's payload; the worker logs a payload's requestId.
  it("the posting's request ID appears in the worker's line for its rebuild", () => {
    const jobs = jsonLines(worker.process.output()).filter((line) => line.msg === 'job' && line.task === 'rebuild-period');
    expect(jobs.some((line) => line.requestId === REQUEST_ID)).toBe(true);
  });

  it("the request ID is visible in the organization-locked transaction as closebook.request_id (and only on a request's behalf)", async () => {
    const read = () =>
      inOrganizationTransaction(ctx.prisma, organizationId, async (tx) => {
        const [row] = await tx.$queryRaw<{ id: string | null }[]>`SELECT current_setting('closebook.request_id', true) AS id`;
        return row?.id ?? null;
      });
    expect(await runWithRequestContext({ requestId: 'tx-req-42' }, read)).toBe('tx-req-42');
    // Transaction-local: the next transaction without a request sees nothing (empty or unset).
    expect((await read()) ?? '').toBe('');
  });
});
