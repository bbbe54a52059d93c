// Retention of participants against comparable non-participants: the comparison group by
// coarsened exact matching, weighted Kaplan-Meier curves for both groups, the log-rank
// test within matched sets and the Cox hazard ratio stratified by matched set.
// Time starts at the programme's start for everyone employed then (so no one is credited
// with time before they could have taken part) and ends at leaving or at the analysis date.
import {
  type Coarsening,
  type ComparisonGroup,
  defaultCoarsening,
  type MatchingSubject,
  matchComparisonGroup,
} from './comparison-group.js';
import { type CoxModel, coxRegression } from './cox.js';
import { type KaplanMeierCurve, kaplanMeier } from './kaplan-meier.js';
import { type LogRankTest, logRank } from './log-rank.js';
import { CONFIDENCE, caveats, type Figure, type Interval } from './result.js';

export interface PersonDates {
  participant: boolean;
  department: string | null;
  jobLevel: number;
  /** ISO dates (YYYY-MM-DD). */
  hireDate: string | null;
  leaveDate: string | null;
  birthYear: number | null;
}

export interface RetentionSubject extends MatchingSubject {
  /** Days from the origin to leaving, or to the analysis date for those still employed. */
  days: number;
  left: boolean;
}

export interface HazardRatio extends Figure, Interval {
  estimate: number | null;
  p: number | null;
  events: number;
  converged: boolean;
}

export interface RetentionAnalysis extends Figure {
  origin: string;
  analysisDate: string;
  matching: Omit<ComparisonGroup, 'stratum' | 'weight'>;
  curves: { participants: KaplanMeierCurve; others: KaplanMeierCurve };
  logRank: LogRankTest;
  /** Participants against matched others, within matched sets: the figure to show. */
  hazardRatio: HazardRatio;
  /** Participants against everyone else, before matching: shown only beside the matched figure. */
  unadjusted: HazardRatio;
}

const DAY = 86_400_000;
const YEAR_DAYS = 365.25;

function dayNumber(iso: string, field: string): number {
  const ms = Date.parse(`${iso}T00:00:00Z`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso) || Number.isNaN(ms))
    throw new RangeError(`${field}: must be a date YYYY-MM-DD`);
  return Math.round(ms / DAY);
}

/**
 * Follow-up from HR dates: people employed on the origin day (hired on or before it, not
 * yet left), followed to their leave date or, when later or absent, to the analysis date.
 */
export function retentionSubjects(
  people: readonly PersonDates[],
  origin: string,
  analysisDate: string,
): RetentionSubject[] {
  const start = dayNumber(origin, 'origin');
  const end = dayNumber(analysisDate, 'analysisDate');
  if (end <= start) throw new RangeError('analysisDate: must be after the origin');
  const out: RetentionSubject[] = [];
  for (const [i, p] of people.entries()) {
    const hired = p.hireDate === null ? null : dayNumber(p.hireDate, `people[${i}].hireDate`);
    const left = p.leaveDate === null ? null : dayNumber(p.leaveDate, `people[${i}].leaveDate`);
    if (hired !== null && hired > start) continue;
    if (left !== null && left <= start) continue;
    const leftInWindow = left !== null && left <= end;
    out.push({
      participant: p.participant,
      department: p.department,
      jobLevel: p.jobLevel,
      birthYear: p.birthYear,
      tenureYears: hired === null ? null : (start - hired) / YEAR_DAYS,
      days: leftInWindow ? (left as number) - start : end - start,
      left: leftInWindow,
    });
  }
  return out;
}

export const RETENTION_METHOD =
  'Matched comparison (coarsened exact matching); Kaplan-Meier with Greenwood intervals; log-rank and Cox stratified by matched set';

function hazardRatioOf(model: CoxModel): HazardRatio {
  const c = model.coefficients[0];
  const usable = model.converged && c !== undefined && Number.isFinite(c.se);
  return {
    n: model.n,
    method: model.method,
    caveat: caveats.volunteers,
    events: model.events,
    converged: model.converged,
    estimate: usable ? c.hazardRatio : null,
    lower: usable ? c.lower : null,
    upper: usable ? c.upper : null,
    p: usable ? c.p : null,
    level: CONFIDENCE,
  };
}

export function analyseRetention(
  subjects: readonly RetentionSubject[],
  period: { origin: string; analysisDate: string },
  coarsening: Coarsening = defaultCoarsening,
): RetentionAnalysis {
  const matching = matchComparisonGroup(subjects, coarsening);
  const matched: number[] = [];
  for (let i = 0; i < subjects.length; i++) if ((matching.stratum[i] as number) >= 0) matched.push(i);
  const m = matched.length;
  const time = new Float64Array(m);
  const event = new Uint8Array(m);
  const group = new Uint8Array(m);
  const stratum = new Int32Array(m);
  const weight = new Float64Array(m);
  const count = new Float64Array(m);
  for (const [r, i] of matched.entries()) {
    const s = subjects[i] as RetentionSubject;
    count[r] = s.count ?? 1;
    time[r] = s.days;
    event[r] = s.left ? 1 : 0;
    group[r] = s.participant ? 1 : 0;
    stratum[r] = matching.stratum[i] as number;
    weight[r] = matching.weight[i] as number;
  }
  const curve = (g: number, caveat: string) => {
    const w = weight.map((x, r) => (group[r] === g ? x : 0));
    return kaplanMeier({ time, event, weight: w, count }, caveat);
  };
  const all = {
    time: Float64Array.from(subjects, (s) => s.days),
    event: Uint8Array.from(subjects, (s) => (s.left ? 1 : 0)),
    count: Float64Array.from(subjects, (s) => s.count ?? 1),
    covariates: [Float64Array.from(subjects, (s) => (s.participant ? 1 : 0))],
    names: ['participant'],
  };
  const { stratum: _s, weight: _w, ...summary } = matching;
  return {
    n: matching.n,
    method: RETENTION_METHOD,
    caveat: caveats.volunteers,
    origin: period.origin,
    analysisDate: period.analysisDate,
    matching: summary,
    curves: {
      participants: curve(1, 'Participants who found a match, followed from the programme start.'),
      others: curve(0, 'Matched non-participants, weighted to resemble the participants.'),
    },
    logRank: logRank({ time, event, group, stratum, count }, caveats.volunteers),
    hazardRatio: hazardRatioOf(
      coxRegression({
        time,
        event,
        stratum,
        count,
        covariates: [Float64Array.from(group)],
        names: ['participant'],
      }),
    ),
    unadjusted: {
      ...hazardRatioOf(coxRegression(all)),
      caveat:
        'Before matching: participants against everyone else, so differences in who volunteers are mixed in.',
    },
  };
}
