// Single sign-on through the whole browser redirect flow, against a real OpenID provider
// (oidc-provider) that this file starts on 127.0.0.1: the admin's setup screen and its
// connection test, a first sign-in that links a person, and each way a sign-in is refused.
import type { Page } from '@playwright/test';
import { startTestProvider, type TestProvider, type TestUser } from '../../src/identity/oidc-test-provider';
import { createOrg, importCsv, type Org, password, peopleCsv } from './support/api';
import { expect, expectAccessible, test } from './support/fixtures';

const baseURL = process.env.E2E_BASE_URL ?? 'http://localhost:3000';
const redirectUri = `${baseURL}/api/auth/sso/callback`;
const users: Record<string, TestUser> = {};
let provider: TestProvider;
let slowProvider: TestProvider;

test.beforeAll(async () => {
  provider = await startTestProvider({ redirectUri, users });
  // Codes that live 1 second, for the test that lets one expire.
  slowProvider = await startTestProvider({ redirectUri, users, codeTtl: 1 });
});
test.afterAll(async () => {
  await provider?.close();
  await slowProvider?.close();
});

async function orgWithSso(prefix: string, idp = provider): Promise<{ org: Org; domain: string }> {
  const org = await createOrg(baseURL, prefix);
  const domain = `${org.slug}.example`;
  await importCsv(org.admin, peopleCsv(domain));
  const res = await org.admin.put('/api/sso/settings', {
    data: {
      displayName: 'Test Identity',
      issuer: idp.issuer,
      clientId: idp.clientId,
      clientSecret: idp.clientSecret,
      allowedDomains: [domain],
    },
  });
  expect(res.status(), await res.text()).toBe(200);
  return { org, domain };
}

/**
 * From the organisation's sign-in link, through the provider's own sign-in form, as `login`.
 * `alter` may change (or hold) the provider's redirect back to Twoway before the browser
 * follows it: the form's answer is fetched here, hop by hop, since a browser test cannot
 * catch a request that is itself a redirect.
 */
async function signInThroughProvider(
  page: Page,
  slug: string,
  login: string,
  options: { idp?: TestProvider; alter?: (callback: URL) => Promise<URL> | URL } = {},
) {
  const idp = options.idp ?? provider;
  // The provider on 127.0.0.1 would remember the last person otherwise (cookies ignore ports).
  await page.context().clearCookies();
  await page.goto(`/sign-in?org=${slug}`);
  await page.getByRole('button', { name: 'Sign in with Test Identity' }).click();
  await page.waitForURL(/127\.0\.0\.1:\d+\/interaction\//);
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('anything');
  const alter = options.alter;
  const formAnswer = (url: URL) => url.href.startsWith(`${idp.issuer}/interaction/`);
  if (alter)
    await page.route(formAnswer, async (route) => {
      let response = await route.fetch({ maxRedirects: 0 });
      let location = response.headers().location ?? '';
      for (let hop = 0; location && !location.startsWith(redirectUri) && hop < 5; hop++) {
        response = await page.context().request.get(new URL(location, idp.issuer).href, { maxRedirects: 0 });
        location = response.headers().location ?? '';
      }
      if (!location.startsWith(redirectUri)) return route.fulfill({ response });
      return route.fulfill({ status: 303, headers: { location: (await alter(new URL(location))).href } });
    });
  await page.getByRole('button', { name: 'Sign-in' }).click();
  if (alter) await page.waitForURL((url) => !formAnswer(url));
  if (alter) await page.unroute(formAnswer);
}

test('an admin sets up single sign-on and tests it; a person then signs in through the provider', async ({
  page,
  browser,
}) => {
  const org = await createOrg(baseURL, 'sso-setup');
  const domain = `${org.slug}.example`;
  await importCsv(org.admin, peopleCsv(domain));
  users[`lena-${org.slug}`] = { email: `lena@${domain}`, name: 'Lena Fischer' };

  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill(org.adminEmail);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('link', { name: 'Settings' }).click();
  await page.getByRole('link', { name: 'Single sign-on' }).click();
  await expect(page.getByRole('heading', { name: 'Single sign-on' })).toBeVisible();
  await expect(page.getByText(redirectUri)).toBeVisible();
  await page.getByLabel('Provider name').fill('Test Identity');
  await page.getByLabel('Issuer URL').fill(provider.issuer);
  await page.getByLabel('Client ID').fill(provider.clientId);
  await page.getByLabel('Client secret').fill(provider.clientSecret);
  await page.getByLabel('Allowed email domains').fill(domain);
  await page.getByRole('button', { name: 'Save single sign-on' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.getByText('A secret is saved (it is never shown)')).toBeVisible();
  await page.getByRole('button', { name: 'Test the connection' }).click();
  await expect(page.getByText('Connected')).toBeVisible();
  await expect(page.getByText('It supports PKCE (S256).')).toBeVisible();
  await expectAccessible(page, 'single sign-on settings');

  // Lena has no account yet: her first single sign-on links her person and signs her in.
  const lenaContext = await browser.newContext();
  const lena = await lenaContext.newPage();
  await lena.goto(`/sign-in?org=${org.slug}`);
  await expect(lena.getByRole('button', { name: 'Sign in with Test Identity' })).toBeVisible();
  await expectAccessible(lena, 'sign-in with single sign-on');
  await signInThroughProvider(lena, org.slug, `lena-${org.slug}`);
  await expect(lena.getByRole('heading', { name: 'My mentoring' })).toBeVisible();
  const me = await (await lena.request.get('/api/me')).json();
  expect(me.account.email).toBe(`lena@${domain}`);
  await lenaContext.close();

  // The admin reads the link and the sign-in in the audit log.
  await page.goto('/audit-log');
  await expect(page.getByRole('heading', { name: 'Audit log' })).toBeVisible();
  await page.getByLabel('Action').selectOption('sso.linked');
  await expect(page.getByRole('cell', { name: 'sso.linked' })).toBeVisible();
  await expect(page.getByText(`email: lena@${domain}`).first()).toBeVisible();
  await expectAccessible(page, 'audit log');
});

test('a wrong state, a replayed answer, a domain not allowed and an unknown person each get a clear page', async ({
  page,
}) => {
  const { org, domain } = await orgWithSso('sso-refuse');
  users[`sam-${org.slug}`] = { email: `sam@${domain}` };
  users[`intruder-${org.slug}`] = { email: `sam@elsewhere-${org.slug}.example` };
  users[`stranger-${org.slug}`] = { email: `stranger@${domain}` };

  // The provider's answer comes back with a state this browser never sent.
  await signInThroughProvider(page, org.slug, `sam-${org.slug}`, {
    alter: (callback) => {
      callback.searchParams.set('state', 'a-state-from-somewhere-else');
      return callback;
    },
  });
  await expect(page.getByRole('heading', { name: 'That sign-in did not match this browser' })).toBeVisible();
  await expectAccessible(page, 'single sign-on problem');
  expect((await page.request.get('/api/me')).status()).toBe(401);

  // A good sign-in, then the same answer from the provider replayed.
  let callback = '';
  page.on('request', (request) => {
    if (request.url().includes('/api/auth/sso/callback?')) callback = request.url();
  });
  await signInThroughProvider(page, org.slug, `sam-${org.slug}`);
  await expect(page.getByRole('heading', { name: 'My mentoring' })).toBeVisible();
  expect(callback).toContain('code=');
  await page.context().clearCookies();
  await page.goto(callback);
  await expect(
    page.getByRole('heading', { name: 'That sign-in link has expired or was used already' }),
  ).toBeVisible();
  expect((await page.request.get('/api/me')).status()).toBe(401);

  await signInThroughProvider(page, org.slug, `intruder-${org.slug}`);
  await expect(page.getByRole('heading', { name: 'This email domain cannot sign in here' })).toBeVisible();

  await signInThroughProvider(page, org.slug, `stranger-${org.slug}`);
  await expect(
    page.getByRole('heading', { name: 'You are not in this organisation’s people list' }),
  ).toBeVisible();
  expect((await page.request.get('/api/me')).status()).toBe(401);
});

test('an authorization code that expires before it comes back is refused', async ({ page }) => {
  const { org, domain } = await orgWithSso('sso-slow', slowProvider);
  users[`tom-${org.slug}`] = { email: `tom@${domain}` };
  // Hold the provider's answer until its 1-second code has expired.
  await signInThroughProvider(page, org.slug, `tom-${org.slug}`, {
    idp: slowProvider,
    alter: async (callback) => {
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      return callback;
    },
  });
  await expect(page.getByRole('heading', { name: 'Your provider refused the sign-in' })).toBeVisible();
  expect((await page.request.get('/api/me')).status()).toBe(401);
});
