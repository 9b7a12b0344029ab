// Statement structure and comparatives in the browser (issue 15 item 5, issue 13 item 4),
// on the seeded demo data: sub-types in the chart of accounts, gross / operating profit and
// the prior year beside them, the balance sheet's current / non-current split against the
// previous fiscal year end, and a quarter that is not over yet: shown through the current
// month, said so, and exported as a file.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { addMonths, monthName, periodOfInstant } from '../../lib/domains/accounting/periods';
import { presetRange } from '../../lib/domains/reports/income-statement-range';
import { openNorthwind, shot, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

test('the chart of accounts shows each account’s sub-type', async ({ page }) => {
  await signIn(page);
  await openNorthwind(page);
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Accounts' }).click();
  const expenses = page.getByRole('table', { name: 'Expenses' });
  await expect(expenses.getByRole('row', { name: /5000 Cost of goods sold Cost of sales/ })).toBeVisible();
  await expect(expenses.getByRole('row', { name: /6900 Interest expense Other expenses/ })).toBeVisible();
  await expect(
    page.getByRole('table', { name: 'Liabilities' }).getByRole('row', { name: /2500 Bank loan Non-current liabilities/ }),
  ).toBeVisible();
  // The new-account form offers the chosen type's sub-types only.
  await page.getByLabel('Type', { exact: true }).selectOption('revenue');
  await expect(page.getByLabel('Sub-type').locator('option')).toHaveText(['Revenue', 'Other income']);
  await shot(page, 'accounts-subtypes');

  // Change one from the row menu, and back (the statements are rebuilt each time).
  const fees = expenses.getByRole('row', { name: /^6400 Professional fees/ });
  for (const [to, label] of [
    ['cost-of-sales', 'Cost of sales'],
    ['operating-expense', 'Operating expenses'],
  ] as const) {
    await fees.getByRole('button', { name: 'Actions for account 6400' }).click();
    await fees.getByRole('button', { name: 'Change sub-type' }).click();
    await fees.getByRole('combobox', { name: 'Sub-type of account 6400' }).selectOption(to);
    await fees.getByRole('button', { name: 'Save' }).click();
    await expect(fees.getByRole('cell', { name: label, exact: true })).toBeVisible();
    await expect(fees.getByRole('combobox', { name: 'Sub-type of account 6400' })).toHaveCount(0);
  }
});

test('statements in sections, against last year; a quarter not over yet is exported through this month', async ({ page }) => {
  await signIn(page);
  await openNorthwind(page);
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Reports' }).click();
  await expect(page.getByRole('heading', { name: 'Reports', exact: true })).toBeVisible();
  const current = periodOfInstant(new Date());
  const base = page.url().split('?')[0] ?? '';

  await page.goto(`${base}?period=${current}&view=income-statement`);
  const income = page.getByRole('table', { name: 'Income statement' });
  await expect(income.getByRole('columnheader')).toHaveText(['Code', 'Account', 'Period', 'Prior year', 'Year to date', 'Prior YTD']);
  for (const line of ['Gross profit', 'Operating profit', 'Net income'])
    await expect(income.getByRole('cell', { name: line })).toBeVisible();
  await expect(page.getByText(`Prior year: ${monthName(addMonths(current, -12))}`)).toBeVisible();
  await shot(page, 'income-statement-structure');

  await page.goto(`${base}?period=${current}&view=balance-sheet`);
  const balance = page.getByRole('table', { name: 'Balance sheet' });
  await expect(balance.getByRole('columnheader').nth(3)).toHaveText(`31 December ${Number(current.slice(0, 4)) - 1}`);
  for (const line of ['Total current assets', 'Net current assets', 'Net assets', 'Total liabilities and equity']) {
    await expect(balance.getByRole('cell', { name: line, exact: true })).toBeVisible();
  }
  await shot(page, 'balance-sheet-structure');

  await page.goto(`${base}?period=${current}&view=income-statement&range=quarter`);
  const range = presetRange({ preset: 'quarter', period: current, fiscalYearStartMonth: 1, current });
  if (range.clipped) {
    await expect(page.getByTestId('range-clipped')).toContainText(
      `The quarter runs to ${monthName(range.clipped.presetEnd)}; it is shown through ${monthName(current)}`,
    );
  } else {
    await expect(page.getByTestId('range-clipped')).toHaveCount(0);
  }
  const exportButton = page.getByRole('button', { name: `Export Income statement ${range.from} to ${range.to}` });
  await expect(exportButton).toBeVisible({ timeout: 30_000 });
  await shot(page, 'income-statement-quarter');
  const download = page.waitForEvent('download');
  await exportButton.click();
  await page.getByRole('link', { name: `Download Income statement ${range.from} to ${range.to} as CSV` }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`Northwind Trading Ltd ${range.from} to ${range.to} Income statement.csv`);
  const csv = (await readFile(await file.path())).toString('utf8');
  expect(csv).toContain('Row type,Code,Account,Period,Prior year,Year to date,Prior YTD');
  expect(csv).toMatch(/subtotal,,Gross profit,-?\d+\.\d{2},/);
});
