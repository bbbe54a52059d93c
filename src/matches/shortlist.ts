// A mentee's shortlist of candidate mentors, and their ranking of it (which feeds the run).
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { enrolments, mentorRankings, people, topics } from '../db/schema.js';
import { AppError, conflict, fieldError, staleVersion, validationFailed } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { chainOf } from '../people/reporting-line.js';
import { requireProgramme } from '../programmes/programmes.js';

export const shortlistQuery = z.object({ limit: z.coerce.number().int().min(1).max(20).default(8) });
export const rankingSchema = z
  .object({
    mentorIds: z
      .array(z.string().uuid('must be a person id'))
      .max(10, 'rank at most 10 mentors')
      .refine((ids) => new Set(ids).size === ids.length, 'lists a mentor twice'),
    version: z.number().int().min(1).optional(),
  })
  .strict();

export const rankingResponseSchema = z.object({
  programmeId: z.string(),
  mentorIds: z.array(z.string()),
  version: z.number().int(),
  updatedAt: z.string(),
});

export const shortlistResponseSchema = z.object({
  programmeId: z.string(),
  candidates: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      jobTitle: z.string().nullable(),
      department: z.string().nullable(),
      offers: z.array(
        z.object({ topicId: z.string(), topic: z.string().nullable(), proficiency: z.number() }),
      ),
      /** How well what the mentor offers covers what the mentee seeks, 0 to 1. */
      topicFit: z.number(),
    }),
  ),
  ranking: rankingResponseSchema.nullable(),
});

const rankingStages = ['enrolling', 'matching'];

async function requireOwnMenteeEnrolment(db: Db, actor: Actor, programmeId: string) {
  if (!actor.personId) throw new AppError('forbidden', 'This account is not linked to a person.');
  const [e] = await db
    .select()
    .from(enrolments)
    .where(
      and(
        eq(enrolments.programmeId, programmeId),
        eq(enrolments.personId, actor.personId),
        eq(enrolments.status, 'active'),
      ),
    );
  if (!e || e.role === 'mentor')
    throw new AppError('forbidden', 'Only mentees enrolled in this programme have a shortlist.');
  return e;
}

/**
 * Candidate mentors for the signed-in mentee: those the hard rules allow
 * (not in their reporting line, the right direction of seniority, a shared
 * language), ordered by how well what they offer covers what the mentee seeks.
 */
export async function getShortlist(
  db: Db,
  actor: Actor,
  programmeId: string,
  query: z.infer<typeof shortlistQuery>,
) {
  const programme = await requireProgramme(db, actor, programmeId);
  const mine = await requireOwnMenteeEnrolment(db, actor, programmeId);
  const me = actor.personId as string;
  const mentors = await db
    .select({ e: enrolments, p: people })
    .from(enrolments)
    .innerJoin(people, eq(people.id, enrolments.personId))
    .where(
      and(
        eq(enrolments.programmeId, programmeId),
        eq(enrolments.status, 'active'),
        inArray(enrolments.role, ['mentor', 'both']),
      ),
    );
  const all = await db
    .select({
      id: people.id,
      managerId: people.managerId,
      jobLevel: people.jobLevel,
      languages: people.languages,
    })
    .from(people)
    .where(eq(people.orgId, actor.orgId));
  const managerOf = new Map(all.map((p) => [p.id, p.managerId]));
  const self = all.find((p) => p.id === me);
  const myLine = new Set(chainOf(me, (id) => managerOf.get(id)).chain);
  const seeks = mine.seeks;
  const seekWeight = seeks.reduce((s, x) => s + (4 - x.priority), 0) || 1;
  const topicNames = new Map(
    (
      await db.select({ id: topics.id, name: topics.name }).from(topics).where(eq(topics.orgId, actor.orgId))
    ).map((t) => [t.id, t.name]),
  );
  const candidates = mentors
    .filter(({ p }) => {
      if (p.id === me || myLine.has(p.id)) return false;
      if (chainOf(p.id, (id) => managerOf.get(id)).chain.includes(me)) return false;
      if (self && programme.kind === 'reverse' && p.jobLevel >= self.jobLevel) return false;
      if (self && programme.kind === 'conventional' && p.jobLevel <= self.jobLevel) return false;
      if (
        self?.languages.length &&
        p.languages.length &&
        !p.languages.some((l) => self.languages.includes(l))
      )
        return false;
      return true;
    })
    .map(({ e, p }) => {
      const offers = e.offers;
      const prof = new Map(offers.map((o) => [o.topicId, o.proficiency]));
      const fit =
        seeks.reduce((s, x) => s + (4 - x.priority) * ((prof.get(x.topicId) ?? 0) / 5), 0) / seekWeight;
      return {
        personId: p.id,
        name: p.name,
        jobTitle: p.jobTitle,
        department: p.department,
        offers: offers.map((o) => ({
          topicId: o.topicId,
          topic: topicNames.get(o.topicId) ?? null,
          proficiency: o.proficiency,
        })),
        topicFit: Math.round(fit * 1000) / 1000,
      };
    })
    .sort((a, b) => b.topicFit - a.topicFit || (a.personId < b.personId ? -1 : 1))
    .slice(0, query.limit);
  const [ranking] = await db
    .select()
    .from(mentorRankings)
    .where(and(eq(mentorRankings.programmeId, programmeId), eq(mentorRankings.menteeId, me)));
  return { programmeId, candidates, ranking: ranking ? presentRanking(ranking) : null };
}

const presentRanking = (r: typeof mentorRankings.$inferSelect) => ({
  programmeId: r.programmeId,
  mentorIds: r.mentorIds,
  version: r.version,
  updatedAt: r.updatedAt.toISOString(),
});

/** Saves the mentee's ranking of mentors (best first); the next run counts it as a strong preference. */
export async function setRanking(
  db: Db,
  actor: Actor,
  programmeId: string,
  input: z.infer<typeof rankingSchema>,
) {
  const programme = await requireProgramme(db, actor, programmeId);
  // Who may rank before whether ranking is open: others are refused, not told the stage.
  await requireOwnMenteeEnrolment(db, actor, programmeId);
  if (!rankingStages.includes(programme.status))
    throw conflict(
      `Rankings can change while a programme is enrolling or matching (it is ${programme.status}).`,
    );
  const me = actor.personId as string;
  if (input.mentorIds.includes(me)) throw fieldError('mentorIds', 'cannot include yourself');
  const enrolled = input.mentorIds.length
    ? await db
        .select({ personId: enrolments.personId })
        .from(enrolments)
        .where(
          and(
            eq(enrolments.programmeId, programmeId),
            eq(enrolments.status, 'active'),
            inArray(enrolments.role, ['mentor', 'both']),
            inArray(enrolments.personId, input.mentorIds),
          ),
        )
    : [];
  const known = new Set(enrolled.map((e) => e.personId));
  const problems = input.mentorIds.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `mentorIds.${i}`, message: 'is not a mentor in this programme' }],
  );
  if (problems.length) throw validationFailed('The ranking is not valid.', problems);
  return db.transaction(async (tx) => {
    const [current] = await tx
      .select()
      .from(mentorRankings)
      .where(and(eq(mentorRankings.programmeId, programmeId), eq(mentorRankings.menteeId, me)))
      .for('update');
    if (current && input.version !== undefined && current.version !== input.version)
      throw staleVersion('Your ranking');
    const [row] = current
      ? await tx
          .update(mentorRankings)
          .set({ mentorIds: input.mentorIds, version: current.version + 1, updatedAt: new Date() })
          .where(eq(mentorRankings.id, current.id))
          .returning()
      : await tx
          .insert(mentorRankings)
          .values({ orgId: actor.orgId, programmeId, menteeId: me, mentorIds: input.mentorIds })
          .returning();
    await writeAudit(tx, actor, actor.orgId, {
      action: 'match.ranking_set',
      entityType: 'programme',
      entityId: programmeId,
      details: { count: input.mentorIds.length },
    });
    return presentRanking(row as typeof mentorRankings.$inferSelect);
  });
}
