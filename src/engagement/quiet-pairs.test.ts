import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { migrationsFolder } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { meetings, people } from '../db/schema.js';
import { recordMeeting, scheduleMeeting } from '../relationships/meetings.js';
import { digestWeek } from './digest.js';
import { pairsForManagers } from './quiet-pairs.js';
import { runEngagementSweep } from './sweep.js';
import { type AgreedPair, actorOf, agreedPair, hours, later, outboxOf } from './testing.js';

let t: TestApp;
let pair: AgreedPair;
let acceptedAt: Date;
const day = hours(24);
const sweepAt = (now: Date) => runEngagementSweep(t.database.db, { now });

beforeAll(async () => {
  t = await createTestApp();
  // The agreement says fortnightly: nudged after 21 quiet days, on the managers' list after 42.
  pair = await agreedPair(t, 'quiet');
  acceptedAt = pair.acceptedAt;
});
afterAll(async () => {
  await t.close();
});

describe('quiet pairs', () => {
  it('nudges both people once after 1.5 times the cadence, with a link that opens scheduling', async () => {
    await sweepAt(later(acceptedAt, 21 * day - 60_000));
    expect(await outboxOf(t, pair.org.orgId, ['relationship.nudge'])).toEqual([]);
    await sweepAt(later(acceptedAt, 21 * day + 60_000));
    await sweepAt(later(acceptedAt, 30 * day));
    const nudges = await outboxOf(t, pair.org.orgId, ['relationship.nudge']);
    expect(nudges.map((n) => [n.to, n.subject])).toEqual([
      ['junior-mentor@quiet.test', 'It has been 21 days since you met Senior Mentee'],
      ['senior-mentee@quiet.test', 'It has been 21 days since you met Junior Mentor'],
    ]);
    expect(nudges[0]?.body).toContain(`/my/relationships/${pair.relationshipId}?schedule=1`);
  });

  it('puts the pair on the managers’ list after 3 times the cadence, by name and date only', async () => {
    expect(
      await pairsForManagers(t.database.db, pair.org.orgId, later(acceptedAt, 42 * day - 60_000)),
    ).toEqual([]);
    const list = await pairsForManagers(t.database.db, pair.org.orgId, later(acceptedAt, 43 * day));
    expect(list).toEqual([
      {
        relationshipId: pair.relationshipId,
        programmeId: pair.programmeId,
        mentorName: 'Junior Mentor',
        menteeName: 'Senior Mentee',
        lastMetAt: null,
        quietDays: 43,
      },
    ]);
    const res = await pair.manager({ method: 'GET', url: `/api/programmes/${pair.programmeId}/quiet-pairs` });
    expect(res.statusCode, res.body).toBe(200);
    // Today the pair has been quiet for days only: not on the list yet.
    expect(res.json()).toEqual({ afterCadences: 3, pairs: [] });
    const participant = await pair.mentee.call({
      method: 'GET',
      url: `/api/programmes/${pair.programmeId}/quiet-pairs`,
    });
    expect(participant.statusCode).toBe(403);
  });

  it('sends the managers their weekly digest on Monday from 08:00 in their own zone, once a week', async () => {
    await t.database.db
      .update(people)
      .set({ timeZone: 'Asia/Tokyo' })
      .where(eq(people.id, pair.org.personIds.programme_manager));
    // Monday 8 March 2027, 08:00 in Tokyo is Sunday 7 March, 23:00 UTC.
    expect(digestWeek(new Date('2027-03-07T22:59:00Z'), 'Asia/Tokyo')).toBeNull();
    expect(digestWeek(new Date('2027-03-07T23:00:00Z'), 'Asia/Tokyo')).toEqual({
      week: '2027-W10',
      weekOf: '8 March 2027',
    });
    // The sweeps run on a Monday ten weeks or so after the pair agreed, when it has long been
    // quiet and the earlier tests' digests are weeks behind.
    const monday = DateTime.fromJSDate(later(acceptedAt, 70 * day), { zone: 'UTC' })
      .startOf('week')
      .plus({ weeks: 1 });
    const utc = (d: DateTime) => d.toJSDate();
    const weekOf = (d: DateTime) => d.setLocale('en').toFormat('d LLLL yyyy');
    const opens = monday.minus({ hours: 1 }); // 08:00 in Tokyo
    const before = (await outboxOf(t, pair.org.orgId, ['digest.weekly'])).length;
    for (const at of [
      opens.minus({ minutes: 1 }),
      opens,
      monday.plus({ days: 2, hours: 12 }),
      opens.plus({ weeks: 1 }),
    ])
      await sweepAt(utc(at));
    // The sweeps of the tests above sent the digests of their own weeks as well.
    const digests = (await outboxOf(t, pair.org.orgId, ['digest.weekly'])).slice(before);
    expect(digests.map((d) => [d.to, d.subject])).toEqual([
      ['programme_manager@quiet.test', `Mentoring this week at Org quiet (week of ${weekOf(monday)})`],
      [
        'programme_manager@quiet.test',
        `Mentoring this week at Org quiet (week of ${weekOf(monday.plus({ weeks: 1 }))})`,
      ],
    ]);
    const quietDays = Math.floor((utc(opens).getTime() - acceptedAt.getTime()) / day);
    expect(digests[0]?.body).toContain(
      'reverse programme: 0 new pairs, 0 waiting for an answer, 1 quiet, 0 meetings held this week.',
    );
    expect(digests[0]?.body).toContain(
      `reverse programme: quiet for ${quietDays} days: Junior Mentor and Senior Mentee.`,
    );
  });
});

/** Each pair's last held meeting as stored, beside what the meetings say now. */
async function lastHeld(): Promise<{ stored: string | null; fresh: string | null }[]> {
  return rowsOf<{ stored: string | null; fresh: string | null }>(
    await t.database.db.execute(sql`
      select r.last_held_at::text as stored,
             (select max(m.starts_at) from meetings m where m.relationship_id = r.id and m.status = 'held')::text as fresh
      from relationships r order by r.id`),
  );
}

describe('the last meeting held', () => {
  it('follows every change to a pair’s meetings, and the quiet list with it', async () => {
    const held = await agreedPair(t, 'held');
    const a = held.acceptedAt;
    const listedAt = async (d: number) =>
      (await pairsForManagers(t.database.db, held.org.orgId, later(a, d * day))).map((q) => [
        q.lastMetAt,
        q.quietDays,
      ]);
    const mentor = await actorOf(t, held.org.orgId, held.mentor.personId);
    const met = later(a, 10 * day);
    const meeting = await scheduleMeeting(
      t.database.db,
      mentor,
      held.relationshipId,
      { startsAt: met.toISOString() },
      later(a, day),
    );
    expect(await listedAt(43)).toEqual([[null, 43]]);
    await recordMeeting(
      t.database.db,
      mentor,
      meeting.id,
      { version: meeting.version },
      later(met, hours(1)),
    );
    // Quiet from the meeting on: on the list 42 days after it, not 42 days after the start.
    expect(await listedAt(43)).toEqual([]);
    expect(await listedAt(53)).toEqual([[met.toISOString(), 43]]);
    // A correction (as an import or an administrator would make it): it did not happen after all.
    await t.database.db.update(meetings).set({ status: 'cancelled' }).where(eq(meetings.id, meeting.id));
    expect(await listedAt(43)).toEqual([[null, 43]]);
    // Recorded again, then moved a day later; a second one imported as held; then removed.
    await t.database.db.update(meetings).set({ status: 'held' }).where(eq(meetings.id, meeting.id));
    const moved = later(met, day);
    await t.database.db
      .update(meetings)
      .set({ startsAt: moved, endsAt: later(moved, hours(1)) })
      .where(eq(meetings.id, meeting.id));
    expect(await listedAt(54)).toEqual([[moved.toISOString(), 43]]);
    const imported = later(a, 20 * day);
    const [second] = await t.database.db
      .insert(meetings)
      .values({
        orgId: held.org.orgId,
        relationshipId: held.relationshipId,
        startsAt: imported,
        durationMinutes: 60,
        endsAt: later(imported, hours(1)),
        status: 'held',
        agenda: { template: 'custom', title: 'Imported', items: [] },
      })
      .returning();
    expect(await listedAt(54)).toEqual([]);
    expect(await listedAt(63)).toEqual([[imported.toISOString(), 43]]);
    await t.database.db.delete(meetings).where(eq(meetings.id, second?.id as string));
    expect(await listedAt(54)).toEqual([[moved.toISOString(), 43]]);
    for (const r of await lastHeld()) expect(r.stored).toBe(r.fresh);
  });

  it('is filled by its migration from the meetings already recorded', async () => {
    // The migration's backfill statement, run on pairs whose date was lost.
    const backfill = readFileSync(join(migrationsFolder, '0016_last_held_meeting.sql'), 'utf8')
      .split('--> statement-breakpoint')
      .find((s) => s.includes('UPDATE "relationships"') && !s.includes('FUNCTION'));
    expect(backfill).toBeDefined();
    await t.database.db.execute(sql`update relationships set last_held_at = null`);
    const lost = await lastHeld();
    expect(lost.filter((r) => r.fresh !== null).length).toBeGreaterThan(0);
    await t.database.db.execute(sql.raw(backfill as string));
    const filled = await lastHeld();
    expect(filled.map((r) => r.stored)).toEqual(lost.map((r) => r.fresh));
  });
});
