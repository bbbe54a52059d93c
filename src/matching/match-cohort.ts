import { buildCandidates, SCALE, widen } from './candidates.js';
import {
  type Cohort,
  type CohortInput,
  type ComponentName,
  cohortSchema,
  componentNames,
  type MatchedPair,
  type MatchResult,
  type MatchSettingsInput,
  type MatchSummary,
  type RuleName,
  ruleNames,
  type UnmatchedPerson,
} from './cohort.js';
import { COMPONENT_COUNT, CompiledCohort, ruleBit } from './compile.js';
import { fieldPath, MatchingInputError } from './errors.js';
import { runSettings } from './settings.js';
import { maximumMatching, solveFairest } from './solvers/fairest.js';
import { solveMaximumMinCost } from './solvers/max-cardinality.js';
import type { SparseProblem } from './solvers/problem.js';
import { solveFullAssignment, solveWithStayPenalty, sparseAuction } from './solvers/sparse-auction.js';
import { type ArcPreferences, countBlockingPairs, stableMatching } from './solvers/stable.js';
import { sharedTerms } from './text.js';

/** Checks a cohort against the cohort file schema; throws MatchingInputError naming each problem. */
export function parseCohort(input: unknown): Cohort {
  const parsed = cohortSchema.safeParse(input);
  if (!parsed.success)
    throw new MatchingInputError(parsed.error.issues.map((i) => `${fieldPath('', i.path)}: ${i.message}`));
  return parsed.data;
}

/**
 * Matches a whole cohort at once: hard rules as missing arcs, a compatibility
 * score per pair, and an exact optimisation of the chosen objective under
 * mentor capacities ('total': maximum number of pairs, then the highest total
 * score; 'fairest': then the highest lowest score, then the total; 'stable':
 * mentee-proposing deferred acceptance). Returns every pair with its score,
 * components and reasons, everyone left unmatched with why, and a summary.
 * The same cohort and settings give the same pairs whatever the input order.
 */
export function matchCohort(
  cohortInput: CohortInput | Cohort,
  settingsInput?: MatchSettingsInput,
  options: MatchOptions = {},
): MatchResult {
  const t0 = performance.now();
  const phase = options.onPhase ?? (() => {});
  phase('checking the cohort');
  const cohort = parseCohort(cohortInput);
  const settings = runSettings(cohort.programme.kind, cohort.settings, settingsInput);
  const cc = new CompiledCohort(cohort, settings);
  const t1 = performance.now();
  const rows = cc.rowPerson.length;
  const cols = cc.colPerson.length;

  const skip = new Uint8Array(rows);
  const capacity = Int32Array.from(cc.capacity);
  for (const l of cc.locked) {
    skip[l.row] = 1;
    capacity[l.col] = (capacity[l.col] as number) - 1;
  }
  phase('applying the rules and scoring candidates');
  const graph = buildCandidates(cc, skip, capacity);
  const t2 = performance.now();
  let problem = graph.problem;
  if (!graph.exhaustive) {
    // Widen the graph, before solving, for mentees that no maximum matching of it can
    // place while some mentors would still have room (a cheap cardinality check).
    for (let round = 0; round < 2; round++) {
      const { rowCol } = maximumMatching(problem);
      const load = new Int32Array(cols);
      for (let r = 0; r < rows; r++) {
        const c = rowCol[r] as number;
        if (c >= 0) load[c] = (load[c] as number) + 1;
      }
      const spare: number[] = [];
      for (let c = 0; c < cols; c++) if ((load[c] as number) < (capacity[c] as number)) spare.push(c);
      const open: number[] = [];
      for (let r = 0; r < rows; r++) if (skip[r] === 0 && rowCol[r] === -1) open.push(r);
      if (spare.length === 0 || open.length === 0) break;
      phase(`widening the candidates of ${open.length} mentees`);
      const budget = 5_000_000;
      const sample = sampleEvenly(spare, Math.max(1, Math.floor(budget / open.length)));
      const widened = widen(cc, problem, open, Int32Array.from(sample), settings.candidates.perMentee);
      if (widened.rows.length === 0) break;
      problem = widened.problem;
    }
  }
  const t3 = performance.now();
  phase(`solving (${problem.colIndex.length} candidate pairs)`);
  const assignment = solveObjective(cc, problem);
  const t4 = performance.now();
  phase('explaining');
  const full = Int32Array.from(assignment);
  const lockedRow = new Uint8Array(rows);
  for (const l of cc.locked) {
    full[l.row] = l.col;
    lockedRow[l.row] = 1;
  }
  const blockingPairs = cc.anyPreferences
    ? countBlockingPairs(problem, arcPreferences(cc, problem), assignment)
    : null;
  const result = explain(cc, problem, full, lockedRow, graph.exhaustive, blockingPairs);
  const t5 = performance.now();
  const ms = (x: number) => Math.round(x);
  result.timingsMs = {
    compile: ms(t1 - t0),
    candidates: ms(t2 - t1),
    widen: ms(t3 - t2),
    solve: ms(t4 - t3),
    explain: ms(t5 - t4),
    total: ms(t5 - t0),
  };
  return result;
}

export interface MatchOptions {
  /** Called at the start of each phase, for progress display. */
  onPhase?: (phase: string) => void;
}

function totalPenalty(cc: CompiledCohort, p: SparseProblem): number {
  if (!cc.settings.maximiseMatches) return SCALE;
  let slots = 0;
  for (let c = 0; c < p.cols; c++) slots += p.capacities[c] as number;
  return SCALE * (Math.min(p.rows, slots) + 1) + 1;
}

function solveObjective(cc: CompiledCohort, p: SparseProblem): Int32Array {
  switch (cc.settings.objective) {
    case 'fairest':
      return solveFairest(p, sparseAuction).assignment;
    case 'stable':
      return stableMatching(p, arcPreferences(cc, p)).assignment;
    default: {
      // Maximum cardinality first: split by the structure of maximum matchings so
      // that no search has to prove a mentee unplaceable, and solve each part with
      // the capacitated auction; otherwise a "stay unmatched" arc worth a pair
      // scoring 0.
      if (cc.settings.maximiseMatches) return solveMaximumMinCost(p, solveFullAssignment).assignment;
      return solveWithStayPenalty(p, totalPenalty(cc, p)).assignment;
    }
  }
}

/** Stated rankings first, then everyone else by score. */
function arcPreferences(cc: CompiledCohort, p: SparseProblem): ArcPreferences {
  const e = p.colIndex.length;
  const rowRank = new Float64Array(e);
  const colRank = new Float64Array(e);
  for (let r = 0; r < p.rows; r++) {
    const a = cc.rowPerson[r] as number;
    const la = (cc.prefStart[a + 1] as number) - (cc.prefStart[a] as number);
    for (let k = p.rowStart[r] as number; k < (p.rowStart[r + 1] as number); k++) {
      const b = cc.colPerson[p.colIndex[k] as number] as number;
      const lb = (cc.prefStart[b + 1] as number) - (cc.prefStart[b] as number);
      const byScore = (p.costs[k] as number) / SCALE;
      const ra = cc.rankOf(a, b);
      const rb = cc.rankOf(b, a);
      rowRank[k] = ra >= 0 ? ra : la + byScore;
      colRank[k] = rb >= 0 ? rb : lb + byScore;
    }
  }
  return { rowRank, colRank };
}

export function sampleEvenly(list: number[], most: number): number[] {
  if (list.length <= most) return list;
  const out: number[] = [];
  const step = list.length / most;
  for (let q = 0; q < most; q++) out.push(list[Math.floor(q * step)] as number);
  return out;
}

export const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function ordinal(n: number): string {
  const s = n % 100 >= 11 && n % 100 <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n}${s}`;
}

export function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

export function ruleCountsMessage(
  cc: CompiledCohort,
  counts: Partial<Record<RuleName, number>>,
  other: string,
): string {
  const r = cc.settings.rules;
  const phrase: Record<RuleName, string> = {
    self: 'are the same person',
    reportingLine: 'are in the same reporting line',
    jobLevel:
      cc.kind === 'reverse'
        ? `are not at least ${r.jobLevel.gap} job level(s) below`
        : cc.kind === 'conventional'
          ? `are not at least ${r.jobLevel.gap} job level(s) above`
          : `are fewer than ${r.jobLevel.gap} job level(s) apart`,
    language: 'share no language',
    overlap: `share under ${r.overlap.minHours} overlapping hours a week`,
    forbidden: 'are a forbidden pair',
    pastPair: 'were paired before',
    department: 'are in the same department',
    minScore: `score under ${r.minScore}`,
  };
  const parts = ruleNames.filter((k) => (counts[k] ?? 0) > 0).map((k) => `${counts[k]} ${phrase[k]}`);
  return `no ${other} passed the rules: ${parts.join('; ')}`;
}

function explain(
  cc: CompiledCohort,
  p: SparseProblem,
  assignment: Int32Array,
  lockedRow: Uint8Array,
  exhaustive: boolean,
  blockingPairs: number | null,
): MatchResult {
  const s = cc.settings;
  const rows = cc.rowPerson.length;
  const cols = cc.colPerson.length;
  const name = (person: number) => cc.people[person]?.displayName ?? '';
  const pid = (person: number) => cc.people[person]?.id ?? '';
  const comp = new Float64Array(COMPONENT_COUNT);
  const pairs: MatchedPair[] = [];
  const load = new Int32Array(cols);
  const holders: number[][] = Array.from({ length: cols }, () => []);
  let total = 0;
  let lowest = Number.POSITIVE_INFINITY;
  let sought = 0;
  let covered = 0;
  let acrossDept = 0;
  let acrossGen = 0;
  const departments: MatchSummary['departments'] = {};
  const generations: MatchSummary['generations'] = {};

  for (let r = 0; r < rows; r++) {
    const a = cc.rowPerson[r] as number;
    const dn = cc.deptNames[cc.dept[a] as number] ?? 'unknown';
    const gn = cc.genNames[cc.gen[a] as number] ?? 'unknown';
    const d = departments[dn] ?? { mentees: 0, matched: 0 };
    const g = generations[gn] ?? { mentees: 0, matched: 0 };
    departments[dn] = d;
    generations[gn] = g;
    d.mentees++;
    g.mentees++;
    const c = assignment[r] as number;
    if (c < 0) continue;
    d.matched++;
    g.matched++;
    const b = cc.colPerson[c] as number;
    load[c] = (load[c] as number) + 1;
    holders[c]?.push(a);
    const score = cc.score(r, c, comp);
    total += score;
    lowest = Math.min(lowest, score);
    const components = {} as Record<ComponentName, number | null>;
    componentNames.forEach((k, q) => {
      const x = comp[q] as number;
      components[k] = Number.isNaN(x) ? null : round3(x);
    });
    const t1 = cc.coveredTopics(b, a);
    sought += t1.sought;
    covered += t1.covered.length;
    if (cc.kind === 'mutual') {
      const t2 = cc.coveredTopics(a, b);
      sought += t2.sought;
      covered += t2.covered.length;
    }
    if (comp[2] === 1) acrossDept++;
    if (comp[3] === 1) acrossGen++;
    pairs.push({
      mentorId: pid(b),
      menteeId: pid(a),
      mentorName: name(b),
      menteeName: name(a),
      score: round3(score),
      components,
      locked: lockedRow[r] === 1,
      reasons: pairReasons(cc, r, c, comp, lockedRow[r] === 1),
    });
  }
  pairs.sort((x, y) =>
    x.mentorId < y.mentorId ? -1 : x.mentorId > y.mentorId ? 1 : x.menteeId < y.menteeId ? -1 : 1,
  );

  // Unmatched mentees.
  const unmatched: UnmatchedPerson[] = [];
  const open: number[] = [];
  for (let r = 0; r < rows; r++) if ((assignment[r] as number) < 0) open.push(r);
  const scanBudget = 30_000_000;
  const scanCols = sampleEvenly(
    Array.from({ length: cols }, (_, c) => c),
    Math.max(1, Math.floor(scanBudget / Math.max(1, open.length))),
  );
  for (const r of open) {
    const a = cc.rowPerson[r] as number;
    const arcs: { c: number; score: number }[] = [];
    for (let k = p.rowStart[r] as number; k < (p.rowStart[r + 1] as number); k++)
      arcs.push({ c: p.colIndex[k] as number, score: 1 - (p.costs[k] as number) / SCALE });
    let ruleCounts: Partial<Record<RuleName, number>> | undefined;
    if (arcs.length === 0) {
      // Count, over the mentors, which rules turned each of them down.
      const counts: Partial<Record<RuleName, number>> = {};
      for (const c of scanCols) {
        let mask = cc.ruleMask(r, c, true);
        if (mask === 0) {
          const sc = cc.score(r, c);
          if (sc < s.rules.minScore) mask = ruleBit.minScore;
          else arcs.push({ c, score: sc });
        }
        for (const k of ruleNames) if (mask & ruleBit[k]) counts[k] = (counts[k] ?? 0) + 1;
      }
      ruleCounts = counts;
    }
    const base = { participantId: pid(a), displayName: name(a), side: 'mentee' as const };
    if (arcs.length === 0) {
      const checked = scanCols.length < cols ? ` (${scanCols.length} of ${cols} mentors checked)` : '';
      unmatched.push({
        ...base,
        reason: 'no_candidate',
        message:
          ruleCountsMessage(cc, ruleCounts ?? {}, cc.kind === 'mutual' ? 'partner' : 'mentor') + checked,
        ruleCounts: ruleCounts ?? {},
      });
      continue;
    }
    arcs.sort((x, y) => y.score - x.score || x.c - y.c);
    const roomy = arcs.find((x) => (load[x.c] as number) < (cc.capacity[x.c] as number));
    if (roomy && !s.maximiseMatches) {
      unmatched.push({
        ...base,
        reason: 'left_out',
        message: `left out: the best pair still open (with ${name(cc.colPerson[roomy.c] as number)}, score ${round3(roomy.score)}) scores too low to add to the total`,
      });
      continue;
    }
    const best = arcs.slice(0, 3).map((x) => ({
      id: pid(cc.colPerson[x.c] as number),
      displayName: name(cc.colPerson[x.c] as number),
      score: round3(x.score),
      takenBy: (holders[x.c] ?? []).map(name),
    }));
    unmatched.push({
      ...base,
      reason: 'capacity',
      message: `capacity ran out: ${arcs.length} ${cc.kind === 'mutual' ? 'partner(s)' : 'mentor(s)'} passed the rules and all were taken; best were ${best
        .map((x) => `${x.displayName} (score ${x.score}, taken by ${list(x.takenBy) || 'no one'})`)
        .join('; ')}`,
      ...(ruleCounts ? { ruleCounts } : {}),
      bestCandidates: best,
    });
  }

  // Mentors (or mutual partners) left without anyone.
  const candidatesOf = new Int32Array(cols);
  for (let k = 0; k < p.colIndex.length; k++) {
    const c = p.colIndex[k] as number;
    candidatesOf[c] = (candidatesOf[c] as number) + 1;
  }
  for (const l of cc.locked) candidatesOf[l.col] = (candidatesOf[l.col] as number) + 1;
  for (let c = 0; c < cols; c++) {
    if ((load[c] as number) > 0 || (cc.capacity[c] as number) === 0) continue;
    const b = cc.colPerson[c] as number;
    const base = { participantId: pid(b), displayName: name(b), side: 'mentor' as const };
    const n = candidatesOf[c] as number;
    if (n === 0) {
      unmatched.push({
        ...base,
        reason: 'no_candidate',
        message: exhaustive
          ? `no ${cc.kind === 'mutual' ? 'partner' : 'mentee'} passed the rules with ${name(b)}`
          : `${name(b)} was not among the best candidates of any mentee`,
      });
    } else {
      unmatched.push({
        ...base,
        reason: 'not_needed',
        message: `each of the ${n} ${cc.kind === 'mutual' ? 'people' : 'mentees'} who could be matched with ${name(b)} got a match that serves the cohort better`,
      });
    }
  }

  const matched = pairs.length;
  const summary: MatchSummary = {
    mentees: rows,
    mentors: cols,
    matched,
    unmatchedMentees: rows - matched,
    totalScore: round3(total),
    meanScore: matched > 0 ? round3(total / matched) : 0,
    lowestScore: matched > 0 ? round3(lowest) : 0,
    topicCoverage: { sought, covered, ratio: sought > 0 ? round3(covered / sought) : 0 },
    pairsAcrossDepartments: acrossDept,
    pairsAcrossGenerations: acrossGen,
    departments,
    generations,
    blockingPairs,
    candidateArcs: p.colIndex.length,
    exhaustive,
  };
  const timingsMs = { compile: 0, candidates: 0, solve: 0, widen: 0, explain: 0, total: 0 };
  return {
    programmeKind: cc.kind,
    timingsMs,
    objective: s.objective,
    pairs,
    unmatched,
    summary,
    settings: s,
  };
}

/** Two or three plain-language reasons, strongest first, built from the components. */
export function pairReasons(
  cc: CompiledCohort,
  r: number,
  c: number,
  comp: Float64Array,
  locked: boolean,
): string[] {
  const a = cc.rowPerson[r] as number;
  const b = cc.colPerson[c] as number;
  const name = (person: number) => cc.people[person]?.displayName ?? '';
  const w = cc.weights;
  const found: [number, string][] = [];
  const topics = comp[0] as number;
  if (topics > 0) {
    if (cc.kind === 'mutual') {
      const ab = cc.coveredTopics(b, a);
      const ba = cc.coveredTopics(a, b);
      found.push([
        (w[0] as number) * topics + 1,
        `learning both ways: ${name(b)} offers ${ab.covered.length} of the ${ab.sought} topics ${name(a)} wants to learn (${list(ab.covered)}), ${name(a)} offers ${ba.covered.length} of ${name(b)}'s ${ba.sought} (${list(ba.covered)})`,
      ]);
    } else {
      const t = cc.coveredTopics(b, a);
      found.push([
        (w[0] as number) * topics + 1,
        `shares ${t.covered.length} of the ${t.sought} topics ${name(a)} wants to learn (${list(t.covered)}), at proficiency ${t.minProficiency}+`,
      ]);
    }
  }
  const goals = comp[1] as number;
  if (goals >= 0.05) {
    const terms = sharedTerms(cc.goals, a, b, 3);
    found.push([
      (w[1] as number) * goals,
      `similar goals (both mention ${list(terms.map((t) => `"${t}"`))})`,
    ]);
  }
  if (comp[2] === 1)
    found.push([
      w[2] as number,
      `different departments (${cc.deptNames[cc.dept[b] as number]} and ${cc.deptNames[cc.dept[a] as number]})`,
    ]);
  if (comp[3] === 1)
    found.push([
      w[3] as number,
      `different generations (${cc.genNames[cc.gen[b] as number]} and ${cc.genNames[cc.gen[a] as number]})`,
    ]);
  const avail = comp[4] as number;
  if (avail > 0) {
    const h = cc.overlapHours(a, b);
    found.push([(w[4] as number) * avail, `${h} overlapping hour${h === 1 ? '' : 's'} a week`]);
  }
  const pref = comp[5] as number;
  if (pref > 0) {
    const ra = cc.rankOf(a, b);
    const rb = cc.rankOf(b, a);
    const la = (cc.prefStart[a + 1] as number) - (cc.prefStart[a] as number);
    const lb = (cc.prefStart[b + 1] as number) - (cc.prefStart[b] as number);
    const text =
      ra >= 0
        ? `${name(a)} ranked ${name(b)} ${ordinal(ra + 1)} of ${la}`
        : `${name(b)} ranked ${name(a)} ${ordinal(rb + 1)} of ${lb}`;
    found.push([(w[5] as number) * pref + 0.5, text]);
  }
  found.sort((x, y) => y[0] - x[0]);
  const reasons = found.slice(0, 3).map((f) => f[1]);
  if (locked) {
    const mask = cc.ruleMask(r, c, true);
    const broken = ruleNames.filter((k) => mask & ruleBit[k]);
    reasons.unshift(
      broken.length > 0
        ? `locked by the programme manager (despite rule: ${broken.join(', ')})`
        : 'locked by the programme manager',
    );
  }
  if (reasons.length === 0) reasons.push('the best available fit for the cohort as a whole');
  return reasons;
}
