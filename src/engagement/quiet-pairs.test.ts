import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { people } from '../db/schema.js';
import { digestWeek } from './digest.js';
import { pairsForManagers } from './quiet-pairs.js';
import { runEngagementSweep } from './sweep.js';
import { type AgreedPair, agreedPair, hours, later, outboxOf } from './testing.js';

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
    for (const at of [
      '2027-03-07T22:59:00Z',
      '2027-03-07T23:00:00Z',
      '2027-03-10T12:00:00Z',
      '2027-03-14T23:00:00Z',
    ])
      await sweepAt(new Date(at));
    // The sweeps of the tests above sent the digests of their own weeks (December) as well.
    const digests = (await outboxOf(t, pair.org.orgId, ['digest.weekly'])).filter((d) =>
      d.subject.includes('March 2027'),
    );
    expect(digests.map((d) => [d.to, d.subject])).toEqual([
      ['programme_manager@quiet.test', 'Mentoring this week at Org quiet (week of 8 March 2027)'],
      ['programme_manager@quiet.test', 'Mentoring this week at Org quiet (week of 15 March 2027)'],
    ]);
    const quietDays = Math.floor((new Date('2027-03-07T23:00:00Z').getTime() - acceptedAt.getTime()) / day);
    expect(digests[0]?.body).toContain(
      'reverse programme: 0 new pairs, 0 waiting for an answer, 1 quiet, 0 meetings held this week.',
    );
    expect(digests[0]?.body).toContain(
      `reverse programme: quiet for ${quietDays} days: Junior Mentor and Senior Mentee.`,
    );
  });
});
