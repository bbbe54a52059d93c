import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { engagementSent } from '../db/schema.js';
import { reminderDue, reminderTimes } from './meeting-reminders.js';
import { runEngagementSweep } from './sweep.js';
import { agreedPair, outboxOf, type Pair } from './testing.js';

let t: TestApp;
let pair: Pair;
const sweepAt = (iso: string) => runEngagementSweep(t.database.db, { now: new Date(iso) });

// Europe/London moves to summer time at 01:00 UTC on Sunday 28 March 2027; America/Toronto
// moved two weeks earlier, on 14 March, so London is 4 hours ahead until the 28th, then 5.
const firstDayOfSummerTime = '2027-03-28T09:00:00Z'; // 10:00 in London, 05:00 in Toronto
const dayAfterTheChange = '2027-03-29T09:00:00Z'; // 10:00 in London, 05:00 in Toronto

async function schedule(startsAt: string) {
  const res = await pair.mentor.call({
    method: 'POST',
    url: `/api/relationships/${pair.relationshipId}/meetings`,
    payload: { startsAt, durationMinutes: 60 },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as { id: string; version: number };
}

beforeAll(async () => {
  t = await createTestApp();
  // The mentor lives in London, the mentee in Toronto.
  pair = await agreedPair(t, 'clocks', { mentor: 'Europe/London', mentee: 'America/Toronto' });
});
afterAll(async () => {
  await t.close();
});

describe('meeting reminders in each person’s time zone', () => {
  it('falls due the day before at the same local time, which is 23 hours ahead across the change in London', () => {
    const { dayBefore, hourBefore } = reminderTimes(new Date(firstDayOfSummerTime), 'Europe/London');
    expect(dayBefore.toISOString()).toBe('2027-03-27T10:00:00.000Z');
    expect(hourBefore.toISOString()).toBe('2027-03-28T08:00:00.000Z');
    expect(reminderTimes(new Date(firstDayOfSummerTime), 'America/Toronto').dayBefore.toISOString()).toBe(
      '2027-03-27T09:00:00.000Z',
    );
  });

  it('sends each person a day-before and an hour-before reminder once, around the clock change', async () => {
    await schedule(firstDayOfSummerTime);
    await schedule(dayAfterTheChange);
    const cancelled = await schedule('2027-03-30T09:00:00Z');
    const cancel = await pair.mentee.call({
      method: 'POST',
      url: `/api/meetings/${cancelled.id}/cancel`,
      payload: { version: cancelled.version },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);

    const seen: string[][] = [];
    for (const at of [
      '2027-03-27T08:59:00Z',
      '2027-03-27T09:00:00Z', // Saturday 05:00 in Toronto: the mentee's day-before reminder
      '2027-03-27T09:30:00Z',
      '2027-03-27T10:00:00Z', // Saturday 10:00 in London (still winter time): the mentor's
      '2027-03-28T08:00:00Z', // an hour before the first meeting, for both
      '2027-03-28T08:30:00Z',
      '2027-03-28T09:00:00Z', // Sunday 10:00 in London and 05:00 in Toronto: both, for Monday
      '2027-03-29T08:00:00Z', // an hour before Monday's, for both
      '2027-03-29T08:05:00Z',
      '2027-03-30T08:30:00Z', // the cancelled meeting: nothing
    ]) {
      await sweepAt(at);
      const rows = await outboxOf(t, pair.org.orgId, ['meeting.reminder']);
      seen.push(rows.slice(seen.flat().length).map((r) => r.to.split('@')[0] as string));
    }
    const both = ['junior-mentor', 'senior-mentee'];
    expect(seen).toEqual([[], ['senior-mentee'], [], ['junior-mentor'], both, [], both, both, [], []]);
    const sent = await t.database.db
      .select({ kind: engagementSent.kind })
      .from(engagementSent)
      .where(eq(engagementSent.orgId, pair.org.orgId));
    expect(sent.filter((s) => s.kind === 'meeting.reminder_24h')).toHaveLength(4);
    expect(sent.filter((s) => s.kind === 'meeting.reminder_1h')).toHaveLength(4);
    const reminders = await outboxOf(t, pair.org.orgId, ['meeting.reminder']);
    // The day-before and the hour-before reminders each say which they are.
    expect(reminders.map((r) => `${r.to.split('@')[0]} ${r.subject.split(':')[0]}`)).toEqual([
      'senior-mentee Reminder',
      'junior-mentor Reminder',
      'junior-mentor In an hour',
      'senior-mentee In an hour',
      'junior-mentor Reminder',
      'senior-mentee Reminder',
      'junior-mentor In an hour',
      'senior-mentee In an hour',
    ]);
    const bodies = reminders.map((r) => r.body);
    // Each reads the meeting's time on their own clock.
    expect(bodies[0]).toContain('Sun 28 Mar 2027, 05:00 (America/Toronto)');
    expect(bodies[1]).toContain('Sun 28 Mar 2027, 10:00 (Europe/London)');
    expect(bodies[4]).toContain('Mon 29 Mar 2027, 10:00 (Europe/London)');
    expect(bodies[5]).toContain('Mon 29 Mar 2027, 05:00 (America/Toronto)');
  });

  it('asked both "did it happen?" once about each meeting that passed unrecorded, never the cancelled one', async () => {
    // The sweeps above ran past both meetings' ends (Sunday's and Monday's); these run again.
    await sweepAt('2027-03-30T12:00:00Z');
    await sweepAt('2027-04-02T12:00:00Z');
    const checks = await outboxOf(t, pair.org.orgId, ['meeting.check']);
    const asked = [
      ['junior-mentor@clocks.test', 'Did your reverse programme meeting with Senior Mentee happen?'],
      ['senior-mentee@clocks.test', 'Did your reverse programme meeting with Junior Mentor happen?'],
    ];
    expect(checks.map((c) => [c.to, c.subject])).toEqual([...asked, ...asked]);
    expect(checks[0]?.body).toContain('Sun 28 Mar 2027, 10:00 (Europe/London)');
  });
});

describe('which reminder is due', () => {
  it('agrees with the wall-clock arithmetic every quarter hour across clock changes, in every kind of zone', () => {
    // Antarctica/Troll moves its clocks by two hours; Lord Howe by half an hour.
    const zones = [
      'Europe/London',
      'America/Toronto',
      'Antarctica/Troll',
      'Australia/Lord_Howe',
      'Asia/Tokyo',
    ];
    const starts = [
      '2027-03-28T09:00:00Z',
      '2027-03-29T01:30:00Z',
      '2027-10-31T01:15:00Z',
      '2027-04-04T16:00:00Z',
    ];
    let compared = 0;
    for (const zone of zones)
      for (const start of starts) {
        const startsAt = new Date(start);
        const { dayBefore } = reminderTimes(startsAt, zone);
        for (let ahead = 26 * 60; ahead > 0; ahead -= 15) {
          const now = new Date(startsAt.getTime() - ahead * 60_000);
          const expected = ahead <= 60 ? '1h' : now >= dayBefore ? '24h' : null;
          expect([zone, start, ahead, reminderDue(now, startsAt, zone)]).toEqual([
            zone,
            start,
            ahead,
            expected,
          ]);
          compared++;
        }
      }
    expect(compared).toBe(5 * 4 * 104);
  });
});
