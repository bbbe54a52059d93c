// The demo executive (a sponsor) opens Reports and sees real figures from the demo's closed
// pilot: retention and promotions against matched colleagues with intervals and curves,
// leaders' self-assessed digital uplift, learning both ways and meeting quality.
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
  await expect(page.getByText('Hazard ratio (95% interval)').first()).toBeVisible();
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Skills before and after (self-assessed)' })).toBeVisible();
  await expect(page.getByText(/^Leaders \(digital topics\) rated themselves/)).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Promotions against comparable colleagues' })).toBeVisible();
  await expect(
    page.getByText(/Participants were promoted at a rate \d+% (lower|higher)/).first(),
  ).toBeVisible();
  await expect(page.getByText(/wrote [\d,]+ learning-log entries/)).toBeVisible();
  await expect(page.getByText(/Meetings were rated \d\.\d of 5 for value/)).toBeVisible();
  await expect(page.getByText(/not randomisation/).first()).toBeVisible();
  await expectAccessible(page, 'reports');
  await page.screenshot({ path: screenshotPath('sponsor-reports.png'), fullPage: true });
});
