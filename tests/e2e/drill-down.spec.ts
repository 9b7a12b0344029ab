// Drill-down on screen (issue 13 item 3): a trial-balance row opens its account's general
// ledger for the same period, a ledger line opens its journal entry, and Back (the
// browser's, and the visible "Back to" links) returns to the trial balance of that period.
// The first step is taken from the keyboard, with the focus outline checked.
import { expect, test, type Page } from '@playwright/test';
import { demoToken, shot, signIn } from './helpers';

const now = new Date();
const PERIOD = now.toISOString().slice(0, 7);
const TODAY = now.toISOString().slice(0, 10);
const MONTH = now.toLocaleString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const MEMO = `Drill-down sale ${Date.now()}`;

let org = '';
let idleAccount = '';

test.beforeAll(async ({ browser, request }) => {
  const page = await browser.newPage();
  await signIn(page);
  org = (await page.getByRole('link', { name: 'Northwind Trading Ltd' }).getAttribute('href')) ?? '';
  await page.close();
  const token = await demoToken(request);
  const headers = { authorization: `Bearer ${token}` };
  const orgId = org.split('/').pop() ?? '';
  const posted = await request.post(`/api/v1/organizations/${orgId}/journal-entries`, {
    headers,
    data: {
      date: TODAY,
      memo: MEMO,
      lines: [
        { accountCode: '1000', debit: '321.00' },
        { accountCode: '4000', credit: '321.00' },
      ],
    },
  });
  expect(posted.status()).toBe(201);
  // An account that never has postings: its filtered ledger says so.
  idleAccount = `DD${Date.now() % 1_000_000}`;
  const created = await request.post(`/api/v1/organizations/${orgId}/accounts`, {
    headers,
    data: { code: idleAccount, name: 'Drill-down idle', type: 'asset' },
  });
  expect(created.status()).toBe(201);
});

/** The trial balance of PERIOD, once every report of the period has caught up with the posting. */
async function openTrialBalance(page: Page) {
  await page.goto(`${org}/reports?period=${PERIOD}&view=trial-balance`);
  await expect(page.getByRole('table', { name: /Reports for/ }).getByText('Up to date')).toHaveCount(4, { timeout: 30_000 });
  await expect(page.getByRole('table', { name: 'Trial balance' })).toBeVisible();
}

const trialBalanceUrl = new RegExp(`/reports\\?period=${PERIOD}&view=trial-balance$`);
const ledgerUrl = new RegExp(`/reports\\?period=${PERIOD}&view=general-ledger&account=1000&origin=trial-balance$`);

test('trial balance row → account ledger → entry, and Back twice returns to the trial balance of the period', async ({ page }) => {
  await signIn(page);
  await openTrialBalance(page);

  // From the keyboard: the row's account is a real link that takes the focus with a visible outline.
  const cash = page.getByRole('table', { name: 'Trial balance' }).getByRole('link', { name: 'Cash at bank', exact: true });
  await cash.focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  await expect(cash).toBeFocused();
  expect(await cash.evaluate((element) => getComputedStyle(element).outlineStyle)).toBe('solid');
  await page.keyboard.press('Enter');

  await expect(page).toHaveURL(ledgerUrl);
  await expect(page.getByRole('heading', { level: 2 })).toContainText('1000 Cash at bank');
  const ledger = page.getByRole('table', { name: 'General ledger of 1000 Cash at bank' });
  await expect(ledger).toContainText(MEMO);
  // Only that account: no other account's section.
  await expect(ledger).not.toContainText('4000 Sales revenue');
  await expect(page.getByRole('link', { name: `← Back to trial balance, ${MONTH}` })).toBeVisible();
  await shot(page, 'drill-down-ledger');

  await ledger.getByRole('link', { name: MEMO }).click();
  await expect(page).toHaveURL(/\/entries\/[0-9a-f-]{36}\?period=/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Journal entry');
  await expect(page.getByText(MEMO)).toBeVisible();
  await expect(page.getByRole('link', { name: `← Back to general ledger of account 1000, ${MONTH}` })).toBeVisible();
  await shot(page, 'drill-down-entry');

  // The browser's Back, twice.
  await page.goBack();
  await expect(page).toHaveURL(ledgerUrl);
  await expect(page.getByRole('table', { name: 'General ledger of 1000 Cash at bank' })).toContainText(MEMO);
  await page.goBack();
  await expect(page).toHaveURL(trialBalanceUrl);
  await expect(page.getByRole('table', { name: 'Trial balance' })).toBeVisible();
  await expect(page.getByLabel('Period', { exact: true })).toHaveValue(PERIOD);
});

test('the visible "Back to" links return the same way, period kept', async ({ page }) => {
  await signIn(page);
  await openTrialBalance(page);
  await page.getByRole('table', { name: 'Trial balance' }).getByRole('link', { name: 'Cash at bank', exact: true }).click();
  await page.getByRole('table', { name: 'General ledger of 1000 Cash at bank' }).getByRole('link', { name: MEMO }).click();
  await page.getByRole('link', { name: /^← Back to general ledger of account 1000/ }).click();
  await expect(page).toHaveURL(ledgerUrl);
  // Keyboard again: the back link is focusable and follows on Enter.
  const back = page.getByRole('link', { name: /^← Back to trial balance/ });
  await back.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(trialBalanceUrl);
  await expect(page.getByRole('table', { name: 'Trial balance' })).toBeVisible();
});

test('balance sheet and income statement rows drill down too; an idle account says it had no postings', async ({ page }) => {
  await signIn(page);
  await page.goto(`${org}/reports?period=${PERIOD}&view=balance-sheet`);
  await page.getByRole('table', { name: 'Balance sheet' }).getByRole('link', { name: 'Cash at bank', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`view=general-ledger&account=1000&origin=balance-sheet$`));
  await expect(page.getByRole('link', { name: `← Back to balance sheet, ${MONTH}` })).toBeVisible();

  await page.goto(`${org}/reports?period=${PERIOD}&view=income-statement`);
  await page.getByRole('table', { name: 'Income statement' }).getByRole('link', { name: 'Sales revenue', exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`view=general-ledger&account=4000&origin=income-statement$`));
  await expect(page.getByRole('table', { name: 'General ledger of 4000 Sales revenue' })).toContainText(MEMO);

  await page.goto(`${org}/reports?period=${PERIOD}&view=general-ledger&account=${idleAccount}&origin=balance-sheet`);
  await expect(page.getByTestId('no-postings')).toHaveText(`${idleAccount} Drill-down idle: no postings in ${MONTH}.`);
  await shot(page, 'drill-down-no-postings');
});
