// The app used with a keyboard alone: no clicks, only Tab, arrows, Space and Enter.
import type { Locator, Page } from '@playwright/test';
import { createOrg, createTopic, password } from './support/api';
import { expect, expectAccessible, test } from './support/fixtures';

/** Presses Tab until `target` has focus (failing if it never does). */
async function tabTo(page: Page, target: Locator, max = 40) {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  await expect(target).toBeFocused();
}

test('keyboard only: an admin adds a topic and starts a programme in the wizard', async ({
  page,
  baseURL,
}) => {
  const org = await createOrg(baseURL ?? '', 'kbd');
  await createTopic(org.admin, 'Social media channels', 'digital_and_technology');
  await page.goto('/sign-in');
  await expect(page.getByLabel('Work email')).toBeVisible();
  await tabTo(page, page.getByLabel('Work email'));
  await page.keyboard.type(org.adminEmail);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Programmes', level: 1 })).toBeVisible();

  // The skip link comes first and jumps over the navigation.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  await tabTo(page, page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Topics' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Topics', level: 1 })).toBeVisible();

  await tabTo(page, page.getByLabel('Topic name'));
  await page.keyboard.type('Storytelling with data');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Category')).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Add topic' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByText('Added “Storytelling with data”.')).toBeVisible();

  // Removing asks first: focus lands on the confirmation, and returns after cancelling.
  const remove = page.getByRole('button', { name: 'Remove Social media channels' });
  await tabTo(page, remove);
  await page.keyboard.press('Enter');
  const confirm = page.getByRole('group', { name: 'Remove Social media channels?' });
  await expect(confirm.getByRole('button', { name: 'Remove' })).toBeFocused();
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(remove).toBeFocused();

  // The wizard: type, choose a kind with the arrow keys, move on with Enter.
  await page.goto('/programmes/new');
  await tabTo(page, page.getByLabel('Programme name'));
  await page.keyboard.type('Keyboard Cohort');
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: /Reverse mentoring/ })).toBeFocused();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: /Conventional mentoring/ })).toBeChecked();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Step 2 of 5: Topics' })).toBeFocused();
  const social = page.getByRole('checkbox', { name: 'Social media channels' });
  await tabTo(page, social);
  await page.keyboard.press('Space');
  await expect(social).toBeChecked();
  await tabTo(page, page.getByRole('button', { name: 'Next: Schedule →' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Step 3 of 5: Schedule' })).toBeFocused();
  await expectAccessible(page, 'wizard: schedule');
});
