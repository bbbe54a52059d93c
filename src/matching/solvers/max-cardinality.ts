import { maximumMatching } from './fairest.js';
import type { Solution, SparseProblem } from './problem.js';

/**
 * Minimum cost among maximum matchings, by splitting the problem where the
 * structure of maximum matchings allows it (the Dulmage-Mendelsohn
 * decomposition). From the rows a maximum matching leaves out, alternating paths
 * reach the "even" rows (those some maximum matching leaves out) and the "odd"
 * columns; every maximum matching fills the odd columns completely, and only from
 * even rows. So the problem falls into two that each have a full assignment:
 * - the other rows on the other columns, where every row is placed;
 * - the odd columns' places (one row per place) choosing among the even rows,
 *   solved transposed, where every place is filled.
 * Neither needs a "stay unmatched" penalty, whose searches would otherwise sweep
 * the whole graph once for every row left out.
 */
export function solveMaximumMinCost(s: SparseProblem, solveFull: (p: SparseProblem) => Solution): Solution {
  const { rows, cols, rowStart, colIndex, costs, capacities } = s;
  const { size, rowCol: match } = maximumMatching(s);
  if (size === rows) return solveFull(s);

  // Rows held by each column in the maximum matching.
  const colStart = new Int32Array(cols + 1);
  for (let i = 0; i < rows; i++) {
    const j = match[i] as number;
    if (j >= 0) colStart[j + 1] = (colStart[j + 1] as number) + 1;
  }
  for (let j = 0; j < cols; j++) colStart[j + 1] = (colStart[j + 1] as number) + (colStart[j] as number);
  const fill = colStart.slice(0, cols);
  const held = new Int32Array(size);
  for (let i = 0; i < rows; i++) {
    const j = match[i] as number;
    if (j < 0) continue;
    held[fill[j] as number] = i;
    fill[j] = (fill[j] as number) + 1;
  }

  // Alternating search from the rows left out.
  const even = new Uint8Array(rows);
  const odd = new Uint8Array(cols);
  const queue = new Int32Array(rows);
  let head = 0;
  let tail = 0;
  for (let i = 0; i < rows; i++)
    if (match[i] === -1) {
      even[i] = 1;
      queue[tail++] = i;
    }
  while (head < tail) {
    const r = queue[head++] as number;
    for (let k = rowStart[r] as number; k < (rowStart[r + 1] as number); k++) {
      const j = colIndex[k] as number;
      if (odd[j] === 1 || (capacities[j] as number) <= 0) continue;
      odd[j] = 1;
      for (let q = colStart[j] as number; q < (colStart[j + 1] as number); q++) {
        const r2 = held[q] as number;
        if (even[r2] === 0) {
          even[r2] = 1;
          queue[tail++] = r2;
        }
      }
    }
  }

  const assignment = new Int32Array(rows).fill(-1);
  let cost = 0;

  // Part 1: rows that every maximum matching places, on the columns that are not odd.
  const rowsB: number[] = [];
  for (let i = 0; i < rows; i++) if (even[i] === 0) rowsB.push(i);
  if (rowsB.length > 0) {
    const rs = new Int32Array(rowsB.length + 1);
    let arcs = 0;
    for (const i of rowsB)
      for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++)
        if (odd[colIndex[k] as number] === 0) arcs++;
    const ci = new Int32Array(arcs);
    const cc = new Float64Array(arcs);
    let at = 0;
    rowsB.forEach((i, q) => {
      rs[q] = at;
      for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
        const j = colIndex[k] as number;
        if (odd[j] === 1) continue;
        ci[at] = j;
        cc[at] = costs[k] as number;
        at++;
      }
    });
    rs[rowsB.length] = at;
    const capsB = Int32Array.from(capacities, (c, j) => (odd[j] === 1 ? 0 : c));
    const part = solveFull({
      kind: 'sparse',
      rows: rowsB.length,
      cols,
      rowStart: rs,
      colIndex: ci,
      costs: cc,
      capacities: capsB,
    });
    rowsB.forEach((i, q) => {
      assignment[i] = part.assignment[q] as number;
    });
    cost += part.cost;
  }

  // Part 2: each place of an odd column picks one even row (transposed, unit capacities).
  const evenRows: number[] = [];
  const evenIndex = new Int32Array(rows).fill(-1);
  for (let i = 0; i < rows; i++)
    if (even[i] === 1) {
      evenIndex[i] = evenRows.length;
      evenRows.push(i);
    }
  const oddCols: number[] = [];
  for (let j = 0; j < cols; j++) if (odd[j] === 1) oddCols.push(j);
  // Arcs of each odd column, from the even rows.
  const degree = new Int32Array(cols);
  for (const i of evenRows)
    for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
      const j = colIndex[k] as number;
      if (odd[j] === 1) degree[j] = (degree[j] as number) + 1;
    }
  const arcStart = new Int32Array(cols + 1);
  for (let j = 0; j < cols; j++) arcStart[j + 1] = (arcStart[j] as number) + (degree[j] as number);
  const arcFill = arcStart.slice(0, cols);
  const arcRow = new Int32Array(arcStart[cols] as number);
  const arcCost = new Float64Array(arcStart[cols] as number);
  for (const i of evenRows)
    for (let k = rowStart[i] as number; k < (rowStart[i + 1] as number); k++) {
      const j = colIndex[k] as number;
      if (odd[j] === 0) continue;
      const at = arcFill[j] as number;
      arcFill[j] = at + 1;
      arcRow[at] = evenIndex[i] as number;
      arcCost[at] = costs[k] as number;
    }
  let places = 0;
  let placeArcs = 0;
  for (const j of oddCols) {
    places += capacities[j] as number;
    placeArcs += (capacities[j] as number) * (degree[j] as number);
  }
  const ps = new Int32Array(places + 1);
  const pc = new Int32Array(placeArcs);
  const pk = new Float64Array(placeArcs);
  const placeCol = new Int32Array(places);
  let p = 0;
  let at = 0;
  for (const j of oddCols) {
    for (let copy = 0; copy < (capacities[j] as number); copy++) {
      ps[p] = at;
      placeCol[p] = j;
      for (let q = arcStart[j] as number; q < (arcStart[j + 1] as number); q++) {
        pc[at] = arcRow[q] as number;
        pk[at] = arcCost[q] as number;
        at++;
      }
      p++;
    }
  }
  ps[places] = at;
  if (places > 0) {
    const part = solveFull({
      kind: 'sparse',
      rows: places,
      cols: evenRows.length,
      rowStart: ps,
      colIndex: pc,
      costs: pk,
      capacities: new Int32Array(evenRows.length).fill(1),
    });
    for (let q = 0; q < places; q++) {
      const e = part.assignment[q] as number;
      if (e >= 0) assignment[evenRows[e] as number] = placeCol[q] as number;
    }
    cost += part.cost;
  }
  return { assignment, cost };
}
