// CSV of a report: the same table as the PDF, amounts as plain decimal strings
// ("-1234.50") so spreadsheets and scripts read exact numbers. RFC 4180 quoting; a leading
// = + - @ in a text cell is neutralised so a spreadsheet never runs it as a formula.
import type { ReportDocument } from '../documents';
import { isAmountCell, reportTable, type Cell } from '../table';

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** A text value as a CSV field, safe to open in a spreadsheet (no formula runs). */
export function csvTextField(value: string): string {
  return csvField(textCell(value));
}

function textCell(cell: Cell): string {
  if (cell === null) return '';
  if (isAmountCell(cell)) return cell.blankZero && /^-?0\.00$/.test(cell.amount) ? '' : cell.amount;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

export function reportCsv(document: ReportDocument): string {
  const table = reportTable(document);
  const lines = [
    ['Row type', ...table.columns.map((column) => column.header)],
    ...table.rows.map((row) => [row.style, ...row.cells.map(textCell)]),
  ];
  // A BOM so spreadsheet programs read UTF-8 ("Łódź") correctly.
  return `\uFEFF${lines.map((line) => line.map(csvField).join(',')).join('\r\n')}\r\n`;
}
