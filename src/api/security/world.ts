// The world the security suite attacks: two organisations; in the first, a reverse
// programme with a published match the pair accepted, and around it every kind of
// private thing, each carrying a unique marker: private notes, feedback comments, a
// decline reason, closing reflections, an unshared journey entry. Every identity the
// suite plays is signed in: anonymous, each role, both people of the pair, a participant
// outside it, and the admin of the second organisation.
import { and, eq } from 'drizzle-orm';
import { expect } from 'vitest';
import {
  accounts,
  enrolments,
  invitations,
  matchRuns,
  notificationOutbox,
  notifications,
  people,
  relationshipMembers,
  relationships,
} from '../../db/schema.js';
import type { Role } from '../../identity/actor.js';
import { unsubscribeKey, unsubscribeToken } from '../../notifications/unsubscribe.js';
import { addPerson, createProgramme, createWorld, enrolAs, travelPast } from '../../relationships/testing.js';
import { as, type TestApp } from '../testing.js';

export const identities = [
  'anonymous',
  'org_admin',
  'programme_manager',
  'sponsor',
  'mentor',
  'mentee',
  'bystander',
  'outsider',
] as const;
export type Identity = (typeof identities)[number];

/** The roles each identity holds; the outsider is an org admin, of the second organisation. */
export const rolesOf: Record<Identity, readonly Role[]> = {
  anonymous: [],
  org_admin: ['org_admin'],
  programme_manager: ['programme_manager'],
  sponsor: ['sponsor'],
  mentor: ['participant'],
  mentee: ['participant'],
  bystander: ['participant'],
  outsider: ['org_admin'],
};

/** A real record of the first organisation, and the identities it belongs to (author, the pair). */
export interface Resource {
  name: string;
  id: string;
  theirs: readonly Identity[];
}

/** Each planted marker, and the only identities that may ever read it. */
export const secrets: Record<string, readonly Identity[]> = {
  'SECRET-MENTOR-PRIVATE-NOTE-7f3a': ['mentor'],
  'SECRET-MENTEE-PRIVATE-NOTE-2b9c': ['mentee'],
  'SECRET-MENTEE-FEEDBACK-41d0': ['mentee'],
  'SECRET-MENTOR-FEEDBACK-8e21': ['mentor'],
  // Decline reasons are addressed to programme managers (and their author, not played here).
  'SECRET-DECLINE-REASON-5c77': ['programme_manager'],
  'SECRET-MENTOR-REFLECTION-0a6e': ['mentor'],
  // Shared with the partner by its author.
  'SECRET-MENTEE-REFLECTION-SHARED-93fb': ['mentee', 'mentor'],
  'SECRET-UNSHARED-JOURNEY-d14e': ['mentee'],
};
const marker = (prefix: string) => {
  const found = Object.keys(secrets).find((s) => s.startsWith(prefix));
  if (!found) throw new Error(`no secret ${prefix}`);
  return found;
};

export interface SecurityWorld {
  cookies: Record<Identity, string | null>;
  /** Real ids by the path segment that names their kind (`relationships`, `notes`, ...). */
  resources: Record<string, Resource[]>;
  /** Ids a generated body may refer to, by property name. */
  refs: Record<string, string>;
}

export async function createSecurityWorld(t: TestApp, slug: string): Promise<SecurityWorld> {
  const w = await createWorld(t, slug);
  const db = t.database.db;
  const rel = `/api/relationships/${w.relationshipId}`;
  const ok = (res: { statusCode: number; body: string }, status = 201) => {
    expect(res.statusCode, res.body).toBe(status);
    return JSON.parse(res.body);
  };

  const agreement = ok(
    await w.mentee.call({
      method: 'PUT',
      url: `${rel}/agreement`,
      payload: {
        goals: [{ text: 'Digital fluency' }],
        cadence: 'monthly',
        channel: 'video',
        durationMonths: 6,
        confidentialContactId: w.org.personIds.org_admin,
      },
    }),
    200,
  );
  for (const p of [w.mentor, w.mentee])
    ok(
      await p.call({ method: 'POST', url: `${rel}/agreement/sign`, payload: { version: agreement.version } }),
      200,
    );
  const meeting = ok(
    await w.mentor.call({
      method: 'POST',
      url: `${rel}/meetings`,
      payload: { startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
    }),
  );
  await travelPast(t, meeting.id);
  ok(
    await w.mentor.call({
      method: 'POST',
      url: `/api/meetings/${meeting.id}/record`,
      payload: { version: meeting.version },
    }),
    200,
  );
  const upcoming = ok(
    await w.mentee.call({
      method: 'POST',
      url: `${rel}/meetings`,
      payload: { startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString() },
    }),
  );
  for (const [who, text] of [
    [w.mentee, marker('SECRET-MENTEE-FEEDBACK')],
    [w.mentor, marker('SECRET-MENTOR-FEEDBACK')],
  ] as const)
    ok(
      await who.call({
        method: 'POST',
        url: `/api/meetings/${meeting.id}/feedback`,
        payload: { value: 2, heard: 1, talking: 'other', comment: text },
      }),
    );
  const note = async (who: typeof w.mentor, visibility: string, body: string) =>
    ok(await who.call({ method: 'POST', url: `${rel}/notes`, payload: { visibility, body } })).id as string;
  const mentorNote = await note(w.mentor, 'private', marker('SECRET-MENTOR-PRIVATE-NOTE'));
  const menteeNote = await note(w.mentee, 'private', marker('SECRET-MENTEE-PRIVATE-NOTE'));
  const sharedNote = await note(w.mentee, 'shared', 'A note both may read');
  const journey = ok(
    await w.mentee.call({
      method: 'POST',
      url: '/api/journey',
      payload: { kind: 'struggle', year: 2010, title: marker('SECRET-UNSHARED-JOURNEY') },
    }),
  ).id as string;
  ok(await w.mentee.call({ method: 'POST', url: `${rel}/learning`, payload: { body: 'prompting' } }));
  const action = ok(
    await w.mentee.call({
      method: 'POST',
      url: `${rel}/actions`,
      payload: { kind: 'goal', title: 'Post weekly' },
    }),
  ).id as string;
  ok(await w.mentor.call({ method: 'POST', url: `${rel}/check-ins`, payload: { mood: 'going_well' } }));

  // A proposal declined with a reason, by a second mentee.
  const decliner = await addPerson(t, w.org, 'declining-mentee', { jobLevel: 7 });
  const [declined] = await db
    .insert(relationships)
    .values({
      orgId: w.org.orgId,
      programmeId: w.programmeId,
      mentorId: w.mentor.personId,
      menteeId: decliner.personId,
      status: 'proposed',
    })
    .returning();
  ok(
    await decliner.call({
      method: 'POST',
      url: `/api/relationships/${declined?.id}/respond`,
      payload: { response: 'decline', reason: marker('SECRET-DECLINE-REASON') },
    }),
    200,
  );
  // An earlier relationship of the same pair, closed, with both closing reflections.
  const [closed] = await db
    .insert(relationships)
    .values({
      orgId: w.org.orgId,
      programmeId: w.programmeId,
      mentorId: w.mentor.personId,
      menteeId: w.mentee.personId,
      status: 'closed',
      mentorResponse: 'accepted',
      menteeResponse: 'accepted',
      closedAt: new Date(),
    })
    .returning();
  for (const [who, text, share] of [
    [w.mentor, marker('SECRET-MENTOR-REFLECTION'), false],
    [w.mentee, marker('SECRET-MENTEE-REFLECTION-SHARED'), true],
  ] as const)
    ok(
      await who.call({
        method: 'POST',
        url: `/api/relationships/${closed?.id}/reflection`,
        payload: { whatChanged: text, wouldDoAgain: 'yes', wouldSwapRoles: 'maybe', shareWithPartner: share },
      }),
    );

  const manager = w.manager;
  const rule = ok(
    await manager({
      method: 'POST',
      url: `/api/programmes/${w.programmeId}/pair-rules`,
      payload: { mentorId: w.mentor.personId, menteeId: w.mentee.personId, kind: 'locked' },
    }),
  ).id as string;
  const [run] = await db
    .select({ id: matchRuns.id })
    .from(matchRuns)
    .where(eq(matchRuns.programmeId, w.programmeId));
  const [menteeEnrolment] = await db
    .select({ id: enrolments.id })
    .from(enrolments)
    .where(and(eq(enrolments.programmeId, w.programmeId), eq(enrolments.personId, w.mentee.personId)));
  // A second programme still enrolling, where enrolments, preferences and rankings can change.
  const enrolling = await createProgramme(manager, 'mutual', w.topicIds, 'Enrolling programme');
  const openEnrolment = (await enrolAs(w.mentee.call, enrolling, 'both', w.topicIds)).id as string;
  // A circles programme with a planned circle the mentor facilitates.
  const circlesProgramme = await createProgramme(
    manager,
    'conventional',
    w.topicIds,
    'Circles programme',
    'circles',
  );
  await enrolAs(w.mentor.call, circlesProgramme, 'mentor', w.topicIds);
  await enrolAs(w.mentee.call, circlesProgramme, 'mentee', w.topicIds);
  const circlePlan = ok(
    await manager({
      method: 'POST',
      url: `/api/programmes/${circlesProgramme}/circles`,
      payload: {
        name: 'Planned circle',
        topicIds: [w.topicIds[0]],
        facilitatorIds: [w.mentor.personId],
        minSize: 1,
        maxSize: 4,
      },
    }),
  ).id as string;
  // A trio of peers under way: the pair and the declining mentee, each of whom sees the others.
  const [trio] = await db
    .insert(relationships)
    .values({
      orgId: w.org.orgId,
      programmeId: w.programmeId,
      format: 'circle',
      name: 'Trio',
      minMembers: 3,
      mentorId: w.mentor.personId,
      menteeId: null,
      status: 'active',
      acceptedAt: new Date(),
    })
    .returning();
  await db.insert(relationshipMembers).values(
    [w.mentor.personId, w.mentee.personId, decliner.personId].map((personId) => ({
      relationshipId: trio?.id as string,
      orgId: w.org.orgId,
      personId,
      role: 'peer' as const,
      response: 'accepted' as const,
    })),
  );
  // A spare person with an account, for the operations that change or erase people and roles.
  const spare = await addPerson(t, w.org, 'spare-person', { jobLevel: 3 });
  const [spareAccount] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(accounts.personId, spare.personId));
  // A session of the spare person's: no identity played here may end it.
  const spareSessions = ok(await spare.call({ method: 'GET', url: '/api/me/sessions' }), 200) as
    | { id: string }[]
    | { items: { id: string }[] };
  const spareSession = (Array.isArray(spareSessions) ? spareSessions : spareSessions.items)[0]?.id as string;
  const [someone] = await db.select({ id: people.id }).from(people).where(eq(people.orgId, w.org.orgId));
  // An invitation of a person without an account, and the batch that sent it.
  const [invitee] = await db
    .insert(people)
    .values({ orgId: w.org.orgId, name: 'Invited Person', email: 'invited@world.test', jobLevel: 2 })
    .returning({ id: people.id });
  const batch = ok(
    await as(
      t.app,
      w.org.cookies.org_admin,
    )({
      method: 'POST',
      url: '/api/invitations',
      payload: { selection: { kind: 'people', personIds: [invitee?.id] } },
    }),
    202,
  ) as { id: string };
  const [invitation] = await db
    .select({ id: invitations.id })
    .from(invitations)
    .where(eq(invitations.personId, invitee?.id as string));

  // The mentee's personal API token.
  const menteeToken = ok(
    await w.mentee.call({
      method: 'POST',
      url: '/api/api-tokens',
      payload: { name: 'script', scope: 'read' },
    }),
  ) as { id: string };

  // The mentor's notification, an email of the organisation's, and the mentor's unsubscribe link.
  const [notice] = await db
    .select({ id: notifications.id })
    .from(notifications)
    .where(eq(notifications.personId, w.mentor.personId))
    .limit(1);
  const [email] = await db
    .select({ id: notificationOutbox.id })
    .from(notificationOutbox)
    .where(eq(notificationOutbox.orgId, w.org.orgId))
    .limit(1);
  const unsubscribe = unsubscribeToken(await unsubscribeKey(db), {
    personId: w.mentor.personId,
    kind: 'meeting.reminder',
  });

  // A SCIM token of the organisation (admins only).
  const scimToken = ok(
    await as(
      t.app,
      w.org.cookies.org_admin,
    )({ method: 'POST', url: '/api/scim-tokens', payload: { name: 'directory' } }),
  ) as { id: string };

  const pair = ['mentor', 'mentee'] as const;
  return {
    cookies: {
      anonymous: null,
      org_admin: w.org.cookies.org_admin,
      programme_manager: w.org.cookies.programme_manager,
      sponsor: w.org.cookies.sponsor,
      mentor: w.mentor.cookie,
      mentee: w.mentee.cookie,
      bystander: w.org.cookies.participant,
      outsider: w.other.cookies.org_admin,
    },
    resources: {
      relationships: [
        { name: 'active relationship', id: w.relationshipId, theirs: pair },
        { name: 'closed relationship', id: closed?.id as string, theirs: pair },
        { name: 'declined proposal', id: declined?.id as string, theirs: ['mentor'] },
        { name: 'trio of peers', id: trio?.id as string, theirs: pair },
      ],
      meetings: [
        { name: 'held meeting', id: meeting.id, theirs: pair },
        { name: 'upcoming meeting', id: upcoming.id, theirs: pair },
      ],
      notes: [
        { name: 'mentor’s private note', id: mentorNote, theirs: ['mentor'] },
        { name: 'mentee’s private note', id: menteeNote, theirs: ['mentee'] },
        { name: 'shared note', id: sharedNote, theirs: pair },
      ],
      journey: [{ name: 'mentee’s journey entry', id: journey, theirs: ['mentee'] }],
      actions: [{ name: 'action of the pair', id: action, theirs: pair }],
      programmes: [
        { name: 'active programme', id: w.programmeId, theirs: pair },
        { name: 'enrolling programme', id: enrolling, theirs: ['mentee'] },
        { name: 'circles programme', id: circlesProgramme, theirs: ['mentee'] },
      ],
      enrolments: [
        { name: 'mentee’s enrolment', id: menteeEnrolment?.id as string, theirs: ['mentee'] },
        { name: 'mentee’s open enrolment', id: openEnrolment, theirs: ['mentee'] },
      ],
      'match-runs': [{ name: 'published run', id: run?.id as string, theirs: [] }],
      'pair-rules': [{ name: 'locked pair', id: rule, theirs: [] }],
      circles: [{ name: 'planned circle', id: circlePlan, theirs: [] }],
      topics: [{ name: 'topic', id: w.topicIds[0] as string, theirs: [] }],
      people: [{ name: 'spare person', id: spare.personId, theirs: [] }],
      accounts: [{ name: 'spare account', id: spareAccount?.id as string, theirs: [] }],
      sessions: [{ name: 'the spare person’s session', id: spareSession, theirs: [] }],
      invitations: [{ name: 'invitation', id: invitation?.id as string, theirs: [] }],
      'invitation-batches': [{ name: 'invitation batch', id: batch.id, theirs: [] }],
      'api-tokens': [{ name: 'the mentee’s API token', id: menteeToken.id, theirs: ['mentee'] }],
      notifications: [{ name: 'the mentor’s notification', id: notice?.id as string, theirs: ['mentor'] }],
      'undelivered-mail': [{ name: 'an email of the organisation', id: email?.id as string, theirs: [] }],
      unsubscribe: [{ name: 'the mentor’s unsubscribe link', id: unsubscribe, theirs: ['mentor'] }],
      'scim-tokens': [{ name: 'the organisation’s SCIM token', id: scimToken.id, theirs: [] }],
    },
    refs: {
      topicId: w.topicIds[0] as string,
      personId: someone?.id as string,
      mentorId: w.mentor.personId,
      menteeId: decliner.personId,
      managerId: w.org.personIds.programme_manager,
      meetingId: meeting.id,
      relationshipId: w.relationshipId,
      confidentialContactId: w.org.personIds.org_admin,
      with: run?.id as string,
    },
  };
}

/** `app.inject` as an identity (no cookie for anonymous). */
export function caller(t: TestApp, cookie: string | null) {
  return cookie ? as(t.app, cookie) : t.app.inject.bind(t.app);
}
