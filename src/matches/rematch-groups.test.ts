// Re-matching peer and circles programmes: people whose proposal was declined, and those
// left out, are matched again; pairs and places still held are not touched; a declined
// proposal is never made again; everyone not placed is told why.
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerOf, as, createTestApp, createTestOrg, type TestApp, type TestOrg } from '../api/testing.js';
import { notificationOutbox, relationshipMembers, relationships } from '../db/schema.js';
import {
  accept,
  addPerson,
  createProgramme,
  createTopics,
  enrolAs,
  type PersonFixture,
} from '../relationships/testing.js';

let t: TestApp;
let org: TestOrg;
let manager: ReturnType<typeof as>;
let topicIds: string[];

beforeAll(async () => {
  t = await createTestApp();
  org = await createTestOrg(t, 'regroup');
  manager = as(t.app, org.cookies.programme_manager);
  topicIds = await createTopics(manager, ['Generative AI', 'Negotiation']);
});
afterAll(() => t.close());

const post = (url: string, payload: Record<string, unknown> = {}) =>
  manager({ method: 'POST', url, payload });
const decline = async (who: PersonFixture, id: string) =>
  answerOf(
    await who.call({
      method: 'POST',
      url: `/api/relationships/${id}/respond`,
      payload: { response: 'decline' },
    }),
  );

interface Rematch {
  run: { id: string; mode: string; format: string };
  relationshipsCreated: number;
  membersJoined: number;
  placesReleased: number;
}
interface PeerRunView {
  groups: { memberIds: string[]; reasons: string[] }[];
  leftOut: { participantId: string; message: string }[];
}

describe('re-matching a peer programme', () => {
  const peers: PersonFixture[] = [];
  let programmeId: string;

  beforeAll(async () => {
    programmeId = await createProgramme(manager, 'mutual', topicIds, 'Peers again', 'peer');
    for (let i = 0; i < 5; i++) {
      const p = await addPerson(t, org, `again-${i}`, {
        jobLevel: 5,
        department: i % 2 ? 'Sales' : 'Finance',
      });
      await enrolAs(p.call, programmeId, 'both', topicIds);
      peers.push(p);
    }
    answerOf(await post(`/api/programmes/${programmeId}/transitions`, { to: 'matching' }));
    const run = answerOf<{ id: string }>(await post(`/api/programmes/${programmeId}/match-runs`), 201);
    answerOf(await post(`/api/match-runs/${run.id}/publish`));
  });

  it('pairs the one left out with a peer whose pair was declined, never the declined pair again, and leaves held pairs alone', async () => {
    const rels = await t.database.db
      .select()
      .from(relationships)
      .where(eq(relationships.programmeId, programmeId))
      .orderBy(relationships.id);
    expect(rels.map((r) => r.format)).toEqual(['peer', 'peer']);
    const [declined, held] = rels as [(typeof rels)[number], (typeof rels)[number]];
    const byId = (id: string) => peers.find((p) => p.personId === id) as PersonFixture;
    await decline(byId(declined.mentorId), declined.id);
    await accept(byId(held.mentorId).call, held.id);
    const [heldBefore] = await t.database.db
      .select()
      .from(relationships)
      .where(eq(relationships.id, held.id));
    const inPairs = new Set(rels.flatMap((r) => [r.mentorId, r.menteeId]));
    const alone = peers.map((p) => p.personId).find((id) => !inPairs.has(id)) as string;

    const res = answerOf<Rematch>(await post(`/api/programmes/${programmeId}/rematch`));
    expect(res).toMatchObject({ run: { mode: 'rematch', format: 'peer' }, relationshipsCreated: 1 });
    const run = answerOf<PeerRunView>(await manager({ method: 'GET', url: `/api/match-runs/${res.run.id}` }));
    expect(run.groups).toHaveLength(1);
    const [pair] = run.groups;
    expect(pair?.memberIds).toContain(alone);
    expect(pair?.memberIds).not.toEqual(expect.arrayContaining([declined.mentorId, declined.menteeId]));
    expect(pair?.reasons.length).toBeGreaterThan(0);
    // The third of the three is left out, and told why.
    expect(run.leftOut).toHaveLength(1);
    expect([declined.mentorId, declined.menteeId]).toContain(run.leftOut[0]?.participantId);
    expect(run.leftOut[0]?.message).not.toBe('');
    const [heldAfter] = await t.database.db.select().from(relationships).where(eq(relationships.id, held.id));
    expect(heldAfter).toEqual(heldBefore);
    const proposed = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.kind, 'match.proposed'));
    const invited = proposed.filter((n) => (n.data as { relationshipId: string }).relationshipId !== held.id);
    expect(invited.map((n) => n.recipientId)).toEqual(expect.arrayContaining(pair?.memberIds ?? ['none']));
  });
});

describe('re-matching a circles programme', () => {
  let programmeId: string;
  let lead: PersonFixture;
  let negotiator: PersonFixture;
  const members: PersonFixture[] = [];
  const enrolmentOf = new Map<string, string>();
  let circleId: string;

  beforeAll(async () => {
    programmeId = await createProgramme(manager, 'conventional', topicIds, 'Circles again', 'circles');
    lead = await addPerson(t, org, 'again-lead', { jobLevel: 8, department: 'Technology' });
    negotiator = await addPerson(t, org, 'again-negotiator', { jobLevel: 8, department: 'Legal' });
    await enrolAs(lead.call, programmeId, 'mentor', topicIds);
    await enrolAs(negotiator.call, programmeId, 'mentor', topicIds);
    // Four seek AI (one more than the circle holds); two seek negotiation (one fewer than its minimum).
    for (let i = 0; i < 6; i++) {
      const m = await addPerson(t, org, `again-member-${i}`, { jobLevel: 2, department: 'Operations' });
      const enrolment = await enrolAs(m.call, programmeId, 'mentee', [topicIds[i < 4 ? 0 : 1] as string]);
      enrolmentOf.set(m.personId, enrolment.id);
      members.push(m);
    }
    const plan = (name: string, topicId: string, facilitator: string, minSize: number, maxSize: number) =>
      post(`/api/programmes/${programmeId}/circles`, {
        name,
        topicIds: [topicId],
        facilitatorIds: [facilitator],
        minSize,
        maxSize,
      });
    answerOf(await plan('AI practice', topicIds[0] as string, lead.personId, 2, 3), 201);
    answerOf(await plan('Negotiation', topicIds[1] as string, negotiator.personId, 3, 4), 201);
    answerOf(await post(`/api/programmes/${programmeId}/transitions`, { to: 'matching' }));
    const run = answerOf<{ id: string }>(await post(`/api/programmes/${programmeId}/match-runs`), 201);
    answerOf(await post(`/api/match-runs/${run.id}/publish`));
    const [circle] = await t.database.db
      .select()
      .from(relationships)
      .where(eq(relationships.programmeId, programmeId));
    circleId = circle?.id as string;
  });

  it('offers a declined place to the member left out, never to the one who declined it, and explains the rest', async () => {
    const places = await t.database.db
      .select()
      .from(relationshipMembers)
      .where(eq(relationshipMembers.relationshipId, circleId));
    const placed = places.filter((p) => p.role === 'member').map((p) => p.personId);
    expect(placed).toHaveLength(3);
    const waiting = members.slice(0, 4).find((m) => !placed.includes(m.personId)) as PersonFixture;
    const leaving = members.find((m) => m.personId === placed[0]) as PersonFixture;
    await accept(lead.call, circleId);
    await decline(leaving, circleId);
    const [before] = await t.database.db.select().from(relationships).where(eq(relationships.id, circleId));
    expect(before?.status).toBe('proposed');

    const res = answerOf<Rematch>(await post(`/api/programmes/${programmeId}/rematch`));
    expect(res).toMatchObject({ run: { format: 'circles' }, relationshipsCreated: 0, membersJoined: 1 });
    const run = answerOf<{
      circles: { relationshipId?: string; members: { participantId: string; reasons: string[] }[] }[];
      notFormed: { name: string; message: string }[];
      unplaced: { participantId: string; message: string }[];
    }>(await manager({ method: 'GET', url: `/api/match-runs/${res.run.id}` }));
    expect(run.circles).toEqual([
      expect.objectContaining({
        relationshipId: circleId,
        members: [expect.objectContaining({ participantId: waiting.personId })],
      }),
    ]);
    expect(run.circles[0]?.members[0]?.reasons.length).toBeGreaterThan(0);
    // The plan never formed is tried again and still cannot reach its minimum.
    expect(run.notFormed).toEqual([expect.objectContaining({ name: 'Negotiation' })]);
    expect(run.unplaced.map((u) => u.participantId).sort()).toEqual(
      [leaving, members[4], members[5]].map((m) => m?.personId).sort(),
    );
    expect(run.unplaced.every((u) => u.message !== '')).toBe(true);

    // The new member joins the circle with their own answer to give; the others keep theirs.
    const after = await t.database.db
      .select()
      .from(relationshipMembers)
      .where(eq(relationshipMembers.relationshipId, circleId));
    expect(after.find((p) => p.personId === waiting.personId)?.response).toBe('pending');
    expect(after.find((p) => p.personId === lead.personId)?.response).toBe('accepted');
    expect(after.find((p) => p.personId === leaving.personId)?.response).toBe('declined');
    const joined = await accept(waiting.call, circleId);
    expect(joined.myRole).toBe('member');

    // Nothing changed since: a second re-match places no one.
    const again = answerOf<Rematch>(await post(`/api/programmes/${programmeId}/rematch`));
    expect(again).toMatchObject({ relationshipsCreated: 0, membersJoined: 0 });
  });

  it('gives up the pending places of members who left the programme, and calls off a circle left below its minimum', async () => {
    const places = async () =>
      t.database.db
        .select()
        .from(relationshipMembers)
        .where(eq(relationshipMembers.relationshipId, circleId));
    const pending = (await places()).filter((p) => p.role === 'member' && p.response === 'pending');
    expect(pending).toHaveLength(2);
    const [first, second] = pending.map(
      (p) => members.find((m) => m.personId === p.personId) as PersonFixture,
    );
    const withdraw = async (m: PersonFixture) =>
      answerOf(
        await m.call({ method: 'POST', url: `/api/enrolments/${enrolmentOf.get(m.personId)}/withdraw` }),
      );

    // One pending member leaves: their place goes; one accepted and one pending still reach the minimum of 2.
    await withdraw(first as PersonFixture);
    const once = answerOf<Rematch>(await post(`/api/programmes/${programmeId}/rematch`));
    expect(once.placesReleased).toBe(1);
    expect((await places()).find((p) => p.personId === first?.personId)?.response).toBe('declined');
    const [still] = await t.database.db.select().from(relationships).where(eq(relationships.id, circleId));
    expect(still?.status).toBe('proposed');

    // The other leaves too: too few are left, so the circle does not go ahead and the rest are told.
    await withdraw(second as PersonFixture);
    const twice = answerOf<Rematch>(await post(`/api/programmes/${programmeId}/rematch`));
    expect(twice.placesReleased).toBe(1);
    const [off] = await t.database.db.select().from(relationships).where(eq(relationships.id, circleId));
    expect(off?.status).toBe('declined');
    const told = await t.database.db
      .select()
      .from(notificationOutbox)
      .where(eq(notificationOutbox.dedupeKey, `match.declined:${circleId}:${lead.personId}`));
    expect(told).toHaveLength(1);

    // Nothing is left to give up.
    const again = answerOf<Rematch>(await post(`/api/programmes/${programmeId}/rematch`));
    expect(again.placesReleased).toBe(0);
  });
});
