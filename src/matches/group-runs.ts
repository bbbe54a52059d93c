// Runs of peer and circles programmes (decision 062): the cohort, and for circles the
// planned circles, go to the engine's general matching or circle placement; the groups
// come back, are stored in the run, compared person by person, and published as
// relationships of two peers, a trio, or a circle.
import { createHash } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Queryable, Tx } from '../db/client.js';
import {
  matchRuns,
  type ProgrammeFormat,
  type programmes,
  relationshipMembers,
  relationships,
} from '../db/schema.js';
import { AppError, conflict, fieldError } from '../errors.js';
import {
  type CircleNotFormed,
  type CircleResult,
  type CircleSummary,
  type CircleUnplaced,
  type FormedCircle,
  type MatchedPair,
  MatchingInputError,
  type MatchResult,
  type MatchSettings,
  type MatchSettingsInput,
  type MatchSummary,
  matchCircles,
  matchCohort,
  matchPeers,
  type PeerGroup,
  type PeerLeftOut,
  type PeerResult,
  type PeerSummary,
  type UnmatchedPerson,
} from '../matching/index.js';
import { queueNotifications } from '../notifications/outbox.js';
import { type CirclePlan, readCirclePlans } from '../programmes/circle-plans.js';
import { type LoadedCohort, liveStatuses, loadCohort, type RunMode } from './load-cohort.js';

type ProgrammeRow = typeof programmes.$inferSelect;
type RunRow = typeof matchRuns.$inferSelect;

/**
 * A circle of a circles run, with the size range and focus its plan gave it. In a re-match,
 * `relationshipId` names the circle already formed that these members join.
 */
export type StoredCircle = FormedCircle & {
  minSize: number;
  maxSize: number;
  topicIds: string[];
  relationshipId?: string;
};

/** A run's totals: a one-to-one run's, a peer run's or a circles run's. */
export type RunTotals = MatchSummary | PeerSummary | CircleSummary;

/** What a run stores, whatever the programme's format. */
export interface RunOutcome {
  format: ProgrammeFormat;
  /** Every setting the run used (its objective among them). */
  settings: MatchSettings;
  /** One-to-one runs. */
  pairs: MatchedPair[];
  unmatched: UnmatchedPerson[];
  /** Peer groups or circles, and who is left out or not placed. */
  groups: PeerGroup[] | StoredCircle[];
  leftOut: PeerLeftOut[] | CircleUnplaced[];
  notFormed: CircleNotFormed[];
  summary: RunTotals;
}

/** Calls an engine, turning the engine's input problems into a clear conflict rather than a 500. */
export function explainInputErrors<T>(run: () => T): T {
  try {
    return run();
  } catch (err) {
    if (err instanceof MatchingInputError) {
      const problems = err.issues.length ? err.issues : [err.message];
      throw new AppError(
        'conflict',
        `The cohort cannot be matched as it stands: ${problems.slice(0, 3).join('; ')}`,
        {
          fields: problems.slice(0, 20).map((message) => ({ path: 'cohort', message })),
        },
      );
    }
    throw err;
  }
}

/** A run's cohort, its circles, and which of them are circles already formed (a re-match joins them). */
export type RunCohort = LoadedCohort & { plans: CirclePlan[]; joining: ReadonlySet<string> };

/** The cohort of a run; a circles programme's planned circles are part of what a run was made from. */
export async function loadRunCohort(
  db: Queryable,
  programme: ProgrammeRow,
  mode: RunMode,
): Promise<RunCohort> {
  if (programme.format !== 'circles')
    return { ...(await loadCohort(db, programme, mode)), plans: [], joining: new Set() };
  const { plans, joining } =
    mode === 'full'
      ? { plans: await readCirclePlans(db, programme), joining: new Set<string>() }
      : await circlesWithRoom(db, programme);
  const loaded = await loadCohort(db, programme, mode, new Set(plans.flatMap((p) => p.facilitatorIds)));
  const fingerprint = createHash('sha256')
    .update(loaded.fingerprint)
    .update(JSON.stringify(plans))
    .digest('hex');
  return { ...loaded, fingerprint, plans, joining };
}

/**
 * What a circles re-match can offer: each live circle with places left (its id is the
 * relationship's, its size range the places left, its facilitators those still in it),
 * then each planned circle never formed, as planned. A plan is formed at most once.
 */
async function circlesWithRoom(db: Queryable, programme: ProgrammeRow) {
  const circles = await db
    .select()
    .from(relationships)
    .where(
      and(
        eq(relationships.programmeId, programme.id),
        eq(relationships.orgId, programme.orgId),
        eq(relationships.format, 'circle'),
      ),
    )
    .orderBy(relationships.createdAt, relationships.id);
  const planned = await readCirclePlans(db, programme);
  const live = circles.filter((c) => (liveStatuses as readonly string[]).includes(c.status));
  const [places, runs] = live.length
    ? await Promise.all([
        db
          .select()
          .from(relationshipMembers)
          .where(
            inArray(
              relationshipMembers.relationshipId,
              live.map((c) => c.id),
            ),
          ),
        db
          .select({ id: matchRuns.id, groups: matchRuns.groups })
          .from(matchRuns)
          .where(
            inArray(matchRuns.id, [...new Set(live.flatMap((c) => (c.matchRunId ? [c.matchRunId] : [])))]),
          ),
      ])
    : [[], []];
  const storedOf = (c: (typeof circles)[number]) =>
    (runs.find((r) => r.id === c.matchRunId)?.groups as StoredCircle[] | undefined)?.find(
      (g) => g.name === c.name,
    ) ?? planned.find((p) => p.name === c.name);
  const offers: CirclePlan[] = [];
  for (const c of live) {
    const stored = storedOf(c);
    const inIt = places.filter((p) => p.relationshipId === c.id && p.response !== 'declined');
    const facilitatorIds = inIt.filter((p) => p.role === 'facilitator').map((p) => p.personId);
    const room = (stored?.maxSize ?? 0) - inIt.filter((p) => p.role === 'member').length;
    if (stored && room > 0 && facilitatorIds.length)
      offers.push({
        id: c.id,
        name: c.name ?? stored.name,
        topicIds: stored.topicIds,
        facilitatorIds,
        minSize: 1,
        maxSize: room,
      });
  }
  const formed = new Set(circles.map((c) => c.name));
  return {
    plans: [...offers, ...planned.filter((p) => !formed.has(p.name))],
    joining: new Set(offers.map((o) => o.id)),
  };
}

/** Runs the engine the programme's format calls for. */
export function runForFormat(
  programme: ProgrammeRow,
  loaded: RunCohort,
  input: { settings: MatchSettingsInput; allowTrio?: boolean | undefined },
): RunOutcome {
  if (input.allowTrio && programme.format !== 'peer')
    throw fieldError('allowTrio', 'applies to peer programmes only');
  if (programme.format === 'peer') {
    const r: PeerResult = explainInputErrors(() =>
      matchPeers(loaded.cohort, input.settings, { allowTrio: input.allowTrio ?? false }),
    );
    return {
      format: 'peer',
      settings: r.settings,
      pairs: [],
      unmatched: [],
      groups: r.groups,
      leftOut: r.leftOut,
      notFormed: [],
      summary: r.summary,
    };
  }
  if (programme.format === 'circles') {
    if (!loaded.plans.length)
      throw conflict('Plan at least one circle (its focus, facilitators and size) before matching.', [
        { path: 'circles', message: 'none planned' },
      ]);
    const r: CircleResult = explainInputErrors(() =>
      matchCircles(loaded.cohort, loaded.plans, input.settings),
    );
    const plan = new Map(loaded.plans.map((p) => [p.id, p]));
    // In a re-match, a circle already formed keeps its own id: members join it.
    const formed = loaded.joining;
    const circles: StoredCircle[] = r.circles.map((c) => {
      const p = plan.get(c.id) as CirclePlan;
      const joins = formed.has(c.id) ? { relationshipId: c.id } : {};
      return { ...c, minSize: p.minSize, maxSize: p.maxSize, topicIds: p.topicIds, ...joins };
    });
    return {
      format: 'circles',
      settings: r.settings,
      pairs: [],
      unmatched: [],
      groups: circles,
      leftOut: r.unplaced,
      // A circle already formed that no one joins is not "not formed".
      notFormed: r.notFormed.filter((c) => !formed.has(c.id)),
      summary: r.summary,
    };
  }
  return oneToOneOutcome(explainInputErrors(() => matchCohort(loaded.cohort, input.settings)));
}

/** A one-to-one run's result as a run stores it. */
export function oneToOneOutcome(r: MatchResult): RunOutcome {
  return {
    format: 'one_to_one',
    settings: r.settings,
    pairs: r.pairs,
    unmatched: r.unmatched,
    groups: [],
    leftOut: [],
    notFormed: [],
    summary: r.summary,
  };
}

interface Placement {
  name: string;
  /** Which group: the peers' ids, or the circle's id. */
  key: string;
  group: string;
  score: number;
}

/** Where each person is placed by a peer or circles run. */
function placements(run: RunRow): Map<string, Placement> {
  const map = new Map<string, Placement>();
  if (run.format === 'peer') {
    for (const g of run.groups as PeerGroup[])
      g.memberIds.forEach((id, i) => {
        const others = g.memberNames.filter((_, j) => j !== i);
        map.set(id, {
          name: g.memberNames[i] ?? '',
          key: g.memberIds.join(','),
          group: `with ${others.join(' and ')}`,
          score: g.score,
        });
      });
  } else {
    for (const c of run.groups as StoredCircle[])
      for (const m of c.members)
        map.set(m.participantId, { name: m.displayName, key: c.id, group: c.name, score: m.topicFit });
  }
  return map;
}

const round = (x: number) => Math.round(x * 1e6) / 1e6;

/** Two peer or circles runs person by person: who moved, and the totals side by side. */
export function compareGroupRuns(a: RunRow, b: RunRow) {
  if (a.format !== b.format)
    throw new AppError('validation_failed', 'Only runs of the same format can be compared.', {
      fields: [{ path: 'with', message: `is a ${b.format} run; this one is ${a.format}` }],
    });
  const pa = placements(a);
  const pb = placements(b);
  const lefts = (run: RunRow) =>
    new Map((run.leftOut as (PeerLeftOut | CircleUnplaced)[]).map((u) => [u.participantId, u.displayName]));
  const la = lefts(a);
  const lb = lefts(b);
  const everyone = [...new Set([...pa.keys(), ...pb.keys(), ...la.keys(), ...lb.keys()])].sort();
  let samePeople = 0;
  const changedPeople = [];
  for (const id of everyone) {
    const x = pa.get(id);
    const y = pb.get(id);
    if (x?.key === y?.key) {
      samePeople++;
      continue;
    }
    changedPeople.push({
      personId: id,
      name: x?.name ?? y?.name ?? la.get(id) ?? lb.get(id) ?? '',
      a: x ? { group: x.group, score: x.score } : null,
      b: y ? { group: y.group, score: y.score } : null,
      scoreDelta: x && y ? round(y.score - x.score) : null,
    });
  }
  const total = (m: Map<string, Placement>) => round([...m.values()].reduce((s, p) => s + p.score, 0));
  const metric = (fa: number, fb: number) => ({ a: fa, b: fb, delta: round(fb - fa) });
  const groups = (run: RunRow) => run.groups.length;
  return {
    format: a.format as 'peer' | 'circles',
    samePeople,
    changedPeople,
    coverage: {
      placed: metric(pa.size, pb.size),
      notPlaced: metric(la.size, lb.size),
      groups: metric(groups(a), groups(b)),
      totalScore: metric(total(pa), total(pb)),
      meanScore: metric(pa.size ? round(total(pa) / pa.size) : 0, pb.size ? round(total(pb) / pb.size) : 0),
    },
  };
}

type RelationshipRow = typeof relationships.$inferSelect;

/**
 * Creates the proposed relationships of a peer run (a peer pair, or a trio as a circle of
 * three peers) or of a circles run (facilitators and members), and queues everyone's
 * invitation. Returns the relationships and the number of invitations.
 */
export async function createGroupRelationships(tx: Tx, programme: ProgrammeRow, run: RunRow) {
  const created: RelationshipRow[] = [];
  let joined = 0;
  const invitations: Parameters<typeof queueNotifications>[2] = [];
  const base = {
    orgId: programme.orgId,
    programmeId: programme.id,
    matchRunId: run.id,
    status: 'proposed' as const,
  };
  const invite = (
    rel: RelationshipRow,
    recipientId: string,
    role: 'peer' | 'facilitator' | 'member',
    partnerName: string,
    reasons: string[],
  ) => {
    invitations.push({
      kind: 'match.proposed',
      recipientId,
      data: { relationshipId: rel.id, programmeName: programme.name, partnerName, role, reasons },
      dedupeKey: `match.proposed:${rel.id}:${recipientId}`,
    });
  };
  const others = (names: string[], i: number) => list(names.filter((_, j) => j !== i));

  if (run.format === 'peer') {
    for (const g of run.groups as PeerGroup[]) {
      const score = { score: g.score, reasons: g.reasons };
      const rel =
        g.memberIds.length === 2
          ? await insertPeerPair(tx, base, g.memberIds as [string, string], score)
          : await insertCircle(tx, base, {
              name: `Trio: ${list(g.memberNames)}`,
              minMembers: g.memberIds.length,
              score,
              members: g.memberIds.map((personId) => ({ personId, role: 'peer' as const, fit: null })),
            });
      created.push(rel);
      g.memberIds.forEach((id, i) => {
        invite(rel, id, 'peer', others(g.memberNames, i), g.reasons);
      });
    }
  } else {
    for (const c of run.groups as StoredCircle[]) {
      if (c.relationshipId) {
        const rel = await joinCircle(tx, c.relationshipId, c.members);
        joined += c.members.length;
        for (const m of c.members) invite(rel, m.participantId, 'member', `the circle ${c.name}`, m.reasons);
        continue;
      }
      const meanFit = c.members.length ? c.members.reduce((s, m) => s + m.topicFit, 0) / c.members.length : 0;
      const rel = await insertCircle(tx, base, {
        name: c.name,
        minMembers: c.minSize,
        score: { score: Math.round(meanFit * 1000) / 1000, reasons: [`${c.members.length} members`] },
        members: [
          ...c.facilitatorIds.map((personId) => ({ personId, role: 'facilitator' as const, fit: null })),
          ...c.members.map((m) => ({
            personId: m.participantId,
            role: 'member' as const,
            fit: { topicFit: m.topicFit, reasons: m.reasons },
          })),
        ],
      });
      created.push(rel);
      for (const f of c.facilitatorIds) invite(rel, f, 'facilitator', `the circle ${c.name}`, []);
      for (const m of c.members) invite(rel, m.participantId, 'member', `the circle ${c.name}`, m.reasons);
    }
  }
  await queueNotifications(tx, programme.orgId, invitations);
  return { created, joined, invitations: invitations.length };
}

const list = (names: string[]) =>
  names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;

type Base = { orgId: string; programmeId: string; matchRunId: string; status: 'proposed' };

async function insertPeerPair(
  tx: Tx,
  base: Base,
  [first, second]: [string, string],
  score: { score: number; reasons: string[] },
): Promise<RelationshipRow> {
  const [rel] = await tx
    .insert(relationships)
    .values({ ...base, format: 'peer', mentorId: first, menteeId: second, score })
    .returning();
  if (!rel) throw new Error('insert returned nothing');
  return rel;
}

/** A re-match's members join a circle already formed, each with their own answer still to give. */
async function joinCircle(tx: Tx, relationshipId: string, members: FormedCircle['members']) {
  const [rel] = await tx
    .update(relationships)
    .set({ version: sql`${relationships.version} + 1`, updatedAt: new Date() })
    .where(eq(relationships.id, relationshipId))
    .returning();
  if (!rel) throw conflict('A circle these members were to join is gone; run matching again.');
  await tx.insert(relationshipMembers).values(
    members.map((m) => ({
      relationshipId: rel.id,
      orgId: rel.orgId,
      personId: m.participantId,
      role: 'member' as const,
      fit: { topicFit: m.topicFit, reasons: m.reasons },
    })),
  );
  return rel;
}

async function insertCircle(
  tx: Tx,
  base: Base,
  circle: {
    name: string;
    minMembers: number;
    score: { score: number; reasons: string[] };
    members: {
      personId: string;
      role: 'facilitator' | 'member' | 'peer';
      fit: { topicFit: number; reasons: string[] } | null;
    }[];
  },
): Promise<RelationshipRow> {
  const lead = circle.members[0];
  if (!lead) throw conflict(`The circle ${circle.name} has no one in it.`);
  const [rel] = await tx
    .insert(relationships)
    .values({
      ...base,
      format: 'circle',
      name: circle.name,
      minMembers: circle.minMembers,
      mentorId: lead.personId,
      menteeId: null,
      score: circle.score,
    })
    .returning();
  if (!rel) throw new Error('insert returned nothing');
  await tx
    .insert(relationshipMembers)
    .values(circle.members.map((m) => ({ ...m, relationshipId: rel.id, orgId: rel.orgId })));
  return rel;
}
