/**
 * The normalised assignment problem every solver works on: minimise total cost,
 * maximum cardinality first. Rows are matched to at most one column; column j
 * takes up to capacities[j] rows. A missing arc is a forbidden pair.
 */
export interface DenseProblem {
  readonly kind: 'dense';
  readonly rows: number;
  readonly cols: number;
  /** Row-major rows x cols matrix; every pair is allowed. */
  readonly costs: Float64Array;
  readonly capacities: Int32Array;
}

export interface SparseProblem {
  readonly kind: 'sparse';
  readonly rows: number;
  readonly cols: number;
  /** CSR: arcs of row i are rowStart[i] .. rowStart[i+1]-1. */
  readonly rowStart: Int32Array;
  readonly colIndex: Int32Array;
  readonly costs: Float64Array;
  readonly capacities: Int32Array;
}

export type Problem = DenseProblem | SparseProblem;

export interface Solution {
  /** Column of each row, or -1 when the row stays unmatched. */
  readonly assignment: Int32Array;
  /** Sum of the costs of the chosen arcs. */
  readonly cost: number;
  /**
   * Column prices v (in "u_i + v_j <= cost" form) proving optimality where the
   * solver keeps them: every row's arc is its cheapest under them, and columns
   * with room left have the highest price. Absent for the transposed dense case.
   */
  readonly duals?: Float64Array;
}

/** Several algorithms behind one signature; each says which problems it takes. */
export interface AssignmentSolver {
  readonly name: string;
  supports(problem: Problem): boolean;
  solve(problem: Problem): Solution;
}

export function unitCapacities(cols: number): Int32Array {
  return new Int32Array(cols).fill(1);
}

export function allUnitCapacities(p: Problem): boolean {
  for (let j = 0; j < p.cols; j++) if (p.capacities[j] !== 1) return false;
  return true;
}

/** A dense problem as a complete sparse graph. */
export function toSparse(p: Problem): SparseProblem {
  if (p.kind === 'sparse') return p;
  const { rows, cols } = p;
  const rowStart = new Int32Array(rows + 1);
  const colIndex = new Int32Array(rows * cols);
  for (let i = 0; i <= rows; i++) rowStart[i] = i * cols;
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) colIndex[i * cols + j] = j;
  return { kind: 'sparse', rows, cols, rowStart, colIndex, costs: p.costs, capacities: p.capacities };
}

/** Builds a CSR problem from edge triples; rows' arcs keep their input order. */
export function sparseFromEdges(
  rows: number,
  cols: number,
  edgeRow: Int32Array,
  edgeCol: Int32Array,
  edgeCost: Float64Array,
  capacities?: Int32Array,
): SparseProblem {
  const e = edgeRow.length;
  const rowStart = new Int32Array(rows + 1);
  for (let k = 0; k < e; k++) {
    const r = (edgeRow[k] as number) + 1;
    rowStart[r] = (rowStart[r] as number) + 1;
  }
  for (let i = 0; i < rows; i++) rowStart[i + 1] = (rowStart[i + 1] as number) + (rowStart[i] as number);
  const fill = rowStart.slice(0, rows);
  const colIndex = new Int32Array(e);
  const costs = new Float64Array(e);
  for (let k = 0; k < e; k++) {
    const r = edgeRow[k] as number;
    const at = fill[r] as number;
    fill[r] = at + 1;
    colIndex[at] = edgeCol[k] as number;
    costs[at] = edgeCost[k] as number;
  }
  return {
    kind: 'sparse',
    rows,
    cols,
    rowStart,
    colIndex,
    costs,
    capacities: capacities ?? unitCapacities(cols),
  };
}

/** Cost of an assignment, looked up in the problem (the cheapest arc if pairs repeat). */
export function assignmentCost(p: Problem, assignment: Int32Array): number {
  let total = 0;
  for (let i = 0; i < p.rows; i++) {
    const j = assignment[i] as number;
    if (j < 0) continue;
    total += arcCost(p, i, j);
  }
  return total;
}

export function arcCost(p: Problem, i: number, j: number): number {
  if (p.kind === 'dense') return p.costs[i * p.cols + j] as number;
  let best = Number.POSITIVE_INFINITY;
  for (let k = p.rowStart[i] as number; k < (p.rowStart[i + 1] as number); k++) {
    if (p.colIndex[k] === j && (p.costs[k] as number) < best) best = p.costs[k] as number;
  }
  return best;
}

/** Keeps only arcs whose cost passes the filter. */
export function filterArcs(p: Problem, keep: (cost: number) => boolean): SparseProblem {
  const s = toSparse(p);
  const rowStart = new Int32Array(s.rows + 1);
  let count = 0;
  for (let k = 0; k < s.colIndex.length; k++) if (keep(s.costs[k] as number)) count++;
  const colIndex = new Int32Array(count);
  const costs = new Float64Array(count);
  let at = 0;
  for (let i = 0; i < s.rows; i++) {
    rowStart[i] = at;
    for (let k = s.rowStart[i] as number; k < (s.rowStart[i + 1] as number); k++) {
      const c = s.costs[k] as number;
      if (!keep(c)) continue;
      colIndex[at] = s.colIndex[k] as number;
      costs[at] = c;
      at++;
    }
  }
  rowStart[s.rows] = at;
  return { kind: 'sparse', rows: s.rows, cols: s.cols, rowStart, colIndex, costs, capacities: s.capacities };
}

export function transposeDense(p: DenseProblem): DenseProblem {
  const { rows, cols, costs } = p;
  const t = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const base = i * cols;
    for (let j = 0; j < cols; j++) t[j * rows + i] = costs[base + j] as number;
  }
  return { kind: 'dense', rows: cols, cols: rows, costs: t, capacities: unitCapacities(rows) };
}
