import { expect, test } from '@playwright/test';

/** Page objects in a PDF: "/Type /Page" (not "/Pages"). pdfkit writes them uncompressed. */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}

test('an accountant signs in, posts an entry and downloads the trial balance PDF', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('E-mail').fill('demo@closebook.local');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'not correct' })).toBeVisible();
  await page.getByLabel('Password').fill('closebook');
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('heading', { name: 'Your organizations' })).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/organizations.png', fullPage: true });
  await page.getByRole('link', { name: 'Northwind Trading Ltd' }).click();
  await expect(page.getByRole('heading', { name: 'Northwind Trading Ltd' })).toBeVisible();

  const today = new Date().toISOString().slice(0, 10);
  await page.getByLabel('Date').fill(today);
  await page.getByLabel('Memo').fill('Consulting for Łódź client');
  await page.getByLabel('Line 1 account').fill('1100 Accounts receivable');
  await page.getByLabel('Line 1 debit').fill('1234.56');
  await page.getByLabel('Line 2 account').fill('4100 Service revenue');
  await page.getByLabel('Line 2 credit').fill('1234.5');
  await expect(page.getByText('Out of balance by 0.06')).toBeVisible();
  await page.getByLabel('Line 2 credit').fill('1234.56');
  await expect(page.getByText('Balanced')).toBeVisible();
  await page.screenshot({ path: 'test-results/screenshots/post-entry.png', fullPage: true });
  await page.getByRole('button', { name: 'Post entry' }).click();

  await expect(page.getByRole('status').filter({ hasText: 'Entry posted as ledger sequence' })).toBeVisible();
  const sequence = Number((await page.getByTestId('entry-sequence').innerText()).replace('#', ''));
  expect(sequence).toBeGreaterThan(0);
  await page.screenshot({ path: 'test-results/screenshots/entry.png', fullPage: true });

  // Back to the organization: the trial balance catches up with the posting by itself.
  await page.getByRole('link', { name: /Back to Northwind/ }).click();
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]+$/);
  const reports = page.getByRole('table', { name: /Reports for/ });
  await expect(async () => {
    await page.reload();
    await expect(reports.getByText('Up to date')).toHaveCount(4, { timeout: 1_000 });
  }).toPass({ timeout: 30_000 });
  await expect(reports.getByText(`as of sequence ${sequence}`)).toHaveCount(4);
  await page.screenshot({ path: 'test-results/screenshots/organization.png', fullPage: true });

  const downloadPromise = page.waitForEvent('download');
  await page.getByRole('link', { name: /Download Trial balance \d{4}-\d{2} as PDF$/ }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toMatch(/^Northwind Trading Ltd \d{4}-\d{2} Trial balance\.pdf$/);
  const path = await download.path();
  const { readFile } = await import('node:fs/promises');
  const pdf = await readFile(path);
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(pageCount(pdf)).toBe(1);
});
