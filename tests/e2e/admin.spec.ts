import { createOrg, createTopic, importCsv, password, peopleCsv } from './support/api';
import { expect, expectAccessible, test } from './support/fixtures';

test('an admin imports people from CSV, reads the row-by-row report, then searches and pages', async ({
  page,
  baseURL,
}) => {
  const org = await createOrg(baseURL ?? '', 'imp');
  const domain = `${org.slug}.example`;
  await page.request.post('/api/auth/sign-in', { data: { email: org.adminEmail, password } });

  await page.goto('/people');
  await expect(page.getByText('1 person in the organisation')).toBeVisible();
  await page.getByRole('link', { name: 'Import from CSV' }).click();
  await expect(page.getByRole('heading', { name: 'Import people', level: 1 })).toBeVisible();
  await expectAccessible(page, 'people import');

  // A file with bad rows: every problem is listed by row and column, and nothing changes.
  const bad = `${peopleCsv(domain, 60).trimEnd()}\nB1,Broken Row,not-an-email,Analyst,two,Finance,,London,Mars/Olympus,en,1990\n`;
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name: 'hr-export.csv', mimeType: 'text/csv', buffer: Buffer.from(bad) });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByText('The check found problems')).toBeVisible();
  const problems = page.getByRole('region', { name: 'Problems by row' });
  await expect(problems.getByRole('row', { name: /email/ })).toContainText('67');
  await expect(problems.getByRole('row', { name: /job_level/ })).toBeVisible();
  await page.getByRole('button', { name: 'Import people' }).click();
  await expect(page.getByText('Nothing was imported')).toBeVisible();
  await expectAccessible(page, 'import report with problems');

  // Skipping the invalid row imports the rest.
  await page.getByLabel('Skip invalid rows and import the rest').check();
  await page.getByRole('button', { name: 'Import people' }).click();
  await expect(page.getByText('Import finished')).toBeVisible();
  await expect(page.getByText('65 added, 0 updated, 1 skipped.')).toBeVisible();

  // Search is done by the server; the list narrows as you type and pages 50 at a time.
  await page.getByRole('link', { name: '← People' }).click();
  await expect(page.getByRole('heading', { name: 'People', level: 1 })).toBeVisible();
  await expect(page.getByText('1–50 of 66')).toBeVisible();
  await page.getByRole('button', { name: 'Next →' }).click();
  await expect(page.getByText('51–66 of 66')).toBeVisible();
  await expect(page).toHaveURL(/offset=50/);
  await page.getByLabel('Search').fill('fischer');
  await expect(page.getByRole('region', { name: 'People' }).getByRole('row')).toHaveCount(2);
  await expect(page.getByRole('rowheader', { name: /Lena Fischer/ })).toBeVisible();
  await expect(page).toHaveURL(/q=fischer/);
  // Open the person and correct their record; a bad time zone is named beside its field.
  await page.getByRole('link', { name: 'Lena Fischer' }).click();
  await expect(page.getByRole('heading', { name: 'Lena Fischer', level: 1 })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Priya Natarajan' })).toBeVisible();
  await page.getByLabel('Job title').fill('Digital Marketing Associate');
  await page.getByLabel('Time zone').fill('Mars/Olympus');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('is not a known IANA time zone (e.g. Europe/Berlin)')).toBeVisible();
  await expect(page.getByLabel('Time zone')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'person with an error');
  await page.getByLabel('Time zone').fill('Europe/Berlin');
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.getByText('Digital Marketing Associate · Marketing · level 1')).toBeVisible();
  await page.getByRole('link', { name: '← People' }).click();
  await page.getByLabel('Search').fill('');
  await page.getByLabel('Department').selectOption('Marketing');
  await expect(page.getByRole('rowheader', { name: /Priya Natarajan/ })).toBeVisible();
  await expectAccessible(page, 'people list');
});

test('an admin keeps the topic catalogue and gives people accounts and roles', async ({ page, baseURL }) => {
  const org = await createOrg(baseURL ?? '', 'acc');
  await importCsv(org.admin, peopleCsv(`${org.slug}.example`));
  await createTopic(org.admin, 'Social media channels', 'digital_and_technology');
  await page.request.post('/api/auth/sign-in', { data: { email: org.adminEmail, password } });

  await page.goto('/topics');
  await expect(page.getByText('Social media channels')).toBeVisible();
  await page.getByLabel('Topic name').fill('Generative AI at work');
  await page.getByRole('button', { name: 'Add topic' }).click();
  await expect(page.getByText('Added “Generative AI at work”.')).toBeVisible();
  await page.getByLabel('Topic name').fill('Leading through change');
  await page.getByLabel('Category').selectOption('leadership');
  await page.getByRole('button', { name: 'Add topic' }).click();
  await expect(page.getByRole('heading', { name: 'Leadership and strategy' })).toBeVisible();
  // A duplicate name is refused beside the field.
  await page.getByLabel('Topic name').fill('generative ai at work');
  await page.getByRole('button', { name: 'Add topic' }).click();
  await expect(page.getByText('is already in use')).toBeVisible();
  await page.getByRole('button', { name: 'Remove Social media channels' }).click();
  await page
    .getByRole('group', { name: 'Remove Social media channels?' })
    .getByRole('button', { name: 'Remove' })
    .click();
  await expect(page.getByText('Social media channels')).toHaveCount(0);
  await expectAccessible(page, 'topics');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Accounts' }).click();
  await expect(page.getByRole('heading', { name: 'Accounts and roles' })).toBeVisible();
  await page.getByLabel('Find the person').fill('tom');
  await page.getByRole('radio', { name: /Tom Becker/ }).check();
  await page.getByRole('checkbox', { name: 'Programme manager' }).check();
  await page.getByLabel('First password').fill('short');
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(page.getByText('must be at least 10 characters')).toBeVisible();
  await page.getByLabel('First password').fill(password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await expect(
    page.getByText(`tom@${org.slug}.example gets an email with a link to confirm the address`),
  ).toBeVisible();
  const row = page.getByRole('row', { name: /Tom Becker/ });
  await expect(row).toContainText('Programme manager');

  await row.getByRole('button', { name: 'Change roles of Tom Becker' }).click();
  await row.getByRole('checkbox', { name: 'Participant' }).uncheck();
  await row.getByRole('checkbox', { name: 'Executive sponsor' }).check();
  await row.getByRole('button', { name: 'Save roles' }).click();
  await expect(row).toContainText('Executive sponsor');
  await expect(row).not.toContainText('Participant');
  await expectAccessible(page, 'accounts');

  // Organisation settings: the server's limit is shown beside the field.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Settings' }).click();
  const minGroup = page.getByLabel('Smallest group shown in reports');
  await minGroup.fill('2');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('must be at least 3')).toBeVisible();
  await expect(minGroup).toHaveAttribute('aria-invalid', 'true');
  await minGroup.fill('7');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expectAccessible(page, 'organisation settings');
});
