// Meetings: schedule, reschedule, cancel and record, each with a downloadable
// .ics whose UID stays and whose SEQUENCE rises with every change.
import { and, asc, count, eq, gt, inArray, lt, ne, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable, Tx } from '../db/client.js';
import {
  enrolments,
  meetings,
  people,
  programmes,
  relationshipMembers,
  relationships,
  topics,
} from '../db/schema.js';
import { AppError, conflict, fieldError, notFound } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { queueNotifications } from '../notifications/outbox.js';
import {
  assertStatus,
  assertVersion,
  type Member,
  type Party,
  requireParty,
  roleIn,
  roleSchema,
} from './access.js';
import {
  type Agenda,
  agendaSchema,
  agendaTemplateKeys,
  agendaTemplates,
  defaultTemplate,
} from './agendas.js';
import { assertAgreed } from './agreements.js';
import { meetingIcs } from './ics.js';

const isoInstant = z.iso.datetime({
  offset: true,
  message: 'must be a date and time with a zone, like 2027-01-12T10:00:00Z',
});
const customAgenda = z
  .object({
    title: z.string().trim().min(1, 'is required').max(200),
    items: z
      .array(
        z.object({
          title: z.string().trim().min(1, 'is required').max(200),
          prompt: z.string().trim().max(1000).default(''),
          lead: z.enum(['mentee', 'mentor', 'both']).default('both'),
        }),
      )
      .min(1, 'needs at least one item')
      .max(20),
  })
  .strict();

export const scheduleSchema = z
  .object({
    startsAt: isoInstant,
    durationMinutes: z
      .number()
      .int()
      .min(15, 'must be at least 15')
      .max(480, 'must be at most 480')
      .optional(),
    location: z.string().trim().max(500).optional(),
    /** A template key (see agenda-templates) or an agenda of your own. */
    agendaTemplate: z.enum(agendaTemplateKeys).optional(),
    agenda: customAgenda.optional(),
  })
  .strict()
  .refine((m) => !(m.agenda && m.agendaTemplate), {
    message: 'give either agenda or agendaTemplate, not both',
    path: ['agenda'],
  });

export const rescheduleSchema = z
  .object({
    startsAt: isoInstant.optional(),
    durationMinutes: z
      .number()
      .int()
      .min(15, 'must be at least 15')
      .max(480, 'must be at most 480')
      .optional(),
    location: z.string().trim().max(500).nullable().optional(),
    agendaTemplate: z.enum(agendaTemplateKeys).optional(),
    agenda: customAgenda.optional(),
    version: z.number().int().min(1, 'must be the version you loaded'),
  })
  .strict()
  .refine((m) => !(m.agenda && m.agendaTemplate), {
    message: 'give either agenda or agendaTemplate, not both',
    path: ['agenda'],
  });

export const versionSchema = z
  .object({ version: z.number().int().min(1, 'must be the version you loaded') })
  .strict();

export const meetingStatuses = ['scheduled', 'held', 'cancelled'] as const;
export type MeetingStatus = (typeof meetingStatuses)[number];

export const meetingResponseSchema = z.object({
  id: z.string(),
  relationshipId: z.string(),
  startsAt: z.string(),
  endsAt: z.string(),
  durationMinutes: z.number().int(),
  location: z.string().nullable(),
  status: z.enum(meetingStatuses),
  agenda: agendaSchema,
  /** The iCalendar SEQUENCE: it rises with every change sent to calendars. */
  sequence: z.number().int(),
  /** Who cancelled: their place in the relationship, or a manager. */
  cancelledBy: z.enum([...roleSchema.options, 'manager']).nullable(),
  cancelledAt: z.string().nullable(),
  heldAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MeetingResponse = z.infer<typeof meetingResponseSchema>;

export const meetingListSchema = z.object({
  meetings: z.array(meetingResponseSchema),
  cancellations: z.object({
    total: z.number().int(),
    byMentor: z.number().int(),
    byMentee: z.number().int(),
    byOthers: z.number().int(),
  }),
});

type MeetingRow = typeof meetings.$inferSelect;

export function presentMeeting(m: MeetingRow, members: Member[]): MeetingResponse {
  return {
    id: m.id,
    relationshipId: m.relationshipId,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    durationMinutes: m.durationMinutes,
    location: m.location,
    status: m.status,
    agenda: m.agenda,
    sequence: m.sequence,
    cancelledBy: m.cancelledBy ? (roleIn(members, m.cancelledBy) ?? 'manager') : null,
    cancelledAt: m.cancelledAt?.toISOString() ?? null,
    heldAt: m.heldAt?.toISOString() ?? null,
    version: m.version,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

/** The programme's kind and name, and the topics the learners seek (a pair's mentee; everyone in peers and circles). */
async function kindAndTopics(
  db: Queryable,
  party: Pick<Party, 'rel' | 'people'>,
): Promise<{ kind: string; name: string; topics: string[] }> {
  const { rel } = party;
  const [p] = await db
    .select({ kind: programmes.kind, name: programmes.name })
    .from(programmes)
    .where(eq(programmes.id, rel.programmeId));
  const learners = rel.format === 'pair' ? [rel.menteeId as string] : party.people;
  const rows = await db
    .select({ seeks: enrolments.seeks })
    .from(enrolments)
    .where(and(eq(enrolments.programmeId, rel.programmeId), inArray(enrolments.personId, learners)));
  const ids = [
    ...new Set(
      rows
        .flatMap((e) => e.seeks ?? [])
        .sort((a, b) => a.priority - b.priority)
        .map((s) => s.topicId),
    ),
  ];
  const names = ids.length
    ? await db.select({ id: topics.id, name: topics.name }).from(topics).where(inArray(topics.id, ids))
    : [];
  const byId = new Map(names.map((t) => [t.id, t.name]));
  return {
    kind: p?.kind ?? 'conventional',
    name: p?.name ?? 'Mentoring',
    topics: ids.flatMap((id) => byId.get(id) ?? []),
  };
}

export async function listAgendaTemplates(db: Db, actor: Actor, relationshipId: string) {
  const party = await requireParty(db, actor, relationshipId);
  const { kind, topics } = await kindAndTopics(db, party);
  return agendaTemplates(kind, topics);
}

/** Serialises scheduling for these people (in a fixed order), so two overlapping meetings cannot both slip in. */
async function lockCalendars(tx: Tx, personIds: string[]) {
  for (const id of [...personIds].sort())
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`calendar:${id}`}))`);
}

/** Refuses a time when anyone in it already has a meeting (in any relationship) that overlaps it. */
async function assertNoOverlap(
  tx: Tx,
  { rel, people: personIds }: Party,
  startsAt: Date,
  endsAt: Date,
  exceptMeetingId?: string,
) {
  const theirs = await tx
    .select({ id: relationships.id })
    .from(relationships)
    .where(
      and(
        eq(relationships.orgId, rel.orgId),
        or(
          inArray(relationships.mentorId, personIds),
          inArray(relationships.menteeId, personIds),
          inArray(
            relationships.id,
            tx
              .select({ id: relationshipMembers.relationshipId })
              .from(relationshipMembers)
              .where(
                and(
                  eq(relationshipMembers.orgId, rel.orgId),
                  inArray(relationshipMembers.personId, personIds),
                  ne(relationshipMembers.response, 'declined'),
                ),
              ),
          ),
        ),
      ),
    );
  const relIds = theirs.map((r) => r.id);
  const filters = [
    inArray(meetings.relationshipId, relIds),
    eq(meetings.status, 'scheduled'),
    lt(meetings.startsAt, endsAt),
    gt(meetings.endsAt, startsAt),
  ];
  if (exceptMeetingId) filters.push(ne(meetings.id, exceptMeetingId));
  const [clash] = await tx
    .select({ startsAt: meetings.startsAt, endsAt: meetings.endsAt })
    .from(meetings)
    .where(and(...filters))
    .limit(1);
  if (clash) {
    throw new AppError(
      'conflict',
      `One of you already has a meeting from ${clash.startsAt.toISOString()} to ${clash.endsAt.toISOString()}; choose another time.`,
      {
        fields: [{ path: 'startsAt', message: 'overlaps another meeting of one of you' }],
      },
    );
  }
}

const horizonDays = 3 * 366;

function assertFuture(startsAt: Date, now: Date) {
  if (startsAt.getTime() <= now.getTime())
    throw fieldError('startsAt', 'is in the past; meetings are scheduled ahead');
  if (startsAt.getTime() > now.getTime() + horizonDays * 86_400_000)
    throw fieldError('startsAt', 'is more than three years ahead');
}

function resolveAgenda(
  kind: string,
  topics: string[],
  input: { agendaTemplate?: string | undefined; agenda?: Agenda | Omit<Agenda, 'template'> | undefined },
  first: boolean,
): Agenda {
  if (input.agenda) return { template: 'custom', title: input.agenda.title, items: input.agenda.items };
  const key = input.agendaTemplate ?? defaultTemplate(kind, first);
  const found = agendaTemplates(kind, topics).find((t) => t.template === key);
  if (!found) throw fieldError('agendaTemplate', `is not a template for ${kind} programmes`);
  return found;
}

/** Everyone taking part, as invitations and emails need them; whom each of them meets. */
async function everyoneIn(db: Queryable, party: Party) {
  const ppl = await db
    .select({ id: people.id, name: people.name, email: people.email, timeZone: people.timeZone })
    .from(people)
    .where(inArray(people.id, party.people));
  const list = party.people.map((id) => {
    const p = ppl.find((x) => x.id === id);
    if (!p) throw notFound('Person');
    return p;
  });
  /** Whom a person meets: their partner's name, or their circle. */
  const othersOf = (personId: string) =>
    party.rel.format === 'circle'
      ? `the circle ${party.rel.name ?? ''}`.trim()
      : (list.find((p) => p.id !== personId)?.name ?? '');
  return { list, othersOf };
}

/** The invitation with everyone taking part as an attendee, each with their place in it. */
async function icsFor(db: Queryable, party: Party, m: MeetingRow, programmeName: string): Promise<string> {
  const { list } = await everyoneIn(db, party);
  const peer = party.rel.format === 'peer';
  const attendees = list.map((p) => ({
    ...p,
    role: peer ? 'peer' : (roleIn(party.members, p.id) ?? 'member'),
  }));
  return meetingIcs(m, attendees, programmeName, party.rel.name);
}

/** Sends everyone else in the relationship the change, with the invitation attached. */
async function notifyOthers(
  tx: Tx,
  party: Party,
  m: MeetingRow,
  programmeName: string,
  kind: 'meeting.scheduled' | 'meeting.updated' | 'meeting.cancelled',
) {
  const ics = await icsFor(tx, party, m, programmeName);
  const { list, othersOf } = await everyoneIn(tx, party);
  await queueNotifications(
    tx,
    party.rel.orgId,
    list
      .filter((p) => party.others.includes(p.id))
      .map((p) => ({
        kind,
        recipientId: p.id,
        data: {
          relationshipId: party.rel.id,
          partnerName: othersOf(p.id),
          startsAt: m.startsAt.toISOString(),
          durationMinutes: m.durationMinutes,
          timeZone: p.timeZone,
          agendaTitle: m.agenda.title,
        },
        ics,
        dedupeKey: `${kind}:${m.id}:${m.sequence}:${p.id}`,
      })),
  );
}

const recordGraceMs = 15 * 60_000;

/** Schedules a meeting (after the agreement is signed): in the future, and clear of both people's other meetings. */
export async function scheduleMeeting(
  db: Db,
  actor: Actor,
  relationshipId: string,
  input: z.infer<typeof scheduleSchema>,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const party = await requireParty(tx, actor, relationshipId, { forUpdate: true });
    const { rel } = party;
    assertStatus(rel, ['active'], 'schedule a meeting');
    const agreement = await assertAgreed(tx, rel);
    const startsAt = new Date(input.startsAt);
    assertFuture(startsAt, now);
    const durationMinutes = input.durationMinutes ?? agreement.meetingMinutes;
    const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
    await lockCalendars(tx, party.people);
    await assertNoOverlap(tx, party, startsAt, endsAt);
    const { kind, name, topics } = await kindAndTopics(tx, party);
    const [held] = await tx
      .select({ n: count() })
      .from(meetings)
      .where(and(eq(meetings.relationshipId, rel.id), ne(meetings.status, 'cancelled')));
    const agenda = resolveAgenda(kind, topics, input, (held?.n ?? 0) === 0);
    const [row] = await tx
      .insert(meetings)
      .values({
        orgId: rel.orgId,
        relationshipId: rel.id,
        startsAt,
        durationMinutes,
        endsAt,
        location: input.location ?? null,
        agenda,
        createdBy: actor.personId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await notifyOthers(tx, party, row, name, 'meeting.scheduled');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'meeting.scheduled',
      entityType: 'meeting',
      entityId: row.id,
      details: { relationshipId: rel.id },
    });
    return presentMeeting(row, party.members);
  });
}

async function requireMeeting(tx: Queryable, actor: Actor, meetingId: string, forUpdate: boolean) {
  const [m] = await tx
    .select({ relationshipId: meetings.relationshipId })
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.orgId, actor.orgId)));
  if (!m) throw notFound('Meeting');
  const party = await requireParty(tx, actor, m.relationshipId, { forUpdate });
  const q = tx.select().from(meetings).where(eq(meetings.id, meetingId));
  const [meeting] = forUpdate ? await q.for('update') : await q;
  if (!meeting) throw notFound('Meeting');
  return { party, rel: party.rel, side: party.side, meeting };
}

/** Moves a meeting or changes its agenda or place; the .ics SEQUENCE rises. */
export async function rescheduleMeeting(
  db: Db,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof rescheduleSchema>,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const { party, rel, meeting } = await requireMeeting(tx, actor, meetingId, true);
    assertVersion(meeting.version, input.version, 'This meeting');
    if (meeting.status !== 'scheduled')
      throw new AppError('illegal_transition', `A ${meeting.status} meeting cannot be changed.`, {
        fields: [{ path: 'status', message: `is ${meeting.status}` }],
      });
    assertStatus(rel, ['active'], 'reschedule a meeting');
    const startsAt = input.startsAt ? new Date(input.startsAt) : meeting.startsAt;
    if (input.startsAt) assertFuture(startsAt, now);
    const durationMinutes = input.durationMinutes ?? meeting.durationMinutes;
    const endsAt = new Date(startsAt.getTime() + durationMinutes * 60_000);
    if (input.startsAt || input.durationMinutes) {
      await lockCalendars(tx, party.people);
      await assertNoOverlap(tx, party, startsAt, endsAt, meeting.id);
    }
    const { kind, name, topics } = await kindAndTopics(tx, party);
    const agenda =
      input.agenda || input.agendaTemplate ? resolveAgenda(kind, topics, input, false) : meeting.agenda;
    const [row] = await tx
      .update(meetings)
      .set({
        startsAt,
        endsAt,
        durationMinutes,
        agenda,
        ...(input.location !== undefined ? { location: input.location } : {}),
        sequence: meeting.sequence + 1,
        version: meeting.version + 1,
        updatedAt: new Date(),
      })
      .where(and(eq(meetings.id, meeting.id), eq(meetings.version, meeting.version)))
      .returning();
    if (!row)
      throw conflict('Someone else changed this meeting at the same moment; reload it and try again.');
    await notifyOthers(tx, party, row, name, 'meeting.updated');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'meeting.rescheduled',
      entityType: 'meeting',
      entityId: row.id,
    });
    return presentMeeting(row, party.members);
  });
}

/** Cancels a meeting; cancellations are counted, with who cancelled. */
export async function cancelMeeting(
  db: Db,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof versionSchema>,
) {
  return db.transaction(async (tx) => {
    const { party, side, meeting } = await requireMeeting(tx, actor, meetingId, true);
    assertVersion(meeting.version, input.version, 'This meeting');
    if (meeting.status !== 'scheduled')
      throw new AppError('illegal_transition', `A ${meeting.status} meeting cannot be cancelled.`, {
        fields: [{ path: 'status', message: `is ${meeting.status}` }],
      });
    const now = new Date();
    const [row] = await tx
      .update(meetings)
      .set({
        status: 'cancelled',
        cancelledBy: actor.personId,
        cancelledAt: now,
        sequence: meeting.sequence + 1,
        version: meeting.version + 1,
        updatedAt: now,
      })
      .where(eq(meetings.id, meeting.id))
      .returning();
    const { name } = await kindAndTopics(tx, party);
    await notifyOthers(tx, party, row as MeetingRow, name, 'meeting.cancelled');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'meeting.cancelled',
      entityType: 'meeting',
      entityId: meeting.id,
      details: { by: side },
    });
    return presentMeeting(row as MeetingRow, party.members);
  });
}

/** Records a meeting as held (once it has started) and asks both people for feedback. */
export async function recordMeeting(
  db: Db,
  actor: Actor,
  meetingId: string,
  input: z.infer<typeof versionSchema>,
  now = new Date(),
) {
  return db.transaction(async (tx) => {
    const { party, rel, meeting } = await requireMeeting(tx, actor, meetingId, true);
    assertVersion(meeting.version, input.version, 'This meeting');
    if (meeting.status !== 'scheduled')
      throw new AppError('illegal_transition', `A ${meeting.status} meeting cannot be recorded as held.`, {
        fields: [{ path: 'status', message: `is ${meeting.status}` }],
      });
    // People open the app as they sit down together: recording opens shortly before the start.
    if (meeting.startsAt.getTime() - recordGraceMs > now.getTime())
      throw new AppError('conflict', 'This meeting has not started yet; record it once it is under way.', {
        fields: [{ path: 'startsAt', message: 'is more than 15 minutes away' }],
      });
    const [row] = await tx
      .update(meetings)
      .set({ status: 'held', heldAt: now, version: meeting.version + 1, updatedAt: now })
      .where(eq(meetings.id, meeting.id))
      .returning();
    const { list, othersOf } = await everyoneIn(tx, party);
    await queueNotifications(
      tx,
      rel.orgId,
      list.map((person) => ({
        kind: 'feedback.requested' as const,
        recipientId: person.id,
        data: { relationshipId: rel.id, partnerName: othersOf(person.id) },
        dedupeKey: `feedback.requested:${meeting.id}:${person.id}`,
      })),
    );
    await writeAudit(tx, actor, actor.orgId, {
      action: 'meeting.held',
      entityType: 'meeting',
      entityId: meeting.id,
    });
    return presentMeeting(row as MeetingRow, party.members);
  });
}

/** A relationship's meetings, with cancellations counted by who cancelled. */
export async function listMeetings(db: Db, actor: Actor, relationshipId: string) {
  const { rel, members } = await requireParty(db, actor, relationshipId);
  const rows = await db
    .select()
    .from(meetings)
    .where(eq(meetings.relationshipId, rel.id))
    .orderBy(asc(meetings.startsAt));
  const list = rows.map((m) => presentMeeting(m, members));
  const cancellations = { total: 0, byMentor: 0, byMentee: 0, byOthers: 0 };
  for (const m of list) {
    if (m.status !== 'cancelled') continue;
    cancellations.total++;
    if (m.cancelledBy === 'mentor') cancellations.byMentor++;
    else if (m.cancelledBy === 'mentee') cancellations.byMentee++;
    else cancellations.byOthers++;
  }
  return { meetings: list, cancellations };
}

export async function getMeeting(db: Db, actor: Actor, meetingId: string) {
  const { party, meeting } = await requireMeeting(db, actor, meetingId, false);
  return presentMeeting(meeting, party.members);
}

/** The meeting's invitation as RFC 5545 text. */
export async function getMeetingIcs(db: Db, actor: Actor, meetingId: string): Promise<string> {
  const { party, meeting } = await requireMeeting(db, actor, meetingId, false);
  const { name } = await kindAndTopics(db, party);
  return icsFor(db, party, meeting, name);
}
