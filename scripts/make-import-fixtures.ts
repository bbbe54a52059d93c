// Writes the HR export fixtures of the people import tests (src/people/fixtures/):
// one per HR system preset, one per encoding the import reads, one workbook and one
// leavers file. Run once with `npx tsx scripts/make-import-fixtures.ts`; the files are committed.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

const dir = join(import.meta.dirname, '..', 'src', 'people', 'fixtures');
const csv = (rows: string[][], delimiter = ',') => `${rows.map((r) => r.join(delimiter)).join('\r\n')}\r\n`;
const write = (name: string, bytes: Buffer) => writeFileSync(join(dir, name), bytes);

// BambooHR custom report, UTF-8, US dates (03/15/2019 can only be month first).
write(
  'bamboohr.csv',
  Buffer.from(
    csv([
      [
        'Employee #',
        'First Name',
        'Last Name',
        'Work Email',
        'Job Title',
        'Department',
        'Division',
        'Location',
        'Supervisor Email',
        'Hire Date',
        'Employment Status',
        'Job Level',
      ],
      [
        '1001',
        'Amara',
        'Okafor',
        'amara.okafor@bamboo.example',
        'Chief Operating Officer',
        'Operations',
        'HQ',
        'Chicago',
        '',
        '03/15/2019',
        'Full-Time',
        '9',
      ],
      [
        '1002',
        'Liam',
        'Chen',
        'liam.chen@bamboo.example',
        'Engineering Manager',
        'Engineering',
        'Product',
        'Chicago',
        'amara.okafor@bamboo.example',
        '07/01/2020',
        'Full-Time',
        '6',
      ],
      [
        '1003',
        'Sofia',
        'Rossi',
        'sofia.rossi@bamboo.example',
        'Software Engineer',
        'Engineering',
        'Product',
        'Remote',
        'liam.chen@bamboo.example',
        '11/30/2023',
        'Full-Time',
        '3',
      ],
    ]),
  ),
);

// Workday worker report: grades as management levels (mapped to numbers once), ISO dates, manager by id.
write(
  'workday.csv',
  Buffer.from(
    csv([
      [
        'Employee ID',
        'Legal First Name',
        'Legal Last Name',
        'Primary Work Email',
        'Business Title',
        'Management Level',
        'Supervisory Organization',
        'Location',
        'Manager ID',
        'Hire Date',
        'Termination Date',
      ],
      [
        'W-100',
        'Hannah',
        'Berg',
        'hannah.berg@workday.example',
        'VP Finance',
        'Vice President',
        'Finance',
        'Berlin',
        '',
        '2015-04-01',
        '',
      ],
      [
        'W-101',
        'Tomas',
        'Novak',
        'tomas.novak@workday.example',
        'Finance Manager',
        'Manager',
        'Finance',
        'Prague',
        'W-100',
        '2018-09-17',
        '',
      ],
      [
        'W-102',
        'Priya',
        'Nair',
        'priya.nair@workday.example',
        'Analyst',
        'Individual Contributor',
        'Finance',
        'Prague',
        'W-101',
        '2022-02-07',
        '',
      ],
    ]),
  ),
);

// HiBob people report, UTF-16 little-endian with its byte-order mark, tab-separated, day-first dates.
write(
  'hibob.csv',
  Buffer.concat([
    Buffer.from([0xff, 0xfe]),
    iconv.encode(
      csv(
        [
          [
            'Employee ID',
            'First name',
            'Last name',
            'Email',
            'Job title',
            'Department',
            'Site',
            'Reports to email',
            'Start date',
            'Level',
          ],
          [
            'B-1',
            'Noa',
            'Levi',
            'noa.levi@bob.example',
            'Head of People',
            'People',
            'Tel Aviv',
            '',
            '25/03/2017',
            '8',
          ],
          [
            'B-2',
            'Oren',
            'Katz',
            'oren.katz@bob.example',
            'People Partner',
            'People',
            'London',
            'noa.levi@bob.example',
            '04/11/2021',
            '4',
          ],
        ],
        '\t',
      ),
      'utf16le',
    ),
  ]),
);

// Personio export as Excel writes CSV in much of Europe: semicolons, a UTF-8 byte-order mark, dotted dates.
write(
  'personio.csv',
  Buffer.from(
    `\ufeff${csv(
      [
        [
          'Personnel number',
          'First name',
          'Last name',
          'Email',
          'Position',
          'Department',
          'Office',
          'Supervisor email',
          'Hire date',
          'Level',
        ],
        [
          'P-7',
          'Jürgen',
          'Weiß',
          'juergen.weiss@personio.example',
          'Geschäftsführer',
          'Management',
          'München',
          '',
          '01.02.2020',
          '10',
        ],
        [
          'P-8',
          'Zoë',
          'Müller',
          'zoe.mueller@personio.example',
          'Entwicklerin',
          'Technik',
          'München',
          'juergen.weiss@personio.example',
          '15.08.2022',
          '3',
        ],
      ],
      ';',
    )}`,
  ),
);

// SAP SuccessFactors user data file, ISO-8859-1, manager by user id, US dates.
write(
  'successfactors.csv',
  iconv.encode(
    csv([
      [
        'STATUS',
        'USERID',
        'USERNAME',
        'FIRSTNAME',
        'LASTNAME',
        'EMAIL',
        'MANAGER',
        'DEPARTMENT',
        'TITLE',
        'LOCATION',
        'TIMEZONE',
        'HIREDATE',
        'PAY GRADE',
      ],
      [
        'active',
        'sf01',
        'fdupre',
        'Françoise',
        'Dupré',
        'francoise.dupre@sf.example',
        'NO_MANAGER',
        'Ventes',
        'Directrice commerciale',
        'Paris',
        'Europe/Paris',
        '12/31/2018',
        '7',
      ],
      [
        'active',
        'sf02',
        'mnunez',
        'Martín',
        'Núñez',
        'martin.nunez@sf.example',
        'sf01',
        'Ventes',
        'Commercial',
        'Lyon',
        'Europe/Paris',
        '06/03/2021',
        '3',
      ],
    ]),
    'latin1',
  ),
);

// Rippling custom report, UTF-8.
write(
  'rippling.csv',
  Buffer.from(
    csv([
      [
        'Employee number',
        'Legal first name',
        'Legal last name',
        'Work email',
        'Title',
        'Department',
        'Work location',
        'Manager - Work email',
        'Start date',
        'Level',
      ],
      [
        'R1',
        'Maya',
        'Patel',
        'maya.patel@rippling.example',
        'CTO',
        'Engineering',
        'San Francisco',
        '',
        '2019-01-14',
        '9',
      ],
      [
        'R2',
        'Diego',
        'Alvarez',
        'diego.alvarez@rippling.example',
        'Staff Engineer',
        'Engineering',
        'Austin',
        'maya.patel@rippling.example',
        '2021-06-28',
        '5',
      ],
    ]),
  ),
);

// Excel's default "CSV" on Windows: Windows-1252, with an en dash (0x96) only that code page has.
write(
  'windows-1252.csv',
  iconv.encode(
    csv([
      ['name', 'email', 'job_level', 'job_title', 'hire_date'],
      ['José García', 'jose.garcia@win.example', '4', 'Jefe de ventas – Iberia', '2019-05-06'],
      ['Ångström Ærø', 'angstrom@win.example', '2', 'Analyst', '2023-10-02'],
    ]),
    'win1252',
  ),
);

// Leavers: employee id, leave date, reason.
write(
  'leavers.csv',
  Buffer.from(
    csv([
      ['Employee ID', 'Termination Date', 'Termination Reason'],
      ['W-102', '2024-06-30', 'Resigned: moved abroad'],
    ]),
  ),
);

// A workbook: people on the first sheet (dates as real dates), contractors on a second one.
const workbook = new ExcelJS.Workbook();
const sheet = workbook.addWorksheet('People');
sheet.addRow(['Employee ID', 'Full Name', 'Email', 'Grade', 'Department', 'Hire Date']);
sheet.addRow(['X1', 'Ingrid Solberg', 'ingrid@xlsx.example', 7, 'Strategy', new Date(Date.UTC(2016, 8, 12))]);
sheet.addRow(['X2', 'Kenji Watanabe', 'kenji@xlsx.example', 3, 'Strategy', new Date(Date.UTC(2022, 0, 3))]);
const contractors = workbook.addWorksheet('Contractors');
contractors.addRow(['Employee ID', 'Full Name', 'Email', 'Grade']);
contractors.addRow(['C1', 'Lena Fischer', 'lena@xlsx.example', 2]);
write('people.xlsx', Buffer.from(await workbook.xlsx.writeBuffer()));
