import { describe, expect, it } from 'vitest';
import { reciprocityIndex, relationshipBalance } from './reciprocity.js';

describe('reciprocity index of a mutual programme', () => {
  it('is 1 for even learning, 0 for one-way learning, and in between otherwise', () => {
    expect(relationshipBalance({ firstLearned: 3, secondLearned: 3 })).toBe(1);
    expect(relationshipBalance({ firstLearned: 4, secondLearned: 0 })).toBe(0);
    expect(relationshipBalance({ firstLearned: 3, secondLearned: 1 })).toBe(0.5);
    expect(relationshipBalance({ firstLearned: 0, secondLearned: 0 })).toBeNull();
  });

  it('averages over relationships with entries, with a t interval kept inside [0, 1]', () => {
    const index = reciprocityIndex([
      { firstLearned: 3, secondLearned: 3 },
      { firstLearned: 4, secondLearned: 0 },
      { firstLearned: 3, secondLearned: 1 },
      { firstLearned: 0, secondLearned: 0 },
    ]);
    expect(index).toMatchObject({ n: 3, silent: 1, estimate: 0.5, firstShare: 10 / 14 });
    // mean 0.5, sd 0.5, se 0.5/sqrt(3), t(0.975, 2) = 4.302653: the interval spills past both ends.
    expect(index.lower).toBe(0);
    expect(index.upper).toBe(1);
    const tight = reciprocityIndex(
      Array.from({ length: 30 }, (_, i) => ({ firstLearned: 2 + (i % 2), secondLearned: 2 })),
    );
    expect(tight.estimate).toBeCloseTo(0.9, 12);
    expect(tight.lower).toBeGreaterThan(0.85);
    expect(tight.caveat).toMatch(/chose to write down/);
  });

  it('names the entry with an impossible count', () => {
    expect(() => reciprocityIndex([{ firstLearned: -1, secondLearned: 2 }])).toThrow(/entry 0/);
  });
});
