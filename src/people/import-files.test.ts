// HR exports as they come: presets, encodings, dialects, dates, spreadsheets, grades,
// the saved mapping and leavers, each through the HTTP API with a committed real file.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';

let t: TestApp;
let org: TestOrg;

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name));
const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const api = (options: { method: string; url: string; payload?: unknown; headers?: Record<string, string> }) =>
  as(t.app, org.cookies.org_admin)(options as never);
const upload = (url: string, body: Buffer | string, type = 'text/csv') =>
  api({ method: 'POST', url, headers: { 'content-type': type }, payload: body });
const person = async (email: string) =>
  (await api({ method: 'GET', url: `/api/people?q=${encodeURIComponent(email)}&status=all` })).json()
    .items[0];
const peopleCount = async () =>
  (await api({ method: 'GET', url: '/api/people?status=all&limit=1' })).json().total;

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'hr');
});
afterAll(() => t.close());

describe('HR exports as they come', () => {
  it('imports a BambooHR export through its preset, with no manual step', async () => {
    const res = await upload('/api/people/import', fixture('bamboohr.csv'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({
      created: 3,
      errors: [],
      file: {
        preset: 'BambooHR',
        mappingSource: 'preset',
        encoding: 'utf-8',
        delimiter: ',',
        dateFormat: 'MM/DD/YYYY',
      },
    });
    const sofia = await person('sofia.rossi@bamboo.example');
    const liam = await person('liam.chen@bamboo.example');
    expect(sofia).toMatchObject({
      name: 'Sofia Rossi',
      employeeId: '1003',
      jobLevel: 3,
      hireDate: '2023-11-30',
    });
    expect(sofia.managerId).toBe(liam.id);
  });

  it('reads a semicolon file with a UTF-8 byte-order mark and dotted dates (Personio)', async () => {
    const res = await upload('/api/people/import', fixture('personio.csv'));
    expect(res.statusCode).toBe(200);
    expect(res.json().file).toMatchObject({ preset: 'Personio', delimiter: ';', encoding: 'utf-8' });
    expect(await person('juergen.weiss@personio.example')).toMatchObject({
      name: 'Jürgen Weiß',
      jobTitle: 'Geschäftsführer',
      hireDate: '2020-02-01',
    });
  });

  it('reads a Windows-1252 file with names intact', async () => {
    const res = await upload('/api/people/import', fixture('windows-1252.csv'));
    expect(res.statusCode).toBe(200);
    expect(res.json().file.encoding).toBe('windows-1252');
    expect(await person('jose.garcia@win.example')).toMatchObject({
      name: 'José García',
      jobTitle: 'Jefe de ventas – Iberia',
      hireDate: '2019-05-06',
    });
    expect((await person('angstrom@win.example')).name).toBe('Ångström Ærø');
  });

  it('reads UTF-16 with tabs (HiBob) and ISO-8859-1 with NO_MANAGER (SAP SuccessFactors)', async () => {
    const bob = await upload('/api/people/import', fixture('hibob.csv'));
    expect(bob.statusCode).toBe(200);
    expect(bob.json().file).toMatchObject({
      preset: 'HiBob',
      encoding: 'utf-16le',
      delimiter: '\t',
      dateFormat: 'DD/MM/YYYY',
    });
    expect(await person('oren.katz@bob.example')).toMatchObject({
      name: 'Oren Katz',
      hireDate: '2021-11-04',
    });
    const sf = await upload('/api/people/import', fixture('successfactors.csv'));
    expect(sf.statusCode).toBe(200);
    expect(sf.json().file).toMatchObject({ preset: 'SAP SuccessFactors', encoding: 'iso-8859-1' });
    const martin = await person('martin.nunez@sf.example');
    expect(martin).toMatchObject({ name: 'Martín Núñez', hireDate: '2021-06-03', timeZone: 'Europe/Paris' });
    expect(martin.managerId).toBe((await person('francoise.dupre@sf.example')).id);
  });

  it('imports a Rippling report through its preset', async () => {
    const res = await upload('/api/people/import', fixture('rippling.csv'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, file: { preset: 'Rippling' } });
  });

  it('maps grade names to levels once: Workday management levels', async () => {
    const before = await peopleCount();
    const preview = await upload('/api/people/import/preview', fixture('workday.csv'));
    expect(preview.statusCode).toBe(200);
    expect(preview.json()).toMatchObject({
      preset: { name: 'Workday' },
      mapping: { employee_id: 'Employee ID', first_name: 'Legal First Name', job_level: 'Management Level' },
      grades: [
        { grade: 'Vice President', level: null },
        { grade: 'Manager', level: null },
        { grade: 'Individual Contributor', level: null },
      ],
      rows: 3,
    });
    const refused = await upload('/api/people/import', fixture('workday.csv'));
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.report.errors[0]).toMatchObject({
      row: 2,
      column: 'job_level',
      message: expect.stringContaining('"Vice President" has no level'),
    });
    expect(await peopleCount()).toBe(before);
    const saved = await api({
      method: 'PUT',
      url: '/api/people/import/grades',
      payload: { levels: { 'Vice President': 9, Manager: 6, 'Individual Contributor': 3 } },
    });
    expect(saved.statusCode).toBe(200);
    const res = await upload('/api/people/import', fixture('workday.csv'));
    expect(res.statusCode).toBe(200);
    expect(await person('tomas.novak@workday.example')).toMatchObject({ name: 'Tomas Novak', jobLevel: 6 });
  });

  it('saves the admin’s mapping so the next file with the same header maps itself', async () => {
    const file =
      'Nom complet,Courriel,Niveau,Responsable\nAline Morel,aline@map.example,5,\nBruno Petit,bruno@map.example,2,aline@map.example\n';
    const preview = await upload('/api/people/import/preview', file);
    expect(preview.json()).toMatchObject({ mappingSource: 'columns', preset: null });
    expect(preview.json().problems.map((p: { column: string }) => p.column)).toEqual([
      'name',
      'email',
      'job_level',
    ]);
    const bad = await api({
      method: 'PUT',
      url: '/api/people/import/mapping',
      payload: { header: preview.json().header, mapping: { name: 'Full name' } },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('mapping.name');
    const save = await api({
      method: 'PUT',
      url: '/api/people/import/mapping',
      payload: {
        header: preview.json().header,
        mapping: { name: 'Nom complet', email: 'Courriel', job_level: 'Niveau', manager: 'Responsable' },
      },
    });
    expect(save.statusCode).toBe(200);
    const next = `${file.split('\n')[0]}\nChloé Roux,chloe@map.example,3,aline@map.example\n`;
    const again = await upload('/api/people/import/preview', next);
    expect(again.json()).toMatchObject({ mappingSource: 'saved', problems: [] });
    const res = await upload('/api/people/import', file);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, file: { mappingSource: 'saved' } });
    expect((await person('bruno@map.example')).managerId).toBe((await person('aline@map.example')).id);
  });

  it('asks for the date format when every slashed date reads both ways', async () => {
    const file = 'name,email,job_level,hire_date\nDana Ambiguous,dana@dates.example,2,01/02/2020\n';
    const preview = await upload('/api/people/import/preview', file);
    expect(preview.json()).toMatchObject({ dateFormatNeeded: true, dateFormat: null });
    const refused = await upload('/api/people/import', file);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details.report.errors[0].message).toContain('choose the date format');
    const res = await upload('/api/people/import?dateFormat=DD/MM/YYYY', file);
    expect(res.statusCode).toBe(200);
    expect((await person('dana@dates.example')).hireDate).toBe('2020-02-01');
  });

  it('refuses a file that cannot be decoded cleanly, and changes nothing', async () => {
    const before = await peopleCount();
    const garbage = Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x01, 0x02, 0x03, 0xc3, 0x28, 0x0a]);
    const res = await upload('/api/people/import', garbage);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.report.errors[0].message).toMatch(/cannot be read cleanly|neither UTF-8/);
    expect(await peopleCount()).toBe(before);
  });

  it('reads an .xlsx workbook: the first sheet, or the one chosen', async () => {
    const res = await upload('/api/people/import', fixture('people.xlsx'), xlsxType);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 2, file: { format: 'xlsx', sheet: 'People' } });
    expect(await person('ingrid@xlsx.example')).toMatchObject({
      name: 'Ingrid Solberg',
      jobLevel: 7,
      hireDate: '2016-09-12',
    });
    const chosen = await upload('/api/people/import?sheet=Contractors', fixture('people.xlsx'), xlsxType);
    expect(chosen.json()).toMatchObject({ created: 1, file: { sheet: 'Contractors' } });
    const missing = await upload('/api/people/import?sheet=Nope', fixture('people.xlsx'), xlsxType);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.details.report.errors[0]).toMatchObject({ column: 'sheet' });
  });

  it('updates leavers from a terminations file without touching anything else', async () => {
    const before = await person('priya.nair@workday.example');
    const unknown = await upload(
      '/api/people/leavers',
      'Employee ID,Termination Date\nW-102,2024-06-30\nNOPE,2024-06-30\n',
    );
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.details.report.errors).toEqual([
      { row: 3, column: 'employee_id', message: 'no person with employee id "NOPE"' },
    ]);
    expect((await person('priya.nair@workday.example')).leaveDate).toBeNull();
    const res = await upload('/api/people/leavers', fixture('leavers.csv'));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: 1, updated: 1, applied: true });
    const after = await person('priya.nair@workday.example');
    expect(after).toMatchObject({
      leaveDate: '2024-06-30',
      leaveReason: 'Resigned: moved abroad',
      version: before.version + 1,
    });
    const { leaveDate, leaveReason, version, updatedAt, ...rest } = after;
    const { leaveDate: _d, leaveReason: _r, version: _v, updatedAt: _u, ...restBefore } = before;
    expect(rest).toEqual(restBefore);
  });

  it('keeps the mapping step to managers and admins', async () => {
    const res = await as(
      t.app,
      org.cookies.participant,
    )({
      method: 'POST',
      url: '/api/people/import/preview',
      headers: { 'content-type': 'text/csv' },
      payload: fixture('bamboohr.csv'),
    });
    expect(res.statusCode).toBe(403);
  });
});
