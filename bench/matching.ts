// Matching benchmark: our solvers against scipy on the same seeded instances, and a
// whole cohort from profiles. Run: npm run bench:matching -- [--quick] [--only a,b] ...
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { matchCohort } from '../src/matching/index.js';
import { solveProblem } from '../src/matching/solve-assignment.js';
import {
  certify,
  certifyGeneral,
  maxWeightMatching,
  type Problem,
  type Solution,
} from '../src/matching/solvers/index.js';
import { generateCohort } from '../src/matching/testing/generate-cohort.js';
import { record } from './findings.js';
import { denseInstance, peerGraph, repeatColumns, sparseInstance } from './instances.js';
import {
  lemonDriver,
  networkxAvailable,
  type ReferenceResult,
  runLemon,
  runNetworkx,
} from './peer-references.js';
import { runScipyDense, runScipySparse, type ScipyResult, scipyAvailable } from './scipy-runner.js';

const usage = `npm run bench:matching -- [options]
  --quick                 small sizes (dense 500,1000; sparse 20000; capacitated 20000; cohort 10000; peers 500,2000)
  --only <cases>          comma list of: dense, cold, mid, sparse, capacitated, cohort, peers (default all)
  --dense <n,n>           dense sizes (default 2000,5000), integer and float costs
  --sparse <n>            square sparse size, 50 candidates per row (default 100000)
  --mid <n,n>             mid-size square sparse sizes, integer and float (default 10000,20000)
  --cold <n>              dense float size solved once in a fresh process (default 2000)
  --runs <r>              interleaved runs, best kept on each side, for mid and cold (default 7)
  --capacitated <n>       mentees for the capacitated case, mentors n/5, capacity 5 (default 100000)
  --cohort <n>            mentees for the whole-cohort case, mentors n/5, capacity 5 (default 100000)
  --peers <n,n>           peer pools (general matching, 20 candidates a person; default 2000,10000,50000)
                          against LEMON (g++ and liblemon-dev) and networkx (python3)
  --networkx-max <n>      largest pool given to networkx (default 2000; it takes about a minute there)
  --no-lemon, --no-networkx  skip a peer reference
  --scipy-capacitated     also run scipy on the capacitated case with repeated columns (slow: ~2 min)
  --no-scipy              skip scipy
  --seed <s>              instance seed (default 42)`;

interface Row {
  case: string;
  size: string;
  solver: string;
  ours: number;
  scipy: number | null;
  target: string;
  met: boolean | null;
  check: string;
}

export interface BenchOptions {
  only: Set<string>;
  dense: number[];
  sparse: number;
  mid: number[];
  cold: number;
  runs: number;
  capacitated: number;
  cohort: number;
  scipyCapacitated: boolean;
  scipy: boolean;
  peers: number[];
  networkxMax: number;
  lemon: boolean;
  networkx: boolean;
  seed: number;
}

export function parseArgs(argv: string[]): BenchOptions {
  const o: BenchOptions = {
    only: new Set(['dense', 'cold', 'mid', 'sparse', 'capacitated', 'cohort', 'peers']),
    dense: [2000, 5000],
    sparse: 100_000,
    mid: [10_000, 20_000],
    cold: 2000,
    // Seven, not three: the 10,000-row solves take 21-30 ms against scipy's 100-150 on a machine
    // whose speed swings within minutes; the best of three printed 0.21x to 0.31x for the same
    // float solver, the best of five 0.23x to 0.28x.
    runs: 7,
    capacitated: 100_000,
    cohort: 100_000,
    scipyCapacitated: false,
    scipy: true,
    peers: [2000, 10_000, 50_000],
    networkxMax: 2000,
    lemon: true,
    networkx: true,
    seed: 42,
  };
  const num = (v: string | undefined, flag: string) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n <= 0) throw new Error(`${flag} needs a positive whole number`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    switch (a) {
      case '--quick':
        o.dense = [500, 1000];
        o.sparse = 20_000;
        o.mid = [10_000];
        o.cold = 1000;
        o.runs = 2;
        o.capacitated = 20_000;
        o.cohort = 10_000;
        o.peers = [500, 2000];
        break;
      case '--peers':
        o.peers = (next() ?? '').split(',').map((s) => num(s, '--peers'));
        break;
      case '--networkx-max':
        o.networkxMax = num(next(), '--networkx-max');
        break;
      case '--no-lemon':
        o.lemon = false;
        break;
      case '--no-networkx':
        o.networkx = false;
        break;
      case '--only':
        o.only = new Set((next() ?? '').split(','));
        break;
      case '--dense':
        o.dense = (next() ?? '').split(',').map((s) => num(s, '--dense'));
        break;
      case '--sparse':
        o.sparse = num(next(), '--sparse');
        break;
      case '--mid':
        o.mid = (next() ?? '').split(',').map((s) => num(s, '--mid'));
        break;
      case '--cold':
        o.cold = num(next(), '--cold');
        break;
      case '--runs':
        o.runs = num(next(), '--runs');
        break;
      case '--capacitated':
        o.capacitated = num(next(), '--capacitated');
        break;
      case '--cohort':
        o.cohort = num(next(), '--cohort');
        break;
      case '--scipy-capacitated':
        o.scipyCapacitated = true;
        break;
      case '--no-scipy':
        o.scipy = false;
        break;
      case '--seed':
        o.seed = num(next(), '--seed');
        break;
      case '--help':
      case '-h':
        process.stdout.write(`${usage}\n`);
        process.exit(0);
        break;
      default:
        throw new Error(`unknown option ${a}\n${usage}`);
    }
  }
  return o;
}

setFlagsFromString('--expose-gc');
/**
 * A full collection, so that the garbage of building instances and of earlier
 * solves is not collected inside a timed solve (scipy's side collects too).
 */
const collectGarbage = runInNewContext('gc') as () => void;

/** Solve time: the best of `repeat` runs (and the first run's); only the solve is timed. */
function time(p: Problem, repeat = 1): { s: Solution; ms: number; firstMs: number } {
  let best = Number.POSITIVE_INFINITY;
  let firstMs = 0;
  let s: Solution | undefined;
  for (let r = 0; r < repeat; r++) {
    s = undefined;
    collectGarbage();
    const t = performance.now();
    s = solveProblem(p);
    const ms = performance.now() - t;
    if (r === 0) firstMs = ms;
    best = Math.min(best, ms);
  }
  return { s: s as Solution, ms: best, firstMs };
}

/** Solves that take a fraction of a second are timed as the best of several runs, on both sides. */
const denseRepeat = (n: number) => (n <= 2000 ? 5 : 1);

function agree(ours: number, theirs: ScipyResult | null): string {
  if (!theirs) return '';
  const rel = Math.abs(ours - theirs.cost) / Math.max(1, Math.abs(theirs.cost));
  return rel <= 1e-9 ? 'same optimum as scipy' : `DIFFERS from scipy by ${rel.toExponential(2)} (relative)`;
}

function log(msg: string): void {
  process.stderr.write(`${msg}\n`);
}

/**
 * Compiles the solvers before anything is timed: scipy's side is compiled code. The
 * square auction's integer and float paths are both run, a few times, so that the
 * first timed mid-size solve is not its optimiser's warm-up.
 */
function warmUp(): void {
  solveProblem(denseInstance(200, false, 1));
  for (let r = 0; r < 3; r++)
    for (const integer of [true, false]) solveProblem(sparseInstance(2000, 2000, 20, 1, integer, 1));
  solveProblem(sparseInstance(2000, 400, 20, 5, false, 1));
}

function benchDense(o: BenchOptions, rows: Row[]): void {
  for (const n of o.dense) {
    for (const integer of [true, false]) {
      const p = denseInstance(n, integer, o.seed);
      log(`dense ${n}x${n} ${integer ? 'integer' : 'float'}: solving...`);
      const { s, ms, firstMs } = time(p, denseRepeat(n));
      const sc = o.scipy ? runScipyDense(n, n, p.costs, denseRepeat(n)) : null;
      const cert = certify(p, s);
      rows.push({
        case: `dense ${integer ? 'integer' : 'float'}`,
        size: denseRepeat(n) > 1 ? `${n} x ${n} (best of ${denseRepeat(n)})` : `${n} x ${n}`,
        solver: 'dense-jv',
        ours: ms,
        scipy: sc?.ms ?? null,
        target: '<= 1.0x scipy',
        met: sc ? ms <= sc.ms : null,
        check: [
          agree(s.cost, sc),
          cert === null ? 'dual certificate ok' : `certificate: ${cert}`,
          denseRepeat(n) > 1 ? `our first run ${(firstMs / 1000).toFixed(3)} s` : '',
        ]
          .filter(Boolean)
          .join('; '),
      });
    }
  }
}

function benchSparse(o: BenchOptions, rows: Row[]): void {
  const n = o.sparse;
  for (const integer of [false, true]) {
    const p = sparseInstance(n, n, 50, 1, integer, o.seed + 1);
    log(`sparse ${n}x${n} ${integer ? 'integer' : 'float'}: solving...`);
    const { s, ms } = time(p);
    const sc = o.scipy ? runScipySparse(n, n, p.rowStart, p.colIndex, p.costs) : null;
    const cert = certify(p, s);
    rows.push({
      case: `sparse ${integer ? 'integer' : 'float'}, 50 per row`,
      size: `${n} x ${n}`,
      solver: integer ? 'sparse-auction, proved by its duality gap' : 'sparse-auction + exact repair',
      ours: ms,
      scipy: sc?.ms ?? null,
      target: '<= 0.25x scipy',
      met: sc ? ms <= 0.25 * sc.ms : null,
      check: [agree(s.cost, sc), cert === null ? 'dual certificate ok' : `certificate: ${cert}`]
        .filter(Boolean)
        .join('; '),
    });
  }
}

/**
 * Mid-size square sparse problems. The machine may be shared, so ours and scipy
 * run interleaved, `runs` times each, and the best of each side is compared.
 */
function benchMid(o: BenchOptions, rows: Row[]): void {
  for (const n of o.mid) {
    for (const integer of [true, false]) {
      const p = sparseInstance(n, n, 50, 1, integer, o.seed + 1);
      log(`mid sparse ${n}x${n} ${integer ? 'integer' : 'float'}: ${o.runs} interleaved runs...`);
      let ours = Number.POSITIVE_INFINITY;
      let theirs: ScipyResult | null = null;
      let s: Solution | undefined;
      for (let r = 0; r < o.runs; r++) {
        const t = time(p);
        s = t.s;
        ours = Math.min(ours, t.ms);
        if (o.scipy) {
          const sc = runScipySparse(n, n, p.rowStart, p.colIndex, p.costs);
          if (!theirs || sc.ms < theirs.ms) theirs = sc;
        }
      }
      const solution = s as Solution;
      const cert = certify(p, solution);
      rows.push({
        case: `mid sparse ${integer ? 'integer' : 'float'}, 50 per row`,
        size: `${n} x ${n} (best of ${o.runs}, interleaved)`,
        solver: 'sparse-auction',
        ours,
        scipy: theirs?.ms ?? null,
        target: '<= 0.25x scipy',
        met: theirs ? ours <= 0.25 * theirs.ms : null,
        check: [agree(solution.cost, theirs), cert === null ? 'dual certificate ok' : `certificate: ${cert}`]
          .filter(Boolean)
          .join('; '),
      });
    }
  }
}

/**
 * A first solve in a fresh process (what `twoway solve` does): a child node process
 * solves one dense float problem once; its solve time is taken inside the process and
 * its wall time from here. Scipy solves once in its own fresh process too. Interleaved,
 * best of `runs` on each side.
 */
function benchCold(o: BenchOptions, rows: Row[], warmMs: number | null): void {
  const n = o.cold;
  const p = denseInstance(n, false, o.seed);
  const require = createRequire(import.meta.url);
  let solveMs = Number.POSITIVE_INFINITY;
  let wallMs = Number.POSITIVE_INFINITY;
  let theirs: ScipyResult | null = null;
  let cost = 0;
  log(`cold dense ${n}x${n} float: ${o.runs} fresh processes, interleaved with scipy...`);
  for (let r = 0; r < o.runs; r++) {
    const t = performance.now();
    const c = spawnSync(
      process.execPath,
      [require.resolve('tsx/cli'), fileURLToPath(import.meta.url), '--child-cold', String(n), String(o.seed)],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    );
    const wall = performance.now() - t;
    if (c.status !== 0) throw new Error(`cold benchmark failed (exit ${c.status})`);
    const out = JSON.parse(c.stdout.trim().split('\n').pop() as string) as { ms: number; cost: number };
    solveMs = Math.min(solveMs, out.ms);
    wallMs = Math.min(wallMs, wall);
    cost = out.cost;
    if (o.scipy) {
      const sc = runScipyDense(n, n, p.costs, 1);
      if (!theirs || sc.ms < theirs.ms) theirs = sc;
    }
  }
  rows.push({
    case: 'dense float, first solve in a fresh process',
    size: `${n} x ${n} (best of ${o.runs}, interleaved)`,
    solver: 'dense-jv',
    ours: solveMs,
    scipy: theirs?.ms ?? null,
    target: '<= 0.8x scipy',
    met: theirs ? solveMs <= 0.8 * theirs.ms : null,
    check: [
      agree(cost, theirs),
      `whole process ${(wallMs / 1000).toFixed(3)} s (node + tsx start, instance, solve)`,
      warmMs === null ? '' : `warm best ${(warmMs / 1000).toFixed(3)} s`,
    ]
      .filter(Boolean)
      .join('; '),
  });
}

/** The cold case's child: builds the instance, then times its one and only solve. */
function childCold(n: number, seed: number): void {
  const p = denseInstance(n, false, seed);
  const t = performance.now();
  const s = solveProblem(p);
  const ms = performance.now() - t;
  process.stdout.write(`${JSON.stringify({ ms, cost: s.cost })}\n`);
}

function benchCapacitated(o: BenchOptions, rows: Row[]): void {
  const n = o.capacitated;
  const m = Math.ceil(n / 5);
  const p = sparseInstance(n, m, 50, 5, false, o.seed + 2);
  log(`capacitated ${n} x ${m} (capacity 5) float: solving...`);
  const { s, ms } = time(p);
  let sc: ScipyResult | null = null;
  if (o.scipy && o.scipyCapacitated) {
    log('capacitated: scipy on repeated columns (slow)...');
    const r = repeatColumns(p);
    sc = runScipySparse(n, r.cols, r.indptr, r.indices, r.data);
  }
  const cert = certify(p, s);
  rows.push({
    case: 'capacitated float, 50 per mentee, capacity 5',
    size: `${n} x ${m}`,
    solver: 'sparse-auction, native capacities + exact repair',
    ours: ms,
    scipy: sc?.ms ?? null,
    target: '< 15 s, exact',
    met: ms < 15_000 && cert === null,
    check: [agree(s.cost, sc), cert === null ? 'dual certificate ok' : `certificate: ${cert}`]
      .filter(Boolean)
      .join('; '),
  });
}

function benchCohort(o: BenchOptions, rows: Row[]): void {
  const n = o.cohort;
  log(`cohort ${n} mentees x ${n / 5} mentors (capacity 5): matching in a child process...`);
  const require = createRequire(import.meta.url);
  const r = spawnSync(
    process.execPath,
    [
      '--max-old-space-size=4096',
      require.resolve('tsx/cli'),
      fileURLToPath(import.meta.url),
      '--child-cohort',
      String(n),
      String(o.seed),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 24 },
  );
  if (r.status !== 0) throw new Error(`cohort benchmark failed (exit ${r.status})`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop() as string) as {
    ms: number;
    rssMb: number;
    matched: number;
    mentees: number;
    timings: Record<string, number>;
    arcs: number;
  };
  const t = out.timings;
  rows.push({
    case: 'whole cohort from profiles (rules, candidates, scores, solve, explanations)',
    size: `${n} + ${n / 5} people`,
    solver: 'matchCohort',
    ours: out.ms,
    scipy: null,
    target: '< 20 s, < 2 GB peak',
    met: out.ms < 20_000 && out.rssMb < 2048,
    check: `peak RSS ${out.rssMb} MB; matched ${out.matched}/${out.mentees}; ${out.arcs} candidate pairs; compile ${t.compile} ms, candidates ${t.candidates} ms, solve ${t.solve} ms, widen ${t.widen} ms, explain ${t.explain} ms`,
  });
}

/** The cohort case, run in its own process so its peak memory is its own. */
function childCohort(n: number, seed: number): void {
  const cohort = generateCohort({
    kind: 'conventional',
    mentees: n,
    mentors: n / 5,
    capacity: 5,
    seed,
    rankingShare: 0.1,
  });
  const t = performance.now();
  const r = matchCohort(cohort);
  const ms = performance.now() - t;
  const rssMb = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(
    `${JSON.stringify({ ms, rssMb, matched: r.summary.matched, mentees: r.summary.mentees, timings: r.timingsMs, arcs: r.summary.candidateArcs })}\n`,
  );
}

function fmt(ms: number | null): string {
  return ms === null ? '-' : (ms / 1000).toFixed(3);
}

export function printTable(rows: Row[]): void {
  const header = [
    'case',
    'size',
    'our solver',
    'ours (s)',
    'scipy (s)',
    'ours/scipy',
    'target',
    'met',
    'check',
  ];
  const body = rows.map((r) => [
    r.case,
    r.size,
    r.solver,
    fmt(r.ours),
    fmt(r.scipy),
    r.scipy ? `${(r.ours / r.scipy).toFixed(2)}x` : '-',
    r.target,
    r.met === null ? '?' : r.met ? 'yes' : 'NO',
    r.check,
  ]);
  for (const r of rows)
    record({
      figure: `matching: ${r.case} ${r.size} (${r.solver})`,
      value: `${fmt(r.ours)} s${r.scipy ? ` (${(r.ours / r.scipy).toFixed(2)}x scipy)` : ''}`,
      target: r.target,
      met: r.met,
    });
  const lines = [header, ...body];
  process.stdout.write(
    `${lines
      .map((l) => `| ${l.join(' | ')} |`)
      .join('\n')
      .replace(/\n/, `\n|${header.map(() => ' --- |').join('')}\n`)}\n`,
  );
}

export function runMatchingBenchmark(argv: string[]): void {
  const o = parseArgs(argv);
  if (o.scipy && !scipyAvailable()) {
    log('python3 with scipy not found: running without scipy');
    o.scipy = false;
  }
  log(`node ${process.version}; scipy ${o.scipy ? 'on' : 'off'}`);
  warmUp();
  const rows: Row[] = [];
  if (o.only.has('dense')) benchDense(o, rows);
  if (o.only.has('cold')) {
    const warm = rows.find((r) => r.case === 'dense float' && r.size.startsWith(`${o.cold} x `));
    benchCold(o, rows, warm?.ours ?? null);
  }
  if (o.only.has('mid')) benchMid(o, rows);
  if (o.only.has('sparse')) benchSparse(o, rows);
  if (o.only.has('capacitated')) benchCapacitated(o, rows);
  if (o.only.has('cohort')) benchCohort(o, rows);
  if (rows.length > 0) printTable(rows);
  if (o.only.has('peers')) benchPeers(o);
}

interface PeerRow {
  people: number;
  edges: number;
  ours: number;
  weight: number;
  lemon: ReferenceResult | null;
  networkx: ReferenceResult | null;
  check: string;
}

/** Peer pools: our blossom solver against LEMON and networkx on the same graphs. */
function benchPeers(o: BenchOptions): void {
  const driver = o.lemon ? lemonDriver() : { missing: 'skipped (--no-lemon)' };
  const lemonPath = 'path' in driver ? driver.path : null;
  if (!lemonPath) log(`LEMON: ${'missing' in driver ? driver.missing : ''}; our times only`);
  let networkx = o.networkx;
  if (networkx && !networkxAvailable()) {
    log('networkx: python3 cannot import networkx (no PyPI here); our times only');
    networkx = false;
  }
  maxWeightMatching(peerGraph(2000, 20, 1)); // warm up
  const rows: PeerRow[] = [];
  for (const n of o.peers) {
    const g = peerGraph(n, 20, o.seed + 3);
    // Best of three up to 10,000 people, interleaved with LEMON's, so that one noisy solve on
    // either side does not decide the ratio; one each at 50,000 (about a second a side).
    const repeat = n <= 10_000 ? 3 : 1;
    log(`peers ${n} people, ${g.edgeU.length} candidate pairs: solving${lemonPath ? ' with LEMON' : ''}...`);
    let best = Number.POSITIVE_INFINITY;
    let r = maxWeightMatching(g);
    let lemon: ReferenceResult | null = null;
    for (let i = 0; i < repeat; i++) {
      const t = performance.now();
      r = maxWeightMatching(g);
      best = Math.min(best, performance.now() - t);
      if (lemonPath) {
        const l = runLemon(lemonPath, g);
        if (!lemon || l.ms < lemon.ms) lemon = l;
      }
    }
    const cert = certifyGeneral(g, r);
    let nx: ReferenceResult | null = null;
    if (networkx && n <= o.networkxMax) {
      log(`peers ${n}: networkx (slow)...`);
      nx = runNetworkx(g);
    }
    const agreeWith = (name: string, ref: ReferenceResult | null) =>
      ref === null
        ? ''
        : ref.weight === r.weight
          ? `same optimum as ${name}`
          : `DIFFERS from ${name} (${ref.weight} vs ${r.weight})`;
    rows.push({
      people: n,
      edges: g.edgeU.length,
      ours: best,
      weight: r.weight,
      lemon,
      networkx: nx,
      check: [
        `weight ${r.weight}, ${r.cardinality} pairs`,
        agreeWith('LEMON', lemon),
        agreeWith('networkx', nx),
        cert === null ? 'dual certificate ok' : `certificate: ${cert}`,
        repeat > 1 ? `best of ${repeat}${lemon ? ' on both sides' : ''}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
  }
  const header = [
    'people',
    'candidate pairs',
    'ours (s)',
    'LEMON (s)',
    'ours/LEMON',
    'networkx (s)',
    'networkx/ours',
    'target',
    'met',
    'check',
  ];
  const body = rows.map((r) => {
    const target =
      r.people >= 10_000
        ? '<= 1.0x LEMON'
        : r.networkx
          ? '>= 100x faster than networkx'
          : r.lemon
            ? 'same optimum as LEMON'
            : '- (no reference)';
    const same = r.lemon === null || r.lemon.weight === r.weight;
    const met =
      r.people >= 10_000
        ? r.lemon
          ? same && r.ours <= r.lemon.ms
          : null
        : r.networkx
          ? same && r.networkx.ms >= 100 * r.ours
          : r.lemon
            ? same
            : null;
    record({
      figure: `matching: peer pool of ${r.people} (general-blossom)`,
      value: `${fmt(r.ours)} s${r.lemon ? ` (${(r.ours / r.lemon.ms).toFixed(2)}x LEMON)` : ''}`,
      target,
      met,
    });
    return [
      String(r.people),
      String(r.edges),
      fmt(r.ours),
      fmt(r.lemon?.ms ?? null),
      r.lemon ? `${(r.ours / r.lemon.ms).toFixed(2)}x` : '-',
      fmt(r.networkx?.ms ?? null),
      r.networkx ? `${(r.networkx.ms / r.ours).toFixed(0)}x` : '-',
      target,
      met === null ? '?' : met ? 'yes' : 'NO',
      r.check,
    ];
  });
  process.stdout.write(`\nPeers: maximum-weight general matching (general-blossom)\n\n`);
  process.stdout.write(
    `${[header, ...body]
      .map((l) => `| ${l.join(' | ')} |`)
      .join('\n')
      .replace(/\n/, `\n|${header.map(() => ' --- |').join('')}\n`)}\n`,
  );
}

const isMain = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const argv = process.argv.slice(2);
  if (argv[0] === '--child-cohort') childCohort(Number(argv[1]), Number(argv[2]));
  else if (argv[0] === '--child-cold') childCold(Number(argv[1]), Number(argv[2]));
  else runMatchingBenchmark(argv);
}
