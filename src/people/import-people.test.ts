import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { people } from '../db/schema.js';
import { systemActor } from '../identity/system-actor.js';
import { importPeople, workerFromBytes } from './import-people.js';

let t: TestApp;
let org: TestOrg;
let other: TestOrg;

const header =
  'employee_id,name,email,job_title,job_level,department,manager,location,time_zone,languages,hire_date,birth_year,leave_date,leave_reason';
const csv = (...rows: string[]) => [header, ...rows].join('\n');

const importCsv = (body: string, query = '', cookie = org.cookies.org_admin) =>
  as(
    t.app,
    cookie,
  )({
    method: 'POST',
    url: `/api/people/import${query}`,
    headers: { 'content-type': 'text/csv' },
    payload: body,
  });
const peopleCount = async (cookie = org.cookies.org_admin) =>
  (await as(t.app, cookie)({ method: 'GET', url: '/api/people?status=all&limit=1' })).json().total as number;
const findByEmail = async (email: string) =>
  (
    await as(
      t.app,
      org.cookies.org_admin,
    )({ method: 'GET', url: `/api/people?q=${encodeURIComponent(email)}&status=all` })
  ).json().items[0];

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'imp');
  other = await createTestOrg(t, 'imp-other');
});
afterAll(() => t.close());

describe('importing people from an HR export', () => {
  it('creates everyone with managers resolved by email or employee id', async () => {
    const res = await importCsv(
      csv(
        'E1,Grace Hopper,grace@imp.test,COO,8,Operations,,New York,America/New_York,en;es,1990-01-15,1960,,',
        'E2,Ada Lovelace,ada@imp.test,Director,6,Engineering,grace@imp.test,London,Europe/London,en,2001-03-01,1975,,',
        'E3,Alan Turing,alan@imp.test,Analyst,2,Engineering,E2,London,Europe/London,en|fr,2024-09-01,2001,,',
      ),
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      rows: 3,
      created: 3,
      updated: 0,
      skipped: 0,
      applied: true,
      errors: [],
    });
    const alan = await findByEmail('alan@imp.test');
    const ada = await findByEmail('ada@imp.test');
    expect(alan.managerId).toBe(ada.id);
    expect(alan.languages).toEqual(['en', 'fr']);
    expect(alan.generation).toBe('gen_z');
  });

  it('updates people on re-import instead of duplicating them', async () => {
    const before = await peopleCount();
    const res = await importCsv(
      csv(
        'E3,Alan M. Turing,alan@imp.test,Senior Analyst,3,Engineering,E2,London,Europe/London,en,2024-09-01,2001,,',
        // matched by email: no employee id in this row
        ',Grace Hopper,GRACE@imp.test,CEO,8,Operations,,New York,America/New_York,en,1990-01-15,1960,,',
      ),
    );
    expect(res.json()).toMatchObject({ created: 0, updated: 2, applied: true });
    expect(await peopleCount()).toBe(before);
    const alan = await findByEmail('alan@imp.test');
    expect(alan).toMatchObject({ name: 'Alan M. Turing', jobLevel: 3, version: 2 });
  });

  it('reports every bad row by row and column, and changes nothing', async () => {
    const before = await peopleCount();
    const res = await importCsv(
      csv(
        'E10,Valid Person,valid@imp.test,Analyst,2,Sales,E2,London,Europe/London,en,2024-01-01,1999,,',
        'E11,,nameless@imp.test,Analyst,2,Sales,,London,Europe/London,en,2024-01-01,1999,,',
        'E12,Bad Level,badlevel@imp.test,Analyst,eleventy,Sales,,London,Europe/London,en,2024-01-01,1999,,',
        'E13,Bad Zone,badzone@imp.test,Analyst,2,Sales,,London,Mars/Olympus,en,2024-02-30,1999,,',
        'E14,Ghost Boss,ghost@imp.test,Analyst,2,Sales,nobody@imp.test,London,Europe/London,en,2024-01-01,1999,,',
        'E15,Twice,valid@imp.test,Analyst,2,Sales,,London,Europe/London,en,2024-01-01,1999,,',
      ),
    );
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    const errors = body.error.details.report.errors as { row: number; column: string; message: string }[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: 'name' }),
        expect.objectContaining({ row: 4, column: 'job_level' }),
        expect.objectContaining({ row: 5, column: 'time_zone' }),
        expect.objectContaining({ row: 5, column: 'hire_date' }),
        expect.objectContaining({
          row: 6,
          column: 'manager',
          message: expect.stringContaining('nobody@imp.test'),
        }),
        expect.objectContaining({ row: 7, column: 'email', message: 'repeats the email of row 2' }),
      ]),
    );
    expect(errors.some((e) => e.row === 2)).toBe(false);
    expect(body.error.fields[0]).toEqual({
      path: expect.stringMatching(/^row \d+\./),
      message: expect.any(String),
    });
    expect(await peopleCount()).toBe(before);
  });

  it('imports the valid rows and skips the rest with --skip-invalid', async () => {
    const before = await peopleCount();
    const res = await importCsv(
      csv(
        'E20,Kept Person,kept@imp.test,Analyst,2,Sales,E2,London,Europe/London,en,2024-01-01,1999,,',
        'E21,Lost Person,lost@imp.test,Analyst,99,Sales,,London,Europe/London,en,2024-01-01,1999,,',
        // reports to a skipped row, so it cannot be imported either
        'E22,Orphan,orphan@imp.test,Analyst,2,Sales,E21,London,Europe/London,en,2024-01-01,1999,,',
      ),
      '?skipInvalid=true',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, skipped: 2, applied: true });
    expect(res.json().errors.map((e: { row: number }) => e.row)).toEqual([3, 4]);
    expect(await peopleCount()).toBe(before + 1);
  });

  it('refuses a reporting-line cycle, inside the file or through people already here', async () => {
    const inFile = await importCsv(
      csv(
        'E30,Loop A,loopa@imp.test,Lead,4,Ops,E31,London,Europe/London,en,,,,',
        'E31,Loop B,loopb@imp.test,Lead,4,Ops,E30,London,Europe/London,en,,,,',
      ),
    );
    expect(inFile.statusCode).toBe(400);
    const rows = inFile
      .json()
      .error.details.report.errors.filter((e: { message: string }) => /cycle/.test(e.message));
    expect(rows.map((e: { row: number }) => e.row).sort()).toEqual([2, 3]);
    // Grace (no manager) would report to Alan, who reports up to Grace.
    const throughDb = await importCsv(
      csv(',Grace Hopper,grace@imp.test,CEO,8,Operations,E3,New York,America/New_York,en,,,,'),
    );
    expect(throughDb.statusCode).toBe(400);
    expect(throughDb.json().error.details.report.errors[0]).toMatchObject({
      row: 2,
      column: 'manager',
      message: expect.stringContaining('cycle'),
    });
    expect((await findByEmail('grace@imp.test')).managerId).toBeNull();
  });

  it('validates without writing in a dry run', async () => {
    const before = await peopleCount();
    const res = await importCsv(
      csv('E40,Dry Run,dry@imp.test,Analyst,2,Sales,,London,Europe/London,en,,,,'),
      '?dryRun=true',
    );
    expect(res.json()).toMatchObject({ created: 1, applied: false, dryRun: true, errors: [] });
    expect(await peopleCount()).toBe(before);
  });

  it('names a missing required column and ignores unknown ones', async () => {
    const missing = await importCsv('name,email\nNo Level,nolevel@imp.test');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.report.errors).toEqual([
      { row: 1, column: 'job_level', message: expect.stringContaining('job_level') },
    ]);
    const extra = await importCsv(
      'Full Name,Work Email,Grade,Cost Centre\nExtra Columns,extra@imp.test,3,CC-12',
    );
    expect(extra.statusCode).toBe(200);
    expect(extra.json()).toMatchObject({ created: 1, ignoredColumns: ['Cost Centre'] });
  });

  it('rejects a file that is not CSV, and a body that is not text/csv', async () => {
    const broken = await importCsv('name,email,job_level\n"unterminated,a@imp.test,2');
    expect(broken.statusCode).toBe(400);
    expect(broken.json().error.details.report.errors[0].message).toMatch(/not valid CSV/);
    const json = await as(
      t.app,
      org.cookies.org_admin,
    )({ method: 'POST', url: '/api/people/import', payload: { csv: 'x' } });
    expect(json.statusCode).toBe(415);
    expect(json.json().error.fields[0].path).toBe('content-type');
  });

  it('keeps organisations apart: a manager email of another organisation does not resolve', async () => {
    const res = await importCsv(
      csv(
        'E50,Cross Org,cross@imp.test,Analyst,2,Sales,org_admin@imp-other.test,London,Europe/London,en,,,,',
      ),
    );
    expect(res.statusCode).toBe(400);
    expect(await peopleCount(other.cookies.org_admin)).toBe(4);
  });

  it('is not open to participants or sponsors', async () => {
    for (const role of ['participant', 'sponsor'] as const) {
      const res = await importCsv(
        csv('E60,No Access,noaccess@imp.test,Analyst,2,Sales,,London,Europe/London,en,,,,'),
        '',
        org.cookies[role],
      );
      expect(res.statusCode).toBe(403);
    }
  });
});

describe('the row cap', () => {
  let capped: TestApp;
  let capOrg: TestOrg;
  beforeAll(async () => {
    capped = await createTestApp({ TWOWAY_IMPORT_MAX_ROWS: '3' });
    capOrg = await createTestOrg(capped, 'cap');
  });
  afterAll(() => capped.close());

  const row = (i: number) =>
    `C${i},Capped ${i},capped${i}@cap.test,Analyst,2,Sales,,London,Europe/London,en,,,,`;
  const post = (body: string, query = '') =>
    as(
      capped.app,
      capOrg.cookies.org_admin,
    )({
      method: 'POST',
      url: `/api/people/import${query}`,
      headers: { 'content-type': 'text/csv' },
      payload: body,
    });
  const count = async () =>
    (
      await as(capped.app, capOrg.cookies.org_admin)({ method: 'GET', url: '/api/people?status=all&limit=1' })
    ).json().total as number;

  it('refuses a file over the configured row cap with 413, changing nothing, even in a dry run', async () => {
    const before = await count();
    for (const query of ['', '?dryRun=true', '?skipInvalid=true']) {
      const res = await post(csv(row(1), row(2), row(3), row(4)), query);
      expect(res.statusCode).toBe(413);
      expect(res.json().error).toMatchObject({
        code: 'payload_too_large',
        message: expect.stringContaining('more than 3 rows'),
        fields: [{ path: 'file', message: 'has more than 3 rows' }],
      });
    }
    expect(await count()).toBe(before);
  });

  it('takes a file of exactly the cap', async () => {
    const before = await count();
    const res = await post(csv(row(1), row(2), row(3)));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 3, created: 3, applied: true });
    expect(await count()).toBe(before + 3);
  });
});

describe('a large file, checked in a worker thread', () => {
  const importInWorker = (body: string, options: { dryRun?: boolean; maxRows?: number } = {}) =>
    importPeople(t.database.db, systemActor(org.orgId), Buffer.from(body), {
      maxRows: options.maxRows ?? 1000,
      dryRun: options.dryRun ?? false,
      worker: true,
    });

  it('names each bad row and field from the worker, and changes nothing', async () => {
    const before = await peopleCount();
    const report = await importInWorker(
      csv(
        'W1,Worker One,w1@imp.test,Analyst,2,Sales,,London,Europe/London,en,2024-01-01,1999,,',
        'W2,Worker Two,w2@imp.test,Analyst,eleventy,Sales,W1,London,Mars/Olympus,en,2024-01-01,1999,,',
        'W3,Worker Three,w1@imp.test,Analyst,2,Sales,nobody@imp.test,London,Europe/London,en,2024-01-01,1999,,',
      ),
    );
    expect(report).toMatchObject({ rows: 3, applied: false });
    expect(report.errors).toEqual([
      { row: 3, column: 'job_level', message: expect.any(String) },
      { row: 3, column: 'time_zone', message: expect.any(String) },
      { row: 4, column: 'email', message: 'repeats the email of row 2' },
    ]);
    expect(await peopleCount()).toBe(before);
  });

  it('imports from the worker, reports listed before their manager included, and updates on re-import', async () => {
    const before = await peopleCount();
    const rows = [
      'W13,Worker Thirteen,w13@imp.test,Analyst,2,Sales,W12,London,Europe/London,en;de,2024-01-01,1999,,',
      'W12,Worker Twelve,w12@imp.test,Lead,4,Sales,W11,London,Europe/London,en,2020-01-01,1985,,',
      'W11,"Worker ""Eleven"", Jr.",w11@imp.test,Head,6,Sales,,London,Europe/London,en,2010-01-01,1970,,',
    ];
    const first = await importInWorker(csv(...rows));
    expect(first).toMatchObject({ rows: 3, created: 3, updated: 0, applied: true, errors: [] });
    expect(await peopleCount()).toBe(before + 3);
    const [w11, w12, w13] = await Promise.all(['w11', 'w12', 'w13'].map((w) => findByEmail(`${w}@imp.test`)));
    expect(w11).toMatchObject({ name: 'Worker "Eleven", Jr.', managerId: null });
    expect(w12.managerId).toBe(w11.id);
    expect(w13).toMatchObject({ managerId: w12.id, languages: ['en', 'de'], jobLevel: 2 });

    const again = await importInWorker(csv(rows[0]?.replace('Analyst,2', 'Senior Analyst,3') ?? ''));
    expect(again).toMatchObject({ created: 0, updated: 1, applied: true });
    expect(await findByEmail('w13@imp.test')).toMatchObject({ jobLevel: 3, version: 2, managerId: w12.id });
  });

  it('takes an upload of 1 MB or more through the worker thread over HTTP', async () => {
    // The list's total stops counting at 1,000: count in the database.
    const stored = async () => (await t.database.db.$count(people, eq(people.orgId, org.orgId))) as number;
    const before = await stored();
    const wide = (i: number) =>
      `B${i},Big ${i},big${i}@imp.test,${'T'.repeat(200)},3,${'D'.repeat(200)},${i > 1 ? 'B1' : ''},${'L'.repeat(150)},Europe/Berlin,de,,,,`;
    const body = csv(...Array.from({ length: 2000 }, (_, i) => wide(i + 1)));
    expect(body.length).toBeGreaterThanOrEqual(workerFromBytes);
    const res = await importCsv(body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 2000, created: 2000, applied: true, errors: [] });
    expect(await stored()).toBe(before + 2000);
    expect((await findByEmail('big2000@imp.test')).managerId).toBe((await findByEmail('big1@imp.test')).id);
  });

  it('refuses a file over the row cap with 413 from the worker', async () => {
    const body = csv(
      ...[1, 2, 3].map(
        (i) => `W2${i},Capped ${i},capped${i}@imp.test,Analyst,2,Sales,,London,Europe/London,en,,,,`,
      ),
    );
    await expect(importInWorker(body, { maxRows: 2 })).rejects.toMatchObject({
      code: 'payload_too_large',
      fields: [{ path: 'file', message: 'has more than 2 rows' }],
    });
  });
});
