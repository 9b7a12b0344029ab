// The dashboard and the lists (issue 15 item 8): the key-figure tiles agree with the stored
// documents the API serves, the chart has a table view, the chart of accounts renames and
// deletes through its row control (delete confirmed), and on a 390×844 phone screen the
// navigation folds behind a button and no page scrolls sideways. Screenshots:
// test-results/screenshots/dashboard-tiles.png, dashboard-narrow*.png, accounts-narrow.png.
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { formatForReport, parseSignedAmount } from '../../lib/domains/money/money';
import { addMonths, monthName, periodOfInstant } from '../../lib/domains/accounting/periods';
import { axeViolations, demoToken, openNorthwind, shot, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

const format = (amount: string) => formatForReport(parseSignedAmount(amount));

async function northwindId(request: APIRequestContext, headers: Record<string, string>): Promise<string> {
  const list = (await (await request.get('/api/v1/organizations', { headers })).json()) as {
    organizations: { id: string; name: string }[];
  };
  const organizations = list.organizations;
  const northwind = organizations.find((organization) => organization.name === 'Northwind Trading Ltd');
  expect(northwind).toBeDefined();
  return northwind?.id ?? '';
}

/** The stored document of one report, as the API serves it. */
async function storedReport<T>(
  request: APIRequestContext,
  headers: Record<string, string>,
  org: string,
  type: string,
  period: string,
): Promise<T> {
  const lookup = await request.get(`/api/v1/organizations/${org}/reports?type=${type}&period=${period}`, { headers });
  expect(lookup.ok()).toBe(true);
  const { id } = (await lookup.json()) as { id: string };
  const document = await request.get(`/api/v1/reports/${id}`, { headers });
  expect(document.ok()).toBe(true);
  return (await document.json()) as T;
}

async function noSidewaysScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}

test('the tiles show net income this month vs last and cash at bank, as the stored documents say', async ({ page, request }) => {
  const headers = { authorization: `Bearer ${await demoToken(request)}` };
  const org = await northwindId(request, headers);
  const period = periodOfInstant(new Date());
  const [current, previous, balanceSheet] = await Promise.all([
    storedReport<{ netIncome: string }>(request, headers, org, 'income-statement', period),
    storedReport<{ netIncome: string }>(request, headers, org, 'income-statement', addMonths(period, -1)),
    storedReport<{ assets: { rows: { accountCode: string; accountName: string; amount: string }[] } }>(
      request,
      headers,
      org,
      'balance-sheet',
      period,
    ),
  ]);
  const cash = balanceSheet.assets.rows.filter((row) => row.accountCode.startsWith('10') || /\b(cash|bank)\b/i.test(row.accountName));
  expect(cash.length).toBeGreaterThan(0);
  const cashTotal = cash.reduce((sum, row) => sum + parseSignedAmount(row.amount), 0n);
  const change = parseSignedAmount(current.netIncome) - parseSignedAmount(previous.netIncome);

  await signIn(page);
  await openNorthwind(page);
  const tiles = page.getByRole('region', { name: 'Key figures' });
  await expect(tiles.getByTestId('net-income-this-month')).toHaveText(format(current.netIncome));
  await expect(tiles).toContainText(format(previous.netIncome));
  await expect(tiles.getByTestId('net-income-change')).toHaveText(`${change > 0n ? '+' : ''}${formatForReport(change)}`);
  await expect(tiles.getByTestId('cash-at-bank')).toHaveText(formatForReport(cashTotal));
  await expect(tiles).toContainText(`${cash[0]?.accountCode ?? ''} ${cash[0]?.accountName ?? ''}`);

  // The chart writes its values (no hover needed) and has an axis; the table view has every month.
  const chart = page.getByRole('img', { name: 'Revenue, expenses and net income by month' });
  await expect(chart).toBeVisible();
  await expect(chart.locator('text.bar-value').first()).toBeVisible();
  await shot(page, 'dashboard-tiles');
  await page.getByRole('button', { name: 'Table view' }).click();
  await expect(page.getByRole('button', { name: 'Table view' })).toHaveAttribute('aria-pressed', 'true');
  const table = page.getByRole('table', { name: 'Revenue, expenses and net income by month' });
  // A row per month of the fiscal year so far (up to this one), below the header.
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(table.getByRole('row').last()).toContainText(monthName(period));
  await expect(table).toContainText(format(current.netIncome));
  await page.getByRole('button', { name: 'Chart' }).click();
  await expect(chart).toBeVisible();
});

test('an account is renamed through its row control and deleted only after confirming', async ({ page, request }) => {
  const headers = { authorization: `Bearer ${await demoToken(request)}` };
  const org = await northwindId(request, headers);
  const trialBalance = await storedReport<{ rows: { accountCode: string; debit: string; credit: string }[] }>(
    request,
    headers,
    org,
    'trial-balance',
    periodOfInstant(new Date()),
  );
  const cashRow = trialBalance.rows.find((row) => row.accountCode === '1000');
  await signIn(page);
  await openNorthwind(page);
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Accounts' }).click();
  // The balance column: 1000 Cash at the end of this month, as its trial balance has it (debit-normal).
  const assets = page.getByRole('table', { name: 'Assets' });
  await expect(assets.getByRole('columnheader', { name: 'Balance' })).toBeVisible();
  await expect(assets.getByRole('row', { name: /^1000 / })).toContainText(
    formatForReport(parseSignedAmount(cashRow?.debit ?? '0') - parseSignedAmount(cashRow?.credit ?? '0')),
  );
  // No always-open rename inputs any more.
  await expect(page.getByRole('textbox', { name: /New name for account/ })).toHaveCount(0);

  await page.getByLabel('Code').fill('6190');
  await page.getByLabel('Name', { exact: true }).fill('Temporary account');
  await page.getByLabel('Type', { exact: true }).selectOption('expense');
  await page.getByRole('button', { name: 'Create account' }).click();
  const expenses = page.getByRole('table', { name: 'Expenses' });
  const row = expenses.getByRole('row', { name: /^6190 / });
  await expect(row).toContainText('Temporary account');

  await row.getByRole('button', { name: 'Actions for account 6190' }).click();
  await expect(row.getByRole('button', { name: 'Actions for account 6190' })).toHaveAttribute('aria-expanded', 'true');
  await row.getByRole('button', { name: 'Rename' }).click();
  const name = row.getByRole('textbox', { name: 'New name for account 6190' });
  await expect(name).toBeFocused();
  await name.fill('Bank charges');
  await name.press('Enter');
  await expect(row).toContainText('Bank charges');
  await expect(row.getByRole('textbox')).toHaveCount(0);

  await row.getByRole('button', { name: 'Actions for account 6190' }).click();
  await row.getByRole('button', { name: 'Delete…' }).click();
  await expect(row).toContainText('Delete 6190 Bank charges?');
  await row.getByRole('button', { name: 'Cancel' }).click();
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: 'Actions for account 6190' }).click();
  await row.getByRole('button', { name: 'Delete…' }).click();
  await row.getByRole('button', { name: 'Yes, delete' }).click();
  await expect(expenses.getByRole('row', { name: /^6190 / })).toHaveCount(0);
});

test('on a 390×844 screen the navigation folds behind a button and nothing scrolls sideways', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await signIn(page);
  await openNorthwind(page);
  const sections = page.getByRole('navigation', { name: 'Organization sections' });
  await expect(page.getByRole('link', { name: 'Month-end' })).toBeHidden();
  await expect(sections.getByRole('link', { name: 'Accounts' })).toBeHidden();
  await expect(page.getByTestId('cash-at-bank')).toBeVisible();
  await noSidewaysScroll(page);
  await shot(page, 'dashboard-narrow');

  await page.getByRole('button', { name: 'Menu' }).click();
  await expect(page.getByRole('link', { name: 'Month-end' })).toBeVisible();
  await sections.getByRole('button', { name: 'Sections' }).click();
  await expect(sections.getByRole('link', { name: 'Accounts' })).toBeVisible();
  await noSidewaysScroll(page);
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'dashboard-narrow-menus-open');

  await sections.getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Chart of accounts' })).toBeVisible();
  await noSidewaysScroll(page);
  // The table scrolls inside its panel: its Actions column is reachable, the page is not wider.
  await page.getByRole('table', { name: 'Assets' }).getByRole('button', { name: 'Actions for account 1000' }).scrollIntoViewIfNeeded();
  await noSidewaysScroll(page);
  await page.evaluate(() => {
    window.scrollTo(0, 0);
    for (const box of document.querySelectorAll('.table-scroll')) box.scrollLeft = 0;
  });
  // Following a section link folded the menus again.
  await expect(sections.getByRole('link', { name: 'Accounts' })).toBeHidden();
  expect(await axeViolations(page)).toEqual([]);
  await shot(page, 'accounts-narrow');
});
