// Enrolment: a person joins a programme as mentor, mentee or (mutual) both,
// saying what they offer and seek, their goals, availability and consent.
import { and, asc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { countColumn, countMatches, countParam, one, totalBeside } from '../db/counted-page.js';
import { enrolments, people, programmes, programmeTopics, topics } from '../db/schema.js';
import {
  AppError,
  conflict,
  fieldError,
  forbidden,
  notFound,
  staleVersion,
  validationFailed,
} from '../errors.js';
import { type Actor, isManager } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { hasLeft } from '../identity/standing.js';
import { escapeLike, requirePerson } from '../people/people.js';
import { hiddenFrom, requireProgramme } from './programmes.js';

export const enrolmentRoles = ['mentor', 'mentee', 'both'] as const;
export type EnrolmentRole = (typeof enrolmentRoles)[number];
export const enrolmentStatuses = ['active', 'withdrawn'] as const;
export type EnrolmentStatus = (typeof enrolmentStatuses)[number];

const offerSchema = z.object({
  topicId: z.string().uuid('must be a topic id'),
  proficiency: z.number().int().min(1, 'must be 1 to 5').max(5, 'must be 1 to 5'),
});
const seekSchema = z.object({
  topicId: z.string().uuid('must be a topic id'),
  priority: z.number().int().min(1, 'must be 1 (highest) to 3').max(3, 'must be 1 (highest) to 3'),
});
const slotSchema = z
  .object({
    day: z
      .number()
      .int()
      .min(1, 'must be 1 (Monday) to 7 (Sunday)')
      .max(7, 'must be 1 (Monday) to 7 (Sunday)'),
    start: z.number().int().min(0).max(1439),
    end: z.number().int().min(1).max(1440),
  })
  .refine((s) => s.end > s.start, { message: 'must end after it starts', path: ['end'] });
export const preferencesSchema = z
  .object({
    preferredMentorIds: z.array(z.string().uuid('must be a person id')).max(10).default([]),
    preferDifferentDepartment: z.boolean().optional(),
    note: z.string().trim().max(500).optional(),
  })
  .strict();

const profileFields = {
  offers: z.array(offerSchema).max(30),
  seeks: z.array(seekSchema).max(30),
  goals: z.string().trim().max(4000),
  availability: z.array(slotSchema).max(50),
  capacity: z.number().int().min(0, 'must be 0 or more').max(20, 'must be at most 20'),
  preferences: preferencesSchema,
};

export const enrolSchema = z
  .object({
    personId: z.string().uuid().optional(),
    role: z.enum(enrolmentRoles),
    offers: profileFields.offers.default([]),
    seeks: profileFields.seeks.default([]),
    goals: profileFields.goals.default(''),
    availability: profileFields.availability.default([]),
    capacity: profileFields.capacity.optional(),
    preferences: preferencesSchema.default({ preferredMentorIds: [] }),
    consent: z.literal(true, {
      error: 'must be given to enrol: you agree that your profile is used for matching',
    }),
  })
  .strict();
export type EnrolInput = z.infer<typeof enrolSchema>;

export const updateEnrolmentSchema = z
  .object(profileFields)
  .partial()
  .extend({ version: z.number().int().min(1) })
  .strict();
export type UpdateEnrolmentInput = z.infer<typeof updateEnrolmentSchema>;

// What leaves the server: the stored profile as it is, without the input rules' messages.
const offerView = z.object({ topicId: z.string(), proficiency: z.number().int() });
const seekView = z.object({ topicId: z.string(), priority: z.number().int() });
const slotView = z.object({ day: z.number().int(), start: z.number().int(), end: z.number().int() });
const preferencesView = z.object({
  preferredMentorIds: z.array(z.string()),
  preferDifferentDepartment: z.boolean().optional(),
  note: z.string().optional(),
});
export const enrolmentResponseSchema = z.object({
  id: z.string(),
  programmeId: z.string(),
  personId: z.string(),
  person: z
    .object({
      name: z.string(),
      department: z.string().nullable(),
      jobTitle: z.string().nullable(),
      jobLevel: z.number().int(),
    })
    .nullable(),
  role: z.enum(enrolmentRoles),
  offers: z.array(offerView),
  seeks: z.array(seekView),
  goals: z.string(),
  availability: z.array(slotView),
  capacity: z.number().int(),
  preferences: preferencesView,
  consentAt: z.string(),
  status: z.enum(enrolmentStatuses),
  withdrawnAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type EnrolmentResponse = z.infer<typeof enrolmentResponseSchema>;
export type Offer = z.infer<typeof offerView>;
export type Seek = z.infer<typeof seekView>;
export type Slot = z.infer<typeof slotView>;
export type Preferences = z.infer<typeof preferencesView>;

type EnrolmentRow = typeof enrolments.$inferSelect;

export function presentEnrolment(
  e: EnrolmentRow,
  person?: { name: string; department: string | null; jobTitle: string | null; jobLevel: number },
) {
  return {
    id: e.id,
    programmeId: e.programmeId,
    personId: e.personId,
    person: person ?? null,
    role: e.role,
    offers: e.offers,
    seeks: e.seeks,
    goals: e.goals,
    availability: e.availability,
    capacity: e.capacity,
    preferences: e.preferences,
    consentAt: e.consentAt.toISOString(),
    status: e.status,
    withdrawnAt: e.withdrawnAt?.toISOString() ?? null,
    version: e.version,
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

const teaches = (role: string) => role === 'mentor' || role === 'both';
const learns = (role: string) => role === 'mentee' || role === 'both';

/** Checks a profile against the programme: its topics, its kind and the role. */
async function assertProfile(
  db: Queryable,
  programme: { id: string; kind: string; orgId: string },
  role: string,
  profile: {
    offers: { topicId: string }[];
    seeks: { topicId: string }[];
    capacity: number;
    preferences: { preferredMentorIds?: string[] };
  },
  personId: string,
) {
  if (role === 'both' && programme.kind !== 'mutual')
    throw fieldError('role', 'can be "both" only in a mutual programme');
  const allowed = new Set(
    (
      await db
        .select({ id: programmeTopics.topicId })
        .from(programmeTopics)
        .where(eq(programmeTopics.programmeId, programme.id))
    ).map((r) => r.id),
  );
  const problems: { path: string; message: string }[] = [];
  for (const [list, name] of [
    [profile.offers, 'offers'],
    [profile.seeks, 'seeks'],
  ] as const) {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      if (!allowed.has(item.topicId))
        problems.push({ path: `${name}.${i}.topicId`, message: 'is not a topic of this programme' });
      if (seen.has(item.topicId)) problems.push({ path: `${name}.${i}.topicId`, message: 'is listed twice' });
      seen.add(item.topicId);
    });
  }
  if (teaches(role) && profile.offers.length === 0)
    problems.push({ path: 'offers', message: 'a mentor offers at least one topic' });
  if (learns(role) && profile.seeks.length === 0)
    problems.push({ path: 'seeks', message: 'a mentee seeks at least one topic' });
  if (teaches(role) && profile.capacity < 1)
    problems.push({ path: 'capacity', message: 'a mentor takes at least one mentee' });
  if (!teaches(role) && profile.capacity > 0)
    problems.push({ path: 'capacity', message: 'only mentors have a capacity' });
  const preferred = profile.preferences.preferredMentorIds ?? [];
  if (preferred.includes(personId)) {
    problems.push({ path: 'preferences.preferredMentorIds', message: 'cannot include yourself' });
  }
  // Only people of this organisation: another tenant's ids are as unknown as made-up ones.
  if (preferred.length > 0) {
    const known = new Set(
      (
        await db
          .select({ id: people.id })
          .from(people)
          .where(and(eq(people.orgId, programme.orgId), inArray(people.id, preferred)))
      ).map((r) => r.id),
    );
    preferred.forEach((id, i) => {
      if (!known.has(id))
        problems.push({
          path: `preferences.preferredMentorIds.${i}`,
          message: 'is not a person of this organisation',
        });
    });
  }
  if (problems.length) throw validationFailed('The enrolment is not valid.', problems);
}

/** Participants enrol and edit while enrolling; managers may still adjust during matching. */
const takesProfiles = (programme: { status: string }, actor: Actor) =>
  programme.status === 'enrolling' || (isManager(actor) && programme.status === 'matching');

async function requireEnrolment(db: Queryable, actor: Actor, id: string): Promise<EnrolmentRow> {
  const [row] = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.id, id), eq(enrolments.orgId, actor.orgId)))
    .limit(1);
  // Someone else's enrolment is simply not there for a participant.
  if (!row || (!isManager(actor) && row.personId !== actor.personId)) throw notFound('Enrolment');
  return row;
}

export async function enrol(db: Db, actor: Actor, programmeId: string, input: EnrolInput) {
  const personId = input.personId ?? actor.personId;
  if (!personId) throw fieldError('personId', 'is required: this account is not linked to a person');
  if (personId !== actor.personId && !isManager(actor)) throw forbidden('You can enrol only yourself.');
  return db.transaction(async (tx) => {
    const programme = await requireProgramme(tx, actor, programmeId);
    if (!takesProfiles(programme, actor))
      throw conflict(`This programme is ${programme.status}; it is not taking enrolments.`);
    const person = await requirePerson(tx, actor.orgId, personId);
    if (hasLeft(person.leaveDate)) {
      throw fieldError('personId', 'this person has left the organisation');
    }
    const capacity = input.capacity ?? (teaches(input.role) ? programme.defaultMentorCapacity : 0);
    await assertProfile(tx, programme, input.role, { ...input, capacity }, personId);
    const values = {
      orgId: actor.orgId,
      programmeId,
      personId,
      role: input.role,
      offers: input.offers,
      seeks: input.seeks,
      goals: input.goals,
      availability: input.availability,
      capacity,
      preferences: input.preferences,
      consentAt: new Date(),
      status: 'active' as const,
      withdrawnAt: null,
    };
    const [existing] = await tx
      .select()
      .from(enrolments)
      .where(and(eq(enrolments.programmeId, programmeId), eq(enrolments.personId, personId)));
    let row: EnrolmentRow | undefined;
    if (existing?.status === 'active') {
      throw new AppError('conflict', 'This person is already enrolled in the programme.', {
        details: { enrolmentId: existing.id },
      });
    }
    if (existing) {
      [row] = await tx
        .update(enrolments)
        .set({ ...values, version: existing.version + 1, updatedAt: new Date() })
        .where(eq(enrolments.id, existing.id))
        .returning();
    } else {
      [row] = await tx.insert(enrolments).values(values).returning();
    }
    if (!row) throw new Error('enrolment write returned nothing');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'enrolment.created',
      entityType: 'enrolment',
      entityId: row.id,
      details: { programmeId, personId, role: input.role },
    });
    return presentEnrolment(row);
  });
}

export async function getEnrolment(db: Db, actor: Actor, id: string) {
  return presentEnrolment(await requireEnrolment(db, actor, id));
}

export async function updateEnrolment(db: Db, actor: Actor, id: string, input: UpdateEnrolmentInput) {
  return db.transaction(async (tx) => {
    const current = await requireEnrolment(tx, actor, id);
    if (current.version !== input.version) throw staleVersion('This enrolment');
    if (current.status !== 'active') throw conflict('This enrolment was withdrawn; enrol again instead.');
    const programme = await requireProgramme(tx, actor, current.programmeId);
    if (!takesProfiles(programme, actor))
      throw conflict(`This programme is ${programme.status}; profiles can no longer change.`);
    const { version, ...changes } = input;
    const merged = {
      offers: (changes.offers ?? current.offers) as { topicId: string }[],
      seeks: (changes.seeks ?? current.seeks) as { topicId: string }[],
      capacity: changes.capacity ?? current.capacity,
      preferences: (changes.preferences ?? current.preferences) as { preferredMentorIds?: string[] },
    };
    await assertProfile(tx, programme, current.role, merged, current.personId);
    const [row] = await tx
      .update(enrolments)
      .set({ ...changes, version: version + 1, updatedAt: new Date() })
      .where(and(eq(enrolments.id, id), eq(enrolments.version, version)))
      .returning();
    if (!row) throw staleVersion('This enrolment');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'enrolment.updated',
      entityType: 'enrolment',
      entityId: id,
      details: { fields: Object.keys(changes) },
    });
    return presentEnrolment(row);
  });
}

export async function withdrawEnrolment(db: Db, actor: Actor, id: string) {
  return db.transaction(async (tx) => {
    const current = await requireEnrolment(tx, actor, id);
    if (current.status === 'withdrawn') throw conflict('This enrolment is already withdrawn.');
    const [row] = await tx
      .update(enrolments)
      .set({
        status: 'withdrawn',
        withdrawnAt: new Date(),
        version: current.version + 1,
        updatedAt: new Date(),
      })
      .where(eq(enrolments.id, id))
      .returning();
    if (!row) throw notFound('Enrolment');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'enrolment.withdrawn',
      entityType: 'enrolment',
      entityId: id,
    });
    return presentEnrolment(row);
  });
}

export const listEnrolmentsQuery = z.object({
  status: z.enum(['active', 'withdrawn', 'all']).default('active'),
  role: z.enum(enrolmentRoles).optional(),
  /** Words in the person's name, department or job title. */
  q: z.string().trim().max(200).optional(),
  /** Without a limit the whole list comes back; large programmes should page. */
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  /** With a limit: how far the count looks (a list without a limit counts exactly). */
  count: countParam,
});

export async function listEnrolments(
  db: Db,
  actor: Actor,
  programmeId: string,
  query: z.infer<typeof listEnrolmentsQuery>,
) {
  const orgFilter = eq(enrolments.orgId, actor.orgId);
  const filters = [eq(enrolments.programmeId, programmeId), orgFilter];
  if (!isManager(actor)) {
    if (!actor.personId) {
      await requireProgramme(db, actor, programmeId);
      return { items: [], total: 0, totalExact: true };
    }
    filters.push(eq(enrolments.personId, actor.personId));
  }
  if (query.status !== 'all') filters.push(eq(enrolments.status, query.status));
  if (query.role) filters.push(eq(enrolments.role, query.role));
  // The person's organisation as well: the page then walks that organisation's name index.
  const personFilters = [eq(people.orgId, actor.orgId), ...(query.q ? [matchesPerson(query.q)] : [])];
  const where = and(...filters, ...personFilters);
  // Only a search needs the people to count (an enrolment's person is of its organisation), and
  // the programme, already checked to be the actor's organisation's, bounds its enrolments: without
  // the organisation the count is an index-only scan of (programme, status, role).
  const countFilters = filters.filter((f) => f !== orgFilter);
  const matching = query.q
    ? db
        .select(one)
        .from(enrolments)
        .innerJoin(people, eq(people.id, enrolments.personId))
        .where(where)
        .$dynamic()
    : db
        .select(one)
        .from(enrolments)
        .where(and(...countFilters))
        .$dynamic();
  const counting =
    query.limit === undefined ? null : { offset: query.offset, limit: query.limit, count: query.count };
  // Ordered as the people list is (a person has one enrolment per programme, so this is a total
  // order): a page of a large programme walks people by name on their index and stops after it,
  // where sorting every enrolment by name read and sorted them all. A page carries its count and
  // the programme's status as columns: one round trip instead of three.
  const page = db
    .select({
      e: enrolments,
      name: people.name,
      department: people.department,
      jobTitle: people.jobTitle,
      jobLevel: people.jobLevel,
      programmeStatus: sql<
        string | null
      >`(select ${programmes.status} from ${programmes} where ${programmes.id} = ${programmeId} and ${programmes.orgId} = ${actor.orgId})`,
      ...(counting ? { counted: countColumn(matching, counting) } : {}),
    })
    .from(enrolments)
    .innerJoin(people, eq(people.id, enrolments.personId))
    .where(where)
    .orderBy(asc(sql`lower(${people.name})`), asc(people.id))
    .offset(query.offset);
  const rows = await (counting ? page.limit(counting.limit) : page);
  const first = rows[0] as { counted?: number; programmeStatus: string | null } | undefined;
  // Enrolments of the actor's organisation are of its programmes; an empty page asks whether the
  // programme is there at all.
  if (!first) await requireProgramme(db, actor, programmeId);
  else if (first.programmeStatus === null || hiddenFrom(actor, first.programmeStatus))
    throw notFound('Programme');
  const { total, totalExact } = counting
    ? await totalBeside(db, first?.counted, matching, counting)
    : query.offset === 0
      ? { total: rows.length, totalExact: true }
      : await countMatches(db, matching, { offset: 0, limit: 0, count: 'exact' });
  const items = rows.map((r) =>
    presentEnrolment(r.e, {
      name: r.name,
      department: r.department,
      jobTitle: r.jobTitle,
      jobLevel: r.jobLevel,
    }),
  );
  return { items, total, totalExact };
}

/** Every word of the search appears in the person's name, department or job title. */
function matchesPerson(q: string): SQL {
  const haystack = sql`lower(${people.name} || ' ' || coalesce(${people.department}, '') || ' ' || coalesce(${people.jobTitle}, ''))`;
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return and(...words.map((w) => sql`${haystack} like ${`%${escapeLike(w)}%`}`)) as SQL;
}

export const enrolmentSummarySchema = z.object({
  /** Active enrolments that mentor (role mentor or both). */
  mentors: z.number().int(),
  /** Active enrolments that are mentored (role mentee or both). */
  mentees: z.number().int(),
  /** Mentoring places: the capacities of the active mentors. */
  places: z.number().int(),
  withdrawn: z.number().int(),
  /** Per programme topic, how many active enrolments offer and seek it, most asked first. */
  topics: z.array(
    z.object({ topicId: z.string(), name: z.string(), offered: z.number().int(), sought: z.number().int() }),
  ),
});
export type EnrolmentSummary = z.infer<typeof enrolmentSummarySchema>;

/** The counts behind a programme's enrolment overview, computed in the database (managers only). */
export async function enrolmentSummary(db: Db, actor: Actor, programmeId: string): Promise<EnrolmentSummary> {
  const programme = await requireProgramme(db, actor, programmeId);
  if (!isManager(actor)) throw forbidden('Only programme managers see the enrolment overview.');
  const scope = and(eq(enrolments.programmeId, programmeId), eq(enrolments.orgId, actor.orgId));
  const totalsQuery = db
    .select({
      mentors: sql<number>`count(*) filter (where ${enrolments.status} = 'active' and ${enrolments.role} <> 'mentee')`,
      mentees: sql<number>`count(*) filter (where ${enrolments.status} = 'active' and ${enrolments.role} <> 'mentor')`,
      places: sql<number>`coalesce(sum(${enrolments.capacity}) filter (where ${enrolments.status} = 'active' and ${enrolments.role} <> 'mentee'), 0)`,
      withdrawn: sql<number>`count(*) filter (where ${enrolments.status} = 'withdrawn')`,
    })
    .from(enrolments)
    .where(scope);
  const perTopic = async (column: typeof enrolments.offers | typeof enrolments.seeks) => {
    const result = (await db.execute(
      sql`select item->>'topicId' as topic, count(*)::int as n
          from ${enrolments}, jsonb_array_elements(${column}) as item
          where ${scope} and ${enrolments.status} = 'active'
          group by 1`,
    )) as unknown as { rows: { topic: string; n: number }[] };
    return new Map(result.rows.map((r) => [r.topic, Number(r.n)]));
  };
  // Independent reads, issued together (a PostgreSQL pool runs them side by side).
  const [[totals], offered, sought, programmeTopicRows] = await Promise.all([
    totalsQuery,
    perTopic(enrolments.offers),
    perTopic(enrolments.seeks),
    db
      .select({ id: topics.id, name: topics.name })
      .from(programmeTopics)
      .innerJoin(topics, eq(topics.id, programmeTopics.topicId))
      .where(eq(programmeTopics.programmeId, programme.id)),
  ]);
  const topicCounts = programmeTopicRows
    .map((t) => ({
      topicId: t.id,
      name: t.name,
      offered: offered.get(t.id) ?? 0,
      sought: sought.get(t.id) ?? 0,
    }))
    .sort((a, b) => b.sought + b.offered - (a.sought + a.offered) || a.name.localeCompare(b.name));
  return {
    mentors: Number(totals?.mentors ?? 0),
    mentees: Number(totals?.mentees ?? 0),
    places: Number(totals?.places ?? 0),
    withdrawn: Number(totals?.withdrawn ?? 0),
    topics: topicCounts,
  };
}

/** A participant's own enrolments across programmes. */
export async function myEnrolments(db: Db, actor: Actor) {
  if (!actor.personId) return [];
  const rows = await db
    .select()
    .from(enrolments)
    .where(and(eq(enrolments.orgId, actor.orgId), eq(enrolments.personId, actor.personId)));
  return rows.map((e) => presentEnrolment(e));
}
