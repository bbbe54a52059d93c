// The organisation's topic catalogue: what people can offer and seek.
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { programmeTopics, topics } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';

export const topicCategories = [
  'digital_and_technology',
  'trends_and_culture',
  'leadership',
  'career',
  'industry',
  'networking',
  'communication',
  'personal_skills',
] as const;
export type TopicCategory = (typeof topicCategories)[number];

export const topicInputSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(120),
    category: z.enum(topicCategories),
    description: z.string().trim().max(1000).nullable().optional(),
  })
  .strict();
export type TopicInput = z.infer<typeof topicInputSchema>;

export const topicResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.enum(topicCategories),
  description: z.string().nullable(),
});
export type TopicResponse = z.infer<typeof topicResponseSchema>;

type TopicRow = typeof topics.$inferSelect;
export const presentTopic = (t: TopicRow): TopicResponse => ({
  id: t.id,
  name: t.name,
  category: t.category,
  description: t.description,
});

export async function listTopics(db: Db, actor: Actor) {
  const rows = await db
    .select()
    .from(topics)
    .where(eq(topics.orgId, actor.orgId))
    .orderBy(asc(topics.category), asc(topics.name));
  return rows.map(presentTopic);
}

async function assertNameFree(db: Db, orgId: string, name: string, exceptId?: string) {
  const [hit] = await db
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.orgId, orgId), eq(sql`lower(${topics.name})`, name.toLowerCase())));
  if (hit && hit.id !== exceptId)
    throw conflict('A topic with this name exists.', [{ path: 'name', message: 'is already in use' }]);
}

export async function createTopic(db: Db, actor: Actor, input: TopicInput) {
  assertRole(actor, 'org_admin', 'programme_manager');
  await assertNameFree(db, actor.orgId, input.name);
  const [row] = await db
    .insert(topics)
    .values({ ...input, orgId: actor.orgId })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  await writeAudit(db, actor, actor.orgId, {
    action: 'topic.created',
    entityType: 'topic',
    entityId: row.id,
  });
  return presentTopic(row);
}

/** Another organisation's topic is not found, before any other check can answer about it. */
async function requireOwnTopic(db: Db, actor: Actor, id: string): Promise<void> {
  const [own] = await db
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.id, id), eq(topics.orgId, actor.orgId)));
  if (!own) throw notFound('Topic');
}

export async function updateTopic(db: Db, actor: Actor, id: string, input: TopicInput) {
  assertRole(actor, 'org_admin', 'programme_manager');
  await requireOwnTopic(db, actor, id);
  await assertNameFree(db, actor.orgId, input.name, id);
  const [row] = await db
    .update(topics)
    .set(input)
    .where(and(eq(topics.id, id), eq(topics.orgId, actor.orgId)))
    .returning();
  if (!row) throw notFound('Topic');
  await writeAudit(db, actor, actor.orgId, { action: 'topic.updated', entityType: 'topic', entityId: id });
  return presentTopic(row);
}

export async function deleteTopic(db: Db, actor: Actor, id: string) {
  assertRole(actor, 'org_admin', 'programme_manager');
  await requireOwnTopic(db, actor, id);
  const [used] = await db
    .select({ p: programmeTopics.programmeId })
    .from(programmeTopics)
    .where(eq(programmeTopics.topicId, id))
    .limit(1);
  if (used) throw conflict('This topic is used by a programme; remove it from the programme first.');
  const deleted = await db
    .delete(topics)
    .where(and(eq(topics.id, id), eq(topics.orgId, actor.orgId)))
    .returning({ id: topics.id });
  if (!deleted.length) throw notFound('Topic');
  await writeAudit(db, actor, actor.orgId, { action: 'topic.deleted', entityType: 'topic', entityId: id });
}
