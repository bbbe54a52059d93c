// Pulses at 30, 60 and 90 days of a relationship: two questions (how valuable, do you feel
// heard), asked of both people. Answers are read by their author; managers and sponsors see
// programme aggregates under the same disclosure rules as meeting feedback (decision 040).
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { people, pulseResponses } from '../db/schema.js';
import { AppError, conflict } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import {
  activeSince,
  type FigureSource,
  lastCutoff,
  periodOf,
  readPublished,
  summedSource,
  sumsOf,
} from '../insights/published-figures.js';
import { reportScope } from '../insights/reports.js';
import { requireParty } from '../relationships/access.js';
import { group, reportedGroup } from '../relationships/feedback.js';
import { alreadySent, type DueItem, days, type Found, type SweepContext } from './due.js';

export const pulseDays = [30, 60, 90] as const;
/** A pulse is asked while it is the latest one due: a relationship resumed after 100 days gets only the 90-day one. */
const askWithinDays = 30;

interface PulseRow {
  id: string;
  org_id: string;
  programme: string;
  day: number;
  person_id: string;
  partner: string;
}

export async function findPulses(db: Queryable, ctx: SweepContext): Promise<Found> {
  const at = ctx.now.toISOString();
  const rows = rowsOf<PulseRow>(
    await db.execute(sql`
      select c.id, c.org_id, p.name as programme, c.day, c.person_id, partner.name as partner
      from (
        select r.id, r.org_id, r.programme_id, r.accepted_at, d.day, x.person_id, x.partner_id
        from relationships r
        cross join (values (30), (60), (90)) as d(day)
        cross join lateral (values (r.mentor_id, r.mentee_id), (r.mentee_id, r.mentor_id)) as x(person_id, partner_id)
        where r.status in ('active', 'paused')
          and r.accepted_at <= ${at}::timestamptz - interval '30 days'
          and r.accepted_at > ${at}::timestamptz - interval '${sql.raw(String(90 + askWithinDays))} days'
          and r.accepted_at + interval '1 day' * d.day <= ${at}::timestamptz
          and r.accepted_at + interval '1 day' * (d.day + ${askWithinDays}) > ${at}::timestamptz
          and not ${alreadySent(sql`r.org_id`, 'pulse.request', sql`r.id || ':' || d.day || ':' || x.person_id`)}
        order by r.accepted_at, r.id, x.person_id
        limit ${ctx.limit}
      ) c
      -- Names only for what is due: in steady state nothing is.
      join programmes p on p.id = c.programme_id
      join people partner on partner.id = c.partner_id
      order by c.accepted_at, c.id, c.person_id`),
  );
  const items: DueItem[] = rows.map((r) => ({
    orgId: r.org_id,
    kind: 'pulse.request',
    key: `${r.id}:${r.day}:${r.person_id}`,
    emails: [
      {
        kind: 'pulse.requested',
        recipientId: r.person_id,
        data: {
          relationshipId: r.id,
          programmeName: r.programme,
          partnerName: r.partner,
          day: Number(r.day),
        },
      },
    ],
  }));
  return { items, more: rows.length >= ctx.limit };
}

const oneToFive = z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5');
export const pulseSchema = z
  .object({
    day: z.union([z.literal(30), z.literal(60), z.literal(90)], { message: 'must be 30, 60 or 90' }),
    value: oneToFive,
    heard: oneToFive,
  })
  .strict();

export const pulseAnswerSchema = z.object({
  id: z.string(),
  relationshipId: z.string(),
  day: z.number(),
  value: z.number(),
  heard: z.number(),
  createdAt: z.string(),
});

/** One person's answers to a pulse that is due: once per relationship and day. */
export async function answerPulse(
  db: Db,
  actor: Actor,
  relationshipId: string,
  input: z.infer<typeof pulseSchema>,
  now = new Date(),
): Promise<z.infer<typeof pulseAnswerSchema>> {
  const { rel, side } = await requireParty(db, actor, relationshipId);
  if (!rel.acceptedAt || rel.acceptedAt.getTime() + days(input.day) > now.getTime())
    throw new AppError('conflict', `The ${input.day}-day pulse of this relationship is not due yet.`, {
      fields: [{ path: 'day', message: 'is not due yet' }],
    });
  const [me] = await db
    .select({ department: people.department })
    .from(people)
    .where(eq(people.id, actor.personId as string));
  const [row] = await db
    .insert(pulseResponses)
    .values({
      orgId: rel.orgId,
      programmeId: rel.programmeId,
      relationshipId: rel.id,
      authorId: actor.personId as string,
      authorSide: side,
      authorDepartment: me?.department ?? null,
      day: input.day,
      value: input.value,
      heard: input.heard,
    })
    .onConflictDoNothing()
    .returning();
  if (!row) throw conflict(`You already answered the ${input.day}-day pulse of this relationship.`);
  return {
    id: row.id,
    relationshipId: row.relationshipId,
    day: row.day,
    value: row.value,
    heard: row.heard,
    createdAt: row.createdAt.toISOString(),
  };
}

interface PulseRecord {
  person: string;
  side: string;
  n: number;
  value: number;
  heard: number;
}

interface PulseFigures {
  answers: number;
  meanValue: number;
  meanHeard: number;
}

const pulseSums = ['n', 'value', 'heard'] as const;

function pulseSource(
  orgId: string,
  programmeId: string,
): FigureSource<PulseRecord, PulseFigures, Record<(typeof pulseSums)[number], number>> {
  return summedSource({
    figure: 'pulse',
    spec: { person: (r) => r.person, dimensions: { side: (r) => r.side }, breakdowns: [[], ['side']] },
    load: async (db, cutoffs, options) => {
      const rows = rowsOf<PulseRecord & { period: number }>(
        await db.execute(sql`
          select ${periodOf(cutoffs, sql`created_at`)} as period,
                 author_id as person, author_side as side, count(*)::int as n,
                 sum(value)::int as value, sum(heard)::int as heard
          from ${pulseResponses}
          where org_id = ${orgId} and programme_id = ${programmeId}
            and created_at <= ${lastCutoff(cutoffs)}::timestamptz
            ${activeSince(
              sql`author_id`,
              sql`select author_id from ${pulseResponses} where org_id = ${orgId} and programme_id = ${programmeId}`,
              cutoffs,
              options,
            )}
          group by 1, 2, 3`),
      );
      return rows.map(({ period, ...record }) => ({ period: Number(period), record }));
    },
    totals: sumsOf(pulseSums, (t) => ({
      answers: t.n,
      meanValue: Math.round((t.value / t.n) * 100) / 100,
      meanHeard: Math.round((t.heard / t.n) * 100) / 100,
    })),
  });
}

const groupSchema = reportedGroup({
  answers: z.number().int(),
  meanValue: z.number(),
  meanHeard: z.number(),
});

export const pulseSummarySchema = z.object({
  programmeId: z.string(),
  minimumGroupSize: z.number(),
  asOf: z.string().nullable(),
  waiting: z.boolean(),
  overall: groupSchema,
  fromMentors: groupSchema,
  fromMentees: groupSchema,
});

/** Programme health from pulses: overall and by side, each group of at least the minimum of people. */
export async function pulseSummary(
  db: Db,
  actor: Actor,
  programmeId: string,
  now = new Date(),
): Promise<z.infer<typeof pulseSummarySchema>> {
  const { k } = await reportScope(db, actor, programmeId);
  const table = await readPublished(
    db,
    { orgId: actor.orgId, programmeId },
    pulseSource(actor.orgId, programmeId),
    {
      minimumPeople: k,
      now,
    },
  );
  await writeAudit(db, actor, actor.orgId, {
    action: 'pulse.aggregate_read',
    entityType: 'programme',
    entityId: programmeId,
    details: { asOf: table.asOf },
  });
  return {
    programmeId,
    minimumGroupSize: k,
    asOf: table.asOf,
    waiting: table.waiting,
    overall: group(table.cell({})),
    fromMentors: group(table.cell({ side: 'mentor' })),
    fromMentees: group(table.cell({ side: 'mentee' })),
  };
}
