import { beforeAll, describe, expect, it } from 'vitest';
import { plantRetentionEffect } from '../../demo/outcomes.js';
import { analyseRetention, type RetentionAnalysis, retentionSubjects } from './retention.js';

const period = { origin: '2024-01-01', analysisDate: '2026-01-01' };
const SEEDS = 40;

function analyse(seed: number, hazardRatio: number): RetentionAnalysis {
  const people = plantRetentionEffect({ seed, people: 3000, hazardRatio, ...period });
  return analyseRetention(retentionSubjects(people, period.origin, period.analysisDate), period);
}

const covers = (hr: RetentionAnalysis['hazardRatio'], truth: number) =>
  hr.lower !== null && hr.upper !== null && hr.lower <= truth && truth <= hr.upper;

describe('truth test: the analysis recovers an effect planted in confounded data', () => {
  const planted: RetentionAnalysis[] = [];
  const none: RetentionAnalysis[] = [];
  beforeAll(() => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      planted.push(analyse(seed, 0.5));
      none.push(analyse(seed, 1));
    }
  });

  it('covers a planted hazard ratio of 0.5 with its 95% interval in at least 90% of 40 seeds', () => {
    const matched = planted.filter((a) => covers(a.hazardRatio, 0.5)).length;
    const naive = planted.filter((a) => covers(a.unadjusted, 0.5)).length;
    console.log(
      `truth test: coverage of HR 0.5 by the matched 95% interval ${matched}/${SEEDS} (${((100 * matched) / SEEDS).toFixed(1)}%); unmatched ${naive}/${SEEDS}`,
    );
    expect(matched).toBeGreaterThanOrEqual(36);
    // The confounding is real: without matching the interval misses far more often.
    expect(naive).toBeLessThan(36);
  });

  it('reports a significant effect in at most 10% of 40 seeds when none is planted', () => {
    const matched = none.filter((a) => (a.hazardRatio.p ?? 1) < 0.05).length;
    const logRank = none.filter((a) => a.logRank.p < 0.05).length;
    const naive = none.filter((a) => (a.unadjusted.p ?? 1) < 0.05).length;
    console.log(
      `truth test: false positive rate with no effect ${matched}/${SEEDS} (${((100 * matched) / SEEDS).toFixed(1)}%) for the Cox ratio, ${logRank}/${SEEDS} for the log-rank test; unmatched ${naive}/${SEEDS}`,
    );
    expect(matched).toBeLessThanOrEqual(4);
    expect(logRank).toBeLessThanOrEqual(4);
    expect(naive).toBeGreaterThan(4);
  });

  it('gives every figure its n, interval, method and caveat', () => {
    const a = planted[0] as RetentionAnalysis;
    for (const figure of [
      a,
      a.hazardRatio,
      a.unadjusted,
      a.logRank,
      a.curves.participants,
      a.curves.others,
      a.matching,
    ]) {
      expect(figure.n).toBeGreaterThan(0);
      expect(figure.method).not.toBe('');
      expect(figure.caveat).toMatch(/\.$/);
    }
    expect(a.hazardRatio.caveat).toMatch(/not randomisation/);
    expect(a.hazardRatio).toMatchObject({ level: 0.95, converged: true });
    expect(a.curves.participants.median.level).toBe(0.95);
    expect(a.matching.participants.matched).toBeLessThanOrEqual(a.matching.participants.total);
    expect(JSON.parse(JSON.stringify(a.hazardRatio))).toEqual(a.hazardRatio);
  });
});

describe('follow-up from HR dates', () => {
  const base = { participant: false, department: 'Sales', jobLevel: 2, birthYear: 1990 };

  it('follows people employed at the programme start until they leave or the analysis date', () => {
    const subjects = retentionSubjects(
      [
        { ...base, hireDate: '2020-01-01', leaveDate: null },
        { ...base, hireDate: '2020-01-01', leaveDate: '2024-03-01' },
        { ...base, hireDate: '2020-01-01', leaveDate: '2027-03-01' },
        { ...base, hireDate: '2024-06-01', leaveDate: null },
        { ...base, hireDate: '2019-01-01', leaveDate: '2023-12-31' },
        { ...base, hireDate: null, leaveDate: null },
      ],
      '2024-01-01',
      '2025-01-01',
    );
    expect(subjects.map((s) => [s.days, s.left])).toEqual([
      [366, false],
      [60, true],
      [366, false],
      [366, false],
    ]);
    expect(subjects[0]?.tenureYears).toBeCloseTo(4, 2);
    expect(subjects[3]?.tenureYears).toBeNull();
  });

  it('names the field of a malformed date', () => {
    expect(() =>
      retentionSubjects([{ ...base, hireDate: '2020-13-45', leaveDate: null }], '2024-01-01', '2025-01-01'),
    ).toThrow(/people\[0\]\.hireDate/);
    expect(() => retentionSubjects([], '2024-01-01', '2023-01-01')).toThrow(/analysisDate/);
  });
});

describe('grouped rows', () => {
  it('give exactly the figures of one row per person', () => {
    const people = plantRetentionEffect({ seed: 7, people: 1500, hazardRatio: 0.6, ...period });
    // Whole years of tenure, as the database sends them, so identical people share a row.
    const each = retentionSubjects(people, period.origin, period.analysisDate).map((s) => ({
      ...s,
      tenureYears: s.tenureYears === null ? null : Math.floor(s.tenureYears),
    }));
    const rows = new Map<string, (typeof each)[number] & { count: number }>();
    for (const s of each) {
      const key = JSON.stringify(s);
      const row = rows.get(key);
      if (row) row.count++;
      else rows.set(key, { ...s, count: 1 });
    }
    expect(rows.size).toBeLessThan(each.length);
    const one = analyseRetention(each, period);
    const grouped = analyseRetention([...rows.values()], period);
    expect(grouped.n).toBe(one.n);
    const { balance, ...matching } = grouped.matching;
    expect(matching.participants).toEqual(one.matching.participants);
    expect(matching.others).toEqual(one.matching.others);
    balance.forEach((row, i) => {
      expect(row.after).toBeCloseTo(one.matching.balance[i]?.after as number, 12);
      expect(row.before).toBeCloseTo(one.matching.balance[i]?.before as number, 12);
    });
    expect(grouped.hazardRatio.estimate).toBeCloseTo(one.hazardRatio.estimate as number, 10);
    expect(grouped.hazardRatio.upper).toBeCloseTo(one.hazardRatio.upper as number, 10);
    expect(grouped.unadjusted.estimate).toBeCloseTo(one.unadjusted.estimate as number, 10);
    expect(grouped.logRank.chiSquare).toBeCloseTo(one.logRank.chiSquare, 10);
    for (const side of ['participants', 'others'] as const) {
      const a = grouped.curves[side];
      const b = one.curves[side];
      expect(a.time).toEqual(b.time);
      expect(a.n).toBe(b.n);
      a.survival.forEach((s, i) => {
        expect(s).toBeCloseTo(b.survival[i] as number, 12);
      });
      a.stdErr.forEach((s, i) => {
        expect(s).toBeCloseTo(b.stdErr[i] as number, 12);
      });
    }
  });
});
