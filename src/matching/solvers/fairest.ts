import type { AssignmentSolver } from './problem.js';
import { filterArcs, type Problem, type Solution, type SparseProblem, toSparse } from './problem.js';
import { sparseSuccessiveShortestPaths } from './sparse-ssp.js';

/**
 * Size of a maximum matching that respects column capacities, using only arcs
 * with cost <= limit. Breadth-first augmenting paths; a search that fails marks
 * what it saw as dead, since no later path can get through there either.
 */
export function maximumCardinality(s: SparseProblem, limit = Number.POSITIVE_INFINITY): number {
  return maximumMatching(s, limit).size;
}

/** A maximum matching (column of each row, or -1) and its size; see maximumCardinality. */
export function maximumMatching(
  s: SparseProblem,
  limit = Number.POSITIVE_INFINITY,
): { size: number; rowCol: Int32Array } {
  const { rows, cols, rowStart, colIndex, costs, capacities } = s;
  const colStart = new Int32Array(cols + 1);
  for (let j = 0; j < cols; j++)
    colStart[j + 1] = (colStart[j] as number) + Math.max(0, capacities[j] as number);
  const slotRow = new Int32Array(colStart[cols] as number);
  const colCount = new Int32Array(cols);
  const rowCol = new Int32Array(rows).fill(-1);
  const rowSlot = new Int32Array(rows).fill(-1);
  const seen = new Int32Array(cols).fill(-1);
  const dead = new Uint8Array(cols);
  const predRow = new Int32Array(cols);
  const queue = new Int32Array(cols);
  let size = 0;
  let src = 0;
  let tail = 0;
  let end = -1;
  // One function for every search (not one per row): rows are many.
  const visitRow = (r: number): boolean => {
    for (let k = rowStart[r] as number; k < (rowStart[r + 1] as number); k++) {
      if ((costs[k] as number) > limit) continue;
      const j = colIndex[k] as number;
      if (seen[j] === src || dead[j] === 1) continue;
      seen[j] = src;
      predRow[j] = r;
      if ((colCount[j] as number) < (capacities[j] as number)) {
        end = j;
        return true;
      }
      queue[tail++] = j;
    }
    return false;
  };
  for (src = 0; src < rows; src++) {
    let head = 0;
    tail = 0;
    end = -1;
    if (!visitRow(src)) {
      while (head < tail) {
        const j = queue[head++] as number;
        let found = false;
        for (let q = colStart[j] as number; q < (colStart[j] as number) + (colCount[j] as number); q++) {
          if (visitRow(slotRow[q] as number)) {
            found = true;
            break;
          }
        }
        if (found) break;
      }
    }
    if (end < 0) {
      for (let q = 0; q < tail; q++) dead[queue[q] as number] = 1;
      continue;
    }
    size++;
    let j = end;
    let slot = (colStart[j] as number) + (colCount[j] as number);
    colCount[j] = (colCount[j] as number) + 1;
    for (;;) {
      const r = predRow[j] as number;
      const prevCol = rowCol[r] as number;
      const prevSlot = rowSlot[r] as number;
      rowCol[r] = j;
      rowSlot[r] = slot;
      slotRow[slot] = r;
      if (r === src) break;
      j = prevCol;
      slot = prevSlot;
    }
  }
  return { size, rowCol };
}

/**
 * The `fairest` objective: a maximum matching whose worst (largest) arc cost is
 * as small as possible, and among those the one of least total cost. Binary
 * search over the distinct arc costs for the bottleneck, then an exact
 * min-cost solve on the arcs at or below it.
 */
export function solveFairest(p: Problem, solver: AssignmentSolver = sparseSuccessiveShortestPaths): Solution {
  const s = toSparse(p);
  const target = maximumCardinality(s);
  const distinct = Float64Array.from(new Set(s.costs)).sort();
  if (target === 0 || distinct.length === 0) return { assignment: new Int32Array(s.rows).fill(-1), cost: 0 };
  let lo = 0;
  let hi = distinct.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (maximumCardinality(s, distinct[mid] as number) === target) hi = mid;
    else lo = mid + 1;
  }
  const limit = distinct[lo] as number;
  const restricted = filterArcs(s, (c) => c <= limit);
  const use = solver.supports(restricted) ? solver : sparseSuccessiveShortestPaths;
  return use.solve(restricted);
}
