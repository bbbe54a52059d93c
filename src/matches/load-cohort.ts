// Builds the matching engine's plain cohort from the database: people, reporting
// lines, enrolments, topics, locked/forbidden/past pairs and rankings.
import { createHash } from 'node:crypto';
import { and, eq, inArray, ne } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import {
  enrolments,
  matchPairRules,
  mentorRankings,
  people,
  type programmes,
  programmeTopics,
  relationships,
  topics,
} from '../db/schema.js';
import { type CohortInput, maxReportingDepth, type ParticipantInput } from '../matching/index.js';
import { chainOf } from '../people/reporting-line.js';

type ProgrammeRow = typeof programmes.$inferSelect;
export type RunMode = 'full' | 'rematch';

/** Relationship statuses that hold a place (a mentor's capacity, a mentee's one mentor). */
export const liveStatuses = ['proposed', 'active', 'paused'] as const;

export interface LoadedCohort {
  cohort: CohortInput;
  /** Changes whenever anything the cohort was built from changes. */
  fingerprint: string;
  /** Places still free per mentor (rematch) or their whole capacity (full). */
  capacityOf: Map<string, number>;
}

/**
 * Loads the cohort of a programme. `full` takes every active enrolment;
 * `rematch` takes only people without a live relationship in the programme,
 * with each mentor's remaining places, and forbids pairs that were declined.
 */
export async function loadCohort(
  db: Queryable,
  programme: ProgrammeRow,
  mode: RunMode,
): Promise<LoadedCohort> {
  const orgId = programme.orgId;
  const rows = await db
    .select({ e: enrolments, p: people })
    .from(enrolments)
    .innerJoin(people, eq(people.id, enrolments.personId))
    .where(
      and(
        eq(enrolments.programmeId, programme.id),
        eq(enrolments.orgId, orgId),
        eq(enrolments.status, 'active'),
      ),
    );
  rows.sort((a, b) => (a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0));

  const programmeRelationships = await db
    .select({
      mentorId: relationships.mentorId,
      menteeId: relationships.menteeId,
      status: relationships.status,
    })
    .from(relationships)
    .where(and(eq(relationships.programmeId, programme.id), eq(relationships.orgId, orgId)));
  const live = programmeRelationships.filter((r) => (liveStatuses as readonly string[]).includes(r.status));
  const placesTaken = new Map<string, number>();
  const busy = new Set<string>();
  for (const r of live) {
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
  const inCohort = new Set(chosen.map((r) => r.p.id));

  // Reporting lines need the managers' chain, which may run through people outside the cohort.
  const managers = new Map<string, string | null>();
  const all = await db
    .select({ id: people.id, managerId: people.managerId })
    .from(people)
    .where(eq(people.orgId, orgId));
  for (const p of all) managers.set(p.id, p.managerId);

  const ranking = new Map<string, string[]>();
  for (const r of await db
    .select()
    .from(mentorRankings)
    .where(and(eq(mentorRankings.programmeId, programme.id), eq(mentorRankings.orgId, orgId)))) {
    ranking.set(r.menteeId, r.mentorIds);
  }

  const participants: ParticipantInput[] = chosen.map(({ e, p }) => {
    const prefs = (e.preferences ?? {}) as { preferredMentorIds?: string[] };
    const slots = (e.availability ?? []) as { day: number; start: number; end: number }[];
    const capacity = capacityOf.get(p.id);
    return {
      id: p.id,
      displayName: p.name,
      role: e.role as 'mentor' | 'mentee' | 'both',
      ...(p.department ? { department: p.department } : {}),
      jobLevel: p.jobLevel,
      reportingLine: chainOf(p.id, (id) => managers.get(id)).chain.slice(0, maxReportingDepth),
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
      capacity: capacity ?? 0,
      preferences: (ranking.get(p.id) ?? prefs.preferredMentorIds ?? []).filter((id) => inCohort.has(id)),
    };
  });

  const pairRules = await db
    .select()
    .from(matchPairRules)
    .where(and(eq(matchPairRules.programmeId, programme.id), eq(matchPairRules.orgId, orgId)));
  const both = (r: { mentorId: string; menteeId: string }) =>
    inCohort.has(r.mentorId) && inCohort.has(r.menteeId);
  const byPair = (a: { mentorId: string; menteeId: string }, b: { mentorId: string; menteeId: string }) =>
    `${a.mentorId}${a.menteeId}` < `${b.mentorId}${b.menteeId}` ? -1 : 1;
  const lockedPairs = pairRules
    .filter((r) => r.kind === 'locked' && both(r))
    .map(({ mentorId, menteeId }) => ({ mentorId, menteeId }))
    .sort(byPair);
  const forbiddenPairs = pairRules
    .filter((r) => r.kind === 'forbidden' && both(r))
    .map(({ mentorId, menteeId }) => ({ mentorId, menteeId }));
  // A declined or withdrawn proposal is never proposed again in the same programme.
  for (const r of programmeRelationships) {
    if ((r.status === 'declined' || r.status === 'withdrawn') && both(r))
      forbiddenPairs.push({ mentorId: r.mentorId, menteeId: r.menteeId });
  }
  forbiddenPairs.sort(byPair);

  // Pairs from the organisation's other programmes, so the rule "no repeat of a past pair" can apply.
  const ids = [...inCohort];
  const pastPairs: { mentorId: string; menteeId: string }[] = [];
  if (ids.length) {
    const earlier = await db
      .select({ mentorId: relationships.mentorId, menteeId: relationships.menteeId })
      .from(relationships)
      .where(
        and(
          eq(relationships.orgId, orgId),
          ne(relationships.programmeId, programme.id),
          inArray(relationships.status, ['active', 'paused', 'closed']),
          inArray(relationships.menteeId, ids),
        ),
      );
    for (const r of earlier) if (both(r)) pastPairs.push(r);
    pastPairs.sort(byPair);
  }

  const topicRows = await db
    .select({ id: topics.id, name: topics.name })
    .from(programmeTopics)
    .innerJoin(topics, eq(topics.id, programmeTopics.topicId))
    .where(eq(programmeTopics.programmeId, programme.id));
  topicRows.sort((a, b) => (a.id < b.id ? -1 : 1));

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
