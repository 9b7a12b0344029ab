// Lays out a report document as a PDF. Compute first, render dumb: every number and label
// is already in the document; this file only places text and rules. No arithmetic on
// amounts, no database access.
import PDFDocument from 'pdfkit';
import { formatForReport, parseSignedAmount } from '../money/money';
import type { ReportDocument } from '../reports/documents';
import { REPORT_TITLES } from '../reports/types';
import { loadFonts } from './fonts';

export type PaperSize = 'A4' | 'LETTER';

export interface Column {
  header: string;
  width: number; // fraction of the usable width
  align: 'left' | 'right';
}

export interface TableRow {
  cells: string[];
  style?: 'normal' | 'subtotal' | 'total';
}

const MARGIN = 48;
const FOOTER_GAP = 28;
const ROW_HEIGHT = 15;
const FONT_SIZE = 9;

/** Bump when the layout changes: it is part of the PDF's ETag. */
export const RENDERER_VERSION = 1;

export function renderReportPdf(document: ReportDocument, paper: PaperSize = 'A4'): Promise<Buffer> {
  switch (document.type) {
    case 'trial-balance':
      return renderTable(
        document,
        paper,
        [
          { header: 'Code', width: 0.12, align: 'left' },
          { header: 'Account', width: 0.48, align: 'left' },
          { header: 'Debit', width: 0.2, align: 'right' },
          { header: 'Credit', width: 0.2, align: 'right' },
        ],
        [
          ...document.rows.map((row): TableRow => ({
            cells: [row.accountCode, row.accountName, amount(row.debit, true), amount(row.credit, true)],
          })),
          { cells: ['', 'Total', amount(document.totals.debit), amount(document.totals.credit)], style: 'total' },
        ],
      );
  }
}

function amount(decimal: string, blankZero = false): string {
  return formatForReport(parseSignedAmount(decimal), { blankZero });
}

function renderTable(document: ReportDocument, paper: PaperSize, columns: Column[], rows: TableRow[]): Promise<Buffer> {
  const fonts = loadFonts();
  const pdf = new PDFDocument({
    size: paper,
    margins: { top: MARGIN, bottom: MARGIN + FOOTER_GAP, left: MARGIN, right: MARGIN },
    bufferPages: true, // "page X of Y" needs the total, known only at the end
    autoFirstPage: true,
    info: {
      Title: `${REPORT_TITLES[document.type]} ${document.period} – ${document.organizationName}`,
      Author: 'Closebook',
      Subject: `${REPORT_TITLES[document.type]} as of sequence ${document.asOfSequence}`,
    },
  });
  // pdfkit 0.20 accepts a parsed fontkit font (its PDFFontFactory checks for `.layout`);
  // @types/pdfkit only lists file sources, hence the cast.
  pdf.registerFont('regular', fonts.regular as unknown as PDFKit.Mixins.PDFFontSource);
  pdf.registerFont('bold', fonts.bold as unknown as PDFKit.Mixins.PDFFontSource);
  const chunks: Buffer[] = [];
  pdf.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });

  const left = pdf.page.margins.left;
  const usable = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const xs: number[] = [];
  columns.reduce((x, column) => (xs.push(x), x + column.width * usable), left);

  const cell = (text: string, index: number, y: number, font: 'regular' | 'bold') => {
    const column = columns[index];
    const x = xs[index];
    if (!column || x === undefined) return;
    const width = column.width * usable - (column.align === 'right' ? 0 : 6);
    pdf
      .font(font)
      .fontSize(FONT_SIZE)
      .text(text, x, y, { width, align: column.align, lineBreak: false, ellipsis: true, height: ROW_HEIGHT });
  };

  let y = drawPageHeader(pdf, document, left, usable);
  const drawColumnHeaders = () => {
    columns.forEach((column, index) => cell(column.header, index, y, 'bold'));
    y += ROW_HEIGHT;
    pdf
      .moveTo(left, y - 3)
      .lineTo(left + usable, y - 3)
      .lineWidth(0.75)
      .stroke();
  };
  drawColumnHeaders();

  for (const row of rows) {
    const needed = row.style === 'total' ? ROW_HEIGHT + 8 : ROW_HEIGHT;
    if (y + needed > bottom()) {
      pdf.addPage();
      y = drawContinuationHeader(pdf, document, left);
      drawColumnHeaders();
    }
    if (row.style === 'total' || row.style === 'subtotal') {
      const amountStart = xs[2] ?? left;
      pdf
        .moveTo(amountStart, y - 2)
        .lineTo(left + usable, y - 2)
        .lineWidth(0.5)
        .stroke();
      y += 2;
    }
    row.cells.forEach((text, index) => cell(text, index, y, row.style === 'normal' || !row.style ? 'regular' : 'bold'));
    y += ROW_HEIGHT;
    if (row.style === 'total') {
      // Double rule under the grand total, as accountants draw it.
      const amountStart = xs[2] ?? left;
      pdf
        .moveTo(amountStart, y - 2)
        .lineTo(left + usable, y - 2)
        .lineWidth(0.5)
        .stroke();
      pdf
        .moveTo(amountStart, y)
        .lineTo(left + usable, y)
        .lineWidth(0.5)
        .stroke();
      y += 4;
    }
  }
  if (rows.length === 1) {
    pdf
      .font('regular')
      .fontSize(FONT_SIZE)
      .fillColor('#555555')
      .text('No balances in this period.', left, y + 6, { lineBreak: false });
    pdf.fillColor('black');
  }

  drawFooters(pdf, document, left, usable);
  pdf.end();
  return done;
}

function drawPageHeader(pdf: PDFKit.PDFDocument, document: ReportDocument, left: number, usable: number): number {
  let y = pdf.page.margins.top;
  pdf.font('bold').fontSize(14).text(document.organizationName, left, y, { width: usable, lineBreak: false, ellipsis: true });
  y += 20;
  pdf.font('bold').fontSize(12).text(REPORT_TITLES[document.type], left, y, { lineBreak: false });
  y += 17;
  pdf
    .font('regular')
    .fontSize(FONT_SIZE)
    .text(
      `Period ${document.period} (${document.periodStart} – ${document.periodEnd}) · as of the end of the period · currency ${document.currency}${document.periodClosed ? ' · period closed' : ''}`,
      left,
      y,
      { width: usable, lineBreak: false, ellipsis: true },
    );
  y += 13;
  pdf
    .fillColor('#555555')
    .text(`Ledger sequence ${document.asOfSequence} · built ${document.builtAt.replace('T', ' ').slice(0, 19)} UTC`, left, y, {
      lineBreak: false,
    });
  pdf.fillColor('black');
  return y + 22;
}

function drawContinuationHeader(pdf: PDFKit.PDFDocument, document: ReportDocument, left: number): number {
  const y = pdf.page.margins.top;
  pdf
    .font('bold')
    .fontSize(FONT_SIZE)
    .text(`${document.organizationName} · ${REPORT_TITLES[document.type]} · ${document.period} (continued)`, left, y, { lineBreak: false });
  return y + 20;
}

function drawFooters(pdf: PDFKit.PDFDocument, document: ReportDocument, left: number, usable: number): void {
  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    // Writing below the bottom margin makes pdfkit add a blank page; lift the margin while
    // drawing the footer so every page gets exactly one footer and no page is added.
    const bottomMargin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const y = pdf.page.height - MARGIN - 10;
    pdf.font('regular').fontSize(8).fillColor('#555555');
    pdf.text(
      `${document.organizationName} · ${REPORT_TITLES[document.type]} ${document.period} · sequence ${document.asOfSequence}`,
      left,
      y,
      {
        width: usable * 0.75,
        lineBreak: false,
        ellipsis: true,
      },
    );
    pdf.text(`Page ${index - range.start + 1} of ${range.count}`, left, y, { width: usable, align: 'right', lineBreak: false });
    pdf.fillColor('black');
    pdf.page.margins.bottom = bottomMargin;
  }
}
