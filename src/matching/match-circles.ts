import { z } from 'zod';
import {
  type Cohort,
  type CohortInput,
  type MatchSettings,
  type MatchSettingsInput,
  type RuleName,
  ruleNames,
} from './cohort.js';
import { CompiledCohort, ruleBit } from './compile.js';
import { fieldPath, MatchingInputError } from './errors.js';
import { list, parseCohort, round3, ruleCountsMessage } from './match-cohort.js';
import { runSettings } from './settings.js';
import { solveProblem } from './solve-assignment.js';
import { sparseFromEdges } from './solvers/problem.js';

const id = z.string().min(1);

/** A circle to fill: a topic focus, one or two facilitators, and a size range for its members. */
export const circleSchema = z
  .object({
    id,
    name: z.string().min(1),
    topicIds: z.array(id).min(1),
    facilitatorIds: z.array(id).min(1).max(2),
    minSize: z.number().int().min(1),
    maxSize: z.number().int().min(1),
  })
  .refine((c) => c.maxSize >= c.minSize, { message: 'maxSize must be at least minSize', path: ['maxSize'] });
export type CircleInput = z.input<typeof circleSchema>;
export type Circle = z.output<typeof circleSchema>;

export const circlesSchema = z.array(circleSchema).min(1);

const count = z.number().int().min(0);
export const circleMemberSchema = z.object({
  participantId: z.string(),
  displayName: z.string(),
  /** Share of what the member seeks (weighted by priority) that the circle's topics cover, in [0, 1]. */
  topicFit: z.number(),
  reasons: z.array(z.string()),
});
export type CircleMember = z.infer<typeof circleMemberSchema>;

export const formedCircleSchema = z.object({
  id: z.string(),
  name: z.string(),
  facilitatorIds: z.array(z.string()),
  members: z.array(circleMemberSchema),
});
export type FormedCircle = z.infer<typeof formedCircleSchema>;

export const circleNotFormedSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** Members who could join it (rules with every facilitator passed, a focus topic sought). */
  eligible: count,
  message: z.string(),
});
export type CircleNotFormed = z.infer<typeof circleNotFormedSchema>;

export const circleUnplacedSchema = z.object({
  participantId: z.string(),
  displayName: z.string(),
  /** no_candidate: no circle passed the rules and shared a topic; full: every circle they could join was full. */
  reason: z.enum(['no_candidate', 'full']),
  message: z.string(),
  ruleCounts: z.partialRecord(z.enum(ruleNames), count).optional(),
});
export type CircleUnplaced = z.infer<typeof circleUnplacedSchema>;

export const circleSummarySchema = z.object({
  members: count,
  placed: count,
  circlesFormed: count,
  totalFit: z.number(),
  meanFit: z.number(),
});
export type CircleSummary = z.infer<typeof circleSummarySchema>;

export interface CircleResult {
  format: 'circles';
  circles: FormedCircle[];
  notFormed: CircleNotFormed[];
  unplaced: CircleUnplaced[];
  summary: CircleSummary;
  settings: MatchSettings;
}

/**
 * Places members into circles: each circle has a topic focus, facilitators
 * and a size range. A member may join a circle when they pass the rules with
 * every facilitator (reporting line, language, overlap, forbidden and past
 * pairs, as in matchCohort) and seek at least one of its topics. For the
 * circles formed, the placement is exact: every formed circle reaches its
 * minimum, as many members as possible are placed, then the total topic fit is
 * highest (an assignment with capacities, the minimums as places worth more than
 * any fit). A circle that cannot reach its minimum is not formed and that is
 * explained; when several cannot, the one with the fewest eligible members goes
 * first and the rest are solved again. Everyone who is not a facilitator is a
 * candidate member.
 */
export function matchCircles(
  cohortInput: CohortInput | Cohort,
  circlesInput: CircleInput[],
  settingsInput?: MatchSettingsInput,
): CircleResult {
  const cohort = parseCohort(cohortInput);
  const parsedCircles = circlesSchema.safeParse(circlesInput);
  if (!parsedCircles.success)
    throw new MatchingInputError(
      parsedCircles.error.issues.map((i) => `${fieldPath('circles', i.path)}: ${i.message}`),
    );
  const settings = runSettings('mutual', cohort.settings, settingsInput);
  const cc = new CompiledCohort(
    { ...cohort, programme: { ...cohort.programme, kind: 'mutual' } },
    settings,
    true,
  );
  const circles = parsedCircles.data;
  const P = cc.people.length;
  const issues: string[] = [];
  const topicIndex = new Map(cc.topics.map((t, i) => [t, i]));
  const known = new Set(cohort.topics.map((t) => t.id));
  const facilitator = new Uint8Array(P);
  const facOf: number[][] = [];
  const seen = new Set<string>();
  circles.forEach((c, ci) => {
    if (seen.has(c.id)) issues.push(`circles[${ci}].id: "${c.id}" is used twice`);
    seen.add(c.id);
    c.topicIds.forEach((t, ti) => {
      if (!known.has(t)) issues.push(`circles[${ci}].topicIds[${ti}]: "${t}" is not a topic of this cohort`);
    });
    const fs: number[] = [];
    c.facilitatorIds.forEach((f, fi) => {
      const k = cc.personIndex.get(f);
      if (k === undefined)
        issues.push(`circles[${ci}].facilitatorIds[${fi}]: "${f}" is not a participant of this cohort`);
      else {
        fs.push(k);
        facilitator[k] = 1;
      }
    });
    facOf.push(fs);
  });
  if (issues.length > 0) throw new MatchingInputError(issues);

  const name = (i: number) => cc.people[i]?.displayName ?? '';
  const pid = (i: number) => cc.people[i]?.id ?? '';
  const topicNameOf = (t: string) => cc.topicName.get(t) ?? t;
  const members: number[] = [];
  for (let i = 0; i < P; i++) if (facilitator[i] === 0) members.push(i);

  // Topic fit of a member to a circle: the priority-weighted share of their seeks in its focus.
  const focus = circles.map((c) => new Set(c.topicIds.map((t) => topicIndex.get(t) ?? -1)));
  const fitOf = (m: number, ci: number): { fit: number; shared: string[] } => {
    const f = focus[ci] as Set<number>;
    let num = 0;
    let den = 0;
    const shared: string[] = [];
    for (let q = cc.seekStart[m] as number; q < (cc.seekStart[m + 1] as number); q++) {
      const w = cc.seekWeight[q] as number;
      den += w;
      const t = cc.seekTopic[q] as number;
      if (f.has(t)) {
        num += w;
        shared.push(topicNameOf(cc.topics[t] as string));
      }
    }
    return { fit: den > 0 ? num / den : 0, shared };
  };

  // Eligible (member, circle) arcs, with the rule failures kept for explanations.
  const arcs: { m: number; ci: number; fit: number; shared: string[] }[] = [];
  const failed = new Map<number, Partial<Record<RuleName, number>>>();
  const eligible = new Int32Array(circles.length);
  for (const m of members) {
    const counts: Partial<Record<RuleName, number>> = {};
    let any = false;
    circles.forEach((_, ci) => {
      let mask = 0;
      for (const f of facOf[ci] as number[]) mask |= cc.ruleMask(m, f, true);
      const { fit, shared } = fitOf(m, ci);
      if (mask === 0 && fit > 0) {
        arcs.push({ m, ci, fit, shared });
        eligible[ci] = (eligible[ci] as number) + 1;
        any = true;
      }
      for (const k of ruleNames) if (mask & ruleBit[k]) counts[k] = (counts[k] ?? 0) + 1;
    });
    if (!any) failed.set(m, counts);
  }

  // Solve for the open circles; close the weakest circle below its minimum and repeat.
  const open = new Uint8Array(circles.length).fill(1);
  const notFormed: CircleNotFormed[] = [];
  const rowOf = new Map(members.map((m, r) => [m, r]));
  // Fits on a grid of 1/1000, and a place at a circle's minimum worth more than
  // every fit together: the costs stay small integers for the solvers' scaling.
  const GRID = 1000;
  const big = (members.length + 1) * GRID;
  let placedIn = new Int32Array(members.length).fill(-1);
  for (;;) {
    const er: number[] = [];
    const ec: number[] = [];
    const ek: number[] = [];
    // Columns: 2 ci (its minimum, worth `big` each) and 2 ci + 1 (the rest of its room).
    for (const a of arcs) {
      if (open[a.ci] === 0) continue;
      const r = rowOf.get(a.m) as number;
      const c = Math.round((1 - a.fit) * GRID);
      er.push(r, r);
      ec.push(2 * a.ci, 2 * a.ci + 1);
      ek.push(c - big, c);
    }
    const caps = new Int32Array(2 * circles.length);
    circles.forEach((c, ci) => {
      caps[2 * ci] = open[ci] ? c.minSize : 0;
      caps[2 * ci + 1] = open[ci] ? c.maxSize - c.minSize : 0;
    });
    const problem = sparseFromEdges(
      members.length,
      2 * circles.length,
      Int32Array.from(er),
      Int32Array.from(ec),
      Float64Array.from(ek),
      caps,
    );
    const s = solveProblem(problem);
    const atMin = new Int32Array(circles.length);
    for (let r = 0; r < members.length; r++) {
      const col = s.assignment[r] as number;
      if (col >= 0 && col % 2 === 0) atMin[col >> 1] = (atMin[col >> 1] as number) + 1;
    }
    let worst = -1;
    circles.forEach((c, ci) => {
      if (open[ci] === 0 || (atMin[ci] as number) >= c.minSize) return;
      if (worst < 0 || (eligible[ci] as number) < (eligible[worst] as number)) worst = ci;
    });
    if (worst < 0) {
      placedIn = Int32Array.from(s.assignment, (col) => (col >= 0 ? col >> 1 : -1));
      break;
    }
    const c = circles[worst] as Circle;
    open[worst] = 0;
    const e = eligible[worst] as number;
    notFormed.push({
      id: c.id,
      name: c.name,
      eligible: e,
      message:
        e < c.minSize
          ? `not formed: only ${e} member${e === 1 ? '' : 's'} could join (they seek ${list(c.topicIds.map(topicNameOf))} and pass the rules with ${list((facOf[worst] as number[]).map(name))}); the minimum is ${c.minSize}`
          : `not formed: ${e} members could join, but with the other circles filled at most ${atMin[worst]} were left for it; the minimum is ${c.minSize}`,
    });
  }

  const formed: FormedCircle[] = [];
  const byCircle: CircleMember[][] = circles.map(() => []);
  let totalFit = 0;
  let placed = 0;
  const fitAt = new Map(arcs.map((a) => [`${a.m}:${a.ci}`, a]));
  members.forEach((m, r) => {
    const ci = placedIn[r] as number;
    if (ci < 0) return;
    const a = fitAt.get(`${m}:${ci}`);
    const fit = a?.fit ?? 0;
    totalFit += fit;
    placed++;
    const fs = facOf[ci] as number[];
    byCircle[ci]?.push({
      participantId: pid(m),
      displayName: name(m),
      topicFit: round3(fit),
      reasons: [
        `seeks ${list(a?.shared ?? [])}, the circle's focus (${Math.round(fit * 100)}% of what ${name(m)} wants to learn)`,
        `passes the rules with ${list(fs.map(name))}`,
      ],
    });
  });
  circles.forEach((c, ci) => {
    if (open[ci] === 0) return;
    const ms = (byCircle[ci] as CircleMember[]).sort((x, y) => (x.participantId < y.participantId ? -1 : 1));
    formed.push({ id: c.id, name: c.name, facilitatorIds: c.facilitatorIds, members: ms });
  });

  const unplaced: CircleUnplaced[] = [];
  members.forEach((m, r) => {
    if ((placedIn[r] as number) >= 0) return;
    const counts = failed.get(m);
    if (counts) {
      const rules = ruleCountsMessage(cc, counts, 'circle').replace(
        'no circle passed the rules',
        'no circle passed the rules with its facilitators',
      );
      const anyRule = ruleNames.some((k) => (counts[k] ?? 0) > 0);
      unplaced.push({
        participantId: pid(m),
        displayName: name(m),
        reason: 'no_candidate',
        message: anyRule
          ? `${rules}; the others share none of the topics ${name(m)} seeks`
          : `no circle's topics are among those ${name(m)} seeks`,
        ruleCounts: counts,
      });
      return;
    }
    const options = arcs.filter((a) => a.m === m);
    const openOnes = options.filter((a) => open[a.ci] === 1).map((a) => (circles[a.ci] as Circle).name);
    const closed = options.filter((a) => open[a.ci] === 0).map((a) => (circles[a.ci] as Circle).name);
    unplaced.push({
      participantId: pid(m),
      displayName: name(m),
      reason: 'full',
      message: [
        openOnes.length > 0 ? `every circle ${name(m)} could join was full (${list(openOnes)})` : '',
        closed.length > 0 ? `not formed: ${list(closed)}` : '',
      ]
        .filter(Boolean)
        .join('; '),
    });
  });

  return {
    format: 'circles',
    circles: formed,
    notFormed,
    unplaced,
    summary: {
      members: members.length,
      placed,
      circlesFormed: formed.length,
      totalFit: round3(totalFit),
      meanFit: placed > 0 ? round3(totalFit / placed) : 0,
    },
    settings,
  };
}
