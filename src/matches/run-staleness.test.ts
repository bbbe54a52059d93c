// A draft run is stale once anything its cohort was built from changes. Each change below is made
// straight in the database, as any path (the API, an import, SCIM, a job) would leave it, after
// the run was read once: the matching-input versions must notice every one of them.
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import {
  enrolments,
  matchPairRules,
  mentorRankings,
  people,
  programmes,
  programmeTopics,
  relationshipMembers,
  relationships,
  topics,
} from '../db/schema.js';
import { createProgramme, createTopics } from '../relationships/testing.js';

let t: TestApp;
let org: TestOrg;
let manager: ReturnType<typeof as>;
let topicIds: string[];
let programmeId: string;
let otherProgrammeId: string;
/** Not enrolled: the manager of `lead`, who manages every enrolled person. */
let boss: string;
let lead: string;
let outsider: string;
const mentors: string[] = [];
const mentees: string[] = [];

const db = () => t.database.db;

async function person(key: string, managerId: string | null, jobLevel: number): Promise<string> {
  const [row] = await db()
    .insert(people)
    .values({ orgId: org.orgId, name: key, email: `${key}@${org.slug}.test`, jobLevel, managerId })
    .returning({ id: people.id });
  if (!row) throw new Error('no person');
  return row.id;
}

async function enrol(programme: string, personId: string, role: 'mentor' | 'mentee') {
  await db()
    .insert(enrolments)
    .values({
      orgId: org.orgId,
      programmeId: programme,
      personId,
      role,
      capacity: role === 'mentor' ? 2 : 0,
      consentAt: new Date(),
      ...(role === 'mentor'
        ? { offers: topicIds.map((topicId) => ({ topicId, proficiency: 4 })) }
        : { seeks: topicIds.map((topicId) => ({ topicId, priority: 1 })) }),
    });
}

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'stale');
  manager = as(t.app, org.cookies.programme_manager);
  topicIds = await createTopics(manager, ['Generative AI', 'Data literacy', 'Social channels']);
  programmeId = await createProgramme(manager, 'reverse', topicIds.slice(0, 2));
  otherProgrammeId = await createProgramme(manager, 'reverse', topicIds.slice(0, 2), 'Earlier cohort');
  boss = await person('boss', null, 12);
  lead = await person('lead', boss, 10);
  outsider = await person('outsider', null, 5);
  for (let i = 0; i < 3; i++) {
    mentors.push(await person(`mentor-${i}`, lead, 2));
    await enrol(programmeId, mentors[i] as string, 'mentor');
  }
  for (let i = 0; i < 4; i++) {
    mentees.push(await person(`mentee-${i}`, lead, 7));
    await enrol(programmeId, mentees[i] as string, 'mentee');
  }
  const matching = await manager({
    method: 'POST',
    url: `/api/programmes/${programmeId}/transitions`,
    payload: { to: 'matching' },
  });
  expect(matching.statusCode, matching.body).toBe(200);
});
afterAll(() => t.close());

const mentor = (i: number) => mentors[i] as string;
const mentee = (i: number) => mentees[i] as string;

async function draft(): Promise<string> {
  const res = await manager({
    method: 'POST',
    url: `/api/programmes/${programmeId}/match-runs`,
    payload: {},
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id;
}

async function stale(runId: string): Promise<boolean> {
  const res = await manager({ method: 'GET', url: `/api/match-runs/${runId}?limit=1` });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().stale;
}

/** Runs, reads the draft fresh, makes the change, and answers whether the draft is stale now. */
async function staleAfter(change: () => Promise<unknown>): Promise<boolean> {
  const runId = await draft();
  expect(await stale(runId)).toBe(false);
  await change();
  return stale(runId);
}

const setPerson = (id: string, fields: Partial<typeof people.$inferInsert>) =>
  db().update(people).set(fields).where(eq(people.id, id));
const setEnrolment = (personId: string, fields: Partial<typeof enrolments.$inferInsert>) =>
  db()
    .update(enrolments)
    .set(fields)
    .where(and(eq(enrolments.programmeId, programmeId), eq(enrolments.personId, personId)));
const relate = (programme: string, mentorId: string, menteeId: string, status: 'proposed' | 'declined') =>
  db()
    .insert(relationships)
    .values({ orgId: org.orgId, programmeId: programme, mentorId, menteeId, status })
    .returning({ id: relationships.id });

describe('a draft run becomes stale when', () => {
  it.each<[string, () => Promise<unknown>]>([
    ['an enrolment changes', () => setEnrolment(mentee(0), { goals: 'learn to prompt well' })],
    ['a mentor takes one more mentee', () => setEnrolment(mentor(0), { capacity: 3 })],
    ['someone withdraws', () => setEnrolment(mentee(3), { status: 'withdrawn' })],
    ['someone enrols', async () => enrol(programmeId, await person('late-mentee', lead, 8), 'mentee')],
    ["an enrolled person's department changes", () => setPerson(mentee(1), { department: 'Finance' })],
    ["an enrolled person's job level changes", () => setPerson(mentor(1), { jobLevel: 3 })],
    ["an enrolled person's languages change", () => setPerson(mentor(2), { languages: ['en', 'fr'] })],
    ["an enrolled person's time zone changes", () => setPerson(mentee(2), { timeZone: 'Europe/Paris' })],
    ["an enrolled person's name changes", () => setPerson(mentee(0), { name: 'Mentee Zero' })],
    ['a manager above them, not enrolled, changes manager', () => setPerson(lead, { managerId: outsider })],
    [
      "the programme's matching settings change",
      () =>
        db()
          .update(programmes)
          .set({ matchingSettings: { objective: 'fairest' } })
          .where(eq(programmes.id, programmeId)),
    ],
    [
      'a topic of the programme is renamed',
      () =>
        db()
          .update(topics)
          .set({ name: 'AI tools' })
          .where(eq(topics.id, topicIds[0] as string)),
    ],
    [
      'a topic is added to the programme',
      () =>
        db()
          .insert(programmeTopics)
          .values({ orgId: org.orgId, programmeId, topicId: topicIds[2] as string }),
    ],
    [
      'a pair is locked',
      () =>
        manager({
          method: 'POST',
          url: `/api/programmes/${programmeId}/pair-rules`,
          payload: { mentorId: mentor(1), menteeId: mentee(1), kind: 'locked' },
        }),
    ],
    [
      'a lock is lifted',
      () => db().delete(matchPairRules).where(eq(matchPairRules.programmeId, programmeId)),
    ],
    [
      'a mentee ranks mentors',
      () =>
        db()
          .insert(mentorRankings)
          .values({ orgId: org.orgId, programmeId, menteeId: mentee(2), mentorIds: [mentor(2), mentor(0)] }),
    ],
    ['a proposal in the programme is declined', () => relate(programmeId, mentor(0), mentee(1), 'declined')],
    [
      'a pair of the cohort is active in another programme (a past pair)',
      async () => {
        const [rel] = await relate(otherProgrammeId, mentor(2), mentee(2), 'proposed');
        // Still stale-free while only proposed there: flip it to active.
        await db()
          .update(relationships)
          .set({ status: 'active' })
          .where(eq(relationships.id, rel?.id as string));
      },
    ],
  ])('%s', async (_, change) => {
    expect(await staleAfter(change)).toBe(true);
  });

  it('a member declines their place in a circle of the programme', async () => {
    const [circle] = await db()
      .insert(relationships)
      .values({
        orgId: org.orgId,
        programmeId,
        format: 'circle',
        name: 'Prompting circle',
        minMembers: 2,
        mentorId: mentor(1),
        menteeId: null,
      })
      .returning({ id: relationships.id });
    const relationshipId = circle?.id as string;
    await db()
      .insert(relationshipMembers)
      .values([
        { relationshipId, orgId: org.orgId, personId: mentor(1), role: 'facilitator' },
        { relationshipId, orgId: org.orgId, personId: mentee(1), role: 'member' },
      ]);
    const declined = () =>
      db()
        .update(relationshipMembers)
        .set({ response: 'declined' })
        .where(
          and(
            eq(relationshipMembers.relationshipId, relationshipId),
            eq(relationshipMembers.personId, mentee(1)),
          ),
        );
    expect(await staleAfter(declined)).toBe(true);
  });

  it('but not when something matching does not read changes', async () => {
    expect(
      await staleAfter(async () => {
        await setPerson(mentee(0), { jobTitle: 'Analyst', location: 'Leeds' });
        await setPerson(outsider, { name: 'Someone Else', department: 'Legal' });
        await db()
          .update(programmes)
          .set({ description: 'Now with a longer description' })
          .where(eq(programmes.id, programmeId));
      }),
    ).toBe(false);
  });
});

describe('a page of a run', () => {
  it('is the same window over the pairs and the unmatched as the whole run', async () => {
    const res = await manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/match-runs`,
      payload: {},
    });
    const whole = res.json();
    expect(whole.pairCount).toBeGreaterThan(1);
    const read = async (query: string) =>
      (await manager({ method: 'GET', url: `/api/match-runs/${whole.id}?${query}` })).json();
    const all = await read('limit=100');
    expect(all.pairs).toEqual(whole.pairs);
    expect(all.unmatched).toEqual(whole.unmatched);
    const second = await read('limit=1&offset=1');
    expect(second.pairs).toEqual(whole.pairs.slice(1, 2));
    expect(second.unmatched).toEqual(whole.unmatched.slice(1, 2));
    expect(second).toMatchObject({ pairCount: whole.pairCount, unmatchedCount: whole.unmatchedCount });
    const beyond = await read(`limit=5&offset=${whole.pairCount + whole.unmatchedCount}`);
    expect(beyond.pairs).toEqual([]);
  });
});
