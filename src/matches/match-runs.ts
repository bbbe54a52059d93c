// Match runs: run the engine over a programme's cohort and store the result as a
// draft; list, read, compare and discard runs. Managers only.
import { and, desc, eq, gte, inArray, lt } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { matchRunEntries, matchRuns, type programmes } from '../db/schema.js';
import { AppError, conflict, notFound } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import {
  type CircleUnplaced,
  circleNotFormedSchema,
  circleSummarySchema,
  circleUnplacedSchema,
  formedCircleSchema,
  type MatchedPair,
  type MatchSummary,
  matchedPairSchema,
  matchSummarySchema,
  objectives,
  type PeerGroup,
  type PeerLeftOut,
  peerGroupSchema,
  peerLeftOutSchema,
  peerSummarySchema,
  settingsInputSchema,
  type UnmatchedPerson,
  unmatchedPersonSchema,
} from '../matching/index.js';
import { programmeFormats, requireProgramme } from '../programmes/programmes.js';
import {
  compareGroupRuns,
  loadRunCohort,
  type RunOutcome,
  runForFormat,
  type StoredCircle,
} from './group-runs.js';
import { type RunMode, readInputsVersion, runModes, runStatuses } from './load-cohort.js';

export const createRunSchema = z
  .object({
    /** Settings for this run only, merged over the programme's settings and the defaults of its kind. */
    settings: settingsInputSchema.default({}),
    /** Peer programmes: an odd pool makes one trio instead of leaving one person out. */
    allowTrio: z.boolean().optional(),
  })
  .strict();
export type CreateRunInput = z.infer<typeof createRunSchema>;

export const runSummarySchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  format: z.enum(programmeFormats),
  mode: z.enum(runModes),
  status: z.enum(runStatuses),
  objective: z.enum(objectives),
  /** Every setting the run used; runs made before settings were recorded in full hold what they were given. */
  settings: z.record(z.string(), z.unknown()),
  /** A one-to-one run's totals, a peer run's or a circles run's (by format). */
  summary: z.union([matchSummarySchema, peerSummarySchema, circleSummarySchema]),
  /** Pairs, peer groups or circles. */
  pairCount: z.number().int(),
  unmatchedCount: z.number().int(),
  createdAt: z.string(),
  publishedAt: z.string().nullable(),
  version: z.number().int(),
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export const runSchema = runSummarySchema.extend({
  /** For a draft: whether the cohort or the programme's stage changed since it ran; null otherwise. */
  stale: z.boolean().nullable(),
  /** One-to-one runs: the pairs and the unmatched. */
  pairs: z.array(matchedPairSchema),
  unmatched: z.array(unmatchedPersonSchema),
  /** Peer runs: the pairs of peers (and a trio), and who is left out. */
  groups: z.array(peerGroupSchema),
  leftOut: z.array(peerLeftOutSchema),
  /** Circles runs: the circles formed, those not formed, and the members not placed. */
  circles: z.array(
    formedCircleSchema.extend({
      minSize: z.number().int(),
      maxSize: z.number().int(),
      topicIds: z.array(z.string()),
      /** A re-match: the circle already formed that these members join. */
      relationshipId: z.string().optional(),
    }),
  ),
  notFormed: z.array(circleNotFormedSchema),
  unplaced: z.array(circleUnplacedSchema),
  page: z.object({ limit: z.number().int(), offset: z.number().int() }),
});
export type RunView = z.infer<typeof runSchema>;

const pairSide = z.object({ mentorId: z.string(), mentorName: z.string(), score: z.number() }).nullable();
const metric = z.object({ a: z.number(), b: z.number(), delta: z.number() });
export const runComparisonSchema = z.object({
  a: runSummarySchema,
  b: runSummarySchema,
  samePairs: z.number().int(),
  changedPairs: z.array(
    z.object({
      menteeId: z.string(),
      menteeName: z.string(),
      a: pairSide,
      b: pairSide,
      scoreDelta: z.number().nullable(),
    }),
  ),
  coverage: z.object({
    matched: metric,
    unmatchedMentees: metric,
    meanScore: metric,
    lowestScore: metric,
    totalScore: metric,
    topicCoverage: metric,
    pairsAcrossDepartments: metric,
    pairsAcrossGenerations: metric,
  }),
});
export type RunComparison = z.infer<typeof runComparisonSchema>;

const placement = z.object({ group: z.string(), score: z.number() }).nullable();
/** Two peer or circles runs compared person by person. */
export const groupComparisonSchema = z.object({
  a: runSummarySchema,
  b: runSummarySchema,
  format: z.enum(['peer', 'circles']),
  samePeople: z.number().int(),
  changedPeople: z.array(
    z.object({
      personId: z.string(),
      name: z.string(),
      a: placement,
      b: placement,
      scoreDelta: z.number().nullable(),
    }),
  ),
  coverage: z.object({
    placed: metric,
    notPlaced: metric,
    groups: metric,
    totalScore: metric,
    meanScore: metric,
  }),
});
export type GroupComparison = z.infer<typeof groupComparisonSchema>;

type RunRow = typeof matchRuns.$inferSelect;
type ProgrammeRow = typeof programmes.$inferSelect;

export function presentRunSummary(r: RunRow): RunSummary {
  return {
    id: r.id,
    programmeId: r.programmeId,
    format: r.format,
    mode: r.mode,
    status: r.status,
    objective: r.objective,
    settings: r.settings,
    summary: r.summary,
    pairCount: r.pairCount,
    unmatchedCount: r.unmatchedCount,
    createdAt: r.createdAt.toISOString(),
    publishedAt: r.publishedAt?.toISOString() ?? null,
    version: r.version,
  };
}

/** A one-to-one run's pairs and unmatched: all of them, or one page. */
export interface RunEntries {
  pairs: MatchedPair[];
  unmatched: UnmatchedPerson[];
}

/** A run with its pairs and unmatched (`entries`, already paged) or its groups (paged here). */
export function presentRun(
  r: RunRow,
  entries: RunEntries,
  stale: boolean | null,
  page?: { limit: number; offset: number },
): RunView {
  const { pairs, unmatched } = entries;
  const { groups, leftOut } = r;
  const slice = <T>(list: T[]) => (page ? list.slice(page.offset, page.offset + page.limit) : list);
  const peer = r.format === 'peer';
  const circles = r.format === 'circles';
  return {
    ...presentRunSummary(r),
    stale,
    pairs,
    unmatched,
    groups: peer ? slice(groups as PeerGroup[]) : [],
    leftOut: peer ? slice(leftOut as PeerLeftOut[]) : [],
    circles: circles ? slice(groups as StoredCircle[]) : [],
    notFormed: circles ? r.notFormed : [],
    unplaced: circles ? slice(leftOut as CircleUnplaced[]) : [],
    page: page ?? {
      limit: Math.max(r.pairCount, r.unmatchedCount),
      offset: 0,
    },
  };
}

/** Big runs are read a page at a time: the same window over pairs and over the unmatched. */
export const runPageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(10_000).default(2_000),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** The mode a run takes from the programme's stage: the whole cohort while matching, re-matching once active. */
export function modeFor(programme: ProgrammeRow): RunMode {
  if (programme.status === 'matching') return 'full';
  if (programme.status === 'active') return 'rematch';
  throw new AppError(
    'conflict',
    `This programme is ${programme.status}; matching runs need it in the matching stage (or active, to re-match).`,
    {
      fields: [{ path: 'programme.status', message: `is ${programme.status}` }],
    },
  );
}

/**
 * Stores a run as a draft in the caller's transaction, with every setting it used; a one-to-one
 * run's pairs and unmatched go in as rows, in the engine's order. `inputsVersion` is the matching
 * input versions read before the cohort was loaded (null: staleness is always decided by fingerprint).
 */
export async function saveRun(
  db: Queryable,
  actor: Actor,
  programme: ProgrammeRow,
  mode: RunMode,
  fingerprint: string,
  outcome: RunOutcome,
  inputsVersion: string | null = null,
): Promise<RunRow> {
  const oneToOne = outcome.format === 'one_to_one';
  const [row] = await db
    .insert(matchRuns)
    .values({
      orgId: programme.orgId,
      programmeId: programme.id,
      mode,
      format: outcome.format,
      status: 'draft',
      settings: outcome.settings,
      objective: outcome.settings.objective,
      cohortFingerprint: fingerprint,
      inputsVersion,
      pairCount: oneToOne ? outcome.pairs.length : outcome.groups.length,
      unmatchedCount: oneToOne ? outcome.unmatched.length : outcome.leftOut.length,
      groups: outcome.groups,
      leftOut: outcome.leftOut,
      notFormed: outcome.notFormed,
      summary: outcome.summary,
      createdBy: actor.accountId === 'cli' ? null : actor.accountId,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  const entries = [
    ...outcome.pairs.map((entry, position) => ({ list: 'pair' as const, position, entry })),
    ...outcome.unmatched.map((entry, position) => ({ list: 'unmatched' as const, position, entry })),
  ];
  // 1,000 rows of five parameters a statement stays far below PostgreSQL's 65,535 parameters.
  for (let i = 0; i < entries.length; i += 1_000)
    await db
      .insert(matchRunEntries)
      .values(entries.slice(i, i + 1_000).map((e) => ({ ...e, runId: row.id, orgId: row.orgId })));
  return row;
}

/** A one-to-one run's pairs and unmatched in the engine's order: all of them, or one page of each. */
export async function readRunEntries(
  db: Queryable,
  run: Pick<RunRow, 'id' | 'orgId' | 'format'>,
  page?: { limit: number; offset: number },
): Promise<RunEntries> {
  if (run.format !== 'one_to_one') return { pairs: [], unmatched: [] };
  const rows = await db
    .select({ list: matchRunEntries.list, entry: matchRunEntries.entry })
    .from(matchRunEntries)
    .where(
      and(
        eq(matchRunEntries.runId, run.id),
        eq(matchRunEntries.orgId, run.orgId),
        inArray(matchRunEntries.list, ['pair', 'unmatched']),
        page ? gte(matchRunEntries.position, page.offset) : undefined,
        page ? lt(matchRunEntries.position, page.offset + page.limit) : undefined,
      ),
    )
    .orderBy(matchRunEntries.list, matchRunEntries.position);
  return {
    pairs: rows.filter((r) => r.list === 'pair').map((r) => r.entry as MatchedPair),
    unmatched: rows.filter((r) => r.list === 'unmatched').map((r) => r.entry as UnmatchedPerson),
  };
}

/**
 * Whether a draft's cohort changed since it ran. Unchanged matching-input versions (decision 079)
 * answer no at once; otherwise the cohort is built again and its fingerprint decides, and a run
 * found unchanged keeps the versions it was checked at, so the next read is cheap again. The
 * versions are read before the cohort: a change committed in between moves them past what is kept.
 */
export async function cohortChanged(db: Queryable, programme: ProgrammeRow, run: RunRow): Promise<boolean> {
  const version = await readInputsVersion(db, programme);
  if (run.inputsVersion !== null && run.inputsVersion === version) return false;
  const { fingerprint } = await loadRunCohort(db, programme, run.mode);
  if (fingerprint !== run.cohortFingerprint) return true;
  await db
    .update(matchRuns)
    .set({ inputsVersion: version })
    .where(and(eq(matchRuns.id, run.id), eq(matchRuns.status, 'draft')));
  return false;
}

/** Marks a run published by the actor, in the caller's transaction. */
export async function markRunPublished(db: Queryable, actor: Actor, run: RunRow): Promise<RunRow> {
  const [row] = await db
    .update(matchRuns)
    .set({
      status: 'published',
      publishedAt: new Date(),
      publishedBy: actor.accountId === 'cli' ? null : actor.accountId,
      version: run.version + 1,
    })
    .where(eq(matchRuns.id, run.id))
    .returning();
  if (!row) throw new Error('update returned nothing');
  return row;
}

/** Runs matching on a programme with the chosen settings and stores the run as a draft. */
export async function createMatchRun(db: Db, actor: Actor, programmeId: string, input: CreateRunInput) {
  assertRole(actor, 'org_admin', 'programme_manager');
  return db.transaction(async (tx) => {
    const programme = await requireProgramme(tx, actor, programmeId);
    const mode = modeFor(programme);
    const inputsVersion = await readInputsVersion(tx, programme);
    const loaded = await loadRunCohort(tx, programme, mode);
    const result = runForFormat(programme, loaded, input);
    const run = await saveRun(tx, actor, programme, mode, loaded.fingerprint, result, inputsVersion);
    await writeAudit(tx, actor, actor.orgId, {
      action: 'match_run.created',
      entityType: 'match_run',
      entityId: run.id,
      details: {
        programmeId,
        mode,
        format: result.format,
        objective: result.settings.objective,
        pairs: result.pairs.length + result.groups.length,
        unmatched: result.unmatched.length + result.leftOut.length,
      },
    });
    return presentRun(run, result, false);
  });
}

export async function requireRun(
  db: Queryable,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<RunRow> {
  const query = db
    .select()
    .from(matchRuns)
    .where(and(eq(matchRuns.id, id), eq(matchRuns.orgId, actor.orgId)))
    .limit(1);
  const [row] = options.forUpdate ? await query.for('update') : await query;
  if (!row) throw notFound('Match run');
  return row;
}

export async function listMatchRuns(db: Db, actor: Actor, programmeId: string) {
  assertRole(actor, 'org_admin', 'programme_manager');
  await requireProgramme(db, actor, programmeId);
  const rows = await db
    .select()
    .from(matchRuns)
    .where(and(eq(matchRuns.programmeId, programmeId), eq(matchRuns.orgId, actor.orgId)))
    .orderBy(desc(matchRuns.createdAt));
  return rows.map(presentRunSummary);
}

/** One run with its pairs, explanations and unmatched list; a draft says whether the cohort changed since. */
export async function getMatchRun(
  db: Db,
  actor: Actor,
  id: string,
  page: z.infer<typeof runPageQuery> = { limit: 2_000, offset: 0 },
) {
  assertRole(actor, 'org_admin', 'programme_manager');
  const run = await requireRun(db, actor, id);
  let stale: boolean | null = null;
  if (run.status === 'draft') {
    const programme = await requireProgramme(db, actor, run.programmeId);
    stale =
      programme.status !== (run.mode === 'full' ? 'matching' : 'active') ||
      (await cohortChanged(db, programme, run));
  }
  return presentRun(run, await readRunEntries(db, run, page), stale, page);
}

export async function discardMatchRun(db: Db, actor: Actor, id: string) {
  assertRole(actor, 'org_admin', 'programme_manager');
  return db.transaction(async (tx) => {
    const run = await requireRun(tx, actor, id, { forUpdate: true });
    if (run.status !== 'draft') throw conflict(`This run is ${run.status}; only a draft can be discarded.`);
    const [row] = await tx
      .update(matchRuns)
      .set({ status: 'discarded', version: run.version + 1 })
      .where(eq(matchRuns.id, id))
      .returning();
    await writeAudit(tx, actor, actor.orgId, {
      action: 'match_run.discarded',
      entityType: 'match_run',
      entityId: id,
    });
    return presentRunSummary(row as RunRow);
  });
}

export const compareQuery = z.object({
  with: z.string().uuid('must be a match run id'),
});

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Two runs of one programme side by side: pairs that changed, score deltas, coverage. */
export async function compareMatchRuns(
  db: Db,
  actor: Actor,
  aId: string,
  bId: string,
): Promise<RunComparison | GroupComparison> {
  assertRole(actor, 'org_admin', 'programme_manager');
  const [a, b] = await Promise.all([requireRun(db, actor, aId), requireRun(db, actor, bId)]);
  if (a.programmeId !== b.programmeId) {
    throw new AppError('validation_failed', 'Only runs of the same programme can be compared.', {
      fields: [{ path: 'with', message: 'is a run of another programme' }],
    });
  }
  if (a.format !== 'one_to_one' || b.format !== 'one_to_one')
    return { a: presentRunSummary(a), b: presentRunSummary(b), ...compareGroupRuns(a, b) };
  const byMentee = async (run: RunRow) =>
    new Map((await readRunEntries(db, run)).pairs.map((p) => [p.menteeId, p]));
  const [pa, pb] = await Promise.all([byMentee(a), byMentee(b)]);
  const mentees = [...new Set([...pa.keys(), ...pb.keys()])].sort();
  let same = 0;
  const changed: RunComparison['changedPairs'] = [];
  for (const m of mentees) {
    const x = pa.get(m);
    const y = pb.get(m);
    if (x && y && x.mentorId === y.mentorId) {
      same++;
      continue;
    }
    const side = (p: MatchedPair | undefined) =>
      p ? { mentorId: p.mentorId, mentorName: p.mentorName, score: p.score } : null;
    changed.push({
      menteeId: m,
      menteeName: (x ?? y)?.menteeName ?? '',
      a: side(x),
      b: side(y),
      scoreDelta: x && y ? round(y.score - x.score) : null,
    });
  }
  const sa = a.summary as MatchSummary;
  const sb = b.summary as MatchSummary;
  const metric = (f: (s: MatchSummary) => number) => ({
    a: f(sa),
    b: f(sb),
    delta: round(f(sb) - f(sa)),
  });
  return {
    a: presentRunSummary(a),
    b: presentRunSummary(b),
    samePairs: same,
    changedPairs: changed,
    coverage: {
      matched: metric((s) => s.matched),
      unmatchedMentees: metric((s) => s.unmatchedMentees),
      meanScore: metric((s) => s.meanScore),
      lowestScore: metric((s) => s.lowestScore),
      totalScore: metric((s) => s.totalScore),
      topicCoverage: metric((s) => s.topicCoverage.ratio),
      pairsAcrossDepartments: metric((s) => s.pairsAcrossDepartments),
      pairsAcrossGenerations: metric((s) => s.pairsAcrossGenerations),
    },
  };
}
