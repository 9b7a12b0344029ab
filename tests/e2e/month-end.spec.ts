// Month-end in the browser (issue 15): close through a month after a confirmation, reopen
// with a reason shown in the list, the close board (rows, search, filter, select two clients →
// close and build the pack → the run page), and the switcher keeping section and period.
import { expect, test, type Page } from '@playwright/test';
import { demoToken, openNorthwind, openSwitcher, shot, signIn } from './helpers';

test.describe.configure({ mode: 'serial' });

const previousMonth = (() => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
})();

const periodRow = (page: Page, period: string) =>
  page.getByRole('table', { name: 'Periods' }).getByRole('row', { name: new RegExp(`^${period}`) });

test('close through a month after a confirmation, then reopen it with a reason', async ({ page }) => {
  await signIn(page);
  // The organizations list flags the month that has ended and is still open.
  await expect(page.getByRole('table', { name: 'Your organizations' }).getByRole('row', { name: /Northwind/ })).toContainText(
    `1 month ${previousMonth}`,
  );
  await shot(page, 'organizations-open-past');
  await openNorthwind(page);
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Periods' }).click();
  // The month that has just ended is open: flagged, in the note and in its row.
  await expect(page.getByTestId('open-past')).toContainText(previousMonth);
  await expect(periodRow(page, previousMonth)).toContainText('Ended, still open');

  await page.getByLabel('Close every open month through').fill(previousMonth);
  await page.getByRole('button', { name: 'Review…' }).click();
  await expect(page.getByRole('heading', { name: `Close through ${previousMonth}?` })).toBeVisible();
  await expect(page.getByTestId('close-through-summary')).toContainText(
    new RegExp(`This locks 1 month \\(${previousMonth}\\) holding \\d+ entries`),
  );
  const confirm = page.getByRole('button', { name: 'Close 1 month' });
  await shot(page, 'period-close-through-confirm');
  await confirm.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: `Closed every month through ${previousMonth}` })).toBeVisible();
  await expect(periodRow(page, previousMonth)).toContainText('Closed');
  await expect(periodRow(page, previousMonth)).not.toContainText('Ended, still open');
  await expect(page.getByTestId('open-past')).toHaveCount(0);

  // Reopening asks why; an empty reason is refused next to the field.
  await periodRow(page, previousMonth)
    .getByRole('link', { name: `Reopen period ${previousMonth}` })
    .click();
  const reason = page.getByLabel(`Reason for reopening ${previousMonth}`);
  await page.getByRole('button', { name: `Reopen ${previousMonth}` }).click();
  await expect(page.getByText('Say why the month is reopened')).toBeVisible();
  await reason.fill('Supplier invoice arrived late');
  await shot(page, 'period-reopen-reason');
  await page.getByRole('button', { name: `Reopen ${previousMonth}` }).click();
  await expect(page.getByRole('heading', { name: `Reopen ${previousMonth}` })).toHaveCount(0);
  await expect(periodRow(page, previousMonth)).toContainText('Supplier invoice arrived late');
  await expect(periodRow(page, previousMonth)).toContainText('Demo Accountant');
  await expect(periodRow(page, previousMonth)).toContainText('Ended, still open');
  await shot(page, 'period-reopened');
});

test('the close board: search, filter, select two clients, close and build the pack', async ({ page, request }) => {
  // Łódź parks 10.00 on a suspense account in the month: a readiness warning.
  const token = await demoToken(request);
  const headers = { authorization: `Bearer ${token}` };
  const list = (await (await request.get('/api/v1/organizations', { headers })).json()) as {
    organizations: { id: string; name: string }[];
  };
  const lodz = list.organizations.find((organization) => organization.name === 'Łódź Sp. z o.o.')?.id ?? '';
  expect(
    (
      await request.post(`/api/v1/organizations/${lodz}/accounts`, { headers, data: { code: '9990', name: 'Suspense', type: 'asset' } })
    ).status(),
  ).toBe(201);
  const parked = await request.post(`/api/v1/organizations/${lodz}/journal-entries`, {
    headers,
    data: {
      date: `${previousMonth}-15`,
      memo: 'Unidentified receipt',
      lines: [
        { accountCode: '9990', debit: '10.00' },
        { accountCode: '1000', credit: '10.00' },
      ],
    },
  });
  expect(parked.status()).toBe(201);

  await signIn(page);
  await page.getByRole('link', { name: 'Month-end' }).click();
  await expect(page.getByRole('heading', { name: `Month-end close: ${previousMonth}` })).toBeVisible();
  const table = page.getByRole('table', { name: `Clients for ${previousMonth}` });
  const row = (name: string) => table.getByRole('row', { name: new RegExp(name) });
  await expect(row('Northwind Trading Ltd')).toContainText('Open');
  await expect(row('Łódź Sp. z o.o.')).toContainText('Open');
  await expect(row('Northwind Trading Ltd')).toContainText('None'); // no pack yet
  await expect(row('Łódź Sp. z o.o.')).toContainText(`9990 Suspense holds 10.00 debit at the end of ${previousMonth}`);
  await shot(page, 'close-board');

  // Search by name, then filter by status (a plain GET form: keyboard and back button work).
  await page.getByLabel('Search clients').fill('łódź');
  await page.getByLabel('Search clients').press('Enter');
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await expect(row('Łódź Sp. z o.o.')).toBeVisible();
  await page.getByLabel('Search clients').fill('');
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Period closed' });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(page.getByText('No client matches.')).toBeVisible();
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Needs attention' });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(table.locator('tbody tr')).toHaveCount(1);
  await page.getByLabel('Show', { exact: true }).selectOption({ label: 'Period open' });
  await page.getByRole('button', { name: 'Show', exact: true }).click();
  await expect(table.locator('tbody tr')).toHaveCount(2);

  // Select the two with the keyboard and the mouse, and close + build in one step.
  await page.getByRole('checkbox', { name: 'Select Northwind Trading Ltd' }).focus();
  await page.keyboard.press('Space');
  await page.getByRole('checkbox', { name: 'Select Łódź Sp. z o.o.' }).check();
  await expect(page.getByText('2 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Close and build the pack' }).click();
  await expect(page).toHaveURL(/\/runs\/[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: `Report run ${previousMonth}` })).toBeVisible();
  const bar = page.getByRole('progressbar', { name: 'Run progress' });
  await expect(bar).toHaveAttribute('aria-valuemax', '8');
  await expect(bar).toHaveAttribute('aria-valuenow', '8', { timeout: 90_000 });
  await shot(page, 'close-board-run');

  // Back on the board: both closed by the demo user, their packs issued.
  await page.getByRole('link', { name: 'Month-end' }).click();
  for (const name of ['Northwind Trading Ltd', 'Łódź Sp. z o.o.']) {
    await expect(row(name)).toContainText('Closed');
    await expect(row(name)).toContainText('Demo Accountant');
    await expect(row(name)).toContainText('Issued');
  }
  await shot(page, 'close-board-issued');
});

test('switching clients keeps the section and the period', async ({ page }) => {
  await signIn(page);
  await openNorthwind(page);
  const northwind = /\/orgs\/([^/?]+)/.exec(page.url())?.[1] ?? '';
  await page.goto(`/orgs/${northwind}/reports?period=${previousMonth}`);
  await openSwitcher(page);
  await page.getByLabel('Find an organization').fill('łó');
  await expect(page.getByRole('list', { name: 'Organizations' }).getByRole('link')).toHaveCount(1);
  await shot(page, 'switcher-search');
  await page.getByLabel('Find an organization').press('Enter');
  await expect(page.getByRole('navigation', { name: 'Organization sections' })).toContainText('Łódź Sp. z o.o.');
  await expect(page).toHaveURL(new RegExp(`/orgs/(?!${northwind})[0-9a-f-]{36}/reports\\?period=${previousMonth}$`));
  // The organizations list: last closed month, no past month open for Northwind (closed by the board).
  await page.getByRole('link', { name: 'Closebook' }).click();
  await expect(page.getByRole('table', { name: 'Your organizations' }).getByRole('row', { name: /Northwind/ })).toContainText(
    previousMonth,
  );
  await shot(page, 'organizations-periods');
});
