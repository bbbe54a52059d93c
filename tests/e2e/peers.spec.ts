// A peer pool in the browser: the manager creates a two-way programme of equals with the
// wizard, runs matching and reads why each pair is together and who is left out of the odd
// pool, publishes; both peers accept as equals, sign the agreement and keep a shared note.
import type { Page } from '@playwright/test';
import {
  createAccount,
  createOrg,
  createTopic,
  demoPassword,
  findPerson,
  importCsv,
  password,
  peopleCsv,
  signedIn,
} from './support/api';
import { expect, expectAccessible, test } from './support/fixtures';

async function signIn(page: Page, email: string, secret = password) {
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(secret);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

test('a peer pool is created, matched, published and lived through by two equals', async ({
  page,
  browser,
  baseURL,
}) => {
  test.setTimeout(240_000);
  const base = baseURL ?? '';
  const org = await createOrg(base, 'peer');
  const domain = `${org.slug}.example`;
  await importCsv(org.admin, peopleCsv(domain, 5));
  const ai = await createTopic(org.admin, 'Generative AI at work', 'digital_and_technology');
  const talks = await createTopic(org.admin, 'Difficult conversations', 'leadership');

  // The manager creates the programme with the wizard: a peer pool is two-way by nature.
  await signIn(page, org.adminEmail);
  await page.goto('/programmes');
  await page.getByRole('link', { name: 'New programme' }).click();
  await page.getByLabel('Programme name').fill('Managers Learning Together');
  await page.getByRole('radio', { name: /Peer pool/ }).check();
  await expect(page.getByRole('radio', { name: /Two-way mentoring/ })).toBeChecked();
  await page.getByRole('button', { name: 'Next: Topics →' }).click();
  await page.getByRole('checkbox', { name: 'Generative AI at work' }).check();
  await page.getByRole('checkbox', { name: 'Difficult conversations' }).check();
  await page.getByRole('button', { name: 'Next: Schedule →' }).click();
  await page.getByLabel('Cohort starts').fill('2027-01-11');
  await page.getByLabel('Cohort ends').fill('2027-06-30');
  await page.getByRole('button', { name: 'Next: Matching →' }).click();
  await page.getByRole('button', { name: 'Next: Review →' }).click();
  await expect(page.getByText('Peer pool')).toBeVisible();
  await page.getByRole('button', { name: 'Create programme' }).click();
  await expect(page.getByRole('heading', { name: 'Managers Learning Together', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'Open enrolment' }).click();
  await expect(page.locator('.page-header .badge', { hasText: 'Enrolling' })).toBeVisible();
  const programmeId = /programmes\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';

  // Five equals enrol, each teaching one topic and learning the other: an odd pool.
  const emails = [0, 1, 2, 3, 4].map((i) => `person${i}@${domain}`);
  for (const [i, email] of emails.entries()) {
    const person = await findPerson(org.admin, email);
    const [teaches, learns] = i % 2 ? [ai.id, talks.id] : [talks.id, ai.id];
    const res = await org.admin.post(`/api/programmes/${programmeId}/enrolments`, {
      data: {
        personId: person.id,
        role: 'both',
        consent: true,
        offers: [{ topicId: teaches, proficiency: 4 }],
        seeks: [{ topicId: learns, priority: 1 }],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    await createAccount(org.admin, email, ['participant']);
  }
  await page.reload();
  await page.getByRole('button', { name: 'Close enrolment and start matching' }).click();
  await expect(page.locator('.page-header .badge', { hasText: 'Matching' })).toBeVisible();

  // Matching: two pairs with their reasons, and the one left out with why.
  await page
    .getByRole('navigation', { name: 'Programme sections' })
    .getByRole('link', { name: 'Matching' })
    .click();
  await page.getByRole('button', { name: 'Run matching', exact: true }).click();
  const groups = page.getByRole('region', { name: 'Peer groups' });
  await expect(groups.getByRole('row')).toHaveCount(3, { timeout: 30_000 });
  for (const row of await groups
    .getByRole('row')
    .all()
    .then((rows) => rows.slice(1))) {
    await expect(row.locator('.reasons li').first()).toBeVisible();
  }
  const leftOut = page.locator('.unmatched-list li');
  await expect(leftOut).toHaveCount(1);
  await expect(leftOut).toContainText(/odd|number/i);
  await expectAccessible(page, 'matching workspace (peer run)');
  await page.getByRole('button', { name: 'Publish this run' }).click();
  await page
    .getByRole('group', { name: /Publish these/ })
    .getByRole('button', { name: 'Publish' })
    .click();
  await expect(page.getByText(/relationships? proposed and/)).toBeVisible({ timeout: 30_000 });

  // Find one published pair: the two people who share a relationship.
  const holders = new Map<string, string[]>();
  for (const email of emails) {
    const ctx = await signedIn(base, email);
    for (const rel of (await (await ctx.get('/api/relationships')).json()) as { id: string }[]) {
      holders.set(rel.id, [...(holders.get(rel.id) ?? []), email]);
    }
    await ctx.dispose();
  }
  expect(holders.size).toBe(2);
  const [relId, pair] = [...holders.entries()][0] ?? ['', []];
  const [firstEmail, secondEmail] = pair as [string, string];
  const first = await findPerson(org.admin, firstEmail);
  const second = await findPerson(org.admin, secondEmail);

  // The first peer reads the proposal as between equals and accepts.
  await page.context().clearCookies();
  await signIn(page, firstEmail);
  await page.goto(`/my/relationships/${relId}`);
  await expect(
    page.getByRole('heading', { name: `You have been matched with ${second.name}` }),
  ).toBeVisible();
  await expect(page.getByText('peers: you both teach and learn').first()).toBeVisible();
  await expect(page.getByText(/would be your (mentor|mentee)/)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: 'Why you two' })).toBeVisible();
  await expectAccessible(page, 'peer proposal');
  await page.getByRole('button', { name: 'Accept the match' }).click();
  await expect(page.getByText('You accepted. Once')).toBeVisible();

  // The second peer accepts and drafts the agreement; both sign.
  const other = await (await browser.newContext({ baseURL, locale: 'en-GB' })).newPage();
  await signIn(other, secondEmail);
  await other.goto(`/my/relationships/${relId}`);
  await other.getByRole('button', { name: 'Accept the match' }).click();
  const agreement = other.getByRole('form', { name: 'Mentoring agreement' });
  await expect(agreement).toBeVisible();
  // Both learn, so each peer's goals have their own field.
  await agreement.getByLabel(`What ${first.name} wants to learn`).fill('Try one AI tool a week');
  await agreement
    .getByLabel(`What ${second.name} wants to learn`)
    .fill('Practise one hard conversation a month');
  await agreement.getByLabel('How often you meet').selectOption('fortnightly');
  await agreement.getByLabel('How you meet').selectOption('video');
  await agreement.getByLabel('For how many months').fill('6');
  await agreement.getByRole('button', { name: 'Save the agreement' }).click();
  await other.getByRole('button', { name: 'Sign the agreement' }).click();
  await expect(other.getByText(`Waiting for ${first.name.split(' ')[0]} to sign.`)).toBeVisible();
  await page.reload();
  await page.getByRole('button', { name: 'Sign the agreement' }).click();
  await expect(page.getByRole('button', { name: 'Schedule a meeting' })).toBeVisible();

  // Both learn: each peer logs what they learned from the other; a shared note reaches the other.
  for (const [who, from] of [
    [page, second],
    [other, first],
  ] as const) {
    const learning = who.getByRole('form', { name: 'Log what you learned' });
    await learning
      .getByLabel(`What did you learn from ${from.name.split(' ')[0]}?`)
      .fill(`A habit from ${from.name}`);
    await learning.getByRole('button', { name: 'Log it' }).click();
    await expect(who.getByRole('region', { name: /^You learned from/ })).toContainText(
      `A habit from ${from.name}`,
    );
  }
  const note = 'Next time: you show me your prompt library, I walk you through my feedback script.';
  const notes = page.getByRole('form', { name: 'Write a note' });
  await notes.getByLabel('New note').fill(note);
  await notes.getByRole('button', { name: 'Save shared note' }).click();
  await other.reload();
  await expect(other.locator('.note').filter({ hasText: note })).toBeVisible();
  await expect(other.getByRole('heading', { name: `You and ${first.name}`, level: 1 })).toBeVisible();
  await expectAccessible(other, 'peer relationship page');
  await other.context().close();
});

test('the demo has a peer pool of managers open for enrolment', async ({ page }) => {
  await signIn(page, 'manager@northwind.example', demoPassword);
  await page.goto('/programmes');
  await page.getByRole('link', { name: 'Managers’ Peer Pool' }).click();
  await expect(page.getByRole('heading', { name: 'Managers’ Peer Pool', level: 1 })).toBeVisible();
  await expect(
    page.locator('.page-header .badge', { hasText: 'Two-way mentoring · Peer pool' }),
  ).toBeVisible();
  await expect(page.locator('.page-header .badge', { hasText: 'Enrolling' })).toBeVisible();
});
