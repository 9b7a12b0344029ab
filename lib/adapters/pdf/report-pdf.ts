// Lays out a report document as a PDF. Compute first, render dumb: every number and label
// is already in the document, arranged by lib/domains/reports/table.ts; this file only places
// text and rules. No arithmetic on amounts, no database access.
import type { ReportDocument } from '../../domains/reports/documents';
import { displayAmount, isAmountCell, reportTable, type Cell, type ReportTable, type TableRow } from '../../domains/reports/table';
import { MARGIN, openPdf } from './pdf-document';

export type PaperSize = 'A4' | 'LETTER';

const ROW_HEIGHT = 14;
const FONT_SIZE = 8.5;
const CELL_PADDING = 6;

/** Bump when the layout changes: it is part of the PDF's ETag. */
export const RENDERER_VERSION = 3;

export async function renderReportPdf(document: ReportDocument, paper: PaperSize = 'A4'): Promise<Buffer> {
  return (await renderReportPdfFile(document, paper)).bytes;
}

export interface RenderedPdf {
  bytes: Buffer;
  pages: number;
}

/** The PDF and its page count (report-run snapshots record both). */
export function renderReportPdfFile(document: ReportDocument, paper: PaperSize = 'A4'): Promise<RenderedPdf> {
  return renderTable(document, reportTable(document), paper);
}

function renderTable(document: ReportDocument, table: ReportTable, paper: PaperSize): Promise<RenderedPdf> {
  const { pdf, finish } = openPdf(paper, {
    Title: `${table.title} ${document.period} – ${document.organizationName}`,
    Subject: `${table.title} as of ledger sequence ${document.asOfSequence}`,
  });

  const left = pdf.page.margins.left;
  const usable = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const xs: number[] = [];
  const widths = table.columns.map((column) => column.width * usable);
  widths.reduce((x, width) => (xs.push(x), x + width), left);
  const firstAmount = table.columns.findIndex((column) => column.kind === 'amount');
  const amountsLeft = xs[firstAmount] ?? left;
  // Positives leave room for the ")" of negatives, so digits line up in the column.
  pdf.font('regular').fontSize(FONT_SIZE);
  const parenWidth = pdf.widthOfString(')');

  const drawCell = (cell: Cell, index: number, y: number, font: 'regular' | 'bold') => {
    const x = xs[index];
    const width = widths[index];
    if (cell === null || x === undefined || width === undefined) return;
    pdf.font(font).fontSize(FONT_SIZE);
    if (isAmountCell(cell)) {
      const text = displayAmount(cell);
      const negative = text.startsWith('(');
      pdf.text(text, x, y, { width: negative ? width : width - parenWidth, align: 'right', lineBreak: false });
    } else {
      pdf.text(cell, x, y, { width: width - CELL_PADDING, lineBreak: false, ellipsis: true, height: ROW_HEIGHT });
    }
  };
  const rule = (y: number, from: number) =>
    pdf
      .moveTo(from, y)
      .lineTo(left + usable, y)
      .lineWidth(0.5)
      .stroke();

  let y = drawPageHeader(pdf, document, table, left, usable);
  const drawColumnHeaders = () => {
    table.columns.forEach((column, index) => {
      const x = xs[index] ?? left;
      const width = widths[index] ?? 0;
      pdf.font('bold').fontSize(FONT_SIZE);
      pdf.text(column.header, x, y, {
        width: column.kind === 'amount' ? width - parenWidth : width - CELL_PADDING,
        align: column.kind === 'amount' ? 'right' : 'left',
        lineBreak: false,
      });
    });
    y += ROW_HEIGHT;
    pdf
      .moveTo(left, y - 3)
      .lineTo(left + usable, y - 3)
      .lineWidth(0.75)
      .stroke();
  };
  drawColumnHeaders();

  const heightOf = (row: TableRow) =>
    row.style === 'total' ? ROW_HEIGHT + 8 : row.style === 'subtotal' || row.style === 'section' ? ROW_HEIGHT + 3 : ROW_HEIGHT;
  table.rows.forEach((row, index) => {
    // Keep a section heading with its first row.
    const next = table.rows[index + 1];
    const needed = heightOf(row) + (row.style === 'section' && next ? heightOf(next) : 0);
    if (y + needed > bottom()) {
      pdf.addPage();
      y = drawContinuationHeader(pdf, document, table, left);
      drawColumnHeaders();
    }
    if (row.style === 'section') {
      y += 3;
      row.cells.forEach((cell, cellIndex) => drawCell(cell, cellIndex, y, 'bold'));
      y += ROW_HEIGHT;
      return;
    }
    if (row.style === 'subtotal' || row.style === 'total') {
      rule(y - 2, amountsLeft);
      y += 2;
    }
    row.cells.forEach((cell, cellIndex) => drawCell(cell, cellIndex, y, row.style === 'normal' ? 'regular' : 'bold'));
    y += ROW_HEIGHT;
    if (row.style === 'subtotal') y += 1;
    if (row.style === 'total') {
      // Double rule under a grand total, as accountants draw it.
      rule(y - 2, amountsLeft);
      rule(y, amountsLeft);
      y += 6;
    }
  });
  if (!table.rows.some((row) => row.style === 'normal')) {
    pdf
      .font('regular')
      .fontSize(FONT_SIZE)
      .fillColor('#555555')
      .text('No activity or balances for this period.', left, y + 6, { lineBreak: false });
    pdf.fillColor('black');
  }

  drawFooters(pdf, document, table, left, usable);
  return finish();
}

function drawPageHeader(pdf: PDFKit.PDFDocument, document: ReportDocument, table: ReportTable, left: number, usable: number): number {
  let y = pdf.page.margins.top;
  pdf.font('bold').fontSize(14).text(document.organizationName, left, y, { width: usable, lineBreak: false, ellipsis: true });
  y += 20;
  pdf.font('bold').fontSize(12).text(table.title, left, y, { lineBreak: false });
  y += 17;
  pdf
    .font('regular')
    .fontSize(FONT_SIZE)
    .text(
      `Period ${document.period} (${document.periodStart} – ${document.periodEnd}) · currency ${document.currency}${document.periodClosed ? ' · period closed' : ' · period open'}`,
      left,
      y,
      { width: usable, lineBreak: false, ellipsis: true },
    );
  y += 12;
  pdf.fillColor('#555555');
  pdf.text(`As of ledger sequence ${document.asOfSequence} · built ${document.builtAt.replace('T', ' ').slice(0, 19)} UTC`, left, y, {
    lineBreak: false,
  });
  for (const note of table.notes) {
    y += 12;
    pdf.text(note, left, y, { width: usable, lineBreak: false, ellipsis: true });
  }
  pdf.fillColor('black');
  return y + 20;
}

function drawContinuationHeader(pdf: PDFKit.PDFDocument, document: ReportDocument, table: ReportTable, left: number): number {
  const y = pdf.page.margins.top;
  pdf
    .font('bold')
    .fontSize(FONT_SIZE)
    .text(`${document.organizationName} · ${table.title} · ${document.period} (continued)`, left, y, { lineBreak: false });
  return y + 18;
}

function drawFooters(pdf: PDFKit.PDFDocument, document: ReportDocument, table: ReportTable, left: number, usable: number): void {
  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    // Writing below the bottom margin makes pdfkit add a blank page; lift the margin while
    // drawing the footer so every page gets exactly one footer and no page is added.
    const bottomMargin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const y = pdf.page.height - MARGIN - 10;
    pdf.font('regular').fontSize(7.5).fillColor('#555555');
    pdf.text(`${document.organizationName} · ${table.title} ${document.period} · as of sequence ${document.asOfSequence}`, left, y, {
      width: usable * 0.62,
      lineBreak: false,
      ellipsis: true,
    });
    // The ledger hash names the exact state of the books the report came from; it sits with
    // the page number on the right, so a long organization name never pushes it out.
    const ledger = document.ledgerHash ? `ledger ${document.ledgerHash.slice(0, 12)} · ` : '';
    pdf.text(`${ledger}Page ${index - range.start + 1} of ${range.count}`, left, y, { width: usable, align: 'right', lineBreak: false });
    pdf.fillColor('black');
    pdf.page.margins.bottom = bottomMargin;
  }
}
