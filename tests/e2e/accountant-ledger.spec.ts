// The accountant's day in the browser, in real Chromium against the real stack: signing in,
// the chart of accounts, posting, closed periods, reversing, CSV import. Tests run in order
// and share the seeded demo data (accountant-reports.spec.ts runs after this file and
// continues from it); screenshots of each main page are written to test-results/screenshots.
import { expect, test } from '@playwright/test';
import { openNorthwind, shot, signIn, switchOrganization } from './helpers';

test.describe.configure({ mode: 'serial' });

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
  await switchOrganization(page, 'Łódź Sp. z o.o.');
  await expect(page.getByRole('navigation', { name: 'Organization sections' })).toContainText('Łódź Sp. z o.o.');
  await expect(page.getByRole('navigation', { name: 'Organization sections' })).toContainText('PLN');
});

test('create an account in the chart of accounts', async ({ page }) => {
  await signIn(page);
  await openNorthwind(page);
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Accounts' }).click();
  await page.getByLabel('Code').fill('6150');
  await page.getByLabel('Name', { exact: true }).fill('Software subscriptions');
  await page.getByLabel('Type', { exact: true }).selectOption('expense');
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
  await page.keyboard.type('6150'); // an exact code: Tab takes it
  await page.keyboard.press('Tab'); // line 1 debit
  await expect(page.getByLabel('Line 1 account')).toHaveValue('6150 Software subscriptions');
  await page.keyboard.type('99.9');
  await page.keyboard.press('Tab'); // line 1 credit
  await expect(page.getByLabel('Line 1 debit')).toHaveValue('99.90'); // formatted on leaving the field
  await page.keyboard.press('Tab'); // line 1 description
  await page.keyboard.press('Tab'); // line 2 account (remove buttons are disabled with two lines)
  await page.keyboard.type('2000');
  await page.keyboard.press('Tab'); // line 2 debit
  await page.keyboard.press('Tab'); // line 2 credit
  await page.keyboard.type('90');
  await expect(page.getByText('Out of balance by 9.90')).toBeVisible();
  await page.keyboard.press('Tab'); // line 2 description
  await expect(page.getByLabel('Line 2 credit')).toHaveValue('90.00');
  await page.keyboard.press('Tab'); // past the last line: a third line, focused
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
