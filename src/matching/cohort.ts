import { z } from 'zod';
import { type ComponentName, componentNames, type MatchSettings, settingsInputSchema } from './settings.js';

// Settings live in settings.ts; these names are re-exported for the engine's own modules.
export {
  type ComponentName,
  componentNames,
  type MatchSettings,
  type MatchSettingsInput,
  settingsInputSchema,
} from './settings.js';

/** Hard rules, as named in explanations and rule counts. */
export const ruleNames = [
  'self',
  'reportingLine',
  'jobLevel',
  'language',
  'overlap',
  'forbidden',
  'pastPair',
  'department',
  'minScore',
] as const;
export type RuleName = (typeof ruleNames)[number];

export const programmeKindSchema = z.enum(['conventional', 'reverse', 'mutual']);
export type ProgrammeKind = z.infer<typeof programmeKindSchema>;

const id = z.string().min(1);

const slotSchema = z
  .object({
    /** 0 = Monday ... 6 = Sunday, in the person's own time zone. */
    day: z.int().min(0).max(6),
    startMinute: z.int().min(0).max(1440),
    endMinute: z.int().min(0).max(1440),
  })
  .refine((s) => s.endMinute > s.startMinute, { message: 'endMinute must be after startMinute' });

export const participantSchema = z.object({
  id,
  displayName: z.string().min(1),
  role: z.enum(['mentor', 'mentee', 'both']),
  department: z.string().optional(),
  /** Higher is more senior. */
  jobLevel: z.number().optional(),
  /** Ids of managers up the chain, nearest first; they may be outside the cohort. */
  reportingLine: z.array(id).default([]),
  /** ISO language codes. */
  languages: z.array(z.string().min(1)).default([]),
  /** IANA time zone name, e.g. "Europe/Madrid". */
  timeZone: z.string().optional(),
  /** Overrides the offset looked up for timeZone. */
  utcOffsetMinutes: z
    .int()
    .min(-14 * 60)
    .max(14 * 60)
    .optional(),
  /** Weekly availability; without it, working hours 09:00-17:00 Monday to Friday are assumed. */
  availability: z.array(slotSchema).optional(),
  /** A generation band label ("Gen Z", "Gen X", ...); derived from birthYear when absent. */
  generation: z.string().optional(),
  birthYear: z.int().min(1900).max(2100).optional(),
  careerStage: z.string().optional(),
  offers: z.array(z.object({ topicId: id, proficiency: z.int().min(1).max(5) })).default([]),
  /** Priority 1 is the most important. */
  seeks: z.array(z.object({ topicId: id, priority: z.int().min(1).max(5).default(1) })).default([]),
  goals: z.string().default(''),
  /** Mentees a mentor can take; ignored for mentees. */
  capacity: z.int().min(0).default(1),
  /** Ranked ids of preferred partners (a mentee's ranking of mentors), best first. */
  preferences: z.array(id).default([]),
});
export type ParticipantInput = z.input<typeof participantSchema>;
export type Participant = z.output<typeof participantSchema>;

const pairSchema = z.object({ mentorId: id, menteeId: id });
export type PairRef = z.infer<typeof pairSchema>;

export const cohortSchema = z
  .object({
    programme: z.object({
      id: z.string().optional(),
      name: z.string().optional(),
      kind: programmeKindSchema,
    }),
    /** Settings stored with the programme; the settings argument of matchCohort wins over them. */
    settings: settingsInputSchema.optional(),
    /** Date used to look up time zone offsets (daylight saving), YYYY-MM-DD; default 2026-01-15. */
    referenceDate: z.iso.date().optional(),
    topics: z.array(z.object({ id, name: z.string().min(1) })).default([]),
    participants: z.array(participantSchema),
    lockedPairs: z.array(pairSchema).default([]),
    forbiddenPairs: z.array(pairSchema).default([]),
    pastPairs: z.array(pairSchema).default([]),
  })
  .superRefine((c, ctx) => {
    const seen = new Set<string>();
    c.participants.forEach((p, i) => {
      if (seen.has(p.id))
        ctx.addIssue({
          code: 'custom',
          path: ['participants', i, 'id'],
          message: `person id "${p.id}" repeats`,
        });
      seen.add(p.id);
    });
    const topics = new Set<string>();
    c.topics.forEach((t, i) => {
      if (topics.has(t.id))
        ctx.addIssue({ code: 'custom', path: ['topics', i, 'id'], message: `topic id "${t.id}" repeats` });
      topics.add(t.id);
    });
    const checkPairs = (key: 'lockedPairs' | 'forbiddenPairs') =>
      c[key].forEach((p, i) => {
        for (const side of ['mentorId', 'menteeId'] as const)
          if (!seen.has(p[side]))
            ctx.addIssue({
              code: 'custom',
              path: [key, i, side],
              message: `"${p[side]}" is not a participant of this cohort`,
            });
      });
    checkPairs('lockedPairs');
    checkPairs('forbiddenPairs');
  });
export type CohortInput = z.input<typeof cohortSchema>;
export type Cohort = z.output<typeof cohortSchema>;

const count = z.number().int();
export const scoreComponentsSchema = z.object(
  Object.fromEntries(componentNames.map((c) => [c, z.number().nullable()])) as Record<
    ComponentName,
    z.ZodNullable<z.ZodNumber>
  >,
);

/** A matched pair with its score, components and reasons in plain language. */
export const matchedPairSchema = z.object({
  mentorId: z.string(),
  menteeId: z.string(),
  mentorName: z.string(),
  menteeName: z.string(),
  score: z.number(),
  /** Each component in [0, 1]; null where it does not apply to this pair. */
  components: scoreComponentsSchema,
  locked: z.boolean(),
  reasons: z.array(z.string()),
});
export type MatchedPair = z.infer<typeof matchedPairSchema>;

export const unmatchedPersonSchema = z.object({
  participantId: z.string(),
  displayName: z.string(),
  side: z.enum(['mentee', 'mentor']),
  reason: z.enum(['no_candidate', 'capacity', 'left_out', 'not_needed']),
  message: z.string(),
  /** Mentors (or mentees) failing each rule; one can fail several. */
  ruleCounts: z.partialRecord(z.enum(ruleNames), count).optional(),
  /** For capacity: the best candidates, and who took their places. */
  bestCandidates: z
    .array(
      z.object({ id: z.string(), displayName: z.string(), score: z.number(), takenBy: z.array(z.string()) }),
    )
    .optional(),
});
export type UnmatchedPerson = z.infer<typeof unmatchedPersonSchema>;

const groupCounts = z.record(z.string(), z.object({ mentees: count, matched: count }));
export const matchSummarySchema = z.object({
  mentees: count,
  mentors: count,
  matched: count,
  unmatchedMentees: count,
  totalScore: z.number(),
  meanScore: z.number(),
  lowestScore: z.number(),
  topicCoverage: z.object({ sought: count, covered: count, ratio: z.number() }),
  pairsAcrossDepartments: count,
  pairsAcrossGenerations: count,
  departments: groupCounts,
  generations: groupCounts,
  /** Pairs who both prefer each other to what they got; null when no one gave rankings. */
  blockingPairs: count.nullable(),
  candidateArcs: count,
  /** True when every allowed pair was considered; false when the sparse candidate graph was used. */
  exhaustive: z.boolean(),
});
export type MatchSummary = z.infer<typeof matchSummarySchema>;

export interface MatchResult {
  programmeKind: ProgrammeKind;
  /** Milliseconds per phase of this run (the only part of a result that varies between runs). */
  timingsMs: {
    compile: number;
    candidates: number;
    solve: number;
    widen: number;
    explain: number;
    total: number;
  };
  objective: MatchSettings['objective'];
  pairs: MatchedPair[];
  unmatched: UnmatchedPerson[];
  summary: MatchSummary;
  settings: MatchSettings;
}
