// A proposed match reaches a person by email and in the app: she follows the link in the
// email (parsed back from the real SMTP sink), finds the same news behind the bell in the top
// bar, marks it read, and stops that kind of email from the email's one-click link, which
// works without signing in and shows on her preferences screen.
import {
  createAccount,
  createOrg,
  createProgramme,
  createTopic,
  importCsv,
  password,
  peopleCsv,
  signedIn,
  transition,
} from './support/api';
import { expect, expectAccessible, test } from './support/fixtures';
import { waitForMail } from './support/mail';

test('a person follows the link in her match email, reads it in the notification centre, and stops that email in one click', async ({
  page,
  baseURL,
  browser,
}) => {
  const base = baseURL ?? '';
  const org = await createOrg(base, 'notices');
  const domain = `${org.slug}.example`;
  await importCsv(org.admin, peopleCsv(domain));
  await createAccount(org.admin, `tom@${domain}`, ['participant']);
  await createAccount(org.admin, `lena@${domain}`, ['participant']);
  const topic = await createTopic(org.admin, 'Brand storytelling', 'communication');
  const programme = await createProgramme(org.admin, {
    name: 'Marketing Mentoring 2027',
    kind: 'conventional',
    cohortStart: '2027-01-11',
    cohortEnd: '2027-06-30',
    topicIds: [topic.id],
    meetingCadence: 'fortnightly',
  });
  await transition(org.admin, programme.id, 'enrolling');
  for (const [who, role] of [
    ['tom', 'mentor'],
    ['lena', 'mentee'],
  ] as const) {
    const ctx = await signedIn(base, `${who}@${domain}`);
    const res = await ctx.post(`/api/programmes/${programme.id}/enrolments`, {
      data: {
        role,
        consent: true,
        ...(role === 'mentor'
          ? { offers: [{ topicId: topic.id, proficiency: 5 }], capacity: 1 }
          : { seeks: [{ topicId: topic.id, priority: 1 }] }),
        goals: role === 'mentor' ? 'share how a brand tells its story' : 'learn to tell our brand story',
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    await ctx.dispose();
  }
  await transition(org.admin, programme.id, 'matching');
  const run = await org.admin.post(`/api/programmes/${programme.id}/match-runs`, { data: { settings: {} } });
  expect(run.status(), await run.text()).toBe(201);
  const published = await org.admin.post(`/api/match-runs/${(await run.json()).id}/publish`, { data: {} });
  expect(published.status(), await published.text()).toBe(200);

  const lena = await signedIn(base, `lena@${domain}`);
  const proposed = await (await lena.get('/api/relationships')).json();
  expect(JSON.stringify(proposed)).toContain('Tom Becker');
  await lena.dispose();

  // The email, as the SMTP server received it.
  const mail = await waitForMail(`lena@${domain}`, /you have been matched with Tom Becker/);
  const link = /^(https?:\/\/\S+\/my\/relationships\/[\w-]+)$/m.exec(mail)?.[1];
  const unsubscribe = /^Stop emails about .*: (https?:\/\/\S+\/unsubscribe\/[\w-]+)$/m.exec(mail)?.[1];
  expect(link, mail).toBeTruthy();
  expect(unsubscribe, mail).toBeTruthy();

  // Lena, signed in, follows the link.
  await page.request.post('/api/auth/sign-in', { data: { email: `lena@${domain}`, password } });
  await page.goto(link ?? '');
  await expect(page.getByRole('heading', { name: 'You have been matched with Tom Becker' })).toBeVisible();
  const bell = page.getByRole('link', { name: 'Notifications, 1 unread' });
  await expect(bell).toBeVisible();
  await bell.click();
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeFocused();
  await expect(page.getByText('1 unread notification')).toBeVisible();
  await expect(page.getByRole('link', { name: 'You have a proposed match' })).toBeVisible();
  await expect(
    page.getByText('Tom Becker is proposed as your mentor in Marketing Mentoring 2027.'),
  ).toBeVisible();
  await expectAccessible(page, 'notification centre');
  await page.getByRole('button', { name: 'Mark read: You have a proposed match' }).click();
  await expect(page.getByRole('link', { name: 'Notifications, none unread' })).toBeVisible();
  await expect(page.getByText('0 unread notifications')).toBeVisible();
  // The entry leads back to the match.
  await page.getByRole('link', { name: 'You have a proposed match' }).click();
  await expect(page).toHaveURL(link ?? '');

  // The one-click link, opened in a browser with no session: a page that asks first.
  const mailbox = await browser.newContext();
  const outside = await mailbox.newPage();
  await outside.goto(unsubscribe ?? '');
  await expect(outside.getByRole('heading', { name: 'Stop emails' })).toBeVisible();
  await expect(outside.getByText('Stop emails about “A match is proposed to you”?')).toBeVisible();
  await expectAccessible(outside, 'unsubscribe page');
  await outside.getByRole('button', { name: 'Stop these emails' }).click();
  await expect(outside.getByRole('heading', { name: 'Emails stopped' })).toBeVisible();
  await mailbox.close();

  await page.goto('/notifications/preferences');
  await expect(page.getByLabel('A match is proposed to you')).not.toBeChecked();
  await expect(page.getByLabel('Reminders before a meeting')).toBeChecked();
  await expectAccessible(page, 'email preferences');
});
