// The first run of a fresh deployment: nobody can sign in yet, so /login leads to /setup,
// which creates the first administrator and organization, signs them in — and then no
// longer exists. Runs against the second, empty stack (playwright.config.ts).
import { expect, test } from '@playwright/test';

const EMPTY = `http://127.0.0.1:${process.env.E2E_EMPTY_PORT ?? 3211}`;

test('first run: /setup creates the first admin and organization, then is gone', async ({ page }) => {
  await page.goto(`${EMPTY}/login`);
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Set up Closebook' })).toBeVisible();

  // A refused submission keeps what was typed and says what is wrong next to the field.
  await page.getByLabel('Your name').fill('Ada Admin');
  await page.getByLabel('E-mail').fill('ada@firm.example');
  await page.getByLabel(/^Password \(at least/).fill('short');
  await page.getByLabel('Password again').fill('short');
  await page.getByLabel('Organization name').fill('First Client Ltd');
  await page.getByRole('button', { name: 'Create administrator and organization' }).click();
  await expect(page.getByText('At least 12 characters', { exact: true })).toBeVisible();
  await expect(page.getByLabel('Organization name')).toHaveValue('First Client Ltd');
  // React resets the form after the action; the password fields come back empty (never echoed).
  await expect(page.getByLabel(/^Password \(at least/)).toHaveValue('');
  await expect(page.getByLabel('Password again')).toHaveValue('');

  await page.getByLabel(/^Password \(at least/).fill('a long enough password');
  await page.getByLabel('Password again').fill('a long enough password');
  await page.getByRole('button', { name: 'Create administrator and organization' }).click();
  await expect(page).toHaveURL(/\/orgs\/[0-9a-f-]{36}/);
  await expect(page.getByText('EUR · admin')).toBeVisible();
  await expect(page.getByText('Ada Admin')).toBeVisible();

  const again = await page.goto(`${EMPTY}/setup`);
  expect(again?.status()).toBe(404);
});

test('the account page: change the password (sessions elsewhere end), then sign in with the new one', async ({ page, browser }) => {
  const signIn = async (target: typeof page, password: string) => {
    await target.goto(`${EMPTY}/login`);
    await target.getByLabel('E-mail').fill('ada@firm.example');
    await target.getByLabel('Password').fill(password);
    await target.getByRole('button', { name: 'Sign in' }).click();
    await expect(target).toHaveURL(/\/orgs/);
  };
  // A second browser: the "other session" that changing the password must end.
  const elsewhere = await browser.newContext();
  const otherPage = await elsewhere.newPage();
  await signIn(otherPage, 'a long enough password');
  await signIn(page, 'a long enough password');

  await page.getByRole('link', { name: 'Ada Admin' }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await page.getByLabel('Current password').fill('not it at all');
  await page.getByLabel(/^New password \(at least/).fill('another long password');
  await page.getByLabel('New password again').fill('another long password');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Not your current password')).toBeVisible();

  await expect(page.getByLabel('Current password')).toHaveValue('');
  await page.getByLabel('Current password').fill('a long enough password');
  await page.getByLabel(/^New password \(at least/).fill('another long password');
  await page.getByLabel('New password again').fill('another long password');
  await page.getByRole('button', { name: 'Change password' }).click();
  // The other browser's session, and the one the first-run test left.
  await expect(page.getByRole('status')).toHaveText('Password changed; 2 other session(s) signed out.');

  // The other browser is signed out; this one is not.
  await otherPage.goto(`${EMPTY}/orgs`);
  await expect(otherPage).toHaveURL(/\/login$/);
  await elsewhere.close();
  await page.getByRole('button', { name: 'Sign out', exact: true }).click();
  await signIn(page, 'another long password');
});

test('the account page: create a named API token (shown once), use it, revoke it', async ({ page }) => {
  await page.goto(`${EMPTY}/login`);
  await page.getByLabel('E-mail').fill('ada@firm.example');
  await page.getByLabel('Password').fill('another long password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Ada Admin' }).click();

  await page.getByLabel('Name (what uses it)').fill('Month-end script');
  await page.getByLabel('Expires in days').fill('7');
  await page.getByRole('button', { name: 'Create token' }).click();
  const token = (await page.getByLabel('New API token').textContent()) ?? '';
  expect(token).toMatch(/^cbk_/);
  await expect(page.getByRole('table', { name: 'API tokens' }).getByText('Month-end script')).toBeVisible();

  const asToken = () => page.request.get(`${EMPTY}/api/v1/tokens`, { headers: { authorization: `Bearer ${token}` } });
  expect((await asToken()).status()).toBe(200);
  await page.getByRole('button', { name: 'Revoke Month-end script' }).click();
  await expect(page.getByText('No API tokens.')).toBeVisible();
  expect((await asToken()).status()).toBe(401);
});
