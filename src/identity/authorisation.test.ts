// Each role against each resource, and one organisation against another.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import type { Role } from './actor.js';

let t: TestApp;
let a: TestOrg;
let b: TestOrg;
let topicId: string;
let draftId: string;
let enrollingId: string;
let seq = 0;

const roles: Role[] = ['org_admin', 'programme_manager', 'participant', 'sponsor'];
const call = (org: TestOrg, role: Role) => as(t.app, org.cookies[role]);

async function newPerson(org: TestOrg) {
  seq += 1;
  const res = await call(
    org,
    'org_admin',
  )({
    method: 'POST',
    url: '/api/people',
    payload: { name: `Person ${seq}`, email: `p${seq}@${org.slug}.test`, jobLevel: 3 },
  });
  return res.json() as { id: string; version: number };
}

beforeAll(async () => {
  t = await createTestApp();
  a = await createTestOrg(t, 'auth-a');
  b = await createTestOrg(t, 'auth-b');
  topicId = (
    await call(
      a,
      'org_admin',
    )({ method: 'POST', url: '/api/topics', payload: { name: 'AI', category: 'digital_and_technology' } })
  ).json().id;
  const programme = (name: string) =>
    call(
      a,
      'programme_manager',
    )({
      method: 'POST',
      url: '/api/programmes',
      payload: {
        name,
        kind: 'reverse',
        cohortStart: '2027-01-01',
        cohortEnd: '2027-03-01',
        topicIds: [topicId],
      },
    });
  draftId = (await programme('Draft')).json().id;
  enrollingId = (await programme('Open')).json().id;
  await call(
    a,
    'programme_manager',
  )({ method: 'POST', url: `/api/programmes/${enrollingId}/transitions`, payload: { to: 'enrolling' } });
});
afterAll(() => t.close());

type Expect = Record<Role, number>;
const managers = (ok: number): Expect => ({
  org_admin: ok,
  programme_manager: ok,
  participant: 403,
  sponsor: 403,
});
const everyone = (ok: number): Expect => ({
  org_admin: ok,
  programme_manager: ok,
  participant: ok,
  sponsor: ok,
});

interface Case {
  name: string;
  expect: Expect;
  request: () => Promise<{
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
    url: string;
    payload?: unknown;
  }>;
}

const cases: Case[] = [
  {
    name: 'list people',
    expect: managers(200),
    request: async () => ({ method: 'GET', url: '/api/people' }),
  },
  {
    name: 'add a person',
    expect: managers(201),
    request: async () => {
      seq += 1;
      return {
        method: 'POST',
        url: '/api/people',
        payload: { name: `New ${seq}`, email: `new${seq}@auth-a.test`, jobLevel: 2 },
      };
    },
  },
  {
    name: 'read another person',
    expect: managers(200),
    request: async () => ({ method: 'GET', url: `/api/people/${(await newPerson(a)).id}` }),
  },
  {
    name: 'change a person',
    expect: managers(200),
    request: async () => {
      const p = await newPerson(a);
      return {
        method: 'PATCH',
        url: `/api/people/${p.id}`,
        payload: { jobTitle: 'Changed', version: p.version },
      };
    },
  },
  {
    name: 'erase a person',
    expect: { org_admin: 204, programme_manager: 403, participant: 403, sponsor: 403 },
    request: async () => ({ method: 'DELETE', url: `/api/people/${(await newPerson(a)).id}` }),
  },
  {
    name: 'import people',
    expect: managers(200),
    request: async () => ({
      method: 'POST',
      url: '/api/people/import?dryRun=true',
      payload: 'name,email,job_level\nX,x@auth-a.test,2',
    }),
  },
  {
    name: 'read the topics',
    expect: everyone(200),
    request: async () => ({ method: 'GET', url: '/api/topics' }),
  },
  {
    name: 'add a topic',
    expect: managers(201),
    request: async () => {
      seq += 1;
      return { method: 'POST', url: '/api/topics', payload: { name: `Topic ${seq}`, category: 'career' } };
    },
  },
  {
    name: 'list programmes',
    expect: everyone(200),
    request: async () => ({ method: 'GET', url: '/api/programmes' }),
  },
  {
    name: 'read an open programme',
    expect: everyone(200),
    request: async () => ({ method: 'GET', url: `/api/programmes/${enrollingId}` }),
  },
  {
    name: 'read a draft programme',
    expect: { org_admin: 200, programme_manager: 200, participant: 404, sponsor: 404 },
    request: async () => ({ method: 'GET', url: `/api/programmes/${draftId}` }),
  },
  {
    name: 'create a programme',
    expect: managers(201),
    request: async () => ({
      method: 'POST',
      url: '/api/programmes',
      payload: { name: 'P', kind: 'mutual', cohortStart: '2027-01-01', cohortEnd: '2027-02-01' },
    }),
  },
  {
    name: 'edit a programme',
    expect: managers(200),
    request: async () => {
      const current = (
        await call(a, 'org_admin')({ method: 'GET', url: `/api/programmes/${enrollingId}` })
      ).json();
      return {
        method: 'PATCH',
        url: `/api/programmes/${enrollingId}`,
        payload: { description: `v${current.version}`, version: current.version },
      };
    },
  },
  {
    name: 'move a programme along its lifecycle',
    expect: managers(200),
    request: async () => {
      const p = (
        await call(
          a,
          'org_admin',
        )({
          method: 'POST',
          url: '/api/programmes',
          payload: {
            name: 'L',
            kind: 'reverse',
            cohortStart: '2027-01-01',
            cohortEnd: '2027-02-01',
            topicIds: [topicId],
          },
        })
      ).json();
      return { method: 'POST', url: `/api/programmes/${p.id}/transitions`, payload: { to: 'enrolling' } };
    },
  },
  {
    name: 'list accounts',
    expect: { org_admin: 200, programme_manager: 403, participant: 403, sponsor: 403 },
    request: async () => ({ method: 'GET', url: '/api/accounts' }),
  },
  {
    name: 'change roles',
    expect: { org_admin: 200, programme_manager: 403, participant: 403, sponsor: 403 },
    request: async () => {
      const list = (await call(a, 'org_admin')({ method: 'GET', url: '/api/accounts' })).json() as {
        id: string;
        email: string;
      }[];
      const sponsor = list.find((x) => x.email.startsWith('sponsor@')) as { id: string };
      return { method: 'PUT', url: `/api/accounts/${sponsor.id}/roles`, payload: { roles: ['sponsor'] } };
    },
  },
  {
    name: 'read the organisation',
    expect: everyone(200),
    request: async () => ({ method: 'GET', url: '/api/organisation' }),
  },
  {
    name: 'change the organisation',
    expect: { org_admin: 200, programme_manager: 403, participant: 403, sponsor: 403 },
    request: async () => ({ method: 'PATCH', url: '/api/organisation', payload: { minReportGroupSize: 6 } }),
  },
];

describe('authorisation by role', () => {
  for (const c of cases) {
    for (const role of roles) {
      it(`${role} may${c.expect[role] < 400 ? '' : ' not'} ${c.name}`, async () => {
        const req = await c.request();
        const isCsv = typeof req.payload === 'string';
        const res = await call(
          a,
          role,
        )({
          method: req.method,
          url: req.url,
          ...(req.payload !== undefined ? { payload: req.payload as never } : {}),
          ...(isCsv ? { headers: { 'content-type': 'text/csv' } } : {}),
        });
        expect(res.statusCode, res.body).toBe(c.expect[role]);
        if (res.statusCode >= 400) expect(res.json().error.code).toMatch(/forbidden|not_found/);
      });
    }
  }

  it('lets everyone read their own person record', async () => {
    for (const role of roles) {
      const res = await call(a, role)({ method: 'GET', url: `/api/people/${a.personIds[role]}` });
      expect(res.statusCode, role).toBe(200);
    }
  });

  it('hides draft programmes from participants and sponsors in lists', async () => {
    for (const role of ['participant', 'sponsor'] as const) {
      const list = (await call(a, role)({ method: 'GET', url: '/api/programmes' })).json() as {
        id: string;
        enrolled: unknown;
      }[];
      expect(list.map((p) => p.id)).not.toContain(draftId);
      expect(list.every((p) => p.enrolled === null)).toBe(true);
    }
  });
});

describe('organisations are isolated', () => {
  it('never shows one organisation the people of another', async () => {
    const theirs = await newPerson(a);
    const list = (
      await call(b, 'org_admin')({ method: 'GET', url: '/api/people?status=all&limit=200' })
    ).json();
    expect(list.items.every((p: { email: string }) => p.email.endsWith('@auth-b.test'))).toBe(true);
    const search = (await call(b, 'org_admin')({ method: 'GET', url: '/api/people?q=auth-a' })).json();
    expect(search.total).toBe(0);
    for (const [method, payload] of [
      ['GET', undefined],
      ['PATCH', { name: 'Hijacked', version: theirs.version }],
      ['DELETE', undefined],
    ] as const) {
      const res = await call(
        b,
        'org_admin',
      )({ method, url: `/api/people/${theirs.id}`, ...(payload ? { payload } : {}) });
      expect(res.statusCode, method).toBe(404);
    }
    const stillThere = await call(a, 'org_admin')({ method: 'GET', url: `/api/people/${theirs.id}` });
    expect(stillThere.json().name).toMatch(/^Person/);
  });

  it('never shows one organisation the programmes, topics or enrolments of another', async () => {
    const programmes = (await call(b, 'org_admin')({ method: 'GET', url: '/api/programmes' })).json();
    expect(programmes).toEqual([]);
    expect((await call(b, 'org_admin')({ method: 'GET', url: '/api/topics' })).json()).toEqual([]);
    expect(
      (await call(b, 'org_admin')({ method: 'GET', url: `/api/programmes/${enrollingId}` })).statusCode,
    ).toBe(404);
    expect(
      (await call(b, 'org_admin')({ method: 'GET', url: `/api/programmes/${enrollingId}/enrolments` }))
        .statusCode,
    ).toBe(404);
    const enrol = await call(
      b,
      'participant',
    )({
      method: 'POST',
      url: `/api/programmes/${enrollingId}/enrolments`,
      payload: { role: 'mentee', seeks: [{ topicId, priority: 1 }], consent: true },
    });
    expect(enrol.statusCode).toBe(404);
    const move = await call(
      b,
      'org_admin',
    )({ method: 'POST', url: `/api/programmes/${draftId}/transitions`, payload: { to: 'enrolling' } });
    expect(move.statusCode).toBe(404);
    const topic = await call(
      b,
      'org_admin',
    )({ method: 'PUT', url: `/api/topics/${topicId}`, payload: { name: 'Stolen', category: 'career' } });
    expect(topic.statusCode).toBe(404);
  });

  it('does not let one organisation use another organisation’s topics or managers', async () => {
    const p = await call(
      b,
      'org_admin',
    )({
      method: 'POST',
      url: '/api/programmes',
      payload: {
        name: 'X',
        kind: 'reverse',
        cohortStart: '2027-01-01',
        cohortEnd: '2027-02-01',
        topicIds: [topicId],
      },
    });
    expect(p.statusCode).toBe(400);
    expect(p.json().error.fields[0].path).toBe('topicIds.0');
    const person = await call(
      b,
      'org_admin',
    )({
      method: 'POST',
      url: '/api/people',
      payload: { name: 'Y', email: 'y@auth-b.test', jobLevel: 2, managerId: a.personIds.org_admin },
    });
    expect(person.statusCode).toBe(400);
    expect(person.json().error.fields[0].path).toBe('managerId');
  });
});
