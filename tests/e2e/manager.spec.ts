import { createOrg, createTopic, findPerson, importCsv, password, peopleCsv } from './support/api';
import { expect, expectAccessible, screenshotPath, test } from './support/fixtures';

test('a manager creates a reverse programme with the wizard and opens enrolment', async ({
  page,
  baseURL,
}) => {
  const org = await createOrg(baseURL ?? '', 'mgr');
  for (const [name, category] of [
    ['Generative AI at work', 'digital_and_technology'],
    ['Social media channels', 'digital_and_technology'],
    ['What younger customers expect', 'trends_and_culture'],
    ['Strategy and the boardroom', 'leadership'],
  ] as const) {
    await createTopic(org.admin, name, category);
  }
  await page.request.post('/api/auth/sign-in', { data: { email: org.adminEmail, password } });

  await page.goto('/programmes');
  await page.getByRole('link', { name: 'New programme' }).click();
  await expect(page.getByRole('heading', { name: 'Step 1 of 5: Basics' })).toBeVisible();
  await expectAccessible(page, 'wizard: basics');
  // Next without a name stays on the step and says why.
  await page.getByRole('button', { name: 'Next: Topics →' }).click();
  await expect(page.getByLabel('Programme name')).toHaveAttribute('aria-invalid', 'true');
  await page.getByLabel('Programme name').fill('Digital Fluency for Leaders');
  await page.getByRole('radio', { name: /Reverse mentoring/ }).check();
  await page
    .getByLabel('What is the programme for? (optional)')
    .fill('Executives learn digital channels and tools from junior colleagues.');
  await page
    .getByLabel('Programme goals (optional)')
    .fill('Lift leaders’ confidence with AI tools\nGive junior talent visibility');
  await page.getByRole('button', { name: 'Next: Topics →' }).click();

  await expect(page.getByRole('heading', { name: 'Step 2 of 5: Topics' })).toBeVisible();
  await page.getByRole('button', { name: 'Next: Schedule →' }).click();
  await expect(page.getByText('choose at least one topic')).toBeVisible();
  await page.getByRole('checkbox', { name: 'Generative AI at work' }).check();
  await page.getByRole('checkbox', { name: 'Social media channels' }).check();
  await page.getByRole('checkbox', { name: 'What younger customers expect' }).check();
  await expectAccessible(page, 'wizard: topics');
  await page.getByRole('button', { name: 'Next: Schedule →' }).click();

  await expect(page.getByRole('heading', { name: 'Step 3 of 5: Schedule' })).toBeVisible();
  await page.getByLabel('Cohort starts').fill('2027-03-01');
  await page.getByLabel('Cohort ends').fill('2027-01-31');
  await page.getByRole('button', { name: 'Next: Matching →' }).click();
  await expect(page.getByText('must be on or after the start')).toBeVisible();
  await page.getByLabel('Cohort ends').fill('2027-09-30');
  await page.getByLabel('Meeting cadence').selectOption('fortnightly');
  await page.getByLabel('Mentees per mentor').fill('2');
  await page.getByRole('button', { name: 'Next: Matching →' }).click();

  await expect(page.getByRole('heading', { name: 'Step 4 of 5: Matching' })).toBeVisible();
  await page.getByRole('radio', { name: /Fairest/ }).check();
  await expect(page.getByText('The mentor is more junior than the mentee')).toBeVisible();
  // Weights are explained as shares of the score; moving one changes them all.
  const topicShare = page.locator('output[for="weight-topics"]');
  await expect(topicShare).toHaveText('40%');
  await page.getByLabel('Different generations').fill('0.3');
  await expect(topicShare).toHaveText('33%');
  await page.getByRole('checkbox', { name: 'Always different departments' }).check();
  await expectAccessible(page, 'wizard: matching');
  await page.getByRole('heading', { name: 'Step 4 of 5: Matching' }).scrollIntoViewIfNeeded();
  await page.screenshot({ path: screenshotPath('programme-wizard-matching.png') });
  await page.getByRole('button', { name: 'Next: Review →' }).click();

  await expect(page.getByRole('heading', { name: 'Step 5 of 5: Review' })).toBeVisible();
  await expect(page.getByText('Fairest: Lifts the weakest pairs first')).toBeVisible();
  await expect(page.getByText('Always different departments')).toBeVisible();
  await expectAccessible(page, 'wizard: review');
  await page.getByRole('button', { name: 'Create programme' }).click();

  // The programme page: a draft, explained in plain words, with the next step on a button.
  await expect(page.getByRole('heading', { name: 'Digital Fluency for Leaders', level: 1 })).toBeVisible();
  await expect(page.locator('.page-header .badge', { hasText: 'Draft' })).toBeVisible();
  await expect(page.getByText('Reverse mentoring', { exact: true })).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: 'Different generations' })).toContainText('%');
  await expectAccessible(page, 'programme overview (draft)');

  // Edit: the wizard opens with the saved answers.
  await page.getByRole('link', { name: 'Edit programme' }).click();
  await expect(page.getByLabel('Programme name')).toHaveValue('Digital Fluency for Leaders');
  await page.getByRole('button', { name: 'Topics', exact: true }).click();
  await page.getByRole('checkbox', { name: 'Strategy and the boardroom' }).check();
  await page.getByRole('button', { name: 'Review', exact: true }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { name: 'Digital Fluency for Leaders', level: 1 })).toBeVisible();
  await expect(page.getByText('Strategy and the boardroom')).toBeVisible();

  // Lifecycle: open enrolment, then close it for matching, then reopen.
  await page.getByRole('button', { name: 'Open enrolment' }).click();
  await expect(page.locator('.page-header .badge', { hasText: 'Enrolling' })).toBeVisible();
  await page.getByRole('link', { name: 'Enrolments' }).click();
  await expect(page.getByText('Nobody has enrolled yet')).toBeVisible();
  await expectAccessible(page, 'programme enrolments (empty)');
  // Matching needs people: the server says so, and the page shows it.
  await page.getByRole('button', { name: 'Close enrolment and start matching' }).click();
  await expect(page.getByRole('alert')).toContainText('The programme did not move on');
  const programmeId = /programmes\/([0-9a-f-]{36})/.exec(page.url())?.[1] ?? '';
  await importCsv(org.admin, peopleCsv(`${org.slug}.example`));
  const topics = (await (await org.admin.get('/api/topics')).json()) as { id: string; name: string }[];
  const ai = topics.find((t) => t.name === 'Generative AI at work')?.id;
  for (const [email, role] of [
    ['lena', 'mentor'],
    ['morgan', 'mentee'],
  ] as const) {
    const person = await findPerson(org.admin, `${email}@${org.slug}.example`);
    const offers = role === 'mentor' ? [{ topicId: ai, proficiency: 4 }] : [];
    const seeks = role === 'mentee' ? [{ topicId: ai, priority: 1 }] : [];
    const res = await org.admin.post(`/api/programmes/${programmeId}/enrolments`, {
      data: { personId: person.id, role, offers, seeks, consent: true },
    });
    expect(res.status(), await res.text()).toBe(201);
  }
  await page.reload();
  await expect(page.getByRole('region', { name: 'Enrolments' })).toContainText('Lena Fischer');
  await page.getByRole('button', { name: 'Close enrolment and start matching' }).click();
  await expect(page.getByRole('button', { name: 'Reopen enrolment' })).toBeVisible();
  await page.getByRole('button', { name: 'Reopen enrolment' }).click();
  await expect(page.getByRole('button', { name: 'Close enrolment and start matching' })).toBeVisible();

  await page.getByRole('link', { name: '← Programmes' }).click();
  await expect(page.getByRole('link', { name: 'Digital Fluency for Leaders' })).toBeVisible();
  await page.getByLabel('Stage').selectOption('draft');
  await expect(page.getByText('No programmes are draft')).toBeVisible();
  await page.getByLabel('Stage').selectOption('enrolling');
  await expect(page.getByRole('link', { name: 'Digital Fluency for Leaders' })).toBeVisible();
  await expectAccessible(page, 'programmes list');
});
