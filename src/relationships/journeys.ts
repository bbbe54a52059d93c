// Journey entries: a person's triumphs, struggles, mistakes and lessons, each
// shared with the relationships its author chooses (and no one else).
import { and, arrayContains, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { journeyEntries } from '../db/schema.js';
import { AppError, conflict, notFound, validationFailed } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { assertVersion, requireParty } from './access.js';

export const journeyKinds = ['triumph', 'struggle', 'mistake', 'lesson'] as const;
export type JourneyKind = (typeof journeyKinds)[number];

const thisYear = () => new Date().getUTCFullYear();
const fields = {
  kind: z.enum(journeyKinds),
  year: z
    .number()
    .int()
    .min(1940, 'must be 1940 or later')
    .refine((y) => y <= thisYear(), 'cannot be in the future'),
  title: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
  body: z.string().trim().max(5000, 'must be at most 5000 characters'),
  sharedWith: z
    .array(z.string().uuid('must be a relationship id'))
    .max(50)
    .refine((ids) => new Set(ids).size === ids.length, 'lists a relationship twice'),
};
export const createJourneySchema = z
  .object({ ...fields, body: fields.body.default(''), sharedWith: fields.sharedWith.default([]) })
  .strict();
export const updateJourneySchema = z
  .object(fields)
  .partial()
  .extend({ version: z.number().int().min(1, 'must be the version you loaded') })
  .strict();

export const journeyEntryResponseSchema = z.object({
  id: z.string(),
  authorId: z.string(),
  mine: z.boolean(),
  kind: z.enum(journeyKinds),
  year: z.number().int(),
  title: z.string(),
  body: z.string(),
  /** Relationships the entry is shared into; only its author sees this list. */
  sharedWith: z.array(z.string()),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

type JourneyRow = typeof journeyEntries.$inferSelect;
const present = (j: JourneyRow, me: string | null): z.infer<typeof journeyEntryResponseSchema> => ({
  id: j.id,
  authorId: j.authorId,
  mine: j.authorId === me,
  kind: j.kind,
  year: j.year,
  title: j.title,
  body: j.body,
  // Whom an entry is shared with is the author's business.
  sharedWith: j.authorId === me ? j.sharedWith : [],
  version: j.version,
  createdAt: j.createdAt.toISOString(),
  updatedAt: j.updatedAt.toISOString(),
});

function requirePerson(actor: Actor): string {
  if (!actor.personId) throw new AppError('forbidden', 'This account is not linked to a person.');
  return actor.personId;
}

/** Each relationship must be one of the author's own. */
async function assertOwnRelationships(db: Db, actor: Actor, ids: string[]) {
  const problems: { path: string; message: string }[] = [];
  for (const [i, id] of ids.entries()) {
    try {
      await requireParty(db, actor, id);
    } catch {
      problems.push({ path: `sharedWith.${i}`, message: 'is not one of your relationships' });
    }
  }
  if (problems.length)
    throw validationFailed('A journey entry can be shared only with your own relationships.', problems);
}

export async function createJourneyEntry(db: Db, actor: Actor, input: z.infer<typeof createJourneySchema>) {
  const me = requirePerson(actor);
  await assertOwnRelationships(db, actor, input.sharedWith);
  const [row] = await db
    .insert(journeyEntries)
    .values({ orgId: actor.orgId, authorId: me, ...input })
    .returning();
  return present(row as JourneyRow, me);
}

export async function listMyJourney(db: Db, actor: Actor) {
  const me = requirePerson(actor);
  const rows = await db
    .select()
    .from(journeyEntries)
    .where(and(eq(journeyEntries.orgId, actor.orgId), eq(journeyEntries.authorId, me)))
    .orderBy(desc(journeyEntries.year), desc(journeyEntries.createdAt));
  return rows.map((j) => present(j, me));
}

/** The journey entries shared into a relationship: everyone's in it, each only if its author shared it here. */
export async function listRelationshipJourneys(db: Db, actor: Actor, relationshipId: string) {
  const { rel, people: inIt } = await requireParty(db, actor, relationshipId);
  const me = actor.personId as string;
  const rows = await db
    .select()
    .from(journeyEntries)
    .where(
      and(
        eq(journeyEntries.orgId, actor.orgId),
        inArray(journeyEntries.authorId, inIt),
        arrayContains(journeyEntries.sharedWith, [rel.id]),
      ),
    )
    .orderBy(desc(journeyEntries.year));
  return rows.map((j) => present(j, me));
}

async function requireOwnEntry(db: Db, actor: Actor, id: string) {
  const me = requirePerson(actor);
  const [row] = await db
    .select()
    .from(journeyEntries)
    .where(
      and(eq(journeyEntries.id, id), eq(journeyEntries.orgId, actor.orgId), eq(journeyEntries.authorId, me)),
    );
  if (!row) throw notFound('Journey entry');
  return row;
}

export async function updateJourneyEntry(
  db: Db,
  actor: Actor,
  id: string,
  input: z.infer<typeof updateJourneySchema>,
) {
  const current = await requireOwnEntry(db, actor, id);
  assertVersion(current.version, input.version, 'This journey entry');
  if (input.sharedWith) await assertOwnRelationships(db, actor, input.sharedWith);
  const { version, ...changes } = input;
  const [row] = await db
    .update(journeyEntries)
    .set({ ...changes, version: version + 1, updatedAt: new Date() })
    .where(and(eq(journeyEntries.id, id), eq(journeyEntries.version, version)))
    .returning();
  if (!row) throw conflict('This journey entry was changed at the same moment; reload it and try again.');
  return present(row, actor.personId);
}

export async function deleteJourneyEntry(db: Db, actor: Actor, id: string) {
  await requireOwnEntry(db, actor, id);
  await db.delete(journeyEntries).where(eq(journeyEntries.id, id));
}
