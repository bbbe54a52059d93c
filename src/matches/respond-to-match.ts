// Each side accepts or declines a proposed match. The pair becomes active when
// both accept, and never beyond the mentor's capacity, however many accept at once.
import { and, asc, count, eq, inArray, ne, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Tx } from '../db/client.js';
import {
  declineReasons,
  enrolments,
  people,
  programmes,
  relationshipMembers,
  relationships,
} from '../db/schema.js';
import { AppError, conflict } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { queueNotifications } from '../notifications/outbox.js';
import {
  assertStatus,
  assertVersion,
  type Party,
  presentRelationships,
  type RelationshipRow,
  requireParty,
} from '../relationships/access.js';

export const respondSchema = z.discriminatedUnion('response', [
  z.object({ response: z.literal('accept'), version: z.number().int().min(1).optional() }).strict(),
  z
    .object({
      response: z.literal('decline'),
      /** Private: read by its author and programme managers only. */
      reason: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
      version: z.number().int().min(1).optional(),
    })
    .strict(),
]);
export type RespondInput = z.infer<typeof respondSchema>;

/** Locks both enrolments (in id order, so concurrent accepts cannot deadlock) and checks places. */
async function assertPlaces(tx: Tx, rel: RelationshipRow): Promise<void> {
  const rows = await tx
    .select()
    .from(enrolments)
    .where(
      and(
        eq(enrolments.programmeId, rel.programmeId),
        inArray(enrolments.personId, [rel.mentorId, rel.menteeId as string]),
      ),
    )
    .orderBy(asc(enrolments.id))
    .for('update');
  const mentor = rows.find((e) => e.personId === rel.mentorId);
  const mentee = rows.find((e) => e.personId === rel.menteeId);
  if (mentor?.status !== 'active' || !mentee || mentee.status !== 'active') {
    throw conflict('One of you has withdrawn from the programme; this match cannot start.');
  }
  if (rel.format === 'peer') return assertPeersFree(tx, rel);
  const [programme] = await tx
    .select({ kind: programmes.kind })
    .from(programmes)
    .where(eq(programmes.id, rel.programmeId));
  const capacity = programme?.kind === 'mutual' ? 1 : mentor.capacity;
  const [taken] = await tx
    .select({ n: count() })
    .from(relationships)
    .where(
      and(
        eq(relationships.programmeId, rel.programmeId),
        eq(relationships.mentorId, rel.mentorId),
        inArray(relationships.status, ['active', 'paused']),
        ne(relationships.id, rel.id),
      ),
    );
  if ((taken?.n ?? 0) >= capacity) {
    throw new AppError(
      'conflict',
      'This mentor has no place left: every one of their places is taken by an accepted match.',
      {
        fields: [{ path: 'capacity', message: `all ${capacity} place(s) are taken` }],
      },
    );
  }
  const [menteeBusy] = await tx
    .select({ n: count() })
    .from(relationships)
    .where(
      and(
        eq(relationships.programmeId, rel.programmeId),
        eq(relationships.menteeId, rel.menteeId as string),
        inArray(relationships.status, ['active', 'paused']),
        ne(relationships.id, rel.id),
      ),
    );
  if ((menteeBusy?.n ?? 0) > 0) throw conflict('This mentee already has an accepted match in the programme.');
}

/** Peers pair once per programme: neither may already be in an accepted pair of it. */
async function assertPeersFree(tx: Tx, rel: RelationshipRow): Promise<void> {
  const both = [rel.mentorId, rel.menteeId as string];
  const [busy] = await tx
    .select({ n: count() })
    .from(relationships)
    .where(
      and(
        eq(relationships.programmeId, rel.programmeId),
        or(inArray(relationships.mentorId, both), inArray(relationships.menteeId, both)),
        inArray(relationships.status, ['active', 'paused']),
        ne(relationships.id, rel.id),
      ),
    );
  if ((busy?.n ?? 0) > 0) throw conflict('One of you already has an accepted peer in the programme.');
}

/** Accepts or declines a proposed match (or a place in a circle) for the signed-in person. */
export async function respondToMatch(db: Db, actor: Actor, relationshipId: string, input: RespondInput) {
  return db.transaction(async (tx) => {
    const party = await requireParty(tx, actor, relationshipId, { forUpdate: true });
    const { rel, side } = party;
    assertVersion(rel.version, input.version, 'This match');
    if (rel.format === 'circle') return respondInCircle(tx, actor, party, input);
    assertStatus(rel, ['proposed'], input.response === 'accept' ? 'accept a match' : 'decline a match');
    const mine = side === 'mentor' ? rel.mentorResponse : rel.menteeResponse;
    if (mine !== 'pending') {
      throw new AppError('conflict', `You have already ${mine} this match.`, {
        fields: [{ path: 'response', message: `already ${mine}` }],
      });
    }
    const responseField = side === 'mentor' ? 'mentorResponse' : 'menteeResponse';
    const now = new Date();
    let status = rel.status;
    if (input.response === 'decline') {
      status = 'declined';
      if (input.reason)
        await tx.insert(declineReasons).values({
          orgId: rel.orgId,
          relationshipId: rel.id,
          authorId: actor.personId as string,
          reason: input.reason,
        });
    } else {
      const other = side === 'mentor' ? rel.menteeResponse : rel.mentorResponse;
      if (other === 'accepted') {
        await assertPlaces(tx, rel);
        status = 'active';
      }
    }
    const [row] = await tx
      .update(relationships)
      .set({
        [responseField]: input.response === 'accept' ? 'accepted' : 'declined',
        status,
        ...(status === 'active' ? { acceptedAt: now } : {}),
        version: rel.version + 1,
        updatedAt: now,
      })
      .where(and(eq(relationships.id, rel.id), eq(relationships.version, rel.version)))
      .returning();
    if (!row) throw conflict('Someone else changed this match at the same moment; reload it and try again.');
    await writeAudit(tx, actor, actor.orgId, {
      // The reason is never copied into the audit log.
      action: input.response === 'accept' ? 'relationship.accepted' : 'relationship.declined',
      entityType: 'relationship',
      entityId: rel.id,
      details: { side, status, withReason: input.response === 'decline' && Boolean(input.reason) },
    });
    const partner = party.others[0] as string;
    const [names] = await tx
      .select({ me: people.name, programme: programmes.name })
      .from(people)
      .innerJoin(programmes, eq(programmes.id, rel.programmeId))
      .where(eq(people.id, actor.personId as string));
    const me = names?.me ?? 'Your partner';
    await queueNotifications(tx, rel.orgId, [
      input.response === 'decline'
        ? {
            kind: 'match.declined',
            recipientId: partner,
            data: { programmeName: names?.programme ?? 'your programme' },
            dedupeKey: `match.declined:${rel.id}:${partner}`,
          }
        : {
            kind: 'match.accepted',
            recipientId: partner,
            data: { relationshipId: rel.id, partnerName: me, both: status === 'active' },
            dedupeKey: `${status === 'active' ? 'match.accepted' : 'match.accepted.one'}:${rel.id}:${partner}`,
          },
    ]);
    const [view] = await presentRelationships(tx, actor, [row]);
    return view;
  });
}

/**
 * A place in a circle (or a peer trio): each person answers for themselves. The circle starts
 * once every facilitator and at least its minimum of members have accepted; it will not go
 * ahead when a facilitator declines or too few members are left to reach the minimum. Members
 * still pending may join a circle that has started.
 */
async function respondInCircle(tx: Tx, actor: Actor, party: Party, input: RespondInput) {
  const { rel, members } = party;
  const me = actor.personId as string;
  assertStatus(
    rel,
    ['proposed', 'active'],
    input.response === 'accept' ? 'accept a place in a circle' : 'decline a place in a circle',
  );
  const mine = members.find((m) => m.personId === me);
  if (mine?.response !== 'pending') {
    throw new AppError('conflict', `You have already ${mine?.response ?? 'answered'} this circle.`, {
      fields: [{ path: 'response', message: `already ${mine?.response ?? 'answered'}` }],
    });
  }
  const answer = input.response === 'accept' ? ('accepted' as const) : ('declined' as const);
  await tx
    .update(relationshipMembers)
    .set({ response: answer })
    .where(and(eq(relationshipMembers.relationshipId, rel.id), eq(relationshipMembers.personId, me)));
  if (input.response === 'decline' && input.reason)
    await tx
      .insert(declineReasons)
      .values({ orgId: rel.orgId, relationshipId: rel.id, authorId: me, reason: input.reason });
  const after = members.map((m) => (m.personId === me ? { ...m, response: answer } : m));
  const status = circleStatusFrom(rel, after);
  if (status === 'active' && input.response === 'accept') {
    const accepted = after.filter((m) => m.response === 'accepted').map((m) => m.personId);
    const [withdrawn] = await tx
      .select({ n: count() })
      .from(enrolments)
      .where(
        and(
          eq(enrolments.programmeId, rel.programmeId),
          inArray(enrolments.personId, accepted),
          ne(enrolments.status, 'active'),
        ),
      );
    if ((withdrawn?.n ?? 0) > 0)
      throw conflict('Someone who accepted has withdrawn from the programme; this circle cannot start.');
  }
  const now = new Date();
  const [row] = await tx
    .update(relationships)
    .set({
      status,
      ...(status === 'active' && rel.status === 'proposed' ? { acceptedAt: now } : {}),
      version: rel.version + 1,
      updatedAt: now,
    })
    .where(and(eq(relationships.id, rel.id), eq(relationships.version, rel.version)))
    .returning();
  if (!row) throw conflict('Someone else changed this circle at the same moment; reload it and try again.');
  await writeAudit(tx, actor, actor.orgId, {
    action: input.response === 'accept' ? 'relationship.accepted' : 'relationship.declined',
    entityType: 'relationship',
    entityId: rel.id,
    details: { side: mine.role, status, withReason: input.response === 'decline' && Boolean(input.reason) },
  });
  const others = after.filter((m) => m.personId !== me && m.response !== 'declined').map((m) => m.personId);
  if (status !== rel.status) await tellCircleOutcome(tx, rel, status, others);
  const [view] = await presentRelationships(tx, actor, [row]);
  return view;
}

/**
 * What a proposed circle (or peer trio) becomes from its places' answers: it starts once every
 * facilitator and at least its minimum of members have accepted, and will not go ahead once a
 * facilitator declines or too few members are left to reach the minimum.
 */
export function circleStatusFrom(
  rel: Pick<RelationshipRow, 'status' | 'minMembers'>,
  places: readonly { role: string; response: string }[],
): RelationshipRow['status'] {
  if (rel.status !== 'proposed') return rel.status;
  const facilitators = places.filter((m) => m.role === 'facilitator');
  const learners = places.filter((m) => m.role !== 'facilitator');
  const minimum = rel.minMembers ?? learners.length;
  if (facilitators.some((m) => m.response === 'declined')) return 'declined';
  if (learners.filter((m) => m.response !== 'declined').length < minimum) return 'declined';
  if (
    facilitators.every((m) => m.response === 'accepted') &&
    learners.filter((m) => m.response === 'accepted').length >= minimum
  )
    return 'active';
  return 'proposed';
}

/** Tells the circle's other people that it has started, or that it will not go ahead. */
export async function tellCircleOutcome(
  tx: Tx,
  rel: Pick<RelationshipRow, 'id' | 'orgId' | 'programmeId' | 'name'>,
  status: RelationshipRow['status'],
  recipientIds: readonly string[],
) {
  const name = `the circle ${rel.name ?? ''}`.trim();
  const [programme] = await tx
    .select({ name: programmes.name })
    .from(programmes)
    .where(eq(programmes.id, rel.programmeId));
  await queueNotifications(
    tx,
    rel.orgId,
    recipientIds.map((recipientId) =>
      status === 'active'
        ? {
            kind: 'match.accepted' as const,
            recipientId,
            data: { relationshipId: rel.id, partnerName: name, both: true },
            dedupeKey: `match.accepted:${rel.id}:${recipientId}`,
          }
        : {
            kind: 'match.declined' as const,
            recipientId,
            data: { programmeName: programme?.name ?? 'your programme' },
            dedupeKey: `match.declined:${rel.id}:${recipientId}`,
          },
    ),
  );
}
