import { z } from 'zod';
import { buildCandidates, SCALE } from './candidates.js';
import {
  type Cohort,
  type CohortInput,
  type ComponentName,
  componentNames,
  type MatchSettings,
  type MatchSettingsInput,
  type ProgrammeKind,
  type RuleName,
  ruleNames,
  scoreComponentsSchema,
} from './cohort.js';
import { COMPONENT_COUNT, CompiledCohort, ruleBit } from './compile.js';
import { MatchingInputError } from './errors.js';
import { pairReasons, parseCohort, round3, ruleCountsMessage, sampleEvenly } from './match-cohort.js';
import { runSettings } from './settings.js';
import {
  cardinalityShift,
  certifyGeneral,
  type GeneralGraph,
  type GeneralMatching,
  maxWeightMatching,
  uncoveredEdges,
} from './solvers/general-blossom.js';

const count = z.number().int().min(0);
const peerLinkSchema = z.object({
  ids: z.tuple([z.string(), z.string()]),
  score: z.number(),
  components: scoreComponentsSchema,
  reasons: z.array(z.string()),
});
export type PeerLink = z.infer<typeof peerLinkSchema>;

/** A pair (or the one trio) of a peer pool. */
export const peerGroupSchema = z.object({
  /** Two people, or three for the trio; ids in id order. */
  memberIds: z.array(z.string()),
  memberNames: z.array(z.string()),
  /** Mean score of the links in the group. */
  score: z.number(),
  /** Each link of the group: two people, their score, components and reasons. */
  links: z.array(peerLinkSchema),
  locked: z.boolean(),
  reasons: z.array(z.string()),
});
export type PeerGroup = z.infer<typeof peerGroupSchema>;

export const peerLeftOutSchema = z.object({
  participantId: z.string(),
  displayName: z.string(),
  /**
   * no_candidate: no one passed the rules with them; odd_pool: the pool (after
   * locked pairs) is odd, so a maximum pairing leaves one person out;
   * partners_taken: everyone they could pair with is paired better for the pool;
   * left_out: without maximiseMatches, their best open pair scores too low to add.
   */
  reason: z.enum(['no_candidate', 'odd_pool', 'partners_taken', 'left_out']),
  message: z.string(),
  ruleCounts: z.partialRecord(z.enum(ruleNames), count).optional(),
  bestCandidates: z
    .array(
      z.object({
        id: z.string(),
        displayName: z.string(),
        score: z.number(),
        pairedWith: z.string().nullable(),
      }),
    )
    .optional(),
});
export type PeerLeftOut = z.infer<typeof peerLeftOutSchema>;

export const peerSummarySchema = z.object({
  people: count,
  pairs: count,
  trios: count,
  placed: count,
  leftOut: count,
  totalScore: z.number(),
  meanScore: z.number(),
  lowestScore: z.number(),
  /** Topics sought, in both directions of every link, that the partner offers. */
  topicCoverage: z.object({ sought: count, covered: count, ratio: z.number() }),
  pairsAcrossDepartments: count,
  pairsAcrossGenerations: count,
  candidatePairs: count,
  /** True when every allowed pair was considered. */
  exhaustive: z.boolean(),
  /** The solver's duals proved the pairing optimal over the candidate pairs. */
  certified: z.boolean(),
});
export type PeerSummary = z.infer<typeof peerSummarySchema>;

export interface PeerResult {
  programmeKind: ProgrammeKind;
  format: 'peer';
  timingsMs: { compile: number; candidates: number; solve: number; explain: number; total: number };
  groups: PeerGroup[];
  leftOut: PeerLeftOut[];
  summary: PeerSummary;
  settings: MatchSettings;
}

export interface PeerOptions {
  /** When someone is left out (an odd pool), place one of them in the pair they fit best, as a trio. */
  allowTrio?: boolean;
  onPhase?: (phase: string) => void;
}

/**
 * Pairs a peer pool: everyone both teaches and learns, so any two people may
 * pair. Topic fit counts both ways (as in mutual programmes, whose settings
 * defaults apply), with the same rules, locks, forbids and past pairs as
 * matchCohort. Maximum number of pairs first (unless maximiseMatches is off),
 * then the highest total score, solved exactly on the general graph of
 * candidate pairs by the blossom algorithm, whose duals are checked as a proof.
 * Roles in the cohort are ignored: everyone is in the pool.
 */
export function matchPeers(
  cohortInput: CohortInput | Cohort,
  settingsInput?: MatchSettingsInput,
  options: PeerOptions = {},
): PeerResult {
  const t0 = performance.now();
  const phase = options.onPhase ?? (() => {});
  phase('checking the cohort');
  const cohort = parseCohort(cohortInput);
  const settings = runSettings('mutual', cohort.settings, settingsInput);
  if (settings.objective !== 'total')
    throw new MatchingInputError([
      `settings.objective: "${settings.objective}" is not available for peer pools (use "total")`,
    ]);
  // Peers are two-way by nature: compile as a mutual pool, everyone on both sides.
  const cc = new CompiledCohort(
    { ...cohort, programme: { ...cohort.programme, kind: 'mutual' } },
    settings,
    true,
  );
  const P = cc.people.length;
  const t1 = performance.now();

  phase('applying the rules and scoring candidates');
  const lockedWith = new Int32Array(P).fill(-1);
  for (const l of cc.locked) {
    const a = cc.rowPerson[l.row] as number;
    const b = cc.colPerson[l.col] as number;
    if ((lockedWith[a] as number) >= 0 || (lockedWith[b] as number) >= 0 || a === b)
      throw new MatchingInputError([
        `lockedPairs: "${cc.people[a]?.id}" or "${cc.people[b]?.id}" is locked more than once`,
      ]);
    lockedWith[a] = b;
    lockedWith[b] = a;
  }
  const skip = new Uint8Array(P);
  for (let i = 0; i < P; i++) if ((lockedWith[i] as number) >= 0) skip[i] = 1;
  const graph = buildCandidates(cc, skip, cc.capacity);
  const p = graph.problem;
  // One undirected edge per pair: the arc from the lower index when both exist.
  const edgeOf = new Map<number, number>();
  const us: number[] = [];
  const vs: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < P; i++) {
    for (let k = p.rowStart[i] as number; k < (p.rowStart[i + 1] as number); k++) {
      const j = p.colIndex[k] as number;
      if (skip[j] === 1 || j === i) continue;
      const a = Math.min(i, j);
      const b = Math.max(i, j);
      const key = a * P + b;
      const w = SCALE - (p.costs[k] as number);
      const e = edgeOf.get(key);
      if (e === undefined) {
        edgeOf.set(key, us.length);
        us.push(a);
        vs.push(b);
        ws.push(w);
      } else if (i === a) ws[e] = w;
    }
  }
  const g: GeneralGraph = {
    vertices: P,
    edgeU: Int32Array.from(us),
    edgeV: Int32Array.from(vs),
    weight: Float64Array.from(ws),
  };
  const t2 = performance.now();

  phase(`solving (${us.length} candidate pairs)`);
  const solved = solvePriced(g, settings.candidates.perMentee, settings.maximiseMatches);
  const certified = certifyGeneral(g, solved) === null;
  const partner = Int32Array.from(solved.mate);
  for (let i = 0; i < P; i++) if ((lockedWith[i] as number) >= 0) partner[i] = lockedWith[i] as number;
  const t3 = performance.now();

  phase('explaining');
  const result = explainPeers(
    cc,
    g,
    partner,
    lockedWith,
    options.allowTrio ?? false,
    graph.exhaustive,
    certified,
  );
  const t4 = performance.now();
  const ms = (x: number) => Math.round(x);
  result.programmeKind = cohort.programme.kind;
  result.timingsMs = {
    compile: ms(t1 - t0),
    candidates: ms(t2 - t1),
    solve: ms(t3 - t2),
    explain: ms(t4 - t3),
    total: ms(t4 - t0),
  };
  return result;
}

/**
 * The optimum over every edge of g, solved on the best `keep` edges of each
 * person first: the duals then show which other edges could still improve the
 * pairing (those they leave under-covered); those are added and the subgraph is
 * solved again, until none is left. Dense pools (every allowed pair) solve on a
 * fraction of their edges, with the same optimum and a proof over all of them.
 */
function solvePriced(g: GeneralGraph, keep: number, maxCardinality: boolean): GeneralMatching {
  const n = g.vertices;
  const m = g.edgeU.length;
  const shift = maxCardinality ? cardinalityShift(g) : 0;
  if (m <= 4 * keep * n) return maxWeightMatching(g, { maxCardinality, shift });
  // Each person's best `keep` edges (ties by edge index).
  const inSub = new Uint8Array(m);
  const byVertex: number[][] = Array.from({ length: n }, () => []);
  for (let k = 0; k < m; k++) {
    byVertex[g.edgeU[k] as number]?.push(k);
    byVertex[g.edgeV[k] as number]?.push(k);
  }
  for (const ks of byVertex) {
    ks.sort((a, b) => (g.weight[b] as number) - (g.weight[a] as number) || a - b);
    for (let q = 0; q < Math.min(keep, ks.length); q++) inSub[ks[q] as number] = 1;
  }
  for (let round = 0; ; round++) {
    const ids: number[] = [];
    for (let k = 0; k < m; k++) if (inSub[k] === 1) ids.push(k);
    const sub: GeneralGraph = {
      vertices: n,
      edgeU: Int32Array.from(ids, (k) => g.edgeU[k] as number),
      edgeV: Int32Array.from(ids, (k) => g.edgeV[k] as number),
      weight: Float64Array.from(ids, (k) => g.weight[k] as number),
    };
    const r = maxWeightMatching(sub, { maxCardinality, shift });
    const onG = { ...r, mateEdge: Int32Array.from(r.mateEdge, (k) => (k < 0 ? -1 : (ids[k] as number))) };
    const missing = uncoveredEdges(g, onG);
    if (missing.length === 0) return onG;
    if (round >= 8) return maxWeightMatching(g, { maxCardinality, shift });
    for (const k of missing) inSub[k] = 1;
  }
}

function explainPeers(
  cc: CompiledCohort,
  g: GeneralGraph,
  partner: Int32Array,
  lockedWith: Int32Array,
  allowTrio: boolean,
  exhaustive: boolean,
  certified: boolean,
): PeerResult {
  const s = cc.settings;
  const P = cc.people.length;
  const name = (i: number) => cc.people[i]?.displayName ?? '';
  const pid = (i: number) => cc.people[i]?.id ?? '';
  const comp = new Float64Array(COMPONENT_COUNT);
  // In a pool, person i is row i and column i.
  const link = (a: number, b: number, locked: boolean): PeerLink => {
    const x = Math.min(a, b);
    const y = Math.max(a, b);
    const score = cc.score(x, y, comp);
    const components = {} as Record<ComponentName, number | null>;
    componentNames.forEach((k, q) => {
      const v = comp[q] as number;
      components[k] = Number.isNaN(v) ? null : round3(v);
    });
    return { ids: [pid(x), pid(y)], score, components, reasons: pairReasons(cc, x, y, comp, locked) };
  };
  const allowed = (a: number, b: number): number | null => {
    if (cc.ruleMask(a, b, false) !== 0) return null;
    const sc = cc.score(a, b);
    return sc >= s.rules.minScore ? sc : null;
  };

  // Neighbours in the candidate graph, for left-out explanations and the trio.
  const adjStart = new Int32Array(P + 1);
  for (let k = 0; k < g.edgeU.length; k++) {
    adjStart[(g.edgeU[k] as number) + 1] = (adjStart[(g.edgeU[k] as number) + 1] as number) + 1;
    adjStart[(g.edgeV[k] as number) + 1] = (adjStart[(g.edgeV[k] as number) + 1] as number) + 1;
  }
  for (let i = 0; i < P; i++) adjStart[i + 1] = (adjStart[i + 1] as number) + (adjStart[i] as number);
  const adj = new Int32Array(adjStart[P] as number);
  const adjW = new Float64Array(adj.length);
  const fill = adjStart.slice(0, P);
  for (let k = 0; k < g.edgeU.length; k++) {
    const u = g.edgeU[k] as number;
    const v = g.edgeV[k] as number;
    const w = g.weight[k] as number;
    adj[fill[u] as number] = v;
    adjW[fill[u] as number] = w;
    fill[u] = (fill[u] as number) + 1;
    adj[fill[v] as number] = u;
    adjW[fill[v] as number] = w;
    fill[v] = (fill[v] as number) + 1;
  }

  // The trio: the left-out person and pair with the best two new links, both passing the rules.
  let trio: [number, number, number] | null = null;
  if (allowTrio) {
    let best = Number.NEGATIVE_INFINITY;
    for (let x = 0; x < P; x++) {
      if ((partner[x] as number) >= 0) continue;
      for (let q = adjStart[x] as number; q < (adjStart[x + 1] as number); q++) {
        const a = adj[q] as number;
        const b = partner[a] as number;
        if (b < 0 || (lockedWith[a] as number) >= 0) continue;
        const sb = allowed(x, b);
        if (sb === null) continue;
        const total = (adjW[q] as number) / SCALE + sb;
        if (total > best) {
          best = total;
          trio = [x, a, b];
        }
      }
    }
  }

  const groups: PeerGroup[] = [];
  let total = 0;
  let lowest = Number.POSITIVE_INFINITY;
  let linkCount = 0;
  let sought = 0;
  let covered = 0;
  let acrossDept = 0;
  let acrossGen = 0;
  const count = (l: PeerLink, a: number, b: number) => {
    total += l.score;
    linkCount++;
    lowest = Math.min(lowest, l.score);
    for (const [t, r] of [
      [a, b],
      [b, a],
    ] as const) {
      const c = cc.coveredTopics(t, r);
      sought += c.sought;
      covered += c.covered.length;
    }
    if (l.components.department === 1) acrossDept++;
    if (l.components.generation === 1) acrossGen++;
  };
  const inTrio = (i: number) => trio?.includes(i) ?? false;
  for (let a = 0; a < P; a++) {
    const b = partner[a] as number;
    if (b < a || inTrio(a)) continue;
    const locked = (lockedWith[a] as number) === b;
    const l = link(a, b, locked);
    count(l, a, b);
    groups.push({
      memberIds: [pid(a), pid(b)],
      memberNames: [name(a), name(b)],
      score: round3(l.score),
      links: [{ ...l, score: round3(l.score) }],
      locked,
      reasons: l.reasons,
    });
  }
  if (trio) {
    const [x, a, b] = trio;
    const links = [link(a, b, false), link(x, a, false), link(x, b, false)];
    for (const [l, u, v] of [
      [links[0], a, b],
      [links[1], x, a],
      [links[2], x, b],
    ] as const)
      count(l as PeerLink, u, v);
    const members = [x, a, b].sort((m, n) => m - n);
    const mean = links.reduce((acc, l) => acc + l.score, 0) / 3;
    groups.push({
      memberIds: members.map(pid),
      memberNames: members.map(name),
      score: round3(mean),
      links: links.map((l) => ({ ...l, score: round3(l.score) })),
      locked: false,
      reasons: [
        `${name(x)} joins ${name(a)} and ${name(b)} as a trio, so no one is left out (scores ${round3(links[1]?.score ?? 0)} and ${round3(links[2]?.score ?? 0)} with them)`,
        ...(links[1]?.reasons.slice(0, 2) ?? []),
      ],
    });
  }
  groups.sort((x, y) => ((x.memberIds[0] as string) < (y.memberIds[0] as string) ? -1 : 1));

  // People left out.
  const leftOut: PeerLeftOut[] = [];
  const open: number[] = [];
  for (let i = 0; i < P; i++) if ((partner[i] as number) < 0 && !inTrio(i)) open.push(i);
  let poolSize = 0;
  for (let i = 0; i < P; i++) if ((lockedWith[i] as number) < 0) poolSize++;
  const scanBudget = 30_000_000;
  const everyone = Array.from({ length: P }, (_, i) => i);
  const scan = sampleEvenly(everyone, Math.max(1, Math.floor(scanBudget / Math.max(1, open.length))));
  const placed = P - open.length;
  for (const x of open) {
    const base = { participantId: pid(x), displayName: name(x) };
    const cands: { c: number; score: number }[] = [];
    for (let q = adjStart[x] as number; q < (adjStart[x + 1] as number); q++)
      cands.push({ c: adj[q] as number, score: (adjW[q] as number) / SCALE });
    if (cands.length === 0) {
      const counts: Partial<Record<RuleName, number>> = {};
      let lockedOthers = 0;
      for (const c of scan) {
        if (c === x) continue;
        if ((lockedWith[c] as number) >= 0) {
          lockedOthers++;
          continue;
        }
        let mask = cc.ruleMask(x, c, true);
        if (mask === 0 && cc.score(x, c) < s.rules.minScore) mask = ruleBit.minScore;
        for (const k of ruleNames) if (mask & ruleBit[k]) counts[k] = (counts[k] ?? 0) + 1;
      }
      const checked = scan.length < P ? ` (${scan.length} of ${P} people checked)` : '';
      const locks = lockedOthers > 0 ? `; ${lockedOthers} are in locked pairs` : '';
      leftOut.push({
        ...base,
        reason: 'no_candidate',
        message: `${ruleCountsMessage(cc, counts, 'partner')}${locks}${checked}`,
        ruleCounts: counts,
      });
      continue;
    }
    cands.sort((u, v) => v.score - u.score || u.c - v.c);
    const best = cands.slice(0, 3).map((u) => {
      const with_ = partner[u.c] as number;
      return {
        id: pid(u.c),
        displayName: name(u.c),
        score: round3(u.score),
        pairedWith: with_ >= 0 ? name(with_) : null,
      };
    });
    const bestText = best
      .map((u) => `${u.displayName} (score ${u.score}${u.pairedWith ? `, paired with ${u.pairedWith}` : ''})`)
      .join('; ');
    const free = cands.find((u) => (partner[u.c] as number) < 0);
    if (free && !s.maximiseMatches) {
      leftOut.push({
        ...base,
        reason: 'left_out',
        message: `left out: the best pair still open (with ${name(free.c)}, score ${round3(free.score)}) scores too low to add to the total`,
        bestCandidates: best,
      });
      continue;
    }
    const odd = poolSize % 2 === 1 && open.length === 1 && s.maximiseMatches;
    leftOut.push({
      ...base,
      reason: odd ? 'odd_pool' : 'partners_taken',
      message: odd
        ? `the pool has an odd number of people (${poolSize}), so one is left out; ${name(x)}'s best candidates were ${bestText}${allowTrio ? '; no pair could take a third member within the rules' : '; allowing a trio would place them'}`
        : `everyone ${name(x)} could pair with (${cands.length}) is paired in a way that serves the pool better; best were ${bestText}`,
      bestCandidates: best,
    });
  }

  const pairs = groups.filter((x) => x.memberIds.length === 2).length;
  return {
    programmeKind: cc.kind,
    format: 'peer',
    timingsMs: { compile: 0, candidates: 0, solve: 0, explain: 0, total: 0 },
    groups,
    leftOut,
    summary: {
      people: P,
      pairs,
      trios: groups.length - pairs,
      placed,
      leftOut: open.length,
      totalScore: round3(total),
      meanScore: linkCount > 0 ? round3(total / linkCount) : 0,
      lowestScore: linkCount > 0 ? round3(lowest) : 0,
      topicCoverage: { sought, covered, ratio: sought > 0 ? round3(covered / sought) : 0 },
      pairsAcrossDepartments: acrossDept,
      pairsAcrossGenerations: acrossGen,
      candidatePairs: g.edgeU.length,
      exhaustive,
      certified,
    },
    settings: s,
  };
}
