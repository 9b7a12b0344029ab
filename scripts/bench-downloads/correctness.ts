// Correctness under load, run while the PDF phase's wrk is at work:
//  - writers: post an entry, wait for the lookup to say upToDate, download the PDF and
//    check its ETag's asOfSequence includes the write (read your writes);
//  - a non-member asks for report IDs of the data set: must get 404;
//  - a token is revoked and another expires: how long until each gets 401, against the
//    bound stated with --token-bound-ms.
import type { PrismaClient } from '../../lib/adapters/db/prisma';
import { hashSecret } from '../../lib/domains/auth/secrets';
import { REPORT_TYPES } from '../../lib/domains/reports/types';
import { Api, sequenceOfEtag, sleep } from './api';
import { downloadPdf, downloadPdfPatiently, lookupPath, pdfPath, waitUpToDate, type Target } from './reports';
import { summary, type LatencySummary } from '../bench-stats';

export interface CorrectnessResult {
  writes: number;
  /** 503 + Retry-After answers (every render slot taken) the writers and the token probes waited out. */
  busyAnswers: number;
  /** Write (201) → lookup says upToDate and includes it. */
  freshnessMs: LatencySummary;
  violations: string[];
  nonMemberChecks: number;
  revokedAfterMs: number | null;
  expiredAfterMs: number | null;
  tokenRevocation: string;
  tokenBoundMs: number;
}

interface Probe {
  base: string;
  baseUrl: string;
  prisma: PrismaClient;
  owner: Api;
  outsider: Api;
  /** Two fresh tokens of the probe user: one is revoked, the other expires. */
  probeTokens: [string, string];
  probePdf: string;
  writerOrgs: string[];
  period: string;
  targets: Target[];
  tokenBoundMs: number;
}

/** Runs until `running()` turns false; returns what it saw. */
export async function checkCorrectness(probe: Probe, running: () => boolean, phaseMs: number): Promise<CorrectnessResult> {
  const violations: string[] = [];
  const freshness: number[] = [];
  let nonMemberChecks = 0;
  const busy = { count: 0 };

  const writer = async (org: string, w: number) => {
    for (let i = 0; running(); i++) {
      const type = REPORT_TYPES[(w + i) % REPORT_TYPES.length] ?? 'trial-balance';
      const amount = `${10 + w}.${String(i % 100).padStart(2, '0')}`;
      const posted = await probe.owner.request<{ sequence: number }>('POST', `/organizations/${org}/journal-entries`, {
        json: {
          date: `${probe.period}-${String(1 + (i % 28)).padStart(2, '0')}`,
          memo: `Correctness probe ${w}.${i}`,
          lines: [
            { accountCode: '1100', debit: amount },
            { accountCode: '4000', credit: amount },
          ],
        },
      });
      if (posted.status !== 201) {
        violations.push(`writer ${w}: posting answered ${posted.status}`);
        continue;
      }
      const postedAt = performance.now();
      const sequence = posted.body.sequence;
      let answer;
      try {
        answer = await waitUpToDate(probe.owner, org, type, probe.period, sequence, 120_000);
      } catch (error) {
        violations.push(`writer ${w}: ${(error as Error).message} (sequence ${sequence})`);
        continue;
      }
      freshness.push(performance.now() - postedAt);
      // A 503 with Retry-After (every render slot taken) is the bounded queue at work, not a wrong answer: wait and ask again.
      const download = await downloadPdfPatiently(probe.baseUrl, probe.owner, pdfPath(answer.id), busy);
      const seen = sequenceOfEtag(download.etag);
      if (download.status !== 200) violations.push(`writer ${w}: ${type} PDF answered ${download.status} after upToDate`);
      else if (seen === null || seen < sequence) {
        violations.push(`writer ${w}: ${type} PDF has ETag ${download.etag} (sequence ${seen}) after upToDate for sequence ${sequence}`);
      }
    }
  };

  const nonMember = async () => {
    for (let i = 0; running(); i++) {
      const target = probe.targets[(i * 7919) % probe.targets.length];
      if (!target) return;
      const answer = await downloadPdf(probe.baseUrl, probe.outsider, target.path);
      nonMemberChecks += 1;
      if (answer.status !== 404) violations.push(`non-member got ${answer.status} for ${target.path}`);
      const lookup = await probe.outsider.request('GET', lookupPath(target.organizationId, target.type, target.period));
      nonMemberChecks += 1;
      if (lookup.status !== 404) violations.push(`non-member lookup got ${lookup.status} for ${target.organizationId}`);
      await sleep(100);
    }
  };

  // Time from the revocation / expiry instant until the token is refused (401).
  const refusedAfter = async (token: string, from: number): Promise<number | null> => {
    const api = new Api(probe.base, token);
    const deadline = from + Math.max(10_000, probe.tokenBoundMs * 3);
    while (Date.now() < deadline) {
      const answer = await downloadPdf(probe.baseUrl, api, probe.probePdf);
      if (answer.status === 401) return Date.now() - from;
      // 503 + Retry-After: the credential was accepted (it is checked before any render) and
      // every render slot was taken — the token still worked at that instant, as with a 200.
      if (answer.status === 503) busy.count += 1;
      else if (answer.status !== 200) violations.push(`token probe got ${answer.status}`);
      await sleep(20);
    }
    return null;
  };
  let tokenRevocation = 'row deleted from api_tokens (no revocation endpoint answered)';
  const tokens = async () => {
    const [revoked, expiring] = probe.probeTokens;
    for (const token of probe.probeTokens) {
      const answer = await downloadPdfPatiently(probe.baseUrl, new Api(probe.base, token), probe.probePdf, busy);
      if (answer.status !== 200) violations.push(`token probe: a fresh token got ${answer.status}`);
    }
    await sleep(phaseMs / 3);
    const [row] = await probe.prisma.$queryRaw<{ id: string }[]>`SELECT id::text FROM api_tokens WHERE token_hash = ${hashSecret(revoked)}`;
    const viaApi = row ? await new Api(probe.base, revoked).request('DELETE', `/tokens/${row.id}`) : null;
    if (viaApi && viaApi.status >= 200 && viaApi.status < 300) tokenRevocation = `DELETE /api/v1/tokens/{id} (${viaApi.status})`;
    else await probe.prisma.$executeRaw`DELETE FROM api_tokens WHERE token_hash = ${hashSecret(revoked)}`;
    // Measured from the moment the revocation has been answered (committed).
    const revokedAt = Date.now();
    const expiresAt = Date.now() + 1000;
    await probe.prisma.$executeRaw`UPDATE api_tokens SET expires_at = ${new Date(expiresAt)} WHERE token_hash = ${hashSecret(expiring)}`;
    const [revokedAfterMs, expiredAfterMs] = await Promise.all([refusedAfter(revoked, revokedAt), refusedAfter(expiring, expiresAt)]);
    return { revokedAfterMs, expiredAfterMs };
  };

  const [tokenResult] = await Promise.all([tokens(), nonMember(), ...probe.writerOrgs.map((org, w) => writer(org, w))]);
  const bound = (label: string, ms: number | null) => {
    if (ms === null || ms > probe.tokenBoundMs) violations.push(`${label} token still worked ${ms ?? 'for the whole probe'} ms later`);
  };
  bound('revoked', tokenResult.revokedAfterMs);
  bound('expired', tokenResult.expiredAfterMs);
  return {
    writes: freshness.length,
    busyAnswers: busy.count,
    freshnessMs: summary(freshness, 1000),
    violations,
    nonMemberChecks,
    ...tokenResult,
    tokenRevocation,
    tokenBoundMs: probe.tokenBoundMs,
  };
}
