// Quiet pairs: an active pair with nothing held for 1.5 times its cadence and nothing in the
// calendar gets a nudge with a one-click link to schedule; at 3 times the cadence it is on
// its managers' list (state only: who, since when; never notes, feedback or reasons).
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { requireProgramme } from '../programmes/programmes.js';
import { alreadySent, type DueItem, days, type Found, type SweepContext, toDate } from './due.js';

export const nudgeAfterCadences = 1.5;
export const managerAfterCadences = 3;
/** Most pairs the managers' list shows. */
const managerListLimit = 200;

/** The cadence in days; the agreement's if the pair signed one, else the programme's. */
const cadenceDays = sql`(case coalesce(a.cadence, p.meeting_cadence) when 'weekly' then 7 when 'monthly' then 30 else 14 end)`;

interface QuietRow {
  id: string;
  org_id: string;
  programme_id: string;
  programme: string;
  mentor_id: string;
  mentee_id: string;
  mentor: string;
  mentee: string;
  every: number;
  since: Date | string;
  last_met: Date | string | null;
  /** Quiet for the managers' list too (three times the cadence). */
  on_list: boolean;
}

/** Active pairs quiet for at least `cadences` times their cadence at `now`, oldest silence first. */
function quietQuery(
  now: Date,
  cadences: number,
  only: { orgId?: string; notNudged?: boolean },
  limit?: number,
) {
  const at = `${now.toISOString()}`;
  const since = sql`greatest(q.accepted_at, q.last_met)`;
  const sinceKey = sql`q.id || '@' || to_char(${since} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`;
  return sql`
    with pairs as (
      select r.id, r.org_id, r.programme_id, p.name as programme, r.mentor_id, r.mentee_id, ${cadenceDays} as every,
             r.last_held_at as last_met,
             r.accepted_at
      from relationships r
      join programmes p on p.id = r.programme_id
      left join agreements a on a.relationship_id = r.id
      where r.status = 'active' and r.accepted_at is not null
        and r.accepted_at <= ${at}::timestamptz - interval '1 day' * 7 * ${cadences}
        ${only.orgId ? sql`and r.org_id = ${only.orgId}` : sql``}
    )
    select q.id, q.org_id, q.programme_id, q.programme, q.mentor_id, q.mentee_id, q.every, q.last_met,
           ${since} as since, mentor.name as mentor, mentee.name as mentee,
           ${since} <= ${at}::timestamptz - interval '1 day' * q.every * ${managerAfterCadences} as on_list
    from pairs q
    join people mentor on mentor.id = q.mentor_id
    join people mentee on mentee.id = q.mentee_id
    where ${since} <= ${at}::timestamptz - interval '1 day' * q.every * ${cadences}
      and not exists (
        select 1 from meetings m
        where m.relationship_id = q.id and m.status = 'scheduled' and m.starts_at >= ${at}::timestamptz)
      ${only.notNudged ? sql`and not ${alreadySent(sql`q.org_id`, 'quiet.nudge', sinceKey)}` : sql``}
    order by since, q.id
    ${limit === undefined ? sql`` : sql`limit ${limit}`}`;
}

const isoSecond = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

export async function findQuietPairs(db: Queryable, ctx: SweepContext): Promise<Found> {
  // The nudge is keyed by the start of the silence: a pair that meets and goes quiet again is nudged again.
  const rows = rowsOf<QuietRow>(
    await db.execute(quietQuery(ctx.now, nudgeAfterCadences, { notNudged: true }, ctx.limit)),
  );
  const items: DueItem[] = rows.map((q) => {
    const since = toDate(q.since);
    const quietDays = Math.floor((ctx.now.getTime() - since.getTime()) / days(1));
    return {
      orgId: q.org_id,
      kind: 'quiet.nudge',
      key: `${q.id}@${isoSecond(since)}`,
      emails: [
        [q.mentor_id, q.mentee],
        [q.mentee_id, q.mentor],
      ].map(([recipientId, partner]) => ({
        kind: 'relationship.nudge' as const,
        recipientId: recipientId as string,
        data: { relationshipId: q.id, programmeName: q.programme, partnerName: partner as string, quietDays },
      })),
    };
  });
  return { items, more: rows.length >= ctx.limit };
}

export interface QuietPair {
  relationshipId: string;
  programmeId: string;
  mentorName: string;
  menteeName: string;
  lastMetAt: string | null;
  quietDays: number;
}

const managerListed = (q: QuietRow, now: Date): QuietPair => ({
  relationshipId: q.id,
  programmeId: q.programme_id,
  mentorName: q.mentor,
  menteeName: q.mentee,
  lastMetAt: q.last_met === null ? null : toDate(q.last_met).toISOString(),
  quietDays: Math.floor((now.getTime() - toDate(q.since).getTime()) / days(1)),
});

/** The managers' list: an organisation's pairs quiet for three times their cadence or more. */
export async function pairsForManagers(
  db: Queryable,
  orgId: string,
  now: Date,
  limit = managerListLimit,
): Promise<QuietPair[]> {
  const rows = rowsOf<QuietRow>(await db.execute(quietQuery(now, managerAfterCadences, { orgId }, limit)));
  return rows.map((q) => managerListed(q, now));
}

/**
 * Both figures of the weekly digest from one query: how many of each programme's pairs are
 * quiet (1.5 times their cadence), and the managers' list (three times) as pairsForManagers has it.
 */
export async function quietForDigest(
  db: Queryable,
  orgId: string,
  now: Date,
): Promise<{ quietByProgramme: Map<string, number>; forManagers: QuietPair[] }> {
  const rows = rowsOf<QuietRow>(await db.execute(quietQuery(now, nudgeAfterCadences, { orgId })));
  const quietByProgramme = new Map<string, number>();
  for (const q of rows) quietByProgramme.set(q.programme_id, (quietByProgramme.get(q.programme_id) ?? 0) + 1);
  const forManagers = rows
    .filter((q) => q.on_list)
    .slice(0, managerListLimit)
    .map((q) => managerListed(q, now));
  return { quietByProgramme, forManagers };
}

/** A programme's pairs on the managers' list, for its managers: names and dates, never content. */
export async function programmeQuietPairs(
  db: Queryable,
  actor: Actor,
  programmeId: string,
  now = new Date(),
) {
  assertRole(actor, 'org_admin', 'programme_manager');
  const programme = await requireProgramme(db, actor, programmeId);
  const pairs = await pairsForManagers(db, actor.orgId, now);
  return {
    afterCadences: managerAfterCadences,
    pairs: pairs.filter((p) => p.programmeId === programme.id).map(({ programmeId: _, ...p }) => p),
  };
}
