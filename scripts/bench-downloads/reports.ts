// The report PDFs of the mix: every (organization, type, period) of the data set, looked
// up through the API until up to date, downloaded once (their bytes and ETags feed the
// revalidation phase and the plain server), and a Zipf-like popularity over them.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { seededRandom } from '../../lib/domains/demo/random';
import { REPORT_TYPES, type ReportType } from '../../lib/domains/reports/types';
import { forEachLimited, sleep, type Api } from './api';
import type { Dataset } from './dataset';

export interface Target {
  organizationId: string;
  type: ReportType;
  period: string;
  big: boolean;
  id: string;
  path: string;
  asOfSequence: number;
  etag: string;
  bytes: number;
  /** Where the downloaded bytes were written (the plain server serves them). */
  file: string;
}

interface LookupAnswer {
  id: string;
  upToDate: boolean;
  asOfSequence: number | null;
  requiredSequence: number;
}

export const lookupPath = (org: string, type: string, period: string) => `/organizations/${org}/reports?type=${type}&period=${period}`;
export const pdfPath = (id: string) => `/api/v1/reports/${id}/pdf`;

/** Polls the lookup endpoint until the report is up to date (and includes `sequence`, if given). */
export async function waitUpToDate(api: Api, org: string, type: string, period: string, sequence = 0, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await api.expect<LookupAnswer>(200, 'GET', lookupPath(org, type, period));
    if (answer.upToDate && (answer.asOfSequence ?? 0) >= sequence) return answer;
    if (Date.now() > deadline) throw new Error(`${type} ${period} of ${org} not up to date after ${timeoutMs / 1000} s`);
    await sleep(100);
  }
}

/** Every report of the data set, once all are up to date (polled through the lookup endpoint). */
export async function waitForAllReports(api: Api, dataset: Dataset, timeoutMs: number, log: (line: string) => void) {
  const keys: Omit<Target, 'id' | 'path' | 'asOfSequence' | 'etag' | 'bytes' | 'file'>[] = [];
  const add = (organizationId: string, periods: string[], big: boolean) => {
    for (const period of periods) for (const type of REPORT_TYPES) keys.push({ organizationId, type, period, big });
  };
  add(dataset.bigOrg, dataset.bigPeriods, true);
  for (const org of dataset.smallOrgs) add(org, dataset.smallPeriods, false);
  const ready = new Map<number, LookupAnswer>();
  const started = Date.now();
  let logged = started;
  while (ready.size < keys.length) {
    const waiting = keys.map((key, index) => ({ key, index })).filter(({ index }) => !ready.has(index));
    await forEachLimited(waiting, 8, async ({ key, index }) => {
      const answer = await api.expect<LookupAnswer>(200, 'GET', lookupPath(key.organizationId, key.type, key.period));
      if (answer.upToDate) ready.set(index, answer);
    });
    if (ready.size === keys.length) break;
    if (Date.now() - started > timeoutMs)
      throw new Error(`reports not up to date after ${timeoutMs / 1000} s: ${ready.size}/${keys.length}`);
    if (Date.now() - logged > 10_000) {
      logged = Date.now();
      log(`waiting for the workers: ${ready.size}/${keys.length} reports up to date`);
    }
    await sleep(1000);
  }
  log(`${keys.length} reports up to date (${((Date.now() - started) / 1000).toFixed(1)} s of waiting)`);
  return keys.map((key, index) => {
    const answer = ready.get(index) as LookupAnswer;
    return { ...key, id: answer.id, path: pdfPath(answer.id), asOfSequence: answer.asOfSequence ?? 0 };
  });
}

/** Downloads one PDF: status, ETag, bytes, time to the response headers and to the last byte. */
export async function downloadPdf(baseUrl: string, api: Api, pathname: string, headers: Record<string, string> = {}) {
  const started = performance.now();
  const response = await fetch(`${baseUrl}${pathname}`, { headers: { ...api.auth, ...headers } });
  const headersMs = performance.now() - started;
  // Time to first byte is the first byte of the body: a server could send its headers before
  // it has anything to show.
  let ttfbMs = headersMs;
  const pieces: Uint8Array[] = [];
  if (response.body) {
    const reader = response.body.getReader();
    for (let piece = await reader.read(); !piece.done; piece = await reader.read()) {
      if (pieces.length === 0) ttfbMs = performance.now() - started;
      pieces.push(piece.value);
    }
  }
  const body = Buffer.concat(pieces);
  return {
    status: response.status,
    etag: response.headers.get('etag'),
    retryAfter: response.headers.get('retry-after'),
    body,
    headersMs,
    ttfbMs,
    totalMs: performance.now() - started,
  };
}

/** One download of every target (a warm-up pass), written to `dumpDir` with its ETag. */
export async function fetchAll(
  baseUrl: string,
  api: Api,
  targets: Omit<Target, 'etag' | 'bytes' | 'file'>[],
  dumpDir: string,
): Promise<Target[]> {
  const result: Target[] = [];
  await forEachLimited(targets, 4, async (target, index) => {
    result[index] = await refetch(baseUrl, api, { ...target, etag: '', bytes: 0, file: path.join(dumpDir, `${index}.pdf`) });
  });
  return result;
}

/**
 * downloadPdf as a well-behaved client: a busy web process (every render slot taken)
 * answers 503 with Retry-After, so wait that long and ask again. `busy` counts the 503s.
 */
export async function downloadPdfPatiently(baseUrl: string, api: Api, pathname: string, busy?: { count: number }) {
  let download = await downloadPdf(baseUrl, api, pathname);
  for (let attempt = 0; download.status === 503 && attempt < 30; attempt++) {
    if (busy) busy.count += 1;
    await new Promise((resolve) => setTimeout(resolve, 1000 * Number(download.retryAfter ?? 1)));
    download = await downloadPdf(baseUrl, api, pathname);
  }
  return download;
}

export async function refetch(baseUrl: string, api: Api, target: Target): Promise<Target> {
  const download = await downloadPdfPatiently(baseUrl, api, target.path);
  if (download.status !== 200 || !download.etag) throw new Error(`GET ${target.path}: ${download.status}`);
  await writeFile(target.file, download.body);
  return { ...target, etag: download.etag, bytes: download.body.length };
}

/** Page count of a pdfkit PDF (its page objects are written uncompressed). */
export function pdfPages(bytes: Buffer): number {
  return bytes.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

/**
 * `count` indices into `n` targets with Zipf-like popularity (weight of rank k ∝ 1/k^s);
 * ranks are a seeded shuffle of the targets, so popularity does not follow organization order.
 */
export function zipfSample(n: number, s: number, count: number, seed = 42): number[] {
  const random = seededRandom(seed);
  const rankToTarget = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rankToTarget[i], rankToTarget[j]] = [rankToTarget[j] as number, rankToTarget[i] as number];
  }
  const cumulative: number[] = [];
  let total = 0;
  for (let k = 1; k <= n; k++) cumulative.push((total += 1 / k ** s));
  return Array.from({ length: count }, () => {
    const u = random() * total;
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if ((cumulative[mid] as number) < u) low = mid + 1;
      else high = mid;
    }
    return rankToTarget[low] as number;
  });
}

/** The files wrk's script reads: "path<TAB>etag" per target, and the sampled 1-based indices. */
export async function writeWrkFiles(workDir: string, name: string, targets: { path: string; etag: string }[], sample: number[]) {
  const targetsFile = path.join(workDir, `${name}-targets.tsv`);
  const sampleFile = path.join(workDir, `${name}-sample.txt`);
  await writeFile(targetsFile, targets.map((target) => `${target.path}\t${target.etag}`).join('\n') + '\n');
  await writeFile(sampleFile, sample.map((index) => index + 1).join('\n') + '\n');
  return { targetsFile, sampleFile };
}
