// The headers seen by a real browser: the API reference works under the Content-Security-Policy.
import { expect, test } from './support/fixtures';

test('the API reference renders under the Content-Security-Policy', async ({ page }) => {
  await page.goto('/docs');
  await expect(page.getByRole('heading', { name: /Twoway API/ })).toBeVisible();
  await expect(page.getByText('/api/people').first()).toBeVisible();
});
