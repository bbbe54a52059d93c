// Test fixtures for the engagement sweep: a proposed pair in a reverse programme, the
// outbox as the sweep left it, and a clock that only moves when told.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { expect } from 'vitest';
import { as, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { accounts, notificationOutbox, relationships } from '../db/schema.js';
import type { Actor } from '../identity/actor.js';
import {
  accept,
  addPerson,
  createProgramme,
  createTopics,
  enrolAs,
  type PersonFixture,
  runAndPublish,
} from '../relationships/testing.js';

export interface Pair {
  org: TestOrg;
  manager: ReturnType<typeof as>;
  mentor: PersonFixture;
  mentee: PersonFixture;
  programmeId: string;
  relationshipId: string;
  /** When the pair was proposed (the database's clock). */
  proposedAt: Date;
}

/** A reverse programme with one junior mentor and one senior mentee, matched and not yet answered. */
export async function proposedPair(
  t: TestApp,
  slug: string,
  zones: { mentor?: string; mentee?: string } = {},
): Promise<Pair> {
  const org = await createTestOrg(t, slug);
  const manager = as(t.app, org.cookies.programme_manager);
  const mentor = await addPerson(t, org, 'junior-mentor', {
    jobLevel: 1,
    department: 'Marketing',
    timeZone: zones.mentor ?? 'Europe/London',
  });
  const mentee = await addPerson(t, org, 'senior-mentee', {
    jobLevel: 8,
    department: 'Operations',
    timeZone: zones.mentee ?? 'America/Toronto',
  });
  const topicIds = await createTopics(manager, ['Generative AI']);
  const programmeId = await createProgramme(manager, 'reverse', topicIds);
  await enrolAs(mentor.call, programmeId, 'mentor', topicIds);
  await enrolAs(mentee.call, programmeId, 'mentee', topicIds);
  await manager({
    method: 'POST',
    url: `/api/programmes/${programmeId}/transitions`,
    payload: { to: 'matching' },
  });
  await runAndPublish(manager, programmeId);
  const [rel] = await t.database.db
    .select()
    .from(relationships)
    .where(eq(relationships.programmeId, programmeId));
  if (!rel) throw new Error('no relationship');
  return {
    org,
    manager,
    mentor,
    mentee,
    programmeId,
    relationshipId: rel.id,
    proposedAt: rel.createdAt,
  };
}

/** The organisation's outbox rows of some kinds, oldest first, as (kind, recipient email). */
export async function outboxOf(t: TestApp, orgId: string, kinds: readonly string[]) {
  return t.database.db
    .select({
      kind: notificationOutbox.kind,
      to: notificationOutbox.recipientEmail,
      subject: notificationOutbox.subject,
      body: notificationOutbox.body,
    })
    .from(notificationOutbox)
    .where(and(eq(notificationOutbox.orgId, orgId), inArray(notificationOutbox.kind, [...kinds])))
    .orderBy(asc(notificationOutbox.createdAt), asc(notificationOutbox.recipientEmail));
}

export const hours = (n: number) => n * 3_600_000;
export const later = (from: Date, ms: number) => new Date(from.getTime() + ms);

/** A pair that both accepted, and when (the database's clock). */
export type AgreedPair = Pair & { acceptedAt: Date };

/** A proposed pair that both accepted and whose agreement both signed: ready to meet. */
export async function agreedPair(
  t: TestApp,
  slug: string,
  zones: { mentor?: string; mentee?: string } = {},
): Promise<AgreedPair> {
  const pair = await proposedPair(t, slug, zones);
  await accept(pair.mentor.call, pair.relationshipId);
  await accept(pair.mentee.call, pair.relationshipId);
  await signAgreement(pair);
  const [rel] = await t.database.db
    .select({ acceptedAt: relationships.acceptedAt })
    .from(relationships)
    .where(eq(relationships.id, pair.relationshipId));
  if (!rel?.acceptedAt) throw new Error('the pair was not accepted');
  return { ...pair, acceptedAt: rel.acceptedAt };
}

/** Both sign a fortnightly agreement (the mentee drafts it). */
export async function signAgreement(pair: Pair): Promise<void> {
  const url = `/api/relationships/${pair.relationshipId}/agreement`;
  const put = await pair.mentee.call({
    method: 'PUT',
    url,
    payload: {
      goals: [{ learner: 'mentee', text: 'Use generative AI in my weekly planning' }],
      cadence: 'fortnightly',
      channel: 'video',
      durationMonths: 6,
      confidentialContactId: pair.org.personIds.org_admin,
    },
  });
  expect(put.statusCode, put.body).toBe(200);
  for (const p of [pair.mentor, pair.mentee]) {
    const res = await p.call({
      method: 'POST',
      url: `${url}/sign`,
      payload: { version: put.json().version },
    });
    expect(res.statusCode, res.body).toBe(200);
  }
}

/** The actor of a person's account, for calling use cases at a time of the test's choosing. */
export async function actorOf(t: TestApp, orgId: string, personId: string): Promise<Actor> {
  const [a] = await t.database.db.select().from(accounts).where(eq(accounts.personId, personId));
  if (!a) throw new Error('no account');
  return { accountId: a.id, orgId, personId, email: a.email, roles: a.roles as Actor['roles'] };
}
