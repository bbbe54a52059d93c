import { request } from '@playwright/test';
import { startTestProvider, type TestProvider, type TestUser } from '../../src/identity/oidc-test-provider';
import { createOrg, findPerson, importCsv, password, peopleCsv } from './support/api';
import { expect, expectAccessible, test } from './support/fixtures';
import { waitForMail } from './support/mail';

const baseURL = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
const users: Record<string, TestUser> = {};
let provider: TestProvider;

test.beforeAll(async () => {
  provider = await startTestProvider({ redirectUri: `${baseURL}/api/auth/sso/callback`, users });
});
test.afterAll(async () => {
  await provider?.close();
});

/** Follows the invitation emailed to `email` in a browser of its own and chooses a password. */
async function join(browser: import('@playwright/test').Browser, email: string, choice: string) {
  const mail = await waitForMail(email, /You are invited to Twoway/);
  const link = /https?:\/\/\S+\/accept-invitation#token=[\w-]+/.exec(mail)?.[0];
  expect(link, mail).toBeTruthy();
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(link ?? '');
  await page.getByLabel('Choose a password').fill(choice);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByRole('heading', { name: 'My mentoring' })).toBeVisible();
  return { context, page };
}

test('an admin invites three people; one joins by the emailed link, one through the OpenID provider, and a SCIM client deactivates the third, whose open session ends', async ({
  page,
  browser,
}) => {
  const org = await createOrg(baseURL, 'door');
  const domain = `${org.slug}.example`;
  await importCsv(org.admin, peopleCsv(domain));
  const invited = ['priya', 'lena', 'sam'].map((n) => `${n}@${domain}`);
  const personIds = await Promise.all(invited.map(async (email) => (await findPerson(org.admin, email)).id));
  const res = await org.admin.post('/api/invitations', {
    data: { selection: { kind: 'people', personIds }, roles: ['participant'] },
  });
  expect(res.status(), await res.text()).toBe(202);

  // Priya joins through the link read back from the SMTP sink; Sam too, and keeps his page open.
  const priya = await join(browser, invited[0] ?? '', 'saffron river compass');
  const sam = await join(browser, invited[2] ?? '', 'granite harbour lantern');

  // Lena signs in through the organisation's OpenID provider instead of choosing a password.
  const sso = await org.admin.put('/api/sso/settings', {
    data: {
      displayName: 'Door Identity',
      issuer: provider.issuer,
      clientId: provider.clientId,
      clientSecret: provider.clientSecret,
      allowedDomains: [domain],
    },
  });
  expect(sso.status(), await sso.text()).toBe(200);
  users[`lena-${org.slug}`] = { email: invited[1] ?? '', name: 'Lena Fischer' };
  const lenaContext = await browser.newContext();
  const lena = await lenaContext.newPage();
  await lena.goto(`/sign-in?org=${org.slug}`);
  await lena.getByRole('button', { name: 'Sign in with Door Identity' }).click();
  await lena.waitForURL(/127\.0\.0\.1:\d+\/interaction\//);
  await lena.locator('input[name="login"]').fill(`lena-${org.slug}`);
  await lena.locator('input[name="password"]').fill('anything');
  await lena.getByRole('button', { name: 'Sign-in' }).click();
  await expect(lena.getByRole('heading', { name: 'My mentoring' })).toBeVisible();
  expect((await (await lena.request.get('/api/me')).json()).account.email).toBe(invited[1]);

  // The admin makes a SCIM token in Settings; it is shown once.
  await page.request.post('/api/auth/sign-in', { data: { email: org.adminEmail, password } });
  await page.goto('/settings');
  await page.getByLabel('Token name').fill('Entra ID');
  await page.getByRole('button', { name: 'Make a SCIM token' }).click();
  const token = (await page.locator('code.secret').textContent())?.trim() ?? '';
  expect(token).toMatch(/^twscim_/);
  await expect(page.getByRole('rowheader', { name: 'Entra ID' })).toBeVisible();
  await expectAccessible(page, 'settings with a SCIM token');

  // The directory finds Sam by userName and deactivates him as Entra does.
  const directory = await request.newContext({
    baseURL,
    extraHTTPHeaders: { authorization: `Bearer ${token}`, 'content-type': 'application/scim+json' },
  });
  const found = await (
    await directory.get(`/scim/v2/Users?filter=${encodeURIComponent(`userName eq "${invited[2]}"`)}`)
  ).json();
  expect(found.totalResults).toBe(1);
  const patched = await directory.patch(`/scim/v2/Users/${found.Resources[0].id}`, {
    data: {
      schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
      Operations: [{ op: 'Replace', path: 'active', value: 'False' }],
    },
  });
  expect(patched.status(), await patched.text()).toBe(200);
  await directory.dispose();

  // Sam's open session has ended: his next step sends him to sign in. Priya's goes on.
  await sam.page.reload();
  await expect(sam.page).toHaveURL(/\/sign-in/);
  await priya.page.reload();
  await expect(priya.page.getByRole('heading', { name: 'My mentoring' })).toBeVisible();
  await lena.reload();
  await expect(lena.getByRole('heading', { name: 'My mentoring' })).toBeVisible();
  await sam.context.close();
  await priya.context.close();
  await lenaContext.close();
});
