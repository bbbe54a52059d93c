import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { accept } from '../relationships/testing.js';
import { runEngagementSweep } from './sweep.js';
import { hours, later, outboxOf, type Pair, proposedPair } from './testing.js';

let t: TestApp;
let pair: Pair;
const kinds = ['match.reminder', 'match.unanswered'];

beforeAll(async () => {
  t = await createTestApp();
  pair = await proposedPair(t, 'accepts');
});
afterAll(async () => {
  await t.close();
});

const sweepAt = (now: Date) => runEngagementSweep(t.database.db, { now });

describe('accept reminders', () => {
  it('reminds both sides once after three days, then the programme manager once after seven', async () => {
    await sweepAt(later(pair.proposedAt, hours(71)));
    expect(await outboxOf(t, pair.org.orgId, kinds)).toEqual([]);

    const day3 = await sweepAt(later(pair.proposedAt, hours(72) + 60_000));
    expect(day3.acceptReminders).toBe(2);
    const reminders = await outboxOf(t, pair.org.orgId, kinds);
    expect(reminders.map((r) => [r.kind, r.to])).toEqual([
      ['match.reminder', 'junior-mentor@accepts.test'],
      ['match.reminder', 'senior-mentee@accepts.test'],
    ]);
    expect(reminders[0]?.subject).toBe(
      'Your reverse programme match with Senior Mentee is waiting for your answer',
    );
    expect(reminders[0]?.body).toContain(`/my/relationships/${pair.relationshipId}`);

    // Answered by one side; the other is not reminded a second time, however often the sweep runs.
    await accept(pair.mentor.call, pair.relationshipId);
    await sweepAt(later(pair.proposedAt, hours(100)));
    await sweepAt(later(pair.proposedAt, hours(150)));
    expect(await outboxOf(t, pair.org.orgId, kinds)).toHaveLength(2);

    const day7 = await sweepAt(later(pair.proposedAt, hours(7 * 24) + 60_000));
    expect(day7.acceptReminders).toBe(1);
    await sweepAt(later(pair.proposedAt, hours(9 * 24)));
    const all = await outboxOf(t, pair.org.orgId, kinds);
    expect(all.map((r) => [r.kind, r.to])).toEqual([
      ['match.reminder', 'junior-mentor@accepts.test'],
      ['match.reminder', 'senior-mentee@accepts.test'],
      ['match.unanswered', 'programme_manager@accepts.test'],
    ]);
    // Who and where, never why: the manager's email names the pair and links to the programme.
    expect(all[2]?.body).toContain(
      'The match of Junior Mentor (mentor) and Senior Mentee (mentee) in reverse programme has waited a week for an answer.',
    );
    expect(all[2]?.body).toContain(`/programmes/${pair.programmeId}/health`);
  });

  it('leaves an answered match alone', async () => {
    const answered = await proposedPair(t, 'answered');
    await accept(answered.mentor.call, answered.relationshipId);
    await accept(answered.mentee.call, answered.relationshipId);
    await sweepAt(later(answered.proposedAt, hours(10 * 24)));
    expect(await outboxOf(t, answered.org.orgId, kinds)).toEqual([]);
  });
});
