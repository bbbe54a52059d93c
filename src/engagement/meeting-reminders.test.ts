import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { engagementSent } from '../db/schema.js';
import { reminderDue, reminderTimes } from './meeting-reminders.js';
import { runEngagementSweep } from './sweep.js';
import { agreedPair, outboxOf, type Pair } from './testing.js';

let t: TestApp;
let pair: Pair;
const sweepAt = (iso: string) => runEngagementSweep(t.database.db, { now: new Date(iso) });

// Europe/London moves to summer time at 01:00 UTC on the last Sunday of March; America/Toronto
// moved two or three weeks earlier (the second Sunday), so London is 4 hours ahead until that
// Sunday, then 5. The test takes the next such Sunday whose Saturday is still to come, so the
// meetings it schedules are ahead of today whichever day it runs.
function nextLondonSummerTime(now: DateTime): DateTime {
  for (let year = now.year; ; year++) {
    const endOfMarch = DateTime.utc(year, 3, 31);
    const sunday = endOfMarch.minus({ days: endOfMarch.weekday % 7 });
    if (sunday.minus({ days: 1 }) > now.plus({ days: 1 })) return sunday;
  }
}
const change = nextLondonSummerTime(DateTime.utc());
/** The change's Sunday moved by some days, at a UTC time of day ('HH:mm'). */
const on = (days: number, time: string) => `${change.plus({ days }).toISODate()}T${time}:00.000Z`;
const firstDayOfSummerTime = on(0, '09:00'); // 10:00 in London, 05:00 in Toronto
const dayAfterTheChange = on(1, '09:00'); // 10:00 in London, 05:00 in Toronto
/** How a reminder writes a day of the change's week, as in 'Sun 28 Mar 2027'. */
const written = (days: number) => change.plus({ days }).setLocale('en').toFormat('ccc d LLL yyyy');

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
    // The chosen Sunday is London's change, with Toronto already on summer time.
    const offsets = (iso: string) =>
      ['Europe/London', 'America/Toronto'].map((zone) => DateTime.fromISO(iso, { zone }).offset);
    expect(offsets(on(-1, '10:00'))).toEqual([0, -240]);
    expect(offsets(firstDayOfSummerTime)).toEqual([60, -240]);
    const { dayBefore, hourBefore } = reminderTimes(new Date(firstDayOfSummerTime), 'Europe/London');
    expect(dayBefore.toISOString()).toBe(on(-1, '10:00'));
    expect(hourBefore.toISOString()).toBe(on(0, '08:00'));
    expect(reminderTimes(new Date(firstDayOfSummerTime), 'America/Toronto').dayBefore.toISOString()).toBe(
      on(-1, '09:00'),
    );
  });

  it('sends each person a day-before and an hour-before reminder once, around the clock change', async () => {
    await schedule(firstDayOfSummerTime);
    await schedule(dayAfterTheChange);
    const cancelled = await schedule(on(2, '09:00'));
    const cancel = await pair.mentee.call({
      method: 'POST',
      url: `/api/meetings/${cancelled.id}/cancel`,
      payload: { version: cancelled.version },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);

    const seen: string[][] = [];
    for (const at of [
      on(-1, '08:59'),
      on(-1, '09:00'), // Saturday 05:00 in Toronto: the mentee's day-before reminder
      on(-1, '09:30'),
      on(-1, '10:00'), // Saturday 10:00 in London (still winter time): the mentor's
      on(0, '08:00'), // an hour before the first meeting, for both
      on(0, '08:30'),
      on(0, '09:00'), // Sunday 10:00 in London and 05:00 in Toronto: both, for Monday
      on(1, '08:00'), // an hour before Monday's, for both
      on(1, '08:05'),
      on(2, '08:30'), // the cancelled meeting: nothing
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
    expect(bodies[0]).toContain(`${written(0)}, 05:00 (America/Toronto)`);
    expect(bodies[1]).toContain(`${written(0)}, 10:00 (Europe/London)`);
    expect(bodies[4]).toContain(`${written(1)}, 10:00 (Europe/London)`);
    expect(bodies[5]).toContain(`${written(1)}, 05:00 (America/Toronto)`);
  });

  it('asked both "did it happen?" once about each meeting that passed unrecorded, never the cancelled one', async () => {
    // The sweeps above ran past both meetings' ends (Sunday's and Monday's); these run again.
    await sweepAt(on(2, '12:00'));
    await sweepAt(on(5, '12:00'));
    const checks = await outboxOf(t, pair.org.orgId, ['meeting.check']);
    const asked = [
      ['junior-mentor@clocks.test', 'Did your reverse programme meeting with Senior Mentee happen?'],
      ['senior-mentee@clocks.test', 'Did your reverse programme meeting with Junior Mentor happen?'],
    ];
    expect(checks.map((c) => [c.to, c.subject])).toEqual([...asked, ...asked]);
    expect(checks[0]?.body).toContain(`${written(0)}, 10:00 (Europe/London)`);
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
