// Seeded benchmark instances.

import type { GeneralGraph } from '../src/matching/solvers/general-blossom.js';
import type { DenseProblem, SparseProblem } from '../src/matching/solvers/problem.js';
import { rng } from '../src/matching/testing/generate-cohort.js';

export function denseInstance(n: number, integer: boolean, seed: number): DenseProblem {
  const rand = rng(seed);
  const costs = new Float64Array(n * n);
  for (let k = 0; k < costs.length; k++) costs[k] = integer ? Math.floor(rand() * 1000) : rand() * 1000;
  return { kind: 'dense', rows: n, cols: n, costs, capacities: new Int32Array(n).fill(1) };
}

/**
 * rows x (cols) sparse graph with `degree` distinct random columns per row, one of
 * which guarantees a full assignment (row i -> column i mod cols, each column
 * then taking at most `capacity` rows). Costs in [1, 1001), floats or integers.
 */
export function sparseInstance(
  rows: number,
  cols: number,
  degree: number,
  capacity: number,
  integer: boolean,
  seed: number,
): SparseProblem {
  const rand = rng(seed);
  const rowStart = new Int32Array(rows + 1);
  const colIndex = new Int32Array(rows * degree);
  const costs = new Float64Array(rows * degree);
  const picked = new Int32Array(degree);
  let at = 0;
  for (let i = 0; i < rows; i++) {
    rowStart[i] = at;
    picked[0] = i % cols;
    let n = 1;
    while (n < degree) {
      const j = Math.floor(rand() * cols);
      let dup = false;
      for (let q = 0; q < n; q++) if (picked[q] === j) dup = true;
      if (!dup) picked[n++] = j;
    }
    // Sorted in place: no garbage per row to be collected later, inside a timed solve.
    picked.sort();
    for (let q = 0; q < degree; q++) {
      colIndex[at] = picked[q] as number;
      costs[at] = integer ? 1 + Math.floor(rand() * 1000) : 1 + rand() * 1000;
      at++;
    }
  }
  rowStart[rows] = at;
  return {
    kind: 'sparse',
    rows,
    cols,
    rowStart,
    colIndex,
    costs,
    capacities: new Int32Array(cols).fill(capacity),
  };
}

/** The same graph with each column repeated `capacity` times (what scipy needs for capacities). */
export function repeatColumns(p: SparseProblem): {
  cols: number;
  indptr: Int32Array;
  indices: Int32Array;
  data: Float64Array;
} {
  const cap = p.capacities[0] as number;
  const e = p.colIndex.length * cap;
  const indptr = new Int32Array(p.rows + 1);
  const indices = new Int32Array(e);
  const data = new Float64Array(e);
  let at = 0;
  for (let i = 0; i < p.rows; i++) {
    indptr[i] = at;
    for (let k = p.rowStart[i] as number; k < (p.rowStart[i + 1] as number); k++) {
      for (let s = 0; s < cap; s++) {
        indices[at] = (p.colIndex[k] as number) * cap + s;
        data[at] = p.costs[k] as number;
        at++;
      }
    }
  }
  indptr[p.rows] = at;
  return { cols: p.cols * cap, indptr, indices, data };
}

/**
 * A peer pool as a general graph: each of n people names `candidates` distinct
 * others at random (an edge once even when both name each other), with integer
 * weights in [1, 1,000,000] like the engine's quantised scores.
 */
export function peerGraph(n: number, candidates: number, seed: number): GeneralGraph {
  const rand = rng(seed);
  const seen = new Set<number>();
  const us: number[] = [];
  const vs: number[] = [];
  const ws: number[] = [];
  for (let u = 0; u < n; u++) {
    let picked = 0;
    let tries = 0;
    while (picked < Math.min(candidates, n - 1) && tries++ < candidates * 10) {
      const v = Math.floor(rand() * n);
      if (v === u) continue;
      const key = Math.min(u, v) * n + Math.max(u, v);
      if (seen.has(key)) continue;
      seen.add(key);
      us.push(u);
      vs.push(v);
      ws.push(1 + Math.floor(rand() * 1_000_000));
      picked++;
    }
  }
  return {
    vertices: n,
    edgeU: Int32Array.from(us),
    edgeV: Int32Array.from(vs),
    weight: Float64Array.from(ws),
  };
}
