import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';

let t: TestApp;
let org: TestOrg;
const topicIds: string[] = [];

const manager = () => as(t.app, org.cookies.programme_manager);
const newProgramme = async (overrides: Record<string, unknown> = {}) => {
  const res = await manager()({
    method: 'POST',
    url: '/api/programmes',
    payload: {
      name: 'Reverse 2027',
      kind: 'reverse',
      cohortStart: '2027-01-01',
      cohortEnd: '2027-06-30',
      topicIds,
      ...overrides,
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
};
const move = (id: string, to: string) =>
  manager()({ method: 'POST', url: `/api/programmes/${id}/transitions`, payload: { to } });

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'prog');
  for (const [name, category] of [
    ['Generative AI', 'digital_and_technology'],
    ['Career planning', 'career'],
  ]) {
    const res = await manager()({ method: 'POST', url: '/api/topics', payload: { name, category } });
    topicIds.push(res.json().id);
  }
});
afterAll(() => t.close());

describe('programmes', () => {
  it('start as drafts with their topics and defaults', async () => {
    const p = await newProgramme();
    expect(p).toMatchObject({
      status: 'draft',
      kind: 'reverse',
      meetingCadence: 'monthly',
      defaultMentorCapacity: 1,
      version: 1,
    });
    expect(p.topics.map((x: { id: string }) => x.id).sort()).toEqual([...topicIds].sort());
  });

  it('move only along the lifecycle', async () => {
    const p = await newProgramme();
    const skip = await move(p.id, 'active');
    expect(skip.statusCode).toBe(409);
    expect(skip.json().error).toMatchObject({
      code: 'illegal_transition',
      fields: [{ path: 'to', message: 'from draft it can move to enrolling' }],
    });
    expect((await move(p.id, 'enrolling')).json().status).toBe('enrolling');
    const empty = await move(p.id, 'matching');
    expect(empty.statusCode).toBe(409);
    expect(empty.json().error.message).toMatch(/at least one mentor and one mentee/);
    const unchanged = await manager()({ method: 'GET', url: `/api/programmes/${p.id}` });
    expect(unchanged.json().status).toBe('enrolling');
  });

  it('need a topic before enrolment opens', async () => {
    const p = await newProgramme({ topicIds: [] });
    const res = await move(p.id, 'enrolling');
    expect(res.statusCode).toBe(409);
    expect(res.json().error.fields).toEqual([{ path: 'topicIds', message: 'is empty' }]);
  });

  it('walk the whole lifecycle to closed, and closed is final', async () => {
    const p = await newProgramme({ kind: 'conventional' });
    await move(p.id, 'enrolling');
    const participant = as(t.app, org.cookies.participant);
    const mentee = await participant({
      method: 'POST',
      url: `/api/programmes/${p.id}/enrolments`,
      payload: {
        role: 'mentee',
        seeks: [{ topicId: topicIds[1], priority: 1 }],
        goals: 'Plan my career',
        consent: true,
      },
    });
    expect(mentee.statusCode, mentee.body).toBe(201);
    const mentor = await manager()({
      method: 'POST',
      url: `/api/programmes/${p.id}/enrolments`,
      payload: {
        role: 'mentor',
        offers: [{ topicId: topicIds[1], proficiency: 5 }],
        capacity: 2,
        consent: true,
      },
    });
    expect(mentor.statusCode, mentor.body).toBe(201);
    for (const to of ['matching', 'enrolling', 'matching']) {
      const res = await move(p.id, to);
      expect(res.statusCode, `${to}: ${res.body}`).toBe(200);
      expect(res.json().status).toBe(to);
    }
    // Only publishing a match run starts a programme, so it never runs without pairs.
    const start = await move(p.id, 'active');
    expect(start.statusCode).toBe(409);
    expect(start.json().error.message).toMatch(/match run is published/);
    const run = await manager()({ method: 'POST', url: `/api/programmes/${p.id}/match-runs`, payload: {} });
    expect(run.statusCode, run.body).toBe(201);
    const published = await manager()({
      method: 'POST',
      url: `/api/match-runs/${run.json().id}/publish`,
      payload: {},
    });
    expect(published.statusCode, published.body).toBe(200);
    expect((await manager()({ method: 'GET', url: `/api/programmes/${p.id}` })).json().status).toBe('active');
    expect((await move(p.id, 'closed')).json().status).toBe('closed');
    const again = await move(p.id, 'active');
    expect(again.json().error.fields[0].message).toBe('closed is final');
    const edit = await manager()({
      method: 'PATCH',
      url: `/api/programmes/${p.id}`,
      payload: { name: 'Renamed', version: 99 },
    });
    expect(edit.statusCode).toBe(409);
  });

  it('refuse a stale edit and keep the newer one', async () => {
    const p = await newProgramme();
    const first = await manager()({
      method: 'PATCH',
      url: `/api/programmes/${p.id}`,
      payload: { name: 'First edit', version: 1 },
    });
    expect(first.json()).toMatchObject({ name: 'First edit', version: 2 });
    const stale = await manager()({
      method: 'PATCH',
      url: `/api/programmes/${p.id}`,
      payload: { name: 'Stale edit', version: 1 },
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('stale_version');
    expect((await manager()({ method: 'GET', url: `/api/programmes/${p.id}` })).json().name).toBe(
      'First edit',
    );
  });

  it('name the field for invalid input and create nothing', async () => {
    const before = (await manager()({ method: 'GET', url: '/api/programmes' })).json().length;
    const cases: [Record<string, unknown>, string][] = [
      [{ kind: 'sideways' }, 'kind'],
      [{ cohortEnd: '2026-01-01' }, 'cohortEnd'],
      [{ cohortStart: '2027-02-30' }, 'cohortStart'],
      [{ defaultMentorCapacity: 0 }, 'defaultMentorCapacity'],
      [{ topicIds: ['00000000-0000-4000-8000-000000000000'] }, 'topicIds.0'],
      [{ matchingSettings: { weights: { topicFit: -1 } } }, 'matchingSettings.weights.topicFit'],
      [{ matchingSettings: { weights: { topics: -1 } } }, 'matchingSettings.weights.topics'],
      [{ matchingSettings: { objective: 'max_total' } }, 'matchingSettings.objective'],
      [
        { matchingSettings: { rules: { overlap: { minHours: 200 } } } },
        'matchingSettings.rules.overlap.minHours',
      ],
      [{ surprise: true }, 'surprise'],
    ];
    for (const [payload, path] of cases) {
      const res = await manager()({
        method: 'POST',
        url: '/api/programmes',
        payload: {
          name: 'Bad',
          kind: 'reverse',
          cohortStart: '2027-01-01',
          cohortEnd: '2027-06-30',
          ...payload,
        },
      });
      expect(res.statusCode, JSON.stringify(payload)).toBe(400);
      expect(
        res.json().error.fields.map((f: { path: string }) => f.path),
        JSON.stringify(payload),
      ).toContain(path);
    }
    expect((await manager()({ method: 'GET', url: '/api/programmes' })).json().length).toBe(before);
  });

  it('delete only drafts', async () => {
    const p = await newProgramme();
    await move(p.id, 'enrolling');
    expect((await manager()({ method: 'DELETE', url: `/api/programmes/${p.id}` })).statusCode).toBe(409);
    const draft = await newProgramme();
    expect((await manager()({ method: 'DELETE', url: `/api/programmes/${draft.id}` })).statusCode).toBe(204);
    expect((await manager()({ method: 'GET', url: `/api/programmes/${draft.id}` })).statusCode).toBe(404);
  });

  it('keep a topic that a programme uses', async () => {
    const res = await manager()({ method: 'DELETE', url: `/api/topics/${topicIds[0]}` });
    expect(res.statusCode).toBe(409);
  });

  it('answer 404 to deleting another organisation’s topic, used or not, and keep it', async () => {
    const other = await createTestOrg(t, 'prog-other');
    const theirs = as(t.app, other.cookies.programme_manager);
    const topic = (
      await theirs({ method: 'POST', url: '/api/topics', payload: { name: 'Theirs', category: 'career' } })
    ).json();
    const deleteIt = () => manager()({ method: 'DELETE', url: `/api/topics/${topic.id}` });
    expect((await deleteIt()).statusCode).toBe(404);
    await theirs({
      method: 'POST',
      url: '/api/programmes',
      payload: {
        name: 'Theirs',
        kind: 'reverse',
        cohortStart: '2027-01-01',
        cohortEnd: '2027-02-01',
        topicIds: [topic.id],
      },
    });
    const used = await deleteIt();
    expect(used.statusCode, used.body).toBe(404);
    expect(used.json().error.message).not.toMatch(/programme/);
    const list = await theirs({ method: 'GET', url: '/api/topics' });
    expect(list.json().map((x: { id: string }) => x.id)).toContain(topic.id);
  });
});
