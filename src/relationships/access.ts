// Who may see a relationship, and the one presenter for it. The two people in
// it see everything shared; managers see its state, never its private content.
import { and, count, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db/client.js';
import { meetings, people, programmes, relationshipMembers, relationships } from '../db/schema.js';
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
/** A pair's two sides (who learns in an agreement's goal). */
export const sideSchema = z.enum(['mentor', 'mentee']);
/** A person's place in a relationship: a pair's two sides, or a circle's facilitators, members and peers. */
export const roleSchema = z.enum(['mentor', 'mentee', 'facilitator', 'member', 'peer']);
export type Side = z.infer<typeof roleSchema>;

export type RelationshipRow = typeof relationships.$inferSelect;

/** Someone in a relationship, with their answer to the proposal. */
export interface Member {
  personId: string;
  role: Side;
  response: 'pending' | 'accepted' | 'declined';
  signedAt: Date | null;
  fit: { topicFit: number; reasons: string[] } | null;
}

/** A pair's side of a person (circles keep their people in relationship_members: see membersOf). */
export function sideOf(
  r: Pick<RelationshipRow, 'mentorId' | 'menteeId' | 'format'>,
  personId: string | null,
): Side | null {
  if (!personId || r.format === 'circle') return null;
  if (r.mentorId === personId) return 'mentor';
  if (r.menteeId === personId) return 'mentee';
  return null;
}

type RelRef = Pick<
  RelationshipRow,
  'id' | 'format' | 'mentorId' | 'menteeId' | 'mentorResponse' | 'menteeResponse'
>;

const pairMembers = (r: RelRef): Member[] => [
  {
    personId: r.mentorId,
    role: 'mentor',
    response: r.mentorResponse as Member['response'],
    signedAt: null,
    fit: null,
  },
  {
    personId: r.menteeId as string,
    role: 'mentee',
    response: r.menteeResponse as Member['response'],
    signedAt: null,
    fit: null,
  },
];

/** Everyone in each relationship: a pair's two people, or a circle's rows of relationship_members. */
export async function membersOfMany(db: Queryable, rels: RelRef[]): Promise<Map<string, Member[]>> {
  const map = new Map<string, Member[]>();
  const circles = rels.filter((r) => r.format === 'circle').map((r) => r.id);
  for (const r of rels) if (r.format !== 'circle') map.set(r.id, pairMembers(r));
  if (!circles.length) return map;
  const rows = await db
    .select()
    .from(relationshipMembers)
    .where(inArray(relationshipMembers.relationshipId, circles));
  const order = { facilitator: 0, peer: 1, member: 2 } as const;
  rows.sort((a, b) => order[a.role] - order[b.role] || (a.personId < b.personId ? -1 : 1));
  for (const row of rows)
    map.set(row.relationshipId, [
      ...(map.get(row.relationshipId) ?? []),
      {
        personId: row.personId,
        role: row.role,
        response: row.response,
        signedAt: row.signedAt,
        fit: row.fit,
      },
    ]);
  return map;
}

export async function membersOf(db: Queryable, rel: RelRef): Promise<Member[]> {
  return (await membersOfMany(db, [rel])).get(rel.id) ?? [];
}

/** The people who take part in the relationship's life: in a circle, everyone who has not declined. */
export const activeMembers = (members: Member[]) => members.filter((m) => m.response !== 'declined');

/**
 * Loads a relationship the actor may see: anyone in it, or a manager of the
 * organisation (state only). Anyone else gets not_found, as if it did not exist.
 */
export async function requireRelationship(
  db: Queryable,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<RelationshipRow> {
  return (await loadRelationship(db, actor, id, options)).rel;
}

async function loadRelationship(
  db: Queryable,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean },
): Promise<{ rel: RelationshipRow; members: Member[] }> {
  const q = db
    .select()
    .from(relationships)
    .where(and(eq(relationships.id, id), eq(relationships.orgId, actor.orgId)))
    .limit(1);
  const [row] = options.forUpdate ? await q.for('update') : await q;
  if (!row) throw notFound('Relationship');
  const members = await membersOf(db, row);
  const mine = members.some((m) => m.personId === actor.personId);
  if (!mine && !isManager(actor)) throw notFound('Relationship');
  return { rel: row, members };
}

/** What a use case needs to act as someone inside a relationship. */
export interface Party {
  rel: RelationshipRow;
  side: Side;
  /** Everyone taking part (a circle's declined members are out), the actor included. */
  people: string[];
  /** Everyone taking part but the actor. */
  others: string[];
  members: Member[];
}

/**
 * Loads a relationship the actor takes part in (one of a pair, or a circle member who has
 * not declined); managers are refused its content.
 */
export async function requireParty(
  db: Queryable,
  actor: Actor,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<Party> {
  const { rel, members } = await loadRelationship(db, actor, id, options);
  const taking = rel.format === 'circle' ? activeMembers(members) : members;
  const me = taking.find((m) => m.personId === actor.personId);
  if (!me)
    throw new AppError('forbidden', 'Only the people in a relationship can see or change its content.');
  const people = taking.map((m) => m.personId);
  return { rel, side: me.role, people, others: people.filter((p) => p !== me.personId), members };
}

/** The place of a person in a relationship whose members are known. */
export const roleIn = (members: Member[], personId: string | null): Side | null =>
  members.find((m) => m.personId === personId)?.role ?? null;

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
  /** pair: a mentor and a mentee; peer: two equals; circle: a circle or a trio of peers (see members). */
  format: z.enum(['pair', 'peer', 'circle']),
  /** A circle's name. */
  name: z.string().nullable(),
  /** A pair's mentor, a peer pair's first person, a circle's lead facilitator (or first peer). */
  mentor: personSummarySchema,
  /** A pair's mentee or a peer pair's second person; null for a circle. */
  mentee: personSummarySchema.nullable(),
  /** Everyone in it, with their place and their answer to the proposal. */
  members: z.array(
    personSummarySchema.extend({
      role: roleSchema,
      response: z.enum(matchResponses),
      fit: z.object({ topicFit: z.number(), reasons: z.array(z.string()) }).nullable(),
    }),
  ),
  /** A circle starts once this many members have accepted. */
  minMembers: z.number().int().nullable(),
  /** The viewer's place (peer for either of two peers), or null for a manager looking on. */
  myRole: roleSchema.nullable(),
  /** The viewer's column in a pair or peer pair (mentor or mentee), null in a circle. */
  mySide: sideSchema.nullable(),
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
    members: Map<string, Member[]>;
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
  const members = ctx.members.get(r.id) ?? [];
  const peer = r.format === 'peer';
  return {
    id: r.id,
    programmeId: r.programmeId,
    programmeName: programme?.name ?? null,
    programmeKind: programme?.kind ?? null,
    format: r.format,
    name: r.name,
    /** A pair's mentor, a peer pair's first person, a circle's lead facilitator (or first peer). */
    mentor: person(r.mentorId),
    /** A pair's mentee or a peer pair's second person; null for a circle. */
    mentee: r.menteeId ? person(r.menteeId) : null,
    /** Everyone in it, with their place and their answer to the proposal. */
    members: members.map((m) => ({
      ...person(m.personId),
      role: peer ? ('peer' as const) : m.role,
      response: m.response,
      fit: m.fit,
    })),
    minMembers: r.minMembers,
    myRole: ((role) => (role && peer ? 'peer' : role))(roleIn(members, viewer.personId)),
    mySide: ((side) => (side === 'mentor' || side === 'mentee' ? side : null))(sideOf(r, viewer.personId)),
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
      if (rel?.format === 'pair' && c.cancelledBy === rel.mentorId) m.cancelledByMentor += c.n;
      if (rel?.format === 'pair' && c.cancelledBy === rel.menteeId) m.cancelledByMentee += c.n;
    }
    map.set(c.relationshipId, m);
  }
  return map;
}

export async function presentRelationships(db: Queryable, viewer: Actor, rows: RelationshipRow[]) {
  // One after another: inside a transaction the queries share one connection.
  const members = await membersOfMany(db, rows);
  const ppl = await peopleById(
    db,
    viewer.orgId,
    rows.flatMap((r) => (members.get(r.id) ?? []).map((m) => m.personId)),
  );
  const progs = await programmeNames(
    db,
    rows.map((r) => r.programmeId),
  );
  const counts = await meetingCountsOf(db, rows);
  return rows.map((r) =>
    presentRelationship(r, viewer, { people: ppl, programmes: progs, meetings: counts, members }),
  );
}

export function assertVersion(current: number, given: number | undefined, what: string): void {
  if (given !== undefined && given !== current) {
    throw new AppError('stale_version', `${what} was changed by someone else; reload it and try again.`, {
      fields: [{ path: 'version', message: 'is not the current version' }],
    });
  }
}
