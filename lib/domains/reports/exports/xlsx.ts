// XLSX of a report (exceljs): the same table as the PDF, amounts as numbers with a
// 2-decimal accounting format so they sum and sort in Excel. The conversion from the
// document's decimal string to a spreadsheet number happens here, at the file boundary,
// because an XLSX number cell is an IEEE double; no arithmetic is done on it.
import ExcelJS from 'exceljs';
import type { ReportDocument } from '../documents';
import { isAmountCell, reportTable } from '../table';

const AMOUNT_FORMAT = '#,##0.00;(#,##0.00);0.00';

/**
 * A double holds 15 significant decimal digits exactly: up to 9,999,999,999,999.99 the
 * number cell shows the document's amount to the cent. A larger amount is written as its
 * decimal text (right-aligned by the column) rather than silently losing cents.
 */
export function spreadsheetAmount(amount: string): number | string {
  const digits = amount.replace(/^-/, '').replace('.', '').replace(/^0+/, '');
  return digits.length <= 15 ? Number(amount) : amount;
}

export async function reportXlsx(document: ReportDocument): Promise<Buffer> {
  const table = reportTable(document);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Closebook';
  workbook.created = new Date(document.builtAt);
  const sheet = workbook.addWorksheet(`${table.title} ${document.period}`.slice(0, 31), {
    pageSetup: { orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.addRow([document.organizationName]).font = { bold: true, size: 14 };
  sheet.addRow([table.title]).font = { bold: true, size: 12 };
  sheet.addRow([`Period ${document.period} (${document.periodStart} – ${document.periodEnd}) · currency ${document.currency}`]);
  sheet.addRow([`As of ledger sequence ${document.asOfSequence} · built ${document.builtAt}`]);
  for (const note of table.notes) sheet.addRow([note]);
  sheet.addRow([]);
  const header = sheet.addRow(table.columns.map((column) => column.header));
  header.font = { bold: true };
  header.eachCell((cell, index) => {
    cell.border = { bottom: { style: 'thin' } };
    if (table.columns[index - 1]?.kind === 'amount') cell.alignment = { horizontal: 'right' };
  });
  sheet.views = [{ state: 'frozen', ySplit: header.number }];

  for (const tableRow of table.rows) {
    const row = sheet.addRow(
      tableRow.cells.map((cell) => {
        if (cell === null) return null;
        if (!isAmountCell(cell)) return cell;
        if (cell.blankZero && /^-?0\.00$/.test(cell.amount)) return null;
        return spreadsheetAmount(cell.amount);
      }),
    );
    table.columns.forEach((column, index) => {
      if (column.kind === 'amount') row.getCell(index + 1).numFmt = AMOUNT_FORMAT;
    });
    if (tableRow.style !== 'normal') row.font = { bold: true };
    if (tableRow.style === 'subtotal' || tableRow.style === 'total') {
      table.columns.forEach((column, index) => {
        if (column.kind !== 'amount') return;
        row.getCell(index + 1).border = { top: { style: 'thin' }, ...(tableRow.style === 'total' ? { bottom: { style: 'double' } } : {}) };
      });
    }
  }
  table.columns.forEach((column, index) => {
    sheet.getColumn(index + 1).width = column.kind === 'amount' ? 16 : Math.max(8, Math.round(column.width * 90));
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
