// CSV import at volume (≥ 1,000,000 lines as files of 50,000) until every report of the
// organization is up to date, and the rebuild cost of the last month's trial balance,
// balance sheet and income statement at two ledger sizes (flat is the goal: the rebuild
// reads per-account period balances, never the journal of earlier months).
import type { PrismaClient } from '../../lib/adapters/db/prisma';
import { buildReport, loadReportInputs } from '../../lib/domains/reports/commands/rebuild-report';
import { Api, forEachLimited, sleep } from '../bench-downloads/api';
import { journalCsvChunks } from '../bench-downloads/dataset';

export interface ImportFigures {
  lines: number;
  files: number;
  /** First upload → last 201. */
  importSeconds: number;
  /** First upload → every report of every imported month up to date. */
  upToDateSeconds: number;
  linesPerSecond: number;
}

export async function importUntilUpToDate(options: {
  api: Api;
  organizationId: string;
  lines: number;
  periods: readonly string[];
  /** Files uploaded at once (writes of one organization are serialised anyway). */
  concurrency: number;
  log: (line: string) => void;
}): Promise<ImportFigures> {
  const { api, organizationId, periods } = options;
  const files = [...journalCsvChunks(Math.ceil(options.lines / 2), periods, 7)];
  const started = performance.now();
  let lines = 0;
  let done = 0;
  await forEachLimited(files, options.concurrency, async (csv) => {
    const result = await api.expect<{ lines: number }>(201, 'POST', `/organizations/${organizationId}/journal-entries/import`, { csv });
    lines += result.lines;
    done += 1;
    if (done % 5 === 0 || done === files.length) {
      options.log(`import: ${done}/${files.length} files, ${lines} lines, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    }
  });
  const importSeconds = (performance.now() - started) / 1000;
  // Every report of every month the import touched (the lookup registers it, so a month
  // nobody opened before is built too), until all say upToDate.
  const types = ['trial-balance', 'balance-sheet', 'income-statement', 'general-ledger'];
  let waiting = periods.flatMap((period) => types.map((type) => ({ period, type })));
  while (waiting.length > 0) {
    const stillWaiting: typeof waiting = [];
    await forEachLimited(waiting, 8, async (report) => {
      const answer = await api.expect<{ upToDate: boolean }>(
        200,
        'GET',
        `/organizations/${organizationId}/reports?type=${report.type}&period=${report.period}`,
      );
      if (!answer.upToDate) stillWaiting.push(report);
    });
    waiting = stillWaiting;
    if (waiting.length > 0) await sleep(200);
    if (performance.now() - started > 900_000) throw new Error(`${waiting.length} reports still stale after 15 minutes`);
  }
  const upToDateSeconds = (performance.now() - started) / 1000;
  return {
    lines,
    files: files.length,
    importSeconds: round(importSeconds),
    upToDateSeconds: round(upToDateSeconds),
    linesPerSecond: Math.round(lines / upToDateSeconds),
  };
}

/**
 * Until the stack is quiet: no rebuild job due or running, and no autovacuum at work (after a
 * 1,000,000-line import it vacuums and analyzes the journal for tens of seconds). A phase
 * that starts earlier measures the previous phase's aftermath too: the 400/s phase leaves a
 * backlog of rebuilds, the imports leave ledger jobs and autovacuum, and a ~5 ms rebuild
 * measured against them is mostly noise. Returns the seconds waited.
 */
export async function waitForQuietStack(prisma: PrismaClient, limitMs = 180_000): Promise<number> {
  const started = performance.now();
  let quietChecks = 0;
  while (quietChecks < 2) {
    const [row] = await prisma.$queryRaw<{ jobs: bigint; vacuums: bigint }[]>`
      SELECT (SELECT count(*) FROM graphile_worker._private_jobs
               WHERE (run_at <= now() OR locked_at IS NOT NULL) AND attempts < max_attempts) AS jobs,
             (SELECT count(*) FROM pg_stat_activity WHERE backend_type = 'autovacuum worker') AS vacuums`;
    quietChecks = row && row.jobs === 0n && row.vacuums === 0n ? quietChecks + 1 : 0;
    if (performance.now() - started > limitMs) break;
    await sleep(500);
  }
  return Math.round((performance.now() - started) / 100) / 10;
}

export interface RebuildCost {
  lines: number;
  /** Median of the runs, ms: load one snapshot + build the three statements. */
  medianMs: number;
  p90Ms: number;
}

/** What one period job pays for the statements, without the general ledger's lines (issue 10's measure). */
async function rebuildOnce(prisma: PrismaClient, organizationId: string, period: string): Promise<number> {
  const started = performance.now();
  const inputs = await loadReportInputs(prisma, { organizationId, period, withLines: false }, new Date());
  if (!inputs) throw new Error(`organization ${organizationId} missing`);
  for (const type of ['trial-balance', 'balance-sheet', 'income-statement'] as const) buildReport(type, inputs);
  return performance.now() - started;
}

/**
 * The rebuild cost at two ledger sizes, measured alternately (small, big, small, big…) so
 * that the machine's drift during the measurement falls on both alike: measured one after
 * the other, 25 runs each, the ratio of two ~10 ms medians moved 0.71–1.23 between runs.
 */
export async function rebuildCosts(
  prisma: PrismaClient,
  organizations: { small: string; big: string },
  period: string,
  runs = 100,
): Promise<{ small: RebuildCost; big: RebuildCost }> {
  const times = { small: [] as number[], big: [] as number[] };
  for (let i = 0; i < runs + 5; i++) {
    for (const size of ['small', 'big'] as const) {
      const ms = await rebuildOnce(prisma, organizations[size], period);
      if (i >= 5) times[size].push(ms);
    }
  }
  const cost = async (size: 'small' | 'big'): Promise<RebuildCost> => {
    const [row] = await prisma.$queryRaw<
      { lines: bigint }[]
    >`SELECT count(*) AS lines FROM journal_lines WHERE organization_id = ${organizations[size]}::uuid`;
    const sorted = times[size].sort((a, b) => a - b);
    const at = (p: number) => round(sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? Number.NaN);
    return { lines: Number(row?.lines ?? 0), medianMs: at(0.5), p90Ms: at(0.9) };
  };
  return { small: await cost('small'), big: await cost('big') };
}

const round = (value: number) => Math.round(value * 10) / 10;
