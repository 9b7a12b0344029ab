// Report language and choice (issue 15): an admin sets the Polish company's number format
// and paper; the report page and its PDFs follow; the Export menu works by keyboard; an
// income statement over a quarter and the fiscal year to date. Runs after the other
// accountant specs on the same seeded data (it leaves Łódź on the Polish format).
import { execFileSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { shot, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

const sections = (page: Page) => page.getByRole('navigation', { name: 'Organization sections' });

async function openLodz(page: Page) {
  await signIn(page);
  await page.getByRole('link', { name: 'Łódź Sp. z o.o.' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

test('an admin sets the number format and paper; the report page and its PDF use them', async ({ page }) => {
  await openLodz(page);
  await sections(page).getByRole('link', { name: 'Settings' }).click();
  const form = page.getByRole('form', { name: 'Report settings' });
  await form.getByLabel('Number format').selectOption({ label: '1\u00a0234,56 (Polish)' });
  await form.getByLabel('Paper for PDFs').selectOption('LETTER');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await expect(form.getByLabel('Number format')).toHaveValue('pl');
  await shot(page, 'settings');
  await page.reload();
  await expect(page.getByRole('form', { name: 'Report settings' }).getByLabel('Paper for PDFs')).toHaveValue('LETTER');

  await sections(page).getByRole('link', { name: 'Reports' }).click();
  const reports = page.getByRole('table', { name: /Reports for/ });
  await expect(reports.getByText('Up to date')).toHaveCount(4, { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: /^Trial Balance as at \d{1,2} [A-Z][a-z]+ \d{4}$/ })).toBeVisible();
  // The current month is open.
  await expect(page.locator('.report-view').getByText('DRAFT – period open')).toBeVisible();
  await expect(page.locator('.report-view')).not.toContainText('as of sequence');
  // Amounts as Polish readers write them: a non-breaking space between thousands, a decimal comma.
  const amounts = await page.getByRole('table', { name: 'Trial balance' }).locator('td.num').allInnerTexts();
  expect(amounts.some((text) => /^\(?\d{1,3}(\u00a0\d{3})+,\d{2}\)?$/.test(text))).toBe(true);
  expect(amounts.some((text) => /\d\.\d{2}\)?$/.test(text))).toBe(false);

  // The Export menu: a disclosure button, keyboard first.
  const exportButton = page.getByRole('button', { name: /^Export Trial balance \d{4}-\d{2}$/ });
  await exportButton.focus();
  await expect(exportButton).toHaveAttribute('aria-expanded', 'false');
  await page.keyboard.press('Enter');
  await expect(exportButton).toHaveAttribute('aria-expanded', 'true');
  const choices = page.getByRole('link', { name: /^Download Trial balance \d{4}-\d{2} as / });
  // The organization's paper first.
  await expect(choices).toHaveText(['PDF Letter', 'PDF A4', 'CSV', 'XLSX']);
  const id = /\/reports\/([0-9a-f]{24})\//.exec((await choices.first().getAttribute('href')) ?? '')?.[1] ?? '';
  await shot(page, 'reports-export-menu');
  await page.keyboard.press('Escape');
  await expect(exportButton).toHaveAttribute('aria-expanded', 'false');
  await expect(exportButton).toBeFocused();
  await expect(choices.first()).toBeHidden();

  await exportButton.click();
  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: /^Download Trial balance \d{4}-\d{2} as PDF, US Letter$/ }).click();
  const pdf = await readFile(await (await download).path());
  const info = execFileSync('pdfinfo', ['-'], { input: pdf }).toString('utf8');
  expect(info).toMatch(/Page size:.*\(letter\)/);
  const text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: pdf }).toString('utf8');
  expect(text).toMatch(/Trial Balance as at \d{1,2} [A-Z][a-z]+ \d{4}/);
  expect(text).toContain('DRAFT – period open');
  expect(text).toMatch(/Ledger sequence \d+ · printed \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/);
  expect(text).toMatch(/\d{1,3}[\u00a0 ]\d{3},\d{2}/);
  // With no paper named, the organization's default: Letter.
  const byDefault = await page.request.get(`/reports/${id}/pdf`);
  expect(execFileSync('pdfinfo', ['-'], { input: await byDefault.body() }).toString('utf8')).toMatch(/\(letter\)/);
  // CSV stays machine-readable.
  const csv = await (await page.request.get(`/reports/${id}/csv`)).text();
  expect(csv).toMatch(/,-?\d+\.\d{2}(\r?\n|,|$)/);
  expect(csv).not.toMatch(/\d\u00a0\d{3},\d{2}/);
});

test('income statement for a quarter and for the fiscal year to date', async ({ page }) => {
  await openLodz(page);
  await sections(page).getByRole('link', { name: 'Reports' }).click();
  await page.getByRole('link', { name: 'Income statement', exact: true }).click();
  await expect(page.getByRole('heading', { name: /^Income Statement for the month ended / })).toBeVisible();
  await page.getByLabel('Show').selectOption('quarter');
  await page.getByRole('button', { name: 'Show' }).click();
  // The quarter's months may be built on this very view: the page refreshes itself. A quarter
  // not over yet stops at the current month (one, two or three months).
  await expect(
    page.getByRole('heading', { name: /^Income Statement for the (month|two months|three months) ended \d{1,2} [A-Z][a-z]+ \d{4}$/ }),
  ).toBeVisible({
    timeout: 30_000,
  });
  // A range of more than one month has its own column (the first month of a quarter is just that month).
  const quarterHeading = await page
    .getByRole('heading', { name: /^Income Statement for the / })
    .first()
    .textContent();
  if (!/for the month ended/.test(quarterHeading ?? '')) {
    await expect(page.getByRole('table', { name: 'Income statement' }).getByRole('columnheader', { name: 'Range' })).toBeVisible();
  }
  await shot(page, 'income-statement-quarter');
  await page.getByLabel('Show').selectOption('ytd');
  await page.getByRole('button', { name: 'Show' }).click();
  // Łódź's fiscal year starts in April.
  await expect(page.getByRole('heading', { name: /^Income Statement for the (month|\w+ months) ended / })).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(/^Year to date: the fiscal year from 1 April \d{4}/)).toBeVisible();
});
