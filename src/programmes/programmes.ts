// Programmes: kind, topics, cohort dates, cadence, matching settings and lifecycle.
import { and, asc, count, eq, inArray, ne, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { programmeEnrolmentCounts, programmes, programmeTopics, topics } from '../db/schema.js';
import { closeProgrammeRelationships } from '../engagement/programme-close.js';
import { AppError, conflict, fieldError, notFound, staleVersion } from '../errors.js';
import { type Actor, assertRole, isManager } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { matchSettingsSchema, resolveSettings, settingsInputSchema } from '../matching/index.js';
import { assertTransition, type ProgrammeStatus, programmeStatusSchema } from './lifecycle.js';
import { type TopicCategory, topicResponseSchema } from './topics.js';

export const programmeKinds = ['conventional', 'reverse', 'mutual'] as const;
/** one_to_one: mentors and mentees in pairs; peer: one pool (mutual programmes); circles: facilitated groups. */
export const programmeFormats = ['one_to_one', 'peer', 'circles'] as const;
export const cadences = ['weekly', 'fortnightly', 'monthly'] as const;
export type Cadence = (typeof cadences)[number];
const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2027-01-31')
  .refine((s) => DateTime.fromISO(s).isValid, 'is not a real date');

const programmeFields = {
  name: z.string().trim().min(1, 'is required').max(200),
  kind: z.enum(programmeKinds),
  format: z.enum(programmeFormats),
  description: z.string().trim().max(5000).nullable().optional(),
  goals: z.array(z.string().trim().min(1).max(500)).max(20),
  cohortStart: isoDate,
  cohortEnd: isoDate,
  meetingCadence: z.enum(cadences),
  defaultMentorCapacity: z.number().int().min(1, 'must be at least 1').max(20, 'must be at most 20'),
  topicIds: z.array(z.string().uuid('must be a topic id')).max(100),
  /** The engine's own settings shape; what is left out follows the defaults of the programme's kind. */
  matchingSettings: settingsInputSchema,
};

const datesInOrder = (p: { cohortStart?: string; cohortEnd?: string }) =>
  !p.cohortStart || !p.cohortEnd || p.cohortEnd >= p.cohortStart;
const datesMessage = { message: 'must be on or after cohortStart', path: ['cohortEnd'] };
/** Peers teach and learn alike: a peer pool is a two-way (mutual) programme. */
const peerIsMutual = (p: { kind?: string; format?: string }) => p.format !== 'peer' || p.kind === 'mutual';
const peerMessage = {
  message: 'peer needs a mutual programme (everyone teaches and learns)',
  path: ['format'],
};

export const createProgrammeSchema = z
  .object({
    ...programmeFields,
    format: programmeFields.format.default('one_to_one'),
    goals: programmeFields.goals.default([]),
    meetingCadence: programmeFields.meetingCadence.default('monthly'),
    defaultMentorCapacity: programmeFields.defaultMentorCapacity.default(1),
    topicIds: programmeFields.topicIds.default([]),
    matchingSettings: settingsInputSchema.default({}),
  })
  .strict()
  .refine(datesInOrder, datesMessage)
  .refine(peerIsMutual, peerMessage);
export type CreateProgrammeInput = z.infer<typeof createProgrammeSchema>;

export const updateProgrammeSchema = z
  .object(programmeFields)
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict()
  .refine(datesInOrder, datesMessage);
export type UpdateProgrammeInput = z.infer<typeof updateProgrammeSchema>;

export const transitionSchema = z
  .object({ to: programmeStatusSchema, version: z.number().int().min(1).optional() })
  .strict();

export const programmeResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(programmeKinds),
  format: z.enum(programmeFormats),
  description: z.string().nullable(),
  goals: z.array(z.string()),
  cohortStart: z.string(),
  cohortEnd: z.string(),
  meetingCadence: z.enum(cadences),
  defaultMentorCapacity: z.number().int(),
  /** Every setting a run uses unless told otherwise (the engine's shape, defaults filled in). */
  matchingSettings: matchSettingsSchema,
  status: programmeStatusSchema,
  topics: z.array(topicResponseSchema.pick({ id: true, name: true, category: true })),
  /** Counts of active enrolments; only managers get them. */
  enrolled: z.object({ mentors: z.number(), mentees: z.number(), people: z.number() }).nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ProgrammeResponse = z.infer<typeof programmeResponseSchema>;

type ProgrammeRow = typeof programmes.$inferSelect;
type ProgrammeTopic = { id: string; name: string; category: TopicCategory };

export function presentProgramme(
  p: ProgrammeRow,
  extra: {
    topics: ProgrammeTopic[];
    counts?: { mentors: number; mentees: number; people: number };
  },
): ProgrammeResponse {
  return {
    id: p.id,
    name: p.name,
    kind: p.kind,
    format: p.format,
    description: p.description,
    goals: p.goals,
    cohortStart: p.cohortStart,
    cohortEnd: p.cohortEnd,
    meetingCadence: p.meetingCadence,
    defaultMentorCapacity: p.defaultMentorCapacity,
    /** What a run uses unless told otherwise: the stored settings over the defaults of the kind. */
    matchingSettings: resolveSettings(p.kind, p.matchingSettings),
    status: p.status,
    topics: extra.topics,
    enrolled: extra.counts ?? null,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}

/** Loads a programme the actor may see, or throws not_found (drafts are for managers only). */
export async function requireProgramme(db: Queryable, actor: Actor, id: string): Promise<ProgrammeRow> {
  const [row] = await db
    .select()
    .from(programmes)
    .where(and(eq(programmes.id, id), eq(programmes.orgId, actor.orgId)))
    .limit(1);
  if (!row || hiddenFrom(actor, row.status)) throw notFound('Programme');
  return row;
}

/** A draft programme is there for managers only. */
export const hiddenFrom = (actor: Actor, status: string) => status === 'draft' && !isManager(actor);

/** Loads a programme the actor may see and locks its row until the transaction ends (serialises matching work on it). */
export async function lockProgramme(tx: Queryable, actor: Actor, id: string): Promise<ProgrammeRow> {
  await requireProgramme(tx, actor, id);
  const [row] = await tx.select().from(programmes).where(eq(programmes.id, id)).for('update');
  if (!row) throw conflict('The programme no longer exists.');
  return row;
}

async function topicsOf(db: Queryable, programmeIds: string[]) {
  if (!programmeIds.length) return new Map<string, ProgrammeTopic[]>();
  const rows = await db
    .select({
      programmeId: programmeTopics.programmeId,
      id: topics.id,
      name: topics.name,
      category: topics.category,
    })
    .from(programmeTopics)
    .innerJoin(topics, eq(topics.id, programmeTopics.topicId))
    .where(inArray(programmeTopics.programmeId, programmeIds))
    .orderBy(asc(topics.name));
  const map = new Map<string, ProgrammeTopic[]>();
  for (const { programmeId, ...t } of rows) map.set(programmeId, [...(map.get(programmeId) ?? []), t]);
  return map;
}

/** Active enrolments by programme, from the counters the enrolment triggers keep (decision 082). */
async function countsOf(db: Queryable, orgId: string, programmeIds: string[]) {
  const map = new Map<string, { mentors: number; mentees: number; people: number }>();
  if (!programmeIds.length) return map;
  const rows = await db
    .select()
    .from(programmeEnrolmentCounts)
    .where(
      and(
        eq(programmeEnrolmentCounts.orgId, orgId),
        inArray(programmeEnrolmentCounts.programmeId, programmeIds),
      ),
    );
  for (const r of rows) map.set(r.programmeId, { mentors: r.mentors, mentees: r.mentees, people: r.people });
  return map;
}

async function present(db: Queryable, actor: Actor, rows: ProgrammeRow[]): Promise<ProgrammeResponse[]> {
  const ids = rows.map((r) => r.id);
  // One after another: `db` is a transaction when a programme is created or changed, and a
  // transaction's one connection runs one query at a time.
  const topicMap = await topicsOf(db, ids);
  const countMap = isManager(actor) ? await countsOf(db, actor.orgId, ids) : null;
  return rows.map((r) => {
    const counts = countMap ? (countMap.get(r.id) ?? { mentors: 0, mentees: 0, people: 0 }) : undefined;
    return presentProgramme(r, { topics: topicMap.get(r.id) ?? [], ...(counts ? { counts } : {}) });
  });
}

async function presentOne(db: Queryable, actor: Actor, row: ProgrammeRow): Promise<ProgrammeResponse> {
  const [view] = await present(db, actor, [row]);
  if (!view) throw new Error('a programme presents as one view');
  return view;
}

export const listProgrammesQuery = z.object({ status: programmeStatusSchema.optional() });

export async function listProgrammes(db: Db, actor: Actor, query: z.infer<typeof listProgrammesQuery>) {
  const filters = [eq(programmes.orgId, actor.orgId)];
  if (query.status) filters.push(eq(programmes.status, query.status));
  if (!isManager(actor)) filters.push(ne(programmes.status, 'draft'));
  const rows = await db
    .select()
    .from(programmes)
    .where(and(...filters))
    .orderBy(asc(programmes.cohortStart), asc(programmes.name));
  return present(db, actor, rows);
}

export async function getProgramme(db: Db, actor: Actor, id: string) {
  const row = await requireProgramme(db, actor, id);
  return presentOne(db, actor, row);
}

async function assertTopicsOfOrg(db: Queryable, orgId: string, topicIds: string[]) {
  if (!topicIds.length) return;
  const unique = [...new Set(topicIds)];
  const found = await db
    .select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.orgId, orgId), inArray(topics.id, unique)));
  const known = new Set(found.map((f) => f.id));
  const missing = unique.findIndex((id) => !known.has(id));
  if (missing !== -1)
    throw fieldError(
      `topicIds.${topicIds.indexOf(unique[missing] as string)}`,
      'no such topic in this organisation',
    );
}

async function setTopics(db: Queryable, orgId: string, programmeId: string, topicIds: string[]) {
  await db.delete(programmeTopics).where(eq(programmeTopics.programmeId, programmeId));
  const unique = [...new Set(topicIds)];
  if (unique.length)
    await db.insert(programmeTopics).values(unique.map((topicId) => ({ programmeId, topicId, orgId })));
}

export async function createProgramme(db: Db, actor: Actor, input: CreateProgrammeInput) {
  assertRole(actor, 'org_admin', 'programme_manager');
  return db.transaction(async (tx) => {
    await assertTopicsOfOrg(tx, actor.orgId, input.topicIds);
    const { topicIds, ...fields } = input;
    const [row] = await tx
      .insert(programmes)
      .values({ ...fields, orgId: actor.orgId, createdBy: actor.accountId, status: 'draft' })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await setTopics(tx, actor.orgId, row.id, topicIds);
    await writeAudit(tx, actor, actor.orgId, {
      action: 'programme.created',
      entityType: 'programme',
      entityId: row.id,
    });
    return presentOne(tx, actor, row);
  });
}

const editableStatuses: ProgrammeStatus[] = ['draft', 'enrolling', 'matching'];

export async function updateProgramme(db: Db, actor: Actor, id: string, input: UpdateProgrammeInput) {
  assertRole(actor, 'org_admin', 'programme_manager');
  return db.transaction(async (tx) => {
    const current = await requireProgramme(tx, actor, id);
    if (current.version !== input.version) throw staleVersion('This programme');
    const status = current.status as ProgrammeStatus;
    if (!editableStatuses.includes(status))
      throw conflict(`A programme that is ${status} can no longer be edited.`);
    if (input.kind && input.kind !== current.kind && status !== 'draft') {
      throw fieldError('kind', 'can only change while the programme is a draft');
    }
    if (input.format && input.format !== current.format && status !== 'draft') {
      throw fieldError('format', 'can only change while the programme is a draft');
    }
    if (!peerIsMutual({ kind: input.kind ?? current.kind, format: input.format ?? current.format }))
      throw fieldError('format', peerMessage.message);
    const merged = {
      cohortStart: input.cohortStart ?? current.cohortStart,
      cohortEnd: input.cohortEnd ?? current.cohortEnd,
    };
    if (merged.cohortEnd < merged.cohortStart)
      throw fieldError('cohortEnd', 'must be on or after cohortStart');
    const { version, topicIds, ...changes } = input;
    if (topicIds) {
      await assertTopicsOfOrg(tx, actor.orgId, topicIds);
      await setTopics(tx, actor.orgId, id, topicIds);
    }
    const [row] = await tx
      .update(programmes)
      .set({ ...changes, version: version + 1, updatedAt: new Date() })
      .where(and(eq(programmes.id, id), eq(programmes.version, version)))
      .returning();
    if (!row) throw staleVersion('This programme');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'programme.updated',
      entityType: 'programme',
      entityId: id,
      details: { fields: Object.keys(input).filter((k) => k !== 'version') },
    });
    return presentOne(tx, actor, row);
  });
}

export async function transitionProgramme(
  db: Db,
  actor: Actor,
  id: string,
  input: z.infer<typeof transitionSchema>,
) {
  assertRole(actor, 'org_admin', 'programme_manager');
  return db.transaction(async (tx) => {
    const current = await requireProgramme(tx, actor, id);
    if (input.version !== undefined && current.version !== input.version)
      throw staleVersion('This programme');
    const from = current.status as ProgrammeStatus;
    assertTransition(from, input.to);
    if (input.to === 'active') {
      // Starting without pairs would leave an active programme with no relationships.
      throw new AppError('illegal_transition', 'A programme becomes active when a match run is published.', {
        fields: [{ path: 'to', message: 'publish a match run to start the programme' }],
      });
    }
    if (input.to === 'enrolling') {
      const [t] = await tx
        .select({ n: count() })
        .from(programmeTopics)
        .where(eq(programmeTopics.programmeId, id));
      if (!t?.n)
        throw new AppError('conflict', 'Add at least one topic before opening enrolment.', {
          fields: [{ path: 'topicIds', message: 'is empty' }],
        });
    }
    if (input.to === 'matching') {
      const counts = (await countsOf(tx, actor.orgId, [id])).get(id) ?? { mentors: 0, mentees: 0, people: 0 };
      // One person enrolled as both cannot be matched with themselves.
      if (counts.mentors === 0 || counts.mentees === 0 || counts.people < 2) {
        throw conflict('Matching needs at least one mentor and one mentee enrolled (two different people).');
      }
    }
    const [row] = await tx
      .update(programmes)
      .set({ status: input.to, version: sql`${programmes.version} + 1`, updatedAt: new Date() })
      .where(and(eq(programmes.id, id), eq(programmes.status, from)))
      .returning();
    if (!row) throw staleVersion('This programme');
    if (input.to === 'closed') await closeProgrammeRelationships(tx, actor, row);
    await writeAudit(tx, actor, actor.orgId, {
      action: 'programme.transitioned',
      entityType: 'programme',
      entityId: id,
      details: { from, to: input.to },
    });
    return presentOne(tx, actor, row);
  });
}

export async function deleteProgramme(db: Db, actor: Actor, id: string) {
  assertRole(actor, 'org_admin', 'programme_manager');
  await db.transaction(async (tx) => {
    const current = await requireProgramme(tx, actor, id);
    if (current.status !== 'draft')
      throw conflict('Only a draft programme can be deleted; close it instead.');
    await tx.delete(programmes).where(eq(programmes.id, id));
    await writeAudit(tx, actor, actor.orgId, {
      action: 'programme.deleted',
      entityType: 'programme',
      entityId: id,
    });
  });
}
