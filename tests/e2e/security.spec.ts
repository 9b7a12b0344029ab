// The browser under the Content-Security-Policy (next.config.js): pages render and hydrate
// with no violation, the policy forbids framing, and a cross-origin upload with the session
// cookie is refused.
import { expect, test, type Page } from '@playwright/test';
import { switchOrganization } from './helpers';

function watchViolations(page: Page): string[] {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  page.on('pageerror', (error) => violations.push(error.message));
  return violations;
}

test('pages run under the CSP without a single violation', async ({ page }) => {
  const violations = watchViolations(page);
  const login = await page.goto('/login');
  expect(login?.headers()['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(login?.headers()['x-content-type-options']).toBe('nosniff');
  await page.getByLabel('E-mail').fill('demo@closebook.local');
  await page.getByLabel('Password').fill('closebook');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your organizations' })).toBeVisible();
  await page.getByRole('link', { name: 'Northwind Trading Ltd' }).click();
  await expect(page.getByRole('img', { name: /Revenue, expenses and net income/ })).toBeVisible();
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Reports' }).click();
  await expect(page).toHaveURL(/\/reports/);
  // Client-side behaviour works (hydrated): the organization switcher navigates.
  await switchOrganization(page, 'Łódź Sp. z o.o.');
  // The switch keeps the section.
  await expect(page).toHaveURL(/\/orgs\/[^/]+\/reports/);
  expect(violations).toEqual([]);

  // The session cookie does not make another site's POST count as ours.
  const organizationId = /\/orgs\/([^/]+)/.exec(page.url())?.[1] ?? '';
  const forged = await page.request.post(`/orgs/${organizationId}/import/upload`, {
    headers: { origin: 'https://evil.example', 'content-type': 'text/csv' },
    data: 'entry,date,memo,account,debit,credit\n',
  });
  expect(forged.status()).toBe(403);
  expect(((await forged.json()) as { code: string }).code).toBe('forbidden');
});
