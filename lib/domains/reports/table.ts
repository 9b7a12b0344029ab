// A report document as a table: the one layout model shared by the PDF, CSV and XLSX
// exports, so the three always show the same rows in the same order. Pure: it arranges
// what the document holds and does no arithmetic.
import { addMonths, comparePeriods, longDate, monthName, periodBounds, periodOfDate } from '../accounting/periods';
import { formatForReport, parseSignedAmount, type NumberFormat } from '../money/money';
import type {
  BalanceSheetDocument,
  BalanceSheetFigures,
  GeneralLedgerDocument,
  IncomeStatementColumn,
  IncomeStatementDocument,
  ReportDocument,
  StatementSection,
} from './documents';
import type { LedgerLine } from './documents/general-ledger';
import { REPORT_TITLES, type ReportType } from './types';

/** An amount cell holds the document's decimal string ("-12.50"); each format styles it. */
export interface AmountCell {
  amount: string;
  /** Show nothing instead of 0.00 (e.g. the empty side of a trial-balance row). */
  blankZero?: boolean;
}
export type Cell = string | AmountCell | null;

export interface TableColumn {
  header: string;
  /** Share of the usable page width. */
  width: number;
  kind: 'text' | 'amount';
}

export type RowStyle = 'normal' | 'section' | 'subtotal' | 'total';

export interface TableRow {
  cells: Cell[];
  style: RowStyle;
  /** What the row is about, for the screen's drill-down (a statement row's account, a ledger line's entry); files ignore it. */
  accountCode?: string;
  entryId?: string;
}

export interface ReportTable {
  /** "Balance Sheet" */
  title: string;
  /** "as at 31 October 2026", "for the month ended 31 October 2026" */
  dateLine: string;
  /** The period is still open: the figures may change, so the report is a draft. */
  draft: boolean;
  columns: TableColumn[];
  rows: TableRow[];
  /** Shown under the title. */
  notes: string[];
}

export const DRAFT_MARK = 'DRAFT – period open';

/** Amounts as accountants print them: thousands separators, negatives in parentheses, in the organization's number format. */
export function displayAmount(cell: AmountCell, numberFormat: NumberFormat = 'en'): string {
  return formatForReport(parseSignedAmount(cell.amount), { blankZero: cell.blankZero ?? false, numberFormat });
}

const COUNTS = ['', 'month', 'two months', 'three months', 'four months', 'five months', 'six months', 'seven months'];
const MORE_COUNTS = ['eight months', 'nine months', 'ten months', 'eleven months', 'twelve months'];

/**
 * The dates of a statement as accountants write them: a position "as at" its last day
 * (balance sheet, trial balance), activity "for the month ended" it (income statement,
 * general ledger; "for the three months ended" for a quarter).
 */
export function reportDateLine(document: Pick<ReportDocument, 'type' | 'periodStart' | 'periodEnd'>): string {
  const end = longDate(document.periodEnd);
  if (document.type === 'balance-sheet' || document.type === 'trial-balance') return `as at ${end}`;
  const from = periodOfDate(document.periodStart);
  const to = periodOfDate(document.periodEnd);
  const months = Math.max(1, comparePeriods(to, from) + 1);
  const count = [...COUNTS, ...MORE_COUNTS][months];
  if (document.periodStart !== periodBounds(from).start || !count) return `for the period ${longDate(document.periodStart)} to ${end}`;
  return `for the ${count} ended ${end}`;
}

/** "Balance Sheet": the report's name as the heading of a statement. */
export function statementName(type: ReportType): string {
  return REPORT_TITLES[type].replace(/\b[a-z]/g, (letter) => letter.toUpperCase());
}

/** "Balance Sheet as at 31 October 2026" */
export function reportHeading(document: Pick<ReportDocument, 'type' | 'periodStart' | 'periodEnd'>): string {
  return `${statementName(document.type)} ${reportDateLine(document)}`;
}

export function isAmountCell(cell: Cell): cell is AmountCell {
  return typeof cell === 'object' && cell !== null;
}

const amount = (value: string, blankZero = false): AmountCell => ({ amount: value, ...(blankZero ? { blankZero } : {}) });
const row = (style: RowStyle, ...cells: Cell[]): TableRow => ({ style, cells });
const accountRow = (accountCode: string, ...cells: Cell[]): TableRow => ({ ...row('normal', ...cells), accountCode });

export function reportTable(document: ReportDocument): ReportTable {
  return { title: statementName(document.type), dateLine: reportDateLine(document), draft: !document.periodClosed, ...layout(document) };
}

/** A general ledger's lines by account position, consecutive and in document order (line-chunks.ts stores them so). */
export interface LedgerLinesPart {
  account: number;
  lines: readonly LedgerLine[];
}

/**
 * Yielded by a general ledger's lines when the next ones have not arrived yet (a stored
 * report's chunks still being read: documents/stored.ts); the rows pass it on, and whoever
 * reads them waits for `arrival` and reads on.
 */
export const LINES_PENDING: unique symbol = Symbol('general ledger lines pending');
export type LinesPending = typeof LINES_PENDING;

/** A general ledger's lines from elsewhere than its document (a stored report's chunks). */
export interface LedgerLinesSource {
  parts: Iterable<LedgerLinesPart | LinesPending>;
  /** Resolves when more lines may have arrived after a LINES_PENDING. */
  arrival(): Promise<void>;
}

/** reportTable, but its rows produced as a reader reaches them (LINES_PENDING: wait for `arrival`). */
export type StreamedTable = Omit<ReportTable, 'rows'> & { rows: Iterable<TableRow | LinesPending>; arrival?: () => Promise<void> };

/**
 * The table whose rows are laid out as they are read. For a general ledger whose lines are
 * still in their stored chunks, `lines` yields them a chunk at a time (documents/stored.ts):
 * a 40,000-line month's first page then needs its first chunk, not all of them.
 */
export function streamedReportTable(document: ReportDocument, lines?: LedgerLinesSource): StreamedTable {
  const heading = { title: statementName(document.type), dateLine: reportDateLine(document), draft: !document.periodClosed };
  if (document.type !== 'general-ledger') return { ...heading, ...layout(document) };
  if (!lines) return { ...heading, ...generalLedgerLayout(), rows: generalLedgerRows<never>(document, ownLines(document)) };
  return { ...heading, ...generalLedgerLayout(), rows: generalLedgerRows(document, lines.parts), arrival: () => lines.arrival() };
}

function generalLedgerLayout(): Omit<ReportTable, 'rows' | 'title' | 'dateLine' | 'draft'> {
  return {
    notes: ["Balances are shown in each account's normal direction; parentheses mark the opposite side"],
    columns: [
      // References ("RENT-2026-10", "INV-100234") get room to print whole.
      { header: 'Date', width: 0.115, kind: 'text' },
      { header: 'Seq.', width: 0.065, kind: 'text' },
      { header: 'Description', width: 0.235, kind: 'text' },
      { header: 'Ref.', width: 0.175, kind: 'text' },
      { header: 'Debit', width: 0.135, kind: 'amount' },
      { header: 'Credit', width: 0.135, kind: 'amount' },
      { header: 'Balance', width: 0.14, kind: 'amount' },
    ],
  };
}

function* ownLines(document: GeneralLedgerDocument): Generator<LedgerLinesPart> {
  for (const [account, { lines }] of document.accounts.entries()) yield { account, lines };
}

/** Each account: heading, opening balance, its lines (from `parts`, in account order), closing balance; then the total. */
function* generalLedgerRows<Pending extends LinesPending = never>(
  document: GeneralLedgerDocument,
  parts: Iterable<LedgerLinesPart | Pending>,
): Generator<TableRow | Pending> {
  const iterator = parts[Symbol.iterator]();
  let next = iterator.next();
  for (const [position, account] of document.accounts.entries()) {
    yield row('section', `${account.accountCode} ${account.accountName}`, null, null, null, null, null, null);
    yield row('normal', null, null, 'Opening balance', null, null, null, amount(account.opening));
    for (; !next.done && (next.value === LINES_PENDING || next.value.account <= position); next = iterator.next()) {
      if (next.value === LINES_PENDING) {
        yield next.value;
        continue;
      }
      if (next.value.account !== position) continue;
      for (const line of next.value.lines) {
        yield {
          ...row(
            'normal',
            line.date,
            String(line.sequence),
            line.description ? `${line.memo} – ${line.description}` : line.memo,
            line.reference,
            amount(line.debit, true),
            amount(line.credit, true),
            amount(line.balance),
          ),
          entryId: line.entryId,
        };
      }
    }
    yield row(
      'subtotal',
      null,
      null,
      `Closing balance ${account.accountCode}`,
      null,
      amount(account.totals.debit),
      amount(account.totals.credit),
      amount(account.closing),
    );
  }
  yield row('total', null, null, 'Total', null, amount(document.totals.debit), amount(document.totals.credit), null);
}

function layout(document: ReportDocument): Pick<ReportTable, 'columns' | 'rows' | 'notes'> {
  const fiscalYearFrom = longDate(periodBounds(document.fiscalYearStart).start);
  switch (document.type) {
    case 'trial-balance':
      return {
        notes: [],
        columns: [
          { header: 'Code', width: 0.12, kind: 'text' },
          { header: 'Account', width: 0.48, kind: 'text' },
          { header: 'Debit', width: 0.2, kind: 'amount' },
          { header: 'Credit', width: 0.2, kind: 'amount' },
        ],
        rows: [
          ...document.rows.map((r) =>
            accountRow(r.accountCode, r.accountCode, r.accountName, amount(r.debit, true), amount(r.credit, true)),
          ),
          row('total', null, 'Total', amount(document.totals.debit), amount(document.totals.credit)),
        ],
      };
    case 'income-statement':
      return incomeStatementLayout(document, fiscalYearFrom);
    case 'balance-sheet':
      return balanceSheetLayout(document, fiscalYearFrom);
    case 'general-ledger':
      return { ...generalLedgerLayout(), rows: [...generalLedgerRows<never>(document, ownLines(document))] };
  }
}

/** Statement sections side by side: one amount column each, rows matched by account code (a column without the account shows 0.00). */
function sectionRows(sections: readonly StatementSection[]): TableRow[] {
  const names = new Map<string, string>();
  for (const section of sections) for (const r of section.rows) if (!names.has(r.accountCode)) names.set(r.accountCode, r.accountName);
  const amounts = sections.map((section) => new Map(section.rows.map((r) => [r.accountCode, r.amount])));
  return [...names.keys()]
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((code) => accountRow(code, code, names.get(code) ?? '', ...amounts.map((column) => amount(column.get(code) ?? '0.00'))));
}

const EMPTY_SECTION: StatementSection = { rows: [], total: '0.00' };
const hasRows = (sections: readonly StatementSection[]) => sections.some((section) => section.rows.length > 0);

/**
 * One block of a statement: heading, account rows, total line. `always`: shown even when no
 * column has an account in it (the sections every statement names).
 */
function block<C>(
  columns: readonly C[],
  heading: string,
  total: string,
  pick: (column: C) => StatementSection,
  always = false,
): TableRow[] {
  const sections = columns.map(pick);
  if (!always && !hasRows(sections)) return [];
  return [
    row('section', null, heading, ...sections.map(() => null)),
    ...sectionRows(sections),
    row('subtotal', null, total, ...sections.map((section) => amount(section.total))),
  ];
}

function incomeStatementLayout(document: IncomeStatementDocument, fiscalYearFrom: string): Pick<ReportTable, 'columns' | 'rows' | 'notes'> {
  const ytd = document.yearToDate;
  const comparative = document.comparative;
  const notes = [`Year to date: the fiscal year from ${fiscalYearFrom} to ${longDate(document.periodEnd)}`];
  // Amount columns, left to right: period, (same month last year), year to date, (prior year to date).
  const columns: IncomeStatementColumn[] = comparative ? [document, comparative, ytd, comparative.yearToDate] : [document, ytd];
  const headers: TableColumn[] = comparative
    ? [
        { header: 'Code', width: 0.09, kind: 'text' },
        { header: 'Account', width: 0.35, kind: 'text' },
        { header: 'Period', width: 0.14, kind: 'amount' },
        { header: 'Prior year', width: 0.14, kind: 'amount' },
        { header: 'Year to date', width: 0.14, kind: 'amount' },
        { header: 'Prior YTD', width: 0.14, kind: 'amount' },
      ]
    : [
        { header: 'Code', width: 0.12, kind: 'text' },
        { header: 'Account', width: 0.48, kind: 'text' },
        { header: 'Period', width: 0.2, kind: 'amount' },
        { header: 'Year to date', width: 0.2, kind: 'amount' },
      ];
  if (comparative) {
    notes.push(
      // A composed range's comparative covers the same months a year earlier.
      `Prior year: ${
        comparative.periodStart === periodBounds(comparative.period).start
          ? monthName(comparative.period)
          : `${longDate(comparative.periodStart)} to ${longDate(comparative.periodEnd)}`
      }; prior year to date: the fiscal year from ` +
        `${longDate(periodBounds(addMonths(document.fiscalYearStart, -12)).start)} to ${longDate(comparative.periodEnd)}`,
    );
  }
  const amounts = (pick: (column: IncomeStatementColumn) => string) => columns.map((column) => amount(pick(column)));
  const structured = columns.every((column) => column.structure !== undefined);
  if (!structured) {
    // A document built before account sub-types: revenue and expenses only.
    return {
      notes,
      columns: headers,
      rows: [
        ...block(columns, 'Revenue', 'Total revenue', (column) => column.revenue, true),
        ...block(columns, 'Expenses', 'Total expenses', (column) => column.expenses, true),
        row('total', null, 'Net income', ...amounts((column) => column.netIncome)),
      ],
    };
  }
  const part =
    (pick: (structure: NonNullable<IncomeStatementColumn['structure']>) => StatementSection) => (column: IncomeStatementColumn) =>
      column.structure ? pick(column.structure) : EMPTY_SECTION;
  return {
    notes,
    columns: headers,
    rows: [
      ...block(
        columns,
        'Revenue',
        'Total revenue',
        part((structure) => structure.revenue),
        true,
      ),
      ...block(
        columns,
        'Cost of sales',
        'Total cost of sales',
        part((structure) => structure.costOfSales),
      ),
      row('subtotal', null, 'Gross profit', ...amounts((column) => column.structure?.grossProfit ?? '0.00')),
      ...block(
        columns,
        'Operating expenses',
        'Total operating expenses',
        part((structure) => structure.operatingExpenses),
        true,
      ),
      row('subtotal', null, 'Operating profit', ...amounts((column) => column.structure?.operatingProfit ?? '0.00')),
      ...block(
        columns,
        'Other income',
        'Total other income',
        part((structure) => structure.otherIncome),
      ),
      ...block(
        columns,
        'Other expenses',
        'Total other expenses',
        part((structure) => structure.otherExpenses),
      ),
      row('total', null, 'Net income', ...amounts((column) => column.netIncome)),
    ],
  };
}

function balanceSheetLayout(document: BalanceSheetDocument, fiscalYearFrom: string): Pick<ReportTable, 'columns' | 'rows' | 'notes'> {
  const comparative = document.comparative;
  const columns: BalanceSheetFigures[] = comparative ? [document, comparative] : [document];
  const notes = [`Current year earnings: the fiscal year from ${fiscalYearFrom}`];
  if (comparative) notes.push(`Prior year end: ${longDate(comparative.asOf)}, the last day of the previous fiscal year`);
  const headers: TableColumn[] = comparative
    ? [
        { header: 'Code', width: 0.12, kind: 'text' },
        { header: 'Account', width: 0.48, kind: 'text' },
        { header: longDate(document.periodEnd), width: 0.2, kind: 'amount' },
        { header: longDate(comparative.asOf), width: 0.2, kind: 'amount' },
      ]
    : [
        { header: 'Code', width: 0.14, kind: 'text' },
        { header: 'Account', width: 0.62, kind: 'text' },
        { header: 'Amount', width: 0.24, kind: 'amount' },
      ];
  const amounts = (pick: (column: BalanceSheetFigures) => string) => columns.map((column) => amount(pick(column)));
  const equity = [
    row('section', null, 'Equity', ...columns.map(() => null)),
    ...sectionRows(columns.map((column) => column.equity)),
    row('normal', null, 'Current year earnings', ...amounts((column) => column.equity.currentYearEarnings)),
    row('subtotal', null, 'Total equity', ...amounts((column) => column.equity.total)),
    row('total', null, 'Total liabilities and equity', ...amounts((column) => column.totals.liabilitiesAndEquity)),
  ];
  if (!columns.every((column) => column.structure !== undefined)) {
    // A document built before account sub-types: no current / non-current split.
    return {
      notes,
      columns: headers,
      rows: [
        row('section', null, 'Assets', ...columns.map(() => null)),
        ...sectionRows(columns.map((column) => column.assets)),
        row('total', null, 'Total assets', ...amounts((column) => column.totals.assets)),
        row('section', null, 'Liabilities', ...columns.map(() => null)),
        ...sectionRows(columns.map((column) => column.liabilities)),
        row('subtotal', null, 'Total liabilities', ...amounts((column) => column.liabilities.total)),
        ...equity,
      ],
    };
  }
  const part = (pick: (structure: NonNullable<BalanceSheetFigures['structure']>) => StatementSection) => (column: BalanceSheetFigures) =>
    column.structure ? pick(column.structure) : EMPTY_SECTION;
  return {
    notes,
    columns: headers,
    rows: [
      ...block(
        columns,
        'Current assets',
        'Total current assets',
        part((structure) => structure.currentAssets),
        true,
      ),
      ...block(
        columns,
        'Non-current assets',
        'Total non-current assets',
        part((structure) => structure.nonCurrentAssets),
      ),
      row('total', null, 'Total assets', ...amounts((column) => column.totals.assets)),
      ...block(
        columns,
        'Current liabilities',
        'Total current liabilities',
        part((structure) => structure.currentLiabilities),
        true,
      ),
      ...block(
        columns,
        'Non-current liabilities',
        'Total non-current liabilities',
        part((structure) => structure.nonCurrentLiabilities),
      ),
      row('subtotal', null, 'Total liabilities', ...amounts((column) => column.liabilities.total)),
      row('subtotal', null, 'Net current assets', ...amounts((column) => column.structure?.netCurrentAssets ?? '0.00')),
      row('subtotal', null, 'Net assets', ...amounts((column) => column.structure?.netAssets ?? '0.00')),
      ...equity,
    ],
  };
}
