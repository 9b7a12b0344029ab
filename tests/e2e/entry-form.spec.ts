// The new-entry form by keyboard (issue 15 item 4): the account combobox (a name fragment,
// arrows and Enter, Escape, Tab taking the single match), amounts with thousands separators
// formatted on leaving the field, an unreadable amount named instead of left out of the
// totals, Tab past the last line adding one, the balancing amount offered, "Post & new".
// Posts two entries to Northwind dated today, like accountant-ledger.spec.ts.
import { expect, test, type Page } from '@playwright/test';
import { openNorthwind, shot, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

async function openNewEntry(page: Page) {
  await signIn(page);
  await openNorthwind(page);
  await page.getByRole('link', { name: 'New entry' }).click();
  await expect(page.getByRole('heading', { name: 'Post a journal entry' })).toBeVisible();
}

test('choose accounts by keyboard, type 1,234.50, take the balancing amount with "=", then Post & new', async ({ page }) => {
  await openNewEntry(page);
  await page.getByLabel('Memo').fill('Office rent, keyboard entry');
  const account1 = page.getByRole('combobox', { name: 'Line 1 account' });
  await account1.focus();
  await page.keyboard.type('ren'); // a fragment of the name: only "6100 Rent" (code or name)
  await expect(page.getByRole('listbox', { name: 'Matching accounts' }).getByRole('option')).toHaveText(['6100 Rent']);
  await page.keyboard.press('Tab'); // the single match is taken, and the focus moves on
  await expect(account1).toHaveValue('6100 Rent');
  await expect(page.getByLabel('Line 1 debit')).toBeFocused();
  await page.keyboard.type('1,234.5');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Line 1 debit')).toHaveValue('1,234.50');
  await expect(page.getByTestId('total-debit')).toHaveText('1,234.50');
  await page.keyboard.press('Tab'); // description
  await page.keyboard.press('Tab'); // line 2 account

  const account2 = page.getByRole('combobox', { name: 'Line 2 account' });
  await expect(account2).toBeFocused();
  await page.keyboard.type('bank');
  const options = page.getByRole('listbox', { name: 'Matching accounts' }).getByRole('option');
  await expect(options).toHaveText(['1000 Cash at bank', '2500 Bank loan', '6600 Bank charges']);
  await expect(account2).toHaveAttribute('aria-expanded', 'true');
  await page.keyboard.press('Escape'); // closes the list, keeps the text
  await expect(account2).toHaveAttribute('aria-expanded', 'false');
  await expect(account2).toHaveValue('bank');
  await page.keyboard.press('ArrowDown'); // opens it again on the first match
  await page.keyboard.press('ArrowDown');
  await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(account2).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id')) ?? '');
  await page.keyboard.press('ArrowUp');
  await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
  await shot(page, 'entry-form-combobox');
  await page.keyboard.press('Enter'); // chooses, and does not post
  await expect(account2).toHaveValue('1000 Cash at bank');
  await expect(account2).toHaveAttribute('aria-expanded', 'false');
  await expect(page).toHaveURL(/\/entries\/new$/);

  await page.keyboard.press('Tab'); // line 2 debit
  await page.keyboard.press('Tab'); // line 2 credit: the balancing amount is offered
  await expect(page.getByLabel('Line 2 credit')).toHaveAttribute('placeholder', '1,234.50');
  await expect(page.getByText('Out of balance by 1,234.50')).toBeVisible();
  await page.keyboard.type('=');
  await expect(page.getByLabel('Line 2 credit')).toHaveValue('1,234.50');
  await expect(page.getByText('Balanced')).toBeVisible();

  await page.keyboard.press('Control+Shift+Enter'); // Post & new
  const posted = page.getByRole('status').filter({ hasText: /Entry posted as ledger sequence \d+/ });
  await expect(posted).toBeVisible();
  await expect(page.getByLabel('Memo')).toHaveValue('');
  await expect(page.getByLabel('Memo')).toBeFocused();
  await expect(page.getByRole('combobox', { name: 'Line 1 account' })).toHaveValue('');
  await expect(page.getByTestId('total-debit')).toHaveText('0.00');
  await shot(page, 'entry-form-posted-and-new');
  await posted.getByRole('link', { name: 'View the entry' }).click();
  await expect(page.getByRole('cell', { name: '6100 Rent' })).toBeVisible();
  await expect(page.getByText('Office rent, keyboard entry').first()).toBeVisible();
});

test('an unreadable amount is named, Tab past the last line adds one, the Balance button fills the amount', async ({ page }) => {
  await openNewEntry(page);
  await page.getByLabel('Memo').fill('Invoice, balance button');
  await page.getByRole('combobox', { name: 'Line 1 account' }).focus();
  await page.keyboard.type('1100');
  await page.keyboard.press('Tab');
  await page.keyboard.type('12,3'); // not an amount in this organization's format (1,234.56)
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Line 1 debit')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Not an amount: write it like 1,234.56')).toBeVisible();
  await expect(page.getByTestId('total-debit')).toHaveText('—');
  await expect(page.getByText('Not totalled: Line 1 debit is not an amount')).toBeVisible();
  await shot(page, 'entry-form-invalid-amount');
  await page.getByLabel('Line 1 debit').fill('12.3');
  await page.getByLabel('Line 1 debit').blur();
  await expect(page.getByLabel('Line 1 debit')).toHaveValue('12.30');
  await expect(page.getByLabel('Line 1 debit')).toHaveAttribute('aria-invalid', 'false');

  await page.getByRole('combobox', { name: 'Line 2 account' }).focus();
  await page.keyboard.type('4000');
  await page.keyboard.press('Tab'); // debit
  await page.keyboard.press('Tab'); // credit
  await page.keyboard.press('Tab'); // description
  await page.keyboard.press('Tab'); // past the last line: a third one
  await expect(page.getByRole('combobox', { name: 'Line 3 account' })).toBeFocused();
  // An empty last line does not grow another: Tab leaves the lines.
  for (let i = 0; i < 4; i += 1) await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Remove line 3' })).toBeFocused();
  await expect(page.getByLabel('Line 4 account')).toHaveCount(0);
  await page.keyboard.press('Enter'); // removes line 3, the focus goes back to line 2
  await expect(page.getByRole('combobox', { name: 'Line 2 account' })).toBeFocused();

  const balance = page.getByRole('button', { name: 'Balance: credit 12.30 on line 2' });
  await expect(balance).toBeVisible();
  await shot(page, 'entry-form-balance-offered');
  await balance.click();
  await expect(page.getByLabel('Line 2 credit')).toHaveValue('12.30');
  await expect(page.getByLabel('Line 2 credit')).toBeFocused();
  await expect(page.getByText('Balanced')).toBeVisible();
  await page.getByRole('button', { name: 'Post entry' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Entry posted as ledger sequence' })).toBeVisible();
  await expect(page.getByRole('cell', { name: '4000 Sales revenue' })).toBeVisible();
});
