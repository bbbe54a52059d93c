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
import { people, relationships } from '../db/schema.js';
import { startWorker, type Worker } from '../jobs/worker.js';
import { recordMeeting, scheduleMeeting } from '../relationships/meetings.js';
import { accept } from '../relationships/testing.js';
import { digestWeek } from './digest.js';
import { runEngagementSweep } from './sweep.js';
import { actorOf, hours, type Pair, proposedPair, signAgreement } from './testing.js';

let t: TestApp;
let pair: Pair;
let sink: SMTPServer;
let worker: Worker;
const received: { at: number; to: string; subject: string; text: string }[] = [];
const ticks: Date[] = [];
let now: Date;
const hour = hours(1);
const day = hours(24);
const digestSubject = 'Mentoring this week at Org ninety';

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
    ticks.push(now);
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
    // The weekly digest follows the calendar, not the pair: one a week, at the first tick after
    // Monday 08:00 in the manager's time zone, whatever day of the week the test starts on.
    const [manager] = await t.database.db
      .select({ timeZone: people.timeZone })
      .from(people)
      .where(eq(people.email, `programme_manager@${pair.org.slug}.test`));
    expect(manager).toBeDefined();
    const weeks = new Set<string>();
    const digests = ticks.flatMap((tick) => {
      const week = digestWeek(tick, manager?.timeZone ?? 'UTC');
      if (!week || weeks.has(week.week)) return [];
      weeks.add(week.week);
      return [`${dayOf(tick.getTime())} programme_manager: ${digestSubject} (week of ${week.weekOf})`];
    });
    expect(digests.length).toBeGreaterThanOrEqual(13);
    expect(log.filter((l) => l.includes(digestSubject))).toEqual(digests);
    expect(log.filter((l) => !l.includes(digestSubject))).toEqual([
      '0 junior-mentor: reverse programme: you have been matched with Senior Mentee',
      '0 senior-mentee: reverse programme: you have been matched with Junior Mentor',
      '3 junior-mentor: Your reverse programme match with Senior Mentee is waiting for your answer',
      '3 senior-mentee: Your reverse programme match with Junior Mentor is waiting for your answer',
      '4 junior-mentor: Your match is confirmed',
      '4 senior-mentee: Your match accepted',
      '5 senior-mentee: New mentoring meeting with Junior Mentor',
      '9 junior-mentor: Reminder: reverse programme meeting with Senior Mentee, Our journeys: triumphs and struggles',
      '9 senior-mentee: Reminder: reverse programme meeting with Junior Mentor, Our journeys: triumphs and struggles',
      '9 junior-mentor: In an hour: reverse programme meeting with Senior Mentee, Our journeys: triumphs and struggles',
      '9 senior-mentee: In an hour: reverse programme meeting with Junior Mentor, Our journeys: triumphs and struggles',
      '10 junior-mentor: Did your reverse programme meeting with Senior Mentee happen?',
      '10 senior-mentee: Did your reverse programme meeting with Junior Mentor happen?',
      '10 junior-mentor: How was your mentoring meeting?',
      '10 senior-mentee: How was your mentoring meeting?',
      '31 junior-mentor: It has been 21 days since you met Senior Mentee',
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
      '57 junior-mentor: It has been 21 days since you met Senior Mentee',
      '57 senior-mentee: It has been 21 days since you met Junior Mentor',
      '64 junior-mentor: 60 days with Senior Mentee: two quick questions',
      '64 senior-mentee: 60 days with Junior Mentor: two quick questions',
      '94 junior-mentor: 90 days with Senior Mentee: two quick questions',
      '94 senior-mentee: 90 days with Junior Mentor: two quick questions',
    ]);
    // A digest about day 80 lists the pair, quiet since its meeting on day 36, by name only;
    // one before day 57 (three weeks after that meeting) does not.
    const digestAbout = (from: number, to: number) =>
      ordered.find((r) => r.subject.includes(digestSubject) && dayOf(r.at) >= from && dayOf(r.at) <= to);
    const late = digestAbout(77, 83);
    const quiet = /quiet for (\d+) days: Junior Mentor and Senior Mentee\./.exec(late?.text ?? '');
    expect(Number(quiet?.[1])).toBeGreaterThanOrEqual(dayOf(late?.at ?? 0) - 37);
    expect(Number(quiet?.[1])).toBeLessThanOrEqual(dayOf(late?.at ?? 0) - 35);
    expect(digestAbout(50, 56)?.text).not.toMatch(/quiet for/);
  }, 300_000);
});
