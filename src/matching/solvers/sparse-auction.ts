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
 * Epsilon-scaling auctions with an exact finish. Square problems with one place
 * per column use the classic auction; all others the auction with native column
 * capacities (decision 014), balanced by spare bidders (decision 016).
 *
 * The auctions run on integer costs: the costs themselves when they are integers
 * in a modest range (then the final epsilon proves the optimum), otherwise the
 * float costs rounded to a grid of 1/QUANTUM of their range. Either way the grid
 * is scaled by (bidders + 1), so that a final epsilon of 1 is optimal for it.
 * After rounding, the prices are a warm start for successive shortest paths on the
 * exact float costs: every row whose arc is not the cheapest under those prices is
 * set free again and placed by a shortest augmenting path, so the result is the
 * exact optimum, not an approximation. Problems without a full assignment are
 * split first (decision 015).
 */
export const sparseAuction: AssignmentSolver = {
  name: 'sparse-auction',
  supports: (p: Problem) => p.kind === 'sparse' && p.rows > 0,
  solve(p: Problem): Solution {
    const s = toSparse(p);
    if (s.rows === s.cols && allUnitCapacities(s)) {
      // Square: the auction checks its own range, and whether every row can be
      // placed only if its first phase runs long (a maximum matching is 7-8% of a
      // 10,000-row solve).
      const solved = auctionThenRepair(s, false);
      if (solved === INFEASIBLE) return solveMaximumMinCost(s, solveFullAssignment);
      return solved ?? sparseSuccessiveShortestPaths.solve(s);
    }
    if (s.rows === 0 || !usableRange(s.costs)) return sparseSuccessiveShortestPaths.solve(s);
    if (maximumCardinality(s) < s.rows) return solveMaximumMinCost(s, solveFullAssignment);
    return solveUsableFullAssignment(s);
  },
};

/**
 * Exact minimum cost for a sparse problem in which every row can be placed. The
 * auction needs that (it never ends without a full assignment) and a cost range
 * that rounds to a usable grid; anything else, or an auction that runs past its
 * bid budget, goes to successive shortest paths.
 */
export function solveFullAssignment(s: SparseProblem): Solution {
  if (s.rows === 0 || !usableRange(s.costs)) return sparseSuccessiveShortestPaths.solve(s);
  return solveUsableFullAssignment(s);
}

/** solveFullAssignment once its cost range is known to be usable (one pass over the costs fewer). */
function solveUsableFullAssignment(s: SparseProblem): Solution {
  if (s.rows === s.cols && allUnitCapacities(s))
    return (auctionThenRepair(s, true) as Solution | null) ?? sparseSuccessiveShortestPaths.solve(s);
  // With many places to spare, shortest paths end fast (a free place is near) while
  // spare bidders would crowd the auction; it pays where places are tight.
  let places = 0;
  for (let j = 0; j < s.cols; j++) places += Math.max(0, s.capacities[j] as number);
  if (places - s.rows > s.rows * MAX_SPARE_SHARE) return sparseSuccessiveShortestPaths.solve(s);
  return capacitatedAuctionThenRepair(s) ?? sparseSuccessiveShortestPaths.solve(s);
}

/**
 * The capacitated auction on every problem, whatever its shape or spare places
 * (`sparseAuction` picks it only where places are tight); the shared solver suite
 * runs it on all shapes.
 */
export const capacitatedAuction: AssignmentSolver = {
  name: 'capacitated-auction',
  supports: (p: Problem) => p.kind === 'sparse' && p.rows > 0,
  solve(p: Problem): Solution {
    const s = toSparse(p);
    const full = (part: SparseProblem): Solution =>
      (part.rows > 0 && usableRange(part.costs) ? capacitatedAuctionThenRepair(part) : null) ??
      sparseSuccessiveShortestPaths.solve(part);
    return maximumCardinality(s) < s.rows ? solveMaximumMinCost(s, full) : full(s);
  },
};

/**
 * Minimum cost where each row may instead stay unmatched at cost `penalty`.
 * Staying unmatched becomes one extra column that every row reaches at that cost,
 * so every row has a place and the fast full-assignment solvers apply. The column
 * gets only a little more room than the rows no matching can place, because every
 * place left over is one more spare bidder for the auction (a 100,000-mentee cohort:
 * 1.3 s with 16 extra places, 8.7 s with 1,000). If the optimum leaves it with room,
 * its capacity was not binding and the result is optimal for unlimited room too
 * (linear programming); if it fills up, its room is doubled and the solve repeated.
 */
export function solveWithStayPenalty(s: SparseProblem, penalty: number): Solution {
  const n = s.rows;
  const m = s.cols;
  if (n === 0) return { assignment: new Int32Array(0), cost: 0 };
  const e = s.colIndex.length;
  const rowStart = new Int32Array(n + 1);
  const colIndex = new Int32Array(e + n);
  const costs = new Float64Array(e + n);
  for (let i = 0; i < n; i++) {
    const from = s.rowStart[i] as number;
    const to = s.rowStart[i + 1] as number;
    const at = from + i;
    rowStart[i] = at;
    colIndex.set(s.colIndex.subarray(from, to), at);
    costs.set(s.costs.subarray(from, to), at);
    colIndex[at + to - from] = m;
    costs[at + to - from] = penalty;
  }
  rowStart[n] = e + n;
  const capacities = new Int32Array(m + 1);
  capacities.set(s.capacities);
  let room = Math.min(n, n - maximumCardinality(s) + 16);
  for (;;) {
    capacities[m] = room;
    const solution = solveFullAssignment({
      kind: 'sparse',
      rows: n,
      cols: m + 1,
      rowStart,
      colIndex,
      costs,
      capacities,
    });
    let left = 0;
    for (let i = 0; i < n; i++) if (solution.assignment[i] === m) left++;
    if (left < room || room === n) {
      const assignment = Int32Array.from(solution.assignment, (j) => (j === m ? -1 : j));
      return { assignment, cost: solution.cost - left * penalty };
    }
    room = Math.min(n, 2 * room);
  }
}

/**
 * Spare places, as a share of the rows, above which successive shortest paths
 * beat the capacitated auction (100,000-mentee cohorts: the auction 3.8 s and
 * shortest paths 7.3 s at 10% spare, 3.8 s and 2.6 s at 30%, 6.3 s and 0.7 s at 100%).
 */
const MAX_SPARE_SHARE = 0.2;

function usableRange(costs: Float64Array): boolean {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < costs.length; k++) {
    const c = costs[k] as number;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  return usable(hi - lo);
}

/** A cost range the auction's grid can divide (finite, and not vanishingly small). */
function usable(range: number): boolean {
  return Number.isFinite(range) && (range === 0 || range / QUANTUM > 1e-290);
}

/** The square auction's answer when not every row can be placed. */
const INFEASIBLE = Symbol('infeasible');

/**
 * Bids of the square auction's first phase, per arc, after which it checks that
 * every row can be placed (without, a phase never ends). 10,000 rows with 50 arcs
 * make about one bid per 11 arcs in their first phase.
 */
const FEASIBILITY_CHECK_BIDS_PER_ARC = 1;

/** Bids allowed per epsilon phase, per arc, before the auction gives way to SSP. */
const BID_BUDGET_PER_ARC = 64;

/** Grid of the rounded costs used by the auction, as parts of the cost range. */
const QUANTUM = 1 << 20;
/** Epsilon shrinks by this factor between the capacitated auction's phases. */
const SCALING = 8;
/**
 * The square auction's first epsilon, as a part of the (scaled) cost range, and the
 * factor it shrinks by between phases: from column-reduced prices, 1/128 and 12
 * take 10-15% fewer bids than 1/64 and 8 at 20,000 and 100,000 rows (about the same
 * at 10,000), and 1/64 had taken 7-10% fewer than 1/16 from zero prices.
 */
const START_EPSILON_PARTS = 128;
const SQUARE_SCALING = 12;
/**
 * Best arcs each row of the square auction keeps in its list: at 10,000 rows with
 * 50 arcs, 8 cut the arcs read per solve from 12-14.5 million (full scans) to 3.2-3.4.
 */
const CANDIDATES = 8;
/** A refill first looks within this many times the running margin of a row's best. */
const MARGIN_SLACK = 1.5;
/**
 * On rounded float costs, the grid steps of epsilon below which the next phase is
 * the last: 18-22% fewer bids at 10,000 to 100,000 rows (20 more rows to repair at
 * 10,000), where going on dividing by 8 spends a phase of about one bid a row each.
 */
const LAST_PHASE_STEPS = 10;
/**
 * On integer costs, the next phase is the last (epsilon 1) once epsilon is below
 * this part of a cost unit: 193,619 -> 173,059 bids at 10,000 rows, and CPU time
 * 6% less at 10,000 rows, 4% at 20,000 and 9% at 100,000 (the two phases it skips
 * each cost about a bid a row).
 */
const INTEGER_LAST_PHASE_PARTS = 10;

/**
 * The square auction. Each row keeps a short list of its best arcs and a bound
 * that no arc outside the list can be worth more than (prices only rise, so
 * values only fall); a bid reads the list and scans all the row's arcs only when
 * the list's best falls below the bound. A bid whose second best comes from the
 * bound raises the price by a little less than a full scan would, which keeps
 * the bidder within epsilon of its best all the same.
 */
function auctionThenRepair(s: SparseProblem, feasible: boolean): Solution | null | typeof INFEASIBLE {
  const n = s.rows;
  const { rowStart, colIndex, costs } = s;
  const e = colIndex.length;
  if (n === 0) return null;
  if (!feasible) for (let i = 0; i < n; i++) if (rowStart[i] === rowStart[i + 1]) return INFEASIBLE;
  const { lo, hi, whole } = costRange(costs);
  const range = hi - lo;
  if (!usable(range)) return null;
  // Integer costs with a modest range need no finer grid than their own.
  const integral = whole && range > 0 && range <= QUANTUM;
  const unit = integral ? 1 : range > 0 ? range / QUANTUM : 1;
  const mult = n + 1;
  const price = new Float64Array(n);
  const steps = gridSteps(costs, colIndex, lo, integral ? 1 : 1 / unit, mult, integral, price);
  const spread = (integral ? range : QUANTUM) * mult;
  const auction = new SquareAuction(s, steps, -mult, price);

  let eps = Math.max(1, Math.floor(spread / START_EPSILON_PARTS));
  const budget = BID_BUDGET_PER_ARC * e + n;
  // Checked once, in the first phase: a phase that cannot place every row never ends.
  let check = feasible ? -1 : FEASIBILITY_CHECK_BIDS_PER_ARC * e + n;
  for (;;) {
    const bids = auction.phase(eps, spread, budget, check);
    if (bids === OVER_BUDGET) return null;
    if (bids === CANNOT_PLACE) return INFEASIBLE;
    if (eps === 1) break;
    check = -1;
    // Within a few grid steps (rounded float costs) or a tenth of a cost unit
    // (integer costs) the assignment barely moves, so the next phase is the last:
    // epsilon 1 still proves integer costs by the duality gap, and the exact repair
    // follows on float costs.
    const last = integral ? eps * INTEGER_LAST_PHASE_PARTS < mult : eps <= LAST_PHASE_STEPS * mult;
    eps = last ? 1 : Math.max(1, Math.floor(eps / SQUARE_SCALING));
  }

  const { rowArc } = auction;
  const rowCol = new Int32Array(n);
  for (let i = 0; i < n; i++) rowCol[i] = colIndex[rowArc[i] as number] as number;
  // Column duals in "u + v <= c" form are -price, in cost units.
  const scale = unit / mult;
  const v = new Float64Array(n);
  for (let j = 0; j < n; j++) v[j] = -(price[j] as number) * scale;
  if (integral && auction.duality() < mult) {
    // Below one cost unit on integer costs: optimal as it stands (see certify).
    let cost = 0;
    for (let i = 0; i < n; i++) cost += costs[rowArc[i] as number] as number;
    return { assignment: rowCol, cost, duals: v };
  }
  return repairSquare(s, auction, rowCol, v, lo, unit, scale);
}

function costRange(costs: Float64Array): { lo: number; hi: number; whole: boolean } {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  let whole = true;
  for (let k = 0; k < costs.length; k++) {
    const c = costs[k] as number;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
    if (whole && !Number.isInteger(c)) whole = false;
  }
  return { lo, hi, whole };
}

/**
 * Each arc's cost in grid steps of 1/`perUnit` above the lowest (its benefit, to
 * maximise, is -steps * `mult`), and each column's starting price: the best
 * benefit any row gets from it (column reduction, as in Jonker-Volgenant: 10-18%
 * fewer bids than starting from zero). Steps fit 32 bits (at most 2^20), so the
 * graph's passes read half the bytes of 64-bit benefits, and one pass does both:
 * each is a read of the whole graph, and the machine's memory is what they wait on.
 */
function gridSteps(
  costs: Float64Array,
  colIndex: Int32Array,
  lo: number,
  perUnit: number,
  mult: number,
  integral: boolean,
  price: Float64Array,
): Int32Array {
  const e = costs.length;
  const steps = new Int32Array(e);
  price.fill(Number.POSITIVE_INFINITY);
  for (let k = 0; k < e; k++) {
    // Nearest grid step by a multiplication and floor (costs - lo is never negative):
    // a division and Math.round per arc took a sixth of a 10,000-row float solve.
    const g = integral ? (costs[k] as number) - lo : Math.floor(((costs[k] as number) - lo) * perUnit + 0.5);
    steps[k] = g;
    const j = colIndex[k] as number;
    if (g < (price[j] as number)) price[j] = g;
  }
  // Prices so far hold each column's fewest steps; its best benefit is -steps * mult.
  for (let j = 0; j < price.length; j++)
    price[j] = price[j] === Number.POSITIVE_INFINITY ? 0 : -(price[j] as number) * mult;
  return steps;
}

/** SquareAuction.phase: the bid budget ran out, or not every row can be placed. */
const OVER_BUDGET = -1;
const CANNOT_PLACE = -2;

/**
 * The square auction's state. Its steps are methods of one class, not closures
 * made afresh in every solve: V8 had compiled those into the solver's one large
 * function, and each new solve's closures threw that code away (a call to a
 * different closure), so every solve ran partly unoptimised while it was compiled
 * again (40-200 ms of compiler time per solve on this machine).
 */
class SquareAuction {
  readonly n: number;
  readonly s: SparseProblem;
  readonly rowStart: Int32Array;
  readonly colIndex: Int32Array;
  /** Each arc's cost in grid steps; its benefit is steps * negMult. */
  readonly steps: Int32Array;
  readonly negMult: number;
  readonly price: Float64Array;
  readonly owner: Int32Array;
  readonly rowArc: Int32Array;
  readonly queue: Int32Array;
  // Each list entry's benefit and column sit side by side with the row's others, so
  // a bid reads one short run of memory instead of arcs scattered over the graph.
  readonly listBenefit: Float64Array;
  readonly listCol: Int32Array;
  readonly listArc: Int32Array;
  readonly listLen: Int32Array;
  readonly bound: Float64Array;
  readonly topValue: Float64Array;
  readonly topArc: Int32Array;
  /** A row's arc values, and the places of those within the margin (refill's scratch). */
  readonly values: Float64Array;
  readonly near: Int32Array;
  /**
   * Running estimate of how far a row's (K+1)-th best value lies below its best (in
   * a typed array: a number field that changes representation changes the class's
   * shape, and the compiled methods are thrown away).
   */
  readonly margin = new Float64Array(1);

  constructor(s: SparseProblem, steps: Int32Array, negMult: number, price: Float64Array) {
    const n = s.rows;
    const K = CANDIDATES;
    this.n = n;
    this.s = s;
    this.rowStart = s.rowStart;
    this.colIndex = s.colIndex;
    this.steps = steps;
    this.negMult = negMult;
    this.price = price;
    this.owner = new Int32Array(n);
    this.rowArc = new Int32Array(n).fill(-1);
    this.queue = new Int32Array(n);
    this.listBenefit = new Float64Array(n * K);
    this.listCol = new Int32Array(n * K);
    this.listArc = new Int32Array(n * K);
    this.listLen = new Int32Array(n);
    this.bound = new Float64Array(n);
    this.topValue = new Float64Array(K + 1);
    this.topArc = new Int32Array(K + 1);
    let degree = 0;
    for (let i = 0; i < n; i++)
      degree = Math.max(degree, (s.rowStart[i + 1] as number) - (s.rowStart[i] as number));
    this.values = new Float64Array(degree);
    this.near = new Int32Array(degree);
    for (let i = 0; i < n; i++) this.refill(i);
  }

  /**
   * The row's best K arcs into its list, and the (K+1)-th best value as its bound.
   * Only arcs within a margin of the row's best are sorted in: the margin is a
   * running estimate of how far the (K+1)-th best lies below the best (doubled
   * until K+1 arcs are in it), so most arcs cost a subtraction and a comparison
   * instead of an insertion that mispredicts. Arcs are taken in the same order as
   * a plain insertion would take them, so the list is the same.
   */
  refill(i: number): void {
    const {
      rowStart,
      colIndex,
      steps,
      negMult,
      price,
      topValue,
      topArc,
      listArc,
      listBenefit,
      listCol,
      values,
      near,
    } = this;
    const K = CANDIDATES;
    const from = rowStart[i] as number;
    const end = rowStart[i + 1] as number;
    let best = Number.NEGATIVE_INFINITY;
    for (let k = from; k < end; k++) {
      const val = (steps[k] as number) * negMult - (price[colIndex[k] as number] as number);
      values[k - from] = val;
      if (val > best) best = val;
    }
    const degree = end - from;
    const estimate = this.margin[0] as number;
    let margin = estimate > 0 ? estimate * MARGIN_SLACK : Number.POSITIVE_INFINITY;
    let within = 0;
    for (;;) {
      const floor = best - margin;
      within = 0;
      for (let q = 0; q < degree; q++) {
        near[within] = q;
        within += (values[q] as number) >= floor ? 1 : 0;
      }
      if (within > K || within === degree) break;
      margin = margin > 0 ? margin * 2 : Number.POSITIVE_INFINITY;
    }
    let count = 0;
    for (let c = 0; c < within; c++) {
      const q0 = near[c] as number;
      const val = values[q0] as number;
      if (count <= K) count++;
      else if (val <= (topValue[K] as number)) continue;
      let q = count - 1;
      while (q > 0 && (topValue[q - 1] as number) < val) {
        topValue[q] = topValue[q - 1] as number;
        topArc[q] = topArc[q - 1] as number;
        q--;
      }
      topValue[q] = val;
      topArc[q] = from + q0;
    }
    if (count > K) {
      const gap = best - (topValue[K] as number);
      this.margin[0] = estimate > 0 ? 0.9 * estimate + 0.1 * gap : gap;
    }
    const len = Math.min(count, K);
    for (let q = 0; q < len; q++) {
      const k = topArc[q] as number;
      listArc[i * K + q] = k;
      listBenefit[i * K + q] = (steps[k] as number) * negMult;
      listCol[i * K + q] = colIndex[k] as number;
    }
    this.listLen[i] = len;
    this.bound[i] = count > K ? (topValue[K] as number) : Number.NEGATIVE_INFINITY;
  }

  /**
   * One epsilon phase from no assignment: the bids it made, OVER_BUDGET, or
   * CANNOT_PLACE when the bids reach `check` and a maximum matching leaves a row out.
   */
  phase(eps: number, spread: number, budget: number, check: number): number {
    const { n, price, owner, rowArc, queue, listBenefit, listCol, listArc, listLen, bound } = this;
    const K = CANDIDATES;
    // Every phase starts from no assignment: keeping the rows still within the new
    // epsilon kept few (each bidder ends exactly epsilon short) and cost more than it saved.
    owner.fill(-1);
    let head = 0;
    let size = 0;
    for (let i = 0; i < n; i++) queue[size++] = i;
    let bids = 0;
    while (size > 0) {
      if (++bids > budget) return OVER_BUDGET;
      if (bids === check && maximumCardinality(this.s) < n) return CANNOT_PLACE;
      const i = queue[head] as number;
      head = head + 1 === n ? 0 : head + 1;
      size--;
      const base = i * K;
      let v1 = Number.NEGATIVE_INFINITY;
      let v2 = Number.NEGATIVE_INFINITY;
      let a1 = -1;
      // The best two arcs of the list; once more after a refill when the list has gone stale.
      for (let refilled = false; ; refilled = true) {
        v1 = Number.NEGATIVE_INFINITY;
        v2 = Number.NEGATIVE_INFINITY;
        const len = listLen[i] as number;
        for (let q = base; q < base + len; q++) {
          const val = (listBenefit[q] as number) - (price[listCol[q] as number] as number);
          if (val > v1) {
            v2 = v1;
            v1 = val;
            a1 = q;
          } else if (val > v2) v2 = val;
        }
        if (refilled || v1 >= (bound[i] as number)) break;
        this.refill(i);
      }
      // An arc outside the list may be worth up to the bound.
      if (v2 < (bound[i] as number)) v2 = bound[i] as number;
      if (v2 === Number.NEGATIVE_INFINITY) v2 = v1 - spread;
      const j1 = listCol[a1] as number;
      price[j1] = (price[j1] as number) + (v1 - v2) + eps;
      const old = owner[j1] as number;
      owner[j1] = i;
      rowArc[i] = listArc[a1] as number;
      if (old >= 0) {
        rowArc[old] = -1;
        let tail = head + size;
        if (tail >= n) tail -= n;
        queue[tail] = old;
        size++;
      }
    }
    return bids;
  }

  /**
   * Sum over rows of the shortfall of their arc's value from their best (every
   * column full). A row's best is its list's best when that is at least its bound
   * (no arc outside the list can be worth more); only the other rows read all their
   * arcs (175 of 10,000 rows; reading every arc took 1.7-2 ms of a 10,000-row solve).
   */
  duality(): number {
    const { n, rowStart, colIndex, rowArc, steps, negMult, price, listBenefit, listCol, listLen, bound } =
      this;
    const K = CANDIDATES;
    let gap = 0;
    for (let i = 0; i < n; i++) {
      const held = rowArc[i] as number;
      const own = (steps[held] as number) * negMult - (price[colIndex[held] as number] as number);
      let best = Number.NEGATIVE_INFINITY;
      for (let q = i * K; q < i * K + (listLen[i] as number); q++) {
        const val = (listBenefit[q] as number) - (price[listCol[q] as number] as number);
        if (val > best) best = val;
      }
      if (best < (bound[i] as number))
        for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
          const val = (steps[k] as number) * negMult - (price[colIndex[k] as number] as number);
          if (val > best) best = val;
        }
      gap += best - own;
    }
    return gap;
  }
}

/**
 * One empty auction kept for the module's lifetime, so the class's hidden shape
 * outlives every solve: when a full garbage collection between solves collected
 * the shape, V8 threw away the methods' compiled code with it, and the next solve
 * ran partly unoptimised while they were compiled again.
 */
export const shapeKeeper = new SquareAuction(
  {
    kind: 'sparse',
    rows: 0,
    cols: 0,
    rowStart: new Int32Array(1),
    colIndex: new Int32Array(0),
    costs: new Float64Array(0),
    capacities: new Int32Array(0),
  },
  new Int32Array(0),
  -1,
  new Float64Array(0),
);

/**
 * Exact repair on the float costs. The auction leaves each row up to epsilon
 * (and the rounding) short of its best: first each column's dual rises by its
 * holder's shortfall, which settles most rows, then rows still not on their
 * cheapest arc are set free and placed by augmenting row reduction and shortest
 * augmenting paths.
 */
function repairSquare(
  s: SparseProblem,
  auction: SquareAuction,
  rowCol: Int32Array,
  v: Float64Array,
  lo: number,
  unit: number,
  scale: number,
): Solution {
  const n = s.rows;
  const { rowStart, colIndex, costs } = s;
  const { rowArc, listArc, listLen, bound } = auction;
  const K = CANDIDATES;
  // No arc outside a row's list costs less, less its column's dual, than this floor:
  // its grid value is at most the bound, and rounding to the grid moved its cost by
  // at most half a grid step (a whole step, and a little more for float error, here).
  const floor = new Float64Array(n);
  const slack = unit * (1 + 1e-6) + 1e-12 * (Math.abs(lo) + unit * QUANTUM);
  for (let i = 0; i < n; i++) {
    const b = bound[i] as number;
    floor[i] = b === Number.NEGATIVE_INFINITY ? Number.POSITIVE_INFINITY : lo - b * scale - slack;
  }
  const raised = Float64Array.from(v);
  for (let i = 0; i < n; i++) {
    const own = rowArc[i] as number;
    let other = Number.POSITIVE_INFINITY;
    for (let q = i * K; q < i * K + (listLen[i] as number); q++) {
      const k = listArc[q] as number;
      if (k === own) continue;
      const r = (costs[k] as number) - (v[colIndex[k] as number] as number);
      if (r < other) other = r;
    }
    // Only when an arc outside the list might be cheaper are all the row's arcs read.
    if (other > (floor[i] as number))
      for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
        if (k === own) continue;
        const r = (costs[k] as number) - (v[colIndex[k] as number] as number);
        if (r < other) other = r;
      }
    const j = rowCol[i] as number;
    const mine = (costs[own] as number) - (v[j] as number);
    if (mine > other) raised[j] = (v[j] as number) + (mine - other);
  }
  let rise = 0;
  for (let j = 0; j < n; j++) rise = Math.max(rise, (raised[j] as number) - (v[j] as number));
  const free: number[] = [];
  const rowCost = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const own = rowArc[i] as number;
    rowCost[i] = costs[own] as number;
    const mine = (costs[own] as number) - (raised[rowCol[i] as number] as number);
    let cheaper = false;
    for (let q = i * K; q < i * K + (listLen[i] as number); q++) {
      const k = listArc[q] as number;
      if ((costs[k] as number) - (raised[colIndex[k] as number] as number) < mine) cheaper = true;
    }
    // Columns' duals rose by at most `rise`, so arcs outside the list stay above floor - rise.
    if (!cheaper && (floor[i] as number) - rise < mine)
      for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
        if ((costs[k] as number) - (raised[colIndex[k] as number] as number) < mine) {
          cheaper = true;
          break;
        }
      }
    if (cheaper) {
      free.push(i);
      rowCol[i] = -1;
    }
  }
  const left = reduceRows(s, rowCol, rowCost, raised, free);
  return runSsp(s, Number.POSITIVE_INFINITY, left, { assignment: rowCol, prices: raised, rowCost }).solution;
}

/**
 * Steps of augmenting row reduction a freed row gets on average. With 4, shortest
 * paths were left about one repaired row in eleven (97 of 1,113 at 10,000 float
 * rows), each a search over much of the graph for one of the few free columns:
 * 2.6-9.7 ms of a 35-40 ms solve. With 8 the reduction places every row there and
 * at 20,000 and 100,000 rows, for 0.3-0.5 ms more of its own.
 */
const REDUCTION_STEPS = 8;

/**
 * Augmenting row reduction (Jonker-Volgenant) before shortest paths: a free row
 * takes its cheapest column, whose dual falls by the row's margin over its cheapest
 * other column, so the row sits exactly on a cheapest arc and every assigned row
 * still does (their other arcs only got dearer); whoever held the column is free
 * again. Most repaired rows settle in a step or two this way, which a shortest-path
 * search pays for with a heap over every column it reaches. After REDUCTION_STEPS
 * steps a row on average (ties can chase each other), the rows still free are
 * returned for shortest paths. Updates rowCol, rowCost and v in place.
 */
export function reduceRows(
  s: SparseProblem,
  rowCol: Int32Array,
  rowCost: Float64Array,
  v: Float64Array,
  free: number[],
): Int32Array {
  const { rowStart, colIndex, costs } = s;
  const owner = new Int32Array(s.cols).fill(-1);
  for (let i = 0; i < s.rows; i++) if ((rowCol[i] as number) >= 0) owner[rowCol[i] as number] = i;
  const queue = Int32Array.from(free);
  let size = queue.length;
  let head = 0;
  const cap = queue.length;
  let steps = REDUCTION_STEPS * cap;
  while (size > 0 && steps-- > 0) {
    const i = queue[head] as number;
    head = head + 1 === cap ? 0 : head + 1;
    size--;
    const from = rowStart[i] as number;
    const to = rowStart[i + 1] as number;
    // The cheapest arc and the cheapest to any other column, in one pass: when a
    // new cheapest arc goes to another column, the old cheapest (cheaper than every
    // other arc seen) becomes the cheapest elsewhere.
    let u1 = Number.POSITIVE_INFINITY;
    let u2 = Number.POSITIVE_INFINITY;
    let k1 = from;
    let j1 = -1;
    for (let k = from; k < to; k++) {
      const c = colIndex[k] as number;
      const r = (costs[k] as number) - (v[c] as number);
      if (r < u1) {
        if (c !== j1) {
          u2 = u1;
          j1 = c;
        }
        u1 = r;
        k1 = k;
      } else if (r < u2 && c !== j1) u2 = r;
    }
    if (j1 < 0) j1 = colIndex[k1] as number;
    const h = owner[j1] as number;
    if (h >= 0 && u2 > u1 && u2 < Number.POSITIVE_INFINITY) v[j1] = (v[j1] as number) - (u2 - u1);
    rowCol[i] = j1;
    rowCost[i] = costs[k1] as number;
    owner[j1] = i;
    if (h >= 0) {
      rowCol[h] = -1;
      let tail = head + size;
      if (tail >= cap) tail -= cap;
      queue[tail] = h;
      size++;
    }
  }
  const left = new Int32Array(size);
  for (let q = 0; q < size; q++) left[q] = queue[(head + q) % cap] as number;
  return left;
}

/**
 * The auction with native column capacities, for problems where every row can be
 * placed (decision 014). A column keeps one price and, for each holder, its bid:
 * a column with room takes a bidder at its price; a full column lets go of the
 * holder with the lowest bid, and its price becomes the lowest bid left.
 *
 * Places that no row will take are held by "spare" bidders worth the same
 * everywhere, so the problem is balanced and every column ends full (decision
 * 016): without them a column that lost a holder between epsilon phases could
 * end with room and a price, which no optimum allows. A spare bids for the
 * cheapest column, found in a heap of column prices.
 *
 * Assignments carry over between epsilon phases: rows no longer epsilon-happy are
 * set free, and the others' bids are lowered to what the new epsilon allows, so a
 * column price that later rises to a holder's bid keeps that holder happy. On
 * integer costs, the final epsilon on the (bidders + 1)-scaled grid proves the
 * optimum by the duality gap; otherwise successive shortest paths repair the
 * result exactly from the auction's prices.
 */
function capacitatedAuctionThenRepair(s: SparseProblem): Solution | null {
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
  const colStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++)
    colStart[j + 1] = (colStart[j] as number) + Math.max(0, capacities[j] as number);
  const places = colStart[m] as number;
  if (places < n) return null;
  // Rows n .. bidders-1 are the spare bidders.
  const bidders = places;
  const mult = bidders + 1;
  // Integer costs with a small enough range are used as they are (no rounding), so
  // the auction's own optimality bound proves the result without a repair.
  let integral = range * mult < 2 ** 50;
  for (let k = 0; integral && k < e; k++) if (!Number.isInteger(costs[k] as number)) integral = false;
  const unit = integral ? 1 : range > 0 ? range / QUANTUM : 1;
  const benefit = new Float64Array(e);
  for (let k = 0; k < e; k++) benefit[k] = -Math.round(((costs[k] as number) - lo) / unit) * mult;
  const spread = (integral ? Math.max(1, range) : QUANTUM) * mult;

  const slotRow = new Int32Array(places).fill(-1);
  const slotBid = new Float64Array(places);
  const colCount = new Int32Array(m);
  const rowCol = new Int32Array(bidders).fill(-1);
  const rowSlot = new Int32Array(bidders).fill(-1);
  // Benefit of each bidder's current arc (0 for spares).
  const rowBenefit = new Float64Array(bidders);
  const price = new Float64Array(m);
  const heap = new ColumnHeap(price, capacities);
  const queue = new Int32Array(bidders);
  let head = 0;
  let size = 0;
  const push = (i: number) => {
    let tail = head + size;
    if (tail >= bidders) tail -= bidders;
    queue[tail] = i;
    size++;
  };
  for (let i = 0; i < bidders; i++) push(i);
  const release = (i: number) => {
    // Keep the column's holders packed at the front of its slots.
    const j = rowCol[i] as number;
    const slot = rowSlot[i] as number;
    const last = (colStart[j] as number) + (colCount[j] as number) - 1;
    const moved = slotRow[last] as number;
    slotRow[slot] = moved;
    slotBid[slot] = slotBid[last] as number;
    rowSlot[moved] = slot;
    slotRow[last] = -1;
    colCount[j] = (colCount[j] as number) - 1;
    rowCol[i] = -1;
    rowSlot[i] = -1;
    push(i);
  };

  let eps = Math.max(1, Math.floor(spread / 16));
  const budget = BID_BUDGET_PER_ARC * (e + bidders) + bidders;
  for (;;) {
    let bids = 0;
    while (size > 0) {
      if (++bids > budget) return null;
      const i = queue[head] as number;
      head = head + 1 === bidders ? 0 : head + 1;
      size--;
      let j1: number;
      let bid: number;
      let gain = 0;
      if (i >= n) {
        // A spare takes the cheapest place, paying up to the next cheapest column.
        j1 = heap.min();
        const p2 = heap.secondMinPrice();
        bid = (p2 === Number.POSITIVE_INFINITY ? (price[j1] as number) + spread : p2) + eps;
      } else {
        let v1 = Number.NEGATIVE_INFINITY;
        let v2 = Number.NEGATIVE_INFINITY;
        let k1 = -1;
        const end = rowStart[i + 1] as number;
        for (let k = rowStart[i] as number; k < end; k++) {
          const j = colIndex[k] as number;
          if ((capacities[j] as number) <= 0) continue;
          const val = (benefit[k] as number) - (price[j] as number);
          if (val > v1) {
            v2 = v1;
            v1 = val;
            k1 = k;
          } else if (val > v2) v2 = val;
        }
        if (k1 < 0) return null;
        if (v2 === Number.NEGATIVE_INFINITY) v2 = v1 - spread;
        j1 = colIndex[k1] as number;
        // The most this row would pay for j1 and still be within epsilon of its next best.
        bid = (price[j1] as number) + (v1 - v2) + eps;
        gain = benefit[k1] as number;
      }
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
      rowBenefit[i] = gain;
      if ((colCount[j1] as number) === cap) {
        let low = Number.POSITIVE_INFINITY;
        for (let q = base; q < base + cap; q++) if ((slotBid[q] as number) < low) low = slotBid[q] as number;
        if (low !== price[j1]) {
          price[j1] = low;
          heap.raised(j1);
        }
      }
    }
    if (eps === 1) break;
    eps = Math.max(1, Math.floor(eps / SCALING));
    const minPrice = price[heap.min()] as number;
    const secondPrice = heap.secondMinPrice();
    for (let i = 0; i < bidders; i++) {
      const j = rowCol[i] as number;
      let best: number;
      // Best value elsewhere than j, for the bid cap.
      let other: number;
      if (i >= n) {
        best = -minPrice;
        other = heap.min() === j ? -secondPrice : -minPrice;
      } else {
        best = Number.NEGATIVE_INFINITY;
        other = Number.NEGATIVE_INFINITY;
        for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
          const c = colIndex[k] as number;
          if ((capacities[c] as number) <= 0) continue;
          const val = (benefit[k] as number) - (price[c] as number);
          if (val > best) best = val;
          if (c !== j && val > other) other = val;
        }
      }
      if ((rowBenefit[i] as number) - (price[j] as number) < best - eps) release(i);
      else if (other > Number.NEGATIVE_INFINITY) {
        const most = (rowBenefit[i] as number) - other + eps;
        const slot = rowSlot[i] as number;
        if (most < (slotBid[slot] as number)) slotBid[slot] = most;
      }
    }
  }

  const assignment = rowCol.slice(0, n);
  const realCount = new Int32Array(m);
  for (let i = 0; i < n; i++) {
    const j = assignment[i] as number;
    realCount[j] = (realCount[j] as number) + 1;
  }
  if (integral) {
    // Duality gap over all bidders (every column is full): each one's shortfall from
    // its best value. Below one cost unit (mult here) on integer costs, the
    // assignment is optimal.
    let gap = -(bidders - n) * (price[heap.min()] as number);
    for (let i = 0; i < bidders && gap < mult; i++) {
      if (i >= n) {
        gap += price[rowCol[i] as number] as number;
        continue;
      }
      let best = Number.NEGATIVE_INFINITY;
      for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
        const c = colIndex[k] as number;
        if ((capacities[c] as number) <= 0) continue;
        const val = (benefit[k] as number) - (price[c] as number);
        if (val > best) best = val;
      }
      gap += best - ((rowBenefit[i] as number) - (price[rowCol[i] as number] as number));
    }
    if (gap < mult) {
      let cost = 0;
      for (let i = 0; i < n; i++) cost += lo - (rowBenefit[i] as number) / mult;
      // Prices from the cheapest column, in cost units: the same gap for certify.
      const low = price[heap.min()] as number;
      const duals = Float64Array.from(price, (p) => -(p - low) / mult);
      return { assignment, cost, duals };
    }
  }

  // Prices measured from the cheapest column: the columns the spares hold are the
  // ones with room, and must end with the highest dual (0).
  const minPrice = price[heap.min()] as number;
  const shifted = Float64Array.from(price, (p) => p - minPrice);
  const scale = unit / mult;
  const quick = repairFrom(s, assignment, realCount, shifted, scale, false);
  if (quick) return quick;
  return repairFrom(s, assignment, realCount, shifted, scale, true) as Solution;
}

/** Columns with places in a binary min-heap by price (ties by index); prices only rise. */
class ColumnHeap {
  private readonly heap: Int32Array;
  private readonly at: Int32Array;
  private readonly size: number;
  constructor(
    private readonly price: Float64Array,
    capacities: Int32Array,
  ) {
    const m = price.length;
    this.heap = new Int32Array(m);
    this.at = new Int32Array(m).fill(-1);
    let size = 0;
    for (let j = 0; j < m; j++)
      if ((capacities[j] as number) > 0) {
        this.heap[size] = j;
        this.at[j] = size;
        size++;
      }
    this.size = size;
  }
  min(): number {
    return this.heap[0] as number;
  }
  /** The second lowest price (Infinity with one column). */
  secondMinPrice(): number {
    const { heap, price, size } = this;
    let p = Number.POSITIVE_INFINITY;
    if (size > 1) p = price[heap[1] as number] as number;
    if (size > 2) p = Math.min(p, price[heap[2] as number] as number);
    return p;
  }
  private less(a: number, b: number): boolean {
    const pa = this.price[a] as number;
    const pb = this.price[b] as number;
    return pa < pb || (pa === pb && a < b);
  }
  /** Column j's price went up: move it down the heap. */
  raised(j: number): void {
    const { heap, at, size } = this;
    let pos = at[j] as number;
    for (;;) {
      let child = 2 * pos + 1;
      if (child >= size) break;
      if (child + 1 < size && this.less(heap[child + 1] as number, heap[child] as number)) child++;
      const c = heap[child] as number;
      if (!this.less(c, j)) break;
      heap[pos] = c;
      at[c] = pos;
      pos = child;
    }
    heap[pos] = j;
    at[j] = pos;
  }
}

function repairFrom(
  s: SparseProblem,
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
  const solution = runSsp(s, Number.POSITIVE_INFINITY, Int32Array.from(free), {
    assignment: rowCol,
    prices: v,
  }).solution;
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
