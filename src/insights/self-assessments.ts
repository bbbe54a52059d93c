// Skills self-assessments: each participant rates themself (1-5 on anchored descriptions) in
// every topic they seek, at enrolment, at the midpoint and at closing, so the skills report
// can pair before and after. Whoever seeks a topic rates it: in conventional programmes that
// is the mentees, in reverse and two-way programmes both sides, because both learn. An answer is given once per phase and
// read back only by its author; everyone else sees aggregates (skills report, decision 040).
import { and, eq, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { enrolments, programmeTopics, relationships, skillAssessments, topics } from '../db/schema.js';
import { conflict, fieldError, notFound, validationFailed } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { requireProgramme } from '../programmes/programmes.js';

export const phases = ['enrolment', 'midpoint', 'closing'] as const;
export type Phase = (typeof phases)[number];

/** What each rating means, the same words for every topic, so ratings compare across time. */
export const ratingAnchors = [
  { rating: 1, label: 'New to it', description: 'I have not really tried it yet.' },
  { rating: 2, label: 'Aware', description: 'I know what it is and have tried it with help.' },
  { rating: 3, label: 'Working', description: 'I use it on my own for routine work.' },
  { rating: 4, label: 'Confident', description: 'I use it well and can help colleagues with it.' },
  { rating: 5, label: 'Expert', description: 'I could teach it and shape how we use it here.' },
] as const;

export const selfAssessmentInput = z
  .object({
    phase: z.enum(phases, { error: 'must be enrolment, midpoint or closing' }),
    ratings: z
      .array(
        z
          .object({
            topicId: z.string().uuid('must be a topic id'),
            rating: z
              .number({ error: 'must be a whole number from 1 to 5' })
              .int('must be a whole number from 1 to 5')
              .min(1, 'must be a whole number from 1 to 5')
              .max(5, 'must be a whole number from 1 to 5'),
          })
          .strict(),
      )
      .min(1, 'must rate at least one topic')
      .max(50, 'must rate at most 50 topics'),
  })
  .strict();

const phaseSchema = z.object({
  phase: z.enum(phases),
  open: z.boolean(),
  /** When it opens or why it is closed, in words. */
  note: z.string(),
  answers: z.array(z.object({ topicId: z.string(), rating: z.number().int() })),
});

export const selfAssessmentSchema = z.object({
  programmeId: z.string(),
  anchors: z.array(z.object({ rating: z.number().int(), label: z.string(), description: z.string() })),
  topics: z.array(z.object({ topicId: z.string(), name: z.string(), category: z.string() })),
  phases: z.array(phaseSchema),
});
export type SelfAssessment = z.infer<typeof selfAssessmentSchema>;

const DAY = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * When each phase takes answers: enrolment up to the midpoint; the midpoint from two weeks
 * before it to the programme's end; closing from two weeks before the end, or once the
 * person's relationship in the programme has closed.
 */
export function phaseWindows(
  programme: { cohortStart: string; cohortEnd: string },
  today: string,
  relationshipClosed: boolean,
): Record<Phase, { open: boolean; note: string }> {
  const start = dayOf(programme.cohortStart);
  const end = dayOf(programme.cohortEnd);
  const mid = start + Math.round((end - start) / DAY / 2) * DAY;
  const t = dayOf(today);
  const window = (from: number, to: number, early = false) =>
    early || (t >= from && t <= to)
      ? { open: true, note: Number.isFinite(to) ? `Open until ${iso(to)}.` : 'Open.' }
      : t < from
        ? { open: false, note: `Opens on ${iso(from)}.` }
        : { open: false, note: `Closed on ${iso(to)}.` };
  return {
    enrolment: window(Number.NEGATIVE_INFINITY, mid),
    midpoint: window(mid - 14 * DAY, end),
    closing: window(end - 14 * DAY, Number.POSITIVE_INFINITY, relationshipClosed),
  };
}

/** The enrolment of the actor in the programme and the topics they rate, or 403. */
async function requireAssessor(db: Db, actor: Actor, programmeId: string) {
  const programme = await requireProgramme(db, actor, programmeId);
  // Someone not enrolled has no form: "not found" stands in for "not yours".
  if (!actor.personId) throw notFound('Your enrolment in this programme');
  const [enrolment] = await db
    .select()
    .from(enrolments)
    .where(
      and(
        eq(enrolments.programmeId, programme.id),
        eq(enrolments.personId, actor.personId),
        eq(enrolments.orgId, actor.orgId),
        eq(enrolments.status, 'active'),
      ),
    );
  if (!enrolment) throw notFound('Your enrolment in this programme');
  const sought = new Set(((enrolment.seeks ?? []) as { topicId: string }[]).map((s) => s.topicId));
  const rows = await db
    .select({ topicId: topics.id, name: topics.name, category: topics.category })
    .from(programmeTopics)
    .innerJoin(topics, eq(topics.id, programmeTopics.topicId))
    .where(eq(programmeTopics.programmeId, programme.id));
  const rated = rows.filter((t) => sought.has(t.topicId)).sort((a, b) => a.name.localeCompare(b.name));
  const [closed] = await db
    .select({ id: relationships.id })
    .from(relationships)
    .where(
      and(
        eq(relationships.programmeId, programme.id),
        eq(relationships.status, 'closed'),
        or(eq(relationships.mentorId, actor.personId), eq(relationships.menteeId, actor.personId)),
      ),
    )
    .limit(1);
  return { programme, personId: actor.personId, topics: rated, relationshipClosed: !!closed };
}

/** The actor's own form: the anchors, their topics, and each phase with their answers. */
export async function readSelfAssessment(
  db: Db,
  actor: Actor,
  programmeId: string,
  now = new Date(),
): Promise<SelfAssessment> {
  const a = await requireAssessor(db, actor, programmeId);
  const answers = await db
    .select({
      phase: skillAssessments.phase,
      topicId: skillAssessments.topicId,
      rating: skillAssessments.rating,
    })
    .from(skillAssessments)
    .where(
      and(
        eq(skillAssessments.orgId, actor.orgId),
        eq(skillAssessments.programmeId, a.programme.id),
        eq(skillAssessments.personId, a.personId),
      ),
    );
  const windows = phaseWindows(a.programme, iso(now.getTime()), a.relationshipClosed);
  return {
    programmeId: a.programme.id,
    anchors: ratingAnchors.map((x) => ({ ...x })),
    topics: a.topics,
    phases: phases.map((phase) => {
      const given = answers
        .filter((x) => x.phase === phase)
        .map(({ topicId, rating }) => ({ topicId, rating }));
      return { phase, ...windows[phase], answers: given };
    }),
  };
}

/**
 * Records the actor's ratings for one phase, all or nothing: every topic must be one they seek,
 * once each, the phase must be open, and a phase is answered once (a second answer is a 409,
 * so a published before-and-after never changes under a reader).
 */
export async function submitSelfAssessment(
  db: Db,
  actor: Actor,
  programmeId: string,
  input: z.infer<typeof selfAssessmentInput>,
  now = new Date(),
): Promise<SelfAssessment> {
  const a = await requireAssessor(db, actor, programmeId);
  const mine = new Set(a.topics.map((t) => t.topicId));
  const seen = new Set<string>();
  const problems = input.ratings.flatMap((r, i) => {
    const path = `ratings.${i}.topicId`;
    if (!mine.has(r.topicId)) return [{ path, message: 'is not a topic you seek in this programme' }];
    if (seen.has(r.topicId)) return [{ path, message: 'is rated twice' }];
    seen.add(r.topicId);
    return [];
  });
  if (problems.length) throw validationFailed('Some ratings cannot be recorded.', problems);
  const window = phaseWindows(a.programme, iso(now.getTime()), a.relationshipClosed)[input.phase];
  if (!window.open) throw fieldError('phase', `is not open: ${window.note}`);
  await db.transaction(async (tx) => {
    const written = await tx
      .insert(skillAssessments)
      .values(
        input.ratings.map((r) => ({
          orgId: actor.orgId,
          programmeId: a.programme.id,
          personId: a.personId,
          topicId: r.topicId,
          phase: input.phase,
          rating: r.rating,
        })),
      )
      .onConflictDoNothing()
      .returning({ id: skillAssessments.id });
    if (written.length !== input.ratings.length)
      throw conflict(
        `You have already rated some of these topics at ${input.phase}; answers are kept as given.`,
      );
  });
  return readSelfAssessment(db, actor, programmeId, now);
}
