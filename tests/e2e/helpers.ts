// What the accountant's browser tests share: signing in, opening the demo company,
// screenshots (test-results/screenshots) and counting a PDF's pages.
import { expect, type APIRequestContext, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const shot = (page: Page, name: string) => page.screenshot({ path: `test-results/screenshots/${name}.png`, fullPage: true });

/** Page objects in a PDF: "/Type /Page" (not "/Pages"). pdfkit writes them uncompressed. */
export function pageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-z])/g)?.length ?? 0;
}

export async function signIn(page: Page, email = 'demo@closebook.local', password = 'closebook') {
  await page.goto('/login');
  await page.getByLabel('E-mail').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Your organizations' })).toBeVisible();
}

export async function openNorthwind(page: Page) {
  await page.getByRole('link', { name: 'Northwind Trading Ltd' }).click();
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
}

/** Opens the organization switcher (again if a click landed before the page had hydrated). */
export async function openSwitcher(page: Page) {
  await expect(async () => {
    if (!(await page.getByLabel('Find an organization').isVisible())) await page.getByRole('button', { name: /^Organization:/ }).click();
    await expect(page.getByLabel('Find an organization')).toBeVisible({ timeout: 1000 });
  }).toPass();
}

/** The searchable switcher: open it, type part of the name, follow the match. */
export async function switchOrganization(page: Page, name: string) {
  await openSwitcher(page);
  await page.getByLabel('Find an organization').fill(name.slice(0, 4));
  await page.getByRole('list', { name: 'Organizations' }).getByRole('link', { name }).click();
  await expect(page.getByRole('navigation', { name: 'Organization sections' })).toContainText(name);
}

/** axe-core's WCAG 2.1 A/AA rules on the page as it is now: every violation, named with where it is. */
export async function axeViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return results.violations.map(
    (violation) => `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.nodes.map((node) => node.target.join(' ')).join(' | ')}`,
  );
}

/** A bearer token of the demo user, for setting up through the public API. */
export async function demoToken(request: APIRequestContext): Promise<string> {
  const response = await request.post('/api/v1/tokens', { data: { email: 'demo@closebook.local', password: 'closebook' } });
  expect(response.status()).toBe(201);
  return ((await response.json()) as { token: string }).token;
}
