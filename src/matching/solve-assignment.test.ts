import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MatchingInputError } from './errors.js';
import { solveAssignment } from './solve-assignment.js';

describe('solveAssignment', () => {
  it('finds the minimum-cost assignment of a dense problem', () => {
    const r = solveAssignment({
      rows: 3,
      cols: 3,
      costs: [
        [4, 1, 3],
        [2, 0, 5],
        [3, 2, 2],
      ],
    });
    expect(r.cost).toBe(5);
    expect(r.assignment).toEqual([1, 0, 2]);
    expect(r.solveMs).toBeGreaterThanOrEqual(0);
  });

  it('maximises when asked', () => {
    const r = solveAssignment({
      rows: 2,
      cols: 2,
      costs: [
        [1, 2],
        [3, 1],
      ],
      maximize: true,
    });
    expect(r.cost).toBe(5);
    expect(r.assignment).toEqual([1, 0]);
  });

  it('assigns every row when the columns have enough places', () => {
    const r = solveAssignment({
      rows: 4,
      cols: 2,
      edges: [
        [0, 0, 1],
        [1, 0, 1],
        [2, 1, 5],
        [3, 1, 1],
        [3, 0, 0],
      ],
      capacities: [2, 2],
    });
    expect(r.assignment.every((c) => c >= 0)).toBe(true);
    expect(r.cost).toBe(8);
  });

  it('leaves a row out (-1) only when no place is left for it', () => {
    const r = solveAssignment({
      rows: 3,
      cols: 1,
      edges: [
        [0, 0, 3],
        [1, 0, 1],
        [2, 0, 2],
      ],
    });
    expect(r.assignment).toEqual([-1, 0, -1]);
    expect(r.cost).toBe(1);
  });

  it('prefers more pairs to a cheaper total', () => {
    // Row 0 alone on column 0 costs 0, but then row 1 has nowhere to go.
    const r = solveAssignment({
      rows: 2,
      cols: 2,
      edges: [
        [0, 0, 0],
        [0, 1, 100],
        [1, 0, 100],
      ],
    });
    expect(r.assignment).toEqual([1, 0]);
    expect(r.cost).toBe(200);
  });

  it('gives the same optimum for the dense and the sparse form of a problem', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 12 }),
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 144, maxLength: 144 }),
        (n, m, flat) => {
          const costs = Array.from({ length: n }, (_, i) => flat.slice(i * m, i * m + m));
          const edges = costs.flatMap((row, i) => row.map((c, j) => [i, j, c] as [number, number, number]));
          const a = solveAssignment({ rows: n, cols: m, costs });
          const b = solveAssignment({ rows: n, cols: m, edges });
          expect(Math.abs(a.cost - b.cost)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(a.cost)));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('rejects a non-finite cost and names the cell', () => {
    expect(() => solveAssignment({ rows: 1, cols: 2, costs: [[1, Number.NaN]] })).toThrow(/costs\[0\]\[1\]/);
    expect(() => solveAssignment({ rows: 1, cols: 1, edges: [[0, 0, Number.POSITIVE_INFINITY]] })).toThrow(
      /edges\[0\]: cost must be a finite number/,
    );
  });

  it('rejects a negative capacity', () => {
    expect(() => solveAssignment({ rows: 1, cols: 1, costs: [[1]], capacities: [-1] })).toThrow(
      /capacities\[0\]/,
    );
  });

  it('rejects an edge out of range', () => {
    expect(() => solveAssignment({ rows: 2, cols: 2, edges: [[0, 5, 1]] })).toThrow(
      /edges\[0\]: column 5 is out of range/,
    );
    expect(() => solveAssignment({ rows: 2, cols: 2, edges: [[-1, 0, 1]] })).toThrow(MatchingInputError);
  });

  it('rejects a matrix whose shape does not match rows and cols', () => {
    expect(() => solveAssignment({ rows: 2, cols: 2, costs: [[1, 2]] })).toThrow(
      /costs: must be a list of 2 rows/,
    );
  });
});
