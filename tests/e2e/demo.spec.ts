// Journeys through the demo organisation that `npm start` seeds (README: demo accounts).
import { demoNames, demoPassword } from './support/api';
import { expect, expectAccessible, screenshotPath, test } from './support/fixtures';

const reverse = demoNames.reverse;

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

test('the executive is told their midpoint self-assessment is due, answers it, and reads it back', async ({
  page,
}) => {
  const underWay = demoNames.underWay;
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill('executive@northwind.example');
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'My mentoring', level: 1 })).toBeVisible();
  await expect(page.getByText(`Self-assessment due: ${underWay}`)).toBeVisible();

  // The relationship's page says so too, with the same link.
  await page.getByRole('region', { name: 'Your matches' }).getByRole('link').first().click();
  await expect(page.getByRole('heading', { name: /^You and / })).toBeVisible();
  await page.getByRole('link', { name: 'Rate yourself at the midpoint' }).click();

  await expect(page.getByRole('heading', { name: 'Your self-assessment', level: 1 })).toBeVisible();
  await expect(page.getByText(underWay)).toBeVisible();
  // Answered at enrolment already: read back, not asked again.
  await expect(page.getByRole('heading', { name: 'At enrolment' })).toBeVisible();
  const groups = page.getByRole('form', { name: 'At the midpoint: rate yourself' }).getByRole('group');
  await expect(groups).toHaveCount(2);
  await page.getByRole('button', { name: 'Save my self-assessment' }).click();
  const first = (await groups.first().locator('legend').textContent()) ?? '';
  await expect(page.getByText(`Choose how you rate yourself in ${first}.`)).toBeVisible();
  await expectAccessible(page, 'self-assessment with errors');
  await groups
    .first()
    .getByRole('radio', { name: /^4 · Confident/ })
    .check();
  await groups
    .nth(1)
    .getByRole('radio', { name: /^3 · Working/ })
    .check();
  await page.getByRole('button', { name: 'Save my self-assessment' }).click();

  const midpoint = page.getByRole('region', { name: 'At the midpoint' });
  await expect(midpoint.getByText('4 · Confident')).toBeVisible();
  await expect(midpoint.getByText('3 · Working')).toBeVisible();
  await expect(page.getByRole('radio')).toHaveCount(0);
  await expect(page.getByText('Nothing is due now. Thank you for your answers.')).toBeVisible();
  await expectAccessible(page, 'self-assessment answered');
  await page.screenshot({ path: screenshotPath('executive-self-assessment.png'), fullPage: true });

  await page.reload();
  await expect(midpoint.getByText('4 · Confident')).toBeVisible();
  await page.getByRole('link', { name: '← My mentoring' }).click();
  await expect(page.getByRole('heading', { name: 'My mentoring', level: 1 })).toBeVisible();
  await expect(page.getByText(`Self-assessment due: ${underWay}`)).toHaveCount(0);
});
