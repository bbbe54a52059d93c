import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bruteForce } from './brute-force.js';
import {
  type AssignmentSolver,
  arcCost,
  assignmentCost,
  capacitatedAuction,
  certify,
  type Problem,
  runSsp,
  solveFairest,
  solvers,
  solveWithStayPenalty,
  sparseAuction,
  sparseFromEdges,
  sparseSuccessiveShortestPaths,
  toSparse,
} from './index.js';
import { reduceRows } from './sparse-auction.js';

/** Small problems: dense or sparse, unit or larger capacities, integer or float costs. */
const problemArb = (
  opts: { dense?: boolean; unit?: boolean; square?: boolean } = {},
): fc.Arbitrary<Problem> =>
  fc
    .record({
      rows: fc.integer({ min: 0, max: 6 }),
      cols: fc.integer({ min: 0, max: 6 }),
      full: fc.boolean(),
      dense: opts.dense === undefined ? fc.boolean() : fc.constant(opts.dense),
      floats: fc.boolean(),
      seed: fc.integer(),
    })
    .chain(({ rows: r0, cols: c0, full, dense, floats, seed }) => {
      const rows = r0;
      const cols = opts.square ? r0 : c0;
      return fc
        .record({
          costs: fc.array(
            floats ? fc.double({ min: -50, max: 50, noNaN: true }) : fc.integer({ min: -5, max: 20 }),
            { minLength: rows * cols, maxLength: rows * cols },
          ),
          present: fc.array(fc.boolean(), { minLength: rows * cols, maxLength: rows * cols }),
          caps: fc.array(opts.unit ? fc.constant(1) : fc.integer({ min: 0, max: 3 }), {
            minLength: cols,
            maxLength: cols,
          }),
        })
        .map(({ costs, present, caps }): Problem => {
          void seed;
          const capacities = Int32Array.from(caps);
          if (dense) return { kind: 'dense', rows, cols, costs: Float64Array.from(costs), capacities };
          const er: number[] = [];
          const ec: number[] = [];
          const ek: number[] = [];
          for (let i = 0; i < rows; i++)
            for (let j = 0; j < cols; j++)
              if (present[i * cols + j] || (opts.square && full && i === j)) {
                er.push(i);
                ec.push(j);
                ek.push(costs[i * cols + j] as number);
              }
          return sparseFromEdges(
            rows,
            cols,
            Int32Array.from(er),
            Int32Array.from(ec),
            Float64Array.from(ek),
            capacities,
          );
        });
    });

/** Seeded uniform numbers in [0, 1) (a linear congruential generator). */
function lcg(seed: number): () => number {
  let x = seed;
  return () => {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    return x / 4294967296;
  };
}

/** A feasible problem: n rows, a guaranteed place for each, random extra arcs. */
function midSize(
  n: number,
  extra: number,
  degree: number,
  cap: number,
  dense: boolean,
  integer: boolean,
  seed: number,
): Problem {
  const rand = lcg(seed);
  const cost = () => (integer ? Math.floor(rand() * 20) : rand() * 100 - 30);
  if (dense) {
    const cols = n + extra;
    const costs = Float64Array.from({ length: n * cols }, cost);
    return { kind: 'dense', rows: n, cols, costs, capacities: new Int32Array(cols).fill(1) };
  }
  const cols = Math.max(1, Math.ceil(n / cap)) + extra;
  const er: number[] = [];
  const ec: number[] = [];
  const ek: number[] = [];
  for (let i = 0; i < n; i++) {
    er.push(i);
    ec.push(Math.floor(i / cap));
    ek.push(cost());
    for (let d = 1; d < degree; d++) {
      er.push(i);
      ec.push(Math.floor(rand() * cols));
      ek.push(cost());
    }
  }
  return sparseFromEdges(
    n,
    cols,
    Int32Array.from(er),
    Int32Array.from(ec),
    Float64Array.from(ek),
    new Int32Array(cols).fill(cap),
  );
}

function cardinality(a: Int32Array): number {
  let n = 0;
  for (const j of a) if (j >= 0) n++;
  return n;
}

function assertValid(p: Problem, a: Int32Array): void {
  expect(a.length).toBe(p.rows);
  const load = new Int32Array(p.cols);
  for (let i = 0; i < p.rows; i++) {
    const j = a[i] as number;
    if (j < 0) continue;
    expect(Number.isFinite(arcCost(p, i, j))).toBe(true);
    load[j] = (load[j] as number) + 1;
  }
  for (let j = 0; j < p.cols; j++) expect(load[j]).toBeLessThanOrEqual(p.capacities[j] as number);
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));

/** One behavioural suite that every solver must pass. */
function sharedSuite(solver: AssignmentSolver): void {
  describe(`solver ${solver.name}`, () => {
    const run = (p: Problem) => {
      const input = solver.supports(p) ? p : toSparse(p);
      return solver.solve(input);
    };
    const supported = (p: Problem) => solver.supports(p) || solver.supports(toSparse(p));

    it('finds the known optimum of a textbook 3x3 problem', () => {
      const p: Problem = {
        kind: 'dense',
        rows: 3,
        cols: 3,
        costs: Float64Array.from([4, 1, 3, 2, 0, 5, 3, 2, 2]),
        capacities: Int32Array.from([1, 1, 1]),
      };
      if (!supported(p)) return;
      const s = run(p);
      expect(s.cost).toBe(5);
      expect(Array.from(s.assignment)).toEqual([1, 0, 2]);
    });

    it('leaves extra rows unmatched when there are more rows than columns', () => {
      const p: Problem = {
        kind: 'dense',
        rows: 3,
        cols: 2,
        costs: Float64Array.from([1, 9, 9, 1, 0, 0]),
        capacities: Int32Array.from([1, 1]),
      };
      if (!supported(p)) return;
      const s = run(p);
      expect(cardinality(s.assignment)).toBe(2);
      expect(s.cost).toBe(1);
    });

    it('matches the brute-force optimum: maximum cardinality first, then least cost', () => {
      fc.assert(
        fc.property(problemArb(), (p) => {
          if (!supported(p)) return;
          const s = run(p);
          assertValid(p, s.assignment);
          const best = bruteForce(p);
          expect(cardinality(s.assignment)).toBe(best.cardinality);
          expect(close(s.cost, best.cost)).toBe(true);
          expect(close(assignmentCost(p, s.assignment), s.cost)).toBe(true);
        }),
        { numRuns: 400 },
      );
    });

    it('matches the brute-force optimum on dense problems with one place per column', () => {
      fc.assert(
        fc.property(problemArb({ dense: true, unit: true }), (p) => {
          if (!supported(p)) return;
          const s = run(p);
          assertValid(p, s.assignment);
          const best = bruteForce(p);
          expect(cardinality(s.assignment)).toBe(best.cardinality);
          expect(close(s.cost, best.cost)).toBe(true);
        }),
        { numRuns: 400 },
      );
    });

    it('matches the brute-force optimum on square sparse problems, with and without a full assignment', () => {
      fc.assert(
        fc.property(problemArb({ dense: false, unit: true, square: true }), (p) => {
          if (!supported(p)) return;
          const s = run(p);
          assertValid(p, s.assignment);
          const best = bruteForce(p);
          expect(cardinality(s.assignment)).toBe(best.cardinality);
          expect(close(s.cost, best.cost)).toBe(true);
        }),
        { numRuns: 400 },
      );
    });

    it('proves its optimum with column prices on mid-size problems that place every row', () => {
      fc.assert(
        fc.property(
          fc.record({
            n: fc.integer({ min: 1, max: 60 }),
            extra: fc.integer({ min: 0, max: 10 }),
            degree: fc.integer({ min: 1, max: 12 }),
            cap: fc.integer({ min: 1, max: 3 }),
            dense: fc.boolean(),
            integer: fc.boolean(),
            seed: fc.integer({ min: 1, max: 2 ** 30 }),
          }),
          ({ n, extra, degree, cap, dense, integer, seed }) => {
            const p = midSize(n, extra, degree, cap, dense, integer, seed);
            if (!supported(p)) return;
            const s = run(p);
            assertValid(p, s.assignment);
            expect(cardinality(s.assignment)).toBe(p.rows);
            if (s.duals) expect(certify(solver.supports(p) ? p : toSparse(p), s)).toBeNull();
            const reference = sparseSuccessiveShortestPaths.solve(toSparse(p));
            expect(close(s.cost, reference.cost)).toBe(true);
          },
        ),
        { numRuns: 150 },
      );
    });

    it('never exceeds a column capacity and never uses a missing arc', () => {
      fc.assert(
        fc.property(problemArb({ dense: false }), (p) => {
          if (!supported(p)) return;
          assertValid(p, run(p).assignment);
        }),
        { numRuns: 200 },
      );
    });

    it('gives the fairest assignment: least worst cost, then least total', () => {
      fc.assert(
        fc.property(problemArb(), (p) => {
          if (!supported(p)) return;
          const s = solveFairest(p, solver);
          assertValid(p, s.assignment);
          const best = bruteForce(p);
          expect(cardinality(s.assignment)).toBe(best.cardinality);
          let worst = Number.NEGATIVE_INFINITY;
          for (let i = 0; i < p.rows; i++) {
            const j = s.assignment[i] as number;
            if (j >= 0) worst = Math.max(worst, arcCost(p, i, j));
          }
          expect(worst).toBe(best.bottleneck);
          expect(close(s.cost, best.fairCost)).toBe(true);
        }),
        { numRuns: 200 },
      );
    });
  });
}

for (const solver of solvers) sharedSuite(solver);

/**
 * A square problem whose rows have more arcs than the auction's list of best arcs
 * (8), so bids go through the list and its bound: a guaranteed arc i -> i (or
 * every pair), then `degree` random columns, repeats allowed, costs from a narrow
 * range (many ties) or floats.
 */
function wideSquare(
  n: number,
  degree: number,
  narrow: boolean,
  integer: boolean,
  seed: number,
  everyPair = false,
): Problem {
  const rand = lcg(seed);
  const cost = () => (integer ? Math.floor(rand() * (narrow ? 4 : 1000)) : rand() * (narrow ? 4 : 1000));
  // Each row's own column (or every column), then `degree` random ones.
  const base = everyPair ? n : 1;
  return squareOf(
    n,
    base + degree,
    (i, d) => (d < base ? (everyPair ? d : i) : Math.floor(rand() * n)),
    cost,
  );
}

/** n x n, each row with `arcs` arcs: the d-th to column(i, d), at cost() (drawn in that order). */
function squareOf(
  n: number,
  arcs: number,
  column: (i: number, d: number) => number,
  cost: () => number,
): Problem {
  const er: number[] = [];
  const ec: number[] = [];
  const ek: number[] = [];
  for (let i = 0; i < n; i++)
    for (let d = 0; d < arcs; d++) {
      er.push(i);
      ec.push(column(i, d));
      ek.push(cost());
    }
  return sparseFromEdges(n, n, Int32Array.from(er), Int32Array.from(ec), Float64Array.from(ek));
}

describe('square sparse auction with lists of best arcs', () => {
  it('matches the brute-force optimum when every row reaches every column, some twice', () => {
    fc.assert(
      fc.property(
        fc.record({
          narrow: fc.boolean(),
          integer: fc.boolean(),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ narrow, integer, seed }) => {
          // 7 x 7: every pair plus 2 repeated pairs, 9 arcs a row (more than the list).
          const p = wideSquare(7, 2, narrow, integer, seed, true);
          const s = sparseAuction.solve(p);
          assertValid(p, s.assignment);
          expect(close(s.cost, bruteForce(p).cost)).toBe(true);
          expect(certify(p, s)).toBeNull();
        },
      ),
      { numRuns: 40 },
    );
  });

  it('proves the same optimum as shortest paths on rows with many arcs, ties and repeated pairs', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 1, max: 120 }),
          degree: fc.integer({ min: 8, max: 30 }),
          narrow: fc.boolean(),
          integer: fc.boolean(),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ n, degree, narrow, integer, seed }) => {
          const p = wideSquare(n, degree, narrow, integer, seed);
          const s = sparseAuction.solve(p);
          assertValid(p, s.assignment);
          expect(cardinality(s.assignment)).toBe(n);
          expect(certify(p, s)).toBeNull();
          expect(close(s.cost, sparseSuccessiveShortestPaths.solve(p).cost)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('square sparse auction repair from its lists', () => {
  it('repairs float costs far from zero to the exact optimum, as shortest paths find it', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 1, max: 100 }),
          degree: fc.integer({ min: 8, max: 30 }),
          narrow: fc.boolean(),
          offset: fc.constantFrom(0, -1e6, 1e9, 3e12),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ n, degree, narrow, offset, seed }) => {
          // Rows with more arcs than the list: the repair reads a row's list and its
          // bound, and all its arcs only when one outside the list might be cheaper.
          const wide = wideSquare(n, degree, narrow, false, seed);
          if (wide.kind !== 'sparse') throw new Error('sparse expected');
          const p = { ...wide, costs: wide.costs.map((c) => c + offset) };
          const s = sparseAuction.solve(p);
          assertValid(p, s.assignment);
          expect(cardinality(s.assignment)).toBe(n);
          expect(certify(p, s)).toBeNull();
          expect(close(s.cost, sparseSuccessiveShortestPaths.solve(p).cost)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
  it('finds arcs cheaper by less than a grid step, outside the list of best arcs', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 2, max: 80 }),
          degree: fc.integer({ min: 8, max: 24 }),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ n, degree, seed }) => {
          // Costs of four levels, some a billionth apart: the auction's grid (range /
          // 2^20) cannot tell them apart, so only the exact repair can, and the cheaper
          // arc may lie outside the list the auction kept.
          const rand = lcg(seed);
          const cost = () => Math.floor(rand() * 4) + 0.5 - (rand() < 0.5 ? 1e-9 * (1 + rand()) : 0);
          const p = squareOf(n, degree + 1, (i, d) => (d === 0 ? i : Math.floor(rand() * n)), cost);
          const s = sparseAuction.solve(p);
          assertValid(p, s.assignment);
          expect(certify(p, s)).toBeNull();
          expect(Math.abs(s.cost - sparseSuccessiveShortestPaths.solve(p).cost)).toBeLessThan(1e-10);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('square sparse auction without a full assignment', () => {
  it('finds the optimum of a maximum matching when three rows share two columns and no row is empty', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 4, max: 80 }),
          degree: fc.integer({ min: 1, max: 20 }),
          integer: fc.boolean(),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ n, degree, integer, seed }) => {
          // Rows 0-2 reach only columns 0 and 1: the auction's first phase cannot end,
          // so it must find out by itself that one row stays out.
          const rand = lcg(seed);
          const cost = () => (integer ? Math.floor(rand() * 50) : rand() * 50);
          const p = squareOf(
            n,
            degree + 1,
            (i, d) => (i < 3 ? d % 2 : d === 0 ? i : 2 + Math.floor(rand() * (n - 2))),
            cost,
          );
          const s = sparseAuction.solve(p);
          const reference = sparseSuccessiveShortestPaths.solve(p);
          assertValid(p, s.assignment);
          expect(cardinality(s.assignment)).toBe(n - 1);
          expect(cardinality(reference.assignment)).toBe(n - 1);
          expect(close(s.cost, reference.cost)).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('augmenting row reduction before shortest paths', () => {
  it('leaves each row it places on a cheapest arc, and shortest paths finish at the brute-force optimum', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 1, max: 7 }),
          degree: fc.integer({ min: 0, max: 4 }),
          narrow: fc.boolean(),
          integer: fc.boolean(),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ n, degree, narrow, integer, seed }) => {
          // Every pair plus repeated pairs; narrow costs make ties that chase each other.
          const s = toSparse(wideSquare(n, degree, narrow, integer, seed, true));
          const rowCol = new Int32Array(n).fill(-1);
          const rowCost = new Float64Array(n);
          const v = new Float64Array(n);
          const left = reduceRows(
            s,
            rowCol,
            rowCost,
            v,
            Array.from({ length: n }, (_, i) => i),
          );
          const held = new Set<number>();
          for (let i = 0; i < n; i++) {
            const j = rowCol[i] as number;
            if (j < 0) continue;
            expect(held.has(j)).toBe(false);
            held.add(j);
            let best = Number.POSITIVE_INFINITY;
            let own = Number.POSITIVE_INFINITY;
            for (let k = s.rowStart[i] as number; k < (s.rowStart[i + 1] as number); k++) {
              const c = s.colIndex[k] as number;
              best = Math.min(best, (s.costs[k] as number) - (v[c] as number));
              if (c === j) own = Math.min(own, s.costs[k] as number);
            }
            expect(rowCost[i]).toBe(own);
            expect(own - (v[j] as number)).toBeLessThanOrEqual(best + 1e-9);
          }
          expect(held.size + left.length).toBe(n);
          const solution = runSsp(s, Number.POSITIVE_INFINITY, left, {
            assignment: rowCol,
            prices: v,
            rowCost,
          }).solution;
          assertValid(s, solution.assignment);
          expect(cardinality(solution.assignment)).toBe(n);
          expect(close(solution.cost, bruteForce(s).cost)).toBe(true);
          expect(certify(s, solution)).toBeNull();
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('capacitated auction', () => {
  it('proves the optimum on tie-heavy integer costs with places to spare, as shortest paths find it', () => {
    for (const seed of [3, 17, 2026]) {
      // Costs 0..19 make many equal alternatives; 40 extra mentors leave places over.
      const p = midSize(3000, 40, 12, 5, false, true, seed);
      const s = capacitatedAuction.solve(p);
      assertValid(p, s.assignment);
      expect(cardinality(s.assignment)).toBe(p.rows);
      expect(s.cost).toBe(sparseSuccessiveShortestPaths.solve(toSparse(p)).cost);
      expect(certify(p, s)).toBeNull();
    }
  });

  it('repairs float costs with places to spare to the exact optimum', () => {
    for (const seed of [5, 99]) {
      const p = midSize(2000, 25, 10, 4, false, false, seed);
      const s = capacitatedAuction.solve(p);
      assertValid(p, s.assignment);
      expect(close(s.cost, sparseSuccessiveShortestPaths.solve(toSparse(p)).cost)).toBe(true);
      if (s.duals) expect(certify(p, s)).toBeNull();
    }
  });
});

describe('certify', () => {
  const p = sparseFromEdges(
    2,
    2,
    Int32Array.from([0, 0, 1, 1]),
    Int32Array.from([0, 1, 0, 1]),
    Float64Array.from([0, 1, 1, 0]),
  );

  it('accepts prices within less than one unit of proof on integer costs', () => {
    const s = { assignment: Int32Array.from([0, 1]), cost: 0, duals: Float64Array.from([0, -0.4]) };
    expect(certify(p, s)).toBeNull();
  });

  it('rejects an assignment that prices cannot prove optimal', () => {
    const s = { assignment: Int32Array.from([1, 0]), cost: 2, duals: Float64Array.from([0, 0]) };
    expect(certify(p, s)).toMatch(/above its cheapest \(duality gap 2\)/);
  });

  it('rejects a column with room priced below the others', () => {
    const wide = sparseFromEdges(
      1,
      2,
      Int32Array.from([0, 0]),
      Int32Array.from([0, 1]),
      Float64Array.from([0, 5]),
    );
    const s = { assignment: Int32Array.from([1]), cost: 5, duals: Float64Array.from([0, 3]) };
    expect(certify(wide, s)).toMatch(/has room/);
  });
});

describe('stay-unmatched penalty', () => {
  const unmatchedCost = (p: Problem, a: Int32Array, penalty: number) => {
    let total = 0;
    for (let i = 0; i < p.rows; i++) total += (a[i] as number) < 0 ? penalty : arcCost(p, i, a[i] as number);
    return total;
  };

  it('leaves a row out exactly when that is cheaper, as shortest paths with the penalty arc do', () => {
    fc.assert(
      fc.property(problemArb({ dense: false }), fc.integer({ min: -5, max: 25 }), (p, penalty) => {
        const s = toSparse(p);
        const ours = solveWithStayPenalty(s, penalty);
        assertValid(p, ours.assignment);
        const reference = runSsp(s, penalty, null).solution;
        expect(
          close(unmatchedCost(p, ours.assignment, penalty), unmatchedCost(p, reference.assignment, penalty)),
        ).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('finds the optimum when far more rows stay out than no matching can place', () => {
    // A penalty inside the cost range leaves many placeable rows out, so the
    // unmatched column's room must grow several times.
    for (const seed of [7, 8]) {
      const p = toSparse(midSize(1500, 30, 8, 3, false, true, seed));
      const ours = solveWithStayPenalty(p, 6);
      const reference = runSsp(p, 6, null).solution;
      expect(unmatchedCost(p, ours.assignment, 6)).toBe(unmatchedCost(p, reference.assignment, 6));
      expect(ours.assignment.filter((j) => j < 0).length).toBeGreaterThan(64);
    }
  });
});
