// Reference maximum-weight general matchings on the same graph: LEMON's
// MaxWeightedMatching (C++, compiled here from lemon-matching.cc when g++ and
// liblemon-dev are present) and networkx's max_weight_matching (pyenv Python).
// Each times only its matching call.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { GeneralGraph } from '../src/matching/solvers/general-blossom.js';

export interface ReferenceResult {
  ms: number;
  weight: number;
  pairs: number;
}

const driverSource = fileURLToPath(new URL('./lemon-matching.cc', import.meta.url));
const driverBinary = join(tmpdir(), 'twoway-bench-lemon-matching');

/** Compiles the LEMON driver once (again when its source changes); null with the reason when it cannot. */
export function lemonDriver(): { path: string } | { missing: string } {
  if (!existsSync('/usr/include/lemon/matching.h'))
    return { missing: 'LEMON headers not found (apt-get install -y liblemon-dev)' };
  if (existsSync(driverBinary) && statSync(driverBinary).mtimeMs >= statSync(driverSource).mtimeMs)
    return { path: driverBinary };
  const r = spawnSync('g++', ['-O2', '-o', driverBinary, driverSource], { encoding: 'utf8' });
  if (r.error) return { missing: 'g++ not found' };
  if (r.status !== 0) return { missing: `g++ failed: ${r.stderr.trim().split('\n')[0]}` };
  return { path: driverBinary };
}

export function networkxAvailable(): boolean {
  return spawnSync('python3', ['-c', 'import networkx'], { encoding: 'utf8' }).status === 0;
}

function graphText(g: GeneralGraph): string {
  const lines = [`${g.vertices} ${g.edgeU.length}`];
  for (let k = 0; k < g.edgeU.length; k++) lines.push(`${g.edgeU[k]} ${g.edgeV[k]} ${g.weight[k]}`);
  return `${lines.join('\n')}\n`;
}

export function runLemon(path: string, g: GeneralGraph): ReferenceResult {
  const r = spawnSync(path, [], { input: graphText(g), encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`LEMON driver failed (exit ${r.status}): ${r.stderr}`);
  const [ms, weight, pairs] = r.stdout.trim().split(/\s+/).map(Number);
  return { ms: ms as number, weight: weight as number, pairs: pairs as number };
}

const networkxScript = `
import sys, time, json
import networkx as nx
with open(sys.argv[1]) as f:
    n, m = map(int, f.readline().split())
    g = nx.Graph()
    g.add_nodes_from(range(n))
    for _ in range(m):
        u, v, w = f.readline().split()
        g.add_edge(int(u), int(v), weight=int(w))
t = time.perf_counter()
mate = nx.max_weight_matching(g)
ms = (time.perf_counter() - t) * 1000
print(json.dumps({"ms": ms, "weight": sum(g[u][v]["weight"] for u, v in mate), "pairs": len(mate)}))
`;

export function runNetworkx(g: GeneralGraph): ReferenceResult {
  const dir = mkdtempSync(join(tmpdir(), 'twoway-bench-'));
  try {
    const file = join(dir, 'graph.txt');
    writeFileSync(file, graphText(g));
    const r = spawnSync('python3', ['-c', networkxScript, file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (r.status !== 0) throw new Error(`networkx failed (exit ${r.status}): ${r.stderr}`);
    return JSON.parse(r.stdout.trim()) as ReferenceResult;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
