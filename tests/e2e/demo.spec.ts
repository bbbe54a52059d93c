// Journeys through the demo organisation that `npm start` seeds (README: demo accounts).
import { demoPassword } from './support/api';
import { expect, expectAccessible, screenshotPath, test } from './support/fixtures';

const reverse = 'Reverse Mentoring 2027: Digital Leadership';

test('the programme manager reviews enrolment in the demo reverse programme', async ({ page }) => {
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill('manager@northwind.example');
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();

  await expect(page.getByRole('heading', { name: 'Programmes', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: reverse })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Two-Way Exchange' })).toBeVisible();
  await expectAccessible(page, 'demo programmes');
  await page.getByRole('link', { name: reverse }).click();

  await expect(page.getByRole('heading', { name: reverse, level: 1 })).toBeVisible();
  await expect(page.getByText('How people will be matched')).toBeVisible();
  await expectAccessible(page, 'demo programme overview');
  await page.getByRole('link', { name: 'Enrolments' }).click();
  await expect(page.getByText('Topics: offered and sought')).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  const table = page.getByRole('region', { name: 'Enrolments' });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await page.getByLabel('Role').selectOption('mentee');
  await expect(table).not.toContainText('Mentor ');
  await page.getByLabel('Search by name, department or title').fill('Chief Operating');
  await expect(table.getByRole('row')).toHaveCount(2);
  await page.getByLabel('Search by name, department or title').fill('');
  await page.getByLabel('Role').selectOption('');
  await expectAccessible(page, 'demo programme enrolments');
  await page.getByLabel('Search by name, department or title').blur();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: screenshotPath('manager-enrolment-overview.png') });
});

test('the admin pages through 600 people and searches them', async ({ page }) => {
  await page.request.post('/api/auth/sign-in', {
    data: { email: 'admin@northwind.example', password: demoPassword },
  });
  await page.goto('/people');
  await expect(page.getByText(/^1–50 of \d{3}$/)).toBeVisible();
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(page.getByText(/^51–100 of \d{3}$/)).toBeVisible();
  // Typing fast sends one search once typing pauses, not one per key.
  const searches: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/people?') && r.url().includes('q=')) searches.push(r.url());
  });
  await page.getByLabel('Search').pressSequentially('chief', { delay: 40 });
  await expect(page.getByRole('cell', { name: /Chief Operating Officer/ })).toBeVisible();
  expect(searches.length).toBeLessThanOrEqual(2);
  await expect(page).not.toHaveURL(/offset=/);
  await page.getByLabel('Search').fill('');
  await expect(page.getByText(/^1–50 of \d{3}$/)).toBeVisible();
  await expectAccessible(page, 'demo people');
});

test('on a phone, the junior mentor opens the menu and reviews their enrolment', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({
    baseURL,
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill('junior@northwind.example');
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'My mentoring', level: 1 })).toBeVisible();
  // Nothing is wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const menu = page.getByRole('button', { name: 'Menu' });
  await expect(menu).toHaveAttribute('aria-expanded', 'false');
  await menu.click();
  await expect(
    page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My mentoring' }),
  ).toBeVisible();
  await expectAccessible(page, 'phone: menu open');
  await menu.click();
  await page.getByRole('link', { name: reverse }).click();
  await expect(page.getByText('Enrolled as mentor')).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectAccessible(page, 'phone: my enrolment');
  await page.screenshot({ path: screenshotPath('phone-junior-mentor-enrolment.png'), fullPage: false });
  await context.close();
});
