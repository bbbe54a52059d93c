// The weekly digest for programme managers, on Monday from 08:00 in each manager's own time
// zone: per active programme, new pairs, pending accepts, quiet pairs (and those quiet for
// three times the cadence, by name), meetings held, and upcoming closes. Counts and state only.

import { and, eq, inArray, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { accounts, engagementSent, organisations, people } from '../db/schema.js';
import { type DueItem, days, type Found, type SweepContext } from './due.js';
import { quietForDigest } from './quiet-pairs.js';

export const digestHour = 8;
/** Programmes whose cohort ends within this many days are listed as closing. */
export const closesWithinDays = 30;

interface Manager {
  accountId: string;
  orgId: string;
  personId: string;
  timeZone: string;
  organisation: string;
}

/** The ISO week a manager is in at `now`, once their Monday 08:00 has passed (else null). */
export function digestWeek(now: Date, timeZone: string): { week: string; weekOf: string } | null {
  let local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) local = DateTime.fromJSDate(now, { zone: 'UTC' });
  const monday = local.startOf('week');
  if (local < monday.plus({ hours: digestHour })) return null;
  return { week: local.toFormat("kkkk-'W'WW"), weekOf: monday.toFormat('d LLLL yyyy') };
}

interface ProgrammeWeek {
  id: string;
  name: string;
  cohort_end: string;
  new_pairs: number;
  pending: number;
  held: number;
}

/** One line per active programme of the organisation, for the week up to `now`. */
export async function digestLines(db: Queryable, orgId: string, now: Date): Promise<string[]> {
  const at = now.toISOString();
  const rows = rowsOf<ProgrammeWeek>(
    await db.execute(sql`
      select p.id, p.name, to_char(p.cohort_end, 'YYYY-MM-DD') as cohort_end,
        (select count(*) from relationships r where r.programme_id = p.id
           and r.accepted_at > ${at}::timestamptz - interval '7 days' and r.accepted_at <= ${at}::timestamptz)::int as new_pairs,
        (select count(*) from relationships r where r.programme_id = p.id and r.status = 'proposed')::int as pending,
        (select count(*) from meetings m join relationships r on r.id = m.relationship_id
           where r.programme_id = p.id and m.status = 'held'
             and m.starts_at > ${at}::timestamptz - interval '7 days' and m.starts_at <= ${at}::timestamptz)::int as held
      from programmes p
      where p.org_id = ${orgId} and p.status = 'active'
      order by p.name, p.id`),
  );
  const { quietByProgramme, forManagers } = await quietForDigest(db, orgId, now);
  const closeBy = new Date(now.getTime() + days(closesWithinDays));
  return rows.flatMap((p) => {
    const ends = new Date(`${p.cohort_end}T00:00:00Z`);
    const onList = forManagers.filter((q) => q.programmeId === p.id);
    const lines = [
      `${p.name}: ${p.new_pairs} new pairs, ${p.pending} waiting for an answer, ${quietByProgramme.get(p.id) ?? 0} quiet, ${p.held} meetings held this week.`,
    ];
    for (const q of onList)
      lines.push(`${p.name}: quiet for ${q.quietDays} days: ${q.mentorName} and ${q.menteeName}.`);
    if (ends <= closeBy) lines.push(`${p.name}: closes on ${p.cohort_end}.`);
    return lines;
  });
}

export async function findWeeklyDigests(db: Queryable, ctx: SweepContext): Promise<Found> {
  const managers: Manager[] = await db
    .select({
      accountId: accounts.id,
      orgId: accounts.orgId,
      personId: people.id,
      timeZone: people.timeZone,
      organisation: organisations.name,
    })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .innerJoin(organisations, eq(organisations.id, accounts.orgId))
    .where(
      and(
        sql`'programme_manager' = any(${accounts.roles})`,
        sql`${accounts.disabledAt} is null`,
        sql`exists (select 1 from programmes p where p.org_id = ${accounts.orgId} and p.status = 'active')`,
      ),
    );
  const due = managers.flatMap((m) => {
    const week = digestWeek(ctx.now, m.timeZone);
    return week ? [{ ...m, ...week, key: `${m.accountId}:${week.week}` }] : [];
  });
  if (!due.length) return { items: [], more: false };
  const sent = new Set(
    (
      await db
        .select({ orgId: engagementSent.orgId, key: engagementSent.key })
        .from(engagementSent)
        .where(
          and(
            eq(engagementSent.kind, 'digest.weekly'),
            inArray(
              engagementSent.key,
              due.map((d) => d.key),
            ),
          ),
        )
    ).map((r) => `${r.orgId} ${r.key}`),
  );
  const waiting = due.filter((d) => !sent.has(`${d.orgId} ${d.key}`)).slice(0, ctx.limit);
  const linesByOrg = new Map<string, string[]>();
  const items: DueItem[] = [];
  for (const m of waiting) {
    if (!linesByOrg.has(m.orgId)) linesByOrg.set(m.orgId, await digestLines(db, m.orgId, ctx.now));
    items.push({
      orgId: m.orgId,
      kind: 'digest.weekly',
      key: m.key,
      emails: [
        {
          kind: 'digest.weekly',
          recipientId: m.personId,
          data: { organisation: m.organisation, weekOf: m.weekOf, lines: linesByOrg.get(m.orgId) ?? [] },
        },
      ],
    });
  }
  return { items, more: waiting.length >= ctx.limit };
}
