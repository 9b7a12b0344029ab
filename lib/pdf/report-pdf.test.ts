import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { TrialBalanceDocument } from '../reports/documents';
import { renderReportPdf } from './report-pdf';

function trialBalance(rowCount: number): TrialBalanceDocument {
  const rows = Array.from({ length: rowCount }, (_, index) => ({
    accountCode: String(1000 + index),
    accountName: index === 0 ? 'Należności – Łódź' : `Account ${index}`,
    accountType: 'asset' as const,
    debit: index % 2 === 0 ? '1234567.89' : '0.00',
    credit: index % 2 === 1 ? '1234567.89' : '0.00',
  }));
  return {
    id: '0123456789abcdef01234567',
    organizationId: 'org',
    organizationName: 'Łódź Sp. z o.o.',
    type: 'trial-balance',
    period: '2026-10',
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    fiscalYearStart: '2026-04',
    periodClosed: true,
    currency: 'PLN',
    asOfSequence: 4242,
    builtAt: '2026-11-26T12:00:00.000Z',
    schemaVersion: 1,
    rows,
    totals: { debit: '61728394.50', credit: '61728394.50' },
  };
}

/** Text of each page, via poppler's pdftotext (form feed between pages). */
function pages(pdf: Buffer): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
  return text.split('\f').filter((page, index, all) => index < all.length - 1 || page.trim() !== '');
}

describe('renderReportPdf (trial balance)', () => {
  it('prints Unicode names, headers and right-aligned grouped amounts on one page', async () => {
    const pdf = await renderReportPdf(trialBalance(3));
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    const [page, ...rest] = pages(pdf);
    expect(rest).toEqual([]);
    expect(page).toContain('Łódź Sp. z o.o.');
    expect(page).toContain('Należności – Łódź');
    expect(page).toContain('As of ledger sequence 4242');
    expect(page).toMatch(/Total\s+61,728,394\.50\s+61,728,394\.50/);
    expect(page).toContain('Page 1 of 1');
  });

  it('paginates long reports with repeated column headers and no blank trailing page', async () => {
    const result = pages(await renderReportPdf(trialBalance(120), 'LETTER'));
    expect(result.length).toBeGreaterThan(1);
    result.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${result.length}`);
      expect(page).toMatch(/Code\s+Account\s+Debit\s+Credit/);
      expect(page).toMatch(/\d{4}\s+Account \d+|Należności/);
    });
    expect(result.at(-1)).toContain('Total');
  });
});
