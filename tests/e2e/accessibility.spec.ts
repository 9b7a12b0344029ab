// The accessibility sweep (issue 15 item 9): axe-core's WCAG 2.1 A and AA rules over every
// page of the app, including the states that only appear after an action (the switcher
// opened, the close-through confirmation, the reopen form, a run's page), at zero
// violations. Runs first: the first-run page exists only while the empty stack has no user.
import { expect, test, type Page } from '@playwright/test';
import { axeViolations, demoToken, openSwitcher, signIn } from './helpers';

const EMPTY = `http://127.0.0.1:${process.env.E2E_EMPTY_PORT ?? 3211}`;

const monthsAgo = (months: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1)).toISOString().slice(0, 7);
};

async function audit(page: Page, path: string, ready: (page: Page) => Promise<void>): Promise<[string, string[]]> {
  await page.goto(path);
  await ready(page);
  return [path, await axeViolations(page)];
}

// Loaded: the page's own heading is there (titles are other issues' to change, so any h1).
const loaded = (page: Page) => expect(page.getByRole('heading', { level: 1 })).toBeVisible();

test('every page passes axe-core (WCAG 2.1 AA) with zero violations', async ({ page, request }) => {
  test.setTimeout(180_000);
  const results: [string, string[]][] = [];
  results.push(await audit(page, '/login', loaded));
  results.push(await audit(page, `${EMPTY}/setup`, (p) => expect(p.getByRole('button')).not.toHaveCount(0)));

  await signIn(page);
  results.push(['/orgs', await axeViolations(page)]);
  const northwind = await page.getByRole('link', { name: 'Northwind Trading Ltd' }).getAttribute('href');
  const org = northwind ?? '';
  const closedMonth = monthsAgo(3);

  // A run of one report, so that a run's page exists (another period than the report-runs spec's).
  const token = await demoToken(request);
  const orgId = org.split('/').pop() ?? '';
  const run = await request.post('/api/v1/report-runs', {
    headers: { authorization: `Bearer ${token}` },
    data: { period: monthsAgo(2), organizationIds: [orgId], types: ['trial-balance'] },
  });
  expect([200, 202]).toContain(run.status());
  const runId = ((await run.json()) as { id: string }).id;

  const pages: [string, (page: Page) => Promise<void>][] = [
    [org, loaded],
    [`${org}/entries/new`, loaded],
    [`${org}/import`, loaded],
    [`${org}/entries`, loaded],
    [`${org}/accounts`, loaded],
    [`${org}/periods`, loaded],
    [`${org}/periods?closeThrough=${monthsAgo(1)}`, loaded],
    [`${org}/periods?year=${closedMonth}&reopen=${closedMonth}`, (p) => expect(p.getByLabel(/Reason for reopening/)).toBeVisible()],
    [`${org}/reports`, loaded],
    [`${org}/reports?view=general-ledger`, loaded],
    // The drill-down from a statement row: the ledger of one account, with its "Back to" link.
    [`${org}/reports?view=general-ledger&account=1000&origin=trial-balance`, loaded],
    [`${org}/members`, loaded],
    ['/close', loaded],
    ['/close?status=attention&q=north', loaded],
    ['/runs', loaded],
    [`/runs/${runId}`, loaded],
    ['/account', loaded],
  ];
  for (const [path, ready] of pages) results.push(await audit(page, path, ready));

  // An entry's own page: the first one listed.
  await page.goto(`${org}/entries`);
  await page.getByRole('table').first().getByRole('link').first().click();
  await expect(page).toHaveURL(/\/entries\/[0-9a-f-]{36}/);
  results.push([page.url(), await axeViolations(page)]);
  // The same entry opened from a general-ledger line: its "Back to" link.
  results.push(await audit(page, `${page.url()}?period=${monthsAgo(0)}&view=general-ledger&account=1000&origin=trial-balance`, loaded));

  // The switcher opened (its search field and list are only in the page then).
  await page.goto(`${org}/reports`);
  await openSwitcher(page);
  await expect(page.getByLabel('Find an organization')).toBeFocused();
  results.push(['switcher opened', await axeViolations(page)]);

  // The entry form with the account listbox open, an option highlighted, an unreadable amount
  // and the balancing amount offered.
  await page.goto(`${org}/entries/new`);
  await page.getByLabel('Line 1 debit').fill('12,3');
  await page.getByLabel('Line 2 debit').fill('5');
  await page.getByLabel('Line 1 account').click();
  await page.keyboard.type('rev');
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('option', { name: /Sales revenue/ })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByLabel('Line 1 debit')).toHaveAttribute('aria-invalid', 'true');
  results.push(['entry form, listbox open', await axeViolations(page)]);
  await page.getByLabel('Line 1 debit').fill('12.30');
  await page.getByLabel('Line 2 debit').fill('');
  await expect(page.getByRole('button', { name: /^Balance:/ })).toBeVisible();
  results.push(['entry form, balance offered', await axeViolations(page)]);

  const failing = results.filter(([, violations]) => violations.length > 0);
  expect(failing, JSON.stringify(failing, null, 2)).toEqual([]);
  expect(results.length).toBeGreaterThanOrEqual(20);
});
