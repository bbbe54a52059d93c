// Feedback after each meeting. Individual answers are read by their author only;
// managers and sponsors see aggregates over groups of at least 5 answers, and
// every read of an aggregate is written to the audit log.
import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { closureReflections, meetingFeedback, meetings, organisations, relationships } from '../db/schema.js';
import { AppError, conflict, notFound } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { requireProgramme } from '../programmes/programmes.js';
import { requireParty } from './access.js';

export const feedbackSchema = z
  .object({
    value: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
    heard: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
    talking: z.enum(['me', 'balanced', 'other']),
    comment: z.string().trim().max(2000, 'must be at most 2000 characters').optional(),
  })
  .strict();

/** No aggregate ever describes fewer answers than this (the organisation may ask for more). */
export const minimumGroup = 5;

type FeedbackRow = typeof meetingFeedback.$inferSelect;
const present = (f: FeedbackRow) => ({
  id: f.id,
  meetingId: f.meetingId,
  value: f.value,
  heard: f.heard,
  talking: f.talking as 'me' | 'balanced' | 'other',
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

interface Group {
  n: number;
  value: number;
  heard: number;
  me: number;
  balanced: number;
  other: number;
}

function aggregate(g: Group | undefined, threshold: number) {
  if (!g || g.n < threshold)
    return { suppressed: true as const, answers: null, meanValue: null, meanHeard: null, talking: null };
  const share = (x: number) => Math.round((x / g.n) * 1000) / 1000;
  return {
    suppressed: false as const,
    answers: g.n,
    meanValue: Math.round(g.value * 100) / 100,
    meanHeard: Math.round(g.heard * 100) / 100,
    talking: { me: share(g.me), balanced: share(g.balanced), other: share(g.other) },
  };
}

/** Programme-wide feedback aggregates (overall and by side), each shown only over enough answers. */
export async function feedbackSummary(db: Db, actor: Actor, programmeId: string) {
  assertRole(actor, 'org_admin', 'programme_manager', 'sponsor');
  // Sponsors read outcome reports for programmes that are under way; drafts stay hidden from them.
  await requireProgramme(db, actor, programmeId);
  const [org] = await db
    .select({ min: organisations.minReportGroupSize })
    .from(organisations)
    .where(eq(organisations.id, actor.orgId));
  const threshold = Math.max(minimumGroup, org?.min ?? minimumGroup);
  const rows = rowsOf<{
    side: string | null;
    n: number;
    value: number;
    heard: number;
    me: number;
    balanced: number;
    other: number;
  }>(
    await db.execute(sql`
      select author_side as side, count(*)::int as n, avg(value)::float8 as value, avg(heard)::float8 as heard,
             count(*) filter (where talking = 'me')::int as me,
             count(*) filter (where talking = 'balanced')::int as balanced,
             count(*) filter (where talking = 'other')::int as other
      from ${meetingFeedback}
      where org_id = ${actor.orgId} and programme_id = ${programmeId}
      group by rollup(author_side)`),
  );
  const overall = rows.find((r) => r.side === null);
  const bySide = (s: string) => rows.find((r) => r.side === s);
  const reflections = rowsOf<{ n: number; yes: number; maybe: number; no: number; swap_yes: number }>(
    await db.execute(sql`
      select count(*)::int as n,
             count(*) filter (where ${closureReflections.wouldDoAgain} = 'yes')::int as yes,
             count(*) filter (where ${closureReflections.wouldDoAgain} = 'maybe')::int as maybe,
             count(*) filter (where ${closureReflections.wouldDoAgain} = 'no')::int as no,
             count(*) filter (where ${closureReflections.wouldSwapRoles} = 'yes')::int as swap_yes
      from ${closureReflections} join ${relationships} on ${relationships.id} = ${closureReflections.relationshipId}
      where ${closureReflections.orgId} = ${actor.orgId} and ${relationships.programmeId} = ${programmeId}`),
  )[0];
  await writeAudit(db, actor, actor.orgId, {
    action: 'feedback.aggregate_read',
    entityType: 'programme',
    entityId: programmeId,
    details: { groups: rows.length },
  });
  const r = reflections && reflections.n >= threshold ? reflections : null;
  return {
    programmeId,
    minimumGroupSize: threshold,
    overall: aggregate(overall, threshold),
    fromMentors: aggregate(bySide('mentor'), threshold),
    fromMentees: aggregate(bySide('mentee'), threshold),
    closingReflections: r
      ? {
          suppressed: false as const,
          answers: r.n,
          wouldDoAgain: { yes: r.yes / r.n, maybe: r.maybe / r.n, no: r.no / r.n },
          wouldSwapRoles: r.swap_yes / r.n,
        }
      : { suppressed: true as const, answers: null, wouldDoAgain: null, wouldSwapRoles: null },
  };
}
