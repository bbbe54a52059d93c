// The comparison group by coarsened exact matching (Iacus, King and Porro 2012): people
// are put into cells by department, job level, tenure band and generation; cells with
// both participants and non-participants are kept (each cell a matched set), the rest
// dropped; participants weigh 1 and the non-participants of a cell share weight so that
// each cell's comparison group counts as much as its participants do.
import { CONFIDENCE, type Figure } from './result.js';

export interface MatchingSubject {
  participant: boolean;
  department: string | null;
  jobLevel: number;
  /** Years employed at the origin (the programme's start); null when the hire date is unknown. */
  tenureYears: number | null;
  birthYear: number | null;
  /** How many identical people this subject stands for (1 when absent). */
  count?: number;
  /**
   * When a subject stands for people who share only their cell (tenure band and generation,
   * not exact tenure and birth year), the sums over them that the balance table needs; the
   * subject's own tenureYears and birthYear then only place it in its cell.
   */
  moments?: Record<'tenureYears' | 'birthYear', Moments>;
}

/** Over the people with a known value: how many, their sum and their sum of squares. */
export interface Moments {
  n: number;
  sum: number;
  sumSq: number;
}

export interface Coarsening {
  /** Upper bounds (years, exclusive) of the tenure bands; a last open band follows. */
  tenureBands: number[];
  /** First birth year of each generation, oldest first. */
  generations: { name: string; from: number }[];
  /** Job levels per band (1 matches levels exactly). */
  jobLevelWidth: number;
}

export const defaultCoarsening: Coarsening = {
  tenureBands: [1, 3, 5, 10],
  generations: [
    { name: 'Baby Boomers', from: 0 },
    { name: 'Generation X', from: 1965 },
    { name: 'Millennials', from: 1981 },
    { name: 'Generation Z', from: 1997 },
  ],
  jobLevelWidth: 1,
};

export interface BalanceRow {
  variable: 'jobLevel' | 'tenureYears' | 'birthYear';
  /** Standardised mean difference, participants minus others, before and after matching. */
  before: number | null;
  after: number | null;
}

export interface ComparisonGroup extends Figure {
  /** Matched set of each subject, -1 where unmatched. */
  stratum: Int32Array;
  /** CEM weight of each subject, 0 where unmatched. */
  weight: Float64Array;
  strata: number;
  participants: { total: number; matched: number };
  others: { total: number; matched: number };
  balance: BalanceRow[];
  level: typeof CONFIDENCE;
}

export const CEM_METHOD =
  'Coarsened exact matching on department, job level, tenure band and generation, with CEM weights';

function band(value: number, upperBounds: number[]): number {
  let i = 0;
  while (i < upperBounds.length && value >= (upperBounds[i] as number)) i++;
  return i;
}

function generationOf(birthYear: number, generations: Coarsening['generations']): string {
  let name = generations[0]?.name ?? '';
  for (const g of generations) if (birthYear >= g.from) name = g.name;
  return name;
}

/** The cell a subject falls in; unknown values are a category of their own. */
export function cellKey(s: MatchingSubject, c: Coarsening = defaultCoarsening): string {
  return [
    s.department ?? '?',
    Math.floor((s.jobLevel - 1) / c.jobLevelWidth),
    s.tenureYears === null ? '?' : band(s.tenureYears, c.tenureBands),
    s.birthYear === null ? '?' : generationOf(s.birthYear, c.generations),
  ].join('\u0000');
}

export function matchComparisonGroup(
  subjects: readonly MatchingSubject[],
  coarsening: Coarsening = defaultCoarsening,
  caveat = 'Matching makes the groups alike in department, level, tenure and generation only; participants who found no match are left out.',
): ComparisonGroup {
  const n = subjects.length;
  const cells = new Map<string, { id: number; treated: number; controls: number }>();
  const cellOf = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const s = subjects[i] as MatchingSubject;
    const key = cellKey(s, coarsening);
    let cell = cells.get(key);
    if (!cell) {
      cell = { id: cells.size, treated: 0, controls: 0 };
      cells.set(key, cell);
    }
    if (s.participant) cell.treated += s.count ?? 1;
    else cell.controls += s.count ?? 1;
    cellOf[i] = cell.id;
  }
  const byId = [...cells.values()];
  // Matched sets are numbered densely in order of first appearance.
  const setOf = new Int32Array(byId.length).fill(-1);
  let strata = 0;
  let matchedTreated = 0;
  let matchedControls = 0;
  for (const cell of byId) {
    if (cell.treated > 0 && cell.controls > 0) {
      setOf[cell.id] = strata++;
      matchedTreated += cell.treated;
      matchedControls += cell.controls;
    }
  }
  const stratum = new Int32Array(n);
  const weight = new Float64Array(n);
  let totalTreated = 0;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const s = subjects[i] as MatchingSubject;
    total += s.count ?? 1;
    if (s.participant) totalTreated += s.count ?? 1;
    const cell = byId[cellOf[i] as number] as (typeof byId)[number];
    const set = setOf[cell.id] as number;
    stratum[i] = set;
    if (set < 0) continue;
    weight[i] = s.participant ? 1 : (cell.treated / cell.controls) * (matchedControls / matchedTreated);
  }
  const balance = (['jobLevel', 'tenureYears', 'birthYear'] as const).map((variable) => ({
    variable,
    before: standardisedDifference(subjects, variable, null),
    after: standardisedDifference(subjects, variable, weight),
  }));
  return {
    n: matchedTreated + matchedControls,
    method: CEM_METHOD,
    caveat,
    stratum,
    weight,
    strata,
    participants: { total: totalTreated, matched: matchedTreated },
    others: { total: total - totalTreated, matched: matchedControls },
    balance,
    level: CONFIDENCE,
  };
}

function momentsOf(s: MatchingSubject, variable: BalanceRow['variable']): Moments {
  if (variable !== 'jobLevel' && s.moments) return s.moments[variable];
  const v = s[variable];
  const c = s.count ?? 1;
  return v === null ? { n: 0, sum: 0, sumSq: 0 } : { n: c, sum: c * v, sumSq: c * v * v };
}

/** (mean participants - mean others) / pooled SD before matching; weighted means when weights are given. */
function standardisedDifference(
  subjects: readonly MatchingSubject[],
  variable: BalanceRow['variable'],
  weight: Float64Array | null,
): number | null {
  const stats = [0, 1].map(() => ({ w: 0, sum: 0, n: 0, raw: 0, sumSq: 0 }));
  for (let i = 0; i < subjects.length; i++) {
    const s = subjects[i] as MatchingSubject;
    const m = momentsOf(s, variable);
    if (!m.n) continue;
    const w = weight ? (weight[i] as number) : 1;
    const g = stats[s.participant ? 1 : 0] as (typeof stats)[number];
    g.w += w * m.n;
    g.sum += w * m.sum;
    g.n += m.n;
    g.raw += m.sum;
    g.sumSq += m.sumSq;
  }
  // The scale is always the unweighted, before-matching spread, so before and after compare.
  const spread = stats.map((g) => {
    const mean = g.raw / g.n;
    return g.n > 1 ? (g.sumSq - g.n * mean * mean) / (g.n - 1) : Number.NaN;
  });
  const [c, t] = stats as [(typeof stats)[number], (typeof stats)[number]];
  const pooled = Math.sqrt(((spread[0] as number) + (spread[1] as number)) / 2);
  const d = (t.sum / t.w - c.sum / c.w) / pooled;
  return Number.isFinite(d) ? d : null;
}
