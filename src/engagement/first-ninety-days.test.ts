// The first 90 days of one relationship on an injected clock (no sleeping): the engagement
// sweep and the worker run at each tick, and a real SMTP sink receives every email, parsed
// back with mailparser. The list of what arrives, in order, is the product's promise.
import type { AddressInfo } from 'node:net';
import { eq } from 'drizzle-orm';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../api/testing.js';
import { loadConfig } from '../config.js';
import { relationships } from '../db/schema.js';
import { startWorker, type Worker } from '../jobs/worker.js';
import { recordMeeting, scheduleMeeting } from '../relationships/meetings.js';
import { accept } from '../relationships/testing.js';
import { runEngagementSweep } from './sweep.js';
import { actorOf, hours, type Pair, proposedPair, signAgreement } from './testing.js';

let t: TestApp;
let pair: Pair;
let sink: SMTPServer;
let worker: Worker;
const received: { at: number; to: string; subject: string; text: string }[] = [];
let now: Date;
const hour = hours(1);
const day = hours(24);

beforeAll(async () => {
  t = await createTestApp();
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    async onData(stream, _session, callback) {
      const mail = await simpleParser(stream);
      const to = Array.isArray(mail.to) ? mail.to.map((a) => a.text).join(',') : (mail.to?.text ?? '');
      received.push({ at: now.getTime(), to, subject: mail.subject ?? '', text: mail.text ?? '' });
      callback();
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  const port = (sink.server.address() as AddressInfo).port;
  pair = await proposedPair(t, 'ninety');
  now = pair.proposedAt;
  worker = startWorker(
    t.database.db,
    loadConfig({ SMTP_URL: `smtp://127.0.0.1:${port}?tls=off`, WORKER_INTERVAL_SECONDS: '3600' }),
    () => undefined,
    { clock: () => now },
  );
});
afterAll(async () => {
  await worker.stop();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
  await t.close();
});

/** Moves the clock to `until`, running the sweep and a worker pass at every step on the way. */
async function advance(until: Date, step: number) {
  while (now.getTime() < until.getTime()) {
    now = new Date(Math.min(now.getTime() + step, until.getTime()));
    await runEngagementSweep(t.database.db, { now });
    while ((await worker.tick()).sent > 0);
  }
}

describe('the first 90 days of a relationship', () => {
  it('sends exactly the expected emails, in order', async () => {
    const t0 = pair.proposedAt.getTime();
    const at = (d: number, h = 0) => new Date(t0 + d * day + h * hour);
    await advance(at(0, 1), hour);
    // Day 4: both accept and sign the agreement.
    await advance(at(4), 12 * hour);
    await accept(pair.mentor.call, pair.relationshipId);
    await accept(pair.mentee.call, pair.relationshipId);
    await t.database.db
      .update(relationships)
      .set({ acceptedAt: now })
      .where(eq(relationships.id, pair.relationshipId));
    await signAgreement(pair);
    const mentor = await actorOf(t, pair.org.orgId, pair.mentor.personId);
    const mentee = await actorOf(t, pair.org.orgId, pair.mentee.personId);
    // Day 5: the mentor books the first meeting for day 10; it is held and recorded.
    await advance(at(5), 12 * hour);
    const first = await scheduleMeeting(
      t.database.db,
      mentor,
      pair.relationshipId,
      { startsAt: at(10).toISOString() },
      now,
    );
    await advance(at(9, -2), 12 * hour);
    await advance(at(10, 3), hour); // reminders a day and an hour ahead; "did it happen?" an hour after
    await recordMeeting(t.database.db, mentee, first.id, { version: first.version }, now);
    await advance(at(32), 12 * hour); // quiet from day 31 (1.5 fortnights after the meeting)
    const second = await scheduleMeeting(
      t.database.db,
      mentee,
      pair.relationshipId,
      { startsAt: at(36).toISOString() },
      now,
    );
    await advance(at(35, -2), 12 * hour);
    await advance(at(36, 1), hour);
    await recordMeeting(t.database.db, mentor, second.id, { version: second.version }, now);
    await advance(at(95), 12 * hour);

    const who = (to: string) => to.split('@')[0] ?? '';
    const dayOf = (ms: number) => Math.floor((ms - t0) / day);
    // Emails of one tick leave together: within a tick they are listed by recipient. Of two
    // reminders for one meeting, the first is the day-before one and the second the hour-before one.
    const ordered = [...received].sort((a, b) => a.at - b.at || who(a.to).localeCompare(who(b.to)));
    const log = ordered.map((r) => `${dayOf(r.at)} ${who(r.to)}: ${r.subject}`);
    expect(log).toEqual([
      '0 junior-mentor: reverse programme: you have been matched with Senior Mentee',
      '0 programme_manager: Mentoring this week at Org ninety (week of 23 November 2026)',
      '0 senior-mentee: reverse programme: you have been matched with Junior Mentor',
      '3 junior-mentor: Your reverse programme match with Senior Mentee is waiting for your answer',
      '3 programme_manager: Mentoring this week at Org ninety (week of 30 November 2026)',
      '3 senior-mentee: Your reverse programme match with Junior Mentor is waiting for your answer',
      '4 junior-mentor: Your match is confirmed',
      '4 senior-mentee: Your match accepted',
      '5 senior-mentee: New mentoring meeting with Junior Mentor',
      '9 junior-mentor: Reminder: reverse programme meeting with Senior Mentee, Our journeys: triumphs and struggles',
      '9 senior-mentee: Reminder: reverse programme meeting with Junior Mentor, Our journeys: triumphs and struggles',
      '9 programme_manager: Mentoring this week at Org ninety (week of 7 December 2026)',
      '9 junior-mentor: In an hour: reverse programme meeting with Senior Mentee, Our journeys: triumphs and struggles',
      '9 senior-mentee: In an hour: reverse programme meeting with Junior Mentor, Our journeys: triumphs and struggles',
      '10 junior-mentor: Did your reverse programme meeting with Senior Mentee happen?',
      '10 senior-mentee: Did your reverse programme meeting with Junior Mentor happen?',
      '10 junior-mentor: How was your mentoring meeting?',
      '10 senior-mentee: How was your mentoring meeting?',
      '17 programme_manager: Mentoring this week at Org ninety (week of 14 December 2026)',
      '24 programme_manager: Mentoring this week at Org ninety (week of 21 December 2026)',
      '31 junior-mentor: It has been 21 days since you met Senior Mentee',
      '31 programme_manager: Mentoring this week at Org ninety (week of 28 December 2026)',
      '31 senior-mentee: It has been 21 days since you met Junior Mentor',
      '32 junior-mentor: New mentoring meeting with Senior Mentee',
      '34 junior-mentor: 30 days with Senior Mentee: two quick questions',
      '34 senior-mentee: 30 days with Junior Mentor: two quick questions',
      '35 junior-mentor: Reminder: reverse programme meeting with Senior Mentee, The topics themselves',
      '35 senior-mentee: Reminder: reverse programme meeting with Junior Mentor, The topics themselves',
      '35 junior-mentor: In an hour: reverse programme meeting with Senior Mentee, The topics themselves',
      '35 senior-mentee: In an hour: reverse programme meeting with Junior Mentor, The topics themselves',
      '36 junior-mentor: How was your mentoring meeting?',
      '36 senior-mentee: How was your mentoring meeting?',
      '38 programme_manager: Mentoring this week at Org ninety (week of 4 January 2027)',
      '45 programme_manager: Mentoring this week at Org ninety (week of 11 January 2027)',
      '52 programme_manager: Mentoring this week at Org ninety (week of 18 January 2027)',
      '57 junior-mentor: It has been 21 days since you met Senior Mentee',
      '57 senior-mentee: It has been 21 days since you met Junior Mentor',
      '59 programme_manager: Mentoring this week at Org ninety (week of 25 January 2027)',
      '64 junior-mentor: 60 days with Senior Mentee: two quick questions',
      '64 senior-mentee: 60 days with Junior Mentor: two quick questions',
      '66 programme_manager: Mentoring this week at Org ninety (week of 1 February 2027)',
      '73 programme_manager: Mentoring this week at Org ninety (week of 8 February 2027)',
      '80 programme_manager: Mentoring this week at Org ninety (week of 15 February 2027)',
      '87 programme_manager: Mentoring this week at Org ninety (week of 22 February 2027)',
      '94 junior-mentor: 90 days with Senior Mentee: two quick questions',
      '94 programme_manager: Mentoring this week at Org ninety (week of 1 March 2027)',
      '94 senior-mentee: 90 days with Junior Mentor: two quick questions',
    ]);
    // The day-80 digest lists the pair, quiet for three fortnights since day 36, by name only.
    const digest80 = ordered.find((r) => r.subject.includes('week of 15 February 2027'));
    expect(digest80?.text).toMatch(/quiet for 4[34] days: Junior Mentor and Senior Mentee\./);
    expect(ordered.find((r) => r.subject.includes('week of 18 January 2027'))?.text).not.toMatch(/quiet for/);
  }, 300_000);
});
