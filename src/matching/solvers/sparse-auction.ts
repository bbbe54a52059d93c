import { maximumCardinality } from './fairest.js';
import { solveMaximumMinCost } from './max-cardinality.js';
import {
  type AssignmentSolver,
  allUnitCapacities,
  type Problem,
  type Solution,
  type SparseProblem,
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
  supports: (p: Problem) => p.kind === 'sparse' && p.rows > 0,
  solve(p: Problem): Solution {
    const s = toSparse(p);
    // The auction needs a full assignment (it never ends without one) and a cost range
    // that rounds to a usable grid; anything else, or an auction that runs past its bid
    // budget, goes to successive shortest paths.
    if (s.rows === 0 || !usableRange(s.costs)) return sparseSuccessiveShortestPaths.solve(s);
    if (maximumCardinality(s) < s.rows) return solveMaximumMinCost(s, (part) => sparseAuction.solve(part));
    const done =
      s.rows === s.cols && allUnitCapacities(s)
        ? auctionThenRepair(s)
        : capacitatedAuctionThenRepair(s, Number.POSITIVE_INFINITY);
    return done ?? sparseSuccessiveShortestPaths.solve(s);
  },
};

function usableRange(costs: Float64Array): boolean {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < costs.length; k++) {
    const c = costs[k] as number;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  const range = hi - lo;
  return Number.isFinite(range) && (range === 0 || range / QUANTUM > 1e-290);
}

/** Bids allowed per epsilon phase, per arc, before the auction gives way to SSP. */
const BID_BUDGET_PER_ARC = 64;

/** Grid of the rounded costs used by the auction, as parts of the cost range. */
const QUANTUM = 1 << 20;
/** Epsilon shrinks by this factor between auction phases. */
const SCALING = 8;

function auctionThenRepair(s: ReturnType<typeof toSparse>): Solution | null {
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
  // Integer costs with a modest range need no finer grid than their own.
  let integral = range > 0 && range <= QUANTUM;
  for (let k = 0; integral && k < e; k++) if (!Number.isInteger(costs[k] as number)) integral = false;
  const unit = integral ? 1 : range > 0 ? range / QUANTUM : 1;
  // Benefits (to maximise) on the integer grid, scaled by n + 1.
  const benefit = new Float64Array(e);
  for (let k = 0; k < e; k++) benefit[k] = -Math.round(((costs[k] as number) - lo) / unit) * (n + 1);
  const spread = (integral ? range : QUANTUM) * (n + 1);

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
    let bids = 0;
    const budget = BID_BUDGET_PER_ARC * e + n;
    while (size > 0) {
      if (++bids > budget) return null;
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

/**
 * The auction with native column capacities, for problems where every row can be
 * placed. A column with room takes a bidder at its current price; a full column
 * raises its one shared price by the bidder's margin plus epsilon and lets go of
 * the holder who values it least. Assignments carry over between epsilon phases
 * (only rows no longer epsilon-happy are set free), so a column that ever filled
 * stays full. Columns left with room get price 0, and the exact repair with
 * successive shortest paths then places every row whose arc is not its cheapest.
 */
/**
 * Minimum cost where each row may stay unmatched at cost `penalty` (a private
 * "stay unmatched" arc), exactly: the capacitated auction with those arcs, then
 * the repair with successive shortest paths. Returns column prices as duals.
 */
export function solveWithUnmatchedPenalty(s: SparseProblem, penalty: number): Solution {
  if (s.rows === 0 || !usableRange(s.costs)) return runSsp(s, penalty, null).solution;
  return capacitatedAuctionThenRepair(s, penalty) ?? runSsp(s, penalty, null).solution;
}

function capacitatedAuctionThenRepair(s: ReturnType<typeof toSparse>, penalty: number): Solution | null {
  const n = s.rows;
  const m = s.cols;
  const { rowStart, colIndex, costs, capacities } = s;
  const e = colIndex.length;
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < e; k++) {
    const c = costs[k] as number;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  const range = hi - lo;
  // Integer costs with a small enough range are used as they are (no rounding), so
  // the auction's own optimality bound can prove the result without a repair.
  let integral = Number.isFinite(penalty) === false && range * (n + 1) < 2 ** 50;
  for (let k = 0; integral && k < e; k++) if (!Number.isInteger(costs[k] as number)) integral = false;
  const unit = integral ? 1 : range > 0 ? range / QUANTUM : 1;
  const benefit = new Float64Array(e);
  for (let k = 0; k < e; k++) benefit[k] = -Math.round(((costs[k] as number) - lo) / unit) * (n + 1);
  const spread = (integral ? Math.max(1, range) : QUANTUM) * (n + 1);

  const colStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++)
    colStart[j + 1] = (colStart[j] as number) + Math.max(0, capacities[j] as number);
  const slotRow = new Int32Array(colStart[m] as number).fill(-1);
  const slotBid = new Float64Array(colStart[m] as number);
  const colCount = new Int32Array(m);
  const rowCol = new Int32Array(n).fill(-1);
  const rowSlot = new Int32Array(n).fill(-1);
  const price = new Float64Array(m);
  const queue = new Int32Array(n);
  let head = 0;
  let size = 0;
  const push = (i: number) => {
    let tail = head + size;
    if (tail >= n) tail -= n;
    queue[tail] = i;
    size++;
  };
  for (let i = 0; i < n; i++) push(i);

  // With a finite penalty each row has a private "stay unmatched" option. Inside the
  // auction it is worth a little less than the worst arc can be after prices rise
  // (the exact penalty is applied by the repair).
  // Down to epsilon 1 on the (n + 1)-scaled grid: optimal for the rounded costs, which
  // leaves the repair few rows to place.
  const finalEps = 1;
  const hasDummy = Number.isFinite(penalty);
  const dummyValue = hasDummy ? -4 * spread : Number.NEGATIVE_INFINITY;
  const onDummy = new Uint8Array(n);
  let eps = Math.max(1, Math.floor(spread / 16));
  const budget = BID_BUDGET_PER_ARC * e + n;
  for (;;) {
    let bids = 0;
    while (size > 0) {
      if (++bids > budget) return null;
      const i = queue[head] as number;
      head = head + 1 === n ? 0 : head + 1;
      size--;
      let v1 = Number.NEGATIVE_INFINITY;
      let v2 = Number.NEGATIVE_INFINITY;
      let j1 = -1;
      const end = rowStart[i + 1] as number;
      for (let k = rowStart[i] as number; k < end; k++) {
        const j = colIndex[k] as number;
        if ((capacities[j] as number) <= 0) continue;
        const val = (benefit[k] as number) - (price[j] as number);
        if (val > v1) {
          v2 = v1;
          v1 = val;
          j1 = j;
        } else if (val > v2) v2 = val;
      }
      if (dummyValue > v1) {
        onDummy[i] = 1;
        continue;
      }
      if (dummyValue > v2) v2 = dummyValue;
      if (v2 === Number.NEGATIVE_INFINITY) v2 = v1 - spread;
      // The most this row would pay for j1 and still be within epsilon of its next best.
      const bid = (price[j1] as number) + (v1 - v2) + eps;
      const base = colStart[j1] as number;
      const count = colCount[j1] as number;
      const cap = capacities[j1] as number;
      let slot: number;
      if (count < cap) {
        slot = base + count;
        colCount[j1] = count + 1;
      } else {
        // Full: the holder with the lowest bid (the column's price) makes way.
        slot = base;
        for (let q = base + 1; q < base + count; q++)
          if ((slotBid[q] as number) < (slotBid[slot] as number)) slot = q;
        const old = slotRow[slot] as number;
        rowCol[old] = -1;
        rowSlot[old] = -1;
        push(old);
      }
      slotRow[slot] = i;
      slotBid[slot] = bid;
      rowCol[i] = j1;
      rowSlot[i] = slot;
      if ((colCount[j1] as number) === cap) {
        // A full column's price is its lowest holder's bid.
        let low = Number.POSITIVE_INFINITY;
        for (let q = base; q < base + cap; q++) if ((slotBid[q] as number) < low) low = slotBid[q] as number;
        price[j1] = low;
      }
    }
    if (eps === finalEps) break;
    eps = Math.max(finalEps, Math.floor(eps / SCALING));
    // Set free the rows that are no longer happy within the new epsilon.
    for (let i = 0; i < n; i++) {
      const j = rowCol[i] as number;
      let best = dummyValue;
      let own = onDummy[i] === 1 ? dummyValue : Number.NEGATIVE_INFINITY;
      for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
        const c = colIndex[k] as number;
        if ((capacities[c] as number) <= 0) continue;
        const val = (benefit[k] as number) - (price[c] as number);
        if (val > best) best = val;
        if (c === j && val > own) own = val;
      }
      if (own < best - eps && onDummy[i] === 1) {
        onDummy[i] = 0;
        push(i);
      } else if (own < best - eps) {
        const slot = rowSlot[i] as number;
        const last = (colStart[j] as number) + (colCount[j] as number) - 1;
        // Keep the column's holders packed at the front of its slots.
        const moved = slotRow[last] as number;
        slotRow[slot] = moved;
        slotBid[slot] = slotBid[last] as number;
        rowSlot[moved] = slot;
        slotRow[last] = -1;
        colCount[j] = (colCount[j] as number) - 1;
        rowCol[i] = -1;
        rowSlot[i] = -1;
        push(i);
      }
    }
  }

  if (integral) {
    // Duality gap with columns that have room priced at 0: the sum of each row's
    // shortfall from its best value. Below one cost unit (n + 1 here) on integer
    // costs, the assignment is optimal.
    let gap = 0;
    for (let i = 0; i < n && gap < n + 1; i++) {
      const j = rowCol[i] as number;
      if (j < 0) {
        gap = Number.POSITIVE_INFINITY;
        break;
      }
      let best = Number.NEGATIVE_INFINITY;
      let own = Number.NEGATIVE_INFINITY;
      for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
        const c = colIndex[k] as number;
        if ((capacities[c] as number) <= 0) continue;
        const p = (colCount[c] as number) < (capacities[c] as number) ? 0 : (price[c] as number);
        const val = (benefit[k] as number) - p;
        if (val > best) best = val;
        if (c === j && val > own) own = val;
      }
      gap += best - own;
    }
    if (gap < n + 1) {
      let cost = 0;
      for (let i = 0; i < n; i++) {
        const j = rowCol[i] as number;
        let c = Number.POSITIVE_INFINITY;
        for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++)
          if (colIndex[k] === j && (costs[k] as number) < c) c = costs[k] as number;
        cost += c;
      }
      return { assignment: rowCol, cost };
    }
  }

  // Columns with room must end with the highest dual (0). First try the quick way: zero
  // the columns with room now, free the rows whose arc is not their cheapest, repair, and
  // check that every column left with room has dual 0. If not, repeat the freeing until
  // stable before repairing (slower, but always right).
  const scale = unit / (n + 1);
  const quick = repairFrom(s, penalty, rowCol, colCount, price, scale, false);
  if (quick) return quick;
  return repairFrom(s, penalty, rowCol, colCount, price, scale, true) as Solution;
}

function repairFrom(
  s: SparseProblem,
  penalty: number,
  auctionRowCol: Int32Array,
  auctionColCount: Int32Array,
  price: Float64Array,
  scale: number,
  untilStable: boolean,
): Solution | null {
  const n = s.rows;
  const m = s.cols;
  const { rowStart, colIndex, costs, capacities } = s;
  const rowCol = Int32Array.from(auctionRowCol);
  const colCount = Int32Array.from(auctionColCount);
  const v = new Float64Array(m);
  for (let j = 0; j < m; j++) v[j] = -(price[j] as number) * scale;
  const freed = new Uint8Array(n);
  const free: number[] = [];
  for (;;) {
    let changed = false;
    for (let j = 0; j < m; j++) {
      if ((colCount[j] as number) < (capacities[j] as number) && (v[j] as number) < 0) {
        v[j] = 0;
        changed = true;
      }
    }
    if (!changed && free.length > 0) break;
    let freedAny = false;
    for (let i = 0; i < n; i++) {
      if (freed[i] === 1) continue;
      const j = rowCol[i] as number;
      let mine = Number.POSITIVE_INFINITY;
      let best = Number.POSITIVE_INFINITY;
      for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
        const r = (costs[k] as number) - (v[colIndex[k] as number] as number);
        if (r < best) best = r;
        if (colIndex[k] === j && r < mine) mine = r;
      }
      if (j < 0 || mine > best) {
        freed[i] = 1;
        free.push(i);
        if (j >= 0) colCount[j] = (colCount[j] as number) - 1;
        rowCol[i] = -1;
        freedAny = true;
      }
    }
    if (!freedAny || !untilStable) break;
  }
  const solution = runSsp(s, penalty, Int32Array.from(free), { assignment: rowCol, prices: v }).solution;
  if (untilStable) return solution;
  // Columns left with room need the highest dual for the result to be optimal.
  const duals = solution.duals as Float64Array;
  const load = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const j = solution.assignment[i] as number;
    if (j >= 0) load[j] = (load[j] as number) + 1;
  }
  let top = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < m; j++) top = Math.max(top, duals[j] as number);
  for (let j = 0; j < m; j++)
    if ((load[j] as number) < (capacities[j] as number) && (duals[j] as number) < top) return null;
  return solution;
}
