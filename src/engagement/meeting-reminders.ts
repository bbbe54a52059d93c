// Meeting reminders, in each person's own time zone: one the day before at the same local
// time (23 or 25 hours ahead across a clock change), one an hour before. After a meeting
// whose time passed without being recorded: "did it happen?" (recording it asks for feedback).

import { sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { alreadySent, type DueItem, days, type Found, type SweepContext, toDate } from './due.js';

/** How long after its end an unrecorded meeting is asked about, and until when. */
export const checkAfterMs = 3_600_000;
export const checkWithinDays = 14;

interface Upcoming {
  id: string;
  org_id: string;
  relationship_id: string;
  starts_at: Date | string;
  duration_minutes: number;
  agenda_title: string | null;
  agenda_items: string[] | null;
  programme: string;
  person_id: string;
  time_zone: string;
  partner: string;
  sent_24h: boolean;
}

/** When a person's reminders for a meeting fall due, by the clock on their wall. */
export function reminderTimes(startsAt: Date, timeZone: string): { dayBefore: Date; hourBefore: Date } {
  let start = DateTime.fromJSDate(startsAt, { zone: timeZone });
  if (!start.isValid) start = DateTime.fromJSDate(startsAt, { zone: 'UTC' });
  return { dayBefore: start.minus({ days: 1 }).toJSDate(), hourBefore: start.minus({ hours: 1 }).toJSDate() };
}

/**
 * A local day before is never more than 3 hours off 24 (clock changes are at most 2 hours), so
 * a meeting starting within 21 hours has its day-before time behind it in every zone: only those
 * further ahead need the time-zone arithmetic, which costs about 0.1 ms a row.
 */
const surelyPastDayBeforeMs = 21 * 3_600_000;

/** Which reminder is due at `now` for a person, if any; inside the last hour only the one-hour one. */
export function reminderDue(now: Date, startsAt: Date, timeZone: string): '24h' | '1h' | null {
  const ahead = startsAt.getTime() - now.getTime();
  if (ahead <= 3_600_000) return '1h';
  if (ahead <= surelyPastDayBeforeMs) return '24h';
  return now >= reminderTimes(startsAt, timeZone).dayBefore ? '24h' : null;
}

/** Meetings starting within the next 25 hours (a local day before is 23 to 25 hours), per person, with a reminder left to send. */
export async function findMeetingReminders(db: Queryable, ctx: SweepContext): Promise<Found> {
  const now = ctx.now;
  const lastHour = new Date(now.getTime() + 3_600_000).toISOString();
  // What is already sent is ruled out before names are looked up: in steady state that is every row.
  const rows = rowsOf<Upcoming>(
    await db.execute(sql`
      select c.id, c.org_id, c.relationship_id, c.starts_at, c.duration_minutes, c.agenda_title, c.agenda_items,
             p.name as programme, c.person_id, person.time_zone, partner.name as partner, c.sent_24h
      from (
        select m.id, m.org_id, m.relationship_id, m.starts_at, m.duration_minutes, r.programme_id,
               m.agenda->>'title' as agenda_title, jsonb_path_query_array(m.agenda, '$.items[*].title') as agenda_items,
               x.person_id, x.partner_id, s.sent_24h
        from meetings m
        join relationships r on r.id = m.relationship_id and r.status = 'active'
        cross join lateral (values (r.mentor_id, r.mentee_id), (r.mentee_id, r.mentor_id)) as x(person_id, partner_id)
        cross join lateral (select m.id || '@' || to_char(m.starts_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ':' || x.person_id as key) k
        cross join lateral (select ${alreadySent(sql`m.org_id`, 'meeting.reminder_24h', sql`k.key`)} as sent_24h) s
        where m.status = 'scheduled'
          and m.starts_at > ${now.toISOString()}::timestamptz
          and m.starts_at <= ${new Date(now.getTime() + 25 * 3_600_000).toISOString()}::timestamptz
          -- Nothing left to send: the hour-before one went, or the day-before one went and the last hour has not begun.
          and not ${alreadySent(sql`m.org_id`, 'meeting.reminder_1h', sql`k.key`)}
          and not (s.sent_24h and m.starts_at > ${lastHour}::timestamptz)
      ) c
      join programmes p on p.id = c.programme_id
      join people person on person.id = c.person_id
      join people partner on partner.id = c.partner_id`),
  );
  const items: DueItem[] = [];
  for (const r of rows) {
    const startsAt = toDate(r.starts_at);
    const lead = reminderDue(now, startsAt, r.time_zone);
    // The one-hour reminder was ruled out above once sent.
    if (!lead || (lead === '24h' && r.sent_24h)) continue;
    items.push({
      orgId: r.org_id,
      kind: lead === '1h' ? 'meeting.reminder_1h' : 'meeting.reminder_24h',
      key: `${r.id}@${startsAt.toISOString().replace(/\.\d{3}Z$/, 'Z')}:${r.person_id}`,
      emails: [
        {
          kind: 'meeting.reminder',
          recipientId: r.person_id,
          data: {
            relationshipId: r.relationship_id,
            programmeName: r.programme,
            partnerName: r.partner,
            startsAt: startsAt.toISOString(),
            durationMinutes: Number(r.duration_minutes),
            timeZone: r.time_zone,
            agendaTitle: r.agenda_title ?? 'Mentoring meeting',
            agendaItems: r.agenda_items ?? [],
            lead,
          },
        },
      ],
    });
  }
  return { items, more: false };
}

interface Unrecorded {
  id: string;
  org_id: string;
  relationship_id: string;
  starts_at: Date | string;
  duration_minutes: number;
  programme: string;
  person_id: string;
  time_zone: string;
  partner: string;
}

/** "Did it happen?" to both people, an hour after a meeting ended unrecorded (for two weeks). */
export async function findMeetingChecks(db: Queryable, ctx: SweepContext): Promise<Found> {
  const endedBefore = new Date(ctx.now.getTime() - checkAfterMs).toISOString();
  const endedAfter = new Date(ctx.now.getTime() - days(checkWithinDays)).toISOString();
  const rows = rowsOf<Unrecorded>(
    await db.execute(sql`
      select c.id, c.org_id, c.relationship_id, c.starts_at, c.duration_minutes, p.name as programme,
             c.person_id, person.time_zone, partner.name as partner
      from (
        select m.id, m.org_id, m.relationship_id, m.starts_at, m.ends_at, m.duration_minutes, r.programme_id,
               x.person_id, x.partner_id
        from meetings m
        join relationships r on r.id = m.relationship_id and r.status in ('active', 'paused')
        cross join lateral (values (r.mentor_id, r.mentee_id), (r.mentee_id, r.mentor_id)) as x(person_id, partner_id)
        where m.status = 'scheduled'
          -- Bounds on the start as well, so the index on scheduled starts is read for the fortnight only.
          and m.starts_at > ${endedAfter}::timestamptz - interval '8 hours' and m.starts_at < ${endedBefore}::timestamptz
          and m.ends_at <= ${endedBefore}::timestamptz and m.ends_at > ${endedAfter}::timestamptz
          and not ${alreadySent(sql`m.org_id`, 'meeting.check', sql`m.id || ':' || x.person_id`)}
        order by m.ends_at, m.id, x.person_id
        limit ${ctx.limit}
      ) c
      join programmes p on p.id = c.programme_id
      join people person on person.id = c.person_id
      join people partner on partner.id = c.partner_id
      order by c.ends_at, c.id, c.person_id`),
  );
  const items: DueItem[] = rows.map((r) => ({
    orgId: r.org_id,
    kind: 'meeting.check',
    key: `${r.id}:${r.person_id}`,
    emails: [
      {
        kind: 'meeting.check',
        recipientId: r.person_id,
        data: {
          relationshipId: r.relationship_id,
          programmeName: r.programme,
          partnerName: r.partner,
          startsAt: toDate(r.starts_at).toISOString(),
          durationMinutes: Number(r.duration_minutes),
          timeZone: r.time_zone,
        },
      },
    ],
  }));
  return { items, more: rows.length >= ctx.limit };
}
