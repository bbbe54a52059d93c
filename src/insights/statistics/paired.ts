// Skills uplift: the mean of after-minus-before differences (self-assessments of 1-5 per
// person and topic) with a 95% t interval (R t.test(after, before, paired = TRUE)).
import { tQuantile, tTwoSided } from './distributions.js';
import { CONFIDENCE, caveats, type Figure, finiteOrNull, type Interval } from './result.js';

export interface PairedDifference extends Figure, Interval {
  meanBefore: number | null;
  meanAfter: number | null;
  /** Mean of after minus before. */
  estimate: number | null;
  sd: number | null;
  t: number | null;
  df: number;
  p: number | null;
}

export const PAIRED_METHOD = 'Mean paired difference (after minus before) with a 95% t interval';

/** The figure from the count, both sums and the squared deviations of the differences (`ss`). */
function fromMoments(
  n: number,
  sumBefore: number,
  sumAfter: number,
  ss: number,
  caveat: string,
): PairedDifference {
  const mean = (sumAfter - sumBefore) / n;
  const df = n - 1;
  const sd = df > 0 ? Math.sqrt(ss / df) : Number.NaN;
  const se = sd / Math.sqrt(n);
  const t = mean / se;
  const half = df > 0 ? tQuantile(1 - (1 - CONFIDENCE) / 2, df) * se : Number.NaN;
  const p = df > 0 ? (se > 0 ? tTwoSided(t, df) : mean === 0 ? Number.NaN : 0) : Number.NaN;
  return {
    n,
    method: PAIRED_METHOD,
    caveat,
    meanBefore: finiteOrNull(sumBefore / n),
    meanAfter: finiteOrNull(sumAfter / n),
    estimate: finiteOrNull(mean),
    sd: finiteOrNull(sd),
    t: finiteOrNull(t),
    df: Math.max(df, 0),
    p: finiteOrNull(p),
    lower: finiteOrNull(mean - half),
    upper: finiteOrNull(mean + half),
    level: CONFIDENCE,
  };
}

/** Uplift from matched before/after answers; needs at least two pairs for an interval. */
export function pairedDifference(
  before: ArrayLike<number>,
  after: ArrayLike<number>,
  caveat: string = caveats.selfAssessment,
): PairedDifference {
  if (before.length !== after.length) throw new RangeError('after: must have one entry per before');
  const n = before.length;
  let sumBefore = 0;
  let sumAfter = 0;
  for (let i = 0; i < n; i++) {
    const b = before[i] as number;
    const a = after[i] as number;
    if (!Number.isFinite(a) || !Number.isFinite(b))
      throw new RangeError(`before/after: entry ${i} must be finite`);
    sumBefore += b;
    sumAfter += a;
  }
  const mean = (sumAfter - sumBefore) / n;
  // Two-pass variance: differences of small integers lose nothing this way.
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const d = (after[i] as number) - (before[i] as number) - mean;
    ss += d * d;
  }
  return fromMoments(n, sumBefore, sumAfter, ss, caveat);
}

/** The sums a paired difference needs, so a database can send them instead of every answer. */
export interface PairedSums {
  n: number;
  sumBefore: number;
  sumAfter: number;
  /** Sum of (after - before) squared. */
  sumSquaredDifference: number;
}

/**
 * The same figure as `pairedDifference`, from sums. The variance is `(Σd² - (Σd)²/n) / (n - 1)`;
 * with answers of 1 to 5 every sum is a small whole number, so nothing is lost to rounding.
 */
export function pairedDifferenceFromSums(
  sums: PairedSums,
  caveat: string = caveats.selfAssessment,
): PairedDifference {
  const { n, sumBefore, sumAfter, sumSquaredDifference } = sums;
  const sumD = sumAfter - sumBefore;
  const ss = Math.max(0, sumSquaredDifference - (sumD * sumD) / n);
  return fromMoments(n, sumBefore, sumAfter, ss, caveat);
}
