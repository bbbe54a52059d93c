import { describe, expect, it } from 'vitest';
import { close, dataset, reference } from './fixtures/reference.js';
import { pairedDifference, pairedDifferenceFromSums } from './paired.js';

describe('paired uplift against R t.test(paired = TRUE)', () => {
  const d = dataset('paired');
  for (const [set, ref] of Object.entries(reference.paired)) {
    it(`matches the mean difference, interval and p-value of "${set}"`, () => {
      const rows = d.rows.filter((r) => r.set === set);
      const result = pairedDifference(
        rows.map((r) => Number(r.before)),
        rows.map((r) => Number(r.after)),
      );
      expect(result.n).toBe(rows.length);
      for (const key of ['estimate', 'lower', 'upper', 't', 'df', 'p'] as const) {
        expect(close(result[key], ref[key], 1e-11), key).toBe(true);
      }
    });

    it(`gives the same figures for "${set}" from sums, as the database sends them`, () => {
      const rows = d.rows.filter((r) => r.set === set);
      const sums = { n: rows.length, sumBefore: 0, sumAfter: 0, sumSquaredDifference: 0 };
      for (const r of rows) {
        sums.sumBefore += Number(r.before);
        sums.sumAfter += Number(r.after);
        sums.sumSquaredDifference += (Number(r.after) - Number(r.before)) ** 2;
      }
      const result = pairedDifferenceFromSums(sums);
      for (const key of ['estimate', 'lower', 'upper', 't', 'df', 'p'] as const) {
        expect(close(result[key], ref[key], 1e-11), key).toBe(true);
      }
    });
  }

  it('gives no interval for a single pair, and says so with nulls', () => {
    const result = pairedDifference([2], [4]);
    expect(result).toMatchObject({ n: 1, estimate: 2, lower: null, upper: null, p: null });
    expect(result.caveat).toMatch(/Self-assessed/);
  });
});
