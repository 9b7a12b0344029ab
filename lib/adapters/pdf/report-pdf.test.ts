// The four report layouts, checked the way a person would: text with poppler's pdftotext,
// pages rendered to PNG with pdftoppm (kept under test-results/report-pngs for a look).
import { execFileSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { GeneralLedgerDocument, ReportDocument, TrialBalanceDocument } from '../../domains/reports/documents';
import { buildBalanceSheet } from '../../domains/reports/projections/balance-sheet';
import { HISTORY, inputsFor, type HistoryRow } from '../../domains/reports/projections/fixtures';
import { buildGeneralLedger } from '../../domains/reports/projections/general-ledger';
import { buildIncomeStatement } from '../../domains/reports/projections/income-statement';
import type { PeriodLine } from '../../domains/reports/projections/inputs';
import { buildTrialBalance } from '../../domains/reports/projections/trial-balance';
import { renderReportPdf, type PaperSize, type PdfOptions } from './report-pdf';

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

const PRINTED_AT = '2026-11-30T15:24:59.000Z';
const render = (document: ReportDocument, options: PdfOptions = {}) => renderReportPdf(document, { printedAt: PRINTED_AT, ...options });

describe.each<[string, ReportDocument, number, PaperSize, string]>([
  ['trial balance', buildTrialBalance(inputs), 1, 'A4', 'Trial Balance as at 28 February 2026'],
  ['income statement', buildIncomeStatement(inputs), 1, 'LETTER', 'Income Statement for the month ended 28 February 2026'],
  ['balance sheet', buildBalanceSheet(inputs), 1, 'A4', 'Balance Sheet as at 28 February 2026'],
  [
    'general ledger',
    buildGeneralLedger({ ...inputs, lines: [...lines].sort((a, b) => a.date.localeCompare(b.date) || Number(a.sequence - b.sequence)) }),
    3,
    'A4',
    'General Ledger for the month ended 28 February 2026',
  ],
])('%s PDF', (name, document, pageCount, paper, heading) => {
  it(`has the heading, DRAFT, the footer on each of its ${pageCount} page(s), and renders`, async () => {
    const pdf = await render(document, { paper });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    expect(pageSize(pdf)).toMatch(paper === 'A4' ? /\(A4\)/ : /\(letter\)/);
    const text = pages(pdf);
    expect(text).toHaveLength(pageCount);
    expect(text[0]).toContain('Łódź Sp. z o.o.');
    expect(text[0]).toContain(heading);
    expect(text[0]).toContain('Amounts in PLN');
    expect(text[0]).not.toMatch(/Period 2026-02|As of ledger sequence|2026-02-01 –/);
    text.forEach((page, index) => {
      // The fixture's period is open: every page says the figures may still change.
      expect(page).toContain('DRAFT – period open');
      expect(page).toMatch(
        new RegExp(`Ledger sequence 42 · printed 2026-11-30 15:24 UTC\\s+ledger abababababab · Page ${index + 1} of ${pageCount}`),
      );
      if (index > 0) expect(page).toContain(`${heading} (continued)`);
    });
    renderPng(pdf, name.replace(' ', '-'));
  });
});

describe('headings', () => {
  it('drops DRAFT once the period is closed', async () => {
    const [page] = pages(await render({ ...buildBalanceSheet(inputs), periodClosed: true }));
    expect(page).toContain('Balance Sheet as at 28 February 2026');
    expect(page).not.toContain('DRAFT');
  });

  it('names the fiscal year of the year-to-date column in words', async () => {
    const [page] = pages(await render(buildIncomeStatement(inputs)));
    expect(page).toContain('Year to date: the fiscal year from 1 January 2026 to 28 February 2026');
  });
});

describe('layout details', () => {
  it('prints negatives in parentheses and thousands separators', async () => {
    const [page] = pages(await render(buildIncomeStatement(inputs)));
    // Rent was refunded in January: a negative expense in the year-to-date column.
    expect(page).toMatch(/6000\s+Rent\s+0\.00\s+\(500\.00\)/);
    expect(page).toMatch(/Net income\s+74,073\.60\s+74,573\.60/);
  });

  it('repeats column headers on every general-ledger page and keeps totals on the last', async () => {
    const text = pages(await render(buildGeneralLedger(inputs)));
    for (const page of text) expect(page).toMatch(/Date\s+Seq\.\s+Description\s+Ref\.\s+Debit\s+Credit\s+Balance/);
    expect(text.at(-1)).toMatch(/Total\s+74,073\.60\s+74,073\.60/);
  });

  it('shows a balance sheet that balances', async () => {
    const [page] = pages(await render(buildBalanceSheet(inputs)));
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
    const text = pages(await render(long, { paper: 'LETTER' }));
    expect(text.length).toBeGreaterThan(2);
    text.forEach((page, index) => {
      expect(page).toMatch(/Code\s+Account\s+Debit\s+Credit/);
      expect(page).toContain(`Page ${index + 1} of ${text.length}`);
      expect(page).toMatch(/\d{4}\s+Account \d+/);
    });
  });
});

describe('statement structure', () => {
  // A year later: sales, cost of sales and interest in February 2027, a van on a bank loan.
  const later: HistoryRow[] = [
    ...history,
    { accountId: 'sales', period: '2027-02', debitMinor: 0n, creditMinor: 300_000n },
    { accountId: 'cogs', period: '2027-02', debitMinor: 120_000n, creditMinor: 0n },
    { accountId: 'interest', period: '2027-02', debitMinor: 5_000n, creditMinor: 0n },
    { accountId: 'cash', period: '2027-02', debitMinor: 175_000n, creditMinor: 0n },
    { accountId: 'equipment', period: '2027-02', debitMinor: 400_000n, creditMinor: 0n },
    { accountId: 'loan', period: '2027-02', debitMinor: 0n, creditMinor: 400_000n },
  ];
  const laterInputs = inputsFor({ history: later, period: '2027-02', fiscalYearStartMonth: 1 });

  it('prints gross profit and operating profit on the income statement', async () => {
    const text = pages(await render(buildIncomeStatement(laterInputs)));
    expect(text).toHaveLength(1);
    const [page] = text;
    expect(page).toMatch(/Cost of sales\s+5000\s+Cost of goods sold\s+1,200\.00\s+1,200\.00/);
    expect(page).toMatch(/Gross profit\s+1,800\.00\s+1,800\.00/);
    expect(page).toMatch(/Operating profit\s+1,800\.00\s+1,800\.00/);
    expect(page).toMatch(/Other expenses\s+6900\s+Interest expense\s+50\.00\s+50\.00/);
    expect(page).toMatch(/Net income\s+1,750\.00\s+1,750\.00/);
  });

  it('prints current / non-current, net current assets and net assets on the balance sheet', async () => {
    const text = pages(await render(buildBalanceSheet(laterInputs)));
    expect(text).toHaveLength(1);
    const [page] = text;
    expect(page).toMatch(/Total current assets\s+86,623\.60/);
    expect(page).toMatch(/Non-current assets\s+1500\s+Equipment\s+4,000\.00/);
    expect(page).toMatch(/Total non-current liabilities\s+4,000\.00/);
    expect(page).toMatch(/Net current assets\s+86,623\.60/);
    expect(page).toMatch(/Net assets\s+86,623\.60/);
    expect(page).toMatch(/Total liabilities and equity\s+90,623\.60/);
  });
});

describe('comparatives', () => {
  // A year later: February 2027 against February 2026, and the position at 31 December 2026.
  const later: HistoryRow[] = [
    ...history,
    { accountId: 'sales', period: '2027-02', debitMinor: 0n, creditMinor: 300_000n },
    { accountId: 'cogs', period: '2027-02', debitMinor: 120_000n, creditMinor: 0n },
    { accountId: 'interest', period: '2027-02', debitMinor: 5_000n, creditMinor: 0n },
    { accountId: 'cash', period: '2027-02', debitMinor: 175_000n, creditMinor: 0n },
    { accountId: 'equipment', period: '2027-02', debitMinor: 400_000n, creditMinor: 0n },
    { accountId: 'loan', period: '2027-02', debitMinor: 0n, creditMinor: 400_000n },
  ];
  const laterInputs = inputsFor({ history: later, period: '2027-02', fiscalYearStartMonth: 1, comparatives: true });

  it('prints gross profit, operating profit and the prior year columns of the income statement on one page', async () => {
    const text = pages(await render(buildIncomeStatement(laterInputs)));
    expect(text).toHaveLength(1);
    const [page] = text;
    expect(page).toMatch(/Code\s+Account\s+Period\s+Prior year\s+Year to date\s+Prior YTD/);
    expect(page).toMatch(/4000\s+Sales\s+3,000\.00\s+74,073\.60\s+3,000\.00\s+74,073\.60/);
    expect(page).toMatch(/Gross profit\s+1,800\.00\s+74,073\.60\s+1,800\.00\s+74,073\.60/);
    expect(page).toMatch(/Operating profit\s+1,800\.00\s+74,073\.60\s+1,800\.00\s+74,573\.60/);
    expect(page).toMatch(/6900\s+Interest expense\s+50\.00\s+0\.00\s+50\.00\s+0\.00/);
    expect(page).toMatch(/Net income\s+1,750\.00\s+74,073\.60\s+1,750\.00\s+74,573\.60/);
    expect(page).toContain('Prior year: February 2026; prior year to date: the fiscal year from 1 January 2026 to 28 February 2026');
  });

  it('prints current / non-current, net current assets, net assets and the prior year end of the balance sheet', async () => {
    const text = pages(await render(buildBalanceSheet(laterInputs)));
    expect(text).toHaveLength(1);
    const [page] = text;
    expect(page).toMatch(/Code\s+Account\s+28 February 2027\s+31 December 2026/);
    expect(page).toMatch(/Total current assets\s+86,623\.60\s+84,873\.60/);
    expect(page).toMatch(/1500\s+Equipment\s+4,000\.00\s+0\.00/);
    expect(page).toMatch(/Total non-current liabilities\s+4,000\.00\s+0\.00/);
    expect(page).toMatch(/Net current assets\s+86,623\.60\s+84,873\.60/);
    expect(page).toMatch(/Net assets\s+86,623\.60\s+84,873\.60/);
    expect(page).toMatch(/Total liabilities and equity\s+90,623\.60\s+84,873\.60/);
    expect(page).toContain('Prior year end: 31 December 2026, the last day of the previous fiscal year');
  });
});

describe('number formats', () => {
  it.each([
    ['de', /Net income\s+74\.073,60\s+74\.573,60/, /6000\s+Rent\s+0,00\s+\(500,00\)/],
    // pdftotext turns the non-breaking space into a plain one.
    ['pl', /Net income\s+74[\u00a0 ]073,60\s+74[\u00a0 ]573,60/, /\(500,00\)/],
    ['ch', /Net income\s+74'073\.60\s+74'573\.60/, /\(500\.00\)/],
  ] as const)('prints %s amounts', async (numberFormat, net, rent) => {
    const [page] = pages(await render(buildIncomeStatement(inputs), { numberFormat }));
    expect(page).toMatch(net);
    expect(page).toMatch(rent);
  });
});

describe('general ledger across pages', () => {
  const LONG_NAME = 'Accounts receivable – trade debtors in the European Union, reverse-charge customers and intra-community supplies';
  const LONG_REF = 'RENT-2026-10-WH';
  const base = buildGeneralLedger({
    ...inputs,
    lines: [...lines].sort((a, b) => a.date.localeCompare(b.date) || Number(a.sequence - b.sequence)),
  });
  const document: GeneralLedgerDocument = {
    ...base,
    accounts: base.accounts.map((account) =>
      account.accountCode === '1100'
        ? { ...account, accountName: LONG_NAME, lines: account.lines.map((line) => ({ ...line, reference: LONG_REF })) }
        : account,
    ),
  };

  it('repeats the heading of an account that continues on the next page, in full', async () => {
    const pdf = await render(document);
    const text = pages(pdf);
    expect(text.length).toBeGreaterThan(1);
    // The name wraps (pdftotext keeps each line); nothing is cut with an ellipsis.
    const flat = text.map((page) => page.replace(/\s+/g, ' '));
    expect(flat[0]).toContain(`1100 ${LONG_NAME}`.split(' ').slice(0, 6).join(' '));
    expect(text.join('')).not.toContain('…');
    const continued = text
      .slice(1)
      .filter((page) => /1100 Accounts receivable – trade debtors[^\n]*\(continued\)|\(continued\)/.test(page));
    expect(continued.length).toBeGreaterThan(0);
    // Every page after the first that starts inside account 1100 names it again.
    for (const page of text.slice(1)) {
      const firstLine = page.split('\n').find((line) => /^\s*(\d{4}-\d{2}-\d{2}|\d{4} |Closing balance)/.test(line));
      if (firstLine && /^\s*\d{4}-\d{2}-\d{2}/.test(firstLine)) expect(page).toMatch(/1100 Accounts receivable[\s\S]*\(continued\)/);
    }
    for (const page of text) if (page.includes('INV-')) expect(page).not.toMatch(/INV-\d+…/);
    expect(text.join('\n')).toContain(LONG_REF);
    renderPng(pdf, 'general-ledger-continued');
    renderPage(pdf, 2, 'general-ledger-continued-page2');
  });

  it('never leaves a total alone at the top of a page', async () => {
    // Vary the number of lines so page breaks fall on every kind of row, totals included.
    for (let count = 40; count <= 70; count++) {
      const shortened: GeneralLedgerDocument = {
        ...document,
        accounts: document.accounts.map((account) =>
          account.accountCode === '1100' ? { ...account, lines: account.lines.slice(0, count) } : account,
        ),
      };
      const text = pages(await render(shortened));
      for (const page of text.slice(1)) {
        const body = page.split('\n').filter((line) => line.trim() !== '');
        // Line 0: continuation header; 1: column headers; 2: the first row of the page.
        const first = body.slice(2).find((line) => !/\(continued\)/.test(line)) ?? '';
        expect(first, `count ${count}: ${first}`).not.toMatch(/^\s*(Closing balance|Total)\b/);
      }
    }
  });
});

function renderPage(pdf: Buffer, page: number, name: string): void {
  mkdirSync(PNG_DIR, { recursive: true });
  execFileSync('pdftoppm', ['-png', '-r', '70', '-f', String(page), '-l', String(page), '-singlefile', '-', path.join(PNG_DIR, name)], {
    input: pdf,
  });
}
