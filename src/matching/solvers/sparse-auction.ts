import { maximumCardinality } from './fairest.js';
import {
  type AssignmentSolver,
  allUnitCapacities,
  type Problem,
  type Solution,
  toSparse,
} from './problem.js';
import { runSsp, sparseSuccessiveShortestPaths } from './sparse-ssp.js';

/**
 * Epsilon-scaling auction for square sparse problems with one place per column
 * and a full assignment, followed by an exact repair on the original costs.
 *
 * The auction runs on integer costs: the float costs rounded to a grid of
 * 1/QUANTUM of their range, times (rows + 1), so that a final epsilon of 1 would
 * be optimal for the rounded costs. Its prices are then a warm start for
 * successive shortest paths on the exact float costs: every row whose arc is not
 * the cheapest under those prices is set free again and placed by a shortest
 * augmenting path, so the result is the exact optimum, not an approximation.
 * Problems without a full assignment go to successive shortest paths directly.
 */
export const sparseAuction: AssignmentSolver = {
  name: 'sparse-auction',
  supports: (p: Problem) => p.kind === 'sparse' && p.rows === p.cols && p.rows > 0 && allUnitCapacities(p),
  solve(p: Problem): Solution {
    const s = toSparse(p);
    if (s.rows !== s.cols || !allUnitCapacities(s) || maximumCardinality(s) < s.rows)
      return sparseSuccessiveShortestPaths.solve(s);
    return auctionThenRepair(s);
  },
};

/** Grid of the rounded costs used by the auction, as parts of the cost range. */
const QUANTUM = 1 << 20;
/** Epsilon shrinks by this factor between auction phases. */
const SCALING = 8;

function auctionThenRepair(s: ReturnType<typeof toSparse>): Solution {
  const n = s.rows;
  const { rowStart, colIndex, costs } = s;
  const e = colIndex.length;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < e; k++) {
    const c = costs[k] as number;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  const range = hi - lo;
  const unit = range > 0 ? range / QUANTUM : 1;
  // Benefits (to maximise) on the integer grid, scaled by n + 1.
  const benefit = new Float64Array(e);
  for (let k = 0; k < e; k++) benefit[k] = -Math.round(((costs[k] as number) - lo) / unit) * (n + 1);
  const spread = QUANTUM * (n + 1);

  const price = new Float64Array(n);
  const owner = new Int32Array(n);
  const rowCol = new Int32Array(n);
  const queue = new Int32Array(n);
  let eps = Math.max(1, Math.floor(spread / 16));
  for (;;) {
    owner.fill(-1);
    rowCol.fill(-1);
    for (let i = 0; i < n; i++) queue[i] = i;
    let head = 0;
    let size = n;
    while (size > 0) {
      const i = queue[head] as number;
      head = head + 1 === n ? 0 : head + 1;
      size--;
      let v1 = Number.NEGATIVE_INFINITY;
      let v2 = Number.NEGATIVE_INFINITY;
      let j1 = -1;
      const end = rowStart[i + 1] as number;
      for (let k = rowStart[i] as number; k < end; k++) {
        const j = colIndex[k] as number;
        const val = (benefit[k] as number) - (price[j] as number);
        if (val > v1) {
          v2 = v1;
          v1 = val;
          j1 = j;
        } else if (val > v2) v2 = val;
      }
      if (v2 === Number.NEGATIVE_INFINITY) v2 = v1 - spread;
      price[j1] = (price[j1] as number) + (v1 - v2) + eps;
      const old = owner[j1] as number;
      owner[j1] = i;
      rowCol[i] = j1;
      if (old >= 0) {
        rowCol[old] = -1;
        let tail = head + size;
        if (tail >= n) tail -= n;
        queue[tail] = old;
        size++;
      }
    }
    if (eps === 1) break;
    eps = Math.max(1, Math.floor(eps / SCALING));
  }

  // Exact repair on the float costs. Column duals in "u + v <= c" form are -price.
  const scale = unit / (n + 1);
  const v = new Float64Array(n);
  for (let j = 0; j < n; j++) v[j] = -(price[j] as number) * scale;
  const free: number[] = [];
  for (let i = 0; i < n; i++) {
    const j = rowCol[i] as number;
    let mine = Number.POSITIVE_INFINITY;
    let best = Number.POSITIVE_INFINITY;
    for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
      const r = (costs[k] as number) - (v[colIndex[k] as number] as number);
      if (r < best) best = r;
      if (colIndex[k] === j && r < mine) mine = r;
    }
    if (mine > best) {
      free.push(i);
      rowCol[i] = -1;
    }
  }
  const run = runSsp(s, Number.POSITIVE_INFINITY, Int32Array.from(free), { assignment: rowCol, prices: v });
  return run.solution;
}
