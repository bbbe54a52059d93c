// The relationship itself: listing, reading, pausing, resuming, closing with a
// reflection, light check-ins, and (for managers) the decline reasons.
import { and, asc, count, desc, eq, inArray, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import {
  checkIns,
  closureReflections,
  declineReasons,
  people,
  relationshipMembers,
  relationships,
} from '../db/schema.js';
import { AppError, conflict } from '../errors.js';
import { type Actor, assertRole, hasRole, isManager } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { queueNotifications } from '../notifications/outbox.js';
import { requireProgramme } from '../programmes/programmes.js';
import {
  activeMembers,
  assertStatus,
  assertVersion,
  membersOf,
  peopleById,
  presentRelationships,
  type RelationshipRow,
  relationshipStatuses,
  requireParty,
  requireRelationship,
  roleIn,
  roleSchema,
  sideOf,
} from './access.js';

export { relationshipStatuses };

export const declineReasonResponseSchema = z.object({
  relationshipId: z.string(),
  authorId: z.string(),
  authorName: z.string(),
  side: roleSchema.nullable(),
  reason: z.string(),
  createdAt: z.string(),
});

/** Legal moves by hand; accept and decline have their own use case. */
export const relationshipTransitions: Record<string, readonly string[]> = {
  proposed: ['withdrawn'],
  active: ['paused', 'closed'],
  paused: ['active', 'closed'],
  closed: [],
  declined: [],
  withdrawn: [],
};

export const listMineQuery = z.object({ status: z.enum(relationshipStatuses).optional() });
export const listProgrammeQuery = z.object({
  status: z.enum(relationshipStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** The signed-in person's relationships in every programme. */
export async function listMyRelationships(db: Db, actor: Actor, query: z.infer<typeof listMineQuery>) {
  if (!actor.personId) return [];
  const filters = [
    eq(relationships.orgId, actor.orgId),
    or(
      eq(relationships.mentorId, actor.personId),
      eq(relationships.menteeId, actor.personId),
      inArray(
        relationships.id,
        db
          .select({ id: relationshipMembers.relationshipId })
          .from(relationshipMembers)
          .where(
            and(eq(relationshipMembers.orgId, actor.orgId), eq(relationshipMembers.personId, actor.personId)),
          ),
      ),
    ),
  ];
  if (query.status) filters.push(eq(relationships.status, query.status));
  const rows = await db
    .select()
    .from(relationships)
    .where(and(...filters))
    .orderBy(desc(relationships.createdAt));
  return presentRelationships(db, actor, rows);
}

/** Every relationship of a programme (managers: state only, never content). */
export async function listProgrammeRelationships(
  db: Db,
  actor: Actor,
  programmeId: string,
  query: z.infer<typeof listProgrammeQuery>,
) {
  assertRole(actor, 'org_admin', 'programme_manager');
  await requireProgramme(db, actor, programmeId);
  const filters = [eq(relationships.orgId, actor.orgId), eq(relationships.programmeId, programmeId)];
  if (query.status) filters.push(eq(relationships.status, query.status));
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(relationships)
      .where(and(...filters))
      .orderBy(asc(relationships.createdAt), asc(relationships.id))
      .limit(query.limit)
      .offset(query.offset),
    db
      .select({ n: count() })
      .from(relationships)
      .where(and(...filters)),
  ]);
  return {
    items: await presentRelationships(db, actor, rows),
    total: total?.n ?? 0,
    limit: query.limit,
    offset: query.offset,
  };
}

export async function getRelationship(db: Db, actor: Actor, id: string) {
  const rel = await requireRelationship(db, actor, id);
  const [view] = await presentRelationships(db, actor, [rel]);
  return view;
}

export const transitionSchema = z
  .object({
    to: z.enum(['active', 'paused', 'closed', 'withdrawn']),
    version: z.number().int().min(1, 'must be the version you loaded'),
  })
  .strict();

/**
 * Pauses, resumes or closes a relationship (either person, or a manager), or
 * withdraws a proposal (a manager). Closing asks both people for a reflection.
 */
export async function transitionRelationship(
  db: Db,
  actor: Actor,
  id: string,
  input: z.infer<typeof transitionSchema>,
) {
  return db.transaction(async (tx) => {
    const rel = await requireRelationship(tx, actor, id, { forUpdate: true });
    const members = activeMembers(await membersOf(tx, rel));
    const side = roleIn(members, actor.personId);
    if (input.to === 'withdrawn' && !isManager(actor))
      throw new AppError('forbidden', 'Only a programme manager withdraws a proposal; decline it instead.');
    if (!side && !isManager(actor))
      throw new AppError(
        'forbidden',
        'Only the people in a relationship or a manager can change its status.',
      );
    if (side === 'member')
      throw new AppError(
        'forbidden',
        'A circle is paused, resumed or closed by its facilitators or a manager.',
      );
    assertVersion(rel.version, input.version, 'This relationship');
    const allowed = relationshipTransitions[rel.status] ?? [];
    if (!allowed.includes(input.to)) {
      throw new AppError(
        'illegal_transition',
        `A relationship cannot move from ${rel.status} to ${input.to}.`,
        {
          fields: [
            {
              path: 'to',
              message: allowed.length
                ? `from ${rel.status} it can move to ${allowed.join(' or ')}`
                : `${rel.status} is final`,
            },
          ],
        },
      );
    }
    const now = new Date();
    const [row] = await tx
      .update(relationships)
      .set({
        status: input.to,
        version: rel.version + 1,
        updatedAt: now,
        ...(input.to === 'closed' ? { closedAt: now, closedBy: actor.personId } : {}),
      })
      .where(and(eq(relationships.id, id), eq(relationships.version, rel.version)))
      .returning();
    if (!row)
      throw conflict('Someone else changed this relationship at the same moment; reload it and try again.');
    await writeAudit(tx, actor, actor.orgId, {
      action:
        input.to === 'closed'
          ? 'relationship.closed'
          : `relationship.${input.to === 'active' ? 'resumed' : input.to}`,
      entityType: 'relationship',
      entityId: id,
      details: { from: rel.status, to: input.to, by: side ?? 'manager' },
    });
    if (input.to === 'closed') {
      const names = await peopleById(
        tx,
        rel.orgId,
        members.map((m) => m.personId),
      );
      await queueNotifications(
        tx,
        rel.orgId,
        members.map(({ personId: recipientId }) => ({
          kind: 'relationship.closed' as const,
          recipientId,
          data: {
            relationshipId: id,
            // Whom they met: their partner, or their circle.
            partnerName:
              rel.format === 'circle'
                ? `the circle ${rel.name ?? ''}`.trim()
                : (names.get(members.find((m) => m.personId !== recipientId)?.personId ?? '')?.name ??
                  'your partner'),
          },
          dedupeKey: `relationship.closed:${id}:${recipientId}`,
        })),
      );
    }
    const [view] = await presentRelationships(tx, actor, [row]);
    return view;
  });
}

export const moods = ['going_well', 'slowing_down', 'stuck'] as const;
export type Mood = (typeof moods)[number];
export const checkInSchema = z
  .object({
    mood: z.enum(moods),
    note: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  })
  .strict();

/** A light check-in: long relationships stay alive without a timer closing them. */
export async function checkIn(db: Db, actor: Actor, id: string, input: z.infer<typeof checkInSchema>) {
  return db.transaction(async (tx) => {
    const { rel } = await requireParty(tx, actor, id, { forUpdate: true });
    assertStatus(rel, ['active', 'paused'], 'check in');
    const now = new Date();
    const [row] = await tx
      .insert(checkIns)
      .values({
        orgId: rel.orgId,
        relationshipId: rel.id,
        authorId: actor.personId as string,
        mood: input.mood,
        note: input.note ?? null,
        createdAt: now,
      })
      .returning();
    await tx.update(relationships).set({ lastCheckInAt: now }).where(eq(relationships.id, rel.id));
    return presentCheckIn(row as typeof checkIns.$inferSelect);
  });
}

export const checkInResponseSchema = z.object({
  id: z.string(),
  authorId: z.string(),
  mood: z.enum(moods),
  note: z.string().nullable(),
  createdAt: z.string(),
});

const presentCheckIn = (c: typeof checkIns.$inferSelect): z.infer<typeof checkInResponseSchema> => ({
  id: c.id,
  authorId: c.authorId,
  mood: c.mood,
  note: c.note,
  createdAt: c.createdAt.toISOString(),
});

export async function listCheckIns(db: Db, actor: Actor, id: string) {
  const { rel } = await requireParty(db, actor, id);
  const rows = await db
    .select()
    .from(checkIns)
    .where(eq(checkIns.relationshipId, rel.id))
    .orderBy(desc(checkIns.createdAt));
  return rows.map(presentCheckIn);
}

export const yesMaybeNo = ['yes', 'maybe', 'no'] as const;
export type YesMaybeNo = (typeof yesMaybeNo)[number];
export const reflectionSchema = z
  .object({
    whatChanged: z.string().trim().min(1, 'is required').max(4000, 'must be at most 4000 characters'),
    wouldDoAgain: z.enum(yesMaybeNo),
    wouldSwapRoles: z.enum(yesMaybeNo),
    shareWithPartner: z.boolean().default(false),
  })
  .strict();

export const reflectionResponseSchema = z.object({
  id: z.string(),
  authorId: z.string(),
  whatChanged: z.string(),
  wouldDoAgain: z.enum(yesMaybeNo),
  wouldSwapRoles: z.enum(yesMaybeNo),
  sharedWithPartner: z.boolean(),
  createdAt: z.string(),
});
export const reflectionsResponseSchema = z.object({
  mine: reflectionResponseSchema.nullable(),
  partnerHasReflected: z.boolean(),
  /** The partner's reflection when they shared it. */
  partner: reflectionResponseSchema.nullable(),
  /** How many of the others (a partner, or a circle's people) have reflected. */
  othersReflected: z.number().int(),
  /** The others' reflections that their authors shared. */
  shared: z.array(reflectionResponseSchema),
});
export const myDeclineReasonSchema = z.object({ reason: z.string().nullable() });

type ReflectionRow = typeof closureReflections.$inferSelect;
const presentReflection = (r: ReflectionRow): z.infer<typeof reflectionResponseSchema> => ({
  id: r.id,
  authorId: r.authorId,
  whatChanged: r.whatChanged,
  wouldDoAgain: r.wouldDoAgain,
  wouldSwapRoles: r.wouldSwapRoles,
  sharedWithPartner: r.sharedWithPartner,
  createdAt: r.createdAt.toISOString(),
});

/** The closing reflection of one person (once; the relationship must be closed). */
export async function reflect(db: Db, actor: Actor, id: string, input: z.infer<typeof reflectionSchema>) {
  return db.transaction(async (tx) => {
    const { rel } = await requireParty(tx, actor, id);
    assertStatus(rel, ['closed'], 'write a closing reflection');
    const [existing] = await tx
      .select({ id: closureReflections.id })
      .from(closureReflections)
      .where(
        and(
          eq(closureReflections.relationshipId, rel.id),
          eq(closureReflections.authorId, actor.personId as string),
        ),
      );
    if (existing) throw conflict('You have already written your closing reflection.');
    const [row] = await tx
      .insert(closureReflections)
      .values({
        orgId: rel.orgId,
        relationshipId: rel.id,
        authorId: actor.personId as string,
        whatChanged: input.whatChanged,
        wouldDoAgain: input.wouldDoAgain,
        wouldSwapRoles: input.wouldSwapRoles,
        sharedWithPartner: input.shareWithPartner,
      })
      .returning();
    await writeAudit(tx, actor, actor.orgId, {
      action: 'relationship.reflected',
      entityType: 'relationship',
      entityId: rel.id,
    });
    return presentReflection(row as ReflectionRow);
  });
}

/**
 * My reflection, and the others' that they chose to share; whether they have reflected.
 * In a pair `partner` is the other person's; in a circle `shared` lists everyone's shared ones.
 */
export async function listReflections(db: Db, actor: Actor, id: string) {
  const { rel, others } = await requireParty(db, actor, id);
  const rows = await db
    .select()
    .from(closureReflections)
    .where(eq(closureReflections.relationshipId, rel.id));
  const me = actor.personId as string;
  const mine = rows.find((r) => r.authorId === me);
  const theirs = rows.filter((r) => others.includes(r.authorId));
  const partner = rel.format === 'circle' ? undefined : theirs[0];
  return {
    mine: mine ? presentReflection(mine) : null,
    partnerHasReflected: Boolean(partner),
    partner: partner?.sharedWithPartner ? presentReflection(partner) : null,
    othersReflected: theirs.length,
    shared: theirs.filter((r) => r.sharedWithPartner).map(presentReflection),
  };
}

/** Decline reasons of a programme: for its programme managers (their addressees) only. */
export async function listDeclineReasons(db: Db, actor: Actor, programmeId: string) {
  if (!hasRole(actor, 'programme_manager'))
    throw new AppError('forbidden', 'Decline reasons are read by programme managers only.');
  await requireProgramme(db, actor, programmeId);
  const rows = await db
    .select({ d: declineReasons, rel: relationships, author: people.name })
    .from(declineReasons)
    .innerJoin(relationships, eq(relationships.id, declineReasons.relationshipId))
    .innerJoin(people, eq(people.id, declineReasons.authorId))
    .where(and(eq(relationships.programmeId, programmeId), eq(declineReasons.orgId, actor.orgId)))
    .orderBy(asc(declineReasons.createdAt));
  await writeAudit(db, actor, actor.orgId, {
    action: 'decline_reasons.read',
    entityType: 'programme',
    entityId: programmeId,
    details: { count: rows.length },
  });
  return rows.map((r) => ({
    relationshipId: r.rel.id,
    authorId: r.d.authorId,
    authorName: r.author,
    side: sideOf(r.rel, r.d.authorId),
    reason: r.d.reason,
    createdAt: r.d.createdAt.toISOString(),
  }));
}

/** A person's own decline reasons (they wrote them). */
export async function myDeclineReason(db: Db, actor: Actor, id: string) {
  const { rel } = await requireParty(db, actor, id);
  const [row] = await db
    .select()
    .from(declineReasons)
    .where(
      and(eq(declineReasons.relationshipId, rel.id), eq(declineReasons.authorId, actor.personId as string)),
    );
  return { reason: row?.reason ?? null };
}

export type { RelationshipRow };
