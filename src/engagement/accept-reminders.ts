// Accept reminders: a proposed match unanswered for 3 days reminds each side that has not
// answered; after 7 days the programme managers hear of it (who, not why).
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { alreadySent, type DueItem, days, type Found, managersOf, type SweepContext } from './due.js';

export const remindAfterDays = 3;
export const escalateAfterDays = 7;

interface Waiting {
  id: string;
  org_id: string;
  programme_id: string;
  programme: string;
  side: 'mentor' | 'mentee';
  person_id: string;
  partner: string;
}

interface Overdue {
  id: string;
  org_id: string;
  programme_id: string;
  programme: string;
  mentor: string;
  mentee: string;
}

export async function findAcceptReminders(db: Queryable, ctx: SweepContext): Promise<Found> {
  const remindBefore = new Date(ctx.now.getTime() - days(remindAfterDays)).toISOString();
  const escalateBefore = new Date(ctx.now.getTime() - days(escalateAfterDays)).toISOString();
  const waiting = rowsOf<Waiting>(
    await db.execute(sql`
      select r.id, r.org_id, r.programme_id, p.name as programme, s.side, s.person_id, partner.name as partner
      from relationships r
      join programmes p on p.id = r.programme_id
      cross join lateral (values ('mentor', r.mentor_id, r.mentee_id, r.mentor_response),
                                 ('mentee', r.mentee_id, r.mentor_id, r.mentee_response))
        as s(side, person_id, partner_id, response)
      join people partner on partner.id = s.partner_id
      where r.status = 'proposed' and r.created_at <= ${remindBefore}::timestamptz
        and s.response = 'pending'
        and not ${alreadySent(sql`r.org_id`, 'accept.reminder', sql`r.id || ':' || s.side`)}
      order by r.created_at, r.id, s.side
      limit ${ctx.limit}`),
  );
  const overdue = rowsOf<Overdue>(
    await db.execute(sql`
      select r.id, r.org_id, r.programme_id, p.name as programme, mentor.name as mentor, mentee.name as mentee
      from relationships r
      join programmes p on p.id = r.programme_id
      join people mentor on mentor.id = r.mentor_id
      join people mentee on mentee.id = r.mentee_id
      where r.status = 'proposed' and r.created_at <= ${escalateBefore}::timestamptz
        and not ${alreadySent(sql`r.org_id`, 'accept.overdue', sql`r.id::text`)}
      order by r.created_at, r.id
      limit ${ctx.limit}`),
  );
  const managers = await managersOf(
    db,
    overdue.map((o) => o.org_id),
  );
  const items: DueItem[] = waiting.map((w) => ({
    orgId: w.org_id,
    kind: 'accept.reminder',
    key: `${w.id}:${w.side}`,
    emails: [
      {
        kind: 'match.reminder',
        recipientId: w.person_id,
        data: { relationshipId: w.id, programmeName: w.programme, partnerName: w.partner },
      },
    ],
  }));
  for (const o of overdue) {
    const data = {
      programmeId: o.programme_id,
      programmeName: o.programme,
      mentorName: o.mentor,
      menteeName: o.mentee,
    };
    items.push({
      orgId: o.org_id,
      kind: 'accept.overdue',
      key: o.id,
      emails: (managers.get(o.org_id) ?? []).map((recipientId) => ({
        kind: 'match.unanswered' as const,
        recipientId,
        data,
      })),
    });
  }
  return { items, more: waiting.length >= ctx.limit || overdue.length >= ctx.limit };
}
