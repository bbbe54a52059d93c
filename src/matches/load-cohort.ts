// Builds the matching engine's plain cohort from the database: people, reporting
// lines, enrolments, topics, locked/forbidden/past pairs and rankings.
import { createHash } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import {
  enrolments,
  matchingInputVersions,
  matchPairRules,
  mentorRankings,
  people,
  type programmes,
  programmeTopics,
  relationshipMembers,
  relationships,
  topics,
} from '../db/schema.js';
import { type CohortInput, maxReportingDepth, type ParticipantInput } from '../matching/index.js';
import { chainOf } from '../people/reporting-line.js';
import type { RelationshipStatus } from '../relationships/access.js';

type ProgrammeRow = typeof programmes.$inferSelect;
export const runModes = ['full', 'rematch'] as const;
export type RunMode = (typeof runModes)[number];
export const runStatuses = ['draft', 'published', 'discarded'] as const;
export type RunStatus = (typeof runStatuses)[number];

/** Relationship statuses that hold a place (a mentor's capacity, a mentee's one mentor). */
export const liveStatuses = ['proposed', 'active', 'paused'] as const;

export interface LoadedCohort {
  cohort: CohortInput;
  /** Changes whenever anything the cohort was built from changes. */
  fingerprint: string;
  /** Places still free per mentor (rematch) or their whole capacity (full). */
  capacityOf: Map<string, number>;
}

type EnrolledRow = { e: typeof enrolments.$inferSelect; p: typeof people.$inferSelect };
type RelationshipRef = { mentorId: string; menteeId: string; status: RelationshipStatus };
type PairRef = { mentorId: string; menteeId: string };
/** One person's place in a circle or peer trio of the programme. */
type GroupPlace = { relationshipId: string; status: RelationshipStatus; personId: string; declined: boolean };

/**
 * Loads the cohort of a programme. `full` takes every active enrolment;
 * `rematch` takes only people without a live relationship in the programme (a pair,
 * or a place in a circle or trio they have not declined), with each mentor's remaining
 * places, and forbids pairs that were declined. `keep` stays in a re-match however busy
 * (the facilitators of circles with room).
 */
export async function loadCohort(
  db: Queryable,
  programme: ProgrammeRow,
  mode: RunMode,
  keep: ReadonlySet<string> = new Set(),
): Promise<LoadedCohort> {
  // One after another: `db` may be a transaction, whose one connection runs one query at a time.
  const enrolled = await readEnrolled(db, programme);
  const programmeRelationships = await readRelationships(db, programme);
  const groupPlaces = await readGroupPlaces(db, programme);
  const managers = await readManagers(db, programme.orgId);
  const rankings = await readRankings(db, programme);
  const topicRows = await readTopics(db, programme);
  const { chosen, capacityOf } = chooseParticipants(enrolled, programme, mode, {
    pairs: programmeRelationships,
    groupPlaces,
    keep,
  });
  const inCohort = new Set(chosen.map((r) => r.p.id));
  const participants = chosen.map((row) => toParticipant(row, { managers, rankings, capacityOf, inCohort }));
  const both = (r: PairRef) => inCohort.has(r.mentorId) && inCohort.has(r.menteeId);
  const { lockedPairs, forbiddenPairs } = await pairRulesOf(
    db,
    programme,
    [...programmeRelationships, ...declinedGroupPairs(groupPlaces)],
    both,
  );
  const pastPairs = await pastPairsOf(db, programme, [...inCohort], both);

  const cohort: CohortInput = {
    programme: {
      id: programme.id,
      name: programme.name,
      kind: programme.kind as 'conventional' | 'reverse' | 'mutual',
    },
    settings: programme.matchingSettings,
    referenceDate: programme.cohortStart,
    topics: topicRows,
    participants,
    lockedPairs,
    forbiddenPairs,
    pastPairs,
  };
  const fingerprint = createHash('sha256').update(JSON.stringify({ mode, cohort })).digest('hex');
  return { cohort, fingerprint, capacityOf };
}

/**
 * The programme's and its organisation's matching-input versions, raised by triggers on every change
 * a cohort is built from (decision 079). Read before the cohort, in the same transaction, when a run
 * is made; a draft whose versions are unchanged since is not stale.
 */
export async function readInputsVersion(db: Queryable, programme: ProgrammeRow): Promise<string> {
  const rows = await db
    .select({ scopeId: matchingInputVersions.scopeId, version: matchingInputVersions.version })
    .from(matchingInputVersions)
    .where(inArray(matchingInputVersions.scopeId, [programme.id, programme.orgId]));
  const of = (id: string) => rows.find((r) => r.scopeId === id)?.version ?? 0;
  return `${of(programme.id)}.${of(programme.orgId)}`;
}

const byId = (a: { p: { id: string } }, b: { p: { id: string } }) =>
  a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0;
const byPair = (a: PairRef, b: PairRef) =>
  `${a.mentorId}${a.menteeId}` < `${b.mentorId}${b.menteeId}` ? -1 : 1;

/** Active enrolments with their people, in id order (the cohort is built deterministically). */
async function readEnrolled(db: Queryable, programme: ProgrammeRow): Promise<EnrolledRow[]> {
  const rows = await db
    .select({ e: enrolments, p: people })
    .from(enrolments)
    .innerJoin(people, eq(people.id, enrolments.personId))
    .where(
      and(
        eq(enrolments.programmeId, programme.id),
        eq(enrolments.orgId, programme.orgId),
        eq(enrolments.status, 'active'),
      ),
    );
  return rows.sort(byId);
}

/** The programme's relationships of two people (circles hold no place of a pair). */
async function readRelationships(db: Queryable, programme: ProgrammeRow): Promise<RelationshipRef[]> {
  const rows = await db
    .select({
      mentorId: relationships.mentorId,
      menteeId: relationships.menteeId,
      status: relationships.status,
    })
    .from(relationships)
    .where(and(eq(relationships.programmeId, programme.id), eq(relationships.orgId, programme.orgId)));
  return rows.filter((r): r is RelationshipRef => r.menteeId !== null);
}

/** Everyone placed in the programme's circles and peer trios, with the relationship's status. */
async function readGroupPlaces(db: Queryable, programme: ProgrammeRow): Promise<GroupPlace[]> {
  const rows = await db
    .select({
      relationshipId: relationshipMembers.relationshipId,
      status: relationships.status,
      personId: relationshipMembers.personId,
      response: relationshipMembers.response,
    })
    .from(relationshipMembers)
    .innerJoin(relationships, eq(relationships.id, relationshipMembers.relationshipId))
    .where(and(eq(relationships.programmeId, programme.id), eq(relationships.orgId, programme.orgId)));
  return rows
    .map(({ response, ...r }) => ({ ...r, declined: response === 'declined' }))
    .sort((a, b) => (`${a.relationshipId}${a.personId}` < `${b.relationshipId}${b.personId}` ? -1 : 1));
}

/**
 * A circle or trio that did not go ahead, or a place declined in one, is never proposed
 * again: each such person with each other person of that group, as a declined pair.
 */
function declinedGroupPairs(places: GroupPlace[]): RelationshipRef[] {
  const byGroup = new Map<string, GroupPlace[]>();
  for (const p of places) byGroup.set(p.relationshipId, [...(byGroup.get(p.relationshipId) ?? []), p]);
  const out: RelationshipRef[] = [];
  for (const group of byGroup.values()) {
    const over = (p: GroupPlace) => p.declined || p.status === 'declined' || p.status === 'withdrawn';
    for (const a of group)
      for (const b of group)
        if (a.personId < b.personId && (over(a) || over(b)))
          out.push({ mentorId: a.personId, menteeId: b.personId, status: 'declined' });
  }
  return out;
}

/** Every person's manager: reporting lines may run through people outside the cohort. */
async function readManagers(db: Queryable, orgId: string): Promise<Map<string, string | null>> {
  const all = await db
    .select({ id: people.id, managerId: people.managerId })
    .from(people)
    .where(eq(people.orgId, orgId));
  return new Map(all.map((p) => [p.id, p.managerId]));
}

/** Each mentee's ranking of shortlisted mentors, best first. */
async function readRankings(db: Queryable, programme: ProgrammeRow): Promise<Map<string, string[]>> {
  const rows = await db
    .select()
    .from(mentorRankings)
    .where(and(eq(mentorRankings.programmeId, programme.id), eq(mentorRankings.orgId, programme.orgId)));
  return new Map(rows.map((r) => [r.menteeId, r.mentorIds]));
}

async function readTopics(db: Queryable, programme: ProgrammeRow) {
  const rows = await db
    .select({ id: topics.id, name: topics.name })
    .from(programmeTopics)
    .innerJoin(topics, eq(topics.id, programmeTopics.topicId))
    .where(eq(programmeTopics.programmeId, programme.id));
  return rows.sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * Who takes part, and each mentor's places: everyone in a full run; in a re-match only
 * people without a live relationship, and mentors with a place left.
 */
function chooseParticipants(
  rows: EnrolledRow[],
  programme: ProgrammeRow,
  mode: RunMode,
  held: { pairs: RelationshipRef[]; groupPlaces: GroupPlace[]; keep: ReadonlySet<string> },
) {
  const placesTaken = new Map<string, number>();
  const busy = new Set<string>();
  for (const g of held.groupPlaces)
    if (!g.declined && (liveStatuses as readonly string[]).includes(g.status)) busy.add(g.personId);
  for (const id of held.keep) busy.delete(id);
  for (const r of held.pairs) {
    if (!(liveStatuses as readonly string[]).includes(r.status)) continue;
    placesTaken.set(r.mentorId, (placesTaken.get(r.mentorId) ?? 0) + 1);
    busy.add(r.menteeId);
    if (programme.kind === 'mutual') busy.add(r.mentorId);
  }
  const capacityOf = new Map<string, number>();
  const chosen = rows.filter(({ e, p }) => {
    const teaches = e.role === 'mentor' || e.role === 'both';
    const capacity = programme.kind === 'mutual' ? 1 : e.capacity;
    if (mode === 'full') {
      if (teaches) capacityOf.set(p.id, capacity);
      return true;
    }
    if (busy.has(p.id)) return false;
    if (teaches) {
      const free = capacity - (placesTaken.get(p.id) ?? 0);
      capacityOf.set(p.id, Math.max(0, free));
      if (e.role === 'mentor' && free <= 0) return false;
    }
    return true;
  });
  return { chosen, capacityOf };
}

/** One enrolled person as the engine reads them. */
function toParticipant(
  { e, p }: EnrolledRow,
  known: {
    managers: Map<string, string | null>;
    rankings: Map<string, string[]>;
    capacityOf: Map<string, number>;
    inCohort: Set<string>;
  },
): ParticipantInput {
  const prefs = (e.preferences ?? {}) as { preferredMentorIds?: string[] };
  const slots = (e.availability ?? []) as { day: number; start: number; end: number }[];
  const ranked = known.rankings.get(p.id) ?? prefs.preferredMentorIds ?? [];
  return {
    id: p.id,
    displayName: p.name,
    role: e.role as 'mentor' | 'mentee' | 'both',
    ...(p.department ? { department: p.department } : {}),
    jobLevel: p.jobLevel,
    reportingLine: chainOf(p.id, (id) => known.managers.get(id)).chain.slice(0, maxReportingDepth),
    languages: p.languages,
    timeZone: p.timeZone,
    ...(slots.length
      ? { availability: slots.map((s) => ({ day: s.day - 1, startMinute: s.start, endMinute: s.end })) }
      : {}),
    ...(p.birthYear ? { birthYear: p.birthYear } : {}),
    ...(p.careerStage ? { careerStage: p.careerStage } : {}),
    offers: (e.offers as { topicId: string; proficiency: number }[]) ?? [],
    seeks: (e.seeks as { topicId: string; priority: number }[]) ?? [],
    goals: e.goals,
    capacity: known.capacityOf.get(p.id) ?? 0,
    preferences: ranked.filter((id) => known.inCohort.has(id)),
  };
}

/** Locked and forbidden pairs within the cohort; a declined or withdrawn proposal is never made again. */
async function pairRulesOf(
  db: Queryable,
  programme: ProgrammeRow,
  programmeRelationships: RelationshipRef[],
  both: (r: PairRef) => boolean,
) {
  const rules = await db
    .select()
    .from(matchPairRules)
    .where(and(eq(matchPairRules.programmeId, programme.id), eq(matchPairRules.orgId, programme.orgId)));
  const pairsOf = (kind: string) =>
    rules.filter((r) => r.kind === kind && both(r)).map(({ mentorId, menteeId }) => ({ mentorId, menteeId }));
  const lockedPairs = pairsOf('locked').sort(byPair);
  const forbiddenPairs = pairsOf('forbidden');
  for (const r of programmeRelationships) {
    if ((r.status === 'declined' || r.status === 'withdrawn') && both(r))
      forbiddenPairs.push({ mentorId: r.mentorId, menteeId: r.menteeId });
  }
  return { lockedPairs, forbiddenPairs: forbiddenPairs.sort(byPair) };
}

/** Pairs from the organisation's other programmes, so the rule "no repeat of a past pair" can apply. */
async function pastPairsOf(
  db: Queryable,
  programme: ProgrammeRow,
  ids: string[],
  both: (r: PairRef) => boolean,
): Promise<PairRef[]> {
  if (!ids.length) return [];
  const earlier = await db
    .select({ mentorId: relationships.mentorId, menteeId: relationships.menteeId })
    .from(relationships)
    .where(
      and(
        eq(relationships.orgId, programme.orgId),
        ne(relationships.programmeId, programme.id),
        inArray(relationships.status, ['active', 'paused', 'closed']),
        inArray(relationships.menteeId, ids),
      ),
    );
  return earlier
    .filter((r): r is PairRef => r.menteeId !== null)
    .filter(both)
    .sort(byPair);
}
