// The four report layouts, checked the way a person would: text with poppler's pdftotext,
// pages rendered to PNG with pdftoppm (kept under test-results/report-pngs for a look).
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ReportDocument, TrialBalanceDocument } from '../../domains/reports/documents';
import { buildBalanceSheet } from '../../domains/reports/projections/balance-sheet';
import { HISTORY, inputsFor, type HistoryRow } from '../../domains/reports/projections/fixtures';
import { buildGeneralLedger } from '../../domains/reports/projections/general-ledger';
import { buildIncomeStatement } from '../../domains/reports/projections/income-statement';
import type { PeriodLine } from '../../domains/reports/projections/inputs';
import { buildTrialBalance } from '../../domains/reports/projections/trial-balance';
import { renderReportPdf, type PaperSize } from './report-pdf';

const PNG_DIR = path.join(process.cwd(), 'test-results', 'report-pngs');

function pages(pdf: Buffer): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
  return text.split('\f').filter((page, index, all) => index < all.length - 1 || page.trim() !== '');
}

function pageSize(pdf: Buffer): string {
  return /Page size:\s+(.*)/.exec(execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8'))?.[1] ?? '';
}

function renderPng(pdf: Buffer, name: string): void {
  mkdirSync(PNG_DIR, { recursive: true });
  const prefix = path.join(PNG_DIR, name);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-', prefix], { input: pdf });
  const first = [`${prefix}-1.png`, `${prefix}-01.png`, `${prefix}-001.png`].find((file) => {
    try {
      return statSync(file).size > 5_000;
    } catch {
      return false;
    }
  });
  expect(first, `PNG of ${name}`).toBeDefined();
}

// A month with a loss-making rent refund reversal, so negatives appear.
const lines: PeriodLine[] = Array.from({ length: 120 }, (_, index) => {
  const entry = Math.floor(index / 2);
  const debitSide = index % 2 === 1;
  return {
    accountId: debitSide ? 'ar' : 'sales',
    date: `2026-02-${String(1 + (entry % 28)).padStart(2, '0')}`,
    sequence: BigInt(100 + entry),
    entryId: `e${entry}`,
    lineNo: debitSide ? 2 : 1,
    memo: `Invoice ${1000 + entry} – Łódź office`,
    reference: `INV-${1000 + entry}`,
    description: null,
    debitMinor: debitSide ? 123_456n : 0n,
    creditMinor: debitSide ? 0n : 123_456n,
  };
});
const history: HistoryRow[] = [
  ...HISTORY.filter((row) => row.period !== '2026-02'),
  ...lines.map((line) => ({ accountId: line.accountId, period: '2026-02', debitMinor: line.debitMinor, creditMinor: line.creditMinor })),
  { accountId: 'rent', period: '2026-01', debitMinor: 0n, creditMinor: 50_000n }, // a refund: negative expense
  { accountId: 'cash', period: '2026-01', debitMinor: 50_000n, creditMinor: 0n },
];
const inputs = inputsFor({ history, period: '2026-02', fiscalYearStartMonth: 1, lines });

describe.each<[string, ReportDocument, number, PaperSize]>([
  ['trial balance', buildTrialBalance(inputs), 1, 'A4'],
  ['income statement', buildIncomeStatement(inputs), 1, 'LETTER'],
  ['balance sheet', buildBalanceSheet(inputs), 1, 'A4'],
  [
    'general ledger',
    buildGeneralLedger({ ...inputs, lines: [...lines].sort((a, b) => a.date.localeCompare(b.date) || Number(a.sequence - b.sequence)) }),
    3,
    'A4',
  ],
])('%s PDF', (name, document, pageCount, paper) => {
  it(`has the header, page X of Y on each of its ${pageCount} page(s), and renders`, async () => {
    const pdf = await renderReportPdf(document, paper);
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(pageSize(pdf)).toMatch(paper === 'A4' ? /\(A4\)/ : /\(letter\)/);
    const text = pages(pdf);
    expect(text).toHaveLength(pageCount);
    expect(text[0]).toContain('Łódź Sp. z o.o.');
    expect(text[0]).toContain('Period 2026-02 (2026-02-01 – 2026-02-28)');
    expect(text[0]).toContain('As of ledger sequence 42');
    text.forEach((page, index) => expect(page).toContain(`ledger abababababab · Page ${index + 1} of ${pageCount}`));
    renderPng(pdf, name.replace(' ', '-'));
  });
});

describe('layout details', () => {
  it('prints negatives in parentheses and thousands separators', async () => {
    const [page] = pages(await renderReportPdf(buildIncomeStatement(inputs)));
    // Rent was refunded in January: a negative expense in the year-to-date column.
    expect(page).toMatch(/6000\s+Rent\s+0\.00\s+\(500\.00\)/);
    expect(page).toMatch(/Net income\s+74,073\.60\s+74,573\.60/);
  });

  it('repeats column headers on every general-ledger page and keeps totals on the last', async () => {
    const text = pages(await renderReportPdf(buildGeneralLedger(inputs)));
    for (const page of text) expect(page).toMatch(/Date\s+Seq\.\s+Description\s+Ref\.\s+Debit\s+Credit\s+Balance/);
    expect(text.at(-1)).toMatch(/Total\s+74,073\.60\s+74,073\.60/);
  });

  it('shows a balance sheet that balances', async () => {
    const [page] = pages(await renderReportPdf(buildBalanceSheet(inputs)));
    expect(page).toMatch(/Total assets\s+84,873\.60/);
    expect(page).toMatch(/Total liabilities and equity\s+84,873\.60/);
  });

  it('paginates a long trial balance without a blank trailing page', async () => {
    const base = buildTrialBalance(inputs);
    const long: TrialBalanceDocument = {
      ...base,
      rows: Array.from({ length: 150 }, (_, index) => ({
        accountCode: String(1000 + index),
        accountName: `Account ${index}`,
        accountType: 'asset' as const,
        debit: '1.00',
        credit: '0.00',
      })),
    };
    const text = pages(await renderReportPdf(long, 'LETTER'));
    expect(text.length).toBeGreaterThan(2);
    text.forEach((page, index) => {
      expect(page).toMatch(/Code\s+Account\s+Debit\s+Credit/);
      expect(page).toContain(`Page ${index + 1} of ${text.length}`);
      expect(page).toMatch(/\d{4}\s+Account \d+/);
    });
  });
});
