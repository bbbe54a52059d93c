// The circles a manager plans for a circles programme: a topic focus, one or two
// facilitators (enrolled in the programme) and a size range. Matching fills them.
import { and, asc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { circlePlans, enrolments, people, type programmes, programmeTopics, topics } from '../db/schema.js';
import { AppError, fieldError, notFound, validationFailed } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import type { CircleInput } from '../matching/index.js';
import { requireProgramme } from './programmes.js';

type ProgrammeRow = typeof programmes.$inferSelect;

export const circlePlanSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    topicIds: z
      .array(z.string().uuid('must be a topic id'))
      .min(1, 'a circle needs at least one focus topic')
      .max(10, 'at most 10 focus topics'),
    facilitatorIds: z
      .array(z.string().uuid('must be a person id'))
      .min(1, 'a circle has one or two facilitators')
      .max(2, 'a circle has one or two facilitators'),
    minSize: z.number().int().min(1, 'must be at least 1').max(50, 'must be at most 50'),
    maxSize: z.number().int().min(1, 'must be at least 1').max(50, 'must be at most 50'),
  })
  .strict()
  .refine((c) => c.maxSize >= c.minSize, { message: 'must be at least minSize', path: ['maxSize'] });
export type CirclePlanInput = z.infer<typeof circlePlanSchema>;

export const circlePlanResponseSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  name: z.string(),
  topics: z.array(z.object({ id: z.string(), name: z.string() })),
  facilitators: z.array(z.object({ id: z.string(), name: z.string() })),
  minSize: z.number().int(),
  maxSize: z.number().int(),
  createdAt: z.string(),
});

export type CirclePlanResponse = z.infer<typeof circlePlanResponseSchema>;

/** A planned circle as the engine reads it. */
export type CirclePlan = CircleInput;

/** The programme's planned circles in the order they were planned (runs are reproducible). */
const planRows = (db: Queryable, programme: ProgrammeRow) =>
  db
    .select()
    .from(circlePlans)
    .where(and(eq(circlePlans.programmeId, programme.id), eq(circlePlans.orgId, programme.orgId)))
    .orderBy(asc(circlePlans.createdAt), asc(circlePlans.id));

/** The programme's planned circles as the engine reads them. */
export async function readCirclePlans(db: Queryable, programme: ProgrammeRow): Promise<CirclePlan[]> {
  const rows = await planRows(db, programme);
  return rows.map(({ id, name, topicIds, facilitatorIds, minSize, maxSize }) => ({
    id,
    name,
    topicIds,
    facilitatorIds,
    minSize,
    maxSize,
  }));
}

const plannable = ['draft', 'enrolling', 'matching'];

async function requireCirclesProgramme(db: Queryable, actor: Actor, programmeId: string, changing: boolean) {
  assertRole(actor, 'org_admin', 'programme_manager');
  const programme = await requireProgramme(db, actor, programmeId);
  if (programme.format !== 'circles')
    throw new AppError('conflict', 'Only a circles programme has circles to plan.', {
      fields: [{ path: 'format', message: `is ${programme.format}` }],
    });
  if (changing && !plannable.includes(programme.status))
    throw new AppError(
      'conflict',
      `Circles are planned before they are published; this programme is ${programme.status}.`,
      {
        fields: [{ path: 'status', message: `is ${programme.status}` }],
      },
    );
  return programme;
}

async function present(db: Queryable, rows: (typeof circlePlans.$inferSelect)[]) {
  const topicIds = [...new Set(rows.flatMap((r) => r.topicIds))];
  const personIds = [...new Set(rows.flatMap((r) => r.facilitatorIds))];
  const topicNames = new Map(
    topicIds.length
      ? (
          await db
            .select({ id: topics.id, name: topics.name })
            .from(topics)
            .where(inArray(topics.id, topicIds))
        ).map((t) => [t.id, t.name])
      : [],
  );
  const names = new Map(
    personIds.length
      ? (
          await db
            .select({ id: people.id, name: people.name })
            .from(people)
            .where(inArray(people.id, personIds))
        ).map((p) => [p.id, p.name])
      : [],
  );
  return rows.map((r) => ({
    id: r.id,
    programmeId: r.programmeId,
    name: r.name,
    topics: r.topicIds.map((id) => ({ id, name: topicNames.get(id) ?? '' })),
    facilitators: r.facilitatorIds.map((id) => ({ id, name: names.get(id) ?? '' })),
    minSize: r.minSize,
    maxSize: r.maxSize,
    createdAt: r.createdAt.toISOString(),
  }));
}

export async function listCirclePlans(db: Db, actor: Actor, programmeId: string) {
  const programme = await requireCirclesProgramme(db, actor, programmeId, false);
  return present(db, await planRows(db, programme));
}

/** Plans a circle: its focus must be among the programme's topics, its facilitators enrolled in it. */
export async function createCirclePlan(db: Db, actor: Actor, programmeId: string, input: CirclePlanInput) {
  return db.transaction(async (tx) => {
    const programme = await requireCirclesProgramme(tx, actor, programmeId, true);
    const problems: { path: string; message: string }[] = [];
    const ofProgramme = new Set(
      (
        await tx
          .select({ id: programmeTopics.topicId })
          .from(programmeTopics)
          .where(eq(programmeTopics.programmeId, programme.id))
      ).map((t) => t.id),
    );
    input.topicIds.forEach((id, i) => {
      if (!ofProgramme.has(id))
        problems.push({ path: `topicIds.${i}`, message: 'is not a topic of this programme' });
    });
    if (new Set(input.facilitatorIds).size !== input.facilitatorIds.length)
      throw fieldError('facilitatorIds', 'names the same person twice');
    const enrolled = new Set(
      (
        await tx
          .select({ id: enrolments.personId })
          .from(enrolments)
          .where(
            and(
              eq(enrolments.programmeId, programme.id),
              eq(enrolments.status, 'active'),
              inArray(enrolments.personId, input.facilitatorIds),
            ),
          )
      ).map((e) => e.id),
    );
    input.facilitatorIds.forEach((id, i) => {
      if (!enrolled.has(id))
        problems.push({ path: `facilitatorIds.${i}`, message: 'is not enrolled in this programme' });
    });
    const taken = new Set((await readCirclePlans(tx, programme)).flatMap((p) => p.facilitatorIds));
    input.facilitatorIds.forEach((id, i) => {
      if (taken.has(id))
        problems.push({ path: `facilitatorIds.${i}`, message: 'already facilitates another circle' });
    });
    if (problems.length) throw validationFailed('This circle cannot be planned as it stands.', problems);
    const [row] = await tx
      .insert(circlePlans)
      .values({ ...input, orgId: programme.orgId, programmeId: programme.id })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'circle_plan.created',
      entityType: 'programme',
      entityId: programme.id,
      details: { circlePlanId: row.id },
    });
    const [view] = await present(tx, [row]);
    if (!view) throw new Error('present returned nothing');
    return view;
  });
}

export async function deleteCirclePlan(db: Db, actor: Actor, programmeId: string, circleId: string) {
  return db.transaction(async (tx) => {
    const programme = await requireCirclesProgramme(tx, actor, programmeId, true);
    const [row] = await tx
      .delete(circlePlans)
      .where(
        and(
          eq(circlePlans.id, circleId),
          eq(circlePlans.programmeId, programme.id),
          eq(circlePlans.orgId, actor.orgId),
        ),
      )
      .returning({ id: circlePlans.id });
    if (!row) throw notFound('Circle');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'circle_plan.deleted',
      entityType: 'programme',
      entityId: programme.id,
      details: { circlePlanId: circleId },
    });
  });
}
