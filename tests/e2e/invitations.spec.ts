// Invitations (issue 11, item 2) on the seeded stack: the demo admin invites an e-mail on the
// members page and reads the link there; a fresh browser opens it, accepts with name and
// password, lands signed in and sees the organization with the invited role. Then: the link
// is spent, a pending invitation is revoked (with a confirmation), and someone who already
// has an account signs in first and comes back to accept.
import { expect, test, type Page } from '@playwright/test';
import { openNorthwind, shot, signIn } from './helpers';

/** The viewer the e2e server adds (tests/e2e/server.ts; importing it would start a stack). */
const VIEWER = { email: 'viewer@closebook.local', password: 'viewer password' };

async function openMembers(page: Page) {
  await page.getByRole('navigation', { name: 'Organization sections' }).getByRole('link', { name: 'Members' }).click();
  await expect(page.getByRole('heading', { name: 'Members', exact: true })).toBeVisible();
}

async function inviteOnPage(page: Page, email: string, role: string): Promise<string> {
  const form = page.getByRole('form', { name: 'Invite someone' });
  await form.getByLabel('E-mail').fill(email);
  await form.getByLabel('Role').selectOption(role);
  await form.getByRole('button', { name: 'Invite' }).click();
  await expect(form.getByRole('status')).toContainText(`Invitation created for ${email} (${role}).`);
  const link = await form.getByLabel(/^Invitation link/).inputValue();
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/invitations\/cbi_[\w-]+$/);
  return link;
}

test('an admin invites; a fresh browser accepts with name and password and lands in the organization with the role', async ({
  page,
  browser,
}) => {
  const email = `new.accountant.${Date.now()}@firm.example`;
  await signIn(page);
  await openNorthwind(page);
  await openMembers(page);
  const link = await inviteOnPage(page, email, 'accountant');
  await expect(page.getByText(`E-mail is not set up (SMTP_URL): send the link to ${email} yourself.`)).toBeVisible();
  const pending = page.getByRole('table', { name: 'Pending invitations' });
  await expect(pending.getByRole('row', { name: new RegExp(email.replaceAll('.', '\\.')) })).toContainText('accountantDemo Accountant');
  await shot(page, 'invitation-created');

  const invitee = await browser.newContext();
  const inviteePage = await invitee.newPage();
  const opened = await inviteePage.goto(link);
  // The link's token goes into a cookie; the page that stays in the address bar holds no secret.
  expect(opened?.request().redirectedFrom()?.url()).toBe(link);
  expect((await opened?.request().redirectedFrom()?.response())?.headers()['referrer-policy']).toBe('no-referrer');
  await expect(inviteePage).toHaveURL(/\/join$/);
  await expect(inviteePage.getByRole('heading', { name: 'Join Northwind Trading Ltd' })).toBeVisible();
  await expect(inviteePage.getByText(`Demo Accountant invites ${email} to join Northwind Trading Ltd as accountant.`)).toBeVisible();
  await inviteePage.getByLabel('Name').fill('Nina New');
  await inviteePage.getByLabel('Password').fill('short');
  await inviteePage.getByRole('button', { name: 'Accept' }).click();
  await expect(inviteePage.getByText('At least 12 characters', { exact: true })).toBeVisible();
  await shot(inviteePage, 'invitation-accept');
  await inviteePage.getByLabel('Name').fill('Nina New');
  await inviteePage.getByLabel('Password').fill('a long enough password');
  await inviteePage.getByRole('button', { name: 'Accept' }).click();
  await expect(inviteePage).toHaveURL(/\/orgs\/[0-9a-f-]{36}$/);
  await expect(inviteePage.getByRole('navigation', { name: 'Organization sections' })).toContainText('Northwind Trading Ltd');
  await expect(inviteePage.getByText('GBP · accountant')).toBeVisible();
  await expect(inviteePage.getByText('Nina New')).toBeVisible();
  await invitee.close();

  // Single use: the same link in yet another browser says it was used.
  const late = await browser.newContext();
  const latePage = await late.newPage();
  await latePage.goto(link);
  await expect(latePage.getByText('This invitation has already been used. Sign in with the account that accepted it.')).toBeVisible();
  await late.close();

  await page.reload();
  await expect(page.getByRole('table', { name: 'Members' }).getByRole('row', { name: /Nina New/ })).toContainText('accountant');
  await expect(page.getByRole('table', { name: 'Pending invitations' })).toHaveCount(0);
});

test('a pending invitation is revoked after a confirmation, and its link then says so', async ({ page, browser }) => {
  await signIn(page);
  await openNorthwind(page);
  await openMembers(page);
  const link = await inviteOnPage(page, 'revoked@firm.example', 'viewer');
  const pending = page.getByRole('table', { name: 'Pending invitations' });
  await pending.getByRole('button', { name: 'Revoke the invitation of revoked@firm.example' }).click();
  await expect(pending).toContainText('Revoke the invitation of revoked@firm.example?');
  await pending.getByRole('button', { name: 'Yes, revoke the invitation of revoked@firm.example' }).click();
  await expect(page.getByRole('table', { name: 'Pending invitations' })).toHaveCount(0);

  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await otherPage.goto(link);
  await expect(otherPage.getByText(/^This invitation was withdrawn/)).toBeVisible();
  await other.close();
});

test('someone with an account signs in from the invitation, comes back, and Accept adds the membership', async ({ page, browser }) => {
  await signIn(page);
  await page.getByRole('link', { name: 'Łódź Sp. z o.o.' }).click();
  await openMembers(page);
  const link = await inviteOnPage(page, VIEWER.email, 'viewer');

  const existing = await browser.newContext();
  const viewerPage = await existing.newPage();
  await viewerPage.goto(link);
  await viewerPage.getByRole('link', { name: 'Sign in to accept' }).click();
  await viewerPage.getByLabel('E-mail').fill(VIEWER.email);
  await viewerPage.getByLabel('Password').fill(VIEWER.password);
  await viewerPage.getByRole('button', { name: 'Sign in' }).click();
  await expect(viewerPage).toHaveURL(/\/join$/);
  await expect(viewerPage.getByLabel('Password')).toHaveCount(0); // the account exists: Accept only
  await viewerPage.getByRole('button', { name: 'Accept' }).click();
  await expect(viewerPage.getByText('PLN · viewer')).toBeVisible();
  await existing.close();
});
