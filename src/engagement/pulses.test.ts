import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { relationships } from '../db/schema.js';
import { runEngagementSweep } from './sweep.js';
import { type AgreedPair, agreedPair, hours, later, outboxOf } from './testing.js';

let t: TestApp;
let pair: AgreedPair;
let acceptedAt: Date;
const day = hours(24);
const sweepAt = (now: Date) => runEngagementSweep(t.database.db, { now });
const pulses = () => outboxOf(t, pair.org.orgId, ['pulse.requested']);

beforeAll(async () => {
  t = await createTestApp();
  pair = await agreedPair(t, 'pulse');
  acceptedAt = pair.acceptedAt;
});
afterAll(async () => {
  await t.close();
});

describe('pulses', () => {
  it('asks both people at 30, 60 and 90 days, each once', async () => {
    const seen: number[] = [];
    for (const d of [29, 30, 31, 45, 59, 60, 75, 90, 100, 130]) {
      await sweepAt(later(acceptedAt, d * day + 60_000));
      seen.push((await pulses()).length);
    }
    expect(seen).toEqual([0, 2, 2, 2, 2, 4, 4, 6, 6, 6]);
    const all = await pulses();
    expect(all.map((p) => p.subject)).toEqual([
      '30 days with Senior Mentee: two quick questions',
      '30 days with Junior Mentor: two quick questions',
      '60 days with Senior Mentee: two quick questions',
      '60 days with Junior Mentor: two quick questions',
      '90 days with Senior Mentee: two quick questions',
      '90 days with Junior Mentor: two quick questions',
    ]);
    expect(all[0]?.body).toContain(`/my/relationships/${pair.relationshipId}?pulse=30`);
  });

  it('takes each person’s answers once a pulse is due, once, and refuses bad answers by field', async () => {
    const url = `/api/relationships/${pair.relationshipId}/pulses`;
    const early = await pair.mentee.call({ method: 'POST', url, payload: { day: 30, value: 4, heard: 5 } });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.fields).toEqual([{ path: 'day', message: 'is not due yet' }]);
    // As if a month had passed since the pair accepted.
    await t.database.db
      .update(relationships)
      .set({ acceptedAt: sql`${relationships.acceptedAt} - interval '31 days'` })
      .where(eq(relationships.id, pair.relationshipId));
    const bad = await pair.mentee.call({ method: 'POST', url, payload: { day: 45, value: 6, heard: 5 } });
    expect(bad.statusCode).toBe(400);
    expect(
      bad
        .json()
        .error.fields.map((f: { path: string }) => f.path)
        .sort(),
    ).toEqual(['day', 'value']);
    const ok = await pair.mentee.call({ method: 'POST', url, payload: { day: 30, value: 4, heard: 5 } });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json()).toMatchObject({ day: 30, value: 4, heard: 5 });
    const twice = await pair.mentee.call({ method: 'POST', url, payload: { day: 30, value: 2, heard: 2 } });
    expect(twice.statusCode).toBe(409);
    const outsider = await pair.manager({ method: 'POST', url, payload: { day: 30, value: 1, heard: 1 } });
    expect(outsider.statusCode).toBe(403);
  });

  it('shows managers pulse figures only for groups of at least the minimum of people', async () => {
    const res = await pair.manager({
      method: 'GET',
      url: `/api/programmes/${pair.programmeId}/pulse-summary`,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      minimumGroupSize: 5,
      overall: { suppressed: true },
      fromMentors: { suppressed: true },
      fromMentees: { suppressed: true },
    });
    expect(JSON.stringify(res.json())).not.toContain('"meanValue"');
    const participant = await pair.mentee.call({
      method: 'GET',
      url: `/api/programmes/${pair.programmeId}/pulse-summary`,
    });
    expect(participant.statusCode).toBe(403);
  });
});
