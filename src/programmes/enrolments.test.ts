import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';

let t: TestApp;
let org: TestOrg;
let mutualId: string;
let reverseId: string;
const topics: string[] = [];

const manager = () => as(t.app, org.cookies.programme_manager);
const participant = () => as(t.app, org.cookies.participant);

async function openProgramme(kind: string, capacity = 2) {
  const p = await manager()({
    method: 'POST',
    url: '/api/programmes',
    payload: {
      name: `${kind} programme`,
      kind,
      cohortStart: '2027-01-01',
      cohortEnd: '2027-06-30',
      topicIds: topics,
      defaultMentorCapacity: capacity,
    },
  });
  await manager()({
    method: 'POST',
    url: `/api/programmes/${p.json().id}/transitions`,
    payload: { to: 'enrolling' },
  });
  return p.json().id as string;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'enr');
  for (const [name, category] of [
    ['Social media', 'digital_and_technology'],
    ['Strategy', 'leadership'],
    ['Networking', 'networking'],
  ]) {
    topics.push(
      (await manager()({ method: 'POST', url: '/api/topics', payload: { name, category } })).json().id,
    );
  }
  mutualId = await openProgramme('mutual', 1);
  reverseId = await openProgramme('reverse', 2);
});
afterAll(() => t.close());

describe('enrolment', () => {
  it('lets a participant enrol with offers, seeks, goals, availability and consent', async () => {
    const res = await participant()({
      method: 'POST',
      url: `/api/programmes/${mutualId}/enrolments`,
      payload: {
        role: 'both',
        offers: [{ topicId: topics[0], proficiency: 5 }],
        seeks: [{ topicId: topics[1], priority: 1 }],
        goals: 'Learn how strategy is made; share what I know about social channels.',
        availability: [{ day: 2, start: 540, end: 660 }],
        consent: true,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      role: 'both',
      capacity: 1,
      status: 'active',
      personId: org.personIds.participant,
    });
    expect(Date.parse(res.json().consentAt)).toBeGreaterThan(0);
    const me = await participant()({ method: 'GET', url: '/api/me' });
    expect(me.json().enrolments).toHaveLength(1);
  });

  it('refuses an enrolment without consent, naming the field', async () => {
    const res = await participant()({
      method: 'POST',
      url: `/api/programmes/${reverseId}/enrolments`,
      payload: { role: 'mentor', offers: [{ topicId: topics[0], proficiency: 4 }], consent: false },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields[0]).toMatchObject({
      path: 'consent',
      message: expect.stringContaining('must be given'),
    });
  });

  it('checks the profile against the programme: topics, role and capacity', async () => {
    const bad = await participant()({
      method: 'POST',
      url: `/api/programmes/${reverseId}/enrolments`,
      payload: {
        role: 'both',
        offers: [{ topicId: '00000000-0000-4000-8000-000000000001', proficiency: 4 }],
        seeks: [],
        consent: true,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { path: 'role', message: 'can be "both" only in a mutual programme' },
    ]);
    const foreignTopic = await participant()({
      method: 'POST',
      url: `/api/programmes/${reverseId}/enrolments`,
      payload: {
        role: 'mentee',
        seeks: [
          { topicId: '00000000-0000-4000-8000-000000000001', priority: 1 },
          { topicId: topics[1], priority: 9 },
        ],
        consent: true,
      },
    });
    expect(foreignTopic.json().error.fields.map((f: { path: string }) => f.path)).toEqual([
      'seeks.1.priority',
    ]);
    const notInProgramme = await participant()({
      method: 'POST',
      url: `/api/programmes/${reverseId}/enrolments`,
      payload: {
        role: 'mentee',
        seeks: [{ topicId: '00000000-0000-4000-8000-000000000001', priority: 1 }],
        consent: true,
      },
    });
    expect(notInProgramme.json().error.fields).toEqual([
      { path: 'seeks.0.topicId', message: 'is not a topic of this programme' },
    ]);
    const noOffers = await participant()({
      method: 'POST',
      url: `/api/programmes/${reverseId}/enrolments`,
      payload: { role: 'mentor', consent: true },
    });
    expect(noOffers.json().error.fields).toEqual([
      { path: 'offers', message: 'a mentor offers at least one topic' },
    ]);
  });

  it('lets a participant edit only their own enrolment, with the current version', async () => {
    const mine = (
      await participant()({ method: 'GET', url: `/api/programmes/${mutualId}/enrolments` })
    ).json()[0];
    const edit = await participant()({
      method: 'PATCH',
      url: `/api/enrolments/${mine.id}`,
      payload: { goals: 'New goals', version: mine.version },
    });
    expect(edit.statusCode, edit.body).toBe(200);
    expect(edit.json()).toMatchObject({ goals: 'New goals', version: mine.version + 1 });
    const stale = await participant()({
      method: 'PATCH',
      url: `/api/enrolments/${mine.id}`,
      payload: { goals: 'Stale', version: mine.version },
    });
    expect(stale.json().error.code).toBe('stale_version');

    const managerOwn = await manager()({
      method: 'POST',
      url: `/api/programmes/${reverseId}/enrolments`,
      payload: { role: 'mentee', seeks: [{ topicId: topics[0], priority: 1 }], consent: true },
    });
    expect(managerOwn.statusCode, managerOwn.body).toBe(201);
    const theirs = managerOwn.json();
    for (const [method, url, payload] of [
      ['GET', `/api/enrolments/${theirs.id}`, undefined],
      ['PATCH', `/api/enrolments/${theirs.id}`, { goals: 'hijack', version: theirs.version }],
      ['POST', `/api/enrolments/${theirs.id}/withdraw`, undefined],
    ] as const) {
      const res = await participant()({ method, url, ...(payload ? { payload } : {}) });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    const listed = await participant()({ method: 'GET', url: `/api/programmes/${reverseId}/enrolments` });
    expect(listed.json()).toEqual([]);
    const stillThere = await manager()({ method: 'GET', url: `/api/enrolments/${theirs.id}` });
    expect(stillThere.json()).toMatchObject({ goals: '', status: 'active' });
  });

  it('does not let a participant enrol someone else', async () => {
    const res = await participant()({
      method: 'POST',
      url: `/api/programmes/${reverseId}/enrolments`,
      payload: {
        personId: org.personIds.sponsor,
        role: 'mentee',
        seeks: [{ topicId: topics[0], priority: 1 }],
        consent: true,
      },
    });
    expect(res.statusCode).toBe(403);
  });

  it('refuses a second enrolment in the same programme, and allows a return after withdrawing', async () => {
    const payload = { role: 'mentor', offers: [{ topicId: topics[0], proficiency: 3 }], consent: true };
    const first = await participant()({
      method: 'POST',
      url: `/api/programmes/${reverseId}/enrolments`,
      payload,
    });
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().capacity).toBe(2);
    const twice = await participant()({
      method: 'POST',
      url: `/api/programmes/${reverseId}/enrolments`,
      payload,
    });
    expect(twice.statusCode).toBe(409);
    const out = await participant()({ method: 'POST', url: `/api/enrolments/${first.json().id}/withdraw` });
    expect(out.json().status).toBe('withdrawn');
    const back = await participant()({
      method: 'POST',
      url: `/api/programmes/${reverseId}/enrolments`,
      payload,
    });
    expect(back.statusCode).toBe(201);
    expect(back.json().id).toBe(first.json().id);
  });

  it('closes enrolment to participants once matching starts', async () => {
    await manager()({
      method: 'POST',
      url: `/api/programmes/${mutualId}/transitions`,
      payload: { to: 'matching' },
    }).then((r) => expect(r.statusCode, r.body).toBe(409));
    const p = await openProgramme('conventional');
    await manager()({
      method: 'POST',
      url: `/api/programmes/${p}/enrolments`,
      payload: {
        personId: org.personIds.sponsor,
        role: 'mentor',
        offers: [{ topicId: topics[1], proficiency: 5 }],
        consent: true,
      },
    });
    await manager()({
      method: 'POST',
      url: `/api/programmes/${p}/enrolments`,
      payload: {
        personId: org.personIds.org_admin,
        role: 'mentee',
        seeks: [{ topicId: topics[1], priority: 1 }],
        consent: true,
      },
    });
    expect(
      (
        await manager()({
          method: 'POST',
          url: `/api/programmes/${p}/transitions`,
          payload: { to: 'matching' },
        })
      ).statusCode,
    ).toBe(200);
    const late = await participant()({
      method: 'POST',
      url: `/api/programmes/${p}/enrolments`,
      payload: { role: 'mentee', seeks: [{ topicId: topics[1], priority: 1 }], consent: true },
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toMatch(/not taking enrolments/);
  });
  it('pages the enrolment list for managers, with the whole count in a header', async () => {
    const all = await manager()({ method: 'GET', url: `/api/programmes/${reverseId}/enrolments?status=all` });
    expect(all.headers['x-total-count']).toBe(String(all.json().length));
    const page = await manager()({
      method: 'GET',
      url: `/api/programmes/${reverseId}/enrolments?status=all&limit=1&offset=1`,
    });
    expect(all.json().length).toBeGreaterThanOrEqual(2);
    expect(page.json()).toHaveLength(1);
    expect(page.headers['x-total-count']).toBe(String(all.json().length));
    expect(page.json()[0].id).toBe(all.json()[1].id);
  });

  it('counts a page of enrolments only 1,000 past itself unless the exact count is asked for', async () => {
    const big = await createTestOrg(t, 'enr-count');
    const boss = as(t.app, big.cookies.programme_manager);
    const created = await boss({
      method: 'POST',
      url: '/api/programmes',
      payload: { name: 'Counted', kind: 'reverse', cohortStart: '2027-01-01', cohortEnd: '2027-06-30' },
    });
    const p = created.json().id as string;
    await t.database.db.execute(sql`
      with added as (
        insert into people (org_id, name, email, job_level)
        select ${big.orgId}, 'Counted ' || n, 'counted' || n || '@enr-count.test', 2
        from generate_series(1, 1100) n
        returning id)
      insert into enrolments (org_id, programme_id, person_id, role, preferences, consent_at)
      select ${big.orgId}, ${p}, id, 'mentee', '{"preferredMentorIds": []}', now() from added`);
    const list = (query: string) => boss({ method: 'GET', url: `/api/programmes/${p}/enrolments?${query}` });
    const capped = await list('limit=50');
    expect(capped.json()).toHaveLength(50);
    expect(capped.headers).toMatchObject({ 'x-total-count': '1050', 'x-total-exact': 'false' });
    expect((await list('limit=50&count=exact')).headers).toMatchObject({
      'x-total-count': '1100',
      'x-total-exact': 'true',
    });
    // Near the end the horizon covers the rest, so the count is exact again.
    expect((await list('limit=50&offset=100')).headers).toMatchObject({
      'x-total-count': '1100',
      'x-total-exact': 'true',
    });
    // A page past the end has no row to carry the count; it is still counted.
    const past = await list('limit=50&offset=2000');
    expect(past.json()).toEqual([]);
    expect(past.headers).toMatchObject({ 'x-total-count': '1100', 'x-total-exact': 'true' });
    // The whole list, unpaged, counts what it returns.
    const all = await list('');
    expect(all.json()).toHaveLength(1100);
    expect(all.headers).toMatchObject({ 'x-total-count': '1100', 'x-total-exact': 'true' });
    const bad = await list('limit=50&count=all');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('querystring.count');
  });

  it("lists enrolments in the people list's order: by name whatever its case, namesakes by person", async () => {
    const named = await createTestOrg(t, 'enr-order');
    const boss = as(t.app, named.cookies.programme_manager);
    const created = await boss({
      method: 'POST',
      url: '/api/programmes',
      payload: { name: 'Ordered', kind: 'reverse', cohortStart: '2027-01-01', cohortEnd: '2027-06-30' },
    });
    const p = created.json().id as string;
    // Lower case sorts after every capital by code point; two namesakes differ only by id.
    await t.database.db.execute(sql`
      with added as (
        insert into people (org_id, name, email, job_level)
        select ${named.orgId}, name, 'order' || n || '@enr-order.test', 2
        from unnest(array['zoe Quinn', 'Ann Order', 'ann order', 'Bea Order', 'ann order']) with ordinality as x(name, n)
        returning id)
      insert into enrolments (org_id, programme_id, person_id, role, preferences, consent_at)
      select ${named.orgId}, ${p}, id, 'mentee', '{"preferredMentorIds": []}', now() from added`);
    const listed = (
      await boss({ method: 'GET', url: `/api/programmes/${p}/enrolments?limit=10` })
    ).json() as {
      personId: string;
    }[];
    const peopleList = (
      await as(t.app, named.cookies.org_admin)({ method: 'GET', url: '/api/people?q=order&limit=10' })
    ).json().items as { id: string; name: string }[];
    const enrolled = new Set(listed.map((e) => e.personId));
    const inOrder = peopleList.filter((x) => enrolled.has(x.id));
    expect(inOrder.map((x) => x.name.toLowerCase())).toEqual([
      'ann order',
      'ann order',
      'ann order',
      'bea order',
      'zoe quinn',
    ]);
    expect(listed.map((e) => e.personId)).toEqual(inOrder.map((x) => x.id));
  });

  it('summarises the overview in the database: mentors, mentees, places, withdrawals and topic demand', async () => {
    // One withdrawal, so that withdrawals are counted apart from the active.
    const listed = (
      await manager()({ method: 'GET', url: `/api/programmes/${reverseId}/enrolments` })
    ).json();
    const leaving = listed[listed.length - 1].id as string;
    expect((await manager()({ method: 'POST', url: `/api/enrolments/${leaving}/withdraw` })).statusCode).toBe(
      200,
    );
    let withdrawals = 0;
    for (const programmeId of [mutualId, reverseId]) {
      const all = (
        await manager()({ method: 'GET', url: `/api/programmes/${programmeId}/enrolments?status=all` })
      ).json() as {
        role: string;
        status: string;
        capacity: number;
        offers: { topicId: string }[];
        seeks: { topicId: string }[];
      }[];
      const active = all.filter((e) => e.status === 'active');
      const summary = await manager()({
        method: 'GET',
        url: `/api/programmes/${programmeId}/enrolments/summary`,
      });
      expect(summary.statusCode).toBe(200);
      const body = summary.json();
      expect(body).toMatchObject({
        mentors: active.filter((e) => e.role !== 'mentee').length,
        mentees: active.filter((e) => e.role !== 'mentor').length,
        places: active.filter((e) => e.role !== 'mentee').reduce((n, e) => n + e.capacity, 0),
        withdrawn: all.length - active.length,
      });
      withdrawals += body.withdrawn;
      expect(body.topics).toHaveLength(topics.length);
      for (const topicId of topics) {
        const row = body.topics.find((r: { topicId: string }) => r.topicId === topicId);
        expect(row.offered).toBe(active.filter((e) => e.offers.some((o) => o.topicId === topicId)).length);
        expect(row.sought).toBe(active.filter((e) => e.seeks.some((o) => o.topicId === topicId)).length);
      }
    }
    expect(withdrawals).toBe(1);
  });

  it('keeps the overview counts from participants', async () => {
    const r = await participant()({ method: 'GET', url: `/api/programmes/${reverseId}/enrolments/summary` });
    expect(r.statusCode).toBe(403);
    expect(r.json().error.code).toBe('forbidden');
  });

  it('searches enrolments by name, department or title, every word, with the count of matches', async () => {
    const all = (
      await manager()({ method: 'GET', url: `/api/programmes/${reverseId}/enrolments?status=all` })
    ).json() as { id: string; person: { name: string; department: string | null } }[];
    const target = all[0] as (typeof all)[number];
    const first = target.person.name.split(' ')[0] as string;
    const q = `${first.slice(0, 3).toUpperCase()} ${target.person.department ?? ''}`.trim();
    const found = await manager()({
      method: 'GET',
      url: `/api/programmes/${reverseId}/enrolments?status=all&limit=1&q=${encodeURIComponent(q)}`,
    });
    expect(found.statusCode).toBe(200);
    expect(found.json().map((e: { id: string }) => e.id)).toContain(target.id);
    const expected = all.filter((e) =>
      q
        .toLowerCase()
        .split(' ')
        .every((w) => `${e.person.name} ${e.person.department ?? ''}`.toLowerCase().includes(w)),
    ).length;
    expect(Number(found.headers['x-total-count'])).toBeGreaterThanOrEqual(expected);
    const none = await manager()({
      method: 'GET',
      url: `/api/programmes/${reverseId}/enrolments?status=all&q=${encodeURIComponent('100%_no-such')}`,
    });
    expect(none.json()).toEqual([]);
    expect(none.headers['x-total-count']).toBe('0');
  });

  it('accepts only people of the organisation as preferred mentors', async () => {
    const other = await createTestOrg(t, 'enr-other');
    const programmeId = await openProgramme('reverse');
    const enrolWith = (preferredMentorIds: string[]) =>
      as(
        t.app,
        org.cookies.sponsor,
      )({
        method: 'POST',
        url: `/api/programmes/${programmeId}/enrolments`,
        payload: {
          role: 'mentee',
          seeks: [{ topicId: topics[0], priority: 1 }],
          consent: true,
          preferences: { preferredMentorIds },
        },
      });
    const foreign = await enrolWith([org.personIds.participant, other.personIds.participant]);
    expect(foreign.statusCode, foreign.body).toBe(400);
    expect(foreign.json().error.fields).toEqual([
      { path: 'preferences.preferredMentorIds.1', message: 'is not a person of this organisation' },
    ]);
    const made = await enrolWith(['00000000-0000-4000-8000-000000000000']);
    expect(made.statusCode).toBe(400);
    const own = await enrolWith([org.personIds.participant]);
    expect(own.statusCode, own.body).toBe(201);
    const edit = await as(
      t.app,
      org.cookies.sponsor,
    )({
      method: 'PATCH',
      url: `/api/enrolments/${own.json().id}`,
      payload: {
        preferences: { preferredMentorIds: [other.personIds.programme_manager] },
        version: own.json().version,
      },
    });
    expect(edit.statusCode, edit.body).toBe(400);
    expect(edit.json().error.fields[0].path).toBe('preferences.preferredMentorIds.0');
  });

  it("are not listed for another organisation's programme, an unknown one, or a draft to participants", async () => {
    const other = await createTestOrg(t, 'enr-list');
    const enrolled = await manager()({
      method: 'GET',
      url: `/api/programmes/${reverseId}/enrolments?limit=5`,
    });
    expect(enrolled.json().length).toBeGreaterThan(0);
    for (const url of [
      `/api/programmes/${reverseId}/enrolments?limit=5`,
      `/api/programmes/${reverseId}/enrolments`,
      '/api/programmes/00000000-0000-4000-8000-000000000000/enrolments?limit=5',
    ]) {
      const res = await as(t.app, other.cookies.programme_manager)({ method: 'GET', url });
      expect(res.statusCode, url).toBe(404);
    }
    // A programme back in draft (straight in the database) with its participant still enrolled.
    const own = await participant()({ method: 'GET', url: `/api/programmes/${mutualId}/enrolments?limit=5` });
    expect(own.json().length).toBeGreaterThan(0);
    await t.database.db.execute(sql`update programmes set status = 'draft' where id = ${mutualId}`);
    try {
      const hidden = await participant()({
        method: 'GET',
        url: `/api/programmes/${mutualId}/enrolments?limit=5`,
      });
      expect(hidden.statusCode).toBe(404);
      const managed = await manager()({
        method: 'GET',
        url: `/api/programmes/${mutualId}/enrolments?limit=5`,
      });
      expect(managed.statusCode).toBe(200);
    } finally {
      await t.database.db.execute(sql`update programmes set status = 'enrolling' where id = ${mutualId}`);
    }
  });
});
