// A circles programme in the browser: the manager plans a circle, runs matching and
// reads why each member is placed, publishes; a member accepts, sees who is in the circle,
// and after all sign the agreement keeps a shared note the others read.
import type { Page } from '@playwright/test';
import {
  createAccount,
  createOrg,
  createProgramme,
  createTopic,
  findPerson,
  importCsv,
  password,
  peopleCsv,
  signedIn,
  transition,
} from './support/api';
import { expect, test } from './support/fixtures';

async function signIn(page: Page, email: string) {
  await page.goto('/sign-in');
  await page.getByLabel('Work email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
}

test('a circles programme is planned, matched, published and lived through', async ({ page, baseURL }) => {
  const base = baseURL ?? '';
  const org = await createOrg(base, 'circ');
  const domain = `${org.slug}.example`;
  await importCsv(org.admin, peopleCsv(domain, 4));
  const ai = await createTopic(org.admin, 'Generative AI at work', 'digital_and_technology');
  const programme = await createProgramme(org.admin, {
    name: 'AI Circles',
    kind: 'conventional',
    format: 'circles',
    cohortStart: '2027-01-11',
    cohortEnd: '2027-06-30',
    topicIds: [ai.id],
  });
  await transition(org.admin, programme.id, 'enrolling');
  const lead = await findPerson(org.admin, `priya@${domain}`);
  const members = ['person0', 'person1', 'person2'];
  const enrol = (personId: string, role: string) =>
    org.admin.post(`/api/programmes/${programme.id}/enrolments`, {
      data: {
        personId,
        role,
        consent: true,
        offers: role === 'mentor' ? [{ topicId: ai.id, proficiency: 4 }] : [],
        seeks: role === 'mentee' ? [{ topicId: ai.id, priority: 1 }] : [],
      },
    });
  expect((await enrol(lead.id, 'mentor')).ok()).toBeTruthy();
  for (const m of members) {
    const person = await findPerson(org.admin, `${m}@${domain}`);
    expect((await enrol(person.id, 'mentee')).ok()).toBeTruthy();
    await createAccount(org.admin, `${m}@${domain}`, ['participant']);
  }
  await createAccount(org.admin, `priya@${domain}`, ['participant']);
  await transition(org.admin, programme.id, 'matching');

  // The manager plans the circle and runs matching in the workspace.
  await signIn(page, org.adminEmail);
  await page.goto(`/programmes/${programme.id}/matching`);
  const plan = page.getByRole('form', { name: 'Plan a circle' });
  await plan.getByLabel('Circle name').fill('AI practice');
  await plan.getByLabel('Generative AI at work').check();
  await plan.getByLabel('Facilitator').selectOption(lead.id);
  await plan.getByLabel('Fewest members').fill('2');
  await plan.getByRole('button', { name: 'Add circle' }).click();
  await expect(page.getByRole('list', { name: 'Planned circles' })).toContainText('AI practice');
  await page.getByRole('button', { name: 'Run matching', exact: true }).click();
  const circle = page.getByRole('list', { name: 'Members of AI practice' });
  await expect(circle.getByRole('listitem').filter({ hasText: 'fit' })).toHaveCount(3, { timeout: 30_000 });
  await expect(circle).toContainText('Generative AI at work');
  await page.getByRole('button', { name: 'Publish this run' }).click();
  await page
    .getByRole('group', { name: /Publish these/ })
    .getByRole('button', { name: 'Publish' })
    .click();
  await expect(page.getByText(/relationships? proposed and/)).toBeVisible({ timeout: 30_000 });

  // Everyone else accepts through the API; the first member answers in the browser.
  for (const email of [`priya@${domain}`, `person1@${domain}`]) {
    const ctx = await signedIn(base, email);
    const [rel] = (await (await ctx.get('/api/relationships')).json()) as { id: string }[];
    expect(
      (await ctx.post(`/api/relationships/${rel?.id}/respond`, { data: { response: 'accept' } })).ok(),
    ).toBeTruthy();
    await ctx.dispose();
  }
  await page.context().clearCookies();
  await signIn(page, `person0@${domain}`);
  const mine = await signedIn(base, `person0@${domain}`);
  const [rel] = (await (await mine.get('/api/relationships')).json()) as { id: string }[];
  await page.goto(`/my/relationships/${rel?.id}`);
  await expect(page.getByRole('heading', { name: 'AI practice', level: 1 })).toBeVisible();
  const who = page.getByRole('list', { name: 'Circle members' });
  await expect(who.getByRole('listitem').filter({ hasText: 'Facilitator' })).toContainText('Priya Natarajan');
  await page.getByRole('button', { name: 'Accept my place' }).click();
  await expect(page.getByText('Circle agreement')).toBeVisible();

  // The facilitator drafts the agreement; everyone signs; the shared note reaches the circle.
  const leadCtx = await signedIn(base, `priya@${domain}`);
  const agreement = await (
    await leadCtx.put(`/api/relationships/${rel?.id}/agreement`, {
      data: {
        goals: [{ text: 'Use AI tools weekly' }],
        cadence: 'monthly',
        channel: 'video',
        durationMonths: 6,
      },
    })
  ).json();
  for (const email of [`priya@${domain}`, `person1@${domain}`]) {
    const ctx = await signedIn(base, email);
    await ctx.post(`/api/relationships/${rel?.id}/agreement/sign`, { data: { version: agreement.version } });
    await ctx.dispose();
  }
  await page.reload();
  await page.getByRole('button', { name: 'Sign the agreement' }).click();
  await expect(page.getByText('Everyone has signed')).toBeVisible();
  const note = 'Bring one prompt that worked this week';
  const shared = await leadCtx.get(`/api/relationships/${rel?.id}/notes`);
  expect(shared.ok()).toBeTruthy();
  await leadCtx.post(`/api/relationships/${rel?.id}/notes`, { data: { visibility: 'shared', body: note } });
  await page.reload();
  await expect(page.getByText(note)).toBeVisible();
  await leadCtx.dispose();
  await mine.dispose();
});
