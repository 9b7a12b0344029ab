// `npm run bench:pdf-thread`: what rendering a long general ledger does to the event loop
// of the process that renders it (a benchmark, not a test). Builds a synthetic general
// ledger of --lines journal lines (default 14,000 ≈ 300 pages), renders it --times times
// in-process and then on the worker-thread pool the worker processes use, and prints the
// render time and the event loop's delay (max, p99) measured while each was going on.
import { parseArgs } from 'node:util';
import { createPdfRenderer, type PdfRenderer } from '../lib/adapters/pdf/render-pool';
import type { ReportDocument } from '../lib/domains/reports/documents';
import type { PeriodLine, ReportInputs } from '../lib/domains/reports/projections/inputs';
import { buildReport } from '../lib/domains/reports/commands/rebuild-report';

const { values: args } = parseArgs({
  options: { lines: { type: 'string', default: '14000' }, times: { type: 'string', default: '3' } },
});
const LINES = Number(args.lines);
const TIMES = Number(args.times);

function longGeneralLedger(lines: number): ReportDocument {
  const accounts = [
    {
      id: 'a-cash',
      code: '1000',
      name: 'Cash at bank',
      type: 'asset' as const,
      subtype: 'current-asset' as const,
      isRetainedEarnings: false,
    },
    {
      id: 'a-ar',
      code: '1100',
      name: 'Accounts receivable',
      type: 'asset' as const,
      subtype: 'current-asset' as const,
      isRetainedEarnings: false,
    },
    { id: 'a-re', code: '3200', name: 'Retained earnings', type: 'equity' as const, subtype: 'equity' as const, isRetainedEarnings: true },
    {
      id: 'a-sales',
      code: '4000',
      name: 'Sales revenue',
      type: 'revenue' as const,
      subtype: 'revenue' as const,
      isRetainedEarnings: false,
    },
  ];
  const periodLines: PeriodLine[] = [];
  let debit = 0n;
  for (let i = 0; i < lines / 2; i++) {
    const amount = BigInt(10_000 + ((i * 7919) % 900_000));
    debit += amount;
    const date = `2026-10-${String(1 + (i % 31)).padStart(2, '0')}`;
    const common = {
      date,
      sequence: BigInt(i + 1),
      entryId: `e${i}`,
      memo: `Invoice ${10_000 + i} – goods sold`,
      reference: `INV-${10_000 + i}`,
      description: null,
    };
    periodLines.push({ ...common, accountId: 'a-ar', lineNo: 1, debitMinor: amount, creditMinor: 0n });
    periodLines.push({ ...common, accountId: 'a-sales', lineNo: 2, debitMinor: 0n, creditMinor: amount });
  }
  periodLines.sort((a, b) => a.date.localeCompare(b.date) || Number(a.sequence - b.sequence) || a.lineNo - b.lineNo);
  const inputs: ReportInputs = {
    organization: { id: 'org', name: 'Long Ledger Ltd', baseCurrency: 'EUR', fiscalYearStartMonth: 1 },
    period: '2026-10',
    periodClosed: true,
    accounts,
    activity: [
      { accountId: 'a-ar', beforeFiscalYear: 0n, fiscalYearBeforePeriod: 0n, periodDebit: debit, periodCredit: 0n },
      { accountId: 'a-sales', beforeFiscalYear: 0n, fiscalYearBeforePeriod: 0n, periodDebit: 0n, periodCredit: debit },
    ],
    lines: periodLines,
    asOfSequence: BigInt(lines),
    ledgerHash: null,
    builtAt: new Date(),
  };
  return buildReport('general-ledger', inputs);
}

async function measure(label: string, renderer: PdfRenderer, document: ReportDocument) {
  // A timer that should fire every 10 ms: how late it fires is what any other work of the
  // process (a job, a heartbeat, an HTTP request) would wait.
  const lateness: number[] = [];
  let last = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    lateness.push(Math.max(0, now - last - 10));
    last = now;
  }, 10);
  const started = performance.now();
  let pages = 0;
  let bytes = 0;
  for (let i = 0; i < TIMES; i++) {
    const rendered = await renderer.render(document);
    pages = rendered.pages;
    bytes = rendered.bytes.length;
  }
  const seconds = (performance.now() - started) / 1000 / TIMES;
  // Let the timer fire once more: a blocked loop shows up as one very late tick.
  await new Promise((resolve) => setTimeout(resolve, 20));
  clearInterval(timer);
  const sorted = [...lateness].sort((a, b) => a - b);
  const max = Math.round(sorted.at(-1) ?? 0);
  const p99 = Math.round(sorted[Math.ceil(sorted.length * 0.99) - 1] ?? 0);
  console.log(
    `${label.padEnd(14)} ${pages} pages, ${Math.round(bytes / 1024)} KB, ${seconds.toFixed(2)} s per PDF; event loop: longest stall ${max} ms, p99 ${p99} ms over ${lateness.length} ticks`,
  );
  return { label, pages, bytes, secondsPerPdf: seconds, longestStallMs: max, p99StallMs: p99, ticks: lateness.length };
}

async function main(): Promise<void> {
  const document = longGeneralLedger(LINES);
  const inProcess = createPdfRenderer({ threads: 0 });
  const pool = createPdfRenderer({ threads: 1 });
  await pool.render(longGeneralLedger(10)); // start the thread (fonts, modules) before measuring
  const results = [await measure('in-process', inProcess, document), await measure('worker thread', pool, document)];
  console.log(JSON.stringify({ lines: LINES, results }));
  await pool.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
