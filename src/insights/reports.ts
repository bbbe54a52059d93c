// Outcome reports of a programme for sponsors, managers and admins: retention against
// comparable non-participants, learning in both directions, and relationship quality over
// time. Every figure carries its n, interval, method and what it cannot show, and every
// figure about people goes through disclosure control (docs/decisions/040): answers and
// learning-log entries through published snapshots, HR follow-up through the minimum.
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { organisations } from '../db/schema.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { requireProgramme } from '../programmes/programmes.js';
import { minimumPeople } from './disclosure.js';
import { loadRetentionData } from './outcome-data.js';
import {
  activeSince,
  type FigureSource,
  lastCutoff,
  type PublishedCell,
  type PublishedTable,
  periodOf,
  readPublished,
  summedSource,
  sumsOf,
} from './published-figures.js';
import { tQuantile } from './statistics/distributions.js';
import type { KaplanMeierCurve } from './statistics/kaplan-meier.js';
import { RECIPROCITY_METHOD, type ReciprocityIndex, reciprocityIndex } from './statistics/reciprocity.js';
import { CONFIDENCE, caveats } from './statistics/result.js';
import { analyseRetention } from './statistics/retention.js';

export const retentionQuery = z.object({
  side: z.enum(['all', 'mentor', 'mentee']).default('all'),
  asOf: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD')
    .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)), 'must be a real date')
    .optional(),
});

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);
export const round = (x: number | null, digits = 3) =>
  x === null || !Number.isFinite(x) ? null : Math.round(x * 10 ** digits) / 10 ** digits;

/** Who may read reports, the programme, and the organisation's minimum group size. */
export async function reportScope(db: Db, actor: Actor, programmeId: string) {
  assertRole(actor, 'org_admin', 'programme_manager', 'sponsor');
  const programme = await requireProgramme(db, actor, programmeId);
  const [org] = await db
    .select({ min: organisations.minReportGroupSize })
    .from(organisations)
    .where(eq(organisations.id, actor.orgId));
  const k = Math.max(minimumPeople, org?.min ?? minimumPeople);
  return { programme, k };
}

export async function audit(db: Db, actor: Actor, programmeId: string, report: string) {
  await writeAudit(db, actor, actor.orgId, {
    action: 'report.read',
    entityType: 'programme',
    entityId: programmeId,
    details: { report },
  });
}

/** A curve read at month ends: survival and its band, never one leaver's exact date. */
export function monthlyPoints(curve: KaplanMeierCurve, days: number) {
  const points: { day: number; survival: number; lower: number | null; upper: number | null }[] = [];
  let j = -1;
  for (let d = 0; ; d = Math.min(days, d + 30)) {
    while (j + 1 < curve.time.length && (curve.time[j + 1] as number) <= d) j++;
    points.push(
      j < 0
        ? { day: d, survival: 1, lower: 1, upper: 1 }
        : {
            day: d,
            survival: round(curve.survival[j] as number, 4) as number,
            lower: round(curve.lower[j] as number, 4),
            upper: round(curve.upper[j] as number, 4),
          },
    );
    if (d >= days) break;
  }
  return points;
}

// ---------------------------------------------------------------- retention

/**
 * A plain sentence for a hazard ratio, honest about its interval: the one reading the screen,
 * the PDF and the CSV all show. `what` names the event ("left", "were promoted").
 */
export function readHazardRatio(
  h: { estimate: number | null; lower: number | null; upper: number | null },
  what: { verb: string; noun: string; others?: string } = { verb: 'left', noun: 'leavers' },
) {
  if (h.estimate === null || h.lower === null || h.upper === null)
    return `There were too few ${what.noun} to estimate how the rate differs.`;
  const change =
    h.estimate < 1
      ? `${Math.round((1 - h.estimate) * 100)}% lower`
      : `${Math.round((h.estimate - 1) * 100)}% higher`;
  const sure =
    h.upper < 1 || h.lower > 1
      ? `The whole 95% interval lies ${h.upper < 1 ? 'below' : 'above'} 1, so the data are hard to explain without a real difference.`
      : 'The 95% interval includes 1 (no difference), so chance alone could explain it.';
  const n2 = (x: number) => x.toFixed(2);
  return `Participants ${what.verb} at a rate ${change} than ${what.others ?? 'comparable colleagues'} (hazard ratio ${n2(h.estimate)}, 95% interval ${n2(h.lower)} to ${n2(h.upper)}). ${sure}`;
}

/** What a follow-up report follows, and the words it uses for it. */
const followUps = {
  leaving: {
    report: 'retention',
    verb: 'left',
    noun: 'leavers',
    caveat: caveats.volunteers,
    curveCaveat:
      'A curve shows the share still employed over time; read at month ends so no single leaving date shows.',
    note: (k: number) =>
      `Retention is shown once at least ${k} participants and ${k} comparable non-participants can be followed.`,
  },
  promotion: {
    report: 'promotions',
    verb: 'were promoted',
    noun: 'promotions',
    caveat: `${caveats.volunteers} Promotions are rises in job level in the HR data, dated when they were recorded unless the HR history carries their dates.`,
    curveCaveat:
      'A curve shows the share not yet promoted over time (one minus it is the share promoted); read at month ends so no single promotion date shows.',
    note: (k: number) =>
      `Promotions are shown once at least ${k} participants and ${k} comparable non-participants can be followed.`,
  },
} as const;

/** The reader of one follow-up report. */
const followUpReader =
  (event: keyof typeof followUps) =>
  (db: Db, actor: Actor, programmeId: string, query: z.infer<typeof retentionQuery>, now = new Date()) =>
    followUpReport(db, actor, programmeId, query, event, now);

/** Retention: participants' rate of leaving against matched colleagues'. */
export const retentionReport = followUpReader('leaving');

/** Promotions: participants' rate of a first promotion after the start against matched colleagues'. */
export const promotionsReport = followUpReader('promotion');

async function followUpReport(
  db: Db,
  actor: Actor,
  programmeId: string,
  query: z.infer<typeof retentionQuery>,
  event: keyof typeof followUps,
  now: Date,
) {
  const { programme, k } = await reportScope(db, actor, programmeId);
  const words = followUps[event];
  const asOf = query.asOf ?? iso(now);
  const base = {
    programmeId,
    minimumGroupSize: k,
    origin: programme.cohortStart,
    asOf,
    side: query.side,
    method:
      'Participants against comparable non-participants, matched on department, job level at the start, tenure band and generation (coarsened exact matching); Kaplan-Meier curves with 95% bands; stratified log-rank test and Cox hazard ratio',
    caveat: words.caveat,
  };
  await audit(db, actor, programmeId, words.report);
  if (Date.parse(asOf) <= Date.parse(programme.cohortStart))
    return { ...base, shown: false as const, reason: 'not_started' as const };
  const data = await loadRetentionData(
    db,
    { ...programme, cohortStart: programme.cohortStart },
    { asOf, side: query.side, event },
  );
  const a = analyseRetention(data.subjects, data);
  const m = a.matching;
  // Both groups must be at least the minimum, or a curve would describe a handful of people.
  if (m.participants.matched < k || m.others.matched < k)
    return {
      ...base,
      shown: false as const,
      reason: 'too_few_people' as const,
      note: words.note(k),
    };
  const days = Math.round((Date.parse(asOf) - Date.parse(programme.cohortStart)) / DAY);
  const hr = (h: typeof a.hazardRatio, others?: string) => ({
    n: h.n,
    events: h.events,
    estimate: round(h.estimate),
    lower: round(h.lower),
    upper: round(h.upper),
    p: round(h.p, 4),
    level: CONFIDENCE,
    method: h.method,
    caveat: h.caveat,
    reading: readHazardRatio(h, { verb: words.verb, noun: words.noun, others }),
  });
  return {
    ...base,
    shown: true as const,
    n: a.n,
    matching: {
      method: m.method,
      strata: m.strata,
      participants: m.participants,
      others: m.others,
      balance: m.balance.map((b) => ({ ...b, before: round(b.before), after: round(b.after) })),
      caveat:
        'Matching balances only what the HR data records; people who differ in motivation or support still differ.',
    },
    curves: {
      method: a.curves.participants.method,
      caveat: words.curveCaveat,
      participants: {
        n: a.curves.participants.n,
        events: round(a.curves.participants.events, 1),
        points: monthlyPoints(a.curves.participants, days),
      },
      others: {
        n: a.curves.others.n,
        events: round(a.curves.others.events, 1),
        points: monthlyPoints(a.curves.others, days),
      },
    },
    logRank: {
      n: a.logRank.n,
      chiSquare: round(a.logRank.chiSquare),
      df: a.logRank.df,
      p: round(a.logRank.p, 4),
      method: a.logRank.method,
      caveat: a.logRank.caveat,
    },
    hazardRatio: hr(a.hazardRatio),
    unadjusted: hr(a.unadjusted, 'everyone else, before matching'),
  };
}

// ---------------------------------------------------------------- learning

/** One learner's entries in one leaf (direction, topic, department) and one period. */
interface LearningRecord {
  person: string;
  /** upward: the learner is more senior than the partner (a leader learning); downward; level. */
  direction: string;
  topic: string;
  department: string;
  entries: number;
}

export const learningDirections = ['upward', 'downward', 'level'] as const;

function learningSource(
  orgId: string,
  programmeId: string,
): FigureSource<LearningRecord, { entries: number }, { entries: number }> {
  return summedSource({
    figure: 'learning',
    spec: {
      person: (r) => r.person,
      dimensions: { direction: (r) => r.direction, topic: (r) => r.topic, department: (r) => r.department },
      breakdowns: [
        [],
        ['direction'],
        ['topic'],
        ['department'],
        ['direction', 'topic'],
        ['direction', 'department'],
      ],
    },
    load: async (db, cutoffs, options) => {
      const rows = rowsOf<LearningRecord & { period: number }>(
        await db.execute(sql`
          select ${periodOf(cutoffs, sql`l.created_at`)} as period, l.learner_id as person,
                 case when me.job_level > partner.job_level then 'upward'
                      when me.job_level < partner.job_level then 'downward' else 'level' end as direction,
                 coalesce(t.name, '') as topic, coalesce(me.department, '') as department,
                 count(*)::int as entries
          from learning_entries l
          join relationships r on r.id = l.relationship_id and r.org_id = l.org_id
          join people me on me.id = l.learner_id
          join people partner on partner.id = case when l.learner_id = r.mentor_id then r.mentee_id else r.mentor_id end
          left join topics t on t.id = l.topic_id
          where l.org_id = ${orgId} and r.programme_id = ${programmeId}
            and l.created_at <= ${lastCutoff(cutoffs)}::timestamptz
            ${activeSince(
              sql`l.learner_id`,
              sql`select learner_id from learning_entries where org_id = ${orgId}`,
              cutoffs,
              options,
            )}
          group by 1, 2, 3, 4, 5`),
      );
      return rows.map(({ period, ...record }) => ({ period: Number(period), record }));
    },
    totals: {
      of: (records) => ({ entries: records.reduce((s, r) => s + Number(r.entries), 0) }),
      add: (a, b) => ({ entries: a.entries + b.entries }),
      figures: (t) => ({ entries: t.entries }),
    },
  });
}

/**
 * Both partners of a relationship, each with the entries written by the mentor (first) and the
 * mentee (second) in one period: the reciprocity index describes both people of a relationship.
 */
interface ReciprocityRecord {
  person: string;
  relationship: string;
  first: number;
  second: number;
}

type ReciprocityFigures = Pick<ReciprocityIndex, 'n' | 'estimate' | 'lower' | 'upper' | 'firstShare'>;

/**
 * The reciprocity index as a published table (decision 040): a snapshot moves on only when the
 * relationships whose entries changed since the last one cover enough people, so no two reads
 * can be subtracted to learn how one pair is doing.
 */
function reciprocitySource(
  orgId: string,
  programmeId: string,
): FigureSource<ReciprocityRecord, ReciprocityFigures> {
  return {
    figure: 'reciprocity',
    spec: { person: (r) => r.person, dimensions: {}, breakdowns: [[]] },
    load: async (db, cutoffs) => {
      const rows = rowsOf<{
        period: number;
        relationship: string;
        first: number;
        second: number;
        mentor: string;
        mentee: string;
      }>(
        await db.execute(sql`
          select ${periodOf(cutoffs, sql`l.created_at`)} as period, r.id as relationship,
                 r.mentor_id as mentor, r.mentee_id as mentee,
                 count(*) filter (where l.learner_id = r.mentor_id)::int as first,
                 count(*) filter (where l.learner_id = r.mentee_id)::int as second
          from learning_entries l
          join relationships r on r.id = l.relationship_id and r.org_id = l.org_id
          where l.org_id = ${orgId} and r.programme_id = ${programmeId} and r.status in ('active', 'paused', 'closed')
            and l.created_at <= ${lastCutoff(cutoffs)}::timestamptz
          group by 1, 2, 3, 4`),
      );
      // The mentor's record carries the counts; the mentee's makes them a person behind the figure.
      return rows.flatMap((r) => {
        const period = Number(r.period);
        const counts = { relationship: r.relationship, first: Number(r.first), second: Number(r.second) };
        return [
          { period, record: { person: r.mentor, ...counts } },
          { period, record: { person: r.mentee, ...counts, first: 0, second: 0 } },
        ];
      });
    },
    figures: (records) => {
      const byRelationship = new Map<string, { firstLearned: number; secondLearned: number }>();
      for (const r of records) {
        const b = byRelationship.get(r.relationship) ?? { firstLearned: 0, secondLearned: 0 };
        b.firstLearned += r.first;
        b.secondLearned += r.second;
        byRelationship.set(r.relationship, b);
      }
      const index = reciprocityIndex([...byRelationship.values()]);
      return {
        n: index.n,
        estimate: round(index.estimate),
        lower: round(index.lower),
        upper: round(index.upper),
        firstShare: round(index.firstShare),
      };
    },
  };
}

function reciprocityOf(t: PublishedTable<ReciprocityFigures>, k: number) {
  const about = { method: RECIPROCITY_METHOD, caveat: caveats.reciprocity };
  const c = t.cell({});
  // A relationship is two people: the index also needs as many relationships as the minimum of people.
  if (!c.shown) return { shown: false as const, reason: c.reason, ...about };
  if (c.figures.n < k) return { shown: false as const, reason: 'too_few_people' as const, ...about };
  return { shown: true as const, ...c.figures, level: CONFIDENCE, asOf: t.asOf, ...about };
}

/** A reported group: its figures, or why it is hidden (never how many are in it). */
export function group<F>(c: PublishedCell<F>) {
  return c.shown
    ? { shown: true as const, people: c.people, ...c.figures }
    : { shown: false as const, reason: c.reason };
}

export function rowsOfBreakdown<F>(
  t: PublishedTable<F>,
  dimension: string,
  fixed: Record<string, string> = {},
) {
  return t
    .values(dimension)
    .map((v) => ({ [dimension]: v || null, ...group(t.cell({ ...fixed, [dimension]: v })) }));
}

const hiddenNote = (k: number) =>
  `Rows marked hidden cover fewer than ${k} people, or would let a smaller group be worked out by subtracting one shown figure from another.`;

/** What every report read from published snapshots opens with: its scope and snapshot. */
export const publishedHeader = (
  programmeId: string,
  k: number,
  t: Pick<PublishedTable<unknown>, 'asOf' | 'waiting'>,
) => ({ programmeId, minimumGroupSize: k, asOf: t.asOf, waiting: t.waiting, hiddenNote: hiddenNote(k) });

export async function learningReport(db: Db, actor: Actor, programmeId: string, now = new Date()) {
  const { programme, k } = await reportScope(db, actor, programmeId);
  const scope = { orgId: actor.orgId, programmeId };
  const t = await readPublished(db, scope, learningSource(actor.orgId, programmeId), {
    minimumPeople: k,
    now,
  });
  const reciprocity =
    programme.kind === 'mutual'
      ? reciprocityOf(
          await readPublished(db, scope, reciprocitySource(actor.orgId, programmeId), {
            minimumPeople: k,
            now,
          }),
          k,
        )
      : null;
  await audit(db, actor, programmeId, 'learning');
  return {
    ...publishedHeader(programmeId, k, t),
    kind: programme.kind,
    method:
      'Counts of learning-log entries, by who learned (the more senior partner: upward), topic and the learner’s department; no entry text is read',
    caveat: caveats.reciprocity,
    total: group(t.cell({})),
    byDirection: rowsOfBreakdown(t, 'direction'),
    byTopic: rowsOfBreakdown(t, 'topic'),
    byDepartment: rowsOfBreakdown(t, 'department'),
    upward: {
      caveat: 'What leaders chose to write down from a more junior partner, not all they learned.',
      byTopic: rowsOfBreakdown(t, 'topic', { direction: 'upward' }),
      byDepartment: rowsOfBreakdown(t, 'department', { direction: 'upward' }),
    },
    reciprocity,
  };
}

// ---------------------------------------------------------------- quality

interface QualityRecord {
  person: string;
  month: string;
  side: string;
  n: number;
  value: number;
  value2: number;
  heard: number;
  heard2: number;
  balanced: number;
}

interface QualityFigures {
  answers: number;
  value: { mean: number; lower: number | null; upper: number | null };
  heard: { mean: number; lower: number | null; upper: number | null };
  balancedShare: number;
}

/** Mean with a 95% t interval from sums (answers treated as independent: see the method). */
function meanInterval(n: number, sum: number, sum2: number) {
  const mean = sum / n;
  if (n < 2) return { mean: round(mean, 2) as number, lower: null, upper: null };
  const variance = Math.max(0, (sum2 - n * mean * mean) / (n - 1));
  const half = tQuantile(1 - (1 - CONFIDENCE) / 2, n - 1) * Math.sqrt(variance / n);
  return {
    mean: round(mean, 2) as number,
    lower: round(Math.max(1, mean - half), 2),
    upper: round(Math.min(5, mean + half), 2),
  };
}

const qualitySums = ['n', 'value', 'value2', 'heard', 'heard2', 'balanced'] as const;
type QualityTotals = Record<(typeof qualitySums)[number], number>;

export function qualitySource(
  orgId: string,
  programmeId: string,
): FigureSource<QualityRecord, QualityFigures, QualityTotals> {
  return summedSource({
    figure: 'quality',
    spec: {
      person: (r) => r.person,
      dimensions: { month: (r) => r.month, side: (r) => r.side },
      breakdowns: [[], ['month'], ['side']],
    },
    load: async (db, cutoffs, options) => {
      const rows = rowsOf<QualityRecord & { period: number }>(
        await db.execute(sql`
          select ${periodOf(cutoffs, sql`created_at`)} as period, author_id as person, author_side as side,
                 to_char(created_at at time zone 'UTC', 'YYYY-MM') as month, count(*)::int as n,
                 sum(value)::int as value, sum(value * value)::int as value2,
                 sum(heard)::int as heard, sum(heard * heard)::int as heard2,
                 count(*) filter (where talking = 'balanced')::int as balanced
          from meeting_feedback
          where org_id = ${orgId} and programme_id = ${programmeId}
            and created_at <= ${lastCutoff(cutoffs)}::timestamptz
            ${activeSince(
              sql`author_id`,
              sql`select author_id from meeting_feedback where org_id = ${orgId} and programme_id = ${programmeId}`,
              cutoffs,
              options,
            )}
          group by 1, 2, 3, 4`),
      );
      return rows.map(({ period, ...record }) => ({ period: Number(period), record }));
    },
    totals: sumsOf(qualitySums, (t) => ({
      answers: t.n,
      value: meanInterval(t.n, t.value, t.value2),
      heard: meanInterval(t.n, t.heard, t.heard2),
      balancedShare: round(t.balanced / t.n) as number,
    })),
  });
}

/**
 * Meetings held, cancelled and scheduled across the programme's relationships. Decision 040:
 * momentum is read by managers, who see each relationship's meetings anyway; no one else
 * has it counted.
 */
async function qualityMomentum(db: Db, actor: Actor, programmeId: string, k: number) {
  if (!actor.roles.some((r) => r === 'org_admin' || r === 'programme_manager'))
    return { shown: false as const, reason: 'managers_only' as const };
  // Momentum counts meetings held against the agreed cadence: operational state, not answers.
  const momentum = rowsOf<{ held: number; cancelled: number; planned: number; relationships: number }>(
    await db.execute(sql`
      select count(*) filter (where m.status = 'held')::int as held,
             count(*) filter (where m.status = 'cancelled')::int as cancelled,
             count(*) filter (where m.status = 'scheduled')::int as planned,
             count(distinct r.id)::int as relationships
      from relationships r left join meetings m on m.relationship_id = r.id
      where r.org_id = ${actor.orgId} and r.programme_id = ${programmeId}
        and r.status in ('active', 'paused', 'closed')`),
  )[0];
  const relationshipsCount = Number(momentum?.relationships ?? 0);
  if (relationshipsCount < k) return { shown: false as const, reason: 'too_few_people' as const };
  const held = Number(momentum?.held ?? 0);
  return {
    shown: true as const,
    n: relationshipsCount,
    held,
    cancelled: Number(momentum?.cancelled ?? 0),
    scheduled: Number(momentum?.planned ?? 0),
    heldPerRelationship: round(held / relationshipsCount, 2),
    method: 'Meetings held, cancelled and scheduled across relationships that started',
    caveat: 'Meetings held say the pairs kept meeting, not what the meetings were worth.',
  };
}

export async function qualityReport(db: Db, actor: Actor, programmeId: string, now = new Date()) {
  const { k } = await reportScope(db, actor, programmeId);
  const scope = { orgId: actor.orgId, programmeId };
  const t = await readPublished(db, scope, qualitySource(actor.orgId, programmeId), {
    minimumPeople: k,
    now,
  });
  const momentum = await qualityMomentum(db, actor, programmeId, k);
  await audit(db, actor, programmeId, 'quality');
  return {
    ...publishedHeader(programmeId, k, t),
    method:
      'Means of meeting feedback (value and felt heard, 1 to 5) with 95% t intervals over answers, and the share of answers that called the talk balanced, by month and by side',
    caveat:
      'Feedback comes from those who chose to answer, and several answers of one person are not independent, so the intervals are narrower than they should be.',
    overall: group(t.cell({})),
    bySide: rowsOfBreakdown(t, 'side'),
    byMonth: rowsOfBreakdown(t, 'month'),
    momentum,
  };
}
