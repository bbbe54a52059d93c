import { createOrg, importCsv, password, peopleCsv } from './support/api';
import { expect, expectAccessible, test } from './support/fixtures';
import { waitForMail } from './support/mail';

test('an admin invites a filtered people list, revokes one invitation, and the other person joins by the emailed link', async ({
  page,
  baseURL,
  browser,
}) => {
  const org = await createOrg(baseURL ?? '', 'invitations');
  const domain = `${org.slug}.example`;
  await importCsv(org.admin, peopleCsv(domain));
  await page.request.post('/api/auth/sign-in', { data: { email: org.adminEmail, password } });

  // The people list's filter travels to the invite screen.
  await page.goto('/people');
  await page.getByLabel('Department').selectOption('Marketing');
  await expect(page).toHaveURL(/department=Marketing/);
  await page.getByRole('link', { name: 'Invite these people' }).click();
  await expect(page.getByRole('heading', { name: 'Invite people' })).toBeFocused();
  await expect(page.getByText('Everyone on the people list in Marketing.')).toBeVisible();
  await expectAccessible(page, 'invite people');
  await page.getByRole('button', { name: 'Send invitations' }).click();
  await expect(page.getByText('2 people invited')).toBeVisible();

  await page.getByRole('link', { name: 'Invitations', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Invitations' })).toBeFocused();
  const priya = page.getByRole('row', { name: /Priya Natarajan/ });
  const lena = page.getByRole('row', { name: /Lena Fischer/ });
  await expect(priya).toContainText('Sent');
  await expect(lena).toContainText('Sent');
  await expect(page.getByRole('row')).toHaveCount(3);
  await expectAccessible(page, 'invitations');

  await page.getByRole('button', { name: 'Revoke the invitation to Lena Fischer' }).click();
  await page.getByRole('button', { name: 'Revoke', exact: true }).click();
  await expect(lena).toContainText('Revoked');
  await page.getByLabel('Status').selectOption('revoked');
  await expect(page.getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('option', { name: 'Revoked (1)' })).toBeAttached();

  // On a phone the screen fits; only the table scrolls sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);

  // Priya joins in her own browser through the emailed link.
  const email = `priya@${domain}`;
  const mail = await waitForMail(email, /You are invited to Twoway/);
  const link = /https?:\/\/\S+\/accept-invitation#token=[\w-]+/.exec(mail)?.[0];
  expect(link, mail).toBeTruthy();
  const priyaContext = await browser.newContext();
  const invited = await priyaContext.newPage();
  await invited.goto(link ?? '');
  await invited.getByLabel('Choose a password').fill('saffron river compass');
  await invited.getByRole('button', { name: 'Join' }).click();
  await expect(invited.getByRole('heading', { name: 'My mentoring' })).toBeVisible();
  await priyaContext.close();

  await page.getByLabel('Status').selectOption('accepted');
  await expect(page.getByRole('row', { name: /Priya Natarajan/ })).toContainText('Accepted');
  await expect(page.getByRole('button', { name: /Revoke the invitation to Priya/ })).toHaveCount(0);
});
