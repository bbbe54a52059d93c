// Who may see a relationship, and the one presenter for it. The two people in
// it see everything shared; managers see its state, never its private content.
import { and, count, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db/client.js';
import { meetings, people, programmes, relationships } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import { type Actor, isManager } from '../identity/actor.js';
import type { ProgrammeKind } from '../matching/index.js';
import { programmeKinds } from '../programmes/programmes.js';

export const relationshipStatuses = [
  'proposed',
  'active',
  'paused',
  'closed',
  'declined',
  'withdrawn',
] as const;
export type RelationshipStatus = (typeof relationshipStatuses)[number];
export const matchResponses = ['pending', 'accepted', 'declined'] as const;
export type MatchResponse = (typeof matchResponses)[number];
export const sideSchema = z.enum(['mentor', 'mentee']);
export type Side = z.infer<typeof sideSchema>;

export type RelationshipRow = typeof relationships.$inferSelect;

export function sideOf(
  r: Pick<RelationshipRow, 'mentorId' | 'menteeId'>,
  personId: string | null,
): Side | null {
  if (!personId) return null;
  if (r.mentorId === personId) return 'mentor';
  if (r.menteeId === personId) return 'mentee';
  return null;
}

export const partnerOf = (r: Pick<RelationshipRow, 'mentorId' | 'menteeId'>, side: Side) =>
  side === 'mentor' ? r.menteeId : r.mentorId;

/**
 * Loads a relationship the actor may see: either person in it, or a manager
 * of the organisation (state only). Anyone else gets not_found, as if it did not exist.
 */
export async function requireRelationship(
  db: Queryable,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<RelationshipRow> {
  const q = db
    .select()
    .from(relationships)
    .where(and(eq(relationships.id, id), eq(relationships.orgId, actor.orgId)))
    .limit(1);
  const [row] = options.forUpdate ? await q.for('update') : await q;
  if (!row || (!sideOf(row, actor.personId) && !isManager(actor))) throw notFound('Relationship');
  return row;
}

/** Loads a relationship the actor is one of the two people in; managers are refused its content. */
export async function requireParty(
  db: Queryable,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<{ rel: RelationshipRow; side: Side }> {
  const rel = await requireRelationship(db, actor, id, options);
  const side = sideOf(rel, actor.personId);
  if (!side)
    throw new AppError('forbidden', 'Only the two people in a relationship can see or change its content.');
  return { rel, side };
}

export function assertStatus(rel: RelationshipRow, allowed: readonly string[], doing: string): void {
  if (!allowed.includes(rel.status)) {
    throw new AppError('illegal_transition', `You cannot ${doing} while the relationship is ${rel.status}.`, {
      fields: [{ path: 'status', message: `is ${rel.status}; needs ${allowed.join(' or ')}` }],
    });
  }
}

export const personSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  jobTitle: z.string().nullable(),
  department: z.string().nullable(),
  timeZone: z.string(),
});
export type PersonSummary = z.infer<typeof personSummarySchema>;

export async function peopleById(
  db: Queryable,
  orgId: string,
  ids: string[],
): Promise<Map<string, PersonSummary>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({
      id: people.id,
      name: people.name,
      jobTitle: people.jobTitle,
      department: people.department,
      timeZone: people.timeZone,
    })
    .from(people)
    .where(and(eq(people.orgId, orgId), inArray(people.id, unique)));
  return new Map(rows.map((r) => [r.id, r]));
}

export async function programmeNames(
  db: Queryable,
  ids: string[],
): Promise<Map<string, { name: string; kind: ProgrammeKind }>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await db
    .select({ id: programmes.id, name: programmes.name, kind: programmes.kind })
    .from(programmes)
    .where(inArray(programmes.id, unique));
  return new Map(rows.map((r) => [r.id, { name: r.name, kind: r.kind }]));
}

const counted = z.number().int();
export const meetingCountsSchema = z.object({
  scheduled: counted,
  held: counted,
  cancelled: counted,
  cancelledByMentor: counted,
  cancelledByMentee: counted,
});
export type MeetingCounts = z.infer<typeof meetingCountsSchema>;

export const relationshipResponseSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  programmeName: z.string().nullable(),
  programmeKind: z.enum(programmeKinds).nullable(),
  mentor: personSummarySchema,
  mentee: personSummarySchema,
  /** The viewer's side, or null for a manager looking on. */
  myRole: sideSchema.nullable(),
  status: z.enum(relationshipStatuses),
  mentorResponse: z.enum(matchResponses),
  menteeResponse: z.enum(matchResponses),
  score: z.object({ score: z.number(), reasons: z.array(z.string()) }).nullable(),
  acceptedAt: z.string().nullable(),
  closedAt: z.string().nullable(),
  lastCheckInAt: z.string().nullable(),
  meetings: meetingCountsSchema,
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RelationshipResponse = z.infer<typeof relationshipResponseSchema>;

/** The fields of a relationship that leave the server. */
export function presentRelationship(
  r: RelationshipRow,
  viewer: Actor,
  ctx: {
    people: Map<string, PersonSummary>;
    programmes: Map<string, { name: string; kind: ProgrammeKind }>;
    meetings?: Map<string, MeetingCounts>;
  },
): RelationshipResponse {
  const person = (id: string) => {
    const p = ctx.people.get(id);
    return p
      ? { id: p.id, name: p.name, jobTitle: p.jobTitle, department: p.department, timeZone: p.timeZone }
      : { id, name: '', jobTitle: null, department: null, timeZone: 'UTC' };
  };
  const score = r.score;
  const programme = ctx.programmes.get(r.programmeId);
  return {
    id: r.id,
    programmeId: r.programmeId,
    programmeName: programme?.name ?? null,
    programmeKind: programme?.kind ?? null,
    mentor: person(r.mentorId),
    mentee: person(r.menteeId),
    myRole: sideOf(r, viewer.personId),
    status: r.status,
    mentorResponse: r.mentorResponse,
    menteeResponse: r.menteeResponse,
    score: score ? { score: score.score, reasons: score.reasons } : null,
    acceptedAt: r.acceptedAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    lastCheckInAt: r.lastCheckInAt?.toISOString() ?? null,
    meetings: ctx.meetings?.get(r.id) ?? emptyCounts(),
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

const emptyCounts = (): MeetingCounts => ({
  scheduled: 0,
  held: 0,
  cancelled: 0,
  cancelledByMentor: 0,
  cancelledByMentee: 0,
});

/** Meeting counts per relationship (momentum, and who cancels): state, not content, so managers see them too. */
async function meetingCountsOf(db: Queryable, rows: RelationshipRow[]): Promise<Map<string, MeetingCounts>> {
  const map = new Map<string, MeetingCounts>();
  if (!rows.length) return map;
  const byId = new Map(rows.map((r) => [r.id, r]));
  const counts = await db
    .select({
      relationshipId: meetings.relationshipId,
      status: meetings.status,
      cancelledBy: meetings.cancelledBy,
      n: count(),
    })
    .from(meetings)
    .where(inArray(meetings.relationshipId, [...byId.keys()]))
    .groupBy(meetings.relationshipId, meetings.status, meetings.cancelledBy);
  for (const c of counts) {
    const m = map.get(c.relationshipId) ?? emptyCounts();
    const rel = byId.get(c.relationshipId);
    if (c.status === 'scheduled') m.scheduled += c.n;
    if (c.status === 'held') m.held += c.n;
    if (c.status === 'cancelled') {
      m.cancelled += c.n;
      if (rel && c.cancelledBy === rel.mentorId) m.cancelledByMentor += c.n;
      if (rel && c.cancelledBy === rel.menteeId) m.cancelledByMentee += c.n;
    }
    map.set(c.relationshipId, m);
  }
  return map;
}

export async function presentRelationships(db: Queryable, viewer: Actor, rows: RelationshipRow[]) {
  // One after another: inside a transaction the queries share one connection.
  const ppl = await peopleById(
    db,
    viewer.orgId,
    rows.flatMap((r) => [r.mentorId, r.menteeId]),
  );
  const progs = await programmeNames(
    db,
    rows.map((r) => r.programmeId),
  );
  const counts = await meetingCountsOf(db, rows);
  return rows.map((r) =>
    presentRelationship(r, viewer, { people: ppl, programmes: progs, meetings: counts }),
  );
}

export function assertVersion(current: number, given: number | undefined, what: string): void {
  if (given !== undefined && given !== current) {
    throw new AppError('stale_version', `${what} was changed by someone else; reload it and try again.`, {
      fields: [{ path: 'version', message: 'is not the current version' }],
    });
  }
}
