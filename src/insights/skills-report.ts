// Skills before and after: each participant's self-assessment at the midpoint and at closing
// paired with their own at enrolment, topic by topic; uplift per topic, per topic category,
// per side and for the programme, with paired 95% intervals. Self-assessments are answers, so
// the table goes through published snapshots (decision 040) for every reader. For reverse
// programmes the headline is the leaders' (mentees') uplift in digital topics.
import { sql } from 'drizzle-orm';
import type { Db } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import type { Actor } from '../identity/actor.js';
import {
  activeSince,
  type FigureSource,
  lastCutoff,
  type PublishedTable,
  periodOf,
  readPublished,
  summedSource,
} from './published-figures.js';
import { audit, group, publishedHeader, reportScope, round, rowsOfBreakdown } from './reports.js';
import { PAIRED_METHOD, type PairedSums, pairedDifferenceFromSums } from './statistics/paired.js';
import { CONFIDENCE, caveats } from './statistics/result.js';

/** One person's before-and-after in one topic, at one later stage (midpoint or closing). */
interface SkillsRecord {
  person: string;
  stage: string;
  /** The person's side in the programme: mentor, mentee or both. */
  side: string;
  topic: string;
  category: string;
  before: number;
  after: number;
}

export interface SkillsFigures {
  pairs: number;
  before: number | null;
  after: number | null;
  uplift: number | null;
  lower: number | null;
  upper: number | null;
  p: number | null;
}

/** The category a reverse programme's headline is about. */
const DIGITAL = 'digital_and_technology';

function skillsSource(
  orgId: string,
  programmeId: string,
  kind: string,
): FigureSource<SkillsRecord, SkillsFigures, PairedSums> {
  return summedSource({
    figure: 'skills',
    // The headline stays shown where suppression has a choice.
    prefer: ['midpoint', 'closing'].map(
      (stage): Record<string, string> =>
        kind === 'reverse' ? { stage, side: 'mentee', category: DIGITAL } : { stage },
    ),
    spec: {
      person: (r) => r.person,
      dimensions: {
        stage: (r) => r.stage,
        side: (r) => r.side,
        topic: (r) => r.topic,
        category: (r) => r.category,
      },
      // Stages are never added together: every breakdown is within one stage.
      breakdowns: [
        ['stage'],
        ['stage', 'side'],
        ['stage', 'topic'],
        ['stage', 'category'],
        ['stage', 'side', 'category'],
      ],
    },
    load: async (db, cutoffs, options) => {
      // A pair belongs to the period in which its later answer arrived.
      const rows = rowsOf<SkillsRecord & { period: number }>(
        await db.execute(sql`
          select ${periodOf(cutoffs, sql`greatest(a.created_at, b.created_at)`)} as period,
                 a.person_id as person, a.phase as stage, e.role as side,
                 t.name as topic, t.category, b.rating as before, a.rating as after
          from skill_assessments a
          join skill_assessments b on b.programme_id = a.programme_id and b.person_id = a.person_id
            and b.topic_id = a.topic_id and b.phase = 'enrolment'
          join enrolments e on e.programme_id = a.programme_id and e.person_id = a.person_id
          join topics t on t.id = a.topic_id
          where a.org_id = ${orgId} and a.programme_id = ${programmeId} and a.phase in ('midpoint', 'closing')
            and greatest(a.created_at, b.created_at) <= ${lastCutoff(cutoffs)}::timestamptz
            ${activeSince(
              sql`a.person_id`,
              sql`select person_id from skill_assessments where org_id = ${orgId} and programme_id = ${programmeId}`,
              cutoffs,
              options,
            )}`),
      );
      return rows.map(({ period, ...r }) => ({
        period: Number(period),
        record: { ...r, before: Number(r.before), after: Number(r.after) },
      }));
    },
    totals: {
      of: (records) => {
        const sums = { n: 0, sumBefore: 0, sumAfter: 0, sumSquaredDifference: 0 };
        for (const r of records) {
          sums.n += 1;
          sums.sumBefore += r.before;
          sums.sumAfter += r.after;
          sums.sumSquaredDifference += (r.after - r.before) ** 2;
        }
        return sums;
      },
      add: (a, b) => ({
        n: a.n + b.n,
        sumBefore: a.sumBefore + b.sumBefore,
        sumAfter: a.sumAfter + b.sumAfter,
        sumSquaredDifference: a.sumSquaredDifference + b.sumSquaredDifference,
      }),
      figures: (sums) => {
        const d = pairedDifferenceFromSums(sums);
        return {
          pairs: d.n,
          before: round(d.meanBefore, 2),
          after: round(d.meanAfter, 2),
          uplift: round(d.estimate, 2),
          lower: round(d.lower, 2),
          upper: round(d.upper, 2),
          p: round(d.p, 4),
        };
      },
    },
  });
}

/** A plain sentence for one uplift, honest about its interval. */
export function readUplift(who: string, f: SkillsFigures & { people: number }) {
  if (f.uplift === null) return `${who}: too few answers to say.`;
  const change =
    f.uplift === 0
      ? 'no change'
      : `${f.uplift > 0 ? 'a rise' : 'a fall'} of ${Math.abs(f.uplift).toFixed(2)} points`;
  const sure =
    f.lower === null || f.upper === null
      ? ''
      : f.lower > 0
        ? ' The whole 95% interval is above zero.'
        : f.upper < 0
          ? ' The whole 95% interval is below zero.'
          : ' The 95% interval includes zero, so chance alone could explain it.';
  const interval = f.lower === null ? '' : ` (95% interval ${f.lower.toFixed(2)} to ${f.upper?.toFixed(2)})`;
  return `${who} rated themselves ${f.before?.toFixed(2)} of 5 at enrolment and ${f.after?.toFixed(2)} later: ${change}${interval}, from ${f.pairs} before-and-after answers by ${f.people} people.${sure}`;
}

function stageView(t: PublishedTable<SkillsFigures>, stage: string) {
  return {
    overall: group(t.cell({ stage })),
    bySide: rowsOfBreakdown(t, 'side', { stage }),
    byCategory: rowsOfBreakdown(t, 'category', { stage }),
    byTopic: rowsOfBreakdown(t, 'topic', { stage }),
  };
}

export async function skillsReport(db: Db, actor: Actor, programmeId: string, now = new Date()) {
  const { programme, k } = await reportScope(db, actor, programmeId);
  const t = await readPublished(
    db,
    { orgId: actor.orgId, programmeId },
    skillsSource(actor.orgId, programmeId, programme.kind),
    {
      minimumPeople: k,
      now,
    },
  );
  // The headline: leaders' digital fluency in a reverse programme, else the whole programme, at closing.
  const stage = t.values('stage').includes('closing') ? 'closing' : 'midpoint';
  const reverse = programme.kind === 'reverse';
  const cell = reverse ? t.cell({ stage, side: 'mentee', category: DIGITAL }) : t.cell({ stage });
  const who = reverse ? 'Leaders (digital topics)' : 'Participants';
  const headline = cell.shown
    ? {
        shown: true as const,
        stage,
        who,
        people: cell.people,
        ...cell.figures,
        reading: readUplift(who, { ...cell.figures, people: cell.people }),
      }
    : { shown: false as const, stage, who, reason: cell.reason };
  await audit(db, actor, programmeId, 'skills');
  return {
    ...publishedHeader(programmeId, k, t),
    kind: programme.kind,
    level: CONFIDENCE,
    method: `${PAIRED_METHOD}: each person's rating at the midpoint or at closing paired with their own at enrolment, topic by topic (1 to 5 on anchored descriptions)`,
    caveat: caveats.selfAssessment,
    headline,
    midpoint: stageView(t, 'midpoint'),
    closing: stageView(t, 'closing'),
  };
}
