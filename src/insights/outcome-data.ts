// What the outcome statistics need from the database, aggregated in SQL so a report on
// 200,000 people reads rows per group of identical people, never one per person, and
// no names, notes or answers at all. The caller has already authorised the reader and
// loaded the programme (requireProgramme); every query is scoped by its organisation.
import { type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { rowsOf } from '../db/rows.js';
import { type Coarsening, defaultCoarsening } from './statistics/comparison-group.js';
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
  /** What is followed: leaving (retention, the default) or a first promotion. */
  event?: 'leaving' | 'promotion';
}

export interface RetentionData {
  origin: string;
  analysisDate: string;
  /** One row per group of identical people (count), ready for analyseRetention. */
  subjects: RetentionSubject[];
}

/** Relationships in which both people took part: accepted, whatever happened after. */
const TOOK_PART = sql.raw(`('active', 'paused', 'closed')`);

const YEAR_DAYS = 365.25;

/**
 * A banded value as SQL: the band's representative (its lower bound) for `value`, so a
 * grouped row lands in the same matching cell as each person it stands for. `from` lists
 * where each band starts, in the unit of `value`, with the representative to give it.
 */
function bandSql(value: SQL, from: readonly { at: number; is: number }[]) {
  // Our own numeric constants, written into the SQL so the result is a number, not a parameter's text.
  const n = (x: number) => sql.raw(String(Number(x)));
  const sorted = [...from].sort((a, b) => b.at - a.at);
  const cases = sorted.map((b) => sql`when ${value} >= ${n(b.at)} then ${n(b.is)}`);
  const lowest = sorted.at(-1)?.is ?? 0;
  return sql.join([sql`case when ${value} is null then null`, ...cases, sql`else ${n(lowest)} end`], sql` `);
}

// Tenure in whole days: a band starts at its bound in days rounded up, exact because days are whole.
const tenureBandSql = (days: SQL, c: Coarsening) =>
  bandSql(days, [
    { at: 0, is: 0 },
    ...c.tenureBands.map((years) => ({ at: Math.ceil(years * YEAR_DAYS), is: years })),
  ]);
const generationSql = (birthYear: SQL, c: Coarsening) =>
  bandSql(
    birthYear,
    c.generations.map((g) => ({ at: g.from, is: g.from })),
  );

/**
 * Everyone employed on the programme's start day, as grouped survival rows: one row per
 * matching cell (department, job level, tenure band, generation), side, days followed and
 * whether the event happened, with a count and the sums of exact tenure and birth year that
 * the balance table needs. People who took part only on the other side are left out, so they
 * count neither as participants nor as others.
 *
 * Job level is the level held on the start day: the level before the first promotion after
 * it, else today's. For leaving, follow-up ends at the leave date or `asOf`; for promotion,
 * at the first promotion after the start (the event), or at leaving or `asOf` (censored).
 */
export async function loadRetentionData(
  db: Queryable,
  programme: ProgrammeRef,
  options: RetentionOptions,
  coarsening: Coarsening = defaultCoarsening,
): Promise<RetentionData> {
  const side = options.side ?? 'all';
  const asOf = options.asOf;
  const ends =
    (options.event ?? 'leaving') === 'leaving'
      ? {
          days: sql`(least(coalesce(leave_date, ${asOf}::date), ${asOf}::date) - ${programme.cohortStart}::date)`,
          happened: sql`coalesce(leave_date <= ${asOf}::date, false)`,
        }
      : {
          days: sql`(least(coalesce(promoted_on, ${asOf}::date), coalesce(leave_date, ${asOf}::date), ${asOf}::date) - ${programme.cohortStart}::date)`,
          happened: sql`coalesce(promoted_on <= ${asOf}::date and (leave_date is null or promoted_on <= leave_date), false)`,
        };
  // Tenure in whole days (integer arithmetic is what makes this fast); bands compare days with
  // each bound in days rounded up, which is exact because days are whole.
  const tenureDays = sql`(${programme.cohortStart}::date - p.hire_date)`;
  const rows = rowsOf<{
    department: string | null;
    job_level: number;
    tenure_band: number | null;
    generation: number | null;
    participant: boolean;
    days: number;
    left: boolean;
    n: number;
    tenure_n: number;
    tenure_sum: number | null;
    tenure_sq: number | null;
    birth_n: number;
    birth_sum: number | null;
    birth_sq: number | null;
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
      first_rise as (
        select distinct on (person_id) person_id, from_level, effective_on
        from promotions
        where org_id = ${programme.orgId} and effective_on > ${programme.cohortStart}::date
        order by person_id, effective_on, from_level
      ),
      cohort as (
        select p.department, coalesce(r.from_level, p.job_level) as job_level, p.birth_year,
               r.effective_on as promoted_on,
               ${tenureDays} as tenure_days,
               coalesce(t.on_side, false) as participant,
               t.person_id is not null as in_programme,
               p.leave_date
        from people p
        left join took_part t on t.person_id = p.id
        left join first_rise r on r.person_id = p.id
        where p.org_id = ${programme.orgId}
          and (p.hire_date is null or p.hire_date <= ${programme.cohortStart}::date)
          and (p.leave_date is null or p.leave_date > ${programme.cohortStart}::date)
      )
      select department, job_level,
             ${tenureBandSql(sql`tenure_days`, coarsening)} as tenure_band,
             ${generationSql(sql`birth_year`, coarsening)} as generation,
             participant,
             ${ends.days}::int as days,
             ${ends.happened} as left,
             count(*)::int as n,
             count(tenure_days)::int as tenure_n, sum(tenure_days)::float8 as tenure_sum,
             sum(tenure_days::int8 * tenure_days)::float8 as tenure_sq,
             count(birth_year)::int as birth_n, sum(birth_year)::float8 as birth_sum,
             sum(birth_year::float8 * birth_year) as birth_sq
      from cohort
      where participant or not in_programme
      group by 1, 2, 3, 4, 5, 6, 7`),
  );
  return {
    origin: programme.cohortStart,
    analysisDate: asOf,
    subjects: rows.map((r) => ({
      department: r.department,
      jobLevel: Number(r.job_level),
      // Stand-ins inside the band: the exact values are summed in `moments`.
      birthYear: Number(r.birth_n) ? Number(r.generation) : null,
      tenureYears: Number(r.tenure_n) ? Number(r.tenure_band) : null,
      participant: r.participant,
      days: Number(r.days),
      left: r.left,
      count: Number(r.n),
      moments: {
        tenureYears: {
          n: Number(r.tenure_n),
          sum: Number(r.tenure_sum ?? 0) / YEAR_DAYS,
          sumSq: Number(r.tenure_sq ?? 0) / (YEAR_DAYS * YEAR_DAYS),
        },
        birthYear: { n: Number(r.birth_n), sum: Number(r.birth_sum ?? 0), sumSq: Number(r.birth_sq ?? 0) },
      },
    })),
  };
}
