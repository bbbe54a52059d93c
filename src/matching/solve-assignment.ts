import { z } from 'zod';
import { MatchingInputError } from './errors.js';
import {
  type AssignmentSolver,
  allUnitCapacities,
  assignmentCost,
  denseJonkerVolgenant,
  type Problem,
  type Solution,
  sparseSuccessiveShortestPaths,
} from './solvers/index.js';
import { sparseAuction } from './solvers/sparse-auction.js';

/** A raw assignment problem, as in `twoway solve --input problem.json`. */
export interface AssignmentProblemInput {
  rows: number;
  cols: number;
  /** Dense, row-major: costs[i][j]. */
  costs?: number[][];
  /** Sparse: [row, col, cost] triples; pairs not listed are not allowed. */
  edges?: [number, number, number][];
  /** Places per column (default 1). */
  capacities?: number[];
  /** Maximise the total instead of minimising it (default false). */
  maximize?: boolean;
}

export interface AssignmentResult {
  /** Total cost (or value, when maximising) of the assignment. */
  cost: number;
  /** Column of each row, or -1. */
  assignment: number[];
  /** Time spent solving, excluding parsing. */
  solveMs: number;
}

const isInt = (x: unknown): x is number => typeof x === 'number' && Number.isInteger(x);
const isFiniteNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * Validates a raw problem and turns it into the normalised (minimising) form.
 * Throws MatchingInputError naming the first problems found.
 */
export function parseProblem(raw: unknown): { problem: Problem; maximize: boolean } {
  const issues: string[] = [];
  const fail = (msg: string) => {
    issues.push(msg);
    if (issues.length >= 10) throw new MatchingInputError(issues);
  };
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new MatchingInputError(['problem: expected an object with rows, cols and costs or edges']);
  const o = raw as Record<string, unknown>;
  const { rows, cols } = o;
  if (!isInt(rows) || rows < 0) fail('rows: must be a non-negative integer');
  if (!isInt(cols) || cols < 0) fail('cols: must be a non-negative integer');
  if (o.maximize !== undefined && typeof o.maximize !== 'boolean') fail('maximize: must be true or false');
  if ((o.costs === undefined) === (o.edges === undefined))
    fail('give either "costs" (dense) or "edges" (sparse), not both or neither');
  if (issues.length > 0) throw new MatchingInputError(issues);
  const n = rows as number;
  const m = cols as number;
  const maximize = o.maximize === true;
  const sign = maximize ? -1 : 1;

  const capacities = new Int32Array(m).fill(1);
  if (o.capacities !== undefined) {
    if (!Array.isArray(o.capacities) || o.capacities.length !== m)
      fail(`capacities: must be a list of ${m} numbers, one per column`);
    else
      o.capacities.forEach((c, j) => {
        if (!isInt(c) || c < 0)
          fail(`capacities[${j}]: must be a non-negative integer, got ${JSON.stringify(c)}`);
        else capacities[j] = c;
      });
  }

  let problem: Problem;
  if (o.costs !== undefined) {
    const costs = new Float64Array(n * m);
    if (!Array.isArray(o.costs) || o.costs.length !== n) fail(`costs: must be a list of ${n} rows`);
    else
      for (let i = 0; i < n; i++) {
        const row = o.costs[i] as unknown;
        if (!Array.isArray(row) || row.length !== m) {
          fail(`costs[${i}]: must be a list of ${m} numbers`);
          continue;
        }
        for (let j = 0; j < m; j++) {
          const c = row[j] as unknown;
          if (!isFiniteNumber(c))
            fail(`costs[${i}][${j}]: must be a finite number, got ${JSON.stringify(c) ?? String(c)}`);
          else costs[i * m + j] = sign * c;
        }
      }
    problem = { kind: 'dense', rows: n, cols: m, costs, capacities };
  } else {
    const edges = o.edges;
    if (!Array.isArray(edges))
      throw new MatchingInputError(['edges: must be a list of [row, col, cost] triples']);
    const e = edges.length;
    const er = new Int32Array(e);
    const ec = new Int32Array(e);
    const ek = new Float64Array(e);
    const rowStart = new Int32Array(n + 1);
    for (let k = 0; k < e; k++) {
      const t = edges[k] as unknown;
      if (!Array.isArray(t) || t.length !== 3) {
        fail(`edges[${k}]: must be [row, col, cost]`);
        continue;
      }
      const [r, c, w] = t as unknown[];
      if (!isInt(r) || r < 0 || r >= n)
        fail(`edges[${k}]: row ${JSON.stringify(r)} is out of range (rows = ${n})`);
      else if (!isInt(c) || c < 0 || c >= m)
        fail(`edges[${k}]: column ${JSON.stringify(c)} is out of range (cols = ${m})`);
      else if (!isFiniteNumber(w))
        fail(`edges[${k}]: cost must be a finite number, got ${JSON.stringify(w) ?? String(w)}`);
      else {
        er[k] = r;
        ec[k] = c;
        ek[k] = sign * w;
        rowStart[r + 1] = (rowStart[r + 1] as number) + 1;
      }
    }
    if (issues.length > 0) throw new MatchingInputError(issues);
    for (let i = 0; i < n; i++) rowStart[i + 1] = (rowStart[i + 1] as number) + (rowStart[i] as number);
    const fill = rowStart.slice(0, n);
    const colIndex = new Int32Array(e);
    const costs = new Float64Array(e);
    for (let k = 0; k < e; k++) {
      const r = er[k] as number;
      const at = fill[r] as number;
      fill[r] = at + 1;
      colIndex[at] = ec[k] as number;
      costs[at] = ek[k] as number;
    }
    problem = { kind: 'sparse', rows: n, cols: m, rowStart, colIndex, costs, capacities };
  }
  if (issues.length > 0) throw new MatchingInputError(issues);
  return { problem, maximize };
}

/** The raw problem file as a zod schema (same checks and messages as parseProblem). */
export const assignmentProblemSchema = z.unknown().transform((raw, ctx) => {
  try {
    return parseProblem(raw);
  } catch (e) {
    if (!(e instanceof MatchingInputError)) throw e;
    for (const message of e.issues) ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  }
});

/** Picks the solver for a normalised problem: JV for dense, auction for square sparse, SSP otherwise. */
export function chooseSolver(p: Problem): AssignmentSolver {
  if (denseJonkerVolgenant.supports(p)) return denseJonkerVolgenant;
  if (sparseAuction.supports(p)) return sparseAuction;
  return sparseSuccessiveShortestPaths;
}

/** Solves a normalised (minimising) problem exactly with the fitting solver. */
export function solveProblem(p: Problem): Solution {
  return chooseSolver(p).solve(p);
}

/**
 * Solves a raw assignment problem exactly: maximum cardinality first (with
 * enough places every row is assigned), then the least total cost (or the
 * greatest, with maximize). Float costs are solved exactly, not rounded.
 */
export function solveAssignment(input: AssignmentProblemInput): AssignmentResult {
  const { problem, maximize } = parseProblem(input);
  const t0 = performance.now();
  const solution = solveProblem(problem);
  const solveMs = performance.now() - t0;
  const cost = assignmentCost(problem, solution.assignment);
  return { cost: maximize ? -cost : cost, assignment: Array.from(solution.assignment), solveMs };
}

export { allUnitCapacities };
