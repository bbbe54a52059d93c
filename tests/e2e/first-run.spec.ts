import { gzipSync } from 'node:zlib';
import { password, unique } from './support/api';
import { expect, expectAccessible, test } from './support/fixtures';
import { waitForMail } from './support/mail';

test('a new organisation is set up on the first-run page and its admin signs in again', async ({ page }) => {
  const slug = unique('acme');
  const email = `founder@${slug}.example`;

  await page.goto('/');
  await expect(page).toHaveURL(/\/sign-in$/);
  await expectAccessible(page, 'sign in');
  await page.getByRole('link', { name: 'Create an organisation' }).click();

  await expect(page.getByRole('heading', { name: 'Set up Twoway for your organisation' })).toBeVisible();
  // Submitting empty shows what is missing beside each field.
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await expect(page.getByLabel('Organisation name')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('must be at least 10 characters')).toBeVisible();
  await expectAccessible(page, 'first run with errors');

  await page.getByLabel('Organisation name').fill(`Acme ${slug}`);
  await expect(page.getByLabel('Short address')).toHaveValue(`acme-${slug}`);
  await page.getByLabel('Short address').fill(slug);
  await page.getByLabel('Your name').fill('Frances Founder');
  await page.getByLabel('Job title (optional)').fill('Head of People');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create organisation' }).click();

  // The demo organisation exists, so this one opens once the emailed link proves the address.
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  const mail = await waitForMail(email, /Confirm your email/);
  const link = /https?:\/\/\S+\/confirm-email#token=[\w-]+/.exec(mail)?.[0];
  expect(link, mail).toBeTruthy();
  await page.goto(link ?? '');

  // Signed in as the organisation's admin, with the next steps in view.
  await expect(page.getByRole('heading', { name: 'Programmes', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Getting started' })).toBeVisible();
  const nav = page.getByRole('navigation', { name: 'Main' });
  for (const item of ['Programmes', 'People', 'Topics', 'Accounts'])
    await expect(nav.getByRole('link', { name: item })).toBeVisible();
  await expectAccessible(page, 'programmes (empty)');

  // The same address is taken now.
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await page.goto('/welcome');
  await page.getByLabel('Organisation name').fill('Another');
  await page.getByLabel('Short address').fill(slug);
  await page.getByLabel('Your name').fill('Someone Else');
  await page.getByLabel('Work email').fill(`other@${slug}.example`);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Create organisation' }).click();
  await expect(page.getByText('is already in use')).toBeVisible();
  await expect(page.getByLabel('Short address')).toHaveAttribute('aria-invalid', 'true');

  // A wrong password is refused with a clear message; the right one lets them in.
  // The welcome form has the same field labels: wait for the sign-in form before typing.
  await page.getByRole('link', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill('not the password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText('The email or password is not right');
  await expectAccessible(page, 'sign in with error');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Programmes', level: 1 })).toBeVisible();
});

test('a signed-out visitor is sent to sign in and back to the page they asked for', async ({ page }) => {
  await page.goto('/people?q=ada');
  await expect(page).toHaveURL(/\/sign-in\?next=/);
  await page.getByLabel('Work email').fill('admin@northwind.example');
  await page.getByLabel('Password').fill('twoway-demo-2026');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page).toHaveURL(/\/people\?q=ada$/);
  await expect(page.getByLabel('Search')).toHaveValue('ada');
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
  await expectAccessible(page, 'not found');
});

test('the first screen is light: under 250 kB of gzipped JavaScript, without the chart library', async ({
  page,
}) => {
  // Measured on what the server sent, gzipped as a server or CDN would.
  const scripts: Promise<{ path: string; gzipped: number }>[] = [];
  page.on('response', (r) => {
    if (r.url().endsWith('.js') && r.ok()) {
      scripts.push(
        r.body().then((body) => ({
          path: new URL(r.url()).pathname,
          gzipped: gzipSync(body, { level: 9 }).length,
        })),
      );
    }
  });
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: 'Sign in', exact: true })).toBeEnabled();
  const interactiveMs = await page.evaluate(() => performance.now());
  const loaded = await Promise.all(scripts);
  const gzipped = loaded.reduce((sum, s) => sum + s.gzipped, 0);
  console.log(
    `first screen: ${loaded.length} scripts, ${(gzipped / 1024).toFixed(1)} kB gzipped, interactive after ${Math.round(interactiveMs)} ms`,
  );
  expect(gzipped).toBeLessThan(250 * 1024);
  // The chart library is not part of it.
  expect(loaded.some((s) => s.path.includes('topic-demand-chart'))).toBe(false);
});
