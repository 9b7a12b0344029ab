// What the accountant's browser tests share: signing in, opening the demo company,
// screenshots (test-results/screenshots) and counting a PDF's pages.
import { expect, type Page } from '@playwright/test';

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

/** The searchable switcher: open it, type part of the name, follow the match. */
export async function switchOrganization(page: Page, name: string) {
  await page.getByRole('button', { name: /^Organization:/ }).click();
  await page.getByLabel('Find an organization').fill(name.slice(0, 4));
  await page.getByRole('list', { name: 'Organizations' }).getByRole('link', { name }).click();
  await expect(page.getByRole('navigation', { name: 'Organization sections' })).toContainText(name);
}
