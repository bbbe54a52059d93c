import { describe, expect, it } from 'vitest';
import { cellKey, type MatchingSubject, matchComparisonGroup } from './comparison-group.js';

const person = (
  participant: boolean,
  department: string,
  jobLevel: number,
  tenureYears = 2,
  birthYear = 1990,
) => ({ participant, department, jobLevel, tenureYears, birthYear }) satisfies MatchingSubject;

describe('comparison group by coarsened exact matching', () => {
  it('keeps cells holding both groups and weighs others so each cell counts as its participants do', () => {
    const subjects = [
      person(true, 'Sales', 2),
      person(false, 'Sales', 2),
      person(false, 'Sales', 2),
      person(false, 'Sales', 2),
      person(true, 'Legal', 5),
      person(true, 'Legal', 5),
      person(false, 'Legal', 5),
      person(true, 'Finance', 7), // no one comparable
      person(false, 'Product', 3), // no participant here
    ];
    const group = matchComparisonGroup(subjects);
    expect(group.strata).toBe(2);
    expect(group.participants).toEqual({ total: 4, matched: 3 });
    expect(group.others).toEqual({ total: 5, matched: 4 });
    // Weight of an other = (participants in cell / others in cell) * (matched others / matched participants).
    expect(Array.from(group.weight)).toEqual([1, 4 / 9, 4 / 9, 4 / 9, 1, 1, 8 / 3, 0, 0]);
    expect(Array.from(group.stratum)).toEqual([0, 0, 0, 0, 1, 1, 1, -1, -1]);
    expect(group.n).toBe(7);
  });

  it('coarsens tenure into bands and birth years into generations', () => {
    expect(cellKey(person(true, 'Sales', 2, 1.5, 1982))).toBe(cellKey(person(false, 'Sales', 2, 2.9, 1996)));
    expect(cellKey(person(true, 'Sales', 2, 0.5, 1982))).not.toBe(
      cellKey(person(false, 'Sales', 2, 1.5, 1982)),
    );
    expect(cellKey(person(true, 'Sales', 2, 2, 1980))).not.toBe(cellKey(person(false, 'Sales', 2, 2, 1981)));
    expect(cellKey({ ...person(true, 'Sales', 2), tenureYears: null })).toBe(
      cellKey({ ...person(false, 'Sales', 2), tenureYears: null }),
    );
  });

  it('removes the difference in job level that volunteering brought', () => {
    const subjects = [
      ...Array.from({ length: 6 }, () => person(true, 'Sales', 6)),
      person(true, 'Sales', 1),
      ...Array.from({ length: 2 }, () => person(false, 'Sales', 6)),
      ...Array.from({ length: 12 }, () => person(false, 'Sales', 1)),
    ];
    const level = matchComparisonGroup(subjects).balance.find((b) => b.variable === 'jobLevel');
    expect(level?.before).toBeGreaterThan(1);
    expect(level?.after).toBeCloseTo(0, 12);
  });
});
