// Peer and circles programmes through the API: created, matched with explanations,
// compared, published, accepted, and lived through (agreement signed by all, meetings
// with everyone invited, notes, learning, feedback, closure), with no one reading a
// circle they are not in.
import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerOf, as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { notificationOutbox } from '../db/schema.js';
import {
  accept,
  addPerson,
  createProgramme,
  createTopics,
  enrolAs,
  type PersonFixture,
  travelPast,
} from '../relationships/testing.js';

let t: TestApp;
let org: TestOrg;
let manager: ReturnType<typeof as>;
let topicIds: string[];

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'groups');
  manager = as(t.app, org.cookies.programme_manager);
  topicIds = await createTopics(manager, ['Generative AI', 'Negotiation', 'Data literacy']);
});
afterAll(() => t.close());

const toMatching = async (id: string) =>
  answerOf(
    await manager({ method: 'POST', url: `/api/programmes/${id}/transitions`, payload: { to: 'matching' } }),
  );

interface Rel {
  id: string;
  format: string;
  status: string;
  name: string | null;
  myRole: string | null;
  members: { id: string; role: string; response: string }[];
  version: number;
}

describe('peer programmes', () => {
  const peers: PersonFixture[] = [];
  let programmeId: string;
  let pairsRun: { id: string };
  let trioRun: { id: string };

  beforeAll(async () => {
    programmeId = await createProgramme(manager, 'mutual', topicIds, 'Managers learning together', 'peer');
    for (let i = 0; i < 5; i++) {
      const p = await addPerson(t, org, `peer-${i}`, {
        jobLevel: 5,
        department: i % 2 ? 'Sales' : 'Finance',
      });
      await enrolAs(p.call, programmeId, 'both', topicIds);
      peers.push(p);
    }
    await toMatching(programmeId);
  });

  it('refuses a peer programme that is not mutual, naming the field', async () => {
    const res = await manager({
      method: 'POST',
      url: '/api/programmes',
      payload: {
        name: 'Peers?',
        kind: 'conventional',
        format: 'peer',
        cohortStart: '2027-01-11',
        cohortEnd: '2027-06-30',
      },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.fields).toContainEqual(expect.objectContaining({ path: 'format' }));
  });

  it('pairs five equals into two pairs and explains who is left out of an odd pool', async () => {
    pairsRun = answerOf(
      await manager({ method: 'POST', url: `/api/programmes/${programmeId}/match-runs`, payload: {} }),
      201,
    );
    const run = answerOf<{
      format: string;
      groups: { memberIds: string[]; reasons: string[] }[];
      leftOut: { reason: string; message: string }[];
      summary: { certified: boolean };
    }>(await manager({ method: 'GET', url: `/api/match-runs/${pairsRun.id}` }));
    expect(run.format).toBe('peer');
    expect(run.groups.map((g) => g.memberIds.length)).toEqual([2, 2]);
    expect(run.groups.every((g) => g.reasons.length > 0)).toBe(true);
    expect(run.leftOut).toHaveLength(1);
    expect(run.leftOut[0]?.reason).toBe('odd_pool');
    expect(run.summary.certified).toBe(true);
  });

  it('makes one trio when the manager allows it, and compares the two runs person by person', async () => {
    trioRun = answerOf(
      await manager({
        method: 'POST',
        url: `/api/programmes/${programmeId}/match-runs`,
        payload: { allowTrio: true },
      }),
      201,
    );
    const run = answerOf<{ groups: { memberIds: string[] }[]; leftOut: unknown[] }>(
      await manager({ method: 'GET', url: `/api/match-runs/${trioRun.id}` }),
    );
    expect(run.groups.map((g) => g.memberIds.length).sort()).toEqual([2, 3]);
    expect(run.leftOut).toEqual([]);
    const cmp = answerOf<{
      format: string;
      coverage: { placed: { a: number; b: number } };
      changedPeople: { a: unknown; b: unknown }[];
    }>(await manager({ method: 'GET', url: `/api/match-runs/${pairsRun.id}/compare?with=${trioRun.id}` }));
    expect(cmp.format).toBe('peer');
    expect(cmp.coverage.placed).toMatchObject({ a: 4, b: 5 });
    expect(cmp.changedPeople.length).toBeGreaterThan(0);
  });

  it('publishes a peer pair and a trio that each person accepts; both start only once all accept', async () => {
    const pub = answerOf<{ relationshipsCreated: number; invitationsQueued: number }>(
      await manager({ method: 'POST', url: `/api/match-runs/${trioRun.id}/publish`, payload: {} }),
    );
    expect(pub).toMatchObject({ relationshipsCreated: 2, invitationsQueued: 5 });
    const list = answerOf<{ items: Rel[] }>(
      await manager({ method: 'GET', url: `/api/programmes/${programmeId}/relationships` }),
    ).items;
    const pair = list.find((r) => r.format === 'peer') as Rel;
    const trio = list.find((r) => r.format === 'circle') as Rel;
    expect(pair.members.map((m) => m.role)).toEqual(['peer', 'peer']);
    expect(trio.members.map((m) => m.role)).toEqual(['peer', 'peer', 'peer']);
    const byId = (id: string) => peers.find((p) => p.personId === id) as PersonFixture;
    const [first, ...rest] = trio.members;
    const afterFirst = await accept(byId(first?.id as string).call, trio.id);
    expect(afterFirst).toMatchObject({ status: 'proposed', myRole: 'peer' });
    for (const m of rest) await accept(byId(m.id).call, trio.id);
    for (const m of pair.members) await accept(byId(m.id).call, pair.id);
    const mine = answerOf<Rel[]>(
      await byId(pair.members[0]?.id as string).call({ method: 'GET', url: '/api/relationships' }),
    );
    expect(mine).toEqual([expect.objectContaining({ id: pair.id, status: 'active', myRole: 'peer' })]);
    const trioNow = answerOf<Rel>(
      await byId(first?.id as string).call({ method: 'GET', url: `/api/relationships/${trio.id}` }),
    );
    expect(trioNow.status).toBe('active');
  });
});

describe('circles programmes', () => {
  let programmeId: string;
  let facilitator: PersonFixture;
  let second: PersonFixture;
  const members: PersonFixture[] = [];
  let circleId: string;
  let bystanderCookie: string;
  const member = (i: number) => members[i] as PersonFixture;

  beforeAll(async () => {
    programmeId = await createProgramme(manager, 'conventional', topicIds, 'AI circles', 'circles');
    facilitator = await addPerson(t, org, 'circle-lead', { jobLevel: 8, department: 'Technology' });
    second = await addPerson(t, org, 'second-lead', { jobLevel: 8, department: 'Legal' });
    await enrolAs(facilitator.call, programmeId, 'mentor', topicIds);
    await enrolAs(second.call, programmeId, 'mentor', topicIds);
    for (let i = 0; i < 4; i++) {
      const m = await addPerson(t, org, `circle-member-${i}`, { jobLevel: 2, department: 'Operations' });
      // Three seek AI; one seeks only negotiation, which the second circle covers.
      await enrolAs(
        m.call,
        programmeId,
        'mentee',
        i === 3 ? [topicIds[1] as string] : [topicIds[0] as string],
      );
      members.push(m);
    }
    bystanderCookie = org.cookies.participant;
  });

  it('plans circles: focus topics of the programme and enrolled facilitators, or a 400 naming the field', async () => {
    const outsider = await addPerson(t, org, 'not-enrolled', { jobLevel: 3 });
    const bad = await manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/circles`,
      payload: {
        name: 'X',
        topicIds: [topicIds[0]],
        facilitatorIds: [outsider.personId],
        minSize: 2,
        maxSize: 4,
      },
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.fields).toEqual([
      { path: 'facilitatorIds.0', message: 'is not enrolled in this programme' },
    ]);
    const sizes = await manager({
      method: 'POST',
      url: `/api/programmes/${programmeId}/circles`,
      payload: {
        name: 'X',
        topicIds: [topicIds[0]],
        facilitatorIds: [facilitator.personId],
        minSize: 5,
        maxSize: 4,
      },
    });
    expect(sizes.statusCode).toBe(400);
    expect(sizes.json().error.fields).toContainEqual(expect.objectContaining({ path: 'maxSize' }));
    answerOf(
      await manager({
        method: 'POST',
        url: `/api/programmes/${programmeId}/circles`,
        payload: {
          name: 'AI practice',
          topicIds: [topicIds[0]],
          facilitatorIds: [facilitator.personId],
          minSize: 2,
          maxSize: 4,
        },
      }),
      201,
    );
    answerOf(
      await manager({
        method: 'POST',
        url: `/api/programmes/${programmeId}/circles`,
        payload: {
          name: 'Negotiation',
          topicIds: [topicIds[1]],
          facilitatorIds: [second.personId],
          minSize: 3,
          maxSize: 5,
        },
      }),
      201,
    );
    const plans = answerOf<{ name: string; facilitators: { name: string }[] }[]>(
      await manager({ method: 'GET', url: `/api/programmes/${programmeId}/circles` }),
    );
    expect(plans.map((p) => [p.name, p.facilitators[0]?.name])).toEqual([
      ['AI practice', 'Circle Lead'],
      ['Negotiation', 'Second Lead'],
    ]);
    const denied = await as(
      t.app,
      bystanderCookie,
    )({ method: 'GET', url: `/api/programmes/${programmeId}/circles` });
    expect(denied.statusCode).toBe(403);
  });

  it('fills the circle that can form, and explains the one that cannot and who is not placed', async () => {
    await toMatching(programmeId);
    const created = answerOf<{ id: string }>(
      await manager({ method: 'POST', url: `/api/programmes/${programmeId}/match-runs`, payload: {} }),
      201,
    );
    const run = answerOf<{
      format: string;
      circles: { name: string; members: { participantId: string; reasons: string[] }[] }[];
      notFormed: { name: string; message: string }[];
      unplaced: { participantId: string; message: string }[];
    }>(await manager({ method: 'GET', url: `/api/match-runs/${created.id}` }));
    expect(run.format).toBe('circles');
    expect(run.circles.map((c) => [c.name, c.members.length])).toEqual([['AI practice', 3]]);
    expect(run.circles[0]?.members[0]?.reasons[0]).toMatch(/Generative AI/);
    expect(run.notFormed).toEqual([
      expect.objectContaining({ name: 'Negotiation', message: expect.stringMatching(/minimum is 3/) }),
    ]);
    expect(run.unplaced.map((u) => u.participantId)).toEqual([members[3]?.personId]);
    const pub = answerOf<{ relationshipsCreated: number; invitationsQueued: number }>(
      await manager({ method: 'POST', url: `/api/match-runs/${created.id}/publish`, payload: {} }),
    );
    expect(pub).toMatchObject({ relationshipsCreated: 1, invitationsQueued: 4 });
    const [circle] = answerOf<Rel[]>(await facilitator.call({ method: 'GET', url: '/api/relationships' }));
    circleId = circle?.id as string;
    expect(circle).toMatchObject({ format: 'circle', name: 'AI practice', myRole: 'facilitator' });
  });

  it('starts once the facilitator and the minimum of members accept; a late member still joins', async () => {
    const after = await accept(member(0).call, circleId);
    expect(after.status).toBe('proposed');
    await accept(facilitator.call, circleId);
    const started = await accept(member(1).call, circleId);
    expect(started.status).toBe('active');
    const joined = await accept(member(2).call, circleId);
    expect(joined.members.map((m: { response: string }) => m.response)).toEqual([
      'accepted',
      'accepted',
      'accepted',
      'accepted',
    ]);
  });

  it('shows members who is in the circle and keeps it from everyone else', async () => {
    const seen = answerOf<Rel>(
      await member(0).call({ method: 'GET', url: `/api/relationships/${circleId}` }),
    );
    expect(seen.members.map((m) => m.role)).toEqual(['facilitator', 'member', 'member', 'member']);
    expect(seen.myRole).toBe('member');
    const outside = [as(t.app, bystanderCookie), member(3).call, as(t.app, org.cookies.sponsor)];
    for (const who of outside) {
      expect((await who({ method: 'GET', url: `/api/relationships/${circleId}` })).statusCode).toBe(404);
      expect((await who({ method: 'GET', url: `/api/relationships/${circleId}/notes` })).statusCode).toBe(
        404,
      );
    }
    // Managers see the circle's state, never its content.
    expect((await manager({ method: 'GET', url: `/api/relationships/${circleId}` })).statusCode).toBe(200);
    expect((await manager({ method: 'GET', url: `/api/relationships/${circleId}/notes` })).statusCode).toBe(
      403,
    );
  });

  it('is lived through together: an agreement all sign, a meeting everyone is invited to, notes, learning, feedback, closure', async () => {
    const everyone = [facilitator, ...members.slice(0, 3)] as PersonFixture[];
    const rel = `/api/relationships/${circleId}`;
    const agreement = answerOf<{ version: number; agreed: boolean; signatures: unknown[] }>(
      await facilitator.call({
        method: 'PUT',
        url: `${rel}/agreement`,
        payload: {
          goals: [{ text: 'Use AI tools weekly' }],
          cadence: 'monthly',
          channel: 'video',
          durationMonths: 6,
        },
      }),
    );
    expect(agreement.signatures).toHaveLength(4);
    const early = await member(0).call({
      method: 'POST',
      url: `${rel}/meetings`,
      payload: { startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
    });
    expect(early.statusCode).toBe(409);
    let last: { agreed: boolean } = { agreed: false };
    for (const p of everyone)
      last = answerOf(
        await p.call({
          method: 'POST',
          url: `${rel}/agreement/sign`,
          payload: { version: agreement.version },
        }),
      );
    expect(last.agreed).toBe(true);

    const meeting = answerOf<{ id: string; version: number }>(
      await member(0).call({
        method: 'POST',
        url: `${rel}/meetings`,
        payload: { startsAt: new Date(Date.now() + 3 * 86_400_000).toISOString() },
      }),
      201,
    );
    const invitations = await t.database.db
      .select({ recipientId: notificationOutbox.recipientId, ics: notificationOutbox.ics })
      .from(notificationOutbox)
      .where(
        and(
          eq(notificationOutbox.kind, 'meeting.scheduled'),
          like(notificationOutbox.dedupeKey, `%${meeting.id}%`),
        ),
      );
    expect(invitations.map((i) => i.recipientId).sort()).toEqual(
      [facilitator, members[1], members[2]].map((p) => p?.personId).sort(),
    );
    const ics = (await member(2).call({ method: 'GET', url: `/api/meetings/${meeting.id}/ics` })).body;
    for (const key of ['circle-lead', 'circle-member-0', 'circle-member-1', 'circle-member-2'])
      expect(ics).toContain(`${key}@${org.slug}.test`);
    expect(ics).not.toContain(`circle-member-3@${org.slug}.test`);

    const note = async (who: PersonFixture, visibility: string, body: string) =>
      answerOf(await who.call({ method: 'POST', url: `${rel}/notes`, payload: { visibility, body } }), 201);
    await note(member(0), 'private', 'only mine');
    await note(member(1), 'shared', 'for the circle');
    const readBy = async (who: PersonFixture) =>
      answerOf<{ body: string }[]>(await who.call({ method: 'GET', url: `${rel}/notes` }))
        .map((n) => n.body)
        .sort();
    expect(await readBy(member(0))).toEqual(['for the circle', 'only mine']);
    expect(await readBy(member(2))).toEqual(['for the circle']);
    expect(await readBy(facilitator)).toEqual(['for the circle']);

    answerOf(
      await facilitator.call({
        method: 'POST',
        url: `${rel}/learning`,
        payload: { body: 'how juniors prompt' },
      }),
      201,
    );
    answerOf(
      await member(1).call({
        method: 'POST',
        url: `${rel}/learning`,
        payload: { body: 'agent workflows' },
      }),
      201,
    );
    const learning = answerOf<{
      entries: { learnerSide: string }[];
      byPerson: { personId: string; learned: number }[];
    }>(await member(2).call({ method: 'GET', url: `${rel}/learning` }));
    expect(learning.entries.map((e) => e.learnerSide).sort()).toEqual(['facilitator', 'member']);
    const learned = new Map(learning.byPerson.map((p) => [p.personId, p.learned]));
    expect(everyone.map((p) => learned.get(p.personId))).toEqual([1, 0, 1, 0]);

    await travelPast(t, meeting.id);
    answerOf(
      await facilitator.call({
        method: 'POST',
        url: `/api/meetings/${meeting.id}/record`,
        payload: { version: meeting.version },
      }),
    );
    answerOf(
      await member(1).call({
        method: 'POST',
        url: `/api/meetings/${meeting.id}/feedback`,
        payload: { value: 5, heard: 4, talking: 'balanced', comment: 'my own view' },
      }),
      201,
    );
    const theirs = await member(2).call({ method: 'GET', url: `/api/meetings/${meeting.id}/feedback` });
    expect(theirs.body).not.toContain('my own view');

    const current = answerOf<Rel>(await facilitator.call({ method: 'GET', url: rel }));
    const byMember = await member(0).call({
      method: 'POST',
      url: `${rel}/transitions`,
      payload: { to: 'closed', version: current.version },
    });
    expect(byMember.statusCode).toBe(403);
    answerOf(
      await facilitator.call({
        method: 'POST',
        url: `${rel}/transitions`,
        payload: { to: 'closed', version: current.version },
      }),
    );
    answerOf(
      await member(0).call({
        method: 'POST',
        url: `${rel}/reflection`,
        payload: {
          whatChanged: 'I prompt daily',
          wouldDoAgain: 'yes',
          wouldSwapRoles: 'maybe',
          shareWithPartner: true,
        },
      }),
      201,
    );
    const reflections = answerOf<{ shared: { whatChanged: string }[]; othersReflected: number }>(
      await facilitator.call({ method: 'GET', url: `${rel}/reflections` }),
    );
    expect(reflections).toMatchObject({ othersReflected: 1, shared: [{ whatChanged: 'I prompt daily' }] });
  });
});
