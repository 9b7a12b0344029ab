// The "Changes since issued" PDF, read back with pdftotext: header, figures, postings, the
// ledger hashes, and exact page counts (a footer below the margin would add blank pages).
import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { ReportChanges } from '../../domains/reports/changes';
import { renderChangesPdf } from './changes-pdf';

function pages(pdf: Buffer): string[] {
  const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
  return text.split('\f').filter((page, index, all) => index < all.length - 1 || page.trim() !== '');
}

const changes = (accounts: number): ReportChanges => ({
  snapshotId: 'abc',
  organizationId: 'org',
  organizationName: 'Łódź Sp. z o.o.',
  type: 'trial-balance',
  title: 'Trial balance',
  period: '2026-03',
  currency: 'PLN',
  snapshotAsOf: 40,
  liveAsOf: 45,
  snapshotLedgerHash: '0123456789ab'.padEnd(64, '0'),
  liveLedgerHash: 'fedcba987654'.padEnd(64, 'f'),
  accounts: Array.from({ length: accounts }, (_, index) => ({
    accountCode: String(1000 + index),
    accountName: `Account ${index}`,
    snapshot: '1234.50',
    live: '-10.00',
    difference: '-1244.50',
    entries: [
      { id: `e${index}`, sequence: 41 + index, date: '2026-03-20', memo: 'Late invoice – Kraków', createdAt: '2026-04-02T09:30:00.000Z' },
    ],
  })),
});

describe('changes PDF', () => {
  it('shows each moved account, its postings and both ledger hashes on one page', async () => {
    const { bytes, pages: count } = await renderChangesPdf(changes(2));
    const text = pages(bytes);
    expect(count).toBe(1);
    expect(text).toHaveLength(1);
    expect(text[0]).toContain('Changes since issued: Trial balance 2026-03');
    expect(text[0]).toContain('Issued as of ledger sequence 40 (ledger 0123456789ab)');
    expect(text[0]).toContain('sequence 45 (ledger fedcba987654)');
    expect(text[0]).toMatch(/1000 Account 0\s+1,234\.50\s+\(10\.00\)\s+\(1,244\.50\)/);
    expect(text[0]).toContain('#41 · 2026-03-20 · Late invoice – Kraków · posted 2026-04-02 09:30 UTC');
    expect(text[0]).toContain('Page 1 of 1');
  });

  it('says so when nothing changed, and paginates long lists without a blank page', async () => {
    expect(pages((await renderChangesPdf(changes(0))).bytes)[0]).toContain('No figure of this report has changed since it was issued.');
    const long = await renderChangesPdf(changes(80));
    const text = pages(long.bytes);
    expect(text).toHaveLength(long.pages);
    expect(long.pages).toBeGreaterThan(1);
    text.forEach((page, index) => expect(page).toContain(`Page ${index + 1} of ${long.pages}`));
    expect(text.at(-1)).toContain('1079 Account 79');
  });
});
