import { describe, expect, it } from 'vitest';
import { close, dataset, type LogRankReference, reference } from './fixtures/reference.js';
import { type LogRankTest, logRank } from './log-rank.js';

function expectTest(test: LogRankTest, ref: LogRankReference) {
  ref.observed.forEach((o, i) => {
    expect(close(test.observed[i], o, 1e-12)).toBe(true);
  });
  ref.expected.forEach((e, i) => {
    expect(close(test.expected[i], e, 1e-12)).toBe(true);
  });
  expect(test.df).toBe(ref.df);
  expect(close(test.chiSquare, ref.chiSquare, 1e-11)).toBe(true);
  expect(Math.abs(test.p - ref.p) / ref.p).toBeLessThan(1e-10);
}

describe('log-rank test against R survdiff', () => {
  for (const name of ['tiny', 'lung', 'matched'] as const) {
    it(`matches ${name}, plain and within strata`, () => {
      const d = dataset(name);
      const data = { time: d.col('time'), event: d.col('event'), group: d.col('group') };
      expectTest(logRank(data), reference.cases[name].logRank);
      expectTest(logRank({ ...data, stratum: d.col('stratum') }), reference.cases[name].logRankStratified);
    });
  }

  it('compares three groups on two degrees of freedom', () => {
    const test = logRank({
      time: [1, 2, 3, 4, 5, 6, 7, 8, 9],
      event: [1, 1, 1, 1, 1, 1, 1, 1, 1],
      group: [0, 0, 0, 1, 1, 1, 2, 2, 2],
    });
    expect(test.df).toBe(2);
    expect(test.observed).toEqual([3, 3, 3]);
    expect(test.p).toBeLessThan(0.05);
  });
});
