import type { Solution, SparseProblem } from './problem.js';

/**
 * Preferences over the arcs of a sparse problem: rowRank[k] is how row i ranks
 * the column of arc k (lower is better), colRank[k] how that column ranks row i.
 * Ties are broken by index so the outcome is deterministic.
 */
export interface ArcPreferences {
  readonly rowRank: Float64Array;
  readonly colRank: Float64Array;
}

/**
 * The `stable` objective: row-proposing deferred acceptance with column
 * capacities (mentee-proposing when mentees are rows). The result has no
 * blocking pair, and every row gets the best partner it has in any stable
 * matching.
 */
export function stableMatching(s: SparseProblem, prefs: ArcPreferences): Solution {
  const { rows, cols, rowStart, colIndex, capacities } = s;
  // Each row's arcs in order of preference.
  const order = new Int32Array(colIndex.length);
  for (let i = 0; i < rows; i++) {
    const a = rowStart[i] as number;
    const b = rowStart[i + 1] as number;
    const arcs = Array.from({ length: b - a }, (_, q) => a + q);
    arcs.sort(
      (x, y) =>
        (prefs.rowRank[x] as number) - (prefs.rowRank[y] as number) ||
        (colIndex[x] as number) - (colIndex[y] as number),
    );
    for (let q = 0; q < arcs.length; q++) order[a + q] = arcs[q] as number;
  }
  const next = Int32Array.from(rowStart.subarray(0, rows));
  const colStart = new Int32Array(cols + 1);
  for (let j = 0; j < cols; j++)
    colStart[j + 1] = (colStart[j] as number) + Math.max(0, capacities[j] as number);
  const heldArc = new Int32Array(colStart[cols] as number);
  const colCount = new Int32Array(cols);
  const rowArc = new Int32Array(rows).fill(-1);
  const colPrefers = (a: number, b: number, ra: number, rb: number): boolean => {
    const x = prefs.colRank[a] as number;
    const y = prefs.colRank[b] as number;
    return x < y || (x === y && ra < rb);
  };
  const arcRow = new Int32Array(colIndex.length);
  for (let i = 0; i < rows; i++)
    for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) arcRow[k] = i;

  const stack: number[] = [];
  for (let i = rows - 1; i >= 0; i--) stack.push(i);
  while (stack.length > 0) {
    const i = stack.pop() as number;
    while ((next[i] as number) < (rowStart[i + 1] as number)) {
      const k = order[next[i] as number] as number;
      next[i] = (next[i] as number) + 1;
      const j = colIndex[k] as number;
      const cap = capacities[j] as number;
      if (cap <= 0) continue;
      const base = colStart[j] as number;
      const held = colCount[j] as number;
      if (held < cap) {
        heldArc[base + held] = k;
        colCount[j] = held + 1;
        rowArc[i] = k;
        break;
      }
      // Full: find the held row this column likes least.
      let worst = base;
      for (let q = base + 1; q < base + held; q++) {
        const a = heldArc[q] as number;
        const w = heldArc[worst] as number;
        if (colPrefers(w, a, arcRow[w] as number, arcRow[a] as number)) worst = q;
      }
      const w = heldArc[worst] as number;
      if (colPrefers(k, w, i, arcRow[w] as number)) {
        const loser = arcRow[w] as number;
        heldArc[worst] = k;
        rowArc[i] = k;
        rowArc[loser] = -1;
        stack.push(loser);
        break;
      }
    }
  }
  const assignment = new Int32Array(rows).fill(-1);
  let cost = 0;
  for (let i = 0; i < rows; i++) {
    const k = rowArc[i] as number;
    if (k < 0) continue;
    assignment[i] = colIndex[k] as number;
    cost += s.costs[k] as number;
  }
  return { assignment, cost };
}

/**
 * Pairs (row, column) joined by an arc who both prefer each other to what they
 * got: the row is unmatched or ranks its own column lower, and the column has
 * room or ranks one of its rows lower.
 */
export function countBlockingPairs(s: SparseProblem, prefs: ArcPreferences, assignment: Int32Array): number {
  const { rows, cols, rowStart, colIndex, capacities } = s;
  const rowArc = new Int32Array(rows).fill(-1);
  const colCount = new Int32Array(cols);
  const colWorst = new Float64Array(cols).fill(Number.NEGATIVE_INFINITY);
  const colWorstRow = new Int32Array(cols).fill(-1);
  for (let i = 0; i < rows; i++) {
    const j = assignment[i] as number;
    if (j < 0) continue;
    let arc = -1;
    for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
      if (colIndex[k] === j && (arc < 0 || (prefs.rowRank[k] as number) < (prefs.rowRank[arc] as number)))
        arc = k;
    }
    rowArc[i] = arc;
    colCount[j] = (colCount[j] as number) + 1;
    const r = prefs.colRank[arc] as number;
    const w = colWorst[j] as number;
    if (r > w || (r === w && i > (colWorstRow[j] as number))) {
      colWorst[j] = r;
      colWorstRow[j] = i;
    }
  }
  let blocking = 0;
  for (let i = 0; i < rows; i++) {
    const mine = rowArc[i] as number;
    for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
      const j = colIndex[k] as number;
      if (j === assignment[i]) continue;
      if ((capacities[j] as number) <= 0) continue;
      const rowWants =
        mine < 0 ||
        (prefs.rowRank[k] as number) < (prefs.rowRank[mine] as number) ||
        ((prefs.rowRank[k] as number) === (prefs.rowRank[mine] as number) && j < (assignment[i] as number));
      if (!rowWants) continue;
      const r = prefs.colRank[k] as number;
      const w = colWorst[j] as number;
      const colWants =
        (colCount[j] as number) < (capacities[j] as number) ||
        r < w ||
        (r === w && i < (colWorstRow[j] as number));
      if (colWants) blocking++;
    }
  }
  return blocking;
}
