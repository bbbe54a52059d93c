import { createAccount, createOrg, importCsv, password, peopleCsv } from './support/api';
import { expect, expectAccessible, test } from './support/fixtures';
import { waitForMail } from './support/mail';

test('a forgotten password is reset through the emailed link, and the old sessions end', async ({
  page,
  baseURL,
  browser,
}) => {
  const org = await createOrg(baseURL ?? '', 'reset');
  const domain = `${org.slug}.example`;
  await importCsv(org.admin, peopleCsv(domain));
  const email = `lena@${domain}`;
  await createAccount(org.admin, email, ['participant']);

  // A session elsewhere, which the reset must end.
  const elsewhere = await browser.newContext();
  const other = await elsewhere.newPage();
  await other.request.post('/api/auth/sign-in', { data: { email, password } });
  expect((await other.request.get('/api/me')).status()).toBe(200);

  await page.goto('/sign-in');
  await page.getByRole('link', { name: 'Forgotten your password?' }).click();
  await expect(page.getByRole('heading', { name: 'Forgotten password' })).toBeVisible();
  await expectAccessible(page, 'forgotten password');
  await page.getByLabel('Work email').fill(email);
  await page.getByRole('button', { name: 'Email me a link' }).click();
  await expect(page.getByRole('status')).toContainText('If this email has an account');

  const mail = await waitForMail(email, /Reset your Twoway password/);
  const link = /https?:\/\/\S+\/reset-password#token=[\w-]+/.exec(mail)?.[0];
  expect(link, mail).toBeTruthy();
  await page.goto(link ?? '');
  await expect(page.getByRole('heading', { name: 'Choose a new password' })).toBeVisible();
  // The token leaves the address bar at once.
  await expect(page).toHaveURL(/\/reset-password$/);
  await page.getByLabel('New password', { exact: true }).fill('password12');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByText('is too easy to guess')).toBeVisible();
  await expectAccessible(page, 'reset password with error');
  const fresh = 'harbour lantern quietly';
  await page.getByLabel('New password', { exact: true }).fill(fresh);
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByRole('heading', { name: 'Password changed' })).toBeVisible();
  expect((await other.request.get('/api/me')).status()).toBe(401);
  await elsewhere.close();

  // The link works once (opened afresh, as from the email).
  await page.goto('about:blank');
  await page.goto(link ?? '');
  await page.getByLabel('New password', { exact: true }).fill('another harbour lantern');
  await page.getByRole('button', { name: 'Set the new password' }).click();
  await expect(page.getByText('This link does not work')).toBeVisible();

  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(fresh);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'My mentoring' })).toBeVisible();

  // Your account: sessions and a password change.
  await page.getByRole('link', { name: /Your account/ }).click();
  await expect(page.getByRole('heading', { name: 'Your account' })).toBeVisible();
  await expect(page.getByText('This browser')).toBeVisible();
  await expectAccessible(page, 'your account');
  await page.getByLabel('Current password').fill(fresh);
  await page.getByLabel('New password', { exact: true }).fill('meadow copper lighthouse');
  await page.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Password changed. Your other sessions were signed out.')).toBeVisible();
});

test('an admin disables an account and its open session ends at once', async ({ page, baseURL, browser }) => {
  const org = await createOrg(baseURL ?? '', 'disable');
  const domain = `${org.slug}.example`;
  await importCsv(org.admin, peopleCsv(domain));
  const email = `sam@${domain}`;
  await createAccount(org.admin, email, ['participant']);
  const samContext = await browser.newContext();
  const sam = await samContext.newPage();
  await sam.request.post('/api/auth/sign-in', { data: { email, password } });
  expect((await sam.request.get('/api/me')).status()).toBe(200);

  await page.request.post('/api/auth/sign-in', { data: { email: org.adminEmail, password } });
  await page.goto('/accounts');
  await page.getByRole('button', { name: 'Disable the account of Sam Okafor' }).click();
  await page.getByRole('button', { name: 'Disable', exact: true }).click();
  const row = page.getByRole('row', { name: /Sam Okafor/ });
  await expect(row).toContainText('Disabled');
  expect((await sam.request.get('/api/me')).status()).toBe(401);
  await page.getByRole('button', { name: 'Enable the account of Sam Okafor' }).click();
  await expect(row).not.toContainText('Disabled');
  await samContext.close();
});

test('an invited person follows the emailed link, chooses a password and lands on their programmes', async ({
  page,
  baseURL,
}) => {
  const org = await createOrg(baseURL ?? '', 'invite');
  const domain = `${org.slug}.example`;
  await importCsv(org.admin, peopleCsv(domain));
  const email = `priya@${domain}`;
  const people = await (await org.admin.get('/api/people', { params: { q: 'priya' } })).json();
  const res = await org.admin.post('/api/invitations', {
    data: { selection: { kind: 'people', personIds: [people.items[0].id] } },
  });
  expect(res.status()).toBe(202);

  const mail = await waitForMail(email, /You are invited to Twoway/);
  const link = /https?:\/\/\S+\/accept-invitation#token=[\w-]+/.exec(mail)?.[0];
  expect(link, mail).toBeTruthy();
  await page.goto(link ?? '');
  await expect(page.getByText(`invites Priya Natarajan (${email})`)).toBeVisible();
  await expectAccessible(page, 'join by invitation');
  await page.getByLabel('Choose a password').fill('saffron river compass');
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'My mentoring' })).toBeVisible();
  const list = await (await org.admin.get('/api/invitations')).json();
  expect(list.counts.accepted).toBe(1);
});
