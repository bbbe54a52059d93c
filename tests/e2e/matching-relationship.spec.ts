// The demo reverse programme end to end in the browser: the manager runs, compares and
// publishes matching; the junior mentor and the executive mentee accept, sign, schedule
// and hold a meeting, keep notes and give feedback; a private note never leaves its author.
import type { Browser, Page } from '@playwright/test';
import { demoNames, demoPassword, signedIn } from './support/api';
import { expect, expectAccessible, screenshotPath, test } from './support/fixtures';

test.describe.configure({ mode: 'serial' });

const reverse = demoNames.reverse;
const secret = 'PRIVATE: I worry I talk too fast when I present to executives';
const shared = 'Next time: a live tour of our team channel and two AI tools.';

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(demoPassword);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

async function personOf(baseURL: string, email: string) {
  const manager = await signedIn(baseURL, 'manager@northwind.example', demoPassword);
  const res = await manager.get('/api/people', { params: { q: email } });
  const person = ((await res.json()).items as { id: string; name: string; email: string }[]).find(
    (p) => p.email === email,
  );
  await manager.dispose();
  expect(person, email).toBeTruthy();
  return person as { id: string; name: string };
}

async function newPage(browser: Browser, baseURL: string | undefined) {
  const context = await browser.newContext({ baseURL, locale: 'en-GB', timezoneId: 'Europe/London' });
  return context.newPage();
}

let junior: { id: string; name: string };
let executive: { id: string; name: string };
let relationshipUrl = '';

test('the executive shortlists and ranks candidate mentors before matching', async ({ page }) => {
  await signIn(page, 'executive@northwind.example');
  await page.getByRole('link', { name: reverse }).click();
  await page.getByRole('link', { name: 'Choose your mentors' }).click();
  await expect(page.getByRole('heading', { name: 'Choose your mentors', level: 1 })).toBeVisible();
  const add = page.getByRole('button', { name: /^Add .* to my ranking$/ });
  await add.first().click();
  await add.first().click();
  const ranking = page.locator('.ranking__item');
  await expect(ranking).toHaveCount(2);
  const second = (await ranking.nth(1).locator('.ranking__name').textContent()) ?? '';
  await page.getByRole('button', { name: `Move ${second} up` }).click();
  await expect(ranking.first()).toContainText(second);
  await page.getByRole('button', { name: 'Save my ranking' }).click();
  await expect(page.getByText('Your ranking is saved')).toBeVisible();
  await page.reload();
  await expect(page.locator('.ranking__item').first()).toContainText(second);
  await expectAccessible(page, 'shortlist and ranking');
});

test('the manager runs matching on the demo reverse programme, compares runs and publishes', async ({
  page,
  baseURL,
}) => {
  junior = await personOf(baseURL ?? '', 'junior@northwind.example');
  executive = await personOf(baseURL ?? '', 'executive@northwind.example');
  await signIn(page, 'manager@northwind.example');
  await page.getByRole('link', { name: reverse }).click();
  await expect(page.getByRole('heading', { name: reverse, level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Close enrolment and start matching' }).click();
  await expect(page.locator('.page-header .badge', { hasText: 'Matching' })).toBeVisible();
  await page
    .getByRole('navigation', { name: 'Programme sections' })
    .getByRole('link', { name: 'Matching' })
    .click();
  await expect(page.getByText('No runs yet')).toBeVisible();

  // Lock the demo pair, so the two demo accounts meet each other.
  const rules = page.getByRole('form', { name: 'Add a pair rule' });
  await rules.getByLabel('Mentee').selectOption(executive.id);
  await rules.getByLabel('Mentor').selectOption(junior.id);
  await rules.getByRole('button', { name: 'Add rule' }).click();
  await expect(page.locator('.rule-list')).toContainText(`${executive.name}`);
  await expectAccessible(page, 'matching workspace (no runs)');

  await page.getByRole('radio', { name: /Fairest/ }).check();
  await page.getByRole('button', { name: 'Run matching', exact: true }).click();
  const pairs = page.getByRole('region', { name: 'Pairs', exact: true });
  await expect(pairs.getByRole('row').nth(1)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('heading', { name: /Run of .* \(Fairest\)/ })).toBeVisible();
  await page.getByLabel('Find a person in the pairs').fill(executive.name);
  const ours = pairs.getByRole('row').filter({ hasText: junior.name });
  await expect(ours).toContainText('Locked');
  await expect(ours.locator('.reasons li').first()).toBeVisible();
  await page.getByLabel('Find a person in the pairs').fill('');

  // Forbid another pair: the draft is now stale, and a second run differs.
  const other = pairs.getByRole('row').filter({ hasNotText: junior.name }).nth(1);
  await other.getByRole('button', { name: /^Forbid / }).click();
  await expect(page.getByText('The cohort has changed since this run')).toBeVisible();
  await page.getByRole('radio', { name: /Best overall/ }).check();
  await page.getByRole('button', { name: 'Run matching again' }).click();
  await expect(page.getByRole('heading', { name: /Run of .* \(Best overall\)/ })).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByText('The cohort has changed since this run')).toHaveCount(0);
  const compare = page.getByLabel('Compare this run with');
  await compare.selectOption({ index: 1 });
  const coverage = page.getByRole('region', { name: 'Coverage of the two runs' });
  await expect(coverage.getByRole('row', { name: /Pairs made/ })).toBeVisible();
  await expect(page.getByText(/pairs? the same in both/)).toBeVisible();
  await expectAccessible(page, 'matching workspace (run and comparison)');
  await page.screenshot({ path: screenshotPath('matching-workspace.png'), fullPage: true });

  // The stale run cannot be published: the page shows the server's refusal.
  await page.getByRole('button', { name: /^Open Run of .*Fairest/ }).click();
  await expect(page.getByText('The cohort has changed since this run')).toBeVisible();
  await page.getByRole('button', { name: 'Publish this run' }).click();
  await page
    .getByRole('group', { name: /Publish these/ })
    .getByRole('button', { name: 'Publish' })
    .click();
  const refusal = page.getByRole('alert').filter({ hasText: 'Not published' });
  await expect(refusal).toBeVisible();
  await expectAccessible(page, 'matching workspace (refused publish)');

  // The fresh run: publishing asks first, then proposes every pair and makes the programme active.
  await page.getByRole('button', { name: /^Open Run of .*Best overall/ }).click();
  // A second tab on the same draft, to publish it again once it is published.
  const second = await page.context().newPage();
  await second.goto(page.url());
  await expect(second.getByRole('button', { name: 'Publish this run' })).toBeVisible();
  await page.getByRole('button', { name: 'Publish this run' }).click();
  await page
    .getByRole('group', { name: /Publish these/ })
    .getByRole('button', { name: 'Publish' })
    .click();
  await expect(page.getByText(/relationships? proposed and/)).toBeVisible({ timeout: 30_000 });
  await expect(page.locator('.page-header .badge', { hasText: 'Active' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Publish this run' })).toHaveCount(0);
  await second.getByRole('button', { name: 'Publish this run' }).click();
  await second
    .getByRole('group', { name: /Publish these/ })
    .getByRole('button', { name: 'Publish' })
    .click();
  await expect(second.getByRole('alert').filter({ hasText: 'Not published' })).toContainText(
    /already published|changed by someone else/,
  );
  await expect(second.getByRole('heading', { name: /Best overall/ }).getByText('Published')).toBeVisible();
  await second.close();
  // On a phone the workspace fits; wide tables scroll inside their own frame.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByRole('heading', { name: /^Pairs \(/ }).scrollIntoViewIfNeeded();
});

test('the junior mentor and the executive accept, sign, meet, keep notes and give feedback', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(120_000);
  // The junior mentor: the proposal, with reasons, on their home screen.
  await signIn(page, 'junior@northwind.example');
  await expect(page.getByRole('heading', { name: 'Your matches' })).toBeVisible();
  // The two are a pair in the programme under way too: open the new proposal's card.
  await page
    .getByRole('listitem')
    .filter({ hasText: reverse })
    .getByRole('link', { name: executive.name })
    .click();
  await expect(
    page.getByRole('heading', { name: `You have been matched with ${executive.name}` }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Why you two' })).toBeVisible();
  await expectAccessible(page, 'match proposal');
  await page.getByRole('button', { name: 'Accept the match' }).click();
  await expect(page.getByText(`You accepted. Once`)).toBeVisible();
  relationshipUrl = new URL(page.url()).pathname;

  // The executive accepts and drafts the agreement; without goals the server says so beside the field.
  const exec = await newPage(browser, baseURL);
  await signIn(exec, 'executive@northwind.example');
  await exec.goto(relationshipUrl);
  await exec.getByRole('button', { name: 'Accept the match' }).click();
  await expect(exec.getByRole('heading', { name: 'Mentoring agreement' })).toBeVisible();
  const agreement = exec.getByRole('form', { name: 'Mentoring agreement' });
  await agreement.getByLabel(/Confidential contact/).selectOption({ index: 1 });
  await agreement.getByRole('button', { name: 'Save the agreement' }).click();
  await expect(
    agreement.locator('.field__error', { hasText: 'an agreement needs at least one goal' }),
  ).toBeVisible();
  await agreement
    .getByLabel(/^Goals/)
    .fill('Use generative AI tools in my weekly planning\nPost on our internal channel every month');
  await agreement.getByLabel('How often you meet').selectOption('fortnightly');
  await agreement.getByLabel('How you meet').selectOption('in_person');
  await agreement.getByLabel('For how many months').fill('6');
  await agreement.getByRole('button', { name: 'Save the agreement' }).click();
  await expect(exec.getByText('No-retaliation pledge, by')).toBeVisible();
  await expectAccessible(exec, 'agreement to sign');
  await exec.getByRole('button', { name: 'Sign the agreement' }).click();
  await expect(exec.getByText(`Waiting for ${junior.name.split(' ')[0]} to sign.`)).toBeVisible();

  // The junior mentor signs; meetings open.
  await page.reload();
  await expect(page.getByText('Use generative AI tools in my weekly planning')).toBeVisible();
  await page.getByRole('button', { name: 'Sign the agreement' }).click();
  await page.getByRole('button', { name: 'Schedule a meeting' }).click();
  // In a few minutes (recording opens 15 minutes before the start).
  const soon = await page.evaluate(() => {
    const d = new Date(Date.now() + 5 * 60_000);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  });
  const form = page.getByRole('form', { name: 'Schedule a meeting' });
  await form.getByLabel('Date and time').fill(soon);
  await form.getByLabel('Where (optional)').fill('Level 3 café');
  await form.getByLabel('Guided agenda').selectOption('journey');
  await form.getByRole('button', { name: 'Schedule' }).click();
  await expect(page.getByText('Our journeys: triumphs and struggles').first()).toBeVisible();
  await expect(page.getByText('Opening question')).toBeVisible();

  // Add to calendar: a real .ics file.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: /Add to calendar \(\.ics\)/ }).click(),
  ]);
  const ics = await (await download.createReadStream()).toArray();
  const text = Buffer.concat(ics as Buffer[]).toString('utf8');
  expect(text).toContain('BEGIN:VCALENDAR');
  expect(text).toContain('BEGIN:VEVENT');

  // A second meeting next week: rescheduled, then cancelled.
  await page.getByRole('button', { name: 'Schedule a meeting' }).click();
  await page
    .getByRole('form', { name: 'Schedule a meeting' })
    .getByRole('button', { name: 'Schedule' })
    .click();
  await expect(page.getByRole('heading', { name: 'Later' })).toBeVisible();

  // We met: record the first as held, then feedback.
  await page.getByRole('button', { name: 'We met: record as held' }).click();
  const feedback = page.getByRole('form', { name: 'Feedback on this meeting' });
  await expect(feedback).toBeVisible();
  await feedback.getByRole('button', { name: 'Send feedback' }).click();
  await expect(feedback.getByText('choose how valuable it was')).toBeVisible();
  await feedback.getByRole('radio', { name: /5\s*Extremely/ }).check();
  await feedback.getByRole('radio', { name: /4\s*Mostly/ }).check();
  await feedback.getByRole('radio', { name: 'About even' }).check();
  await feedback.getByLabel('Anything else? (optional)').fill('A generous listener.');
  await expectAccessible(page, 'relationship: feedback form');
  await feedback.getByRole('button', { name: 'Send feedback' }).click();
  await expect(page.getByText('Your feedback: value 5/5, felt heard 4/5')).toBeVisible();

  // The next meeting is now next week's: reschedule it, then cancel it.
  await page.getByRole('button', { name: 'Reschedule' }).click();
  const reschedule = page.getByRole('form', { name: 'Reschedule the meeting' });
  const later = await page.evaluate(() => {
    const d = new Date(Date.now() + 9 * 86_400_000);
    const p = (n: number) => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T14:30`;
  });
  await reschedule.getByLabel('Date and time').fill(later);
  await reschedule.getByRole('button', { name: 'Save the new time' }).click();
  await expect(page.getByText('· rescheduled')).toBeVisible();
  await page.getByRole('button', { name: 'Cancel meeting' }).click();
  await page
    .getByRole('group', { name: /Cancel this meeting/ })
    .getByRole('button', { name: 'Cancel meeting' })
    .click();
  await expect(page.getByText('Cancelled by you')).toBeVisible();

  // Notes: one shared, one private (marked as such).
  const notes = page.getByRole('form', { name: 'Write a note' });
  await notes.getByLabel('New note').fill(shared);
  await notes.getByRole('button', { name: 'Save shared note' }).click();
  await expect(page.locator('.note').filter({ hasText: shared })).toBeVisible();
  await notes.getByLabel('New note').fill(secret);
  await notes.getByRole('radio', { name: /Private: only you can see this/ }).check();
  await notes.getByRole('button', { name: 'Save private note' }).click();
  await expect(page.locator('.note--private').filter({ hasText: secret })).toContainText(
    'only you can see this',
  );

  // Learning and an action.
  const learning = page.getByRole('form', { name: 'Log what you learned' });
  await learning
    .getByLabel(/What did you learn from/)
    .fill('How a board decides: the one-page memo before the meeting.');
  await learning.getByRole('button', { name: 'Log it' }).click();
  await expect(page.getByRole('region', { name: /^You learned from/ })).toContainText('one-page memo');
  const todo = page.getByRole('form', { name: 'Add a goal or action' });
  await todo.getByLabel('What').fill('Send two AI prompt examples for planning');
  await todo.getByRole('button', { name: 'Add' }).click();
  await expect(page.getByText('Send two AI prompt examples for planning')).toBeVisible();
  await expect(page.locator('.timeline')).toContainText('Met: Our journeys');
  await expectAccessible(page, 'relationship page (junior mentor)');
  await page.screenshot({ path: screenshotPath('relationship-page.png'), fullPage: true });

  // The executive: sees the shared note, never the private one; logs learning and gives feedback.
  await exec.reload();
  await expect(exec.getByText(shared)).toBeVisible();
  await expect(exec.getByText(secret)).toHaveCount(0);
  await exec
    .getByRole('form', { name: 'Log what you learned' })
    .getByLabel(/What did you learn from/)
    .fill('Short-form video is where our graduates hear about us first.');
  await exec
    .getByRole('form', { name: 'Log what you learned' })
    .getByRole('button', { name: 'Log it' })
    .click();
  await expect(exec.getByRole('region', { name: /learned from you$/ })).toContainText('one-page memo');
  const execFeedback = exec.getByRole('form', { name: 'Feedback on this meeting' });
  // Keyboard only: arrows move within each scale, Tab moves on, Enter sends.
  await execFeedback
    .getByRole('radio', { name: /1\s*Not at all/ })
    .first()
    .focus();
  for (let i = 0; i < 3; i++) await exec.keyboard.press('ArrowRight');
  await expect(execFeedback.getByRole('radio', { name: /4\s*Very/ })).toBeChecked();
  await exec.keyboard.press('Tab');
  await exec.keyboard.press('ArrowLeft');
  await expect(execFeedback.getByRole('radio', { name: /5\s*Completely/ })).toBeChecked();
  await exec.keyboard.press('Tab');
  await exec.keyboard.press('Space');
  await expect(execFeedback.getByRole('radio', { name: 'I did' })).toBeChecked();
  await execFeedback.getByRole('button', { name: 'Send feedback' }).focus();
  await exec.keyboard.press('Enter');
  await expect(exec.getByText('Your feedback: value 4/5, felt heard 5/5')).toBeVisible();
  expect(await exec.content()).not.toContain('worry I talk too fast');
  await expectAccessible(exec, 'relationship page (executive)');
  await exec.context().close();
  // A light check-in; then pause and resume.
  await page.reload();
  const checkIn = page.getByRole('form', { name: 'Check in' });
  await checkIn.getByRole('radio', { name: 'Going well' }).check();
  await checkIn.getByRole('button', { name: 'Check in' }).click();
  await expect(page.locator('.check-ins')).toContainText('Going well');
  await page.getByRole('button', { name: 'Pause' }).click();
  await page
    .getByRole('group', { name: /Pause this relationship/ })
    .getByRole('button', { name: 'Pause' })
    .click();
  await expect(page.getByText('Nothing is lost while you pause')).toBeVisible();
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('button', { name: 'Schedule a meeting' })).toBeVisible();
  // On a phone, the relationship page fits the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByRole('heading', { name: 'Notes' }).scrollIntoViewIfNeeded();
});

test('the manager sees momentum as charts and feedback as totals, never a private note', async ({
  page,
  baseURL,
}) => {
  await signIn(page, 'manager@northwind.example');
  await page.getByRole('link', { name: reverse }).click();
  await page
    .getByRole('navigation', { name: 'Programme sections' })
    .getByRole('link', { name: 'Health' })
    .click();
  await expect(page.getByText('Meetings, week by week')).toBeVisible();
  await expect(page.locator('.stat', { hasText: 'Meetings held' })).toContainText('1');
  await expect(page.locator('.stat', { hasText: 'Cancelled' })).toContainText('mentors 1');
  await expect(page.locator('.recharts-surface').first()).toBeVisible();
  await expect(page.getByText(/Hidden: fewer than \d+ people answered/).first()).toBeVisible();
  await page.getByRole('combobox', { name: 'Status' }).selectOption('active');
  const pairsTable = page.getByRole('region', { name: 'Programme pairs' });
  await expect(pairsTable.getByRole('row')).toHaveCount(2);
  await expect(pairsTable).toContainText(executive.name);
  await expect(pairsTable).toContainText('mentor 1, mentee 0');
  await expectAccessible(page, 'programme health');
  await page.screenshot({ path: screenshotPath('programme-health.png'), fullPage: true });
  expect(await page.content()).not.toContain('worry I talk too fast');
  // Through the API as well: the manager reads state, never content.
  const manager = await signedIn(baseURL ?? '', 'manager@northwind.example', demoPassword);
  const id = relationshipUrl.split('/').pop();
  const rel = await manager.get(`/api/relationships/${id}`);
  expect(rel.status()).toBe(200);
  expect(await rel.text()).not.toContain('worry');
  expect((await manager.get(`/api/relationships/${id}/notes`)).status()).toBe(403);
  await manager.dispose();
  // Phone width: the health screen fits.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByRole('heading', { name: 'Meetings, week by week' }).scrollIntoViewIfNeeded();
});
