// Programme momentum for managers: meetings held against what the agreed cadence plans,
// cancellations and who made them, week by week, and the pairs that have gone quiet.
// State only, never content: no notes, feedback or reasons are read here.
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { requireProgramme } from '../programmes/programmes.js';

export const momentumQuery = z.object({
  weeks: z.coerce.number().int().min(4, 'must be at least 4').max(52, 'must be at most 52').default(12),
});

const cadenceDays: Record<string, number> = { weekly: 7, fortnightly: 14, monthly: 30 };
const day = 86_400_000;

const count = z.number();
const momentumWeekSchema = z.object({
  weekStart: z.string(),
  past: z.boolean(),
  pairs: count,
  planned: count,
  held: count,
  scheduled: count,
  cancelled: count,
  cancelledByMentor: count,
  cancelledByMentee: count,
});
export type MomentumWeek = z.infer<typeof momentumWeekSchema>;

/** A programme's momentum as it leaves the server. */
export const momentumSchema = z.object({
  programmeId: z.string(),
  cadence: z.string(),
  asOf: z.string(),
  pairs: z.object({
    proposed: count,
    active: count,
    paused: count,
    closed: count,
    declined: count,
    withdrawn: count,
  }),
  meetings: z.object({
    held: count,
    scheduled: count,
    cancelled: count,
    cancelledByMentor: count,
    cancelledByMentee: count,
    cancelledByOthers: count,
  }),
  plannedSoFar: count,
  weeks: z.array(momentumWeekSchema),
  quiet: z.object({
    afterDays: count,
    total: count,
    pairs: z.array(
      z.object({
        relationshipId: z.string(),
        mentorName: z.string(),
        menteeName: z.string(),
        lastMetAt: z.string().nullable(),
        quietDays: count,
      }),
    ),
  }),
});
export type Momentum = z.infer<typeof momentumSchema>;

/** Monday 00:00 UTC of the week containing `d`. */
export function weekStart(d: Date): Date {
  const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const dow = (x.getUTCDay() + 6) % 7;
  return new Date(x.getTime() - dow * day);
}

const iso = (d: Date) => d.toISOString().slice(0, 10);
const num = (v: unknown) => Number(v ?? 0);

export async function programmeMomentum(
  db: Db,
  actor: Actor,
  programmeId: string,
  query: z.infer<typeof momentumQuery>,
  now = new Date(),
) {
  assertRole(actor, 'org_admin', 'programme_manager');
  const programme = await requireProgramme(db, actor, programmeId);
  const every = cadenceDays[programme.meetingCadence] ?? 14;
  const quietDays = every * 2;
  const cutoff = new Date(now.getTime() - quietDays * day);
  // The last `weeks` weeks up to this one, and the next four (what is already in calendars).
  const thisWeek = weekStart(now);
  const from = new Date(thisWeek.getTime() - (query.weeks - 1) * 7 * day);
  const to = new Date(thisWeek.getTime() + 4 * 7 * day);

  const [pairRows, meetingRows, weekRows, pairWeeks, quietRows] = await Promise.all([
    db.execute(sql`
      select status, count(*)::int as n from relationships
      where org_id = ${actor.orgId} and programme_id = ${programmeId}
      group by status`),
    db.execute(sql`
      select m.status,
             count(*) filter (where m.cancelled_by = r.mentor_id)::int as by_mentor,
             count(*) filter (where m.cancelled_by = r.mentee_id)::int as by_mentee,
             count(*)::int as n
      from meetings m join relationships r on r.id = m.relationship_id
      where r.org_id = ${actor.orgId} and r.programme_id = ${programmeId}
      group by m.status`),
    db.execute(sql`
      select to_char(date_trunc('week', m.starts_at at time zone 'UTC'), 'YYYY-MM-DD') as week,
             count(*) filter (where m.status = 'held')::int as held,
             count(*) filter (where m.status = 'scheduled')::int as scheduled,
             count(*) filter (where m.status = 'cancelled')::int as cancelled,
             count(*) filter (where m.status = 'cancelled' and m.cancelled_by = r.mentor_id)::int as by_mentor,
             count(*) filter (where m.status = 'cancelled' and m.cancelled_by = r.mentee_id)::int as by_mentee
      from meetings m join relationships r on r.id = m.relationship_id
      where r.org_id = ${actor.orgId} and r.programme_id = ${programmeId}
        and m.starts_at >= ${from.toISOString()}::timestamptz and m.starts_at < ${new Date(to.getTime() + 7 * day).toISOString()}::timestamptz
      group by 1`),
    // Pairs under way in each week (accepted by its end, not closed before it began).
    db.execute(sql`
      select to_char(w, 'YYYY-MM-DD') as week,
             count(r.id) filter (
               where r.accepted_at < w + interval '7 days' and (r.closed_at is null or r.closed_at >= w)
             )::int as pairs
      from generate_series(${from.toISOString()}::timestamp, ${to.toISOString()}::timestamp, interval '7 days') as w
      left join relationships r
        on r.org_id = ${actor.orgId} and r.programme_id = ${programmeId} and r.accepted_at is not null
      group by w order by w`),
    // Active pairs with nothing held since the cutoff and nothing in the calendar.
    db.execute(sql`
      with pairs as (
        select r.id, r.accepted_at, mentor.name as mentor_name, mentee.name as mentee_name,
               max(m.starts_at) filter (where m.status = 'held') as last_met,
               coalesce(bool_or(m.status = 'scheduled' and m.starts_at >= ${now.toISOString()}::timestamptz), false) as upcoming
        from relationships r
        join people mentor on mentor.id = r.mentor_id
        join people mentee on mentee.id = r.mentee_id
        left join meetings m on m.relationship_id = r.id
        where r.org_id = ${actor.orgId} and r.programme_id = ${programmeId} and r.status = 'active'
          and r.accepted_at < ${cutoff.toISOString()}::timestamptz
        group by r.id, r.accepted_at, mentor.name, mentee.name
      )
      select id, mentor_name, mentee_name, last_met, accepted_at, count(*) over () ::int as total
      from pairs
      where coalesce(last_met, accepted_at) < ${cutoff.toISOString()}::timestamptz and not upcoming
      order by coalesce(last_met, accepted_at) asc, id
      limit 20`),
  ]);

  const pairs = { proposed: 0, active: 0, paused: 0, closed: 0, declined: 0, withdrawn: 0 };
  for (const r of rowsOf<{ status: string; n: number }>(pairRows)) {
    if (r.status in pairs) pairs[r.status as keyof typeof pairs] = num(r.n);
  }
  const meetings = {
    held: 0,
    scheduled: 0,
    cancelled: 0,
    cancelledByMentor: 0,
    cancelledByMentee: 0,
    cancelledByOthers: 0,
  };
  for (const r of rowsOf<{ status: string; n: number; by_mentor: number; by_mentee: number }>(meetingRows)) {
    if (r.status === 'held') meetings.held = num(r.n);
    if (r.status === 'scheduled') meetings.scheduled = num(r.n);
    if (r.status === 'cancelled') {
      meetings.cancelled = num(r.n);
      meetings.cancelledByMentor = num(r.by_mentor);
      meetings.cancelledByMentee = num(r.by_mentee);
      meetings.cancelledByOthers = num(r.n) - num(r.by_mentor) - num(r.by_mentee);
    }
  }
  const byWeek = new Map(
    rowsOf<{
      week: string;
      held: number;
      scheduled: number;
      cancelled: number;
      by_mentor: number;
      by_mentee: number;
    }>(weekRows).map((r) => [r.week, r]),
  );
  const perPairPerWeek = 7 / every;
  const weeks = rowsOf<{ week: string; pairs: number }>(pairWeeks).map((w) => {
    const m = byWeek.get(w.week);
    return {
      weekStart: w.week,
      past: w.week <= iso(thisWeek),
      pairs: num(w.pairs),
      planned: Math.round(num(w.pairs) * perPairPerWeek * 10) / 10,
      held: num(m?.held),
      scheduled: num(m?.scheduled),
      cancelled: num(m?.cancelled),
      cancelledByMentor: num(m?.by_mentor),
      cancelledByMentee: num(m?.by_mentee),
    };
  });
  const quiet = rowsOf<{
    id: string;
    mentor_name: string;
    mentee_name: string;
    last_met: string | Date | null;
    accepted_at: string | Date;
    total: number;
  }>(quietRows);
  const toIso = (v: string | Date | null) => (v === null ? null : new Date(v).toISOString());
  return {
    programmeId,
    cadence: programme.meetingCadence,
    asOf: now.toISOString(),
    pairs,
    meetings,
    plannedSoFar: Math.round(weeks.filter((w) => w.past).reduce((s, w) => s + w.planned, 0) * 10) / 10,
    weeks,
    quiet: {
      afterDays: quietDays,
      total: num(quiet[0]?.total),
      pairs: quiet.map((q) => {
        const since = new Date(q.last_met ?? q.accepted_at);
        return {
          relationshipId: q.id,
          mentorName: q.mentor_name,
          menteeName: q.mentee_name,
          lastMetAt: toIso(q.last_met),
          quietDays: Math.floor((now.getTime() - since.getTime()) / day),
        };
      }),
    },
  };
}
