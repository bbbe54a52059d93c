// Response shapes of the outcome reports (retention, promotions, skills, learning, quality): OpenAPI documents
// them, and serialising through them keeps anything unlisted on the server.
import { z } from 'zod';
import { hiddenReasons } from './disclosure.js';

const num = z.number();
const maybe = z.number().nullable();

const hiddenReason = z.enum(hiddenReasons);

/** A reported group or breakdown row: its figures, or why it is hidden (never how many are in it). */
const reported = <F extends z.ZodRawShape, D extends z.ZodRawShape>(figures: F, dimensions: D) =>
  z.union([
    z.object({ shown: z.literal(true), people: num, ...figures, ...dimensions }),
    z.object({ shown: z.literal(false), reason: hiddenReason, ...dimensions }),
  ]);

/** What every report read from published snapshots carries: its scope, snapshot, method and caveats. */
const publishedBase = {
  programmeId: z.string(),
  minimumGroupSize: num,
  asOf: z.string().nullable(),
  waiting: z.boolean(),
  method: z.string(),
  caveat: z.string(),
  hiddenNote: z.string(),
};

const hazardRatioSchema = z.object({
  n: num,
  events: num,
  estimate: maybe,
  lower: maybe,
  upper: maybe,
  p: maybe,
  level: z.literal(0.95),
  method: z.string(),
  caveat: z.string(),
  /** The plain reading every output shows. */
  reading: z.string(),
});

const pointSchema = z.object({ day: num, survival: num, lower: maybe, upper: maybe });
const curveSchema = z.object({ n: num, events: maybe, points: z.array(pointSchema) });
const countSchema = z.object({ total: num, matched: num });

const followUpBase = z.object({
  programmeId: z.string(),
  minimumGroupSize: num,
  origin: z.string(),
  asOf: z.string(),
  side: z.enum(['all', 'mentor', 'mentee']),
  method: z.string(),
  caveat: z.string(),
});

/** Retention and promotions: participants against matched colleagues, or why it is not shown. */
export const followUpReportSchema = z.union([
  followUpBase.extend({
    shown: z.literal(true),
    n: num,
    matching: z.object({
      method: z.string(),
      strata: num,
      participants: countSchema,
      others: countSchema,
      balance: z.array(z.object({ variable: z.string(), before: maybe, after: maybe })),
      caveat: z.string(),
    }),
    curves: z.object({
      method: z.string(),
      caveat: z.string(),
      participants: curveSchema,
      others: curveSchema,
    }),
    logRank: z.object({
      n: num,
      chiSquare: maybe,
      df: num,
      p: maybe,
      method: z.string(),
      caveat: z.string(),
    }),
    hazardRatio: hazardRatioSchema,
    unadjusted: hazardRatioSchema,
  }),
  followUpBase.extend({
    shown: z.literal(false),
    reason: z.enum(['too_few_people', 'not_started']),
    note: z.string().optional(),
  }),
]);

const skillsFigures = {
  pairs: num,
  before: maybe,
  after: maybe,
  uplift: maybe,
  lower: maybe,
  upper: maybe,
  p: maybe,
};
const skillsDimensions = {
  side: z.string().nullable().optional(),
  topic: z.string().nullable().optional(),
  category: z.string().nullable().optional(),
};
const skillsCell = reported(skillsFigures, {});
const skillsRow = reported(skillsFigures, skillsDimensions);
const stageSchema = z.object({
  overall: skillsCell,
  bySide: z.array(skillsRow),
  byCategory: z.array(skillsRow),
  byTopic: z.array(skillsRow),
});

export const skillsReportSchema = z.object({
  ...publishedBase,
  kind: z.string(),
  level: z.literal(0.95),
  headline: z.union([
    z.object({
      shown: z.literal(true),
      stage: z.string(),
      who: z.string(),
      people: num,
      ...skillsFigures,
      reading: z.string(),
    }),
    z.object({ shown: z.literal(false), stage: z.string(), who: z.string(), reason: hiddenReason }),
  ]),
  midpoint: stageSchema,
  closing: stageSchema,
});

const entries = { entries: num };
const learningCell = reported(entries, {});
// A breakdown row names its value (null for "none"); typed optional because the rows are built
// with a computed key.
const dimension = z.string().nullable().optional();
const learningRow = z.array(
  reported(entries, { direction: dimension, topic: dimension, department: dimension }),
);

export const learningReportSchema = z.object({
  ...publishedBase,
  kind: z.string(),
  total: learningCell,
  byDirection: learningRow,
  byTopic: learningRow,
  byDepartment: learningRow,
  /** What the more senior partner learned. */
  upward: z.object({
    caveat: z.string(),
    byTopic: learningRow,
    byDepartment: learningRow,
  }),
  /** Mutual programmes only: how evenly both directions learned. */
  reciprocity: z
    .union([
      z.object({
        shown: z.literal(true),
        method: z.string(),
        caveat: z.string(),
        level: z.literal(0.95),
        asOf: z.string().nullable(),
        n: num,
        estimate: maybe,
        lower: maybe,
        upper: maybe,
        firstShare: maybe,
      }),
      z.object({ shown: z.literal(false), method: z.string(), caveat: z.string(), reason: hiddenReason }),
    ])
    .nullable(),
});

const meanWithInterval = z.object({ mean: num, lower: maybe, upper: maybe });
const qualityFigures = { answers: num, value: meanWithInterval, heard: meanWithInterval, balancedShare: num };

export const qualityReportSchema = z.object({
  ...publishedBase,
  overall: reported(qualityFigures, {}),
  bySide: z.array(reported(qualityFigures, { side: dimension })),
  byMonth: z.array(reported(qualityFigures, { month: dimension })),
  /** Meetings held against the agreed cadence; read by managers only. */
  momentum: z.union([
    z.object({
      shown: z.literal(true),
      n: num,
      held: num,
      cancelled: num,
      scheduled: num,
      heldPerRelationship: maybe,
      method: z.string(),
      caveat: z.string(),
    }),
    z.object({ shown: z.literal(false), reason: z.enum(['managers_only', 'too_few_people']) }),
  ]),
});
