import type { CompiledCohort } from './compile.js';
import type { SparseProblem } from './solvers/problem.js';

/** Scores are turned into integer costs on this grid: cost = round((1 - score) * SCALE). */
export const SCALE = 1_000_000;

export function costOf(score: number): number {
  return Math.round((1 - score) * SCALE);
}

/** The candidate graph: mentees x mentors arcs that pass the rules, with integer costs. */
export interface CandidateGraph {
  problem: SparseProblem;
  /** True when every allowed pair is in the graph. */
  exhaustive: boolean;
}

class ArcBuffer {
  col: Int32Array;
  cost: Float64Array;
  size = 0;
  constructor(capacity = 1024) {
    this.col = new Int32Array(Math.max(1, capacity));
    this.cost = new Float64Array(this.col.length);
  }
  push(col: number, cost: number): void {
    if (this.size === this.col.length) {
      const c = new Int32Array(this.size * 2);
      c.set(this.col);
      this.col = c;
      const k = new Float64Array(this.size * 2);
      k.set(this.cost);
      this.cost = k;
    }
    this.col[this.size] = col;
    this.cost[this.size] = cost;
    this.size++;
  }
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35);
  h ^= h >>> 15;
  h = Math.imul(h, 0x2c1b3c6d);
  h ^= h >>> 12;
  return h >>> 0;
}

/**
 * Builds the candidate graph. Small cohorts (up to settings.candidates.exhaustiveLimit
 * pairs) keep every allowed pair, so the optimum is over the whole cohort. Big
 * cohorts draw a pool per mentee from the mentors who offer what the mentee
 * seeks (windows at mentee-specific offsets spread the load), their ranked
 * preferences and a deterministic sample, apply the rules, score, and keep the
 * best `perMentee` by score.
 */
export function buildCandidates(
  cc: CompiledCohort,
  skipRow: Uint8Array,
  capacity: Int32Array,
): CandidateGraph {
  const rows = cc.rowPerson.length;
  const cols = cc.colPerson.length;
  const exhaustive = rows * cols <= cc.settings.candidates.exhaustiveLimit;
  const minScore = cc.settings.rules.minScore;
  const rowStart = new Int32Array(rows + 1);
  const scratch = new PairScratch();

  if (exhaustive) {
    const buf = new ArcBuffer();
    const all = Int32Array.from({ length: cols }, (_, c) => c);
    for (let r = 0; r < rows; r++) {
      rowStart[r] = buf.size;
      if (skipRow[r] === 1) continue;
      const n = scratch.allowed(cc, r, all, cols);
      for (let q = 0; q < n; q++) {
        const s = scratch.score[q] as number;
        if (s >= minScore) buf.push(scratch.col[q] as number, costOf(s));
      }
    }
    rowStart[rows] = buf.size;
    return { problem: finish(rows, cols, rowStart, buf, capacity), exhaustive };
  }

  const pools = new PoolBuilder(cc);
  const K = cc.settings.candidates.perMentee;
  let open = 0;
  for (let r = 0; r < rows; r++) open += 1 - (skipRow[r] as number);
  // At most K arcs per row: one buffer of that size, not a growing one (whose
  // copies of large arrays would keep the garbage collector busy).
  const buf = new ArcBuffer(open * K);
  for (let r = 0; r < rows; r++) {
    rowStart[r] = buf.size;
    if (skipRow[r] === 1) continue;
    const size = pools.pool(r, 4 * K);
    bestOf(cc, r, pools.buffer, size, K, minScore, buf, scratch);
  }
  rowStart[rows] = buf.size;
  return { problem: finish(rows, cols, rowStart, buf, capacity), exhaustive };
}

/** Scratch space for the pairs of one row, reused across rows. */
class PairScratch {
  mask = new Int32Array(1024);
  col = new Int32Array(1024);
  score = new Float64Array(1024);
  key = new Float64Array(1024);
  /** Cost of each kept column, by column. */
  costOfCol = new Float64Array(0);

  /** Columns of pool[0, n) that row r may be paired with, into col, with their scores; returns their count. */
  allowed(cc: CompiledCohort, r: number, pool: ArrayLike<number>, n: number): number {
    if (this.mask.length < n) {
      const size = Math.max(n, 2 * this.mask.length);
      this.mask = new Int32Array(size);
      this.col = new Int32Array(size);
      this.score = new Float64Array(size);
      this.key = new Float64Array(size);
    }
    cc.rulesOf(r, pool, n, false, this.mask);
    let m = 0;
    for (let q = 0; q < n; q++) if (this.mask[q] === 0) this.col[m++] = pool[q] as number;
    cc.scoresOf(r, this.col, m, this.score);
    return m;
  }
}

/** Scores the given columns for row r and appends the best `keep` that pass the rules, in column order. */
function bestOf(
  cc: CompiledCohort,
  r: number,
  pool: ArrayLike<number>,
  poolSize: number,
  keep: number,
  minScore: number,
  out: ArcBuffer,
  scratch: PairScratch,
): void {
  const cols = cc.colPerson.length;
  const mult = 2 ** Math.ceil(Math.log2(cols + 1));
  const m = scratch.allowed(cc, r, pool, poolSize);
  const keys = scratch.key;
  let n = 0;
  for (let q = 0; q < m; q++) {
    const s = scratch.score[q] as number;
    if (s >= minScore) keys[n++] = costOf(s) * mult + (scratch.col[q] as number);
  }
  // Keys are distinct (one per column): the best `keep` are the smallest, whatever their order.
  if (n > keep) selectSmallest(keys, n, keep);
  const k = Math.min(n, keep);
  if (scratch.costOfCol.length < cols) scratch.costOfCol = new Float64Array(cols);
  const costOfCol = scratch.costOfCol;
  const kept = scratch.col;
  for (let q = 0; q < k; q++) {
    const key = keys[q] as number;
    const cost = Math.floor(key / mult);
    const c = key - cost * mult;
    kept[q] = c;
    costOfCol[c] = cost;
  }
  // Out in column order.
  const sorted = kept.subarray(0, k).sort();
  for (let q = 0; q < k; q++) {
    const c = sorted[q] as number;
    out.push(c, costOfCol[c] as number);
  }
}

/** Moves the k smallest of a[0, n) into a[0, k) (in no particular order); 0 < k < n, values distinct. */
function selectSmallest(a: Float64Array, n: number, k: number): void {
  let lo = 0;
  let hi = n - 1;
  const t = k - 1;
  while (lo < hi) {
    const pivot = a[t] as number;
    let i = lo;
    let j = hi;
    do {
      while ((a[i] as number) < pivot) i++;
      while (pivot < (a[j] as number)) j--;
      if (i <= j) {
        const x = a[i] as number;
        a[i] = a[j] as number;
        a[j] = x;
        i++;
        j--;
      }
    } while (i <= j);
    if (j < t) lo = i;
    if (t < i) hi = j;
  }
}

class PoolBuilder {
  private readonly cc: CompiledCohort;
  private readonly offerStart: Int32Array;
  private readonly offerCols: Int32Array;
  private readonly seekStart: Int32Array;
  private readonly seekCols: Int32Array;
  private readonly stamp: Int32Array;
  private readonly colOfPerson: Int32Array;
  private readonly stride: number;
  private size = 0;
  private row = -1;

  constructor(cc: CompiledCohort) {
    this.cc = cc;
    const T = cc.topics.length;
    const cols = cc.colPerson.length;
    // Columns offering (or, for two-way pairs, seeking) each topic, most proficient first.
    const offer: [number, number][][] = Array.from({ length: T }, () => []);
    const seek: number[][] = Array.from({ length: T }, () => []);
    for (let c = 0; c < cols; c++) {
      const p = cc.colPerson[c] as number;
      for (let o = cc.offerStart[p] as number; o < (cc.offerStart[p + 1] as number); o++)
        offer[cc.offerTopic[o] as number]?.push([c, cc.offerProf[o] as number]);
      for (let q = cc.seekStart[p] as number; q < (cc.seekStart[p + 1] as number); q++)
        seek[cc.seekTopic[q] as number]?.push(c);
    }
    const offerLists = offer.map((l) => l.sort((x, y) => y[1] - x[1] || x[0] - y[0]).map((e) => e[0]));
    [this.offerStart, this.offerCols] = flatten(offerLists);
    [this.seekStart, this.seekCols] = flatten(seek);
    this.stamp = new Int32Array(cols).fill(-1);
    this.colOfPerson = new Int32Array(cc.people.length).fill(-1);
    for (let c = 0; c < cols; c++) this.colOfPerson[cc.colPerson[c] as number] = c;
    let stride = 7919;
    while (cols > 0 && cols % stride === 0) stride += 2;
    this.stride = stride;
  }

  /** The pool of row r, in `buffer`; returns its size. */
  buffer = new Int32Array(256);
  pool(r: number, target: number): number {
    const cc = this.cc;
    const a = cc.rowPerson[r] as number;
    const cols = cc.colPerson.length;
    this.size = 0;
    this.row = r;
    // Stated preferences first.
    for (let q = cc.prefStart[a] as number; q < (cc.prefStart[a + 1] as number); q++) {
      const c = this.colOfPerson[cc.pref[q] as number] as number;
      if (c >= 0) this.add(c);
    }
    const ss = cc.seekStart[a] as number;
    const se = cc.seekStart[a + 1] as number;
    const os = cc.offerStart[a] as number;
    const oe = cc.kind === 'mutual' ? (cc.offerStart[a + 1] as number) : os;
    const lists = se - ss + oe - os;
    if (lists > 0) {
      const each = Math.ceil(target / lists);
      for (let q = ss; q < se; q++) {
        const t = cc.seekTopic[q] as number;
        this.addWindow(
          this.offerCols,
          this.offerStart[t] as number,
          this.offerStart[t + 1] as number,
          a,
          t,
          each,
        );
      }
      for (let o = os; o < oe; o++) {
        const t = cc.offerTopic[o] as number;
        this.addWindow(
          this.seekCols,
          this.seekStart[t] as number,
          this.seekStart[t + 1] as number,
          a,
          t + 1_000_003,
          each,
        );
      }
    }
    if (this.size < target && cols > 0) {
      const start = mix(a, 0x5bd1e995) % cols;
      const need = Math.min(cols, target) - this.size;
      for (let q = 0, added = 0; q < cols && added < need; q++) {
        const c = (start + q * this.stride) % cols;
        if (this.stamp[c] !== r) {
          this.add(c);
          added++;
        }
      }
    }
    return this.size;
  }

  /**
   * Up to `each` columns of arr[s, e) from a window at a mentee-specific offset:
   * mentees seeking the same topic see different mentors, so demand spreads
   * instead of piling onto the same few.
   */
  private addWindow(arr: Int32Array, s: number, e: number, a: number, t: number, each: number): void {
    const len = e - s;
    if (len === 0) return;
    const take = Math.min(len, each);
    let at = mix(a, t) % len;
    for (let q = 0; q < take; q++) {
      this.add(arr[s + at] as number);
      if (++at === len) at = 0;
    }
  }

  private add(c: number): void {
    if (this.stamp[c] === this.row) return;
    this.stamp[c] = this.row;
    if (this.size === this.buffer.length) {
      const grown = new Int32Array(this.size * 2);
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.size++] = c;
  }
}

function flatten(lists: number[][]): [Int32Array, Int32Array] {
  const start = new Int32Array(lists.length + 1);
  let total = 0;
  lists.forEach((l, i) => {
    start[i] = total;
    total += l.length;
  });
  start[lists.length] = total;
  const flat = new Int32Array(total);
  let at = 0;
  for (const l of lists) for (const x of l) flat[at++] = x;
  return [start, flat];
}

function finish(
  rows: number,
  cols: number,
  rowStart: Int32Array,
  buf: ArcBuffer,
  capacity: Int32Array,
): SparseProblem {
  return {
    kind: 'sparse',
    rows,
    cols,
    rowStart,
    colIndex: buf.col.slice(0, buf.size),
    costs: buf.cost.slice(0, buf.size),
    capacities: capacity,
  };
}

/**
 * Adds, for each listed row, its best `keep` candidates among `cols` (mentors
 * with room left), to a copy of the graph. Used to widen the graph for mentees
 * the first solve left unmatched.
 */
export function widen(
  cc: CompiledCohort,
  graph: SparseProblem,
  rowsToWiden: number[],
  cols: Int32Array,
  keep: number,
): { problem: SparseProblem; rows: number[] } {
  const rows = graph.rows;
  const extra = new Map<number, ArcBuffer>();
  const minScore = cc.settings.rules.minScore;
  const scratch = new PairScratch();
  const pool = new Int32Array(cols.length);
  // have[c] === r + 1: row r already has an arc to column c.
  const have = new Int32Array(graph.cols);
  for (const r of rowsToWiden) {
    for (let k = graph.rowStart[r] as number; k < (graph.rowStart[r + 1] as number); k++)
      have[graph.colIndex[k] as number] = r + 1;
    let size = 0;
    for (const c of cols) if (have[c] !== r + 1) pool[size++] = c;
    const buf = new ArcBuffer(keep);
    bestOf(cc, r, pool, size, keep, minScore, buf, scratch);
    if (buf.size > 0) extra.set(r, buf);
  }
  let added = 0;
  for (const b of extra.values()) added += b.size;
  const total = graph.colIndex.length + added;
  const rowStart = new Int32Array(rows + 1);
  const colIndex = new Int32Array(total);
  const costs = new Float64Array(total);
  let at = 0;
  for (let r = 0; r < rows; r++) {
    rowStart[r] = at;
    for (let k = graph.rowStart[r] as number; k < (graph.rowStart[r + 1] as number); k++) {
      colIndex[at] = graph.colIndex[k] as number;
      costs[at] = graph.costs[k] as number;
      at++;
    }
    const b = extra.get(r);
    if (b) {
      colIndex.set(b.col.subarray(0, b.size), at);
      costs.set(b.cost.subarray(0, b.size), at);
      at += b.size;
    }
  }
  rowStart[rows] = at;
  return { problem: { ...graph, rowStart, colIndex, costs }, rows: [...extra.keys()].sort((a, b) => a - b) };
}
