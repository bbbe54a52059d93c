// No input makes the server answer 500: random bodies, queries and ids against every route.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from './testing.js';

let t: TestApp;
let org: TestOrg;
let ids: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'fuzz');
  const m = as(t.app, org.cookies.programme_manager);
  const topic = (
    await m({ method: 'POST', url: '/api/topics', payload: { name: 'T', category: 'career' } })
  ).json();
  const programme = (
    await m({
      method: 'POST',
      url: '/api/programmes',
      payload: {
        name: 'P',
        kind: 'mutual',
        cohortStart: '2027-01-01',
        cohortEnd: '2027-02-01',
        topicIds: [topic.id],
      },
    })
  ).json();
  await m({
    method: 'POST',
    url: `/api/programmes/${programme.id}/transitions`,
    payload: { to: 'enrolling' },
  });
  ids = { topic: topic.id, programme: programme.id, person: org.personIds.participant };
});
afterAll(() => t.close());

const routes = [
  ['POST', '/api/auth/sign-in'],
  ['POST', '/api/organisations'],
  ['PATCH', '/api/organisation'],
  ['POST', '/api/accounts'],
  ['GET', '/api/people'],
  ['POST', '/api/people'],
  ['PATCH', '/api/people/:person'],
  ['POST', '/api/topics'],
  ['PUT', '/api/topics/:topic'],
  ['POST', '/api/programmes'],
  ['PATCH', '/api/programmes/:programme'],
  ['POST', '/api/programmes/:programme/transitions'],
  ['POST', '/api/programmes/:programme/enrolments'],
  ['GET', '/api/programmes'],
] as const;

const anyJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.record(
    {
      name: fc.oneof(fc.string(), fc.constant(''), fc.integer()),
      email: fc.oneof(fc.emailAddress(), fc.string()),
      kind: fc.constantFrom('reverse', 'mutual', 'conventional', 'x'),
      jobLevel: fc.oneof(fc.integer({ min: -5, max: 30 }), fc.double(), fc.string()),
      version: fc.oneof(fc.integer({ min: -1, max: 5 }), fc.string()),
      to: fc.constantFrom('draft', 'enrolling', 'matching', 'active', 'closed', 'nowhere'),
      cohortStart: fc.oneof(fc.constant('2027-01-01'), fc.string()),
      cohortEnd: fc.oneof(fc.constant('2026-01-01'), fc.string()),
      role: fc.constantFrom('mentor', 'mentee', 'both', 'boss'),
      consent: fc.oneof(fc.boolean(), fc.constant('yes')),
      offers: fc.array(
        fc.record({
          topicId: fc.oneof(fc.uuid(), fc.string()),
          proficiency: fc.integer({ min: -2, max: 9 }),
        }),
        { maxLength: 3 },
      ),
      managerId: fc.oneof(fc.uuid(), fc.string(), fc.constant(null)),
      topicIds: fc.array(fc.oneof(fc.uuid(), fc.string()), { maxLength: 3 }),
    },
    { requiredKeys: [] },
  ),
);

describe('bad input', () => {
  it('never answers 500 to random bodies on any route', async () => {
    const m = as(t.app, org.cookies.org_admin);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        anyJson,
        fc.boolean(),
        async ([method, path], body, rawString) => {
          const url = path.replace(/:(\w+)/g, (_, k: string) => ids[k] ?? k);
          const res = await m({
            method,
            url,
            ...(method === 'GET'
              ? {}
              : rawString
                ? {
                    payload: JSON.stringify(body).slice(0, -1),
                    headers: { 'content-type': 'application/json' },
                  }
                : { payload: body as never }),
          });
          expect(res.statusCode, `${method} ${url} ${JSON.stringify(body)} -> ${res.body}`).toBeLessThan(500);
          if (res.statusCode >= 400) expect(res.json().error.code).toEqual(expect.any(String));
        },
      ),
      { numRuns: 150, seed: 20261126 },
    );
  });

  it('never answers 500 to random ids and query strings', async () => {
    const m = as(t.app, org.cookies.org_admin);
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.string({ maxLength: 20 }), async (id, q) => {
        const p = await m({ method: 'GET', url: `/api/people/${encodeURIComponent(id) || 'x'}` });
        expect(p.statusCode).toBeLessThan(500);
        const s = await m({
          method: 'GET',
          url: `/api/people?q=${encodeURIComponent(q)}&offset=${encodeURIComponent(q)}`,
        });
        expect(s.statusCode).toBeLessThan(500);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('refuses text holding a NUL character with a 400, not a 500', async () => {
    const res = await as(
      t.app,
      org.cookies.org_admin,
    )({ method: 'POST', url: '/api/topics', payload: { name: 'bad\u0000name', category: 'career' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('validation_failed');
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await as(
      t.app,
      org.cookies.org_admin,
    )({
      method: 'POST',
      url: '/api/topics',
      payload: { name: 'x'.repeat(2 * 1024 * 1024), category: 'career' },
    });
    expect(res.statusCode).toBe(413);
    expect(res.json().error.code).toBe('payload_too_large');
  });
});
