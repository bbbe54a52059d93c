import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SCALE } from './candidates.js';
import type { CohortInput, ParticipantInput } from './cohort.js';
import { CompiledCohort } from './compile.js';
import { MatchingInputError } from './errors.js';
import { parseCohort } from './match-cohort.js';
import { matchPeers } from './match-peers.js';
import { resolveSettings } from './settings.js';
import { generateCohort } from './testing/generate-cohort.js';

const person = (p: Partial<ParticipantInput> & { id: string }): ParticipantInput => ({
  displayName: p.id[0]?.toUpperCase() + p.id.slice(1),
  role: 'both',
  languages: ['en'],
  timeZone: 'Europe/Madrid',
  ...p,
});

const topics = [
  { id: 'ai', name: 'Artificial intelligence' },
  { id: 'sales', name: 'Sales' },
  { id: 'finance', name: 'Finance' },
];

const teach = (topicId: string, proficiency = 5) => ({ topicId, proficiency });
const learn = (topicId: string, priority = 1) => ({ topicId, priority });

/** Four managers on one level: ann and bob teach each other, as do cat and dan. */
const four: CohortInput = {
  programme: { kind: 'mutual', name: 'Managers learning from each other' },
  topics,
  participants: [
    person({ id: 'ann', department: 'IT', jobLevel: 5, offers: [teach('ai')], seeks: [learn('sales')] }),
    person({ id: 'bob', department: 'Sales', jobLevel: 5, offers: [teach('sales')], seeks: [learn('ai')] }),
    person({
      id: 'cat',
      department: 'Finance',
      jobLevel: 5,
      offers: [teach('finance')],
      seeks: [learn('ai', 2)],
    }),
    person({ id: 'dan', department: 'IT', jobLevel: 5, offers: [teach('ai', 4)], seeks: [learn('finance')] }),
  ],
};

const membersOf = (r: ReturnType<typeof matchPeers>) => r.groups.map((g) => g.memberIds.join('+')).sort();

/** Best total score of a pairing of the pool (maximum pairs first), by trying them all. */
function bruteForcePeers(cohort: CohortInput): { pairs: number; total: number } {
  const c = parseCohort(cohort);
  const settings = resolveSettings('mutual', c.settings);
  const cc = new CompiledCohort({ ...c, programme: { ...c.programme, kind: 'mutual' } }, settings, true);
  const P = cc.people.length;
  const w = (a: number, b: number): number | null => {
    if (cc.ruleMask(a, b, false) !== 0) return null;
    const s = cc.score(a, b);
    return s >= settings.rules.minScore ? Math.round(s * SCALE) : null;
  };
  const used = new Uint8Array(P);
  let best = { pairs: 0, total: 0 };
  const walk = (i: number, pairs: number, total: number): void => {
    while (i < P && used[i]) i++;
    if (i >= P) {
      if (pairs > best.pairs || (pairs === best.pairs && total > best.total)) best = { pairs, total };
      return;
    }
    used[i] = 1;
    walk(i + 1, pairs, total);
    for (let j = i + 1; j < P; j++) {
      if (used[j]) continue;
      const x = w(Math.min(i, j), Math.max(i, j));
      if (x === null) continue;
      used[j] = 1;
      walk(i + 1, pairs + 1, total + x);
      used[j] = 0;
    }
    used[i] = 0;
  };
  walk(0, 0, 0);
  return best;
}

describe('matchPeers', () => {
  it('pairs people on one level who teach each other, explaining both directions', () => {
    const r = matchPeers(four);
    expect(membersOf(r)).toEqual(['ann+bob', 'cat+dan']);
    const ab = r.groups.find((g) => g.memberIds.includes('ann'));
    expect(ab?.reasons[0]).toMatch(/learning both ways: .*Sales.*Artificial intelligence/);
    expect(r.summary).toMatchObject({ people: 4, pairs: 2, leftOut: 0, exhaustive: true, certified: true });
    expect(r.format).toBe('peer');
  });

  it('leaves one person of an odd pool out and says why, or makes a trio when allowed', () => {
    const odd: CohortInput = {
      ...four,
      participants: [
        ...four.participants,
        person({
          id: 'eve',
          department: 'HR',
          jobLevel: 5,
          offers: [teach('sales', 3)],
          seeks: [learn('ai')],
        }),
      ],
    };
    const r = matchPeers(odd);
    expect(r.summary.pairs).toBe(2);
    expect(r.leftOut).toHaveLength(1);
    expect(r.leftOut[0]?.reason).toBe('odd_pool');
    expect(r.leftOut[0]?.message).toMatch(/odd number of people \(5\).*allowing a trio would place them/);

    const t = matchPeers(odd, undefined, { allowTrio: true });
    expect(t.leftOut).toHaveLength(0);
    expect(t.summary).toMatchObject({ pairs: 1, trios: 1, placed: 5 });
    const trio = t.groups.find((g) => g.memberIds.length === 3);
    expect(trio?.links).toHaveLength(3);
    expect(trio?.reasons[0]).toMatch(/joins .* as a trio/);
  });

  it('keeps the hard rules: reporting line, language, forbidden and past pairs', () => {
    const r = matchPeers({
      ...four,
      participants: four.participants.map((p) =>
        p.id === 'bob' ? { ...p, reportingLine: ['ann'] } : p.id === 'cat' ? { ...p, languages: ['fr'] } : p,
      ),
      forbiddenPairs: [{ mentorId: 'dan', menteeId: 'ann' }],
      pastPairs: [{ mentorId: 'bob', menteeId: 'dan' }],
    });
    // ann: not bob (line), not cat (language), not dan (forbidden); bob: not dan (past).
    expect(r.groups).toHaveLength(0);
    const why = Object.fromEntries(r.leftOut.map((x) => [x.participantId, x]));
    expect(why.ann?.reason).toBe('no_candidate');
    expect(why.ann?.ruleCounts).toEqual({ reportingLine: 1, language: 1, forbidden: 1 });
    expect(why.cat?.message).toMatch(/no partner passed the rules: 3 share no language/);
  });

  it('keeps a locked pair against the rules and pairs the rest around it', () => {
    const r = matchPeers({ ...four, lockedPairs: [{ mentorId: 'ann', menteeId: 'dan' }] });
    expect(membersOf(r)).toEqual(['ann+dan', 'bob+cat']);
    const locked = r.groups.find((g) => g.locked);
    expect(locked?.reasons[0]).toMatch(/locked by the programme manager/);
  });

  it('rejects objectives a peer pool does not have, naming the setting', () => {
    expect(() => matchPeers(four, { objective: 'stable' })).toThrow(MatchingInputError);
    expect(() => matchPeers(four, { objective: 'stable' })).toThrow(/settings.objective/);
  });

  it('finds the brute-force optimum over every pairing of small pools', () => {
    fc.assert(
      fc.property(
        fc.record({ people: fc.integer({ min: 1, max: 8 }), seed: fc.integer({ min: 1, max: 1_000_000 }) }),
        ({ people, seed }) => {
          const cohort = generateCohort({ kind: 'mutual', mentees: people, mentors: 0, seed, topics: 5 });
          const r = matchPeers(cohort);
          const best = bruteForcePeers(cohort);
          expect(r.summary.pairs).toBe(best.pairs);
          expect(r.summary.certified).toBe(true);
          let total = 0;
          // Totals compare on the solver's integer grid.
          const c = parseCohort(cohort);
          const cc = new CompiledCohort(
            { ...c, programme: { ...c.programme, kind: 'mutual' } },
            resolveSettings('mutual', c.settings),
            true,
          );
          const index = new Map(cc.people.map((p, i) => [p.id, i]));
          for (const g of r.groups) {
            const [a, b] = g.memberIds.map((id) => index.get(id) as number) as [number, number];
            total += Math.round(cc.score(Math.min(a, b), Math.max(a, b)) * SCALE);
          }
          expect(total).toBe(best.total);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reaches the same optimum when it solves the best few pairs of each person first and adds what the duals ask for', () => {
    for (const seed of [2, 3, 4]) {
      const cohort = generateCohort({ kind: 'mutual', mentees: 60, mentors: 0, seed, topics: 8 });
      const full = matchPeers(cohort, { candidates: { perMentee: 400 } });
      const priced = matchPeers(cohort, { candidates: { perMentee: 1 } });
      expect(priced.summary.certified).toBe(true);
      expect(priced.summary.pairs).toBe(full.summary.pairs);
      expect(priced.summary.totalScore).toBeCloseTo(full.summary.totalScore, 5);
    }
  });

  it('gives the same pairs whatever the order of the people', () => {
    const cohort = generateCohort({ kind: 'mutual', mentees: 40, mentors: 0, seed: 9, topics: 8 });
    const reversed = { ...cohort, participants: [...cohort.participants].reverse() };
    expect(membersOf(matchPeers(reversed))).toEqual(membersOf(matchPeers(cohort)));
  });
});
