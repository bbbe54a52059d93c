// Feedback after each meeting. Individual answers are read by their author only;
// managers and sponsors see aggregates that pass the disclosure rules (at least 5 distinct
// people, complementary suppression, published snapshots), and every read is audited.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import {
  closureReflections,
  meetingFeedback,
  meetings,
  organisations,
  people,
  relationships,
} from '../db/schema.js';
import { AppError, conflict, notFound } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { hiddenReasons, minimumPeople } from '../insights/disclosure.js';
import {
  activeSince,
  type FigureSource,
  lastCutoff,
  type PublishedCell,
  periodOf,
  readPublished,
  summedSource,
  sumsOf,
} from '../insights/published-figures.js';
import { requireProgramme } from '../programmes/programmes.js';
import { requireParty } from './access.js';

export const talkingShares = ['me', 'balanced', 'other'] as const;
export type Talking = (typeof talkingShares)[number];

export const feedbackSchema = z
  .object({
    value: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
    heard: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
    talking: z.enum(talkingShares),
    comment: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  })
  .strict();

export const feedbackResponseSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  value: z.number().int(),
  heard: z.number().int(),
  talking: z.enum(talkingShares),
  comment: z.string().nullable(),
  createdAt: z.string(),
});

/** A reported group: its figures, or why it is hidden (never how many are in it). */
export const reportedGroup = <F extends z.ZodRawShape>(figures: F) =>
  z.union([
    z.object({ suppressed: z.literal(false), reason: z.null(), people: z.number().int(), ...figures }),
    z.object({ suppressed: z.literal(true), reason: z.enum(hiddenReasons) }),
  ]);
const share = z.number();
const feedbackGroup = reportedGroup({
  answers: z.number().int(),
  meanValue: z.number(),
  meanHeard: z.number(),
  talking: z.object({ me: share, balanced: share, other: share }),
});
export const feedbackSummarySchema = z.object({
  programmeId: z.string(),
  minimumGroupSize: z.number().int(),
  /** When the figures' snapshot was taken; null before the first. */
  asOf: z.string().nullable(),
  waiting: z.boolean(),
  overall: feedbackGroup,
  fromMentors: feedbackGroup,
  fromMentees: feedbackGroup,
  /** Circles: answers of facilitators and of members; peers: answers of peers (pairs and trios). */
  fromFacilitators: feedbackGroup,
  fromMembers: feedbackGroup,
  fromPeers: feedbackGroup,
  byDepartment: z.array(z.intersection(z.object({ department: z.string().nullable() }), feedbackGroup)),
  closingReflections: reportedGroup({
    answers: z.number().int(),
    wouldDoAgain: z.object({ yes: share, maybe: share, no: share }),
    wouldSwapRoles: share,
  }),
});

type FeedbackRow = typeof meetingFeedback.$inferSelect;
const present = (f: FeedbackRow): z.infer<typeof feedbackResponseSchema> => ({
  id: f.id,
  meetingId: f.meetingId,
  value: f.value,
  heard: f.heard,
  talking: f.talking,
  comment: f.comment,
  createdAt: f.createdAt.toISOString(),
});

async function requireMeetingOfParty(db: Db, actor: Actor, meetingId: string) {
  const [m] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.orgId, actor.orgId)));
  if (!m) throw notFound('Meeting');
  const { rel, side } = await requireParty(db, actor, m.relationshipId);
  return { meeting: m, rel, side };
}

export async function giveFeedback(
  db: Db,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof feedbackSchema>,
) {
  const { meeting, rel, side } = await requireMeetingOfParty(db, actor, meetingId);
  const [author] = await db
    .select({ department: people.department })
    .from(people)
    .where(and(eq(people.id, actor.personId as string), eq(people.orgId, actor.orgId)));
  if (meeting.status !== 'held') {
    throw new AppError('conflict', 'Feedback is given after a meeting has been held.', {
      fields: [{ path: 'meeting.status', message: `is ${meeting.status}` }],
    });
  }
  const [row] = await db
    .insert(meetingFeedback)
    .values({
      orgId: rel.orgId,
      programmeId: rel.programmeId,
      meetingId,
      authorId: actor.personId as string,
      authorSide: side,
      authorDepartment: author?.department ?? null,
      value: input.value,
      heard: input.heard,
      talking: input.talking,
      comment: input.comment ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict('You have already given feedback on this meeting.');
  return present(row);
}

/** My own answer about a meeting; no one else's is ever returned. */
export async function getMyFeedback(db: Db, actor: Actor, meetingId: string) {
  await requireMeetingOfParty(db, actor, meetingId);
  const [row] = await db
    .select()
    .from(meetingFeedback)
    .where(
      and(eq(meetingFeedback.meetingId, meetingId), eq(meetingFeedback.authorId, actor.personId as string)),
    );
  if (!row) throw notFound('Your feedback on this meeting');
  return present(row);
}

/** One person's answers in one leaf (side and department) and one period. */
interface FeedbackRecord {
  person: string;
  side: string;
  /** '' when the author had no department. */
  department: string;
  n: number;
  value: number;
  heard: number;
  me: number;
  balanced: number;
  other: number;
}

/**
 * Meeting feedback overall, by side (mentor, mentee, facilitator, member or peer) and by
 * the author's department when answering.
 */
function feedbackSource(
  orgId: string,
  programmeId: string,
): FigureSource<FeedbackRecord, FeedbackFigures, Record<(typeof feedbackSums)[number], number>> {
  return summedSource({
    figure: 'feedback',
    spec: {
      person: (r) => r.person,
      dimensions: { side: (r) => r.side, department: (r) => r.department },
      breakdowns: [[], ['side'], ['department']],
    },
    load: async (db, cutoffs, options) => {
      const rows = rowsOf<FeedbackRecord & { period: number }>(
        await db.execute(sql`
          select ${periodOf(cutoffs, sql`created_at`)} as period, author_id as person, author_side as side,
                 coalesce(author_department, '') as department, count(*)::int as n,
                 sum(value)::int as value, sum(heard)::int as heard,
                 count(*) filter (where talking = 'me')::int as me,
                 count(*) filter (where talking = 'balanced')::int as balanced,
                 count(*) filter (where talking = 'other')::int as other
          from ${meetingFeedback}
          where org_id = ${orgId} and programme_id = ${programmeId}
            and created_at <= ${lastCutoff(cutoffs)}::timestamptz
            ${activeSince(
              sql`author_id`,
              sql`select author_id from ${meetingFeedback} where org_id = ${orgId} and programme_id = ${programmeId}`,
              cutoffs,
              options,
            )}
          group by 1, 2, 3, 4`),
      );
      return rows.map(({ period, ...record }) => ({ period: Number(period), record }));
    },
    totals: sumsOf(feedbackSums, (t) => {
      const share = (x: number) => Math.round((x / t.n) * 1000) / 1000;
      return {
        answers: t.n,
        meanValue: Math.round((t.value / t.n) * 100) / 100,
        meanHeard: Math.round((t.heard / t.n) * 100) / 100,
        talking: { me: share(t.me), balanced: share(t.balanced), other: share(t.other) },
      };
    }),
  });
}

const feedbackSums = ['n', 'value', 'heard', 'me', 'balanced', 'other'] as const;

interface FeedbackFigures {
  answers: number;
  meanValue: number;
  meanHeard: number;
  talking: { me: number; balanced: number; other: number };
}

interface ReflectionRecord {
  person: string;
  n: number;
  yes: number;
  maybe: number;
  no: number;
  swapYes: number;
}

interface ReflectionFigures {
  answers: number;
  wouldDoAgain: { yes: number; maybe: number; no: number };
  wouldSwapRoles: number;
}

const reflectionSums = ['n', 'yes', 'maybe', 'no', 'swapYes'] as const;

/** Closing reflections of the programme's relationships (one per person and relationship). */
function reflectionSource(
  orgId: string,
  programmeId: string,
): FigureSource<ReflectionRecord, ReflectionFigures, Record<(typeof reflectionSums)[number], number>> {
  const ofProgramme = sql`select id from ${relationships} where org_id = ${orgId} and programme_id = ${programmeId}`;
  return summedSource({
    figure: 'closing-reflections',
    spec: { person: (r) => r.person, dimensions: {}, breakdowns: [[]] },
    load: async (db, cutoffs, options) => {
      const rows = rowsOf<ReflectionRecord & { period: number }>(
        await db.execute(sql`
          select ${periodOf(cutoffs, sql`created_at`)} as period, author_id as person, count(*)::int as n,
                 count(*) filter (where would_do_again = 'yes')::int as yes,
                 count(*) filter (where would_do_again = 'maybe')::int as maybe,
                 count(*) filter (where would_do_again = 'no')::int as no,
                 count(*) filter (where would_swap_roles = 'yes')::int as "swapYes"
          from ${closureReflections}
          where org_id = ${orgId} and relationship_id in (${ofProgramme})
            and created_at <= ${lastCutoff(cutoffs)}::timestamptz
            ${activeSince(
              sql`author_id`,
              sql`select author_id from ${closureReflections} where org_id = ${orgId} and relationship_id in (${ofProgramme})`,
              cutoffs,
              options,
            )}
          group by 1, 2`),
      );
      return rows.map(({ period, ...record }) => ({ period: Number(period), record }));
    },
    totals: sumsOf(reflectionSums, (t) => {
      const share = (x: number) => Math.round((x / t.n) * 1000) / 1000;
      return {
        answers: t.n,
        wouldDoAgain: { yes: share(t.yes), maybe: share(t.maybe), no: share(t.no) },
        wouldSwapRoles: share(t.swapYes),
      };
    }),
  });
}

/** A reported group: its figures, or why it is hidden (never how many are in it). */
export function group<F>(c: PublishedCell<F>) {
  return c.shown
    ? { suppressed: false as const, reason: null, people: c.people, ...c.figures }
    : { suppressed: true as const, reason: c.reason };
}

/**
 * Programme-wide feedback aggregates: overall, by side and by department, and closing
 * reflections. Each figure comes from the latest published snapshot (decision 040): cells of
 * fewer than the minimum of distinct people are hidden, with enough others that no
 * subtraction gives them away, and a snapshot moves on only when no difference between
 * snapshots singles anyone out.
 */
export async function feedbackSummary(db: Db, actor: Actor, programmeId: string, now = new Date()) {
  assertRole(actor, 'org_admin', 'programme_manager', 'sponsor');
  await requireProgramme(db, actor, programmeId);
  const [org] = await db
    .select({ min: organisations.minReportGroupSize })
    .from(organisations)
    .where(eq(organisations.id, actor.orgId));
  const k = Math.max(minimumPeople, org?.min ?? minimumPeople);
  const scope = { orgId: actor.orgId, programmeId };
  const feedback = await readPublished(db, scope, feedbackSource(actor.orgId, programmeId), {
    minimumPeople: k,
    now,
  });
  const reflections = await readPublished(db, scope, reflectionSource(actor.orgId, programmeId), {
    minimumPeople: k,
    now,
  });
  await writeAudit(db, actor, actor.orgId, {
    action: 'feedback.aggregate_read',
    entityType: 'programme',
    entityId: programmeId,
    details: { asOf: feedback.asOf },
  });
  return {
    programmeId,
    minimumGroupSize: k,
    asOf: feedback.asOf,
    waiting: feedback.waiting || reflections.waiting,
    overall: group(feedback.cell({})),
    fromMentors: group(feedback.cell({ side: 'mentor' })),
    fromMentees: group(feedback.cell({ side: 'mentee' })),
    fromFacilitators: group(feedback.cell({ side: 'facilitator' })),
    fromMembers: group(feedback.cell({ side: 'member' })),
    fromPeers: group(feedback.cell({ side: 'peer' })),
    byDepartment: feedback
      .values('department')
      .map((d) => ({ department: d || null, ...group(feedback.cell({ department: d })) })),
    closingReflections: group(reflections.cell({})),
  };
}
