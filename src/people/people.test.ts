import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';

let t: TestApp;
let org: TestOrg;
const admin = () => as(t.app, org.cookies.org_admin);
const add = async (payload: Record<string, unknown>) => {
  const res = await admin()({ method: 'POST', url: '/api/people', payload });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'ppl');
});
afterAll(() => t.close());

describe('people', () => {
  it('are created with defaults and normalised email', async () => {
    const p = await add({
      name: 'Mary Jackson',
      email: 'Mary.Jackson@PPL.test',
      jobLevel: 4,
      languages: ['EN', 'fr'],
    });
    expect(p).toMatchObject({
      email: 'mary.jackson@ppl.test',
      timeZone: 'UTC',
      languages: ['en', 'fr'],
      managerId: null,
      version: 1,
    });
  });

  it('refuse a duplicate email with a conflict naming the field', async () => {
    const res = await admin()({
      method: 'POST',
      url: '/api/people',
      payload: { name: 'Copy', email: 'mary.jackson@ppl.test', jobLevel: 2 },
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([{ path: 'email', message: 'is already in use' }]);
  });

  it('name each invalid field', async () => {
    const res = await admin()({
      method: 'POST',
      url: '/api/people',
      payload: {
        name: '',
        email: 'nope',
        jobLevel: 2.5,
        timeZone: 'Moon/Base',
        hireDate: '2024-13-01',
        languages: ['english'],
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = res
      .json()
      .error.fields.map((f: { path: string }) => f.path)
      .sort();
    expect(paths).toEqual(['email', 'hireDate', 'jobLevel', 'languages.0', 'name', 'timeZone']);
  });

  it('search by name, email or title and page in a stable order', async () => {
    for (let i = 0; i < 12; i++)
      await add({
        name: `Pager ${String(i).padStart(2, '0')}`,
        email: `pager${i}@ppl.test`,
        jobLevel: 2,
        jobTitle: 'Analyst',
      });
    const first = (await admin()({ method: 'GET', url: '/api/people?q=pager&limit=5' })).json();
    const second = (await admin()({ method: 'GET', url: '/api/people?q=pager&limit=5&offset=5' })).json();
    expect(first.total).toBe(12);
    expect(first.items.map((p: { name: string }) => p.name)).toEqual([
      'Pager 00',
      'Pager 01',
      'Pager 02',
      'Pager 03',
      'Pager 04',
    ]);
    expect(second.items[0].name).toBe('Pager 05');
    const byTitle = (await admin()({ method: 'GET', url: '/api/people?q=analyst&limit=1' })).json();
    expect(byTitle.total).toBe(12);
    const short = (await admin()({ method: 'GET', url: '/api/people?q=Pa&limit=1' })).json();
    // Twelve pagers and "participant ppl".
    expect(short).toMatchObject({ total: 13, items: [{ name: 'Pager 00' }] });
    // LIKE wildcards in a search are taken literally.
    expect((await admin()({ method: 'GET', url: '/api/people?q=%25' })).json().total).toBe(0);
    const bad = await admin()({ method: 'GET', url: '/api/people?limit=100000' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('querystring.limit');
  });

  it('count a page only 1,000 people past itself unless the exact count is asked for', async () => {
    const big = await createTestOrg(t, 'ppl-count');
    await t.database.db.execute(sql`
      insert into people (org_id, name, email, job_level)
      select ${big.orgId}, 'Counted ' || (1101 - n), 'counted' || n || '@count.test', 2 from generate_series(1, 1100) n`);
    const list = (url: string) => as(t.app, big.cookies.org_admin)({ method: 'GET', url });
    // 1,100 people plus the organisation's own four: more than a page and its horizon.
    const capped = (await list('/api/people?limit=50')).json();
    expect(capped).toMatchObject({ total: 1_050, totalExact: false, offset: 0 });
    expect(capped.items).toHaveLength(50);
    expect((await list('/api/people?limit=50&count=exact')).json()).toMatchObject({
      total: 1_104,
      totalExact: true,
    });
    // Near the end the horizon covers the rest, so the count is exact again.
    expect((await list('/api/people?limit=50&offset=100')).json()).toMatchObject({
      total: 1_104,
      totalExact: true,
    });
    expect((await list('/api/people?q=counted 1&limit=5')).json()).toMatchObject({ totalExact: true });
    // A search past its count's cap walks the names; one within it sorts its matches. Both give the
    // same pages (names were inserted last first, so the first matches found are not the first page).
    const names = async (url: string) => {
      const page = (await list(url)).json();
      return {
        total: page.total,
        totalExact: page.totalExact,
        names: page.items.map((p: { name: string }) => p.name),
      };
    };
    const walked = await names('/api/people?q=counted&limit=50');
    const sorted = await names('/api/people?q=counted&limit=50&count=exact');
    expect(walked).toMatchObject({ total: 1_050, totalExact: false });
    expect(sorted).toMatchObject({ total: 1_100, totalExact: true });
    expect(walked.names).toHaveLength(50);
    expect(walked.names).toEqual(sorted.names);
    expect(walked.names.slice(0, 3)).toEqual(['Counted 1', 'Counted 10', 'Counted 100']);
    expect(await names('/api/people?q=counted&limit=50&offset=1000')).toEqual(
      await names('/api/people?q=counted&limit=50&offset=1000&count=exact'),
    );
    // Past the end: no page, and the count says why.
    expect(await names('/api/people?q=counted&limit=50&offset=1100')).toEqual({
      total: 1_100,
      totalExact: true,
      names: [],
    });
    const bad = await list('/api/people?count=all');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('querystring.count');
  });

  it('are found by what their name, email and title say now, whatever the case', async () => {
    const p = await add({
      name: 'Quentin Vale',
      email: 'q.vale@ppl.test',
      jobTitle: 'Cartographer',
      jobLevel: 3,
    });
    const found = async (q: string) =>
      (
        (await admin()({ method: 'GET', url: `/api/people?q=${encodeURIComponent(q)}` })).json().items as {
          id: string;
        }[]
      ).some((x) => x.id === p.id);
    expect(await found('CARTOGRAPH')).toBe(true);
    const edit = await admin()({
      method: 'PATCH',
      url: `/api/people/${p.id}`,
      payload: { name: 'Quentin Hale', jobTitle: 'Surveyor', email: 'q.hale@ppl.test', version: p.version },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(await found('cartograph')).toBe(false);
    expect(await found('vale')).toBe(false);
    expect(await found('SURVEYOR')).toBe(true);
    expect(await found('q.hale@')).toBe(true);
    expect(await found('tin hal')).toBe(true);
  });

  it('keep the reporting line free of cycles', async () => {
    const top = await add({ name: 'Top', email: 'top@ppl.test', jobLevel: 7 });
    const middle = await add({ name: 'Middle', email: 'middle@ppl.test', jobLevel: 5, managerId: top.id });
    const bottom = await add({ name: 'Bottom', email: 'bottom@ppl.test', jobLevel: 2, managerId: middle.id });
    const loop = await admin()({
      method: 'PATCH',
      url: `/api/people/${top.id}`,
      payload: { managerId: bottom.id, version: top.version },
    });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().error.fields[0]).toMatchObject({
      path: 'managerId',
      message: expect.stringContaining('cycle'),
    });
    const self = await admin()({
      method: 'PATCH',
      url: `/api/people/${top.id}`,
      payload: { managerId: top.id, version: top.version },
    });
    expect(self.json().error.fields[0].message).toMatch(/own manager/);
    const after = (await admin()({ method: 'GET', url: `/api/people/${top.id}` })).json();
    expect(after).toMatchObject({ managerId: null, version: 1 });
  });

  it('record who changed what in the audit log', async () => {
    const p = await add({ name: 'Audited', email: 'audited@ppl.test', jobLevel: 3 });
    await admin()({ method: 'PATCH', url: `/api/people/${p.id}`, payload: { jobLevel: 4, version: 1 } });
    const rows = (await t.database.db.execute(
      `select action, actor_account_id, details from audit_log where entity_id = '${p.id}' order by id`,
    )) as unknown as {
      rows: { action: string; actor_account_id: string | null; details: { fields?: string[] } }[];
    };
    expect(rows.rows.map((r) => r.action)).toEqual(['person.created', 'person.updated']);
    expect(rows.rows[1]?.details.fields).toEqual(['jobLevel']);
    expect(rows.rows.every((r) => r.actor_account_id !== null)).toBe(true);
  });

  it('can be erased by an admin', async () => {
    const p = await add({ name: 'Leaver', email: 'leaver@ppl.test', jobLevel: 3 });
    expect((await admin()({ method: 'DELETE', url: `/api/people/${p.id}` })).statusCode).toBe(204);
    expect((await admin()({ method: 'GET', url: `/api/people/${p.id}` })).statusCode).toBe(404);
  });
});
