import {
  type AssignmentSolver,
  type Problem,
  type Solution,
  type SparseProblem,
  toSparse,
} from './problem.js';

/**
 * Successive shortest paths with native column capacities (a mentor with
 * capacity 5 is one column, not five copies). One Dijkstra over columns per row,
 * on reduced costs kept non-negative by column prices; a full column passes the
 * search on to every row it holds. Columns that still have room keep price 0,
 * which is what makes the result optimal when columns are left over.
 *
 * Maximum cardinality first: when some row cannot be placed, the problem is
 * solved again with a private "stay unmatched" arc per row whose cost exceeds
 * anything a larger matching could cost more, so the optimum is a maximum
 * matching of minimum cost.
 */
export const sparseSuccessiveShortestPaths: AssignmentSolver = {
  name: 'sparse-ssp',
  supports: () => true,
  solve(p: Problem): Solution {
    const s = toSparse(p);
    const first = runSsp(s, Number.POSITIVE_INFINITY, null);
    if (first.complete) return first.solution;
    return runSsp(s, unmatchedPenalty(s), null).solution;
  },
};

/** A penalty above the cost range times the largest possible matching. */
export function unmatchedPenalty(s: SparseProblem): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < s.costs.length; k++) {
    const c = s.costs[k] as number;
    if (c < lo) lo = c;
    if (c > hi) hi = c;
  }
  if (!(hi >= lo)) return 1;
  let slots = 0;
  for (let j = 0; j < s.cols; j++) slots += s.capacities[j] as number;
  const most = Math.min(s.rows, slots) + 1;
  return (hi - lo) * most + Math.abs(hi) + Math.abs(lo) + 1;
}

export interface SspState {
  rowCol: Int32Array;
  prices: Float64Array;
}

export interface SspRun {
  solution: Solution;
  /** False when a row found no augmenting path (only without the penalty arc). */
  complete: boolean;
  state: SspState;
}

/**
 * Runs SSP with an optional per-row "stay unmatched" cost (Infinity for none).
 * `order` lists the rows in processing order (default 0..rows-1).
 */
export function runSsp(
  s: SparseProblem,
  penalty: number,
  order: Int32Array | null,
  warm?: {
    assignment: Int32Array;
    prices: Float64Array;
    /** Cost of each assigned row's arc, when the caller knows it (saves a scan of every row). */
    rowCost?: Float64Array;
  },
): SspRun {
  const n = s.rows;
  const m = s.cols;
  const { rowStart, colIndex, costs, capacities } = s;
  const hasPenalty = Number.isFinite(penalty);

  const colStart = new Int32Array(m + 1);
  for (let j = 0; j < m; j++)
    colStart[j + 1] = (colStart[j] as number) + Math.max(0, capacities[j] as number);
  const slotRow = new Int32Array(colStart[m] as number).fill(-1);
  const colCount = new Int32Array(m);
  const rowCol = new Int32Array(n).fill(-1);
  const rowSlot = new Int32Array(n).fill(-1);
  const rowCost = new Float64Array(n);
  const v = warm ? Float64Array.from(warm.prices) : new Float64Array(m);
  if (warm) {
    // Keep an earlier optimum (assignment and prices) and place only the rows in `order`.
    for (let i = 0; i < n; i++) {
      const j = warm.assignment[i] as number;
      if (j < 0) continue;
      const slot = (colStart[j] as number) + (colCount[j] as number);
      colCount[j] = (colCount[j] as number) + 1;
      slotRow[slot] = i;
      rowCol[i] = j;
      rowSlot[i] = slot;
      if (warm.rowCost) {
        rowCost[i] = warm.rowCost[i] as number;
        continue;
      }
      let c = Number.POSITIVE_INFINITY;
      for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++)
        if (colIndex[k] === j && (costs[k] as number) < c) c = costs[k] as number;
      rowCost[i] = c;
    }
  }

  const d = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  // d + v of each reached column (Infinity when not reached).
  const w = new Float64Array(m).fill(Number.POSITIVE_INFINITY);
  const predRow = new Int32Array(m).fill(-1);
  const predCost = new Float64Array(m);
  const scanned = new Uint8Array(m);
  const touched = new Int32Array(m);
  const scannedList = new Int32Array(m);
  const heap = new Int32Array(m);
  const heapPos = new Int32Array(m).fill(-1);

  let complete = true;

  let nTouched = 0;
  let heapSize = 0;
  // Binary heap on d[], keyed by column; ties broken by column index.
  const less = (a: number, b: number): boolean => {
    const da = d[a] as number;
    const db = d[b] as number;
    return da < db || (da === db && a < b);
  };
  const siftUp = (at: number): void => {
    const j = heap[at] as number;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      const pj = heap[parent] as number;
      if (!less(j, pj)) break;
      heap[at] = pj;
      heapPos[pj] = at;
      at = parent;
    }
    heap[at] = j;
    heapPos[j] = at;
  };
  const siftDown = (at: number): void => {
    const j = heap[at] as number;
    for (;;) {
      let child = 2 * at + 1;
      if (child >= heapSize) break;
      const right = child + 1;
      if (right < heapSize && less(heap[right] as number, heap[child] as number)) child = right;
      const cj = heap[child] as number;
      if (!less(cj, j)) break;
      heap[at] = cj;
      heapPos[cj] = at;
      at = child;
    }
    heap[at] = j;
    heapPos[j] = at;
  };

  const relaxRow = (r: number, base: number, ur: number): void => {
    const off = base - ur;
    const end = rowStart[r + 1] as number;
    for (let k = rowStart[r] as number; k < end; k++) {
      const j = colIndex[k] as number;
      const cost = costs[k] as number;
      // Compared as d + v (one load per arc); a scanned column is settled, so it is
      // tested only on improvement.
      const x = off + cost;
      const wj = w[j] as number;
      if (x < wj && scanned[j] === 0) {
        if (wj === Number.POSITIVE_INFINITY) touched[nTouched++] = j;
        w[j] = x;
        d[j] = x - (v[j] as number);
        predRow[j] = r;
        predCost[j] = cost;
        const pos = heapPos[j] as number;
        if (pos < 0) {
          heap[heapSize] = j;
          heapSize++;
          siftUp(heapSize - 1);
        } else siftUp(pos);
      }
    }
  };

  const count = order ? order.length : n;
  for (let t = 0; t < count; t++) {
    const src = order ? (order[t] as number) : t;
    nTouched = 0;
    let nScanned = 0;
    heapSize = 0;

    // The best end so far: a column with room (bestCol) or a row's unmatched arc (bestRow).
    let best = hasPenalty ? penalty : Number.POSITIVE_INFINITY;
    let bestRow = hasPenalty ? src : -1;
    let bestCol = -1;

    relaxRow(src, 0, 0);
    let endD = Number.POSITIVE_INFINITY;
    while (heapSize > 0) {
      const j = heap[0] as number;
      const dj = d[j] as number;
      if (dj >= best) break;
      heapPos[j] = -1;
      heapSize--;
      if (heapSize > 0) {
        heap[0] = heap[heapSize] as number;
        siftDown(0);
      }
      scanned[j] = 1;
      scannedList[nScanned++] = j;
      if ((colCount[j] as number) < (capacities[j] as number)) {
        best = dj;
        bestCol = j;
        bestRow = -1;
        break;
      }
      const vj = v[j] as number;
      const end = (colStart[j] as number) + (colCount[j] as number);
      for (let slot = colStart[j] as number; slot < end; slot++) {
        const r = slotRow[slot] as number;
        const ur = (rowCost[r] as number) - vj;
        if (hasPenalty) {
          const cand = dj + penalty - ur;
          if (cand < best) {
            best = cand;
            bestRow = r;
          }
        }
        relaxRow(r, dj, ur);
      }
    }
    endD = best;

    if (bestCol < 0 && bestRow < 0) {
      // No augmenting path and no unmatched arc: this row stays out.
      complete = false;
    } else {
      // Prices: every scanned column except the end moves by d - endD (never up).
      for (let q = 0; q < nScanned; q++) {
        const j = scannedList[q] as number;
        if (j === bestCol) continue;
        v[j] = (v[j] as number) + (d[j] as number) - endD;
      }
      // Augment along the predecessor chain.
      let j: number;
      let freedSlot: number;
      let r: number;
      if (bestCol >= 0) {
        j = bestCol;
        freedSlot = (colStart[j] as number) + (colCount[j] as number);
        colCount[j] = (colCount[j] as number) + 1;
        r = predRow[j] as number;
      } else {
        // Row bestRow leaves its column for its unmatched arc.
        r = bestRow;
        if (r === src) {
          j = -1;
          freedSlot = -1;
        } else {
          j = rowCol[r] as number;
          freedSlot = rowSlot[r] as number;
          rowCol[r] = -1;
          rowSlot[r] = -1;
          r = predRow[j] as number;
        }
      }
      while (j >= 0) {
        const prevCol = rowCol[r] as number;
        const prevSlot = rowSlot[r] as number;
        rowCol[r] = j;
        rowSlot[r] = freedSlot;
        slotRow[freedSlot] = r;
        rowCost[r] = predCost[j] as number;
        if (r === src) break;
        j = prevCol;
        freedSlot = prevSlot;
        r = predRow[j] as number;
      }
    }

    for (let q = 0; q < nTouched; q++) {
      const j = touched[q] as number;
      d[j] = Number.POSITIVE_INFINITY;
      w[j] = Number.POSITIVE_INFINITY;
      scanned[j] = 0;
      heapPos[j] = -1;
    }
  }

  let cost = 0;
  for (let i = 0; i < n; i++) if ((rowCol[i] as number) >= 0) cost += rowCost[i] as number;
  return { solution: { assignment: rowCol, cost, duals: v }, complete, state: { rowCol, prices: v } };
}
