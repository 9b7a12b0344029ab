// The accountant's day in the browser, continued (after accountant-ledger.spec.ts, on the
// same seeded demo data): reports, periods, a viewer's limits, members. Tests run in order;
// screenshots of each main page are written to test-results/screenshots.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { openNorthwind, pageCount, shot, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

test('a report goes from "updating…" to "up to date" by itself; PDF and XLSX download', async ({ page }) => {
  await signIn(page);
  await openNorthwind(page);
  // Post, then go straight to the reports: the rebuild is still running.
  await page.getByRole('link', { name: 'New entry' }).click();
  await page.getByLabel('Memo').fill('Consulting');
  await page.getByLabel('Line 1 account').fill('1100');
  await page.getByLabel('Line 1 debit').fill('1234.56');
  await page.getByLabel('Line 2 account').fill('Service revenue');
  await page.getByLabel('Line 2 credit').fill('1234.56');
  await page.getByRole('button', { name: 'Post entry' }).click();
  const sequence = Number((await page.getByTestId('entry-sequence').innerText()).replace('#', ''));
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Reports' }).click();
  const reports = page.getByRole('table', { name: /Reports for/ });
  // No reload: the page refreshes itself once every report has caught up.
  await expect(reports.getByText('Up to date')).toHaveCount(4, { timeout: 30_000 });

  // A period nobody asked for yet: its reports are queued by this very page view, so the
  // page is rendered with "Updating…" and turns to "up to date" by itself.
  await page.goto(`${page.url().split('?')[0] ?? ''}?period=2024-05`);
  await expect(reports.getByText('Updating…').first()).toBeVisible();
  await expect(reports.getByText('Up to date')).toHaveCount(4, { timeout: 30_000 });
  await page.goBack();
  await expect(reports.getByText('Up to date')).toHaveCount(4, { timeout: 30_000 });
  await expect(page.getByRole('table', { name: 'Trial balance' })).toBeVisible();
  // The sequence is in the report's small print, not its heading.
  await expect(page.getByText(`Ledger sequence ${sequence} ·`)).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Trial Balance as at \d{1,2} [A-Z][a-z]+ \d{4}$/ })).toBeVisible();
  await shot(page, 'reports');

  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Export Trial balance \d{4}-\d{2}$/ }).click();
  await page.getByRole('link', { name: /Download Trial balance \d{4}-\d{2} as PDF, A4$/ }).click();
  const pdf = await readFile(await (await pdfDownload).path());
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(pageCount(pdf)).toBe(1);

  const xlsxDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Export Income statement \d{4}-\d{2}$/ }).click();
  await page.getByRole('link', { name: /Download Income statement \d{4}-\d{2} as XLSX$/ }).click();
  const download = await xlsxDownload;
  expect(download.suggestedFilename()).toMatch(/^Northwind Trading Ltd \d{4}-\d{2} Income statement\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(await download.path());
  const values: unknown[][] = [];
  workbook.worksheets[0]?.eachRow((row) => values.push((row.values as unknown[]).slice(1)));
  expect(
    values
      .find((row) => row[1] === 'Net income')
      ?.slice(2)
      .every((cell) => typeof cell === 'number'),
  ).toBe(true);

  await page.getByRole('link', { name: 'General ledger', exact: true }).click();
  await expect(page.getByRole('table', { name: 'General ledger' })).toContainText('Opening balance');
});

test('periods: an admin sees who closed what', async ({ page }) => {
  await signIn(page);
  await openNorthwind(page);
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Periods' }).click();
  await expect(page.getByRole('table', { name: 'Periods' })).toContainText('Demo Accountant');
  // Reopening asks for a reason first: the row's control is a link to that form.
  await expect(page.getByRole('link', { name: /^Reopen period/ }).first()).toBeVisible();
  await shot(page, 'periods');
});

test('a viewer sees no post or close controls, and the server refuses anyway', async ({ page }) => {
  await signIn(page, 'viewer@closebook.local', 'viewer password');
  await openNorthwind(page);
  await expect(page.getByRole('link', { name: 'New entry' })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Periods' }).click();
  await expect(page.getByRole('button', { name: /^(Close|Reopen) period/ })).toHaveCount(0);
  await expect(page.getByRole('link', { name: /^Reopen period/ })).toHaveCount(0);
  await expect(page.getByText('Only administrators can close or reopen periods.')).toBeVisible();
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('button', { name: 'Create account' })).toHaveCount(0);

  // Trying anyway, through the API with the viewer's own token: 403 for posting and closing,
  // 404 for an organization the viewer does not belong to.
  const token = (
    (await (
      await page.request.post('/api/v1/tokens', { data: { email: 'viewer@closebook.local', password: 'viewer password' } })
    ).json()) as { token: string }
  ).token;
  const headers = { authorization: `Bearer ${token}` };
  const orgId = /\/orgs\/([0-9a-f-]+)/.exec(page.url())?.[1] ?? '';
  const post = await page.request.post(`/api/v1/organizations/${orgId}/journal-entries`, {
    headers,
    data: {
      date: new Date().toISOString().slice(0, 10),
      memo: 'x',
      lines: [
        { accountCode: '1000', debit: '1' },
        { accountCode: '4000', credit: '1' },
      ],
    },
  });
  expect(post.status()).toBe(403);
  expect(((await post.json()) as { code: string }).code).toBe('forbidden');
  const close = await page.request.post(`/api/v1/organizations/${orgId}/periods/2020-01/close`, { headers });
  expect(close.status()).toBe(403);
  const organizations = (await (await page.request.get('/api/v1/organizations', { headers })).json()) as {
    organizations: { id: string }[];
  };
  expect(organizations.organizations).toHaveLength(1);
  const demoToken = (
    (await (await page.request.post('/api/v1/tokens', { data: { email: 'demo@closebook.local', password: 'closebook' } })).json()) as {
      token: string;
    }
  ).token;
  const all = (await (await page.request.get('/api/v1/organizations', { headers: { authorization: `Bearer ${demoToken}` } })).json()) as {
    organizations: { id: string; name: string }[];
  };
  const lodz = all.organizations.find((organization) => organization.name !== 'Northwind Trading Ltd');
  expect((await page.request.get(`/api/v1/organizations/${lodz?.id ?? ''}/accounts`, { headers })).status()).toBe(404);
  expect((await page.request.get(`/orgs/${lodz?.id ?? ''}`)).status()).toBe(404);
});

test('an admin adds a member, changes the role and removes the member', async ({ page }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Łódź Sp. z o.o.' }).click();
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Members' }).click();
  await page.getByLabel('E-mail of an existing user').fill('nobody@example.test');
  await page.getByRole('button', { name: 'Add member' }).click();
  await expect(page.getByText('No user has this e-mail address').first()).toBeVisible();
  await page.getByLabel('E-mail of an existing user').fill('viewer@closebook.local');
  await page.getByRole('form', { name: 'Add a member' }).getByLabel('Role', { exact: true }).selectOption('accountant');
  await page.getByRole('button', { name: 'Add member' }).click();
  const members = page.getByRole('table', { name: 'Members' });
  await expect(members.getByRole('row', { name: /viewer@closebook\.local/ })).toContainText('accountant');
  await shot(page, 'members');
  await page.getByLabel('Role of viewer@closebook.local', { exact: true }).selectOption('viewer');
  await page.getByRole('form', { name: 'Change role of viewer@closebook.local' }).getByRole('button', { name: 'Change role' }).click();
  await expect(members.getByRole('row', { name: /viewer@closebook\.local/ })).toContainText('viewer');
  await page.getByRole('button', { name: 'Remove viewer@closebook.local' }).click();
  // Removing asks once more; Cancel keeps the member.
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(members.getByRole('row', { name: /viewer@closebook\.local/ })).toHaveCount(1);
  await page.getByRole('button', { name: 'Remove viewer@closebook.local' }).click();
  await page.getByRole('button', { name: 'Yes, remove viewer@closebook.local' }).click();
  await expect(members.getByRole('row', { name: /viewer@closebook\.local/ })).toHaveCount(0);
  // The last admin cannot be demoted.
  await page.getByLabel('Role of demo@closebook.local', { exact: true }).selectOption('viewer');
  await page.getByRole('form', { name: 'Change role of demo@closebook.local' }).getByRole('button', { name: 'Change role' }).click();
  await expect(page.getByText('An organization needs at least one admin')).toBeVisible();
});
