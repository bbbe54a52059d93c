// Runs scipy on an instance written to disk, in a python3 child process; times only the solve
// (reading, building the matrix and a full garbage collection come before the timed call).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const script = `
import gc, json, sys, time
import numpy as np
from scipy.optimize import linear_sum_assignment
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import min_weight_full_bipartite_matching
spec = json.loads(sys.argv[1])
d = spec["dir"]
n, m = spec["rows"], spec["cols"]
if spec["kind"] == "dense":
    c = np.fromfile(d + "/costs.f64", dtype=np.float64).reshape(n, m)
    ms = float("inf")
    for _ in range(spec.get("repeat", 1)):
        gc.collect()
        t = time.perf_counter()
        r, col = linear_sum_assignment(c)
        ms = min(ms, (time.perf_counter() - t) * 1000)
    cost = float(c[r, col].sum())
else:
    indptr = np.fromfile(d + "/indptr.i32", dtype=np.int32)
    indices = np.fromfile(d + "/indices.i32", dtype=np.int32)
    data = np.fromfile(d + "/data.f64", dtype=np.float64)
    a = csr_matrix((data, indices, indptr), shape=(n, m))
    a.sort_indices()
    gc.collect()
    t = time.perf_counter()
    r, col = min_weight_full_bipartite_matching(a)
    ms = (time.perf_counter() - t) * 1000
    cost = float(np.asarray(a[r, col]).sum())
print(json.dumps({"cost": cost, "ms": ms, "matched": int(len(r))}))
`;

export interface ScipyResult {
  cost: number;
  ms: number;
  matched: number;
}

export function scipyAvailable(): boolean {
  const r = spawnSync('python3', ['-c', 'import scipy, numpy'], { encoding: 'utf8' });
  return r.status === 0;
}

/** Dense solve time: the best of `repeat` runs. */
export function runScipyDense(rows: number, cols: number, costs: Float64Array, repeat = 1): ScipyResult {
  const dir = mkdtempSync(join(tmpdir(), 'twoway-bench-'));
  try {
    writeFileSync(join(dir, 'costs.f64'), new Uint8Array(costs.buffer, costs.byteOffset, costs.byteLength));
    return run({ kind: 'dense', dir, rows, cols, repeat });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function runScipySparse(
  rows: number,
  cols: number,
  indptr: Int32Array,
  indices: Int32Array,
  data: Float64Array,
): ScipyResult {
  const dir = mkdtempSync(join(tmpdir(), 'twoway-bench-'));
  try {
    writeFileSync(
      join(dir, 'indptr.i32'),
      new Uint8Array(indptr.buffer, indptr.byteOffset, indptr.byteLength),
    );
    writeFileSync(
      join(dir, 'indices.i32'),
      new Uint8Array(indices.buffer, indices.byteOffset, indices.byteLength),
    );
    writeFileSync(join(dir, 'data.f64'), new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
    return run({ kind: 'sparse', dir, rows, cols });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function run(spec: Record<string, unknown>): ScipyResult {
  const r = spawnSync('python3', ['-c', script, JSON.stringify(spec)], {
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  if (r.status !== 0) throw new Error(`scipy failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as ScipyResult;
}
