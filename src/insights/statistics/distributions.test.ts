import { describe, expect, it } from 'vitest';
import {
  chiSquareUpperTail,
  normalQuantile,
  normalUpperTail,
  tQuantile,
  tTwoSided,
} from './distributions.js';
import { reference } from './fixtures/reference.js';

const { distributions: ref, probs } = reference;

/** Relative error, so far-tail probabilities are held to their own digits. */
const relative = (a: number, b: number) => (b === 0 ? Math.abs(a) : Math.abs(a - b) / Math.abs(b));

describe('distributions against R', () => {
  it('gives normal upper tails to 12 digits, out to z = 20', () => {
    ref.normal.z.forEach((z, i) => {
      expect(relative(normalUpperTail(z), ref.normal.upper[i] as number)).toBeLessThan(1e-12);
    });
  });

  it('gives normal quantiles from 1e-12 to 0.999', () => {
    probs.forEach((p, i) => {
      expect(normalQuantile(p)).toBeCloseTo(ref.normalQuantile.q[i] as number, 12);
    });
  });

  it('gives chi-square upper tails for 1 to 100 degrees of freedom', () => {
    for (const row of ref.chiSquare) {
      row.x.forEach((x, i) => {
        expect(relative(chiSquareUpperTail(x, row.df), row.upper[i] as number)).toBeLessThan(1e-11);
      });
    }
  });

  it("gives Student's t two-sided p-values and quantiles for 1 to 100 degrees of freedom", () => {
    for (const row of ref.t) {
      row.x.forEach((x, i) => {
        expect(relative(tTwoSided(x, row.df), row.twoSided[i] as number)).toBeLessThan(1e-11);
      });
      probs.forEach((p, i) => {
        expect(relative(tQuantile(p, row.df), row.quantile[i] as number)).toBeLessThan(1e-10);
      });
    }
  });
});
