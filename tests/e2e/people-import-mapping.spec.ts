import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createOrg, findPerson, password, signedIn } from './support/api';
import { expect, expectAccessible, test } from './support/fixtures';

const fixture = (name: string) =>
  readFileSync(join(import.meta.dirname, '..', '..', 'src', 'people', 'fixtures', name));

test('an admin maps the columns of an HR export once, and the next file with that header maps itself', async ({
  page,
  baseURL,
}) => {
  const org = await createOrg(baseURL ?? '', 'map');
  await page.request.post('/api/auth/sign-in', { data: { email: org.adminEmail, password } });
  await page.goto('/people/import');
  await expect(page.getByRole('heading', { name: 'Import people', level: 1 })).toBeVisible();

  // An export whose columns Twoway does not know: semicolons, a byte-order mark, dotted dates.
  const header = 'Nom complet;Courriel;Niveau;Embauche;Responsable';
  const first = `\ufeff${header}\r\nAline Morel;aline@${org.slug}.example;5;01.02.2020;\r\nBruno Petit;bruno@${org.slug}.example;2;15.09.2023;aline@${org.slug}.example\r\n`;
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name: 'export.csv', mimeType: 'text/csv', buffer: Buffer.from(first) });
  const columns = page.getByRole('region', { name: 'Columns of the file' });
  await expect(columns).toBeVisible();
  await expect(page.getByText('Read as UTF-8, semicolon-separated; 2 rows.')).toBeVisible();
  await expect(page.getByLabel('Field for Nom complet')).toHaveValue('');
  await expectAccessible(page, 'import mapping step');

  await page.getByLabel('Field for Nom complet').selectOption({ label: 'Full name' });
  await page.getByLabel('Field for Courriel').selectOption({ label: 'Email' });
  await page.getByLabel('Field for Niveau').selectOption({ label: 'Level or grade' });
  await page.getByLabel('Field for Embauche').selectOption({ label: 'Hire date' });
  await page.getByLabel('Field for Responsable').selectOption({ label: 'Manager (email or employee id)' });
  await page.getByRole('button', { name: 'Check the file' }).click();
  await expect(page.getByText('The file is ready to import')).toBeVisible();
  await page.getByRole('button', { name: 'Import people' }).click();
  await expect(page.getByText('2 added, 0 updated.')).toBeVisible();

  const api = await signedIn(baseURL ?? '', org.adminEmail);
  expect(await findPerson(api, `bruno@${org.slug}.example`)).toMatchObject({
    name: 'Bruno Petit',
    jobLevel: 2,
    hireDate: '2023-09-15',
  });

  // The next file with the same header maps itself.
  await page.reload();
  const second = `${header}\r\nChloé Roux;chloe@${org.slug}.example;3;03.04.2024;aline@${org.slug}.example\r\n`;
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name: 'export-2.csv', mimeType: 'text/csv', buffer: Buffer.from(second) });
  await expect(page.getByText('Mapped as you saved it for this header.')).toBeVisible();
  await expect(page.getByLabel('Field for Courriel')).toHaveValue('email');
  await page.getByRole('button', { name: 'Import people' }).click();
  await expect(page.getByText('1 added, 0 updated.')).toBeVisible();

  // A BambooHR export maps through its preset with no manual step.
  await page.reload();
  await page
    .getByLabel('CSV file')
    .setInputFiles({ name: 'bamboohr.csv', mimeType: 'text/csv', buffer: fixture('bamboohr.csv') });
  await expect(page.getByText('Recognised as a BambooHR export.')).toBeVisible();
  await expect(page.getByLabel('Field for Supervisor Email')).toHaveValue('manager');
  await page.getByRole('button', { name: 'Import people' }).click();
  await expect(page.getByText('3 added, 0 updated.')).toBeVisible();
});
