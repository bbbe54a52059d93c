// The headers seen by a real browser: the API reference works under the Content-Security-Policy,
// and no page on another origin can show Twoway inside a frame.
import { expect, test } from './support/fixtures';

test('the API reference renders under the Content-Security-Policy', async ({ page }) => {
  await page.goto('/docs');
  await expect(page.getByRole('heading', { name: /Twoway API/ })).toBeVisible();
  // Sections start folded; opening one shows its operations.
  await page.locator('#operations-tag-people').click();
  await expect(page.getByText('/api/people').first()).toBeVisible();
});

test('another origin cannot frame the app', async ({ page, baseURL }) => {
  const signIn = /^sign in$/i;
  await page.goto('/sign-in');
  await expect(page.getByRole('button', { name: signIn })).toBeVisible();
  await page.goto('about:blank');
  await page.setContent(`<iframe id="app" title="framed" src="${baseURL}/sign-in"></iframe>`);
  const framed = page.frames().find((f) => f !== page.mainFrame());
  // Chromium replaces a refused frame with its error page.
  await expect.poll(() => framed?.url()).toMatch(/^chrome-error:/);
  await expect(page.frameLocator('#app').getByRole('button', { name: signIn })).toHaveCount(0);
});
