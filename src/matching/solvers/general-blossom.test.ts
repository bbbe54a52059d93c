import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { certifyGeneral, type GeneralGraph, maxWeightMatching } from './general-blossom.js';

function graph(vertices: number, edges: [number, number, number][]): GeneralGraph {
  return {
    vertices,
    edgeU: Int32Array.from(edges.map((e) => e[0])),
    edgeV: Int32Array.from(edges.map((e) => e[1])),
    weight: Float64Array.from(edges.map((e) => e[2])),
  };
}

/** The best (cardinality, weight) by trying every matching (small graphs only). */
function bruteForce(g: GeneralGraph): { weight: number; cardWeight: number; card: number } {
  const n = g.vertices;
  const used = new Uint8Array(n);
  const adj: [number, number][][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < g.edgeU.length; k++) {
    const u = g.edgeU[k] as number;
    const v = g.edgeV[k] as number;
    adj[u]?.push([v, g.weight[k] as number]);
    adj[v]?.push([u, g.weight[k] as number]);
  }
  let best = 0;
  let bestCard = 0;
  let bestCardWeight = 0;
  const walk = (v: number, w: number, c: number): void => {
    while (v < n && used[v]) v++;
    if (v >= n) {
      best = Math.max(best, w);
      if (c > bestCard || (c === bestCard && w > bestCardWeight)) {
        bestCard = c;
        bestCardWeight = w;
      }
      return;
    }
    used[v] = 1;
    walk(v + 1, w, c);
    for (const [u, x] of adj[v] as [number, number][]) {
      if (used[u]) continue;
      used[u] = 1;
      walk(v + 1, w + x, c + 1);
      used[u] = 0;
    }
    used[v] = 0;
  };
  walk(0, 0, 0);
  return { weight: best, cardWeight: bestCardWeight, card: bestCard };
}

const graphArb = (maxN: number, lo: number, hi: number) =>
  fc.integer({ min: 0, max: maxN }).chain((n) =>
    fc
      .array(
        fc.tuple(
          fc.integer({ min: 0, max: Math.max(0, n - 1) }),
          fc.integer({ min: 0, max: Math.max(0, n - 1) }),
          fc.integer({ min: lo, max: hi }),
        ),
        { maxLength: n * 3 },
      )
      .map((es) =>
        graph(
          n,
          es.filter(([u, v]) => u !== v),
        ),
      ),
  );

function assertMatching(g: GeneralGraph, mate: Int32Array): void {
  for (let v = 0; v < g.vertices; v++) {
    const u = mate[v] as number;
    if (u >= 0) expect(mate[u]).toBe(v);
  }
}

describe('maximum-weight general matching', () => {
  it('pairs across an odd cycle the way only a blossom finds', () => {
    // Triangle 0-1-2 with a pendant 3 on 2: the best is 0-1 and 2-3.
    const g = graph(4, [
      [0, 1, 6],
      [1, 2, 5],
      [0, 2, 5],
      [2, 3, 4],
    ]);
    const r = maxWeightMatching(g);
    expect(r.weight).toBe(10);
    expect(Array.from(r.mate)).toEqual([1, 0, 3, 2]);
    expect(certifyGeneral(g, r)).toBeNull();
  });

  it('expands a nested blossom to augment through it (S-blossom relabelled as T)', () => {
    // Van Rantwijk's test cases for nested blossoms and relabelling.
    const cases: [number, [number, number, number][], number[]][] = [
      [
        11,
        [
          [1, 2, 40],
          [1, 3, 40],
          [2, 3, 60],
          [2, 4, 55],
          [3, 5, 55],
          [4, 5, 50],
          [1, 8, 15],
          [5, 7, 30],
          [7, 6, 10],
          [8, 10, 10],
          [4, 9, 30],
        ],
        [-1, 2, 1, 5, 9, 3, 7, 6, 10, 4, 8],
      ],
      [
        9,
        [
          [1, 2, 45],
          [1, 5, 45],
          [2, 3, 50],
          [3, 4, 45],
          [4, 5, 50],
          [1, 6, 30],
          [3, 9, 35],
          [4, 8, 28],
          [5, 7, 26],
          [9, 10, 5],
        ],
        [-1, 6, 3, 2, 8, 7, 1, 5, 4, 10, 9],
      ],
      [
        11,
        [
          [1, 2, 45],
          [1, 7, 45],
          [2, 3, 50],
          [3, 4, 45],
          [4, 5, 95],
          [4, 6, 94],
          [5, 6, 94],
          [6, 7, 50],
          [1, 8, 30],
          [3, 11, 35],
          [5, 9, 36],
          [7, 10, 26],
          [11, 12, 5],
        ],
        [-1, 8, 3, 2, 6, 9, 4, 10, 1, 5, 7, 12, 11],
      ],
    ];
    for (const [, edges, expected] of cases) {
      const n = expected.length;
      const g = graph(n, edges);
      const r = maxWeightMatching(g);
      expect(Array.from(r.mate)).toEqual(expected);
      expect(certifyGeneral(g, r)).toBeNull();
    }
  });

  it('matches the brute-force optimum on small random graphs, and its duals prove it', () => {
    fc.assert(
      fc.property(graphArb(9, -3, 12), (g) => {
        const r = maxWeightMatching(g);
        assertMatching(g, r.mate);
        expect(r.weight).toBe(bruteForce(g).weight);
        expect(certifyGeneral(g, r)).toBeNull();
      }),
      { numRuns: 600 },
    );
  });

  it('with maximum cardinality first, matches the brute-force count and then weight', () => {
    fc.assert(
      fc.property(graphArb(9, -5, 12), (g) => {
        const r = maxWeightMatching(g, { maxCardinality: true });
        assertMatching(g, r.mate);
        const best = bruteForce(g);
        expect(r.cardinality).toBe(best.card);
        expect(r.weight).toBe(best.cardWeight);
        expect(certifyGeneral(g, r)).toBeNull();
      }),
      { numRuns: 400 },
    );
  });

  it('proves its optimum on mid-size random graphs with many equal weights', () => {
    fc.assert(
      fc.property(
        fc.record({
          n: fc.integer({ min: 2, max: 300 }),
          degree: fc.integer({ min: 1, max: 8 }),
          range: fc.integer({ min: 1, max: 1000 }),
          seed: fc.integer({ min: 1, max: 2 ** 30 }),
        }),
        ({ n, degree, range, seed }) => {
          let x = seed;
          const rand = () => {
            x = (Math.imul(x, 1103515245) + 12345) >>> 0;
            return x / 4294967296;
          };
          const edges: [number, number, number][] = [];
          for (let u = 0; u < n; u++)
            for (let d = 0; d < degree; d++) {
              const v = Math.floor(rand() * n);
              if (v !== u) edges.push([u, v, 1 + Math.floor(rand() * range)]);
            }
          const g = graph(n, edges);
          expect(certifyGeneral(g, maxWeightMatching(g))).toBeNull();
          expect(certifyGeneral(g, maxWeightMatching(g, { maxCardinality: true }))).toBeNull();
        },
      ),
      { numRuns: 120 },
    );
  });

  it('mends a greedy start that paired the wrong edge, augmenting into a vertex left out at zero dual', () => {
    // The warm start pairs 0-2 (tight, and first at 0), leaves 1 exposed as a root and 3
    // exposed with a zero dual; the optimum is 0-1 and 2-3.
    const g = graph(4, [
      [0, 2, 3],
      [0, 1, 3],
      [2, 3, 1],
    ]);
    for (const warmStart of [true, false]) {
      const r = maxWeightMatching(g, { warmStart });
      expect(r.weight).toBe(4);
      expect(Array.from(r.mate)).toEqual([1, 0, 3, 2]);
      expect(certifyGeneral(g, r)).toBeNull();
    }
  });

  it('keeps a vertex left out at zero dual able to pair later, when its only tight event is used up', () => {
    const g = graph(5, [
      [0, 4, 2],
      [0, 2, 1],
      [1, 3, 5],
      [1, 0, 2],
      [2, 3, 5],
      [2, 1, 1],
      [3, 1, 4],
      [3, 4, 5],
      [4, 0, 1],
      [4, 3, 3],
    ]);
    const r = maxWeightMatching(g);
    expect(r.weight).toBe(bruteForce(g).weight);
    expect(certifyGeneral(g, r)).toBeNull();
  });

  it('reaches the same optimum from the greedy warm start as from the cold start', () => {
    fc.assert(
      fc.property(graphArb(9, -3, 12), fc.boolean(), (g, maxCardinality) => {
        const warm = maxWeightMatching(g, { maxCardinality });
        const cold = maxWeightMatching(g, { maxCardinality, warmStart: false });
        const best = bruteForce(g);
        expect(warm.weight).toBe(maxCardinality ? best.cardWeight : best.weight);
        expect(cold.weight).toBe(warm.weight);
        expect(certifyGeneral(g, warm)).toBeNull();
        expect(certifyGeneral(g, cold)).toBeNull();
      }),
      { numRuns: 300 },
    );
  });

  it('proves its optimum on a dense pool, where each vertex has more edges than a short sort takes', () => {
    let x = 7;
    const rand = () => {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      return x / 4294967296;
    };
    const edges: [number, number, number][] = [];
    for (let u = 0; u < 90; u++)
      for (let v = u + 1; v < 90; v++) edges.push([u, v, 1 + Math.floor(rand() * 50)]);
    const g = graph(90, edges);
    const warm = maxWeightMatching(g);
    expect(certifyGeneral(g, warm)).toBeNull();
    expect(warm.weight).toBe(maxWeightMatching(g, { warmStart: false }).weight);
  });

  it('rejects fractional weights and loops', () => {
    expect(() => maxWeightMatching(graph(2, [[0, 1, 0.5]]))).toThrow(/not an integer/);
    expect(() => maxWeightMatching(graph(2, [[1, 1, 3]]))).toThrow(/loop/);
  });
});

describe('certifyGeneral', () => {
  const g = graph(3, [
    [0, 1, 4],
    [1, 2, 5],
  ]);

  it('rejects a matching that is not the heaviest, whatever its duals', () => {
    const r = maxWeightMatching(g);
    expect(r.weight).toBe(5);
    const worse = {
      ...r,
      mate: Int32Array.from([1, 0, -1]),
      mateEdge: Int32Array.from([0, 0, -1]),
      weight: 4,
    };
    expect(certifyGeneral(g, worse)).toMatch(/duality gap/);
  });

  it('rejects duals that leave an edge under-covered', () => {
    const r = maxWeightMatching(g);
    const duals = { ...r.duals, vertex: Float64Array.from([0, 5, 5]) };
    expect(certifyGeneral(g, { ...r, duals })).toMatch(/edge 0 \(0-1\) is under-covered/);
  });
});
