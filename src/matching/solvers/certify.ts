import { type Problem, type Solution, toSparse } from './problem.js';

/**
 * Checks an optimality certificate for a solution that places every row, from
 * its column prices v: with u_i = min_j (c_ij - v_j) and the highest price as
 * the level of columns with room, the linear-programming duality gap is
 *   sum over rows of (own arc's c - v) - u_i  +  sum over columns of room x (top - v_j),
 * both parts never negative. A gap within rounding proves the optimum; on
 * integer costs any gap below one cost unit does too, because no other
 * assignment can then be cheaper by a whole unit. Returns null on success, or
 * what failed.
 */
export function certify(p: Problem, s: Solution, relTol = 1e-9): string | null {
  const v = s.duals;
  if (!v) return 'no duals';
  const g = toSparse(p);
  let scale = 1;
  let integral = true;
  for (let k = 0; k < g.costs.length; k++) {
    const c = g.costs[k] as number;
    scale = Math.max(scale, Math.abs(c));
    if (!Number.isInteger(c)) integral = false;
  }
  for (let j = 0; j < g.cols; j++) scale = Math.max(scale, Math.abs(v[j] as number));
  const tol = relTol * scale;
  const load = new Int32Array(g.cols);
  let gap = 0;
  let worst = '';
  let worstGap = 0;
  for (let i = 0; i < g.rows; i++) {
    const j = s.assignment[i] as number;
    if (j < 0) return `row ${i} is not placed`;
    load[j] = (load[j] as number) + 1;
    let best = Number.POSITIVE_INFINITY;
    let mine = Number.POSITIVE_INFINITY;
    for (let k = g.rowStart[i] as number; k < (g.rowStart[i + 1] as number); k++) {
      const c = g.colIndex[k] as number;
      // A column without places takes no one, whatever its price.
      if ((g.capacities[c] as number) <= 0) continue;
      const r = (g.costs[k] as number) - (v[c] as number);
      if (r < best) best = r;
      if (c === j && r < mine) mine = r;
    }
    if (mine === Number.POSITIVE_INFINITY) return `row ${i} is placed on a missing arc`;
    gap += mine - best;
    if (mine - best > worstGap) {
      worstGap = mine - best;
      worst = `row ${i}: its arc is ${mine - best} above its cheapest`;
    }
  }
  let top = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < g.cols; j++) if ((g.capacities[j] as number) > 0) top = Math.max(top, v[j] as number);
  for (let j = 0; j < g.cols; j++) {
    const room = (g.capacities[j] as number) - (load[j] as number);
    if (room < 0) return `column ${j} is over capacity`;
    if (room === 0) continue;
    const below = room * (top - (v[j] as number));
    gap += below;
    if (below > worstGap) {
      worstGap = below;
      worst = `column ${j} has room but a price ${top - (v[j] as number)} below the highest`;
    }
  }
  if (worstGap <= tol) return null;
  if (integral && gap < 1 - tol * g.rows) return null;
  return `${worst} (duality gap ${gap})`;
}
