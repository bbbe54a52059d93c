// The two-way learning log: each person records what they learned from the other,
// tagged by topic, so every relationship shows learning in both directions.
import { and, asc, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { learningEntries, programmeTopics, topics } from '../db/schema.js';
import { fieldError } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { assertStatus, requireParty, roleIn, roleSchema } from './access.js';

export const learningSchema = z
  .object({
    body: z.string().trim().min(1, 'is required').max(4000, 'must be at most 4000 characters'),
    topicId: z.string().uuid('must be a topic id').optional(),
    learnedOn: z.iso.date('must be a date like 2027-01-31').optional(),
  })
  .strict();

export const learningEntrySchema = z.object({
  id: z.string(),
  learnerId: z.string(),
  /** The learner's place (a pair's side, or facilitator, member, peer); null once they are no longer in it. */
  learnerSide: roleSchema.nullable(),
  topicId: z.string().nullable(),
  topic: z.string().nullable(),
  body: z.string(),
  learnedOn: z.string(),
  createdAt: z.string(),
});
export const learningLogSchema = z.object({
  entries: z.array(learningEntrySchema),
  balance: z.object({ mentorLearned: z.number().int(), menteeLearned: z.number().int() }),
  /** Entries per person: in peers and circles everyone teaches and learns. */
  byPerson: z.array(z.object({ personId: z.string(), learned: z.number().int() })),
});

export async function logLearning(
  db: Db,
  actor: Actor,
  relationshipId: string,
  input: z.infer<typeof learningSchema>,
) {
  const { rel, side } = await requireParty(db, actor, relationshipId);
  assertStatus(rel, ['active', 'paused', 'closed'], 'log learning');
  let topicName: string | null = null;
  if (input.topicId) {
    const [t] = await db
      .select({ name: topics.name })
      .from(programmeTopics)
      .innerJoin(topics, eq(topics.id, programmeTopics.topicId))
      .where(
        and(eq(programmeTopics.programmeId, rel.programmeId), eq(programmeTopics.topicId, input.topicId)),
      );
    if (!t) throw fieldError('topicId', 'is not a topic of this programme');
    topicName = t.name;
  }
  const today = new Date().toISOString().slice(0, 10);
  if (input.learnedOn && input.learnedOn > today) throw fieldError('learnedOn', 'cannot be in the future');
  const [row] = await db
    .insert(learningEntries)
    .values({
      orgId: rel.orgId,
      relationshipId: rel.id,
      learnerId: actor.personId as string,
      topicId: input.topicId ?? null,
      body: input.body,
      learnedOn: input.learnedOn ?? today,
    })
    .returning();
  const r = row as typeof learningEntries.$inferSelect;
  return {
    id: r.id,
    learnerId: r.learnerId,
    learnerSide: side,
    topicId: r.topicId,
    topic: topicName,
    body: r.body,
    learnedOn: r.learnedOn,
    createdAt: r.createdAt.toISOString(),
  };
}

/** Both directions of a relationship's learning, and the balance between them. */
export async function listLearning(db: Db, actor: Actor, relationshipId: string) {
  const { rel, members } = await requireParty(db, actor, relationshipId);
  const rows = await db
    .select({ e: learningEntries, topic: topics.name })
    .from(learningEntries)
    .leftJoin(topics, eq(topics.id, learningEntries.topicId))
    .where(eq(learningEntries.relationshipId, rel.id))
    .orderBy(asc(learningEntries.learnedOn), asc(learningEntries.createdAt));
  const entries = rows.map(({ e, topic }) => ({
    id: e.id,
    learnerId: e.learnerId,
    learnerSide: roleIn(members, e.learnerId),
    topicId: e.topicId,
    topic,
    body: e.body,
    learnedOn: e.learnedOn,
    createdAt: e.createdAt.toISOString(),
  }));
  // In peers and circles everyone teaches and learns: the balance is counted per person too.
  const byPerson = members.map((m) => ({
    personId: m.personId,
    learned: entries.filter((e) => e.learnerId === m.personId).length,
  }));
  return {
    entries,
    balance: {
      mentorLearned: entries.filter((e) => e.learnerSide === 'mentor').length,
      menteeLearned: entries.filter((e) => e.learnerSide === 'mentee').length,
    },
    byPerson,
  };
}
