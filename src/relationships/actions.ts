// Goals and action items of a relationship, with owners and due dates.
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { relationshipActions } from '../db/schema.js';
import { conflict, fieldError, notFound } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { assertStatus, assertVersion, type RelationshipRow, requireParty } from './access.js';

const date = z.iso.date('must be a date like 2027-01-31');
export const actionKinds = ['goal', 'action'] as const;
export type ActionKind = (typeof actionKinds)[number];
export const actionStatuses = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof actionStatuses)[number];
export const createActionSchema = z
  .object({
    kind: z.enum(actionKinds),
    title: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters'),
    ownerId: z.string().uuid('must be a person id').nullable().optional(),
    dueOn: date.nullable().optional(),
  })
  .strict();
export const updateActionSchema = z
  .object({
    title: z.string().trim().min(1, 'is required').max(500, 'must be at most 500 characters').optional(),
    ownerId: z.string().uuid('must be a person id').nullable().optional(),
    dueOn: date.nullable().optional(),
    status: z.enum(actionStatuses).optional(),
    version: z.number().int().min(1, 'must be the version you loaded'),
  })
  .strict();

export const actionResponseSchema = z.object({
  id: z.string(),
  relationshipId: z.string(),
  kind: z.enum(actionKinds),
  title: z.string(),
  ownerId: z.string().nullable(),
  dueOn: z.string().nullable(),
  status: z.enum(actionStatuses),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

type ActionRow = typeof relationshipActions.$inferSelect;
const present = (a: ActionRow): z.infer<typeof actionResponseSchema> => ({
  id: a.id,
  relationshipId: a.relationshipId,
  kind: a.kind,
  title: a.title,
  ownerId: a.ownerId,
  dueOn: a.dueOn,
  status: a.status,
  version: a.version,
  createdAt: a.createdAt.toISOString(),
  updatedAt: a.updatedAt.toISOString(),
});

function assertOwner(rel: RelationshipRow, ownerId: string | null | undefined) {
  if (ownerId && ownerId !== rel.mentorId && ownerId !== rel.menteeId)
    throw fieldError('ownerId', 'must be one of the two people in the relationship');
}

export async function createAction(
  db: Db,
  actor: Actor,
  relationshipId: string,
  input: z.infer<typeof createActionSchema>,
) {
  const { rel } = await requireParty(db, actor, relationshipId);
  assertStatus(rel, ['active', 'paused'], 'add goals and actions');
  assertOwner(rel, input.ownerId);
  const [row] = await db
    .insert(relationshipActions)
    .values({
      orgId: rel.orgId,
      relationshipId: rel.id,
      kind: input.kind,
      title: input.title,
      ownerId: input.ownerId ?? actor.personId,
      dueOn: input.dueOn ?? null,
      createdBy: actor.personId,
    })
    .returning();
  return present(row as ActionRow);
}

export async function listActions(db: Db, actor: Actor, relationshipId: string) {
  const { rel } = await requireParty(db, actor, relationshipId);
  const rows = await db
    .select()
    .from(relationshipActions)
    .where(eq(relationshipActions.relationshipId, rel.id))
    .orderBy(asc(relationshipActions.createdAt));
  return rows.map(present);
}

export async function updateAction(
  db: Db,
  actor: Actor,
  actionId: string,
  input: z.infer<typeof updateActionSchema>,
) {
  const [current] = await db
    .select()
    .from(relationshipActions)
    .where(and(eq(relationshipActions.id, actionId), eq(relationshipActions.orgId, actor.orgId)));
  if (!current) throw notFound('Goal or action');
  const { rel } = await requireParty(db, actor, current.relationshipId).catch(() => {
    throw notFound('Goal or action');
  });
  assertVersion(current.version, input.version, 'This goal or action');
  assertOwner(rel, input.ownerId);
  const { version, ...changes } = input;
  const [row] = await db
    .update(relationshipActions)
    .set({ ...changes, version: version + 1, updatedAt: new Date() })
    .where(and(eq(relationshipActions.id, actionId), eq(relationshipActions.version, version)))
    .returning();
  if (!row) throw conflict('This goal or action was changed at the same moment; reload it and try again.');
  return present(row);
}
