// The enrolment counts programme lists show come from counters kept by triggers (decision 082).
// Each change is made straight in the database, and the list must agree with a recount.
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { rowsOf } from '../db/rows.js';

let t: TestApp;
let org: TestOrg;
const programmeIds: string[] = [];

const manager = () => as(t.app, org.cookies.programme_manager);
const run = (query: ReturnType<typeof sql>) => t.database.db.execute(query);

/** What GET /api/programmes says, and what counting the enrolments says, per programme. */
async function listedAndCounted() {
  const listed = (await manager()({ method: 'GET', url: '/api/programmes' })).json() as {
    id: string;
    enrolled: { people: number; mentors: number; mentees: number };
  }[];
  const counted = rowsOf<{ id: string; people: number; mentors: number; mentees: number }>(
    await run(sql`
      select p.id,
        count(e.id) filter (where e.status = 'active')::int as people,
        count(e.id) filter (where e.status = 'active' and e.role <> 'mentee')::int as mentors,
        count(e.id) filter (where e.status = 'active' and e.role <> 'mentor')::int as mentees
      from programmes p left join enrolments e on e.programme_id = p.id
      where p.org_id = ${org.orgId} group by p.id`),
  );
  return {
    listed: Object.fromEntries(listed.map((p) => [p.id, p.enrolled])),
    counted: Object.fromEntries(counted.map(({ id, ...c }) => [id, c])),
  };
}

async function expectAgreement() {
  const { listed, counted } = await listedAndCounted();
  expect(listed).toEqual(counted);
  return counted;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'enr-counts');
  for (const name of ['Counted A', 'Counted B']) {
    const p = await manager()({
      method: 'POST',
      url: '/api/programmes',
      payload: { name, kind: 'mutual', cohortStart: '2027-01-01', cohortEnd: '2027-06-30' },
    });
    programmeIds.push(p.json().id);
  }
  await run(sql`
    insert into people (org_id, name, email, job_level)
    select ${org.orgId}, 'Counted ' || n, 'counted' || n || '@counted.test', 2 from generate_series(1, 12) n`);
});
afterAll(() => t.close());

describe('programme lists count enrolments from counters', () => {
  it('agree with a recount after bulk enrolments, edits, withdrawals, moves and deletions', async () => {
    const [a, b] = programmeIds as [string, string];
    // One statement enrols twelve people in A with every role, and four in B.
    await run(sql`
      insert into enrolments (org_id, programme_id, person_id, role, consent_at)
      select ${org.orgId}, ${a}, id, (array['mentor', 'mentee', 'both'])[1 + row_number() over (order by id) % 3], now()
      from people where org_id = ${org.orgId} and email like '%@counted.test'`);
    await run(sql`
      insert into enrolments (org_id, programme_id, person_id, role, consent_at)
      select ${org.orgId}, ${b}, id, 'mentee', now()
      from people where org_id = ${org.orgId} and email like '%@counted.test' order by id limit 4`);
    expect((await expectAgreement())[a]).toEqual({ people: 12, mentors: 8, mentees: 8 });
    // An edit that changes no count, then a change of role, then withdrawals and a return.
    await run(sql`update enrolments set goals = 'more' where programme_id = ${a}`);
    await run(sql`update enrolments set role = 'mentor' where programme_id = ${b} and role = 'mentee'`);
    await expectAgreement();
    await run(sql`
      update enrolments set status = 'withdrawn'
      where id in (select id from enrolments where programme_id = ${a} order by id limit 5)`);
    await expectAgreement();
    await run(sql`
      update enrolments set status = 'active'
      where id in (select id from enrolments where programme_id = ${a} and status = 'withdrawn' order by id limit 2)`);
    await expectAgreement();
    // An enrolment moved between programmes, then people erased (their enrolments go with them).
    await run(sql`
      update enrolments set programme_id = ${b}
      where id = (select id from enrolments where programme_id = ${a} and status = 'active'
                  and person_id not in (select person_id from enrolments where programme_id = ${b}) order by id limit 1)`);
    await expectAgreement();
    await run(sql`
      delete from people where id in (
        select person_id from enrolments where programme_id = ${b} order by person_id limit 2)`);
    await expectAgreement();
    // A programme deleted with its enrolments leaves no counter behind.
    await run(sql`delete from programmes where id = ${b}`);
    await expectAgreement();
    const left = rowsOf(await run(sql`select 1 from programme_enrolment_counts where programme_id = ${b}`));
    expect(left).toHaveLength(0);
  });

  it('count what is enrolled through the API, as the programme page shows it', async () => {
    const [a] = programmeIds as [string];
    const before = (await expectAgreement())[a];
    const person = org.personIds.participant;
    await run(sql`update programmes set status = 'enrolling' where id = ${a}`);
    const topic = (
      await manager()({
        method: 'POST',
        url: '/api/topics',
        payload: { name: 'Counting', category: 'career' },
      })
    ).json().id as string;
    await run(
      sql`insert into programme_topics (programme_id, topic_id, org_id) values (${a}, ${topic}, ${org.orgId})`,
    );
    const enrolled = await manager()({
      method: 'POST',
      url: `/api/programmes/${a}/enrolments`,
      payload: { personId: person, role: 'mentee', seeks: [{ topicId: topic, priority: 1 }], consent: true },
    });
    expect(enrolled.statusCode, enrolled.body).toBe(201);
    const shown = (await manager()({ method: 'GET', url: `/api/programmes/${a}` })).json().enrolled;
    expect(shown).toEqual({
      people: (before?.people ?? 0) + 1,
      mentors: before?.mentors ?? 0,
      mentees: (before?.mentees ?? 0) + 1,
    });
    await expectAgreement();
  });
});
