// Test fixtures for the relationship tests: an organisation with a reverse
// programme, a matched pair that has accepted, and one account per role around it.

import { eq, sql } from 'drizzle-orm';
import { expect } from 'vitest';
import { as, createTestOrg, signInCookie, type TestApp, type TestOrg, testPassword } from '../api/testing.js';
import { accounts, meetings, people } from '../db/schema.js';
import type { Role } from '../identity/actor.js';
import { hashPassword } from '../identity/passwords.js';

let hashed: Promise<string> | null = null;

export interface PersonFixture {
  personId: string;
  cookie: string;
  call: ReturnType<typeof as>;
}

/** Adds a person with an account (default role participant) and signs them in. */
export async function addPerson(
  t: TestApp,
  org: TestOrg,
  key: string,
  fields: {
    jobLevel: number;
    department?: string;
    timeZone?: string;
    languages?: string[];
    roles?: Role[];
    managerId?: string;
  },
): Promise<PersonFixture> {
  hashed ??= hashPassword(testPassword);
  const email = `${key}@${org.slug}.test`;
  const [person] = await t.database.db
    .insert(people)
    .values({
      orgId: org.orgId,
      name: key.replace(/(^|-)(\w)/g, (_, s: string, c: string) => `${s ? ' ' : ''}${c.toUpperCase()}`),
      email,
      jobLevel: fields.jobLevel,
      department: fields.department ?? 'Ops',
      timeZone: fields.timeZone ?? 'UTC',
      languages: fields.languages ?? ['en'],
      managerId: fields.managerId ?? null,
    })
    .returning();
  if (!person) throw new Error('no person');
  await t.database.db.insert(accounts).values({
    orgId: org.orgId,
    personId: person.id,
    email,
    passwordHash: await hashed,
    roles: fields.roles ?? ['participant'],
    emailVerifiedAt: new Date(),
  });
  const cookie = await signInCookie(t.app, email);
  return { personId: person.id, cookie, call: as(t.app, cookie) };
}

export interface World {
  org: TestOrg;
  other: TestOrg;
  manager: ReturnType<typeof as>;
  admin: ReturnType<typeof as>;
  sponsor: ReturnType<typeof as>;
  /** A participant of the same organisation who is not in the relationship. */
  bystander: ReturnType<typeof as>;
  /** Someone from another organisation (an org admin there). */
  outsider: ReturnType<typeof as>;
  mentor: PersonFixture;
  mentee: PersonFixture;
  programmeId: string;
  topicIds: string[];
  relationshipId: string;
}

export async function createTopics(call: ReturnType<typeof as>, names: string[]): Promise<string[]> {
  const ids: string[] = [];
  for (const name of names) {
    const res = await call({
      method: 'POST',
      url: '/api/topics',
      payload: { name, category: 'digital_and_technology' },
    });
    expect(res.statusCode, res.body).toBe(201);
    ids.push(res.json().id);
  }
  return ids;
}

export async function createProgramme(
  call: ReturnType<typeof as>,
  kind: string,
  topicIds: string[],
  name = `${kind} programme`,
  format: 'one_to_one' | 'peer' | 'circles' = 'one_to_one',
  cohort: { cohortStart: string; cohortEnd: string } = { cohortStart: '2027-01-11', cohortEnd: '2027-06-30' },
) {
  const res = await call({
    method: 'POST',
    url: '/api/programmes',
    payload: {
      name,
      kind,
      format,
      ...cohort,
      topicIds,
      meetingCadence: 'fortnightly',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const open = await call({
    method: 'POST',
    url: `/api/programmes/${id}/transitions`,
    payload: { to: 'enrolling' },
  });
  expect(open.statusCode, open.body).toBe(200);
  return id;
}

export async function enrolAs(
  call: ReturnType<typeof as>,
  programmeId: string,
  role: 'mentor' | 'mentee' | 'both',
  topicIds: string[],
  capacity?: number,
) {
  const res = await call({
    method: 'POST',
    url: `/api/programmes/${programmeId}/enrolments`,
    payload: {
      role,
      consent: true,
      ...(role !== 'mentee' ? { offers: topicIds.map((topicId) => ({ topicId, proficiency: 4 })) } : {}),
      ...(role !== 'mentor'
        ? { seeks: topicIds.map((topicId, i) => ({ topicId, priority: Math.min(3, i + 1) })) }
        : {}),
      goals: role === 'mentor' ? 'share digital tools' : 'learn digital tools and social channels',
      ...(capacity !== undefined ? { capacity } : {}),
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

/** Runs matching, publishes, and returns the relationships created. */
export async function runAndPublish(
  manager: ReturnType<typeof as>,
  programmeId: string,
  settings: Record<string, unknown> = {},
) {
  const run = await manager({
    method: 'POST',
    url: `/api/programmes/${programmeId}/match-runs`,
    payload: { settings },
  });
  expect(run.statusCode, run.body).toBe(201);
  const pub = await manager({ method: 'POST', url: `/api/match-runs/${run.json().id}/publish`, payload: {} });
  expect(pub.statusCode, pub.body).toBe(200);
  return run.json();
}

export async function accept(call: ReturnType<typeof as>, relationshipId: string) {
  const res = await call({
    method: 'POST',
    url: `/api/relationships/${relationshipId}/respond`,
    payload: { response: 'accept' },
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

/** A reverse programme with one junior mentor and one senior mentee, matched and accepted. */
export async function createWorld(t: TestApp, slug: string): Promise<World> {
  const org = await createTestOrg(t, slug);
  const other = await createTestOrg(t, `${slug}-other`);
  const call = (c: string) => as(t.app, c);
  const manager = call(org.cookies.programme_manager);
  const mentor = await addPerson(t, org, 'junior-mentor', {
    jobLevel: 1,
    department: 'Marketing',
    timeZone: 'Europe/Madrid',
  });
  const mentee = await addPerson(t, org, 'senior-mentee', {
    jobLevel: 8,
    department: 'Operations',
    timeZone: 'America/New_York',
  });
  const topicIds = await createTopics(manager, ['Generative AI', 'Social channels']);
  const programmeId = await createProgramme(manager, 'reverse', topicIds);
  await enrolAs(mentor.call, programmeId, 'mentor', topicIds);
  await enrolAs(mentee.call, programmeId, 'mentee', topicIds);
  const to = await manager({
    method: 'POST',
    url: `/api/programmes/${programmeId}/transitions`,
    payload: { to: 'matching' },
  });
  expect(to.statusCode, to.body).toBe(200);
  await runAndPublish(manager, programmeId);
  const mine = await mentee.call({ method: 'GET', url: '/api/relationships' });
  const relationshipId = mine.json()[0].id as string;
  await accept(mentor.call, relationshipId);
  await accept(mentee.call, relationshipId);
  return {
    org,
    other,
    manager,
    admin: call(org.cookies.org_admin),
    sponsor: call(org.cookies.sponsor),
    bystander: call(org.cookies.participant),
    outsider: call(other.cookies.org_admin),
    mentor,
    mentee,
    programmeId,
    topicIds,
    relationshipId,
  };
}

/** Moves a meeting into the past, as if time had passed (the API refuses past times, rightly). */
export async function travelPast(t: TestApp, meetingId: string, days = 30) {
  await t.database.db
    .update(meetings)
    .set({
      startsAt: sql`${meetings.startsAt} - make_interval(days => ${days})`,
      endsAt: sql`${meetings.endsAt} - make_interval(days => ${days})`,
    })
    .where(eq(meetings.id, meetingId));
}
