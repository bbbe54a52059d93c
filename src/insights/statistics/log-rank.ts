// The log-rank test (R survdiff with rho = 0): observed against expected events per
// group under equal hazards, with the hypergeometric variance, optionally within strata
// (matched sets), summed over strata before the chi-square is formed.
import { chiSquareUpperTail } from './distributions.js';
import { addTo, cholesky, choleskySolve } from './linear-algebra.js';
import type { Figure } from './result.js';
import { assertSurvivalData, countOf, orderByStratumAndTime, type SurvivalData } from './survival-data.js';

export interface LogRankTest extends Figure {
  observed: number[];
  expected: number[];
  chiSquare: number;
  df: number;
  p: number;
}

export const LOG_RANK_METHOD = 'Log-rank test (chi-square on observed against expected leavers)';

/**
 * Compares survival across groups (codes 0..k-1). With strata, expected counts come from
 * each stratum's own risk sets, so groups are only compared with like.
 */
export function logRank(
  data: Omit<SurvivalData, 'weight'> & { group: ArrayLike<number> },
  caveat = 'A difference between groups does not show that taking part caused it.',
): LogRankTest {
  assertSurvivalData(data);
  if (data.group.length !== data.time.length) throw new RangeError('group: must have one entry per time');
  let k = 0;
  for (let i = 0; i < data.group.length; i++) {
    const g = data.group[i] as number;
    if (!Number.isInteger(g) || g < 0) throw new RangeError(`group: entry ${i} must be an integer code >= 0`);
    k = Math.max(k, g + 1);
  }
  const { time: t, event: e, group, stratum } = data;
  const order = orderByStratumAndTime(data);
  const observed = new Float64Array(k);
  const expected = new Float64Array(k);
  const variance = new Float64Array(k * k);
  const atRisk = new Float64Array(k);
  const deaths = new Float64Array(k);
  let people = 0;
  let start = 0;
  while (start < order.length) {
    // One stratum: everyone is at risk at its first time.
    const s = stratum ? stratum[order[start] as number] : 0;
    let end = start;
    let nRisk = 0;
    atRisk.fill(0);
    while (end < order.length && (stratum ? stratum[order[end] as number] : 0) === s) {
      const i = order[end] as number;
      addTo(atRisk, group[i] as number, countOf(data, i));
      nRisk += countOf(data, i);
      people += countOf(data, i);
      end++;
    }
    let j = start;
    while (j < end) {
      const now = t[order[j] as number] as number;
      deaths.fill(0);
      let d = 0;
      let leaving = j;
      while (leaving < end && t[order[leaving] as number] === now) {
        const i = order[leaving] as number;
        if (e[i] === 1) {
          addTo(deaths, group[i] as number, countOf(data, i));
          d += countOf(data, i);
        }
        leaving++;
      }
      if (d > 0) {
        const factor = nRisk > 1 ? (d * (nRisk - d)) / (nRisk - 1) : 0;
        for (let g = 0; g < k; g++) {
          addTo(observed, g, deaths[g] as number);
          const share = (atRisk[g] as number) / nRisk;
          addTo(expected, g, d * share);
          for (let h = 0; h < k; h++) {
            const other = (atRisk[h] as number) / nRisk;
            addTo(variance, g * k + h, factor * share * ((g === h ? 1 : 0) - other));
          }
        }
      }
      for (; j < leaving; j++) {
        const i = order[j] as number;
        addTo(atRisk, group[i] as number, -countOf(data, i));
        nRisk -= countOf(data, i);
      }
    }
    start = end;
  }
  // Chi-square on the first k - 1 groups (the last is determined by the others).
  const m = k - 1;
  let chiSquare = Number.NaN;
  if (m >= 1) {
    const v = new Float64Array(m * m);
    const diff = new Float64Array(m);
    for (let g = 0; g < m; g++) {
      diff[g] = (observed[g] as number) - (expected[g] as number);
      for (let h = 0; h < m; h++) v[g * m + h] = variance[g * k + h] as number;
    }
    const l = cholesky(v, m);
    if (l) {
      const x = choleskySolve(l, m, diff);
      chiSquare = 0;
      for (let g = 0; g < m; g++) chiSquare += (diff[g] as number) * (x[g] as number);
    }
  }
  return {
    n: people,
    method: stratum ? `${LOG_RANK_METHOD}, stratified by matched set` : LOG_RANK_METHOD,
    caveat,
    observed: Array.from(observed),
    expected: Array.from(expected),
    chiSquare,
    df: m,
    p: chiSquareUpperTail(chiSquare, m),
  };
}
