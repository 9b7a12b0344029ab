// "Changed since issued" in the browser: a client's reports are issued by a month-end run,
// then a backdated entry lands in that month. The run page flags the organization, the
// snapshot page says so, and the changes page lists the moved accounts and the posting,
// with a PDF to send to the client.
import { expect, test } from '@playwright/test';
import { pageCount, shot, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

const PERIOD = '2025-06';
let runId = '';

test.beforeAll(async ({ request }) => {
  const tokenResponse = await request.post('/api/v1/tokens', { data: { email: 'demo@closebook.local', password: 'closebook' } });
  expect(tokenResponse.status()).toBe(201);
  const { token } = (await tokenResponse.json()) as { token: string };
  const headers = { authorization: `Bearer ${token}` };
  const created = await request.post('/api/v1/organizations', { headers, data: { name: 'Issued Kitchens Ltd', baseCurrency: 'EUR' } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const post = async (date: string, memo: string, amount: string) => {
    const response = await request.post(`/api/v1/organizations/${id}/journal-entries`, {
      headers,
      data: {
        date,
        memo,
        lines: [
          { accountCode: '1100', debit: amount },
          { accountCode: '4100', credit: amount },
        ],
      },
    });
    expect(response.status()).toBe(201);
  };
  await post(`${PERIOD}-10`, 'June catering', '250.00');
  const run = await request.post('/api/v1/report-runs', {
    headers,
    data: { period: PERIOD, organizationIds: [id], types: ['trial-balance'] },
  });
  expect(run.status()).toBe(202);
  runId = ((await run.json()) as { id: string }).id;
  await expect
    .poll(async () => ((await (await request.get(`/api/v1/report-runs/${runId}`, { headers })).json()) as { status: string }).status, {
      timeout: 60_000,
    })
    .toBe('completed');
  // After the reports were issued: an invoice dated inside the issued month.
  await post(`${PERIOD}-28`, 'Late June invoice', '75.50');
});

test('the run page flags the organization; the changes page lists the moved accounts and the posting', async ({ page }) => {
  await signIn(page);
  await page.goto(`/runs/${runId}`);
  const row = page.getByRole('row', { name: /Issued Kitchens Ltd/ });
  const badge = row.getByRole('link', { name: 'Changed since issued' });
  await expect(badge).toBeVisible();
  await shot(page, 'run-changed-since-issued');

  await badge.click();
  await expect(page.getByRole('heading', { name: `Trial balance ${PERIOD} · Issued Kitchens Ltd` })).toBeVisible();
  await expect(page.getByText('Changed since issued')).toBeVisible();
  await expect(page.getByText(/^[0-9a-f]{64}$/)).toBeVisible(); // the ledger hash the snapshot was built at
  await shot(page, 'snapshot-changed');

  await page.getByRole('link', { name: 'Changes since issued' }).click();
  await expect(page.getByRole('heading', { name: `Changes since issued: Trial balance ${PERIOD} · Issued Kitchens Ltd` })).toBeVisible();
  const table = page.getByRole('table', { name: 'Changes since issued' });
  const cash = table.getByRole('row', { name: /^1100 / });
  await expect(cash.getByRole('cell').nth(1)).toHaveText('250.00');
  await expect(cash.getByRole('cell').nth(2)).toHaveText('325.50');
  await expect(cash.getByRole('cell').nth(3)).toHaveText('75.50');
  await expect(cash.getByRole('link', { name: /Late June invoice/ })).toBeVisible();
  await expect(
    table
      .getByRole('row', { name: /^4100 / })
      .getByRole('cell')
      .nth(3),
  ).toHaveText('-75.50');
  await shot(page, 'snapshot-changes');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Download as PDF' }).click()]);
  expect(download.suggestedFilename()).toMatch(/changes since issued\.pdf$/);
  const pdf = await page.request.get((await page.getByRole('link', { name: 'Download as PDF' }).getAttribute('href')) ?? '');
  expect(pdf.status()).toBe(200);
  const body = await pdf.body();
  expect(body.subarray(0, 5).toString()).toBe('%PDF-');
  expect(pageCount(body)).toBe(1);

  // The posting opens from the list.
  await cash.getByRole('link', { name: /Late June invoice/ }).click();
  await expect(page.getByText('Late June invoice').first()).toBeVisible();
});
