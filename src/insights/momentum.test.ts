// Programme momentum through HTTP: meetings held against the cadence, cancellations by
// side, pairs gone quiet, and who may read it.
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { relationships } from '../db/schema.js';
import { createWorld, travelPast, type World } from '../relationships/testing.js';

let t: TestApp;
let w: World;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

async function agree(world: World) {
  const put = await world.mentor.call({
    method: 'PUT',
    url: `/api/relationships/${world.relationshipId}/agreement`,
    payload: {
      goals: [{ learner: 'mentee', text: 'Use AI tools with confidence' }],
      cadence: 'fortnightly',
      channel: 'video',
      durationMonths: 6,
      confidentialContactId: world.org.personIds.programme_manager,
    },
  });
  expect(put.statusCode, put.body).toBe(200);
  for (const p of [world.mentor, world.mentee]) {
    const sign = await p.call({
      method: 'POST',
      url: `/api/relationships/${world.relationshipId}/agreement/sign`,
      payload: { version: put.json().version },
    });
    expect(sign.statusCode, sign.body).toBe(200);
  }
}

async function schedule(days: number) {
  const res = await w.mentee.call({
    method: 'POST',
    url: `/api/relationships/${w.relationshipId}/meetings`,
    payload: { startsAt: inDays(days) },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

const momentum = (call = w.manager) =>
  call({ method: 'GET', url: `/api/programmes/${w.programmeId}/momentum` });

beforeAll(async () => {
  t = await createTestApp();
  w = await createWorld(t, 'momentum');
  await agree(w);
});
afterAll(async () => t.close());

describe('programme momentum', () => {
  it('counts meetings held, scheduled and cancelled by whom, against what the cadence plans', async () => {
    const held = await schedule(2);
    await travelPast(t, held.id, 3);
    const rec = await w.mentor.call({
      method: 'POST',
      url: `/api/meetings/${held.id}/record`,
      payload: { version: held.version },
    });
    expect(rec.statusCode, rec.body).toBe(200);
    const cancelled = await schedule(5);
    const c = await w.mentee.call({
      method: 'POST',
      url: `/api/meetings/${cancelled.id}/cancel`,
      payload: { version: cancelled.version },
    });
    expect(c.statusCode, c.body).toBe(200);
    await schedule(9);

    const res = await momentum();
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.pairs.active).toBe(1);
    expect(m.meetings).toEqual({
      held: 1,
      scheduled: 1,
      cancelled: 1,
      cancelledByMentor: 0,
      cancelledByMentee: 1,
      cancelledByOthers: 0,
    });
    expect(m.weeks).toHaveLength(16);
    const total = (k: string) => m.weeks.reduce((s: number, x: Record<string, number>) => s + (x[k] ?? 0), 0);
    expect([total('held'), total('scheduled'), total('cancelled'), total('cancelledByMentee')]).toEqual([
      1, 1, 1, 1,
    ]);
    // Fortnightly: one pair plans half a meeting a week once it has started.
    const thisWeek = m.weeks.filter((x: { past: boolean }) => x.past).at(-1);
    expect(thisWeek.pairs).toBe(1);
    expect(thisWeek.planned).toBe(0.5);
    expect(m.quiet.total).toBe(0);
  });

  it('names a pair that has gone quiet, and not once a meeting is in the calendar', async () => {
    const t2 = await createWorld(t, 'momentum-quiet');
    await t.database.db
      .update(relationships)
      .set({ acceptedAt: sql`now() - interval '60 days'` })
      .where(eq(relationships.id, t2.relationshipId));
    const res = await t2.manager({ method: 'GET', url: `/api/programmes/${t2.programmeId}/momentum` });
    expect(res.statusCode, res.body).toBe(200);
    const m = res.json();
    expect(m.quiet.total).toBe(1);
    expect(m.quiet.afterDays).toBe(28);
    expect(m.quiet.pairs[0]).toMatchObject({
      relationshipId: t2.relationshipId,
      mentorName: 'Junior Mentor',
      menteeName: 'Senior Mentee',
      lastMetAt: null,
    });
    expect(m.quiet.pairs[0].quietDays).toBeGreaterThanOrEqual(59);
    await agree(t2);
    const s = await t2.mentor.call({
      method: 'POST',
      url: `/api/relationships/${t2.relationshipId}/meetings`,
      payload: { startsAt: inDays(3) },
    });
    expect(s.statusCode, s.body).toBe(201);
    const after = (
      await t2.manager({ method: 'GET', url: `/api/programmes/${t2.programmeId}/momentum` })
    ).json();
    expect(after.quiet.total).toBe(0);
  });

  it('is for managers and admins of the organisation only', async () => {
    expect((await momentum(w.admin)).statusCode).toBe(200);
    expect((await momentum(w.mentor.call)).statusCode).toBe(403);
    expect((await momentum(w.sponsor)).statusCode).toBe(403);
    expect((await momentum(w.outsider)).statusCode).toBe(404);
    const bad = await w.manager({ method: 'GET', url: `/api/programmes/${w.programmeId}/momentum?weeks=2` });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields[0].path).toBe('querystring.weeks');
  });
});
