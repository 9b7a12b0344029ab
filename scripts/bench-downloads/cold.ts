// Cold downloads: the first download of a report after its rebuild. Each round posts one
// entry to the big organization (dated in the period of its largest general ledger) and
// to a few small ones, waits until their reports are up to date, then downloads each
// once, one at a time, and records the time to the first byte of the body (and to the
// response headers, which a server can send before it has anything to show).
import { REPORT_TYPES } from '../../lib/domains/reports/types';
import { sleep, type Api } from './api';
import { downloadPdf, pdfPages, waitUpToDate, type Target } from './reports';
import { summary, type LatencySummary } from '../bench-stats';

export interface ColdSample {
  report: string;
  /** Response headers received. */
  headersMs: number;
  /** First byte of the body (what the target is about). */
  ttfbMs: number;
  totalMs: number;
  bytes: number;
  status: number;
}

export interface ColdResult {
  samples: number;
  ttfb: LatencySummary;
  total: LatencySummary;
  largest: { report: string; pages: number; bytes: number; headersMs: number; ttfbMs: number; totalMs: number } | null;
  failures: string[];
}

export async function coldDownloads(options: {
  baseUrl: string;
  owner: Api;
  targets: Target[];
  rounds: number;
  smallPerRound: number;
  log: (line: string) => void;
}): Promise<ColdResult> {
  const { owner, targets } = options;
  const bigGeneralLedgers = targets.filter((target) => target.big && target.type === 'general-ledger');
  const largest = [...bigGeneralLedgers].sort((a, b) => b.bytes - a.bytes || b.period.localeCompare(a.period))[0];
  if (!largest) throw new Error('no general ledger of the big organization in the data set');
  const smallOrgs = [...new Set(targets.filter((target) => !target.big).map((target) => target.organizationId))];
  const samples: ColdSample[] = [];
  const failures: string[] = [];
  let largestSample: ColdResult['largest'] = null;
  for (let round = 0; round < options.rounds; round++) {
    const small = Array.from(
      { length: options.smallPerRound },
      (_, i) => smallOrgs[(round * options.smallPerRound + i) % smallOrgs.length],
    );
    const writes = [
      { org: largest.organizationId, period: largest.period },
      ...small.filter((org): org is string => org !== undefined).map((org) => ({ org, period: latestPeriodOf(targets, org) })),
    ];
    const waits: { org: string; period: string; sequence: number }[] = [];
    for (const [i, write] of writes.entries()) {
      const amount = `${1 + round}.${String(i).padStart(2, '0')}`;
      const posted = await owner.expect<{ sequence: number }>(201, 'POST', `/organizations/${write.org}/journal-entries`, {
        json: {
          date: `${write.period}-15`,
          memo: `Cold download round ${round + 1}`,
          lines: [
            { accountCode: '6300', debit: amount },
            { accountCode: '1000', credit: amount },
          ],
        },
      });
      waits.push({ ...write, sequence: posted.sequence });
    }
    const ready: { label: string; id: string; org: string }[] = [];
    for (const wait of waits) {
      for (const type of REPORT_TYPES) {
        const answer = await waitUpToDate(owner, wait.org, type, wait.period, wait.sequence, 30 * 60_000);
        ready.push({
          label: `${wait.org === largest.organizationId ? 'big' : 'small'} ${type} ${wait.period}`,
          id: answer.id,
          org: wait.org,
        });
      }
    }
    for (const report of ready) {
      const download = await downloadPdf(options.baseUrl, owner, `/api/v1/reports/${report.id}/pdf`);
      const sample = {
        report: report.label,
        headersMs: download.headersMs,
        ttfbMs: download.ttfbMs,
        totalMs: download.totalMs,
        bytes: download.body.length,
        status: download.status,
      };
      samples.push(sample);
      if (download.status !== 200) failures.push(`${report.label}: ${download.status}`);
      if (report.id === largest.id && download.status === 200) {
        const candidate = {
          report: report.label,
          pages: pdfPages(download.body),
          bytes: sample.bytes,
          headersMs: sample.headersMs,
          ttfbMs: sample.ttfbMs,
          totalMs: sample.totalMs,
        };
        if (!largestSample || candidate.ttfbMs > largestSample.ttfbMs) largestSample = candidate;
      }
    }
    options.log(`cold round ${round + 1}/${options.rounds}: ${ready.length} first downloads`);
    await sleep(100);
  }
  const round1 = (value: number) => Math.round(value * 10) / 10;
  if (largestSample)
    largestSample = {
      ...largestSample,
      headersMs: round1(largestSample.headersMs),
      ttfbMs: round1(largestSample.ttfbMs),
      totalMs: round1(largestSample.totalMs),
    };
  return {
    samples: samples.length,
    ttfb: summary(
      samples.map((sample) => sample.ttfbMs),
      1000,
    ),
    total: summary(
      samples.map((sample) => sample.totalMs),
      1000,
    ),
    largest: largestSample,
    failures,
  };
}

function latestPeriodOf(targets: Target[], org: string): string {
  return targets
    .filter((target) => target.organizationId === org)
    .map((target) => target.period)
    .sort()
    .at(-1) as string;
}
