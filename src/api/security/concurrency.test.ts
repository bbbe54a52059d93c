// Races that must have one answer however requests interleave: 200 mentees accepting at
// once against mentors of capacity 2, and one match run published twice at the same moment.
import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accounts, enrolments, people, relationships } from '../../db/schema.js';
import { createSession } from '../../identity/sessions.js';
import {
  addPerson,
  createProgramme,
  createTopics,
  enrolAs,
  type PersonFixture,
} from '../../relationships/testing.js';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../testing.js';

let t: TestApp;
let org: TestOrg;
let manager: ReturnType<typeof as>;
let topicIds: string[];

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'race');
  manager = as(t.app, org.cookies.programme_manager);
  topicIds = await createTopics(manager, ['Negotiation', 'Data literacy']);
});
afterAll(() => t.close());

describe('concurrency', () => {
  it('lets 200 parallel accepts fill mentors of capacity 2 and never beyond', {
    timeout: 180_000,
  }, async () => {
    const db = t.database.db;
    const programmeId = await createProgramme(manager, 'conventional', topicIds, 'Oversubscribed');
    const mentorCount = 4;
    const capacity = 2;
    const menteeCount = 200;
    // People, accounts, sessions and enrolments written directly: the race is the subject, not sign-in.
    const made = await db
      .insert(people)
      .values(
        Array.from({ length: mentorCount + menteeCount }, (_, i) => ({
          orgId: org.orgId,
          name: `Racer ${i}`,
          email: `racer${i}@race.test`,
          jobLevel: i < mentorCount ? 8 : 2,
          department: i < mentorCount ? 'Strategy' : 'Sales',
        })),
      )
      .returning({ id: people.id });
    const mentorIds = made.slice(0, mentorCount).map((p) => p.id);
    const menteeIds = made.slice(mentorCount).map((p) => p.id);
    await db.insert(enrolments).values(
      made.map((p, i) => ({
        orgId: org.orgId,
        programmeId,
        personId: p.id,
        role: i < mentorCount ? ('mentor' as const) : ('mentee' as const),
        capacity: i < mentorCount ? capacity : 0,
        consentAt: new Date(),
      })),
    );
    const menteeAccounts = await db
      .insert(accounts)
      .values(
        menteeIds.map((personId, i) => ({
          orgId: org.orgId,
          personId,
          email: `racer${i + mentorCount}@race.test`,
          passwordHash: 'unused',
          roles: ['participant' as const],
        })),
      )
      .returning({ id: accounts.id, orgId: accounts.orgId });
    const cookies = await Promise.all(
      menteeAccounts.map(async (a) => `twoway_session=${(await createSession(db, a, 1)).token}`),
    );
    // Fifty proposals per mentor, each already accepted by the mentor: the mentee's accept decides.
    const proposals = await db
      .insert(relationships)
      .values(
        menteeIds.map((menteeId, i) => ({
          orgId: org.orgId,
          programmeId,
          mentorId: mentorIds[i % mentorCount] as string,
          menteeId,
          status: 'proposed' as const,
          mentorResponse: 'accepted' as const,
        })),
      )
      .returning({ id: relationships.id, menteeId: relationships.menteeId });

    const answers = await Promise.all(
      proposals.map((p, i) =>
        as(
          t.app,
          cookies[i] as string,
        )({
          method: 'POST',
          url: `/api/relationships/${p.id}/respond`,
          payload: { response: 'accept' },
        }),
      ),
    );

    const byStatus = new Map<number, number>();
    for (const a of answers) byStatus.set(a.statusCode, (byStatus.get(a.statusCode) ?? 0) + 1);
    const active = await db
      .select({ mentorId: relationships.mentorId })
      .from(relationships)
      .where(and(eq(relationships.programmeId, programmeId), eq(relationships.status, 'active')));
    const perMentor = mentorIds.map((id) => active.filter((r) => r.mentorId === id).length);
    console.log(
      `concurrency: ${menteeCount} parallel accepts for ${mentorCount} mentors x ${capacity} places: ` +
        `${[...byStatus].map(([s, n]) => `${n} x ${s}`).join(', ')}; active per mentor ${perMentor.join('/')} (capacity ${capacity})`,
    );
    expect(Math.max(...perMentor)).toBeLessThanOrEqual(capacity);
    expect(perMentor).toEqual(mentorIds.map(() => capacity));
    expect(byStatus.get(200)).toBe(mentorCount * capacity);
    expect(byStatus.get(409)).toBe(menteeCount - mentorCount * capacity);
    for (const a of answers.filter((x) => x.statusCode === 409))
      expect(a.json().error.fields?.[0]?.path).toBe('capacity');
    const pending = await db
      .select({ id: relationships.id })
      .from(relationships)
      .where(and(inArray(relationships.menteeId, menteeIds), eq(relationships.status, 'proposed')));
    expect(pending).toHaveLength(menteeCount - mentorCount * capacity);
  });

  it('publishes a run once when it is published twice at the same moment: one 200, one clear 409', async () => {
    const programmeId = await createProgramme(manager, 'conventional', topicIds, 'Published twice');
    const pairs: PersonFixture[] = [];
    for (let i = 0; i < 3; i++) {
      const mentor = await addPerson(t, org, `twice-mentor-${i}`, { jobLevel: 8, department: 'Strategy' });
      const mentee = await addPerson(t, org, `twice-mentee-${i}`, { jobLevel: 2, department: 'Sales' });
      await enrolAs(mentor.call, programmeId, 'mentor', topicIds, 1);
      await enrolAs(mentee.call, programmeId, 'mentee', topicIds);
      pairs.push(mentor, mentee);
    }
    const to = await manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/transitions`,
      payload: { to: 'matching' },
    });
    expect(to.statusCode, to.body).toBe(200);
    const run = await manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/match-runs`,
      payload: {},
    });
    expect(run.statusCode, run.body).toBe(201);

    const publish = () =>
      manager({ method: 'POST', url: `/api/match-runs/${run.json().id}/publish`, payload: {} });
    const answers = await Promise.all([publish(), publish()]);

    const codes = answers.map((a) => a.statusCode).sort();
    const loser = answers.find((a) => a.statusCode !== 200);
    const created = await t.database.db
      .select({ id: relationships.id })
      .from(relationships)
      .where(eq(relationships.programmeId, programmeId));
    console.log(
      `concurrency: one run published twice at once: ${codes.join(' + ')} (${loser?.json().error.message}); relationships created ${created.length} for ${pairs.length / 2} pairs`,
    );
    expect(codes).toEqual([200, 409]);
    expect(loser?.json().error.code).toBe('conflict');
    expect(loser?.json().error.message).toMatch(/already published|changed|at the same moment/);
    expect(created).toHaveLength(pairs.length / 2);
  });
});
