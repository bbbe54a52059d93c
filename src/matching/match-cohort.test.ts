import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCandidates, SCALE } from './candidates.js';
import type { CohortInput, MatchResult, ParticipantInput } from './cohort.js';
import { CompiledCohort } from './compile.js';
import { MatchingInputError } from './errors.js';
import { matchCohort, parseCohort } from './match-cohort.js';
import { resolveSettings } from './settings.js';
import { bruteForce } from './solvers/brute-force.js';
import { generateCohort, rng } from './testing/generate-cohort.js';

const person = (
  p: Partial<ParticipantInput> & { id: string; role: ParticipantInput['role'] },
): ParticipantInput => ({
  displayName: p.id[0]?.toUpperCase() + p.id.slice(1),
  languages: ['en'],
  timeZone: 'Europe/Madrid',
  ...p,
});

const topics = [
  { id: 'ai', name: 'Artificial intelligence' },
  { id: 'social', name: 'Social media' },
  { id: 'career', name: 'Career development' },
];

function pairsOf(r: MatchResult): string[] {
  return r.pairs.map((p) => `${p.mentorId}>${p.menteeId}`).sort();
}

function shuffled<T>(xs: readonly T[], seed: number): T[] {
  const rand = rng(seed);
  const out = [...xs];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** The exact optimum over every allowed pair, by trying all assignments. */
function bruteForceOf(cohort: CohortInput) {
  const c = parseCohort(cohort);
  const cc = new CompiledCohort(c, resolveSettings(c.programme.kind, c.settings));
  const g = buildCandidates(cc, new Uint8Array(cc.rowPerson.length), cc.capacity);
  return { best: bruteForce(g.problem), cc, g };
}

const smallCohort = fc
  .record({
    kind: fc.constantFrom('conventional' as const, 'reverse' as const, 'mutual' as const),
    mentees: fc.integer({ min: 1, max: 5 }),
    mentors: fc.integer({ min: 1, max: 4 }),
    capacity: fc.integer({ min: 1, max: 2 }),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
    rankingShare: fc.constantFrom(0, 0.5),
  })
  .map((o) => generateCohort({ ...o, topics: 5 }))
  .filter((c) => c.participants.length <= 7);

describe('matchCohort', () => {
  it('explains a pair with display names, topic names and overlapping hours', () => {
    const r = matchCohort({
      programme: { kind: 'conventional' },
      topics,
      participants: [
        person({
          id: 'tom',
          displayName: 'Tom Lee',
          role: 'mentor',
          jobLevel: 6,
          department: 'IT',
          offers: [
            { topicId: 'ai', proficiency: 5 },
            { topicId: 'social', proficiency: 4 },
          ],
        }),
        person({
          id: 'maria',
          displayName: 'Maria Garcia',
          role: 'mentee',
          jobLevel: 2,
          department: 'Sales',
          seeks: [
            { topicId: 'ai', priority: 1 },
            { topicId: 'social', priority: 2 },
            { topicId: 'career', priority: 3 },
          ],
          goals: 'understand machine learning for sales forecasting',
        }),
      ],
    });
    expect(r.pairs).toHaveLength(1);
    const [pair] = r.pairs;
    expect(pair?.reasons[0]).toBe(
      'shares 2 of the 3 topics Maria Garcia wants to learn (Artificial intelligence and Social media), at proficiency 4+',
    );
    expect(pair?.reasons).toContain('different departments (IT and Sales)');
    expect(pair?.reasons.length).toBeLessThanOrEqual(4);
  });

  it('never pairs anyone within their own reporting line', () => {
    const r = matchCohort({
      programme: { kind: 'conventional' },
      participants: [
        person({ id: 'boss', role: 'mentor', jobLevel: 8 }),
        person({ id: 'mid', role: 'mentor', jobLevel: 6, reportingLine: ['boss'] }),
        person({ id: 'junior', role: 'mentee', jobLevel: 2, reportingLine: ['mid', 'boss'] }),
      ],
    });
    expect(r.pairs).toHaveLength(0);
    expect(r.unmatched.find((u) => u.participantId === 'junior')?.ruleCounts?.reportingLine).toBe(2);
  });

  it('in reverse programmes pairs a mentor junior to the mentee by at least the gap', () => {
    const r = matchCohort(
      {
        programme: { kind: 'reverse' },
        participants: [
          person({ id: 'young', role: 'mentor', jobLevel: 2 }),
          person({ id: 'peer', role: 'mentor', jobLevel: 5 }),
          person({ id: 'exec', role: 'mentee', jobLevel: 6 }),
        ],
      },
      { rules: { jobLevel: { gap: 2 } } },
    );
    expect(pairsOf(r)).toEqual(['young>exec']);
  });

  it('never breaks a rule, never exceeds a capacity, and gives a mentee at most one mentor', () => {
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom('conventional' as const, 'reverse' as const, 'mutual' as const),
          seed: fc.integer({ min: 1, max: 1_000_000 }),
          capacity: fc.integer({ min: 1, max: 3 }),
        }),
        ({ kind, seed, capacity }) => {
          const cohort = generateCohort({ kind, mentees: 25, mentors: 10, capacity, seed });
          const r = matchCohort(cohort);
          const { cc } = bruteForceOfShape(cohort);
          const load = new Map<string, number>();
          const mentees = new Set<string>();
          for (const p of r.pairs) {
            load.set(p.mentorId, (load.get(p.mentorId) ?? 0) + 1);
            expect(mentees.has(p.menteeId)).toBe(false);
            mentees.add(p.menteeId);
            const row = cc.rowPerson.indexOf(cc.personIndex.get(p.menteeId) as number);
            const col = cc.colPerson.indexOf(cc.personIndex.get(p.mentorId) as number);
            expect(cc.ruleMask(row, col, true)).toBe(0);
          }
          for (const [id, n] of load) {
            const cap = cohort.participants.find((x) => x.id === id)?.capacity ?? 1;
            expect(n).toBeLessThanOrEqual(kind === 'mutual' ? 1 : cap);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('matches as many as possible, then reaches the highest total score (brute force on small cohorts)', () => {
    fc.assert(
      fc.property(smallCohort, (cohort) => {
        const r = matchCohort(cohort);
        const { best } = bruteForceOf(cohort);
        expect(r.summary.matched).toBe(Math.max(0, best.cardinality));
        const cost = r.pairs.reduce(
          (s, p) => s + Math.round((1 - scoreExact(cohort, p.mentorId, p.menteeId)) * SCALE),
          0,
        );
        expect(cost).toBe(best.cardinality > 0 ? best.cost : 0);
      }),
      { numRuns: 120 },
    );
  });

  it('without maximiseMatches, leaves a mentee out only when that raises the total score (brute force)', () => {
    fc.assert(
      fc.property(smallCohort, (cohort) => {
        const r = matchCohort(cohort, { maximiseMatches: false });
        const { g } = bruteForceOf(cohort);
        // Every assignment, a left-out mentee counting as a pair scoring 0.
        let best = Number.POSITIVE_INFINITY;
        const used = new Int32Array(g.problem.cols);
        const walk = (i: number, cost: number): void => {
          if (i === g.problem.rows) {
            best = Math.min(best, cost);
            return;
          }
          walk(i + 1, cost + SCALE);
          for (let k = g.problem.rowStart[i] as number; k < (g.problem.rowStart[i + 1] as number); k++) {
            const j = g.problem.colIndex[k] as number;
            if ((used[j] as number) >= (g.problem.capacities[j] as number)) continue;
            used[j] = (used[j] as number) + 1;
            walk(i + 1, cost + (g.problem.costs[k] as number));
            used[j] = (used[j] as number) - 1;
          }
        };
        walk(0, 0);
        const cost = r.pairs.reduce(
          (s, p) => s + Math.round((1 - scoreExact(cohort, p.mentorId, p.menteeId)) * SCALE),
          (g.problem.rows - r.pairs.length) * SCALE,
        );
        expect(cost).toBe(best);
      }),
      { numRuns: 120 },
    );
  });

  it('fairest raises the lowest score as far as it goes, then the total (brute force)', () => {
    fc.assert(
      fc.property(smallCohort, (cohort) => {
        const r = matchCohort(cohort, { objective: 'fairest' });
        const { best } = bruteForceOf(cohort);
        expect(r.summary.matched).toBe(Math.max(0, best.cardinality));
        if (best.cardinality <= 0) return;
        const costs = r.pairs.map((p) =>
          Math.round((1 - scoreExact(cohort, p.mentorId, p.menteeId)) * SCALE),
        );
        expect(Math.max(...costs)).toBe(best.bottleneck);
        expect(costs.reduce((s, c) => s + c, 0)).toBe(best.fairCost);
      }),
      { numRuns: 80 },
    );
  });

  it('stable objective leaves no blocking pair', () => {
    fc.assert(
      fc.property(
        fc.record({ seed: fc.integer({ min: 1, max: 1_000_000 }), capacity: fc.integer({ min: 1, max: 3 }) }),
        ({ seed, capacity }) => {
          const cohort = generateCohort({
            kind: 'conventional',
            mentees: 30,
            mentors: 10,
            capacity,
            seed,
            rankingShare: 0.7,
          });
          const r = matchCohort(cohort, { objective: 'stable' });
          expect(r.summary.blockingPairs).toBe(0);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('gives the same pairs whatever the input order', () => {
    fc.assert(
      fc.property(
        fc.record({
          kind: fc.constantFrom('conventional' as const, 'reverse' as const, 'mutual' as const),
          seed: fc.integer({ min: 1, max: 1_000_000 }),
          shuffle: fc.integer(),
          objective: fc.constantFrom('total' as const, 'fairest' as const, 'stable' as const),
        }),
        ({ kind, seed, shuffle, objective }) => {
          const cohort = generateCohort({
            kind,
            mentees: 30,
            mentors: 12,
            capacity: 2,
            seed,
            rankingShare: 0.3,
          });
          const again: CohortInput = {
            ...cohort,
            participants: shuffled(cohort.participants, shuffle).map((p) => ({
              ...p,
              offers: shuffled(p.offers ?? [], shuffle + 1),
              seeks: shuffled(p.seeks ?? [], shuffle + 2),
            })),
            topics: shuffled(cohort.topics ?? [], shuffle + 3),
          };
          expect(pairsOf(matchCohort(again, { objective }))).toEqual(
            pairsOf(matchCohort(cohort, { objective })),
          );
        },
      ),
      { numRuns: 25 },
    );
  });

  it('keeps locked pairs and never makes forbidden or past pairs', () => {
    const participants = [
      person({ id: 'a', role: 'mentor', jobLevel: 6, offers: [{ topicId: 'ai', proficiency: 5 }] }),
      person({ id: 'b', role: 'mentor', jobLevel: 6, offers: [{ topicId: 'social', proficiency: 5 }] }),
      person({ id: 'c', role: 'mentor', jobLevel: 6, offers: [{ topicId: 'career', proficiency: 5 }] }),
      person({ id: 'x', role: 'mentee', jobLevel: 2, seeks: [{ topicId: 'ai', priority: 1 }] }),
      person({ id: 'y', role: 'mentee', jobLevel: 2, seeks: [{ topicId: 'social', priority: 1 }] }),
      person({ id: 'z', role: 'mentee', jobLevel: 2, seeks: [{ topicId: 'career', priority: 1 }] }),
    ];
    const r = matchCohort({
      programme: { kind: 'conventional' },
      topics,
      participants,
      lockedPairs: [{ mentorId: 'c', menteeId: 'x' }],
      forbiddenPairs: [{ mentorId: 'b', menteeId: 'y' }],
      pastPairs: [{ mentorId: 'a', menteeId: 'z' }],
    });
    expect(pairsOf(r)).toEqual(['a>y', 'b>z', 'c>x']);
    expect(r.pairs.find((p) => p.menteeId === 'x')?.locked).toBe(true);
    expect(r.pairs.find((p) => p.menteeId === 'x')?.reasons[0]).toMatch(/^locked by the programme manager/);
  });

  it('lets a programme switch a rule off', () => {
    const cohort: CohortInput = {
      programme: { kind: 'conventional' },
      participants: [
        person({ id: 'm', role: 'mentor', jobLevel: 3, languages: ['ja'] }),
        person({ id: 'e', role: 'mentee', jobLevel: 5, languages: ['en'], reportingLine: ['m'] }),
      ],
    };
    expect(matchCohort(cohort).pairs).toHaveLength(0);
    const off = matchCohort(cohort, {
      rules: {
        jobLevel: { enabled: false },
        language: { enabled: false },
        reportingLine: { enabled: false },
      },
    });
    expect(off.pairs).toHaveLength(1);
  });

  it('says which rules turned every mentor down for an unmatched mentee', () => {
    const r = matchCohort({
      programme: { kind: 'conventional' },
      participants: [
        person({ id: 'm1', role: 'mentor', jobLevel: 6, languages: ['de'] }),
        person({ id: 'm2', role: 'mentor', jobLevel: 6, languages: ['fr'] }),
        person({ id: 'm3', role: 'mentor', jobLevel: 1, languages: ['ja'] }),
        person({ id: 'e', role: 'mentee', jobLevel: 3, languages: ['ja'] }),
      ],
    });
    const u = r.unmatched.find((x) => x.participantId === 'e');
    expect(u?.reason).toBe('no_candidate');
    expect(u?.ruleCounts).toEqual({ jobLevel: 1, language: 2 });
    expect(u?.message).toBe(
      'no mentor passed the rules: 1 are not at least 1 job level(s) above; 2 share no language',
    );
  });

  it('needs enough overlapping working hours across time zones', () => {
    const r = matchCohort({
      programme: { kind: 'conventional' },
      participants: [
        person({ id: 'tokyo', role: 'mentor', jobLevel: 6, timeZone: 'Asia/Tokyo' }),
        person({ id: 'ny', role: 'mentee', jobLevel: 2, timeZone: 'America/New_York' }),
      ],
    });
    expect(r.unmatched.find((x) => x.participantId === 'ny')?.ruleCounts).toEqual({ overlap: 1 });
  });

  it('reports a score that is the weighted mean of its components', () => {
    const cohort = generateCohort({ kind: 'mutual', mentees: 20, mentors: 20, seed: 7, rankingShare: 0.5 });
    const r = matchCohort(cohort);
    const w = r.settings.weights;
    for (const p of r.pairs) {
      let sum = 0;
      let wsum = 0;
      for (const [k, x] of Object.entries(p.components)) {
        if (x === null) continue;
        sum += w[k as keyof typeof w] * x;
        wsum += w[k as keyof typeof w];
      }
      expect(Math.abs(sum / wsum - p.score)).toBeLessThan(0.005);
      expect(p.reasons.length).toBeGreaterThan(0);
      for (const reason of p.reasons) expect(reason).not.toMatch(/undefined|NaN/);
    }
  });

  it('uses a sparse candidate graph for big cohorts and still places everyone who can be placed', () => {
    const cohort = generateCohort({ kind: 'conventional', mentees: 300, mentors: 80, capacity: 4, seed: 11 });
    const exact = matchCohort(cohort);
    const sparse = matchCohort(cohort, { candidates: { exhaustiveLimit: 0, perMentee: 5 } });
    expect(sparse.summary.exhaustive).toBe(false);
    expect(sparse.summary.matched).toBe(exact.summary.matched);
    expect(sparse.summary.totalScore).toBeLessThanOrEqual(exact.summary.totalScore + 1e-9);
  });

  it('rejects a cohort whose person ids repeat', () => {
    const bad = {
      programme: { kind: 'conventional' },
      participants: [person({ id: 'a', role: 'mentor' }), person({ id: 'a', role: 'mentee' })],
    } satisfies CohortInput;
    expect(() => matchCohort(bad)).toThrow(MatchingInputError);
    expect(() => matchCohort(bad)).toThrow(/participants\[1\]\.id: person id "a" repeats/);
  });

  it('rejects an unknown time zone and a locked pair beyond capacity', () => {
    expect(() =>
      matchCohort({
        programme: { kind: 'conventional' },
        participants: [person({ id: 'a', role: 'mentor', timeZone: 'Mars/Base' })],
      }),
    ).toThrow(/unknown time zone "Mars\/Base"/);
    expect(() =>
      matchCohort({
        programme: { kind: 'conventional' },
        participants: [
          person({ id: 'm', role: 'mentor' }),
          person({ id: 'a', role: 'mentee' }),
          person({ id: 'b', role: 'mentee' }),
        ],
        lockedPairs: [
          { mentorId: 'm', menteeId: 'a' },
          { mentorId: 'm', menteeId: 'b' },
        ],
      }),
    ).toThrow(/more mentees than their capacity/);
  });
});

function bruteForceOfShape(cohort: CohortInput) {
  const c = parseCohort(cohort);
  return { cc: new CompiledCohort(c, resolveSettings(c.programme.kind, c.settings)) };
}

function scoreExact(cohort: CohortInput, mentorId: string, menteeId: string): number {
  const { cc } = bruteForceOfShape(cohort);
  const row = cc.rowPerson.indexOf(cc.personIndex.get(menteeId) as number);
  const col = cc.colPerson.indexOf(cc.personIndex.get(mentorId) as number);
  return cc.score(row, col);
}
