// Kaplan-Meier survival curves with Greenwood's variance and 95% intervals on the log
// scale (R survfit's default conf.type = "log": S * exp(±1.96 · se(log S)), capped at 1),
// and the median with its interval read off the curve and its bands as R does.
import { normalQuantile } from './distributions.js';
import { CONFIDENCE, type Figure, finiteOrNull, type Interval } from './result.js';
import { assertSurvivalData, countOf, orderByStratumAndTime, type SurvivalData } from './survival-data.js';

export interface KaplanMeierCurve extends Figure {
  /** Weighted events seen. */
  events: number;
  /** Every distinct time with someone at risk ending there (events and censorings). */
  time: number[];
  atRisk: number[];
  eventsAt: number[];
  censoredAt: number[];
  survival: number[];
  /** Standard error of log S(t) (Greenwood or robust); for Greenwood, R's `std.err`. */
  stdErr: number[];
  /** Band bounds; NaN where undefined (S = 0), which JSON carries as null. */
  lower: number[];
  upper: number[];
  median: Interval & { estimate: number | null };
}

export const KAPLAN_MEIER_METHOD =
  'Kaplan-Meier estimate with Greenwood variance; 95% pointwise interval on the log scale';
export const KAPLAN_MEIER_ROBUST_METHOD =
  'Weighted Kaplan-Meier estimate with robust (infinitesimal jackknife) variance; 95% pointwise interval on the log scale';

export interface KaplanMeierOptions {
  /**
   * 'greenwood' treats weights as frequencies (R: survfit with robust = FALSE); 'robust'
   * is the infinitesimal jackknife, right for matching weights; 'auto' (the default) is
   * R's rule: robust when any weight is not a whole number.
   */
  variance?: 'auto' | 'greenwood' | 'robust';
}

/** One Kaplan-Meier curve; strata are ignored here (one curve per call). */
export function kaplanMeier(
  data: Omit<SurvivalData, 'stratum'>,
  caveat = 'A curve shows who stayed in this group over time; it does not say why.',
  options: KaplanMeierOptions = {},
): KaplanMeierCurve {
  assertSurvivalData(data);
  const order = orderByStratumAndTime(data);
  const { time: t, event: e, weight: w } = data;
  const unitWeight = (i: number) => (w ? (w[i] as number) : 1);
  const weightOf = (i: number) => unitWeight(i) * countOf(data, i);
  let nRisk = 0;
  let people = 0;
  // Robust variance of log S(t): rows that have left add their fixed influence; rows still
  // at risk all share the running Greenwood sum A(t), so Var = fixed + A(t)^2 * (sum of w^2).
  let robust = options.variance === 'robust';
  let squaredAtRisk = 0;
  for (const i of order) {
    nRisk += weightOf(i);
    people += countOf(data, i);
    squaredAtRisk += unitWeight(i) * unitWeight(i) * countOf(data, i);
    if ((options.variance ?? 'auto') === 'auto' && !Number.isInteger(unitWeight(i))) robust = true;
  }
  let fixedInfluence = 0;
  const z = normalQuantile(1 - (1 - CONFIDENCE) / 2);
  const out = {
    time: [] as number[],
    atRisk: [] as number[],
    eventsAt: [] as number[],
    censoredAt: [] as number[],
    survival: [] as number[],
    stdErr: [] as number[],
    lower: [] as number[],
    upper: [] as number[],
  };
  let s = 1;
  let greenwood = 0;
  let totalEvents = 0;
  let k = 0;
  while (k < order.length) {
    const now = t[order[k] as number] as number;
    let d = 0;
    let c = 0;
    const first = k;
    while (k < order.length && t[order[k] as number] === now) {
      const i = order[k] as number;
      const wi = weightOf(i);
      if (e[i] === 1) d += wi;
      else c += wi;
      k++;
    }
    if (d > 0) {
      s *= 1 - d / nRisk;
      greenwood += nRisk > d ? d / (nRisk * (nRisk - d)) : Number.POSITIVE_INFINITY;
    }
    if (robust) {
      for (let r = first; r < k; r++) {
        const i = order[r] as number;
        const influence = greenwood - (e[i] === 1 ? 1 / (nRisk - d) : 0);
        const w2 = unitWeight(i) * unitWeight(i) * countOf(data, i);
        fixedInfluence += w2 * influence * influence;
        squaredAtRisk -= w2;
      }
    }
    totalEvents += d;
    const variance = robust ? fixedInfluence + greenwood * greenwood * Math.max(0, squaredAtRisk) : greenwood;
    const se = s > 0 ? Math.sqrt(variance) : Number.NaN;
    out.time.push(now);
    out.atRisk.push(nRisk);
    out.eventsAt.push(d);
    out.censoredAt.push(c);
    out.survival.push(s);
    out.stdErr.push(s > 0 ? se : Number.NaN);
    out.lower.push(s > 0 ? s * Math.exp(-z * se) : Number.NaN);
    out.upper.push(s > 0 ? Math.min(1, s * Math.exp(z * se)) : Number.NaN);
    nRisk -= d + c;
  }
  const lastTime = out.time.length > 0 ? (out.time[out.time.length - 1] as number) : 0;
  const quantile = (curve: number[]) => finiteOrNull(curveQuantile(out.time, curve, 0.5, lastTime));
  return {
    n: people,
    events: totalEvents,
    method: robust ? KAPLAN_MEIER_ROBUST_METHOD : KAPLAN_MEIER_METHOD,
    caveat,
    ...out,
    median: {
      estimate: quantile(out.survival),
      lower: quantile(out.lower),
      upper: quantile(out.upper),
      level: CONFIDENCE,
    },
  };
}

const TOLERANCE = Math.sqrt(Number.EPSILON);

/**
 * The time at which a curve first falls to 1 - p (R's survival:::findq): where the curve
 * sits exactly at that level over an interval, the midpoint of the interval.
 */
export function curveQuantile(time: number[], surv: number[], p: number, lastTime: number): number {
  // Failure F = 1 - S from the origin (0, 0), without undefined points or repeated levels.
  const x: number[] = [0];
  const y: number[] = [0];
  const seen = new Set<number>([0]);
  for (let i = 0; i < time.length; i++) {
    const f = 1 - (surv[i] as number);
    if (Number.isNaN(f)) continue;
    if (seen.has(f)) continue;
    seen.add(f);
    x.push(time[i] as number);
    y.push(f);
  }
  let max = Number.NEGATIVE_INFINITY;
  for (const f of y) max = Math.max(max, f);
  if (max < p) return Number.NaN;
  const first = (shift: number) => y.findIndex((f) => f + shift >= p);
  const i1 = first(TOLERANCE);
  const i2 = first(-TOLERANCE);
  if (i1 < 0) return Number.NaN;
  const n = y.length;
  if (Math.abs(p - (y[n - 1] as number)) < TOLERANCE) return ((x[i1] as number) + lastTime) / 2;
  if (i2 < 0) return Number.NaN;
  return ((x[i1] as number) + (x[i2] as number)) / 2;
}
