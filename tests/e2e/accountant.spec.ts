// The accountant's day in the browser, in real Chromium against the real stack. Tests run
// in order and share the seeded demo data; screenshots of each main page are written to
// test-results/screenshots.
import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import ExcelJS from 'exceljs';

test.describe.configure({ mode: 'serial' });

const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

/** Page objects in a PDF: "/Type /Page" (not "/Pages"). pdfkit writes them uncompressed. */
function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}

async function signIn(page: Page, email = 'demo@closebook.local', password = 'closebook') {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your organizations' })).toBeVisible();
}

async function openNorthwind(page: Page) {
  await page.getByRole('link', { name: 'Northwind Trading Ltd' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

test('sign in, with a clear error for a wrong password, and switch organization', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  await page.getByLabel('E-mail').fill('demo@closebook.local');
  await page.getByLabel('Password').fill('wrong password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'not correct' })).toBeVisible();
  await shot(page, 'sign-in');
  await page.getByLabel('Password').fill('closebook');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your organizations' })).toBeVisible();
  await shot(page, 'organizations');
  await openNorthwind(page);
  await expect(page.getByRole('img', { name: /Revenue, expenses and net income/ })).toBeVisible();
  await shot(page, 'dashboard');
  await page.getByLabel('Organization', { exact: true }).selectOption({ label: 'Łódź Sp. z o.o.' });
  await expect(page.getByRole('navigation', { name: 'Organization sections' })).toContainText('Łódź Sp. z o.o.');
  await expect(page.getByRole('navigation', { name: 'Organization sections' })).toContainText('PLN');
});

test('create an account in the chart of accounts', async ({ page }) => {
  await signIn(page);
  await openNorthwind(page);
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Accounts' }).click();
  await page.getByLabel('Code').fill('6150');
  await page.getByLabel('Name', { exact: true }).fill('Software subscriptions');
  await page.getByLabel('Type').selectOption('expense');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByRole('table', { name: 'Expenses' }).getByRole('cell', { name: 'Software subscriptions' })).toBeVisible();
  // The same code again is refused with a message next to the field.
  await page.getByLabel('Code').fill('6150');
  await page.getByLabel('Name', { exact: true }).fill('Duplicate');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('This code is already in use')).toBeVisible();
  await expect(page.getByLabel('Code')).toHaveValue('6150'); // what was typed stays for correction
  await shot(page, 'accounts');
});

test('post a balanced entry with the keyboard only, after seeing it out of balance', async ({ page }) => {
  await signIn(page);
  await openNorthwind(page);
  await page.getByRole('link', { name: 'New entry' }).click();
  await page.getByLabel('Memo').focus();
  await page.keyboard.type('Software for the Łódź office');
  await page.keyboard.press('Tab'); // reference
  await page.keyboard.type('SW-2026');
  await page.keyboard.press('Tab'); // line 1 account
  await page.keyboard.type('6150');
  await page.keyboard.press('Tab'); // line 1 debit
  await page.keyboard.type('99.90');
  await page.keyboard.press('Tab'); // line 1 credit
  await page.keyboard.press('Tab'); // line 1 description
  await page.keyboard.press('Tab'); // line 2 account (remove buttons are disabled with two lines)
  await page.keyboard.type('2000');
  await page.keyboard.press('Tab'); // line 2 debit
  await page.keyboard.press('Tab'); // line 2 credit
  await page.keyboard.type('90');
  await expect(page.getByText('Out of balance by 9.90')).toBeVisible();
  await page.keyboard.press('Alt+n'); // a third line, focused
  await expect(page.getByLabel('Line 3 account')).toBeFocused();
  await page.keyboard.type('2100');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await page.keyboard.type('9.90');
  await expect(page.getByText('Balanced')).toBeVisible();
  await shot(page, 'new-entry');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Entry posted as ledger sequence' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '6150 Software subscriptions' })).toBeVisible();
  await shot(page, 'entry');
});

test('a closed period gives a server error next to the date', async ({ page }) => {
  await signIn(page);
  await openNorthwind(page);
  await page.getByRole('link', { name: 'New entry' }).click();
  // The demo closes every month before the previous one.
  const closed = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth() - 3, 15)).toISOString().slice(0, 10);
  await page.getByLabel('Date').fill(closed);
  await page.getByLabel('Memo').fill('Late invoice');
  await page.getByLabel('Line 1 account').fill('1100 Accounts receivable');
  await page.getByLabel('Line 1 debit').fill('10');
  await page.getByLabel('Line 2 account').fill('4000 Sales revenue');
  await page.getByLabel('Line 2 credit').fill('10');
  await page.getByRole('button', { name: 'Post entry' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /Period \d{4}-\d{2} is closed/ })).toBeVisible();
  await expect(page.locator('#date-error')).toContainText('reopen it or choose a date in an open period');
});

test('find an entry and reverse it from its page', async ({ page }) => {
  await signIn(page);
  await openNorthwind(page);
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Entries' }).click();
  await page.getByLabel('Memo or reference contains').fill('SW-2026');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('1 entry · page 1 of 1')).toBeVisible();
  await shot(page, 'entries');
  await page.getByRole('link', { name: 'Software for the Łódź office' }).click();
  await page.getByRole('button', { name: 'Reverse entry' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Entry posted as ledger sequence' })).toBeVisible();
  await expect(page.getByText('Reversal of: Software for the Łódź office')).toBeVisible();
  await expect(page.getByRole('link', { name: 'this entry' })).toBeVisible();
});

test('import a CSV: problems listed and nothing imported, then a valid file', async ({ page }) => {
  await signIn(page);
  await openNorthwind(page);
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Import' }).click();
  const month = new Date().toISOString().slice(0, 7);
  const header = 'entry,date,memo,reference,account,debit,credit,description';
  const bad = [
    header,
    `1,${month}-02,Unbalanced,,1100,100.00,,`,
    '1,,,,4000,,99.00,',
    `2,${month}-03,Unknown account,,9999,5,,`,
    '2,,,,4000,,5,',
  ].join('\n');
  await page.getByLabel('CSV file').setInputFiles({ name: 'bad.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: 'Preview' }).click();
  const problems = page.getByRole('table', { name: 'Problems' });
  await expect(problems).toContainText('differ by 1.00');
  await expect(problems).toContainText('Unknown account "9999"');
  await expect(page.getByText('2 problem(s); nothing was imported')).toBeVisible();
  await expect(page.getByRole('button', { name: /^Import \d+ entries$/ })).toHaveCount(0);
  await shot(page, 'import-problems');

  const rows = [header];
  for (let entry = 1; entry <= 250; entry++) {
    rows.push(`${entry},${month}-${String(1 + (entry % 20)).padStart(2, '0')},Imported sale ${entry},IMP-${entry},1100,${entry}.25,,`);
    rows.push(`${entry},,,,4000,,${entry}.25,`);
  }
  await page.getByLabel('CSV file').setInputFiles({ name: 'sales.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await page.getByRole('button', { name: 'Preview' }).click();
  await expect(page.getByText('250 entries, 500 lines:')).toBeVisible();
  await page.getByRole('button', { name: 'Import 250 entries' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Imported 250 entries (500 lines)' })).toBeVisible();
  await page.getByRole('link', { name: 'See the entries' }).click();
  await page.getByLabel('Memo or reference contains').fill('IMP-');
  await page.getByRole('button', { name: 'Filter' }).click();
  await expect(page.getByText('250 entries · page 1 of 5')).toBeVisible();
});

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
  await expect(reports.getByText(`as of sequence ${sequence}`)).toHaveCount(4);
  await expect(page.getByRole('table', { name: 'Trial balance' })).toBeVisible();
  await shot(page, 'reports');

  const pdfDownload = page.waitForEvent('download');
  await page.getByRole('link', { name: /Download Trial balance \d{4}-\d{2} as PDF$/ }).click();
  const pdf = await readFile(await (await pdfDownload).path());
  expect(pdf.subarray(0, 4).toString('latin1')).toBe('%PDF');
  expect(pageCount(pdf)).toBe(1);

  const xlsxDownload = page.waitForEvent('download');
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
  await expect(page.getByRole('button', { name: /^Reopen period/ }).first()).toBeVisible();
  await shot(page, 'periods');
});

test('a viewer sees no post or close controls, and the server refuses anyway', async ({ page }) => {
  await signIn(page, 'viewer@closebook.local', 'viewer password');
  await openNorthwind(page);
  await expect(page.getByRole('link', { name: 'New entry' })).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Periods' }).click();
  await expect(page.getByRole('button', { name: /^(Close|Reopen) period/ })).toHaveCount(0);
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
  await page.getByLabel('Role', { exact: true }).selectOption('accountant');
  await page.getByRole('button', { name: 'Add member' }).click();
  const members = page.getByRole('table', { name: 'Members' });
  await expect(members.getByRole('row', { name: /viewer@closebook\.local/ })).toContainText('accountant');
  await shot(page, 'members');
  await page.getByLabel('Role of viewer@closebook.local', { exact: true }).selectOption('viewer');
  await page.getByRole('form', { name: 'Change role of viewer@closebook.local' }).getByRole('button', { name: 'Change role' }).click();
  await expect(members.getByRole('row', { name: /viewer@closebook\.local/ })).toContainText('viewer');
  await page.getByRole('button', { name: 'Remove viewer@closebook.local' }).click();
  await expect(members.getByRole('row', { name: /viewer@closebook\.local/ })).toHaveCount(0);
  // The last admin cannot be demoted.
  await page.getByLabel('Role of demo@closebook.local', { exact: true }).selectOption('viewer');
  await page.getByRole('form', { name: 'Change role of demo@closebook.local' }).getByRole('button', { name: 'Change role' }).click();
  await expect(page.getByText('An organization needs at least one admin')).toBeVisible();
});
