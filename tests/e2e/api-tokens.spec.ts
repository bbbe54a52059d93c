// API tokens from the web app: made on the API tokens screen and shown once, used as a
// bearer within their scope, revoked, and their use read back in the audit log.
import { request } from '@playwright/test';
import { createOrg, password } from './support/api';
import { expect, expectAccessible, test } from './support/fixtures';

test('an admin makes a read token, uses it, revokes it, and finds its use in the audit log', async ({
  page,
  baseURL,
}) => {
  const org = await createOrg(baseURL ?? '', 'tokens');
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill(org.adminEmail);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('link', { name: /Your account/ }).click();
  await page.getByRole('link', { name: 'Manage your API tokens' }).click();
  await expect(page.getByRole('heading', { name: 'API tokens' })).toBeVisible();
  await page.getByLabel('Name').fill('nightly report');
  await page.getByLabel('Scope').selectOption('read');
  await page.getByRole('button', { name: 'Create token' }).click();
  await expect(page.getByText('it is shown only this once')).toBeVisible();
  const token = await page.getByRole('textbox', { name: 'Token', exact: true }).inputValue();
  expect(token).toMatch(/^tw_/);
  await expectAccessible(page, 'api tokens');

  const script = await request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token}` },
  });
  expect((await script.get('/api/programmes')).status()).toBe(200);
  const write = await script.post('/api/topics', { data: { name: 'By script', category: 'career' } });
  expect(write.status()).toBe(403);

  // Reloaded, the screen lists the token by name and prefix, never the token itself.
  await page.reload();
  const row = page.getByRole('row', { name: /nightly report/ });
  await expect(row).toContainText(token.slice(0, 9));
  await expect(page.getByText(token)).toHaveCount(0);
  await row.getByRole('button', { name: 'Revoke nightly report' }).click();
  await row.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(row).toContainText('revoked');
  expect((await script.get('/api/programmes')).status()).toBe(401);
  await script.dispose();

  await page.goto('/audit-log?action=api_token');
  await expect(page.getByRole('cell', { name: 'api_token.used' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'api_token.revoked' })).toBeVisible();
});
