// Month-end in the browser: start a run for every organization, watch the progress bar
// reach 100 % without reloading, download the ZIP and look inside. Real Chromium, the real
// stack (web + worker process + queue + PostgreSQL + the Mongo wire server).
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { demoJournalCsv, demoYear } from '../../lib/domains/demo/seed-demo';
import { readZip } from '../helpers/zip';

test.describe.configure({ mode: 'serial' });

const previousMonth = (() => {
  const now = new Date();
  const date = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return date.toISOString().slice(0, 7);
})();

test.beforeAll(async ({ request }) => {
  // A third client, set up through the public API: organization, then a year of entries by CSV.
  const tokenResponse = await request.post('/api/v1/tokens', { data: { email: 'demo@closebook.local', password: 'closebook' } });
  expect(tokenResponse.status()).toBe(201);
  const { token } = (await tokenResponse.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };
  const organizations = (await (await request.get('/api/v1/organizations', { headers })).json()) as { organizations: { name: string }[] };
  if (organizations.organizations.some((organization) => organization.name === 'Harbour Bakery Ltd')) return;
  const created = await request.post('/api/v1/organizations', { headers, data: { name: 'Harbour Bakery Ltd', baseCurrency: 'GBP' } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const csv = demoJournalCsv(demoYear(new Date(), 77).filter((entry) => entry.date < `${previousMonth}-32`));
  const imported = await request.post(`/api/v1/organizations/${id}/journal-entries/import`, {
    headers: { ...headers, 'content-type': 'text/csv' },
    data: csv,
  });
  expect(imported.status()).toBe(201);
});

test('start a run for every organization, watch it reach 100 % and download the ZIP', async ({ page }) => {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill('demo@closebook.local');
  await page.getByLabel('Password').fill('closebook');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Report runs' }).click();
  await expect(page.getByRole('heading', { name: 'Report runs' })).toBeVisible();

  // Nothing ticked: refused with the reason next to the list, nothing started.
  const form = page.getByRole('form', { name: 'Start a report run' });
  for (const box of await form.getByRole('group', { name: 'Organizations' }).getByRole('checkbox').all()) await box.uncheck();
  await form.getByRole('button', { name: 'Start run' }).click();
  await expect(form.getByText('Choose at least one organization')).toBeVisible();
  // The refused form keeps what was chosen.
  await expect(form.getByRole('checkbox', { name: 'Northwind Trading Ltd' })).not.toBeChecked();
  await expect(form.getByRole('checkbox', { name: 'General ledger' })).toBeChecked();
  await page.reload();

  await expect(page.getByLabel('Period', { exact: true })).toHaveValue(previousMonth);
  for (const name of ['Northwind Trading Ltd', 'Łódź Sp. z o.o.', 'Harbour Bakery Ltd']) {
    await expect(page.getByRole('checkbox', { name })).toBeChecked();
  }
  await page.screenshot({ path: 'test-results/screenshots/report-run-new.png', fullPage: true });
  await page.getByRole('button', { name: 'Start run' }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: `Report run ${previousMonth}` })).toBeVisible();

  // The bar moves by itself (polling, no reload) until every snapshot is done.
  const bar = page.getByRole('progressbar', { name: 'Run progress' });
  await expect(bar).toHaveAttribute('aria-valuemax', '12');
  await expect(bar).toHaveAttribute('aria-valuenow', '12', { timeout: 90_000 });
  await expect(page.getByTestId('run-figures')).toContainText('100 %');
  await expect(page.getByTestId('run-figures')).toContainText('12 of 12 snapshots done');
  await expect(page.getByTestId('run-status')).toHaveText('Completed');
  await page.screenshot({ path: 'test-results/screenshots/report-run-done.png', fullPage: true });

  // One snapshot on its own.
  const single = page.getByRole('row', { name: /Harbour Bakery Ltd/ }).getByRole('link', { name: 'Balance sheet' });
  const pdf = await page.request.get((await single.getAttribute('href')) ?? '');
  expect(pdf.status()).toBe(200);
  expect((await pdf.body()).subarray(0, 5).toString()).toBe('%PDF-');

  // The whole run as one ZIP: a folder per organization, readable names, an index.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download ZIP' }).click()]);
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${previousMonth} reports \\(run [0-9a-f]{8}\\)\\.zip$`));
  const entries = await readZip(await readFile(await download.path()));
  const names = entries.map((entry) => entry.name);
  for (const folder of ['Harbour Bakery Ltd', 'Northwind Trading Ltd', 'Łódź Sp. z o.o.']) {
    for (const title of ['Trial balance', 'Balance sheet', 'Income statement', 'General ledger']) {
      expect(names).toContain(`${folder}/${previousMonth} ${title}.pdf`);
    }
  }
  expect(names).toContain('index.csv');
  expect(entries).toHaveLength(13);
  for (const entry of entries.filter((file) => file.name.endsWith('.pdf'))) expect(entry.data.subarray(0, 5).toString()).toBe('%PDF-');
  const index = entries.find((entry) => entry.name === 'index.csv')!.data.toString('utf8');
  expect(index).toContain(`Łódź Sp. z o.o.,Balance sheet,${previousMonth},done,Łódź Sp. z o.o./${previousMonth} Balance sheet.pdf`);

  // The run is listed.
  await page.getByRole('link', { name: '← Report runs' }).click();
  await expect(
    page
      .getByRole('table', { name: 'Recent runs' })
      .getByRole('row', { name: new RegExp(`${previousMonth}.*Completed`) })
      .first(),
  ).toBeVisible();
});
