// Cox proportional hazards by Newton-Raphson on the partial likelihood, with Efron's
// handling of tied times (R coxph's default) or Breslow's, case weights and strata
// (each stratum its own baseline hazard). Wald intervals and p-values from the inverse
// information, as R's summary.coxph reports them.
import { chiSquareUpperTail, normalQuantile, normalUpperTail } from './distributions.js';
import { addTo, cholesky, choleskyInverse, choleskySolve } from './linear-algebra.js';
import { CONFIDENCE, type Figure, finiteOrNull } from './result.js';
import { assertSurvivalData, countOf, orderByStratumAndTime, type SurvivalData } from './survival-data.js';

export interface CoxInput extends SurvivalData {
  /** One column per covariate, each with one entry per person. */
  covariates: ArrayLike<number>[];
  names?: string[];
}

export interface CoxOptions {
  ties?: 'efron' | 'breslow';
  maxIterations?: number;
}

export interface CoxCoefficient {
  name: string;
  coef: number;
  se: number;
  hazardRatio: number;
  lower: number | null;
  upper: number | null;
  level: 0.95;
  z: number;
  p: number;
}

export interface CoxModel extends Figure {
  /** Weighted events. */
  events: number;
  coefficients: CoxCoefficient[];
  logLikelihood: { null: number; fitted: number };
  likelihoodRatio: { chiSquare: number; df: number; p: number };
  /** Row-major covariance of the coefficients (inverse information). */
  covariance: number[];
  iterations: number;
  converged: boolean;
}

interface Evaluation {
  loglik: number;
  score: Float64Array;
  information: Float64Array;
}

/** A prepared problem: rows sorted by stratum and time, covariates centred and row-major. */
interface Prepared {
  n: number;
  p: number;
  x: Float64Array;
  time: Float64Array;
  event: Uint8Array;
  weight: Float64Array;
  /** People each row stands for. */
  count: Float64Array;
  /** Index where each stratum starts, plus n at the end. */
  strataStart: Uint32Array;
  efron: boolean;
}

function prepare(input: CoxInput, efron: boolean): Prepared {
  const order = orderByStratumAndTime(input);
  const n = order.length;
  const p = input.covariates.length;
  const x = new Float64Array(n * p);
  const time = new Float64Array(n);
  const event = new Uint8Array(n);
  const weight = new Float64Array(n);
  const count = new Float64Array(n);
  const starts: number[] = [];
  let previous = Number.NaN;
  for (let r = 0; r < n; r++) {
    const i = order[r] as number;
    time[r] = input.time[i] as number;
    event[r] = input.event[i] as number;
    weight[r] = input.weight ? (input.weight[i] as number) : 1;
    count[r] = countOf(input, i);
    const s = input.stratum ? (input.stratum[i] as number) : 0;
    if (s !== previous) starts.push(r);
    previous = s;
    for (let j = 0; j < p; j++) x[r * p + j] = (input.covariates[j] as ArrayLike<number>)[i] as number;
  }
  starts.push(n);
  // Centring changes no estimate (it cancels within each risk set) but keeps exp() in range.
  for (let j = 0; j < p; j++) {
    let sum = 0;
    let wsum = 0;
    for (let r = 0; r < n; r++) {
      const w = (weight[r] as number) * (count[r] as number);
      sum += w * (x[r * p + j] as number);
      wsum += w;
    }
    const mean = wsum > 0 ? sum / wsum : 0;
    for (let r = 0; r < n; r++) x[r * p + j] = (x[r * p + j] as number) - mean;
  }
  return { n, p, x, time, event, weight, count, strataStart: Uint32Array.from(starts), efron };
}

/** Log partial likelihood, score and information at beta (R's coxfit6 recursion, backwards in time). */
function evaluate(prep: Prepared, beta: Float64Array): Evaluation {
  const { p, x, time, event, weight, count, strataStart, efron } = prep;
  let loglik = 0;
  const score = new Float64Array(p);
  const information = new Float64Array(p * p);
  const a = new Float64Array(p);
  const a2 = new Float64Array(p);
  const c = new Float64Array(p * p);
  const c2 = new Float64Array(p * p);
  const xbar = new Float64Array(p);
  const am = new Float64Array(p);
  const cm = new Float64Array(p * p);
  for (let s = 0; s + 1 < strataStart.length; s++) {
    const first = strataStart[s] as number;
    let r = (strataStart[s + 1] as number) - 1;
    let denom = 0;
    a.fill(0);
    c.fill(0);
    while (r >= first) {
      const now = time[r] as number;
      let deaths = 0;
      let deadWeight = 0;
      let denom2 = 0;
      a2.fill(0);
      c2.fill(0);
      for (; r >= first && time[r] === now; r--) {
        let eta = 0;
        for (let j = 0; j < p; j++) eta += (beta[j] as number) * (x[r * p + j] as number);
        // A row standing for `copies` people adds what that many identical rows would.
        const copies = count[r] as number;
        const w = (weight[r] as number) * copies;
        const risk = w * Math.exp(eta);
        const dead = event[r] === 1;
        const av = dead ? a2 : a;
        const cv = dead ? c2 : c;
        if (dead) {
          deaths += copies;
          deadWeight += w;
          denom2 += risk;
          loglik += w * eta;
          for (let j = 0; j < p; j++) addTo(score, j, w * (x[r * p + j] as number));
        } else {
          denom += risk;
        }
        for (let j = 0; j < p; j++) {
          const xj = x[r * p + j] as number;
          addTo(av, j, risk * xj);
          for (let k = 0; k <= j; k++) addTo(cv, j * p + k, risk * xj * (x[r * p + k] as number));
        }
      }
      if (deaths === 0) continue;
      if (!efron || deaths === 1) {
        denom += denom2;
        for (let j = 0; j < p; j++) {
          addTo(a, j, a2[j] as number);
          for (let k = 0; k <= j; k++) addTo(c, j * p + k, c2[j * p + k] as number);
        }
        addTerm(deadWeight, denom, a, c);
      } else {
        // Efron: the k-th of the tied deaths sees the risk set less k/deaths of the dying.
        const meanWeight = deadWeight / deaths;
        for (let k = 0; k < deaths; k++) {
          const keep = 1 - k / deaths;
          const d = denom + keep * denom2;
          for (let j = 0; j < p; j++) {
            am[j] = (a[j] as number) + keep * (a2[j] as number);
            for (let l = 0; l <= j; l++)
              cm[j * p + l] = (c[j * p + l] as number) + keep * (c2[j * p + l] as number);
          }
          addTerm(meanWeight, d, am, cm);
        }
        denom += denom2;
        for (let j = 0; j < p; j++) {
          addTo(a, j, a2[j] as number);
          for (let k = 0; k <= j; k++) addTo(c, j * p + k, c2[j * p + k] as number);
        }
      }
    }
  }
  // Mirror the lower triangle.
  for (let j = 0; j < p; j++)
    for (let k = 0; k < j; k++) information[k * p + j] = information[j * p + k] as number;
  return { loglik, score, information };

  function addTerm(w: number, d: number, av: Float64Array, cv: Float64Array) {
    loglik -= w * Math.log(d);
    for (let j = 0; j < p; j++) {
      xbar[j] = (av[j] as number) / d;
      addTo(score, j, -(w * (xbar[j] as number)));
    }
    for (let j = 0; j < p; j++) {
      for (let k = 0; k <= j; k++) {
        const term = (cv[j * p + k] as number) / d - (xbar[j] as number) * (xbar[k] as number);
        addTo(information, j * p + k, w * term);
      }
    }
  }
}

export const COX_METHOD = 'Cox proportional hazards, Efron ties, Newton-Raphson; 95% Wald interval';

/**
 * Fits a Cox model. Starts at beta = 0 and takes Newton steps, halving a step that lowers
 * the likelihood, until the log likelihood stops changing beyond its rounding.
 */
export function coxRegression(
  input: CoxInput,
  options: CoxOptions = {},
  caveat = 'A hazard ratio compares the rates of leaving at any moment; it assumes that ratio holds over time.',
): CoxModel {
  assertSurvivalData(input);
  for (const [j, col] of input.covariates.entries()) {
    if (col.length !== input.time.length)
      throw new RangeError(`covariates: column ${j} must have one entry per time`);
    for (let i = 0; i < col.length; i++) {
      if (!Number.isFinite(col[i] as number))
        throw new RangeError(`covariates: column ${j} entry ${i} must be finite`);
    }
  }
  const efron = (options.ties ?? 'efron') === 'efron';
  const prep = prepare(input, efron);
  const { p } = prep;
  const maxIterations = options.maxIterations ?? 30;
  let beta = new Float64Array(p);
  let current = evaluate(prep, beta);
  const nullLoglik = current.loglik;
  let iterations = 0;
  let converged = p === 0;
  while (!converged && iterations < maxIterations) {
    iterations++;
    const l = cholesky(current.information, p);
    if (!l) break;
    const step = choleskySolve(l, p, current.score);
    let candidate = beta.map((b, j) => b + (step[j] as number));
    let next = evaluate(prep, candidate);
    // The log likelihood is a sum over every risk set, so with many people it carries
    // rounding of about 1e-12 of its size: changes below 1e-10 of it are noise, not a
    // worse fit. Once the likelihood stops moving by more than that, take the full Newton
    // step (its error is the square of the last one; R's coxph does the same) and stop.
    const noise = 1e-10 * Math.abs(current.loglik);
    if (Math.abs(next.loglik - current.loglik) <= noise) {
      beta = candidate;
      current = next;
      converged = true;
      break;
    }
    let halving = 0;
    while (!(next.loglik >= current.loglik - noise) && halving < 30) {
      halving++;
      candidate = beta.map((b, j) => (b + (candidate[j] as number)) / 2);
      next = evaluate(prep, candidate);
    }
    if (halving === 30) break;
    beta = candidate;
    current = next;
  }
  // A likelihood that keeps rising as a coefficient runs off to infinity (a group with no
  // events) also stops changing; a Newton step that is still large gives it away.
  const finalFactor = cholesky(current.information, p);
  if (converged && finalFactor) {
    const step = choleskySolve(finalFactor, p, current.score);
    for (let j = 0; j < p; j++) {
      if (Math.abs(step[j] as number) > 1e-3 * Math.max(1, Math.abs(beta[j] as number))) converged = false;
    }
  }
  let events = 0;
  let people = 0;
  for (let r = 0; r < prep.n; r++) {
    people += prep.count[r] as number;
    if (prep.event[r] === 1) events += (prep.weight[r] as number) * (prep.count[r] as number);
  }
  const covariance = finalFactor ? choleskyInverse(finalFactor, p) : new Float64Array(p * p).fill(Number.NaN);
  const z = normalQuantile(1 - (1 - CONFIDENCE) / 2);
  const coefficients = Array.from(beta, (coef, j): CoxCoefficient => {
    const se = Math.sqrt(covariance[j * p + j] as number);
    const wald = coef / se;
    return {
      name: input.names?.[j] ?? `x${j + 1}`,
      coef,
      se,
      hazardRatio: Math.exp(coef),
      lower: finiteOrNull(Math.exp(coef - z * se)),
      upper: finiteOrNull(Math.exp(coef + z * se)),
      level: CONFIDENCE,
      z: wald,
      p: 2 * normalUpperTail(Math.abs(wald)),
    };
  });
  const lr = 2 * (current.loglik - nullLoglik);
  return {
    n: people,
    events,
    method: input.stratum ? `${COX_METHOD}; stratified by matched set` : COX_METHOD,
    caveat,
    coefficients,
    logLikelihood: { null: nullLoglik, fitted: current.loglik },
    likelihoodRatio: { chiSquare: lr, df: p, p: chiSquareUpperTail(lr, p) },
    covariance: Array.from(covariance),
    iterations,
    converged,
  };
}
