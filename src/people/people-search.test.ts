import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { migrationsFolder } from '../db/client.js';
import { rowsOf } from '../db/rows.js';

let t: TestApp;
let north: TestOrg;
let south: TestOrg;

beforeAll(async () => {
  t = await createTestApp();
  north = await createTestOrg(t, 'search-north');
  south = await createTestOrg(t, 'search-south');
});
afterAll(() => t.close());

const search = async (org: TestOrg, query: string) => {
  const res = await as(t.app, org.cookies.org_admin)({ method: 'GET', url: `/api/people?${query}` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { items: { id: string; name: string }[]; total: number; totalExact: boolean };
};
const names = async (org: TestOrg, query: string) => (await search(org, query)).items.map((p) => p.name);

/** People whose search row is missing, left over or differs from what their fields say now. */
async function stale(): Promise<number> {
  const [row] = rowsOf<{ n: number }>(
    await t.database.db.execute(sql`
      select count(*)::int as n from people p full join people_search s on s.person_id = p.id
      where p.id is null or s.person_id is null
        or (s.org_id, s.name_key, s.search_text, s.employee_id, s.department, s.current) is distinct from
           (p.org_id, lower(p.name), lower(p.name) || ' ' || lower(p.email) || ' ' || coalesce(lower(p.job_title), ''),
            p.employee_id, p.department, p.leave_date is null)`),
  );
  return Number(row?.n);
}

describe('people search', () => {
  it("finds only the searching organisation's people, namesakes and employee ids alike", async () => {
    for (const [org, slug] of [
      [north, 'north'],
      [south, 'south'],
    ] as const) {
      await t.database.db.execute(sql`
        insert into people (org_id, name, email, job_level, job_title, employee_id)
        values (${org.orgId}, 'Tamsin Ellory', ${`tamsin@${slug}.test`}, 3, 'Tenant tester', 'E-7001'),
               (${org.orgId}, ${`Ellory ${slug}`}, ${`other@${slug}.test`}, 3, null, null)`);
    }
    const northIds = rowsOf<{ id: string }>(
      await t.database.db.execute(sql`select id from people where org_id = ${north.orgId}`),
    ).map((r) => r.id);
    const found = await search(north, 'q=ellory');
    expect(found.items.map((p) => p.name)).toEqual(['Ellory north', 'Tamsin Ellory']);
    expect(found).toMatchObject({ total: 2, totalExact: true });
    expect(found.items.every((p) => northIds.includes(p.id))).toBe(true);
    expect(await names(south, 'q=ellory')).toEqual(['Ellory south', 'Tamsin Ellory']);
    expect(await names(south, 'q=north')).toEqual([]);
    const byEmployeeId = (await search(south, 'q=E-7001')).items;
    expect(byEmployeeId.map((p) => p.name)).toEqual(['Tamsin Ellory']);
    expect(northIds).not.toContain(byEmployeeId[0]?.id);
    expect((await search(north, 'q=tenant%20tes&count=exact')).total).toBe(1);
  });

  it('follows people added, edited, leaving and erased in bulk, straight in the database', async () => {
    const org = north.orgId;
    await t.database.db.execute(sql`
      insert into people (org_id, name, email, job_level, department, employee_id)
      select ${org}, 'Bulk Walker ' || n, 'walker' || n || '@north.test', 2, 'Sales', 'W-' || n
      from generate_series(1, 30) n`);
    expect(await stale()).toBe(0);
    expect((await search(north, 'q=walker&limit=5')).total).toBe(30);
    // Ten leave, five move department, one is renamed; a level change moves nothing searched.
    await t.database.db.execute(sql`
      update people set leave_date = '2026-01-31' where org_id = ${org} and employee_id in
        (select 'W-' || n from generate_series(1, 10) n)`);
    await t.database.db.execute(sql`
      update people set department = 'Legal' where org_id = ${org} and employee_id in
        (select 'W-' || n from generate_series(21, 25) n)`);
    await t.database.db.execute(sql`
      update people set name = 'Bulk Runner 30' where org_id = ${org} and employee_id = 'W-30'`);
    await t.database.db.execute(sql`update people set job_level = 3 where org_id = ${org}`);
    expect(await stale()).toBe(0);
    // The renamed one is still found by their email.
    expect((await search(north, 'q=walker')).total).toBe(20);
    expect((await search(north, 'q=walker&status=left')).total).toBe(10);
    expect((await search(north, 'q=walker&status=all')).total).toBe(30);
    expect(await names(north, 'q=walker&department=Legal')).toEqual([
      'Bulk Walker 21',
      'Bulk Walker 22',
      'Bulk Walker 23',
      'Bulk Walker 24',
      'Bulk Walker 25',
    ]);
    // The employee id as typed, whatever the text says; a left person only among those who left.
    expect(await names(north, 'q=W-30')).toEqual(['Bulk Runner 30']);
    expect(await names(north, 'q=W-3&status=left')).toEqual(['Bulk Walker 3']);
    await t.database.db.execute(sql`delete from people where org_id = ${org} and name like 'Bulk %'`);
    expect(await stale()).toBe(0);
    expect((await search(north, 'q=bulk')).total).toBe(0);
  });

  it('is filled by its migration from the people already present', async () => {
    const backfill = readFileSync(join(migrationsFolder, '0025_people_search.sql'), 'utf8')
      .split('--> statement-breakpoint')
      .find((s) => s.includes('INSERT INTO "people_search"') && !s.includes('FUNCTION'));
    expect(backfill).toBeDefined();
    await t.database.db.execute(sql`delete from people_search`);
    expect(await stale()).toBeGreaterThan(8);
    await t.database.db.execute(sql.raw(backfill as string));
    expect(await stale()).toBe(0);
    expect(await names(north, 'q=ellory')).toEqual(['Ellory north', 'Tamsin Ellory']);
  });
});
