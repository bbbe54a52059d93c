import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CohortInput, ParticipantInput } from './cohort.js';
import { MatchingInputError } from './errors.js';
import { type CircleInput, matchCircles } from './match-circles.js';

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
  { id: 'lead', name: 'Leadership' },
];
const learn = (...ids: string[]) => ids.map((topicId) => ({ topicId, priority: 1 }));

function cohortOf(members: ParticipantInput[]): CohortInput {
  return {
    programme: { kind: 'mutual', name: 'Circles' },
    topics,
    participants: [
      person({ id: 'fa', displayName: 'Fay Adams', offers: [{ topicId: 'ai', proficiency: 5 }] }),
      person({ id: 'fb', displayName: 'Finn Brown', offers: [{ topicId: 'sales', proficiency: 5 }] }),
      ...members,
    ],
  };
}

const aiCircle: CircleInput = {
  id: 'c-ai',
  name: 'AI circle',
  topicIds: ['ai'],
  facilitatorIds: ['fa'],
  minSize: 2,
  maxSize: 3,
};
const salesCircle: CircleInput = {
  id: 'c-sales',
  name: 'Sales circle',
  topicIds: ['sales'],
  facilitatorIds: ['fb'],
  minSize: 2,
  maxSize: 3,
};

describe('matchCircles', () => {
  it('places members in the circle of the topics they seek, within its size, and says why', () => {
    const r = matchCircles(
      cohortOf([
        person({ id: 'm1', seeks: learn('ai') }),
        person({ id: 'm2', seeks: learn('ai', 'sales') }),
        person({ id: 'm3', seeks: learn('sales') }),
        person({ id: 'm4', seeks: learn('sales') }),
      ]),
      [aiCircle, salesCircle],
    );
    const members = Object.fromEntries(r.circles.map((c) => [c.id, c.members.map((m) => m.participantId)]));
    expect(members).toEqual({ 'c-ai': ['m1', 'm2'], 'c-sales': ['m3', 'm4'] });
    expect(r.circles[0]?.members[0]?.reasons[0]).toMatch(/seeks Artificial intelligence, the circle's focus/);
    expect(r.summary).toMatchObject({ members: 4, placed: 4, circlesFormed: 2 });
  });

  it('does not form a circle that cannot reach its minimum, and explains it and its members', () => {
    const r = matchCircles(
      cohortOf([
        person({ id: 'm1', seeks: learn('ai') }),
        person({ id: 'm2', seeks: learn('ai') }),
        person({ id: 'm3', seeks: learn('sales') }),
      ]),
      [aiCircle, salesCircle],
    );
    expect(r.circles.map((c) => c.id)).toEqual(['c-ai']);
    expect(r.notFormed).toEqual([
      expect.objectContaining({
        id: 'c-sales',
        eligible: 1,
        message: expect.stringMatching(/only 1 member could join.*minimum is 2/),
      }),
    ]);
    expect(r.unplaced).toEqual([
      expect.objectContaining({
        participantId: 'm3',
        reason: 'full',
        message: expect.stringMatching(/not formed: Sales circle/),
      }),
    ]);
  });

  it('keeps the rules with every facilitator: a reporting line or no shared language keeps a member out', () => {
    const r = matchCircles(
      cohortOf([
        person({ id: 'm1', seeks: learn('ai'), reportingLine: ['fa'] }),
        person({ id: 'm2', seeks: learn('ai'), languages: ['de'] }),
        person({ id: 'm3', seeks: learn('ai') }),
        person({ id: 'm4', seeks: learn('ai') }),
      ]),
      [aiCircle],
    );
    expect(r.circles[0]?.members.map((m) => m.participantId)).toEqual(['m3', 'm4']);
    const why = Object.fromEntries(r.unplaced.map((u) => [u.participantId, u]));
    expect(why.m1?.ruleCounts).toEqual({ reportingLine: 1 });
    expect(why.m2?.message).toMatch(/1 share no language/);
  });

  it('fills the minimum of every circle before adding to one that fits better', () => {
    // Everyone fits AI best, but the sales circle needs two to exist: the two who also seek sales go there.
    const r = matchCircles(
      cohortOf([
        person({ id: 'm1', seeks: learn('ai') }),
        person({ id: 'm2', seeks: learn('ai') }),
        person({ id: 'm3', seeks: [...learn('ai'), { topicId: 'sales', priority: 3 }] }),
        person({ id: 'm4', seeks: [...learn('ai'), { topicId: 'sales', priority: 3 }] }),
      ]),
      [aiCircle, salesCircle],
    );
    const members = Object.fromEntries(r.circles.map((c) => [c.id, c.members.map((m) => m.participantId)]));
    expect(members).toEqual({ 'c-ai': ['m1', 'm2'], 'c-sales': ['m3', 'm4'] });
  });

  it('finds the brute-force best placement when every circle forms', () => {
    fc.assert(
      fc.property(
        fc.array(fc.subarray(['ai', 'sales', 'lead'], { minLength: 1 }), { minLength: 2, maxLength: 6 }),
        fc.integer({ min: 1, max: 2 }),
        fc.integer({ min: 0, max: 2 }),
        (seeks, minSize, extra) => {
          const members = seeks.map((s, i) =>
            person({ id: `m${i}`, seeks: s.map((t, q) => ({ topicId: t, priority: 1 + q })) }),
          );
          const circles = [
            { ...aiCircle, minSize, maxSize: minSize + extra },
            { ...salesCircle, minSize, maxSize: minSize + extra },
          ];
          const r = matchCircles(cohortOf(members), circles);
          if (r.notFormed.length > 0) return;
          // Fit of member i in circle c, as the engine defines it.
          const shareOf = (i: number, t: string) => {
            const s = seeks[i] as string[];
            const den = s.reduce((a, _, q) => a + 1 / (1 + q), 0);
            const at = s.indexOf(t);
            return at < 0 ? 0 : 1 / (1 + at) / den;
          };
          let best = { placed: -1, fit: -1 };
          const walk = (i: number, load: number[], placed: number, total: number) => {
            if (i === seeks.length) {
              if (load.some((l, c) => l < (circles[c] as CircleInput).minSize)) return;
              const t = Math.round(total * 1000);
              if (placed > best.placed || (placed === best.placed && t > best.fit)) best = { placed, fit: t };
              return;
            }
            walk(i + 1, load, placed, total);
            ['ai', 'sales'].forEach((t, c) => {
              const f = shareOf(i, t);
              if (f <= 0 || (load[c] as number) >= (circles[c] as CircleInput).maxSize) return;
              const next = [...load];
              next[c] = (next[c] as number) + 1;
              walk(i + 1, next, placed + 1, total + Math.round(f * 1000) / 1000);
            });
          };
          walk(0, [0, 0], 0, 0);
          expect(r.summary.placed).toBe(best.placed);
          const ours = r.circles.flatMap((c) =>
            c.members.map((m) =>
              Math.round(shareOf(Number(m.participantId.slice(1)), c.id === 'c-ai' ? 'ai' : 'sales') * 1000),
            ),
          );
          expect(ours.reduce((a, b) => a + b, 0)).toBe(best.fit);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('rejects circles that name unknown topics or facilitators, or a size range upside down', () => {
    const bad = () =>
      matchCircles(cohortOf([]), [
        { ...aiCircle, topicIds: ['nope'], facilitatorIds: ['ghost'], minSize: 4, maxSize: 2 },
      ]);
    expect(bad).toThrow(MatchingInputError);
    expect(bad).toThrow(/circles\[0\]\.maxSize: maxSize must be at least minSize/);
    expect(() => matchCircles(cohortOf([]), [{ ...aiCircle, topicIds: ['nope'] }])).toThrow(
      /circles\[0\]\.topicIds\[0\]: "nope" is not a topic/,
    );
  });
});
