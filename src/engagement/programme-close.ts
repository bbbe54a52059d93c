// Closing a programme closes its relationships (proposals not yet answered are withdrawn),
// asks each person for the closing reflection and sends the managers a summary: all in the
// transaction that closes the programme, so the emails exist exactly when the close does.
import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { people, relationshipMembers, relationships } from '../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { queueNotifications } from '../notifications/outbox.js';
import { managersOf } from './due.js';

export interface ProgrammeClosed {
  closed: number;
  withdrawn: number;
  reflectionsAsked: number;
}

export async function closeProgrammeRelationships(
  tx: Tx,
  actor: Actor,
  programme: { id: string; orgId: string; name: string },
  now = new Date(),
): Promise<ProgrammeClosed> {
  const scope = and(eq(relationships.orgId, programme.orgId), eq(relationships.programmeId, programme.id));
  const bump = { version: sql`${relationships.version} + 1`, updatedAt: now };
  const closed = await tx
    .update(relationships)
    .set({ status: 'closed', closedAt: now, closedBy: actor.personId, ...bump })
    .where(and(scope, inArray(relationships.status, ['active', 'paused'])))
    .returning({
      id: relationships.id,
      name: relationships.name,
      mentorId: relationships.mentorId,
      menteeId: relationships.menteeId,
    });
  const withdrawn = await tx
    .update(relationships)
    .set({ status: 'withdrawn', ...bump })
    .where(and(scope, eq(relationships.status, 'proposed')))
    .returning({ id: relationships.id });

  const pairs = closed.flatMap((r) => (r.menteeId ? [{ ...r, menteeId: r.menteeId }] : []));
  const ids = [...new Set(pairs.flatMap((r) => [r.mentorId, r.menteeId]))];
  const names = new Map(
    ids.length
      ? (
          await tx.select({ id: people.id, name: people.name }).from(people).where(inArray(people.id, ids))
        ).map((p) => [p.id, p.name])
      : [],
  );
  // The same dedupe key as closing one relationship by hand: one reflection ask per person and relationship.
  const asks = pairs.flatMap((r) =>
    [
      [r.mentorId, r.menteeId],
      [r.menteeId, r.mentorId],
    ].map(([recipientId, partnerId]) => ({
      kind: 'relationship.closed' as const,
      recipientId: recipientId as string,
      dedupeKey: `relationship.closed:${r.id}:${recipientId}`,
      data: { relationshipId: r.id, partnerName: names.get(partnerId as string) ?? 'your partner' },
    })),
  );
  const reflectionsAsked = await queueNotifications(tx, programme.orgId, [
    ...asks,
    ...(await circleAsks(
      tx,
      closed.filter((r) => !r.menteeId),
    )),
  ]);

  const [held] = rowsOf<{ n: number }>(
    await tx.execute(sql`
      select count(*)::int as n from meetings m join relationships r on r.id = m.relationship_id
      where r.org_id = ${programme.orgId} and r.programme_id = ${programme.id} and m.status = 'held'`),
  );
  const summary = {
    programmeId: programme.id,
    programmeName: programme.name,
    lines: [
      `${closed.length} relationships closed, ${withdrawn.length} unanswered proposals withdrawn.`,
      `${Number(held?.n ?? 0)} meetings held over the programme.`,
      `${reflectionsAsked} people asked for a closing reflection.`,
    ],
  };
  const managers = (await managersOf(tx, [programme.orgId])).get(programme.orgId) ?? [];
  await queueNotifications(
    tx,
    programme.orgId,
    managers.map((recipientId) => ({
      kind: 'programme.closed' as const,
      recipientId,
      dedupeKey: `programme.closed:${programme.id}:${recipientId}`,
      data: summary,
    })),
  );
  await writeAudit(tx, actor, programme.orgId, {
    action: 'programme.relationships_closed',
    entityType: 'programme',
    entityId: programme.id,
    details: { closed: closed.length, withdrawn: withdrawn.length },
  });
  return { closed: closed.length, withdrawn: withdrawn.length, reflectionsAsked };
}

/**
 * Each facilitator and member of a closed circle (or peer trio) is asked too, as when a
 * facilitator closes it by hand: everyone still in it, not those who declined their place.
 */
async function circleAsks(tx: Tx, circles: { id: string; name: string | null }[]) {
  if (!circles.length) return [];
  const places = await tx
    .select({ relationshipId: relationshipMembers.relationshipId, personId: relationshipMembers.personId })
    .from(relationshipMembers)
    .where(
      and(
        inArray(
          relationshipMembers.relationshipId,
          circles.map((c) => c.id),
        ),
        ne(relationshipMembers.response, 'declined'),
      ),
    );
  const names = new Map(circles.map((c) => [c.id, `the circle ${c.name ?? ''}`.trim()]));
  return places.map(({ relationshipId, personId }) => ({
    kind: 'relationship.closed' as const,
    recipientId: personId,
    dedupeKey: `relationship.closed:${relationshipId}:${personId}`,
    data: { relationshipId, partnerName: names.get(relationshipId) ?? 'your circle' },
  }));
}
