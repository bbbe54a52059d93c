import { type Problem, toSparse } from './problem.js';

/** The best values any assignment can reach, found by trying them all (tests only). */
export interface BruteForceOptimum {
  cardinality: number;
  /** Minimum total cost among maximum-cardinality assignments. */
  cost: number;
  /** Minimum possible largest arc cost among maximum-cardinality assignments. */
  bottleneck: number;
  /** Minimum total cost among maximum-cardinality assignments with that bottleneck. */
  fairCost: number;
}

export function bruteForce(p: Problem): BruteForceOptimum {
  const s = toSparse(p);
  const used = new Int32Array(s.cols);
  const best: BruteForceOptimum = {
    cardinality: -1,
    cost: Number.POSITIVE_INFINITY,
    bottleneck: Number.POSITIVE_INFINITY,
    fairCost: Number.POSITIVE_INFINITY,
  };
  const walk = (i: number, card: number, cost: number, worst: number): void => {
    if (i === s.rows) {
      if (card > best.cardinality) {
        best.cardinality = card;
        best.cost = cost;
        best.bottleneck = worst;
        best.fairCost = cost;
        return;
      }
      if (card < best.cardinality) return;
      if (cost < best.cost) best.cost = cost;
      if (worst < best.bottleneck || (worst === best.bottleneck && cost < best.fairCost)) {
        best.bottleneck = worst;
        best.fairCost = cost;
      }
      return;
    }
    walk(i + 1, card, cost, worst);
    for (let k = s.rowStart[i] as number; k < (s.rowStart[i + 1] as number); k++) {
      const j = s.colIndex[k] as number;
      if ((used[j] as number) >= (s.capacities[j] as number)) continue;
      used[j] = (used[j] as number) + 1;
      const c = s.costs[k] as number;
      walk(i + 1, card + 1, cost + c, Math.max(worst, c));
      used[j] = (used[j] as number) - 1;
    }
  };
  walk(0, 0, 0, Number.NEGATIVE_INFINITY);
  return best;
}
