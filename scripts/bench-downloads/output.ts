// The printed result: one row of raw figures per phase, the ratios, correctness, memory,
// each target with pass/fail, and one JSON line at the end.
import type { ColdResult } from './cold';
import type { CorrectnessResult } from './correctness';
import type { WebDiagnostics } from './web-diagnostics';
import type { WrkResult } from './wrk';

export interface Results {
  readSide: string;
  readSideLabel: string;
  machine: string;
  dataSet: Record<string, unknown>;
  phases: {
    closebook: WrkResult;
    withWriters: WrkResult;
    revalidate: WrkResult;
    plain: WrkResult;
    notFound: WrkResult;
    compute: WrkResult;
  };
  /** What the web process saw during (a): cache lookups, renders, GC, event-loop delay. */
  closebookServerSide: WebDiagnostics;
  computeNote: string;
  cold: ColdResult;
  correctness: CorrectnessResult;
  memory: { budgetMb: number; peakTreeRssMb: number; peakDuringPdfMb: number; webVmHwmMb: number | null };
}

const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');

export function evaluate(results: Results) {
  const { closebook, withWriters, revalidate, plain, compute } = results.phases;
  const revalidated = revalidate.statuses?.['304'] ?? 0;
  // No compute request finished within the phase: each took longer than it, so the rate was
  // below clients / seconds, and the ratio is at least Closebook's rate over that bound.
  const computeBound = compute.requests === 0;
  const computeRate = computeBound ? compute.clients / Math.max(compute.seconds, 1) : compute.perSecond;
  const ratios = {
    closebookToPlain: closebook.perSecond / plain.perSecond,
    withWritersToPlain: withWriters.perSecond / plain.perSecond,
    closebookToCompute: closebook.perSecond / computeRate,
    revalidateToPdf: revalidate.perSecond / closebook.perSecond,
  };
  const targets = [
    {
      target: 'PDF req/s ≥ 50 % of plain node:http',
      pass: ratios.closebookToPlain >= 0.5,
      value: `${fixed(ratios.closebookToPlain * 100, 1)} %`,
    },
    { target: `PDF p99 < 100 ms at ${closebook.clients} clients`, pass: closebook.p99 < 100, value: `${closebook.p99} ms` },
    {
      target: 'PDF req/s ≥ 100× compute on request',
      pass: ratios.closebookToCompute >= 100,
      value: computeBound
        ? `> ${fixed(ratios.closebookToCompute, 1)}× (no compute request finished in ${compute.seconds} s)`
        : `${fixed(ratios.closebookToCompute, 1)}×`,
    },
    {
      target: '304 revalidation at least as fast as 200',
      pass: ratios.revalidateToPdf >= 1 && revalidated === revalidate.requests,
      value: `${fixed(ratios.revalidateToPdf)}× req/s; ${revalidated}/${revalidate.requests} answered 304`,
    },
    {
      target: 'cold first download p99 TTFB (first body byte) < 250 ms (incl. largest GL)',
      pass: results.cold.ttfb.p99 < 250 && (results.cold.largest?.ttfbMs ?? Infinity) < 250 && results.cold.failures.length === 0,
      value: `p99 ${results.cold.ttfb.p99} ms; largest GL ${results.cold.largest?.ttfbMs ?? 'n/a'} ms`,
    },
    {
      target: `web memory ≤ budget ${results.memory.budgetMb} MB`,
      pass: results.memory.peakTreeRssMb <= results.memory.budgetMb,
      value: `peak ${results.memory.peakTreeRssMb} MB`,
    },
    {
      target: 'correct under load (read-your-writes, non-member 404, token bound)',
      pass: results.correctness.violations.length === 0,
      value: `${results.correctness.violations.length} violations`,
    },
  ];
  return { ratios, targets };
}

export function printResults(results: Results): void {
  const { ratios, targets } = evaluate(results);
  const out = (line = '') => console.log(line);
  out();
  out(`Closebook PDF downloads — ${results.machine}`);
  out(`Read side: ${results.readSide}${results.readSideLabel ? ` — figures ${results.readSideLabel}` : ''}`);
  out(
    `Data set: ${Object.entries(results.dataSet)
      .map(([key, value]) => `${key} ${String(value)}`)
      .join(', ')}`,
  );
  out();
  const widths = [44, 8, 11, 9, 9, 9, 8, 10, 8];
  const row = (cells: (string | number)[]) =>
    cells.map((cell, i) => (i === 0 ? String(cell).padEnd(widths[i] ?? 8) : String(cell).padStart(widths[i] ?? 8))).join(' ');
  out(row(['phase', 'clients', 'req/s', 'p50 ms', 'p99 ms', 'max ms', 'errors', 'status>399', 'MB/s']));
  for (const phase of Object.values(results.phases)) {
    out(
      row([
        phase.label,
        phase.clients,
        phase.perSecond,
        phase.p50,
        phase.p99,
        phase.max,
        phase.errors,
        phase.statusOver399,
        phase.mbPerSecond,
      ]),
    );
  }
  const { cold } = results;
  out(
    row([
      `cold first downloads (first body byte), n=${cold.samples}`,
      1,
      '',
      cold.ttfb.p50,
      cold.ttfb.p99,
      '',
      cold.failures.length,
      '',
      '',
    ]),
  );
  const seen = results.closebookServerSide;
  out(
    `  (a) inside the web process: cache lookups ${JSON.stringify(seen.cacheLookups)}; renders ${seen.renders}; GC ${JSON.stringify(seen.gc)}; event loop delay max ${seen.eventLoopLagMaxMs ?? 'n/a'} ms`,
  );
  if (results.computeNote) out(`  ${results.computeNote}`);
  if (results.phases.revalidate.statuses) out(`  revalidation statuses: ${JSON.stringify(results.phases.revalidate.statuses)}`);
  if (cold.largest) {
    out(
      `  largest general ledger: ${cold.largest.pages} pages, ${(cold.largest.bytes / 1024 / 1024).toFixed(1)} MB; first download: headers ${cold.largest.headersMs} ms, first body byte ${cold.largest.ttfbMs} ms, complete ${cold.largest.totalMs} ms`,
    );
  }
  out();
  out(
    `ratios: Closebook / plain node:http ${fixed(ratios.closebookToPlain, 3)} (with writers ${fixed(ratios.withWritersToPlain, 3)}); Closebook / compute on request ${fixed(ratios.closebookToCompute, 1)}; 304 / 200 ${fixed(ratios.revalidateToPdf)}`,
  );
  const c = results.correctness;
  out(
    `correctness under load: ${c.writes} writes read back (write → upToDate p50 ${c.freshnessMs.p50} ms, p99 ${c.freshnessMs.p99} ms; ${c.busyAnswers} busy 503s waited out by the writers and token probes); ${c.nonMemberChecks} non-member requests`,
  );
  out(
    `  tokens (${c.tokenRevocation}): revoked refused after ${c.revokedAfterMs ?? 'never'} ms, expired refused after ${c.expiredAfterMs ?? 'never'} ms (stated bound ${c.tokenBoundMs} ms)`,
  );
  for (const violation of c.violations.slice(0, 20)) out(`  VIOLATION ${violation}`);
  const m = results.memory;
  out(
    `web process memory (next start and its children, RSS sampled every 100 ms): peak ${m.peakTreeRssMb} MB overall, ${m.peakDuringPdfMb} MB during the PDF phase; VmHWM of the web process ${m.webVmHwmMb ?? 'n/a'} MB; budget ${m.budgetMb} MB`,
  );
  out();
  for (const target of targets) out(`${target.pass ? 'PASS' : 'FAIL'}  ${target.target.padEnd(64)} ${target.value}`);
  out();
  console.log(JSON.stringify({ benchmark: 'closebook-downloads', ...results, ratios, targets }));
}
