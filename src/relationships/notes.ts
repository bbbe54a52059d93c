// Notes: `private` notes are read by their author alone (never managers, admins,
// sponsors or the other person); `shared` notes by both people in the relationship.
import { and, desc, eq, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { meetings, notes } from '../db/schema.js';
import { conflict, fieldError, notFound } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { assertStatus, assertVersion, requireParty } from './access.js';

export const noteBodyLimit = 10_000;
const body = z
  .string()
  .trim()
  .min(1, 'is required')
  .max(noteBodyLimit, `must be at most ${noteBodyLimit} characters`);

export const noteVisibilities = ['private', 'shared'] as const;
export type NoteVisibility = (typeof noteVisibilities)[number];

export const createNoteSchema = z
  .object({
    visibility: z.enum(noteVisibilities),
    body,
    meetingId: z.string().uuid('must be a meeting id').optional(),
  })
  .strict();
export const updateNoteSchema = z
  .object({
    body: body.optional(),
    visibility: z.enum(noteVisibilities).optional(),
    version: z.number().int().min(1, 'must be the version you loaded'),
  })
  .strict();

export const noteResponseSchema = z.object({
  id: z.string(),
  relationshipId: z.string(),
  meetingId: z.string().nullable(),
  authorId: z.string(),
  mine: z.boolean(),
  visibility: z.enum(noteVisibilities),
  body: z.string(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

type NoteRow = typeof notes.$inferSelect;
const presentNote = (n: NoteRow, me: string): z.infer<typeof noteResponseSchema> => ({
  id: n.id,
  relationshipId: n.relationshipId,
  meetingId: n.meetingId,
  authorId: n.authorId,
  mine: n.authorId === me,
  visibility: n.visibility,
  body: n.body,
  version: n.version,
  createdAt: n.createdAt.toISOString(),
  updatedAt: n.updatedAt.toISOString(),
});

/** The only filter notes are ever read through: shared ones, and my own private ones. */
const readableBy = (personId: string) => or(eq(notes.visibility, 'shared'), eq(notes.authorId, personId));

export async function createNote(
  db: Db,
  actor: Actor,
  relationshipId: string,
  input: z.infer<typeof createNoteSchema>,
) {
  const { rel } = await requireParty(db, actor, relationshipId);
  assertStatus(rel, ['active', 'paused', 'closed'], 'write notes');
  if (input.meetingId) {
    const [m] = await db
      .select({ id: meetings.id })
      .from(meetings)
      .where(and(eq(meetings.id, input.meetingId), eq(meetings.relationshipId, rel.id)));
    if (!m) throw fieldError('meetingId', 'is not a meeting of this relationship');
  }
  const [row] = await db
    .insert(notes)
    .values({
      orgId: rel.orgId,
      relationshipId: rel.id,
      meetingId: input.meetingId ?? null,
      authorId: actor.personId as string,
      visibility: input.visibility,
      body: input.body,
    })
    .returning();
  return presentNote(row as NoteRow, actor.personId as string);
}

export const listNotesQuery = z.object({
  visibility: z.enum(['private', 'shared']).optional(),
  meetingId: z.string().uuid().optional(),
});

export async function listNotes(
  db: Db,
  actor: Actor,
  relationshipId: string,
  query: z.infer<typeof listNotesQuery>,
) {
  const { rel } = await requireParty(db, actor, relationshipId);
  const me = actor.personId as string;
  const filters = [eq(notes.relationshipId, rel.id), readableBy(me)];
  if (query.visibility) filters.push(eq(notes.visibility, query.visibility));
  if (query.meetingId) filters.push(eq(notes.meetingId, query.meetingId));
  const rows = await db
    .select()
    .from(notes)
    .where(and(...filters))
    .orderBy(desc(notes.createdAt));
  return rows.map((n) => presentNote(n, me));
}

/** A note the actor may read; anything else is simply not there (same answer whether it exists or not). */
async function requireReadableNote(db: Db, actor: Actor, noteId: string) {
  const me = actor.personId;
  if (!me) throw notFound('Note');
  const [row] = await db
    .select()
    .from(notes)
    .where(and(eq(notes.id, noteId), eq(notes.orgId, actor.orgId), readableBy(me)));
  if (!row) throw notFound('Note');
  await requireParty(db, actor, row.relationshipId).catch(() => {
    throw notFound('Note');
  });
  return row;
}

export async function getNote(db: Db, actor: Actor, noteId: string) {
  return presentNote(await requireReadableNote(db, actor, noteId), actor.personId as string);
}

/** Only the author edits a note (shared notes too). */
export async function updateNote(
  db: Db,
  actor: Actor,
  noteId: string,
  input: z.infer<typeof updateNoteSchema>,
) {
  const current = await requireReadableNote(db, actor, noteId);
  if (current.authorId !== actor.personId) throw notFound('Note');
  assertVersion(current.version, input.version, 'This note');
  const [row] = await db
    .update(notes)
    .set({
      ...(input.body !== undefined ? { body: input.body } : {}),
      ...(input.visibility ? { visibility: input.visibility } : {}),
      version: current.version + 1,
      updatedAt: new Date(),
    })
    .where(and(eq(notes.id, noteId), eq(notes.version, current.version)))
    .returning();
  if (!row) throw conflict('This note was changed at the same moment; reload it and try again.');
  return presentNote(row, actor.personId as string);
}

export async function deleteNote(db: Db, actor: Actor, noteId: string) {
  const current = await requireReadableNote(db, actor, noteId);
  if (current.authorId !== actor.personId) throw notFound('Note');
  await db.delete(notes).where(eq(notes.id, noteId));
}
