import { type AssignmentSolver, type Problem, type Solution, toSparse } from './problem.js';

/**
 * Maximum-weight matching on a general (non-bipartite) graph: Edmonds' blossom
 * algorithm with dual variables (decision 060).
 *
 * The primal-dual structure follows Galil's presentation (and Van Rantwijk's
 * well-known implementation of it): vertex duals y (kept doubled, so that
 * integer weights give integer duals), blossom duals z, and four kinds of event
 * as the dual change grows. Four things make it fast on big sparse graphs:
 * - a greedy warm start: duals fitted to each vertex's edges and a matching on the
 *   edges they make tight; only vertices left exposed with a positive dual root a
 *   tree (a fifth of them on the benchmark's pools, instead of all). Roots' duals
 *   then differ, so an even vertex whose dual reaches zero is an event of its own:
 *   it becomes the exposed one and its root is matched;
 * - every root grows its own alternating tree and all trees grow at once;
 *   an augmentation dissolves only the two trees it joined, the others keep
 *   their labels (no restart per augmentation);
 * - the next event comes from four heaps (edges from an even vertex to a vertex
 *   in no tree, edges between even vertices, odd blossoms' duals, even vertices'
 *   duals) keyed by the total dual change at which they happen; stale entries are
 *   dropped when they reach the top;
 * - duals change lazily: each vertex and blossom stores its value at a time
 *   stamp, and its rate follows from its top blossom's label.
 * Weights must be integers; the result carries the duals, which certifyGeneral
 * checks as a proof of optimality.
 */

export interface GeneralGraph {
  readonly vertices: number;
  readonly edgeU: Int32Array;
  readonly edgeV: Int32Array;
  /** Integer weights. */
  readonly weight: Float64Array;
}

/** The dual solution: doubled vertex duals and a laminar family of blossoms with doubled duals. */
export interface GeneralDuals {
  /** 2 x u_v for each vertex. */
  readonly vertex: Float64Array;
  /** Innermost blossom of each vertex (an index into blossomParent), or -1. */
  readonly vertexBlossom: Int32Array;
  /** Parent of each blossom, or -1. */
  readonly blossomParent: Int32Array;
  /** 2 x z_B for each blossom. */
  readonly blossomDual: Float64Array;
}

export interface GeneralMatching {
  /** Partner of each vertex, or -1. */
  readonly mate: Int32Array;
  /** Edge matching each vertex, or -1. */
  readonly mateEdge: Int32Array;
  /** Total weight of the matching (input weights). */
  readonly weight: number;
  readonly cardinality: number;
  readonly duals: GeneralDuals;
  /** Added to every weight for the duals: non-zero when maximum cardinality came first. */
  readonly shift: number;
}

export interface GeneralOptions {
  /** Maximum number of pairs first, then the highest weight among those. */
  readonly maxCardinality?: boolean;
  /** The shift for maxCardinality, when a subgraph must be solved with its whole graph's. */
  readonly shift?: number;
  /**
   * Start from a greedy matching on duals fitted to each vertex's edges (default true);
   * false starts every vertex as a tree root with the same dual. Both are exact.
   */
  readonly warmStart?: boolean;
}

const SAFE = 2 ** 52;

/**
 * The weight shift that makes every larger matching heavier than every smaller
 * one: with it, a maximum-weight matching is a maximum-cardinality matching of
 * the highest weight (no matching of k < n/2 pairs can gain more than
 * (n/2 - k) x range from its weights).
 */
export function cardinalityShift(g: GeneralGraph): number {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < g.weight.length; k++) {
    const w = g.weight[k] as number;
    if (w < lo) lo = w;
    if (w > hi) hi = w;
  }
  if (g.weight.length === 0) return 0;
  return (hi - lo) * Math.floor(g.vertices / 2) + 1 - lo;
}

/** Checks the graph; throws a RangeError naming the problem. */
function check(g: GeneralGraph, shift: number): void {
  const { vertices: n, edgeU, edgeV, weight } = g;
  if (edgeV.length !== edgeU.length || weight.length !== edgeU.length)
    throw new RangeError('edgeU, edgeV and weight must have the same length');
  let top = 0;
  for (let k = 0; k < edgeU.length; k++) {
    const u = edgeU[k] as number;
    const v = edgeV[k] as number;
    const w = weight[k] as number;
    if (u < 0 || u >= n || v < 0 || v >= n) throw new RangeError(`edge ${k}: vertex out of range`);
    if (u === v) throw new RangeError(`edge ${k}: a loop`);
    if (!Number.isInteger(w)) throw new RangeError(`edge ${k}: weight ${w} is not an integer`);
    top = Math.max(top, Math.abs(w + shift));
  }
  if (top * 4 * Math.max(1, n) >= SAFE)
    throw new RangeError('weights too large for exact arithmetic (|w| x vertices must stay below 2^50)');
}

/** A binary min-heap of (key, id) with no decrease-key: stale entries are skipped by the caller. */
class LazyHeap {
  keys = new Float64Array(64);
  ids = new Int32Array(64);
  size = 0;

  push(key: number, id: number): void {
    if (this.size === this.keys.length) {
      const k = new Float64Array(this.size * 2);
      k.set(this.keys);
      this.keys = k;
      const d = new Int32Array(this.size * 2);
      d.set(this.ids);
      this.ids = d;
    }
    const keys = this.keys;
    const ids = this.ids;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = keys[p] as number;
      if (pk <= key) break;
      keys[i] = pk;
      ids[i] = ids[p] as number;
      i = p;
    }
    keys[i] = key;
    ids[i] = id;
  }

  pop(): void {
    const keys = this.keys;
    const ids = this.ids;
    const n = --this.size;
    if (n === 0) return;
    const key = keys[n] as number;
    const id = ids[n] as number;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && (keys[c + 1] as number) < (keys[c] as number)) c++;
      if ((keys[c] as number) >= key) break;
      keys[i] = keys[c] as number;
      ids[i] = ids[c] as number;
      i = c;
    }
    keys[i] = key;
    ids[i] = id;
  }
}

/**
 * A feasible start: each vertex's doubled dual is its heaviest edge's weight, then
 * lowered by its smallest slack (so it has a tight edge, or reaches zero), and a greedy
 * matching on tight edges. Matched edges are tight and every edge stays covered, which
 * is all the primal-dual loop needs; it then only has to grow trees from the vertices
 * left exposed with a positive dual.
 */
function warmStart(
  n: number,
  adjStart: Int32Array,
  adj: Int32Array,
  adjV: Int32Array,
  adjW: Float64Array,
  y: Float64Array,
  mate: Int32Array,
): void {
  for (let v = 0; v < n; v++) {
    let best = 0;
    for (let a = adjStart[v] as number; a < (adjStart[v + 1] as number); a++) {
      const w = (adjW[a] as number) / 2;
      if (w > best) best = w;
    }
    y[v] = best;
  }
  for (let v = 0; v < n; v++) {
    const yv = y[v] as number;
    let least = yv;
    for (let a = adjStart[v] as number; a < (adjStart[v + 1] as number); a++) {
      const s = yv + (y[adjV[a] as number] as number) - (adjW[a] as number);
      if (s < least) least = s;
    }
    y[v] = yv - least;
  }
  for (let v = 0; v < n; v++) {
    if (mate[v] !== -1) continue;
    const yv = y[v] as number;
    for (let a = adjStart[v] as number; a < (adjStart[v + 1] as number); a++) {
      const u = adjV[a] as number;
      if (mate[u] === -1 && yv + (y[u] as number) === (adjW[a] as number)) {
        const p = adj[a] as number;
        mate[v] = p;
        mate[u] = p ^ 1;
        break;
      }
    }
  }
  // Roots' duals of one parity keep every event at an integer dual change (a tight
  // edge passes the parity on); raising an exposed vertex's dual keeps every edge covered.
  for (let v = 0; v < n; v++) if (mate[v] === -1) y[v] = (y[v] as number) + ((y[v] as number) % 2);
}

/** Orders each vertex's adjacency entries by weight, heaviest first (a scan can then stop early). */
function sortHeaviestFirst(
  n: number,
  adjStart: Int32Array,
  adj: Int32Array,
  adjV: Int32Array,
  adjW: Float64Array,
): void {
  let order: number[] = [];
  for (let v = 0; v < n; v++) {
    const lo = adjStart[v] as number;
    const hi = adjStart[v + 1] as number;
    if (hi - lo <= 64) {
      for (let a = lo + 1; a < hi; a++) {
        const w = adjW[a] as number;
        const p = adj[a] as number;
        const x = adjV[a] as number;
        let b = a - 1;
        while (b >= lo && (adjW[b] as number) < w) {
          adjW[b + 1] = adjW[b] as number;
          adj[b + 1] = adj[b] as number;
          adjV[b + 1] = adjV[b] as number;
          b--;
        }
        adjW[b + 1] = w;
        adj[b + 1] = p;
        adjV[b + 1] = x;
      }
      continue;
    }
    order = Array.from({ length: hi - lo }, (_, i) => lo + i);
    order.sort((i, j) => (adjW[j] as number) - (adjW[i] as number));
    const p = order.map((a) => adj[a] as number);
    const x = order.map((a) => adjV[a] as number);
    const w = order.map((a) => adjW[a] as number);
    adj.set(p, lo);
    adjV.set(x, lo);
    adjW.set(w, lo);
  }
}

const FREE = 0;
const EVEN = 1;
const ODD = 2;

/**
 * A maximum-weight matching of g (or, with maxCardinality, a maximum-weight
 * one among those with the most pairs), with its optimality certificate.
 */
export function maxWeightMatching(g: GeneralGraph, options: GeneralOptions = {}): GeneralMatching {
  const shift = options.maxCardinality ? (options.shift ?? cardinalityShift(g)) : 0;
  check(g, shift);
  const n = g.vertices;
  const m = g.edgeU.length;
  const eu = g.edgeU;
  const ev = g.edgeV;
  const w2 = new Float64Array(m);
  let maxW = 0;
  for (let k = 0; k < m; k++) {
    const w = (g.weight[k] as number) + shift;
    w2[k] = 2 * w;
    if (w > maxW) maxW = w;
  }
  // Endpoint p of edge p >> 1: eu for even p, ev for odd p.
  const endpoint = (p: number): number => (p & 1 ? (ev[p >> 1] as number) : (eu[p >> 1] as number));

  // Adjacency: for each vertex, the remote endpoints of its edges (positive weight only:
  // an edge of weight <= 0 never improves a matching).
  const degree = new Int32Array(n + 1);
  for (let k = 0; k < m; k++) {
    if ((w2[k] as number) <= 0) continue;
    const a = (eu[k] as number) + 1;
    const b = (ev[k] as number) + 1;
    degree[a] = (degree[a] as number) + 1;
    degree[b] = (degree[b] as number) + 1;
  }
  for (let v = 0; v < n; v++) degree[v + 1] = (degree[v + 1] as number) + (degree[v] as number);
  const adjStart = degree;
  const adj = new Int32Array(adjStart[n] as number);
  // The neighbour and doubled weight beside each entry: the scans read them in order.
  const adjV = new Int32Array(adj.length);
  const adjW = new Float64Array(adj.length);
  const fill = adjStart.slice(0, n);
  for (let k = 0; k < m; k++) {
    if ((w2[k] as number) <= 0) continue;
    const u = eu[k] as number;
    const v = ev[k] as number;
    const fu = fill[u] as number;
    const fv = fill[v] as number;
    adj[fu] = 2 * k + 1;
    adj[fv] = 2 * k;
    adjV[fu] = v;
    adjV[fv] = u;
    adjW[fu] = w2[k] as number;
    adjW[fv] = w2[k] as number;
    fill[u] = fu + 1;
    fill[v] = fv + 1;
  }

  const nb = 2 * n; // blossom ids: vertices 0..n-1, non-trivial blossoms n..2n-1
  const mate = new Int32Array(n).fill(-1); // remote endpoint of the matched edge
  const label = new Uint8Array(nb);
  const labelEnd = new Int32Array(nb).fill(-1);
  // Top blossom of each vertex, through a slot: every vertex of a top blossom T has
  // vslot[v] === slot[T] and owner[slot[T]] === T. A new blossom takes over the
  // slot of its largest child, so only the other children's vertices are touched
  // (and again when it is expanded): nesting deep does not cost its size each time.
  const vslot = new Int32Array(n);
  const owner = new Int32Array(n);
  const slot = new Int32Array(nb).fill(-1);
  const bsize = new Int32Array(nb);
  const parent = new Int32Array(nb).fill(-1);
  const childs: (number[] | null)[] = new Array(nb).fill(null);
  const endps: (number[] | null)[] = new Array(nb).fill(null);
  const base = new Int32Array(nb).fill(-1);
  const rootOf = new Int32Array(nb).fill(-1);
  // Lazy duals: value at stamp; rate from the top blossom's label.
  const y = new Float64Array(n);
  const yAt = new Float64Array(n);
  const z = new Float64Array(nb);
  const zAt = new Float64Array(nb);
  // Vertices of each tree, as doubly linked lists headed by the root vertex.
  const treeNext = new Int32Array(n).fill(-1);
  const treePrev = new Int32Array(n).fill(-1);
  const treeHead = new Int32Array(n).fill(-1);
  const unused: number[] = [];
  for (let b = nb - 1; b >= n; b--) unused.push(b);
  const mark = new Int32Array(nb);
  let markStamp = 0;

  const heapFree = new LazyHeap(); // edge ids: even - free (in no tree)
  const heapEven = new LazyHeap(); // edge ids: even - even, different blossoms
  const heapOdd = new LazyHeap(); // blossom ids: odd non-trivial blossoms
  const heapZero = new LazyHeap(); // vertex ids: even vertices, keyed by when their dual reaches zero
  let D = 0; // total dual change so far

  for (let v = 0; v < n; v++) {
    vslot[v] = v;
    owner[v] = v;
    slot[v] = v;
    bsize[v] = 1;
    base[v] = v;
  }
  if (options.warmStart === false) y.fill(maxW);
  else warmStart(n, adjStart, adj, adjV, adjW, y, mate);
  sortHeaviestFirst(n, adjStart, adj, adjV, adjW);

  const vRate = (v: number): number => {
    const l = label[owner[vslot[v] as number] as number];
    return l === EVEN ? -1 : l === ODD ? 1 : 0;
  };
  const dualOf = (v: number): number => (y[v] as number) + vRate(v) * (D - (yAt[v] as number));
  const zDual = (b: number): number => {
    if (parent[b] !== -1) return z[b] as number;
    const l = label[b];
    const r = l === EVEN ? 1 : l === ODD ? -1 : 0;
    return (z[b] as number) + r * (D - (zAt[b] as number));
  };
  const slack = (k: number): number => dualOf(eu[k] as number) + dualOf(ev[k] as number) - (w2[k] as number);

  // Leaves of a blossom into a scratch buffer (valid until the next call).
  const leafBuf = new Int32Array(n);
  const stack = new Int32Array(nb);
  const leaves = (b: number): number => {
    if (b < n) {
      leafBuf[0] = b;
      return 1;
    }
    let count = 0;
    let sp = 0;
    stack[sp++] = b;
    while (sp > 0) {
      const t = stack[--sp] as number;
      if (t < n) leafBuf[count++] = t;
      else for (const c of childs[t] as number[]) stack[sp++] = c;
    }
    return count;
  };
  const leafList = (b: number): Int32Array => leafBuf.slice(0, leaves(b));

  /** Fixes the current duals of a top blossom and its vertices before its label changes. */
  const settle = (b: number): void => {
    const cnt = leaves(b);
    for (let i = 0; i < cnt; i++) {
      const v = leafBuf[i] as number;
      y[v] = dualOf(v);
      yAt[v] = D;
    }
    z[b] = zDual(b);
    zAt[b] = D;
  };

  const treeAdd = (root: number, v: number): void => {
    const h = treeHead[root] as number;
    treeNext[v] = h;
    treePrev[v] = -1;
    if (h !== -1) treePrev[h] = v;
    treeHead[root] = v;
  };
  const treeRemove = (root: number, v: number): void => {
    const p = treePrev[v] as number;
    const q = treeNext[v] as number;
    if (p !== -1) treeNext[p] = q;
    else treeHead[root] = q;
    if (q !== -1) treePrev[q] = p;
    treeNext[v] = -1;
    treePrev[v] = -1;
  };

  // A vertex in no tree keeps one entry in heapFree: its edge to an even vertex
  // that gets tight first (bestKey, bestEdge). A new even neighbour replaces it
  // only when sooner; an entry gone stale is recomputed when it reaches the top.
  const bestKey = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
  const bestEdge = new Int32Array(n).fill(-1);

  /** Queues the events of an even vertex's edges. */
  const scanEven = (v: number): void => {
    const bv = owner[vslot[v] as number] as number;
    // D + the slack, read with each neighbour's rate (even: falling, free: fixed).
    const at = D + dualOf(v);
    const end = adjStart[v + 1] as number;
    for (let a = adjStart[v] as number; a < end; a++) {
      const u = adjV[a] as number;
      const bu = owner[vslot[u] as number] as number;
      if (bu === bv) continue;
      const l = label[bu];
      if (l === ODD) continue;
      if (l === EVEN) {
        const du = (y[u] as number) - D + (yAt[u] as number);
        const s = at - D + du - (adjW[a] as number);
        // Tight only after one end's dual reaches zero: its tree is gone by then.
        if (s > 2 * Math.min(at - D, du)) continue;
        heapEven.push(D + s / 2, (adj[a] as number) >> 1);
      } else {
        if ((y[u] as number) > (adjW[a] as number)) continue; // likewise
        const key = at + (y[u] as number) - (adjW[a] as number);
        if (key < (bestKey[u] as number)) {
          const p = adj[a] as number;
          bestKey[u] = key;
          bestEdge[u] = p >> 1;
          heapFree.push(key, p);
        }
      }
    }
  };
  /** Queues the first event of a vertex in no tree: its tightest edge to an even vertex. */
  const scanFree = (v: number): void => {
    // An even neighbour's dual is y - (D - yAt): the key D + slack drops D.
    const yv = dualOf(v);
    let best = Number.POSITIVE_INFINITY;
    let bestA = -1;
    const end = adjStart[v + 1] as number;
    for (let a = adjStart[v] as number; a < end; a++) {
      // An edge lighter than this dual gets tight only after the even end's dual reaches
      // zero, and its tree is gone by then; so are all the edges after it.
      if ((adjW[a] as number) < yv) break;
      const u = adjV[a] as number;
      if (label[owner[vslot[u] as number] as number] !== EVEN) continue;
      const key = yv + (y[u] as number) + (yAt[u] as number) - (adjW[a] as number);
      if (key < best) {
        best = key;
        bestA = a;
      }
    }
    bestKey[v] = best;
    if (bestA >= 0) {
      const p = adj[bestA] as number;
      bestEdge[v] = p >> 1;
      heapFree.push(best, p ^ 1);
    } else bestEdge[v] = -1;
  };

  /** Labels the top blossom of w (through endpoint p, or as a root when p = -1) and, for odd, its mate's. */
  const assignLabel = (w: number, t: number, p: number, root: number): void => {
    const b = owner[vslot[w] as number] as number;
    // One pass fixes the duals (at the old rate) and adds the vertices to the tree.
    const cnt = leaves(b);
    for (let i = 0; i < cnt; i++) {
      const v = leafBuf[i] as number;
      y[v] = dualOf(v);
      yAt[v] = D;
      treeAdd(root, v);
    }
    z[b] = zDual(b);
    zAt[b] = D;
    label[b] = t;
    labelEnd[b] = p;
    rootOf[b] = root;
    if (t === EVEN) {
      for (let i = 0; i < cnt; i++) {
        const v = leafBuf[i] as number;
        heapZero.push(D + (y[v] as number), v);
        scanEven(v);
      }
    } else {
      if (b >= n) heapOdd.push(D + (z[b] as number), b);
      const bs = base[b] as number;
      const mp = mate[bs] as number;
      assignLabel(endpoint(mp), EVEN, mp ^ 1, root);
    }
  };

  /** The base of the blossom closed by an even-even edge inside one tree. */
  const scanBlossom = (v0: number, w0: number): number => {
    markStamp++;
    let v = v0;
    let w = w0;
    while (v !== -1 || w !== -1) {
      if (v !== -1) {
        let b = owner[vslot[v] as number] as number;
        if (mark[b] === markStamp) return base[b] as number;
        mark[b] = markStamp;
        if (labelEnd[b] === -1) v = -1;
        else {
          v = endpoint(labelEnd[b] as number);
          b = owner[vslot[v] as number] as number;
          v = endpoint(labelEnd[b] as number);
        }
      }
      const t = v;
      v = w;
      w = t;
    }
    return -1;
  };

  const addBlossom = (bs: number, k: number): void => {
    let v = eu[k] as number;
    let w = ev[k] as number;
    const bb = owner[vslot[bs] as number] as number;
    let bv = owner[vslot[v] as number] as number;
    let bw = owner[vslot[w] as number] as number;
    const b = unused.pop() as number;
    base[b] = bs;
    parent[b] = -1;
    const path: number[] = [];
    const ends: number[] = [];
    while (bv !== bb) {
      path.push(bv);
      ends.push(labelEnd[bv] as number);
      v = endpoint(labelEnd[bv] as number);
      bv = owner[vslot[v] as number] as number;
    }
    path.push(bb);
    path.reverse();
    ends.reverse();
    ends.push(2 * k);
    while (bw !== bb) {
      path.push(bw);
      ends.push((labelEnd[bw] as number) ^ 1);
      w = endpoint(labelEnd[bw] as number);
      bw = owner[vslot[w] as number] as number;
    }
    // Duals and labels of the children are fixed before they stop being top blossoms.
    // (Even children keep their vertices' rate, so only their blossom dual is fixed.)
    const wasOdd: number[] = [];
    let largest = path[0] as number;
    let size = 0;
    for (const c of path) {
      if (label[c] === ODD) {
        settle(c);
        wasOdd.push(c);
      } else {
        z[c] = zDual(c);
        zAt[c] = D;
      }
      size += bsize[c] as number;
      if ((bsize[c] as number) > (bsize[largest] as number)) largest = c;
    }
    bsize[b] = size;
    for (const c of path) parent[c] = b;
    childs[b] = path;
    endps[b] = ends;
    label[b] = EVEN;
    labelEnd[b] = labelEnd[bb] as number;
    rootOf[b] = rootOf[bb] as number;
    z[b] = 0;
    zAt[b] = D;
    const sl = slot[largest] as number;
    slot[b] = sl;
    owner[sl] = b;
    for (const c of path) {
      if (c === largest) continue;
      const cnt = leaves(c);
      for (let i = 0; i < cnt; i++) vslot[leafBuf[i] as number] = sl;
    }
    // Vertices of odd children are now even: their edges become events.
    for (const c of wasOdd) {
      const cnt = leaves(c);
      const list = leafBuf.slice(0, cnt);
      for (let i = 0; i < cnt; i++) {
        const v = list[i] as number;
        yAt[v] = D;
        heapZero.push(D + (y[v] as number), v);
        scanEven(v);
      }
    }
  };

  /** Makes child c of an expanding blossom b a top blossom again (its slot back). */
  const release = (c: number, b: number): void => {
    const sc = slot[c] as number;
    owner[sc] = c;
    if (sc === slot[b]) return;
    const cnt = leaves(c);
    for (let i = 0; i < cnt; i++) vslot[leafBuf[i] as number] = sc;
  };

  /** Expands an odd blossom whose dual reached zero, relabelling its children. */
  const expandBlossom = (b: number): void => {
    settle(b);
    const root = rootOf[b] as number;
    const cs = childs[b] as number[];
    const es = endps[b] as number[];
    const all = leafList(b);
    for (let i = 0; i < all.length; i++) treeRemove(root, all[i] as number);
    for (const s of cs) {
      parent[s] = -1;
      label[s] = FREE;
      labelEnd[s] = -1;
      zAt[s] = D;
      release(s, b);
    }
    // Vertex duals were fixed by settle(b) with b's odd rate; children start from D.
    for (let i = 0; i < all.length; i++) yAt[all[i] as number] = D;
    const len = cs.length;
    const at = (j: number): number => ((j % len) + len) % len;
    const entry = owner[vslot[endpoint((labelEnd[b] as number) ^ 1)] as number] as number;
    let j = cs.indexOf(entry);
    let jstep: number;
    let trick: number;
    if (j & 1) {
      j -= len;
      jstep = 1;
      trick = 0;
    } else {
      jstep = -1;
      trick = 1;
    }
    let p = labelEnd[b] as number;
    while (j !== 0) {
      // The odd child entered through p; assignLabel labels its mate (the next child) even.
      assignLabel(endpoint(p ^ 1), ODD, p, root);
      j += jstep;
      p = (es[at(j - trick)] as number) ^ trick;
      j += jstep;
    }
    // The base child takes the odd label of the whole blossom; its mate is outside, already even.
    assignOddNoMate(endpoint(p ^ 1), p, root);
    // The other children are in no tree; their edges to even vertices become events.
    for (const s of cs) {
      if (label[s] !== FREE) continue;
      const cnt = leaves(s);
      const list = leafBuf.slice(0, cnt);
      for (let i = 0; i < cnt; i++) scanFree(list[i] as number);
    }
    childs[b] = null;
    endps[b] = null;
    label[b] = FREE;
    labelEnd[b] = -1;
    base[b] = -1;
    rootOf[b] = -1;
    z[b] = 0;
    unused.push(b);
  };

  /** Odd label without labelling the mate (already in the tree). */
  const assignOddNoMate = (w: number, p: number, root: number): void => {
    const b = owner[vslot[w] as number] as number;
    settle(b);
    label[b] = ODD;
    labelEnd[b] = p;
    rootOf[b] = root;
    const cnt = leaves(b);
    for (let i = 0; i < cnt; i++) treeAdd(root, leafBuf[i] as number);
    if (b >= n) heapOdd.push(D + (z[b] as number), b);
  };

  /**
   * Swaps matched and unmatched edges along the even-length path from v to the
   * base of b, making v the base. Sub-blossoms on the path are re-based the same
   * way; each touches only its own vertices' mates, so they are done from a
   * work list in any order (nesting can be thousands deep: no recursion).
   */
  const work: number[] = [];
  const augmentBlossom = (b0: number, v0: number): void => {
    work.push(b0, v0);
    while (work.length > 0) {
      const v = work.pop() as number;
      const b = work.pop() as number;
      let t = v;
      while (parent[t] !== b) t = parent[t] as number;
      if (t >= n) work.push(t, v);
      const cs = childs[b] as number[];
      const es = endps[b] as number[];
      const len = cs.length;
      const at = (j: number): number => ((j % len) + len) % len;
      const i = cs.indexOf(t);
      let j = i;
      let jstep: number;
      let trick: number;
      if (i & 1) {
        j -= len;
        jstep = 1;
        trick = 0;
      } else {
        jstep = -1;
        trick = 1;
      }
      while (j !== 0) {
        j += jstep;
        let c = cs[at(j)] as number;
        const p = (es[at(j - trick)] as number) ^ trick;
        if (c >= n) work.push(c, endpoint(p));
        j += jstep;
        c = cs[at(j)] as number;
        if (c >= n) work.push(c, endpoint(p ^ 1));
        mate[endpoint(p)] = p ^ 1;
        mate[endpoint(p ^ 1)] = p;
      }
      childs[b] = cs.slice(i).concat(cs.slice(0, i));
      endps[b] = es.slice(i).concat(es.slice(0, i));
      // v is the new base (its own child's task may not have run yet).
      base[b] = v;
    }
  };

  /**
   * Matches s through endpoint p (or leaves it exposed, p = -1) and swaps matched and
   * unmatched edges on the alternating path from s up to its tree's root (or its
   * blossom's base, for a blossom in no tree).
   */
  const augmentSide = (s0: number, p0: number): void => {
    let s = s0;
    let p = p0;
    for (;;) {
      const bs = owner[vslot[s] as number] as number;
      if (bs >= n) augmentBlossom(bs, s);
      mate[s] = p;
      if (labelEnd[bs] === -1) break;
      const t = endpoint(labelEnd[bs] as number);
      const bt = owner[vslot[t] as number] as number;
      s = endpoint(labelEnd[bt] as number);
      const j = endpoint((labelEnd[bt] as number) ^ 1);
      if (bt >= n) augmentBlossom(bt, j);
      mate[j] = labelEnd[bt] as number;
      p = (labelEnd[bt] as number) ^ 1;
    }
  };
  /** Swaps matched and unmatched edges along the augmenting path through edge k. */
  const augmentMatching = (k: number): void => {
    augmentSide(eu[k] as number, 2 * k + 1);
    augmentSide(ev[k] as number, 2 * k);
  };

  /**
   * Expands a blossom in no tree whose dual is zero, and its children likewise
   * (it constrains nothing; expanding keeps nesting, and so recursion, shallow).
   */
  const expandZero = (b0: number): void => {
    const todo = [b0];
    while (todo.length > 0) {
      const b = todo.pop() as number;
      for (const c of childs[b] as number[]) {
        parent[c] = -1;
        label[c] = FREE;
        labelEnd[c] = -1;
        rootOf[c] = -1;
        zAt[c] = D;
        release(c, b);
        if (c >= n && z[c] === 0) todo.push(c);
      }
      childs[b] = null;
      endps[b] = null;
      label[b] = FREE;
      labelEnd[b] = -1;
      base[b] = -1;
      rootOf[b] = -1;
      z[b] = 0;
      unused.push(b);
    }
  };

  /** Takes every blossom of a tree out of it; returns its vertices. */
  const dissolve = (root: number, out: number[]): void => {
    let v = treeHead[root] as number;
    while (v !== -1) {
      const next = treeNext[v] as number;
      const b = owner[vslot[v] as number] as number;
      if (label[b] !== FREE) {
        settle(b);
        label[b] = FREE;
        labelEnd[b] = -1;
        rootOf[b] = -1;
        if (b >= n && z[b] === 0) expandZero(b);
      }
      treeNext[v] = -1;
      treePrev[v] = -1;
      out.push(v);
      v = next;
    }
    treeHead[root] = -1;
  };

  // Every exposed vertex with a positive dual roots its own tree; an exposed vertex whose
  // dual is zero is already where an optimum may leave it, and stays in no tree.
  for (let v = 0; v < n; v++) {
    if (mate[v] !== -1 || (y[v] as number) === 0) continue;
    label[v] = EVEN;
    rootOf[v] = v;
    treeAdd(v, v);
    heapZero.push(y[v] as number, v);
  }
  // An edge between two roots is queued once; every other vertex queues its first event.
  for (let v = 0; v < n; v++) {
    if (label[v] !== EVEN) {
      scanFree(v);
      continue;
    }
    for (let a = adjStart[v] as number; a < (adjStart[v + 1] as number); a++) {
      const p = adj[a] as number;
      const u = endpoint(p);
      if (u > v && label[u] === EVEN) heapEven.push(slack(p >> 1) / 2, p >> 1);
    }
  }

  const validEven = (k: number, key: number): boolean => {
    const bu = owner[vslot[eu[k] as number] as number] as number;
    const bv = owner[vslot[ev[k] as number] as number] as number;
    if (bu === bv || label[bu] !== EVEN || label[bv] !== EVEN) return false;
    return D + slack(k) / 2 === key;
  };
  const validZero = (v: number, key: number): boolean =>
    label[owner[vslot[v] as number] as number] === EVEN && D + dualOf(v) === key;
  const validOdd = (b: number, key: number): boolean =>
    childs[b] !== null && parent[b] === -1 && label[b] === ODD && D + zDual(b) === key;

  const top = (h: LazyHeap, valid: (id: number, key: number) => boolean): number => {
    while (h.size > 0) {
      const key = h.keys[0] as number;
      if (valid(h.ids[0] as number, key)) return key;
      h.pop();
    }
    return Number.POSITIVE_INFINITY;
  };

  /** The next valid entry of heapFree (ids: the endpoint of the vertex in no tree). */
  const topFree = (): number => {
    const h = heapFree;
    while (h.size > 0) {
      const key = h.keys[0] as number;
      const q = h.ids[0] as number;
      const k = q >> 1;
      const bu = owner[vslot[endpoint(q)] as number] as number;
      const bw = owner[vslot[endpoint(q ^ 1)] as number] as number;
      const free = label[bu] === FREE;
      if (free && bu !== bw && label[bw] === EVEN && D + slack(k) === key) return key;
      h.pop();
      const u = endpoint(q);
      if (free && bestEdge[u] === k && bestKey[u] === key) scanFree(u);
    }
    return Number.POSITIVE_INFINITY;
  };

  const dissolved: number[] = [];
  const dissolveTrees = (ra: number, rb: number): void => {
    dissolved.length = 0;
    dissolve(ra, dissolved);
    if (rb !== -1) dissolve(rb, dissolved);
    for (const v of dissolved) scanFree(v);
  };
  // When no tree is left, every exposed vertex has a zero dual: the matching is optimal.
  for (;;) {
    const k1 = top(heapZero, validZero);
    const k2 = topFree();
    const k3 = top(heapEven, validEven);
    const k4 = top(heapOdd, validOdd);
    const next = Math.min(k1, k2, k3, k4);
    if (next === Number.POSITIVE_INFINITY) break;
    D = next;
    if (next === k2) {
      const q = heapFree.ids[0] as number;
      heapFree.pop();
      const u = endpoint(q);
      const x = endpoint(q ^ 1);
      const root = rootOf[owner[vslot[x] as number] as number] as number;
      if (mate[base[owner[vslot[u] as number] as number] as number] === -1) {
        // An exposed blossom in no tree (its dual is zero): the path to it augments.
        augmentSide(x, q);
        augmentSide(u, q ^ 1);
        dissolveTrees(root, -1);
        scanFree(u); // its entry was this event
      } else assignLabel(u, ODD, q ^ 1, root);
    } else if (next === k3) {
      const k = heapEven.ids[0] as number;
      heapEven.pop();
      const ra = rootOf[owner[vslot[eu[k] as number] as number] as number] as number;
      const rb = rootOf[owner[vslot[ev[k] as number] as number] as number] as number;
      if (ra === rb) addBlossom(scanBlossom(eu[k] as number, ev[k] as number), k);
      else {
        augmentMatching(k);
        dissolveTrees(ra, rb);
      }
    } else if (next === k4) {
      const b = heapOdd.ids[0] as number;
      heapOdd.pop();
      expandBlossom(b);
    } else {
      // An even vertex's dual reached zero: it becomes the exposed one, its root is matched.
      const v = heapZero.ids[0] as number;
      heapZero.pop();
      const root = rootOf[owner[vslot[v] as number] as number] as number;
      augmentSide(v, -1);
      dissolveTrees(root, -1);
    }
  }

  // Final duals and the laminar family of blossoms with positive dual or not.
  const vertex = new Float64Array(n);
  for (let v = 0; v < n; v++) vertex[v] = dualOf(v);
  const ids = new Int32Array(nb).fill(-1);
  const bParent: number[] = [];
  const bDual: number[] = [];
  for (let b = n; b < nb; b++) {
    if (childs[b] === null) continue;
    ids[b] = bDual.length;
    bDual.push(2 * zDual(b));
    bParent.push(-1);
  }
  for (let b = n; b < nb; b++) {
    if (childs[b] === null) continue;
    const pb = parent[b] as number;
    bParent[ids[b] as number] = pb === -1 ? -1 : (ids[pb] as number);
  }
  const vertexBlossom = new Int32Array(n).fill(-1);
  for (let v = 0; v < n; v++) {
    const pb = parent[v] as number;
    if (pb !== -1) vertexBlossom[v] = ids[pb] as number;
  }
  const mateV = new Int32Array(n).fill(-1);
  const mateEdge = new Int32Array(n).fill(-1);
  let weight = 0;
  let cardinality = 0;
  for (let v = 0; v < n; v++) {
    const p = mate[v] as number;
    if (p === -1) continue;
    mateV[v] = endpoint(p);
    mateEdge[v] = p >> 1;
    if (v < endpoint(p)) {
      weight += g.weight[p >> 1] as number;
      cardinality++;
    }
  }
  return {
    mate: mateV,
    mateEdge,
    weight,
    cardinality,
    duals: {
      vertex,
      vertexBlossom,
      blossomParent: Int32Array.from(bParent),
      blossomDual: Float64Array.from(bDual),
    },
    shift,
  };
}

/**
 * Checks that the duals prove the matching optimal for the weights plus `shift`:
 * every dual is non-negative, every edge's reduced weight
 *   y_u + y_v + (duals of the blossoms holding both) - 2w
 * is non-negative, and the dual objective (sum of y, plus each blossom's dual
 * times half its size rounded down) equals twice the matching's weight. By
 * weak duality no matching can then weigh more. Returns null on success, or
 * what failed.
 */
export function certifyGeneral(g: GeneralGraph, r: GeneralMatching): string | null {
  const n = g.vertices;
  const { vertex, blossomParent, blossomDual } = r.duals;
  const nb = blossomParent.length;
  const shift = r.shift;
  // Matching: symmetric, on edges.
  let weight2 = 0;
  for (let v = 0; v < n; v++) {
    const u = r.mate[v] as number;
    if (u === -1) continue;
    const k = r.mateEdge[v] as number;
    if (r.mate[u] !== v) return `vertex ${v}: its mate ${u} is not matched back`;
    const a = g.edgeU[k] as number;
    const b = g.edgeV[k] as number;
    if (!((a === v && b === u) || (a === u && b === v)))
      return `vertex ${v}: edge ${k} does not join it to ${u}`;
    if (v < u) weight2 += (g.weight[k] as number) + shift;
  }
  const lam = laminar(r.duals);
  if (typeof lam === 'string') return lam;
  let dual2 = 0;
  for (let v = 0; v < n; v++) {
    const yv = vertex[v] as number;
    if (yv < 0) return `vertex ${v} has a negative dual`;
    dual2 += yv;
  }
  for (let b = 0; b < nb; b++) dual2 += (blossomDual[b] as number) * Math.floor((lam.size[b] as number) / 2);
  const bad = uncovered(g, r.duals, shift, lam, 1);
  if (bad.length > 0) {
    const k = bad[0] as number;
    const s = reducedWeight(g, r.duals, shift, lam, k);
    return `edge ${k} (${g.edgeU[k]}-${g.edgeV[k]}) is under-covered by ${-s / 2}`;
  }
  if (dual2 !== 2 * weight2)
    return `duality gap ${(dual2 - 2 * weight2) / 2} (dual ${dual2 / 2}, matching ${weight2})`;
  return null;
}

interface Laminar {
  depth: Int32Array;
  /** Sum of duals from each blossom up to its outermost one. */
  upSum: Float64Array;
  size: Int32Array;
}

/** Depths, dual sums and sizes of the blossoms; a message when they are not a laminar family with duals >= 0. */
function laminar(d: GeneralDuals): Laminar | string {
  const { vertexBlossom, blossomParent, blossomDual } = d;
  const nb = blossomParent.length;
  const depth = new Int32Array(nb).fill(-1);
  const upSum = new Float64Array(nb);
  const depthOf = (b: number): number => {
    const chain: number[] = [];
    let t = b;
    while (t !== -1 && depth[t] === -1) {
      chain.push(t);
      if (chain.length > nb) return -1;
      t = blossomParent[t] as number;
    }
    let dd = t === -1 ? -1 : (depth[t] as number);
    let s = t === -1 ? 0 : (upSum[t] as number);
    for (let i = chain.length - 1; i >= 0; i--) {
      const c = chain[i] as number;
      dd++;
      s += blossomDual[c] as number;
      depth[c] = dd;
      upSum[c] = s;
    }
    return depth[b] as number;
  };
  for (let b = 0; b < nb; b++) {
    if ((blossomDual[b] as number) < 0) return `blossom ${b} has a negative dual`;
    if (depthOf(b) < 0) return `blossom ${b}: parents form a cycle`;
  }
  const size = new Int32Array(nb);
  for (let v = 0; v < vertexBlossom.length; v++)
    for (let b = vertexBlossom[v] as number; b !== -1; b = blossomParent[b] as number)
      size[b] = (size[b] as number) + 1;
  return { depth, upSum, size };
}

/** Twice the reduced weight of edge k: y_u + y_v + duals of the blossoms holding both - 2 (w + shift). */
function reducedWeight(g: GeneralGraph, d: GeneralDuals, shift: number, lam: Laminar, k: number): number {
  const u = g.edgeU[k] as number;
  const v = g.edgeV[k] as number;
  let a = d.vertexBlossom[u] as number;
  let b = d.vertexBlossom[v] as number;
  while (a !== -1 && b !== -1 && a !== b) {
    if ((lam.depth[a] as number) >= (lam.depth[b] as number)) a = d.blossomParent[a] as number;
    else b = d.blossomParent[b] as number;
  }
  const common = a !== -1 && a === b ? (lam.upSum[a] as number) : 0;
  return (d.vertex[u] as number) + (d.vertex[v] as number) + common - 2 * ((g.weight[k] as number) + shift);
}

function uncovered(g: GeneralGraph, d: GeneralDuals, shift: number, lam: Laminar, most: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < g.edgeU.length && out.length < most; k++)
    if (reducedWeight(g, d, shift, lam, k) < 0) out.push(k);
  return out;
}

/**
 * Edges of g that the duals of r (found on g or on a subgraph of it, with the
 * same shift) leave under-covered: exactly the edges that could still improve
 * the matching. None means r is optimal for g as well.
 */
export function uncoveredEdges(g: GeneralGraph, r: GeneralMatching): number[] {
  const lam = laminar(r.duals);
  if (typeof lam === 'string') throw new Error(lam);
  return uncovered(g, r.duals, r.shift, lam, Number.POSITIVE_INFINITY);
}

/**
 * The blossom solver behind the assignment interface, so the shared solver
 * suite runs it too: rows and columns become one vertex set, cost c becomes
 * weight -c, and maximum cardinality comes first. It takes integer costs and
 * columns of one place (or none).
 */
export const generalBlossom: AssignmentSolver = {
  name: 'general-blossom',
  supports(p: Problem): boolean {
    for (let j = 0; j < p.cols; j++) if ((p.capacities[j] as number) > 1) return false;
    for (let k = 0; k < p.costs.length; k++) if (!Number.isInteger(p.costs[k] as number)) return false;
    return true;
  },
  solve(p: Problem): Solution {
    const s = toSparse(p);
    const us: number[] = [];
    const vs: number[] = [];
    const ws: number[] = [];
    for (let i = 0; i < s.rows; i++)
      for (let k = s.rowStart[i] as number; k < (s.rowStart[i + 1] as number); k++) {
        const j = s.colIndex[k] as number;
        if ((s.capacities[j] as number) <= 0) continue;
        us.push(i);
        vs.push(s.rows + j);
        ws.push(-(s.costs[k] as number));
      }
    const r = maxWeightMatching(
      {
        vertices: s.rows + s.cols,
        edgeU: Int32Array.from(us),
        edgeV: Int32Array.from(vs),
        weight: Float64Array.from(ws),
      },
      { maxCardinality: true },
    );
    const assignment = new Int32Array(s.rows).fill(-1);
    for (let i = 0; i < s.rows; i++) {
      const v = r.mate[i] as number;
      if (v >= 0) assignment[i] = v - s.rows;
    }
    return { assignment, cost: r.weight === 0 ? 0 : -r.weight };
  },
};
