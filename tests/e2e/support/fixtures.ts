// The test object every spec uses: after each test, the last screen is saved as
// <test title>.png under test-results/screenshots, or under docs/screenshots with
// UPDATE_SCREENSHOTS=1 (so a test run leaves the tracked images alone); `a11y`
// scans the current screen with axe.
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const screenshotDir =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? join(root, 'docs', 'screenshots')
    : join(root, 'test-results', 'screenshots');

/** Where a named screenshot goes (see screenshotDir). */
export const screenshotPath = (name: string) => join(screenshotDir, name);

export const slug = (title: string) =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 80);

/** Scans the screen; fails on any serious or critical violation, naming the rule and the elements. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (process.env.E2E_AXE_LOG) {
    appendFileSync(
      process.env.E2E_AXE_LOG,
      `${JSON.stringify({
        screen,
        url: new URL(page.url()).pathname,
        passes: results.passes.length,
        violations: results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length })),
      })}\n`,
    );
  }
  const described = bad.map(
    (v) => `${v.impact} ${v.id}: ${v.help}\n    ${v.nodes.map((n) => n.target.join(' ')).join('\n    ')}`,
  );
  expect(described, `axe on "${screen}" (${page.url()})`).toEqual([]);
}

export const test = base.extend<{ lastScreen: undefined; contentSecurityPolicy: undefined }>({
  // Every screen of every test runs under the server's Content-Security-Policy: anything it
  // blocks (a script, a style, a connection) fails the test that met it. A refused frame is
  // the policy at work on an attacker's page (security-headers.spec.ts), not the app's fault.
  contentSecurityPolicy: [
    async ({ page }, use) => {
      const refused: string[] = [];
      page.on('console', (message) => {
        const text = message.text();
        if (/Content Security Policy/i.test(text) && !/frame-ancestors/.test(text)) refused.push(text);
      });
      await use(undefined);
      expect(refused, 'content blocked by the Content-Security-Policy').toEqual([]);
    },
    { auto: true },
  ],
  lastScreen: [
    async ({ page }, use, testInfo) => {
      await use(undefined);
      mkdirSync(screenshotDir, { recursive: true });
      await page
        .screenshot({
          path: join(screenshotDir, `${slug(testInfo.title)}.png`),
          fullPage: false,
          animations: 'disabled',
        })
        .catch(() => undefined);
    },
    { auto: true },
  ],
});

export { expect };
