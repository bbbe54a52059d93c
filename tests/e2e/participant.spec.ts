import {
  createAccount,
  createOrg,
  createProgramme,
  createTopic,
  importCsv,
  password,
  peopleCsv,
  transition,
} from './support/api';
import { expect, expectAccessible, test } from './support/fixtures';

test('a junior colleague enrols as a reverse mentor, fixes what the form points out, edits and withdraws', async ({
  page,
  baseURL,
}) => {
  const org = await createOrg(baseURL ?? '', 'enr');
  const domain = `${org.slug}.example`;
  await importCsv(org.admin, peopleCsv(domain));
  const ai = await createTopic(org.admin, 'Generative AI at work', 'digital_and_technology');
  const social = await createTopic(org.admin, 'Social media channels', 'digital_and_technology');
  const trends = await createTopic(org.admin, 'What younger customers expect', 'trends_and_culture');
  await createAccount(org.admin, `sam@${domain}`, ['participant']);
  const programme = await createProgramme(org.admin, {
    name: 'Reverse Mentoring: Digital Leadership',
    kind: 'reverse',
    description: 'Early-career colleagues mentor executives on digital tools and trends.',
    cohortStart: '2027-01-11',
    cohortEnd: '2027-06-30',
    topicIds: [ai.id, social.id, trends.id],
    defaultMentorCapacity: 1,
  });
  await transition(org.admin, programme.id, 'enrolling');

  // Keyboard only: sign in.
  await page.goto('/sign-in');
  await expect(page.getByLabel('Work email')).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Work email')).toBeFocused();
  await page.keyboard.type(`sam@${domain}`);
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Password')).toBeFocused();
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { name: 'My mentoring', level: 1 })).toBeVisible();
  await expect(page.getByText('You are not enrolled in any programme yet')).toBeVisible();
  // A participant sees only their own part of the app.
  const nav = page.getByRole('navigation', { name: 'Main' });
  // (The sections listed; the person's own "Your account" link sits beside them.)
  await expect(nav.getByRole('listitem').getByRole('link')).toHaveText(['My mentoring']);
  await expectAccessible(page, 'my mentoring (not enrolled)');
  const enrolLink = page.getByRole('link', { name: 'Enrol in Reverse Mentoring: Digital Leadership' });
  await enrolLink.focus();
  await page.keyboard.press('Enter');

  await expect(
    page.getByRole('heading', { name: 'Enrol in Reverse Mentoring: Digital Leadership' }),
  ).toBeVisible();
  await page.getByRole('radio', { name: /^Mentor/ }).check();
  await expectAccessible(page, 'enrol form');
  // Sending it empty: each problem is named beside its field.
  await page.getByRole('button', { name: 'Enrol', exact: true }).click();
  await expect(page.getByText('choose at least one topic you can offer')).toBeVisible();
  await expect(page.getByText('is needed to enrol')).toBeVisible();
  await expect(page.getByText('Some answers need another look')).toBeVisible();
  await expectAccessible(page, 'enrol form with errors');

  await page.getByLabel('Generative AI at work: what I can offer').selectOption('4');
  await page.getByLabel('Social media channels: what I can offer').selectOption('5');
  await page
    .getByLabel('Your goals, in your own words')
    .fill('Help a senior leader feel at home with AI tools and social channels.');
  await page.getByRole('button', { name: '+ Add a time slot' }).click();
  await page.getByLabel('Day of time slot 1').selectOption('2');
  await page.getByLabel('From (slot 1)').fill('12:00');
  await page.getByLabel('To (slot 1)').fill('11:00');
  await page.getByLabel('How many people could you mentor at once?').fill('2');
  await page.getByRole('checkbox', { name: /I agree that my profile/ }).check();
  await page.getByRole('button', { name: 'Enrol', exact: true }).click();
  await expect(page.getByText('must be after the start')).toBeVisible();
  await page.getByLabel('To (slot 1)').fill('13:30');
  await page.getByRole('button', { name: '+ Add a time slot' }).click();
  await page.getByLabel('Day of time slot 2').selectOption('4');
  await page.getByLabel('From (slot 2)').fill('16:00');
  await page.getByLabel('To (slot 2)').fill('17:00');
  await page.getByRole('button', { name: 'Enrol', exact: true }).click();

  await expect(page.getByText('You are enrolled in Reverse Mentoring: Digital Leadership.')).toBeVisible();
  await expect(page.getByText('Offering 2 topics')).toBeVisible();
  await expect(page.getByText('No other programme is taking enrolments right now.')).toBeVisible();
  await expectAccessible(page, 'my mentoring (enrolled)');

  // Edit: the answers come back as saved, and a change is saved.
  await page.getByRole('link', { name: 'Reverse Mentoring: Digital Leadership' }).click();
  await expect(page.getByLabel('Generative AI at work: what I can offer')).toHaveValue('4');
  await expect(page.getByLabel('To (slot 1)')).toHaveValue('13:30');
  await expect(page.getByRole('radio', { name: /^Mentor/ })).toBeDisabled();
  await page.getByLabel('What younger customers expect: what I can offer').selectOption('3');
  await page.getByRole('button', { name: 'Remove slot 2' }).click();
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Your changes are saved.')).toBeVisible();
  await expect(page.getByLabel('What younger customers expect: what I can offer')).toHaveValue('3');
  await expect(page.getByLabel('Day of time slot 2')).toHaveCount(0);
  await expectAccessible(page, 'my enrolment (edit)');

  // The manager sees the enrolment in the overview.
  const overview = await org.admin.get(`/api/programmes/${programme.id}/enrolments`);
  const rows = (await overview.json()) as { person: { name: string }; offers: unknown[]; capacity: number }[];
  expect(rows.map((r) => [r.person.name, r.offers.length, r.capacity])).toEqual([['Sam Okafor', 3, 2]]);

  // Withdraw asks first, then says so.
  await page.getByRole('button', { name: 'Withdraw' }).click();
  await page
    .getByRole('group', { name: 'Withdraw from this programme?' })
    .getByRole('button', { name: 'Withdraw' })
    .click();
  await expect(
    page.getByText('You have withdrawn from Reverse Mentoring: Digital Leadership.'),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'Enrol in Reverse Mentoring: Digital Leadership' }),
  ).toBeVisible();
});
