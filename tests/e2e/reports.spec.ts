// The demo executive (a sponsor) opens Reports and sees real retention figures from the
// demo's 2025 pilot: matched colleagues, a hazard ratio with its interval, survival curves.
import { demoPassword } from './support/api';
import { expect, expectAccessible, screenshotPath, test } from './support/fixtures';

test('the demo sponsor sees retention figures with curves, an interval and a plain reading', async ({
  page,
}) => {
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill('executive@northwind.example');
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('link', { name: 'Reports' }).first().click();

  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  await expect(page.getByLabel('Programme')).toHaveValue(/.+/);
  await expect(page.getByRole('heading', { name: 'Retention against comparable colleagues' })).toBeVisible();
  await expect(
    page.getByText(/Participants left at a rate \d+% (lower|higher) than comparable colleagues/),
  ).toBeVisible();
  await expect(page.getByText('Hazard ratio (95% interval)')).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  // The demo pilot has no learning-log entries or feedback: those sections say so.
  await expect(page.getByText(/No learning figures yet/)).toBeVisible();
  await expect(page.getByText(/not randomisation/).first()).toBeVisible();
  await expectAccessible(page, 'reports');
  await page.screenshot({ path: screenshotPath('sponsor-reports.png'), fullPage: true });
});
