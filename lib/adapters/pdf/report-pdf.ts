// Lays out a report document as a PDF. Compute first, render dumb: every number and label
// is already in the document, arranged by lib/domains/reports/table.ts; this file only places
// text and rules. No arithmetic on amounts, no database access.
import PDFDocument from 'pdfkit';
import type { NumberFormat } from '../../domains/money/money';
import type { ReportDocument } from '../../domains/reports/documents';
import {
  displayAmount,
  DRAFT_MARK,
  isAmountCell,
  LINES_PENDING,
  streamedReportTable,
  type Cell,
  type LedgerLinesSource,
  type StreamedTable,
  type TableRow,
} from '../../domains/reports/table';
import { loadFonts } from './fonts';
import { deferredPageNumbers, type PageNumbers } from './page-numbers';
import { fastText, type FastText } from './fast-text';

export type PaperSize = 'A4' | 'LETTER';

/** How an organization wants its PDFs: paper and number format (organization settings). */
export interface PdfOptions {
  paper?: PaperSize;
  numberFormat?: NumberFormat;
  /** The print time in the footer (ISO); the moment of rendering when absent. */
  printedAt?: string;
}

const MARGIN = 48;
const FOOTER_GAP = 28;
const FOOTER_SIZE = 7.5;
const ROW_HEIGHT = 14;
const FONT_SIZE = 8.5;
const CELL_PADDING = 6;
/** Extra height of a wrapped text line beyond the first. */
const LINE_GAP = 1;

/** Bump when the layout changes: it is part of the PDF's ETag. */
export const RENDERER_VERSION = 5;

export async function renderReportPdf(document: ReportDocument, options: PdfOptions = {}): Promise<Buffer> {
  return (await renderReportPdfFile(document, options)).bytes;
}

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}

/**
 * Receives the PDF's bytes as they are produced: a long report's first pages can be on
 * their way to the reader while the rest is still being laid out.
 */
export type PdfChunkSink = (chunk: Buffer) => void;

/**
 * The PDF and its page count (report-run snapshots record both); `onChunk` streams the bytes
 * too. A general ledger's `lines`, when given, replace the document's own (a stored report's
 * chunks, decoded as the pages reach them: render-source.ts).
 */
export function renderReportPdfFile(
  document: ReportDocument,
  options: PdfOptions = {},
  onChunk?: PdfChunkSink,
  lines?: LedgerLinesSource,
): Promise<RenderedPdf> {
  return renderTable(
    document,
    streamedReportTable(document, lines),
    {
      paper: options.paper ?? 'A4',
      numberFormat: options.numberFormat ?? 'en',
      printedAt: options.printedAt ?? new Date().toISOString(),
    },
    onChunk,
  );
}

/** How far past the row being drawn the layout looks (a section heading, its first row, a subtotal and the total: 4). */
const LOOKAHEAD = 6;

/** Pages drawn between two yields to the event loop, so streamed bytes leave while the rest is drawn. */
const PAGES_PER_SLICE = 4;

async function renderTable(
  document: ReportDocument,
  table: StreamedTable,
  options: Required<PdfOptions>,
  onChunk?: PdfChunkSink,
): Promise<RenderedPdf> {
  const fonts = loadFonts();
  const heading = `${table.title} ${table.dateLine}`;
  const pdf = new PDFDocument({
    size: options.paper,
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_GAP, left: MARGIN, right: MARGIN },
    // Each page is written out as soon as it is complete; "of Y" is filled in at the end (page-numbers.ts).
    bufferPages: false,
    info: {
      Title: `${heading} – ${document.organizationName}`,
      Author: 'Closebook',
      Subject: `${heading}${table.draft ? ` (${DRAFT_MARK})` : ''}, ledger sequence ${document.asOfSequence}`,
    },
  });
  // pdfkit 0.20 accepts a parsed fontkit font (its PDFFontFactory checks for `.layout`);
  // @types/pdfkit only lists file sources, hence the cast.
  pdf.registerFont('regular', fonts.regular as unknown as PDFKit.Mixins.PDFFontSource);
  pdf.registerFont('bold', fonts.bold as unknown as PDFKit.Mixins.PDFFontSource);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => {
    chunks.push(chunk);
    onChunk?.(chunk);
  });
  const pageNumbers = deferredPageNumbers(pdf, FOOTER_SIZE);
  const fast = fastText(pdf);
  const done = new Promise<RenderedPdf>((resolve, reject) => {
    pdf.on('end', () => resolve({ bytes: Buffer.concat(chunks), pages: pageNumbers.count }));
    pdf.on('error', reject);
  });

  const left = pdf.page.margins.left;
  const usable = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const right = left + usable;
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const xs: number[] = [];
  const widths = table.columns.map((column) => column.width * usable);
  widths.reduce((x, width) => (xs.push(x), x + width), left);
  const firstAmount = table.columns.findIndex((column) => column.kind === 'amount');
  const amountsLeft = xs[firstAmount] ?? left;
  // Positives leave room for the ")" of negatives, so digits line up in the column.
  pdf.font('regular').fontSize(FONT_SIZE);
  const parenWidth = pdf.widthOfString(')');

  type Font = 'regular' | 'bold';
  // Text is never cut: what does not fit its column wraps onto more lines, and the row grows.
  const textHeight = (text: string, width: number, font: Font): number => {
    pdf.font(font).fontSize(FONT_SIZE);
    const lines = fast.lines(text, width);
    if (lines?.length === 1 || (lines === null && pdf.widthOfString(text) <= width)) return ROW_HEIGHT;
    const height = lines ? lines.length * fast.lineAdvance(LINE_GAP) : pdf.heightOfString(text, { width, lineGap: LINE_GAP });
    return Math.max(ROW_HEIGHT, height + ROW_HEIGHT - FONT_SIZE * 1.16);
  };
  const drawText = (text: string, x: number, y: number, width: number, font: Font) => {
    pdf.font(font).fontSize(FONT_SIZE);
    const lines = fast.lines(text, width);
    if (lines?.every((line, index) => fast.draw(line, x, y + index * fast.lineAdvance(LINE_GAP)))) return;
    pdf.text(text, x, y, { width, lineGap: LINE_GAP });
  };
  // A section heading (an account of the general ledger, "Revenue") spans from its cell to the right edge.
  const sectionCell = (row: TableRow): { index: number; text: string } | null => {
    const index = row.cells.findIndex((cell) => cell !== null);
    const cell = row.cells[index];
    return typeof cell === 'string' && row.cells.every((other, at) => at === index || other === null) ? { index, text: cell } : null;
  };
  const spanWidth = (index: number) => right - (xs[index] ?? left) - CELL_PADDING;
  const fontOf = (row: TableRow): Font => (row.style === 'normal' ? 'regular' : 'bold');

  const rowHeight = (row: TableRow): number => {
    const section = row.style === 'section' ? sectionCell(row) : null;
    if (section) return textHeight(section.text, spanWidth(section.index), 'bold') + 3;
    let height = ROW_HEIGHT;
    row.cells.forEach((cell, index) => {
      if (typeof cell === 'string') height = Math.max(height, textHeight(cell, (widths[index] ?? 0) - CELL_PADDING, fontOf(row)));
    });
    return height + (row.style === 'total' ? 8 : row.style === 'subtotal' || row.style === 'section' ? 3 : 0);
  };
  // Laid out and measured as the drawing reaches them (45,000 rows up front would delay the first page).
  const rows = rowsAsRead(table);
  const heights: number[] = [];
  const heightOf = (index: number): number => {
    const row = rows.at(index);
    if (!row) return 0;
    return (heights[index] ??= rowHeight(row));
  };

  const drawCell = (cell: Cell, index: number, y: number, font: Font) => {
    const x = xs[index];
    const width = widths[index];
    if (cell === null || x === undefined || width === undefined) return;
    pdf.font(font).fontSize(FONT_SIZE);
    if (isAmountCell(cell)) {
      const text = displayAmount(cell, options.numberFormat);
      const negative = text.startsWith('(');
      const boxWidth = negative ? width : width - parenWidth;
      if (!fast.draw(text, x, y, { right: x + boxWidth })) pdf.text(text, x, y, { width: boxWidth, align: 'right', lineBreak: false });
    } else {
      drawText(cell, x, y, width - CELL_PADDING, font);
    }
  };
  const rule = (y: number, from: number) => pdf.moveTo(from, y).lineTo(right, y).lineWidth(0.5).stroke();

  let y = drawPageHeader(pdf, fast, document, table, left, usable);
  const drawColumnHeaders = () => {
    table.columns.forEach((column, index) => {
      const x = xs[index] ?? left;
      const width = widths[index] ?? 0;
      pdf.font('bold').fontSize(FONT_SIZE);
      const boxWidth = column.kind === 'amount' ? width - parenWidth : width - CELL_PADDING;
      const align = column.kind === 'amount' ? 'right' : 'left';
      if (!fast.draw(column.header, x, y, align === 'right' ? { right: x + boxWidth } : undefined)) {
        pdf.text(column.header, x, y, { width: boxWidth, align, lineBreak: false });
      }
    });
    y += ROW_HEIGHT;
    pdf
      .moveTo(left, y - 3)
      .lineTo(right, y - 3)
      .lineWidth(0.75)
      .stroke();
  };
  drawColumnHeaders();
  let pageTop = y;

  // The rows that must share a page with row `index`: a section heading with its first
  // row, and any row with the subtotals and totals right under it, so that no heading
  // ends a page and no total starts one.
  const blockHeight = (index: number): number => {
    let end = index;
    if (rows.at(end)?.style === 'section' && rows.at(end + 1) !== undefined) end += 1;
    while (['subtotal', 'total'].includes(rows.at(end + 1)?.style ?? '')) end += 1;
    let height = 0;
    for (let at = index; at <= end; at++) height += heightOf(at);
    return height;
  };

  // The section the rows being drawn belong to, repeated "(continued)" on the next page.
  let openSection: { index: number; text: string } | null = null;
  const drawSection = (section: { index: number; text: string }) => {
    y += 3;
    drawText(section.text, xs[section.index] ?? left, y, spanWidth(section.index), 'bold');
    y += textHeight(section.text, spanWidth(section.index), 'bold');
  };

  const footer = () => drawFooter(pdf, fast, document, pageNumbers, options.printedAt, left, usable);
  let pagesInSlice = 0;
  let anyActivity = false;
  for (let index = 0; ; index++) {
    // Rows up to LOOKAHEAD past this one are at hand (blockHeight reads a heading, its first row and the totals under them).
    const arriving = rows.ready(index + LOOKAHEAD);
    if (arriving) await arriving;
    const row = rows.at(index);
    if (row === undefined) break;
    if (row.style === 'normal') anyActivity = true;
    // A block taller than a page starts where it is (pageTop), or no page would ever fit it.
    if (y + blockHeight(index) > bottom() && y > pageTop) {
      footer();
      pdf.addPage();
      if (++pagesInSlice === PAGES_PER_SLICE) {
        pagesInSlice = 0;
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
      y = drawContinuationHeader(pdf, fast, document, table, left, usable);
      drawColumnHeaders();
      pageTop = y;
      if (openSection && row.style !== 'section') drawSection({ ...openSection, text: `${openSection.text} (continued)` });
    }
    if (row.style === 'section') {
      const section = sectionCell(row);
      if (section) {
        openSection = section;
        drawSection(section);
        continue;
      }
      y += 3;
      row.cells.forEach((cell, cellIndex) => drawCell(cell, cellIndex, y, 'bold'));
      y += heightOf(index) - 3;
      continue;
    }
    if (row.style === 'subtotal' || row.style === 'total') {
      openSection = null;
      rule(y - 2, amountsLeft);
      y += 2;
    }
    row.cells.forEach((cell, cellIndex) => drawCell(cell, cellIndex, y, fontOf(row)));
    const extra = row.style === 'total' ? 8 : row.style === 'subtotal' ? 3 : 0;
    y += heightOf(index) - extra;
    if (row.style === 'subtotal') y += 1;
    if (row.style === 'total') {
      // Double rule under a grand total, as accountants draw it.
      rule(y - 2, amountsLeft);
      rule(y, amountsLeft);
      y += 6;
    }
  }
  if (!anyActivity) {
    pdf
      .font('regular')
      .fontSize(FONT_SIZE)
      .fillColor('#555555')
      .text('No activity or balances for this period.', left, y + 6, { lineBreak: false });
    pdf.fillColor('black');
  }

  footer();
  pageNumbers.finish();
  pdf.end();
  return done;
}

/**
 * Rows by index, taken from the table's iterable as far as asked. `at` reads on until a row
 * waits for lines still on their way (LINES_PENDING); `ready` waits for them.
 */
function rowsAsRead(table: StreamedTable): { ready(index: number): Promise<void> | undefined; at(index: number): TableRow | undefined } {
  const read: TableRow[] = [];
  const iterator = table.rows[Symbol.iterator]();
  let done = false;
  const at = (index: number): TableRow | undefined => {
    while (!done && read.length <= index) {
      const next = iterator.next();
      if (next.done) done = true;
      else if (next.value === LINES_PENDING) break;
      else read.push(next.value);
    }
    return read[index];
  };
  const ready = (index: number): Promise<void> | undefined => {
    if (at(index) !== undefined || done) return undefined;
    return (table.arrival?.() ?? Promise.resolve()).then(() => ready(index));
  };
  return { ready, at };
}

/** "DRAFT – period open" at the right of the line at `y` (every page of an open period's report); its width. */
function drawDraftMark(pdf: PDFKit.PDFDocument, table: StreamedTable, y: number, left: number, usable: number): number {
  if (!table.draft) return 0;
  pdf.font('bold').fontSize(9).fillColor('#b00020');
  const width = pdf.widthOfString(DRAFT_MARK);
  pdf.text(DRAFT_MARK, left, y, { width: usable, align: 'right', lineBreak: false });
  pdf.fillColor('black');
  return width + 12;
}

function drawPageHeader(
  pdf: PDFKit.PDFDocument,
  fast: FastText,
  document: ReportDocument,
  table: StreamedTable,
  left: number,
  usable: number,
): number {
  let y = pdf.page.margins.top;
  const draftWidth = drawDraftMark(pdf, table, y + 3, left, usable);
  pdf.font('bold').fontSize(14);
  const nameWidth = fast.width(document.organizationName);
  if (nameWidth === null || nameWidth > usable - draftWidth || !fast.draw(document.organizationName, left, y)) {
    pdf.text(document.organizationName, left, y, { width: usable - draftWidth, lineBreak: false, ellipsis: true });
  }
  y += 20;
  // The heading wraps rather than being cut: it names what the figures are.
  pdf.font('bold').fontSize(12);
  y = wrapped(pdf, fast, `${table.title} ${table.dateLine}`, left, y, usable) + 3;
  pdf.font('regular').fontSize(FONT_SIZE).fillColor('#555555');
  const amountsIn = `Amounts in ${document.currency}`;
  if (!fast.draw(amountsIn, left, y)) pdf.text(amountsIn, left, y, { width: usable, lineBreak: false });
  y += 12;
  for (const note of table.notes) y = wrapped(pdf, fast, note, left, y, usable) + 2;
  pdf.fillColor('black');
  return y + 8;
}

/** Text wrapped to `width` in the current font (as `pdf.text(text, x, y, { width })`); the y below it. */
function wrapped(pdf: PDFKit.PDFDocument, fast: FastText, text: string, x: number, y: number, width: number): number {
  const lines = fast.lines(text, width);
  if (lines?.every((line, index) => fast.draw(line, x, y + index * fast.lineAdvance(0)))) return y + lines.length * fast.lineAdvance(0);
  pdf.text(text, x, y, { width });
  return pdf.y;
}

function drawContinuationHeader(
  pdf: PDFKit.PDFDocument,
  fast: FastText,
  document: ReportDocument,
  table: StreamedTable,
  left: number,
  usable: number,
): number {
  let y = pdf.page.margins.top;
  const text = `${document.organizationName} · ${table.title} ${table.dateLine} (continued)`;
  pdf.font('bold').fontSize(FONT_SIZE);
  const textWidth = fast.width(text) ?? pdf.widthOfString(text);
  const draftWidth = drawDraftMark(pdf, table, y, left, usable);
  // The DRAFT mark shares the line when there is room, else takes the line above.
  if (draftWidth > 0 && textWidth > usable - draftWidth) y += 13;
  pdf.font('bold').fontSize(FONT_SIZE);
  if (textWidth > usable || !fast.draw(text, left, y)) pdf.text(text, left, y, { width: usable, lineBreak: false, ellipsis: true });
  return y + 18;
}

/**
 * The current page's footer: the ledger sequence the figures include and when this copy
 * was printed (left; kept short so one more item fits), "Page X of Y" (right, written at
 * the end: page-numbers.ts).
 */
function drawFooter(
  pdf: PDFKit.PDFDocument,
  fast: FastText,
  document: ReportDocument,
  pageNumbers: PageNumbers,
  printedAt: string,
  left: number,
  usable: number,
): void {
  const printed = `${printedAt.replace('T', ' ').slice(0, 16)} UTC`;
  // Writing below the bottom margin makes pdfkit add a blank page; lift the margin while
  // drawing the footer so every page gets exactly one footer and no page is added.
  const bottomMargin = pdf.page.margins.bottom;
  pdf.page.margins.bottom = 0;
  const y = pdf.page.height - MARGIN - 10;
  pdf.font('regular').fontSize(FOOTER_SIZE).fillColor('#555555');
  const sequence = `Ledger sequence ${document.asOfSequence} · printed ${printed}`;
  const width = fast.width(sequence);
  if (width === null || width > usable * 0.6 || !fast.draw(sequence, left, y)) {
    pdf.text(sequence, left, y, { width: usable * 0.6, lineBreak: false, ellipsis: true });
  }
  // The ledger hash names the exact state of the books the report came from; it sits with
  // the page number on the right, so a long organization name never pushes it out.
  const ledger = document.ledgerHash ? `ledger ${document.ledgerHash.slice(0, 12)} · ` : '';
  pageNumbers.place(ledger, left + usable, y);
  pdf.fillColor('black');
  pdf.page.margins.bottom = bottomMargin;
}
