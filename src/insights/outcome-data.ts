// What the outcome statistics need from the database, aggregated in SQL so a report on
// 200,000 people reads rows per group of identical people, never one per person, and
// no names, notes or answers at all. The caller has already authorised the reader and
// loaded the programme (requireProgramme); every query is scoped by its organisation.
import { sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import type { RelationshipLearning } from './statistics/reciprocity.js';
import type { RetentionSubject } from './statistics/retention.js';

export interface ProgrammeRef {
  id: string;
  orgId: string;
  /** The programme's start: the origin of follow-up. */
  cohortStart: string;
}

export interface RetentionOptions {
  /** Follow-up ends here (YYYY-MM-DD), usually today. */
  asOf: string;
  /** Which participants to compare with people outside the programme. */
  side?: 'all' | 'mentor' | 'mentee';
}

export interface RetentionData {
  origin: string;
  analysisDate: string;
  /** One row per group of identical people (count), ready for analyseRetention. */
  subjects: RetentionSubject[];
}

/** Relationships in which both people took part: accepted, whatever happened after. */
const TOOK_PART = sql.raw(`('active', 'paused', 'closed')`);

/**
 * Everyone employed on the programme's start day, as grouped survival rows: department,
 * job level, birth year, whole years of tenure, whether they took part (on the chosen
 * side), days followed and whether they left. People who took part only on the other
 * side are left out, so they count neither as participants nor as others.
 */
export async function loadRetentionData(
  db: Queryable,
  programme: ProgrammeRef,
  options: RetentionOptions,
): Promise<RetentionData> {
  const side = options.side ?? 'all';
  const asOf = options.asOf;
  const rows = rowsOf<{
    department: string | null;
    job_level: number;
    birth_year: number | null;
    tenure_years: number | null;
    participant: boolean;
    days: number;
    left: boolean;
    n: number;
  }>(
    await db.execute(sql`
      with took_part as (
        select person_id, bool_or(${side}::text = 'all' or side = ${side}::text) as on_side
        from (
          select mentor_id as person_id, 'mentor' as side from relationships
          where org_id = ${programme.orgId} and programme_id = ${programme.id} and status in ${TOOK_PART}
          union all
          select mentee_id, 'mentee' from relationships
          where org_id = ${programme.orgId} and programme_id = ${programme.id} and status in ${TOOK_PART}
        ) sides
        group by person_id
      ),
      cohort as (
        select p.department, p.job_level, p.birth_year,
               floor((${programme.cohortStart}::date - p.hire_date) / 365.25)::int as tenure_years,
               coalesce(t.on_side, false) as participant,
               t.person_id is not null as in_programme,
               p.leave_date
        from people p
        left join took_part t on t.person_id = p.id
        where p.org_id = ${programme.orgId}
          and (p.hire_date is null or p.hire_date <= ${programme.cohortStart}::date)
          and (p.leave_date is null or p.leave_date > ${programme.cohortStart}::date)
      )
      select department, job_level, birth_year, tenure_years, participant,
             (case when leave_date <= ${asOf}::date then leave_date else ${asOf}::date end
               - ${programme.cohortStart}::date)::int as days,
             coalesce(leave_date <= ${asOf}::date, false) as left,
             count(*)::int as n
      from cohort
      where participant or not in_programme
      group by 1, 2, 3, 4, 5, 6, 7
      order by 1, 2, 3, 4, 5, 6, 7`),
  );
  return {
    origin: programme.cohortStart,
    analysisDate: asOf,
    subjects: rows.map((r) => ({
      department: r.department,
      jobLevel: Number(r.job_level),
      birthYear: r.birth_year === null ? null : Number(r.birth_year),
      tenureYears: r.tenure_years === null ? null : Number(r.tenure_years),
      participant: r.participant,
      days: Number(r.days),
      left: r.left,
      count: Number(r.n),
    })),
  };
}

/**
 * Learning-log entries of each accepted relationship, counted by who wrote them
 * (mentor first), for the reciprocity index. Counts only: no entry text is read.
 */
export async function loadLearningBalance(
  db: Queryable,
  programme: ProgrammeRef,
): Promise<RelationshipLearning[]> {
  const rows = rowsOf<{ first: number; second: number }>(
    await db.execute(sql`
      select count(*) filter (where l.learner_id = r.mentor_id)::int as first,
             count(*) filter (where l.learner_id = r.mentee_id)::int as second
      from relationships r
      left join learning_entries l on l.relationship_id = r.id and l.org_id = r.org_id
      where r.org_id = ${programme.orgId} and r.programme_id = ${programme.id} and r.status in ${TOOK_PART}
      group by r.id
      order by r.id`),
  );
  return rows.map((r) => ({ firstLearned: Number(r.first), secondLearned: Number(r.second) }));
}
