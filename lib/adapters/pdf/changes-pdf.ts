// "Changes since issued" as a PDF: the accounts whose figure moved since a snapshot was
// issued and the postings that moved them, to send to the client with the corrected
// reports. Layout only: every figure is already in the changes document.
import { CURRENT_YEAR_EARNINGS, type ReportChanges } from '../../domains/reports/changes';
import { formatForReport, parseSignedAmount } from '../../domains/money/money';
import { MARGIN, openPdf } from './pdf-document';
import type { PaperSize, RenderedPdf } from './report-pdf';

const ROW = 14;
const SIZE = 8.5;

const shortHash = (hash: string | null) => (hash ? hash.slice(0, 12) : '—');

export function renderChangesPdf(changes: ReportChanges, paper: PaperSize = 'A4'): Promise<RenderedPdf> {
  const { pdf, finish } = openPdf(paper, {
    Title: `Changes since issued: ${changes.title} ${changes.period} – ${changes.organizationName}`,
  });
  const left = pdf.page.margins.left;
  const usable = pdf.page.width - pdf.page.margins.left - pdf.page.margins.right;
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  // Account | Snapshot | Live | Difference
  const columns = [0.46, 0.18, 0.18, 0.18].map((share) => share * usable);
  const xs = columns.map((_, index) => left + columns.slice(0, index).reduce((sum, width) => sum + width, 0));
  const amount = (value: string) => formatForReport(parseSignedAmount(value));

  let y = pdf.page.margins.top;
  pdf.font('bold').fontSize(14).text(changes.organizationName, left, y, { width: usable, lineBreak: false, ellipsis: true });
  y += 20;
  pdf.font('bold').fontSize(11).text(`Changes since issued: ${changes.title} ${changes.period}`, left, y, { lineBreak: false });
  y += 16;
  pdf.font('regular').fontSize(SIZE).fillColor('#555555');
  pdf.text(`Issued as of ledger sequence ${changes.snapshotAsOf} (ledger ${shortHash(changes.snapshotLedgerHash)})`, left, y, {
    lineBreak: false,
  });
  y += ROW - 2;
  pdf.text(`Compared with the books as of sequence ${changes.liveAsOf} (ledger ${shortHash(changes.liveLedgerHash)})`, left, y, {
    lineBreak: false,
  });
  pdf.fillColor('black');
  y += ROW + 6;

  const headers = () => {
    pdf.font('bold').fontSize(SIZE);
    ['Account', `Issued (${changes.currency})`, 'Now', 'Difference'].forEach((text, index) =>
      pdf.text(text, xs[index] ?? left, y, { width: (columns[index] ?? 0) - 6, align: index === 0 ? 'left' : 'right', lineBreak: false }),
    );
    y += ROW;
    pdf
      .moveTo(left, y - 3)
      .lineTo(left + usable, y - 3)
      .lineWidth(0.75)
      .stroke();
  };
  const room = (needed: number) => {
    if (y + needed <= bottom()) return;
    pdf.addPage();
    y = pdf.page.margins.top;
    headers();
  };
  headers();
  if (changes.accounts.length === 0) {
    pdf
      .font('regular')
      .fontSize(SIZE)
      .text('No figure of this report has changed since it was issued.', left, y + 4, { lineBreak: false });
  }
  for (const account of changes.accounts) {
    room(ROW * 2);
    pdf.font('bold').fontSize(SIZE);
    const name = account.accountCode === CURRENT_YEAR_EARNINGS ? account.accountName : `${account.accountCode} ${account.accountName}`;
    pdf.text(name, left, y, { width: (columns[0] ?? 0) - 6, lineBreak: false, ellipsis: true });
    [account.snapshot, account.live, account.difference].forEach((value, index) =>
      pdf.text(amount(value), xs[index + 1] ?? left, y, { width: (columns[index + 1] ?? 0) - 6, align: 'right', lineBreak: false }),
    );
    y += ROW;
    pdf
      .font('regular')
      .fontSize(SIZE - 0.5)
      .fillColor('#333333');
    for (const entry of account.entries) {
      room(ROW);
      const text = `#${entry.sequence} · ${entry.date} · ${entry.memo} · posted ${entry.createdAt.slice(0, 16).replace('T', ' ')} UTC`;
      pdf.text(text, left + 12, y, { width: usable - 12, lineBreak: false, ellipsis: true });
      y += ROW - 2;
    }
    pdf.fillColor('black');
    y += 4;
  }

  const range = pdf.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    pdf.switchToPage(index);
    // Below the bottom margin pdfkit would add a page: lift it while writing the footer.
    const bottomMargin = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    const footerY = pdf.page.height - MARGIN - 10;
    pdf.font('regular').fontSize(7.5).fillColor('#555555');
    pdf.text(`${changes.organizationName} · changes since issued · ledger ${shortHash(changes.liveLedgerHash)}`, left, footerY, {
      width: usable * 0.75,
      lineBreak: false,
      ellipsis: true,
    });
    pdf.text(`Page ${index - range.start + 1} of ${range.count}`, left, footerY, { width: usable, align: 'right', lineBreak: false });
    pdf.fillColor('black');
    pdf.page.margins.bottom = bottomMargin;
  }
  return finish();
}
