import { type Problem, type Solution, toSparse } from './problem.js';

/**
 * Checks an optimality certificate for a solution that places every row:
 * with u_i = min_j (c_ij - v_j), each row's own arc attains that minimum, and
 * every column with room left has the highest price. Together these are the
 * linear-programming optimality conditions, so a pass proves the optimum
 * without another solver. Returns null on success, or what failed.
 */
export function certify(p: Problem, s: Solution, relTol = 1e-9): string | null {
  const v = s.duals;
  if (!v) return 'no duals';
  const g = toSparse(p);
  let scale = 1;
  for (let k = 0; k < g.costs.length; k++) scale = Math.max(scale, Math.abs(g.costs[k] as number));
  for (let j = 0; j < g.cols; j++) scale = Math.max(scale, Math.abs(v[j] as number));
  const tol = relTol * scale;
  const load = new Int32Array(g.cols);
  for (let i = 0; i < g.rows; i++) {
    const j = s.assignment[i] as number;
    if (j < 0) return `row ${i} is not placed`;
    load[j] = (load[j] as number) + 1;
    let best = Number.POSITIVE_INFINITY;
    let mine = Number.POSITIVE_INFINITY;
    for (let k = g.rowStart[i] as number; k < (g.rowStart[i + 1] as number); k++) {
      const c = g.colIndex[k] as number;
      const r = (g.costs[k] as number) - (v[c] as number);
      if (r < best) best = r;
      if (c === j && r < mine) mine = r;
    }
    if (mine > best + tol) return `row ${i}: its arc is ${mine - best} above its cheapest`;
  }
  let top = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < g.cols; j++) top = Math.max(top, v[j] as number);
  for (let j = 0; j < g.cols; j++) {
    if ((load[j] as number) > (g.capacities[j] as number)) return `column ${j} is over capacity`;
    if ((load[j] as number) < (g.capacities[j] as number) && (v[j] as number) < top - tol)
      return `column ${j} has room but a price below the highest`;
  }
  return null;
}
