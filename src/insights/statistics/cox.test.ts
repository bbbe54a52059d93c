import { describe, expect, it } from 'vitest';
import { plantRetentionEffect } from '../../demo/outcomes.js';
import { type CoxModel, coxRegression } from './cox.js';
import { type CoxReference, close, dataset, reference, required } from './fixtures/reference.js';
import { retentionSubjects } from './retention.js';

const list = (x: number | number[]) => (Array.isArray(x) ? x : [x]);

function expectModel(model: CoxModel, ref: CoxReference, tolerance = 1e-9) {
  expect(model.converged).toBe(true);
  const field = { coef: 'coef', se: 'se', lower: 'lower', upper: 'upper', p: 'p' } as const;
  for (const [key, name] of Object.entries(field)) {
    list(ref[key as keyof typeof field]).forEach((v, j) => {
      const actual = model.coefficients[j]?.[name];
      expect(close(actual, v, tolerance), `${key}[${j}] ${actual} vs ${v}`).toBe(true);
    });
  }
  expect(close(model.logLikelihood.null, ref.loglik[0], 1e-10)).toBe(true);
  expect(close(model.logLikelihood.fitted, ref.loglik[1], 1e-10)).toBe(true);
  expect(close(model.likelihoodRatio.chiSquare, ref.likelihoodRatio, 1e-8)).toBe(true);
}

function data(name: string) {
  const d = dataset(name);
  const covariate = d.col(d.has('x') ? 'x' : 'age');
  return { d, base: { time: d.col('time'), event: d.col('event'), covariates: [d.col('group')] }, covariate };
}

describe('Cox proportional hazards against R coxph', () => {
  for (const name of ['tiny', 'lung', 'matched'] as const) {
    it(`matches ${name} with Efron and Breslow ties, two covariates and strata`, () => {
      const { d, base, covariate } = data(name);
      const ref = reference.cases[name].cox;
      expectModel(coxRegression(base), ref.efron);
      expectModel(coxRegression(base, { ties: 'breslow' }), ref.breslow);
      expectModel(coxRegression({ ...base, covariates: [d.col('group'), covariate] }), ref.twoCovariates);
      expectModel(coxRegression({ ...base, stratum: d.col('stratum') }), ref.stratified);
    });
  }

  for (const name of ['tiny', 'matched'] as const) {
    it(`matches ${name} with case weights, with and without strata`, () => {
      const { d, base, covariate } = data(name);
      const ref = reference.cases[name].cox;
      expectModel(coxRegression({ ...base, weight: d.col('weight') }), required(ref.weighted, 'weighted'));
      expectModel(
        coxRegression({
          ...base,
          weight: d.col('weight'),
          stratum: d.col('stratum'),
          covariates: [d.col('group'), covariate],
        }),
        required(ref.weightedStratified, 'weightedStratified'),
      );
    });
  }

  it('says it has not converged when one group has no events (an infinite coefficient)', () => {
    const model = coxRegression({
      time: [1, 2, 3, 4, 5, 6],
      event: [1, 1, 1, 0, 0, 0],
      covariates: [[0, 0, 0, 1, 1, 1]],
    });
    expect(model.converged).toBe(false);
  });

  it('names the covariate column that is not finite', () => {
    expect(() => coxRegression({ time: [1, 2], event: [1, 1], covariates: [[0, Number.NaN]] })).toThrow(
      /covariates: column 0 entry 1/,
    );
  });
});

describe('rows standing for several people', () => {
  it('fit exactly as the repeated rows would, tied deaths included', () => {
    const d = dataset('tiny');
    const time = d.col('time');
    const event = d.col('event');
    const group = d.col('group');
    const count = Float64Array.from(time, (_, i) => 1 + (i % 3));
    const expand = (col: Float64Array) =>
      Float64Array.from(Array.from(count).flatMap((c, i) => Array(c).fill(col[i])));
    const grouped = coxRegression({ time, event, count, covariates: [group] });
    const repeated = coxRegression({ time: expand(time), event: expand(event), covariates: [expand(group)] });
    expect(grouped.n).toBe(repeated.n);
    expect(grouped.coefficients[0]?.coef).toBeCloseTo(repeated.coefficients[0]?.coef as number, 12);
    expect(grouped.coefficients[0]?.se).toBeCloseTo(repeated.coefficients[0]?.se as number, 12);
    expect(grouped.logLikelihood.fitted).toBeCloseTo(repeated.logLikelihood.fitted, 10);
  });
});

describe('a whole organisation', () => {
  it('converges on 200,000 people, where rounding in the likelihood is not a worse fit', () => {
    const period = { origin: '2024-01-01', analysisDate: '2026-01-01' };
    const people = plantRetentionEffect({ seed: 1, people: 200_000, hazardRatio: 0.5, ...period });
    const s = retentionSubjects(people, period.origin, period.analysisDate);
    const model = coxRegression({
      time: Float64Array.from(s, (x) => x.days),
      event: Uint8Array.from(s, (x) => (x.left ? 1 : 0)),
      covariates: [Uint8Array.from(s, (x) => (x.participant ? 1 : 0))],
    });
    expect(model.converged).toBe(true);
    expect(model.iterations).toBeLessThanOrEqual(8);
    // Unmatched, so confounded: well below the planted 0.5, as the truth test expects.
    expect(model.coefficients[0]?.hazardRatio).toBeLessThan(0.45);
  });
});
