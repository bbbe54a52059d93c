// The reciprocity index of a mutual programme: how evenly learning flows both ways.
// For a relationship with a entries logged by one partner ("I learned from them") and b
// by the other, its balance is 1 - |a - b| / (a + b): 1 when both learned equally often,
// 0 when only one side did. The programme's index is the mean balance over relationships
// with at least one entry, with a 95% t interval over relationships (clipped to [0, 1]).
import { tQuantile } from './distributions.js';
import { CONFIDENCE, caveats, type Figure, finiteOrNull, type Interval } from './result.js';

export interface RelationshipLearning {
  /** Learning-log entries written by the first partner (mentor in the programme's terms). */
  firstLearned: number;
  /** Entries written by the second partner. */
  secondLearned: number;
}

export interface ReciprocityIndex extends Figure, Interval {
  estimate: number | null;
  /** Relationships with no entries at all, left out of the index. */
  silent: number;
  /** Share of all entries written by the first partners (0.5 is even). */
  firstShare: number | null;
}

export const RECIPROCITY_METHOD =
  'Reciprocity index: mean over relationships of 1 - |a - b| / (a + b) for entries logged each way; 95% t interval';

/** The balance of one relationship, or null when neither partner logged anything. */
export function relationshipBalance(r: RelationshipLearning): number | null {
  const total = r.firstLearned + r.secondLearned;
  return total > 0 ? 1 - Math.abs(r.firstLearned - r.secondLearned) / total : null;
}

export function reciprocityIndex(
  relationships: readonly RelationshipLearning[],
  caveat: string = caveats.reciprocity,
): ReciprocityIndex {
  const balances: number[] = [];
  let first = 0;
  let all = 0;
  for (const [i, r] of relationships.entries()) {
    for (const v of [r.firstLearned, r.secondLearned]) {
      if (!Number.isInteger(v) || v < 0)
        throw new RangeError(`relationships: entry ${i} counts must be integers >= 0`);
    }
    const b = relationshipBalance(r);
    if (b !== null) balances.push(b);
    first += r.firstLearned;
    all += r.firstLearned + r.secondLearned;
  }
  const n = balances.length;
  const mean = balances.reduce((s, b) => s + b, 0) / n;
  let ss = 0;
  for (const b of balances) ss += (b - mean) * (b - mean);
  const half = n > 1 ? tQuantile(1 - (1 - CONFIDENCE) / 2, n - 1) * Math.sqrt(ss / (n - 1) / n) : Number.NaN;
  return {
    n,
    method: RECIPROCITY_METHOD,
    caveat,
    estimate: finiteOrNull(mean),
    silent: relationships.length - n,
    firstShare: all > 0 ? first / all : null,
    lower: finiteOrNull(Math.max(0, mean - half)),
    upper: finiteOrNull(Math.min(1, mean + half)),
    level: CONFIDENCE,
  };
}
