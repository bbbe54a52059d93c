// People: the organisation's employees, with reporting lines. Managers and
// admins read and edit them; participants see only themselves.
import { and, asc, eq, getTableColumns, isNotNull, isNull, or, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { capOf, capped, countMatches, countParam, one, totalBeside } from '../db/counted-page.js';
import { rowsOf } from '../db/rows.js';
import { people, peopleSearch } from '../db/schema.js';
import { conflict, fieldError, notFound, staleVersion } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { type CreatePersonInput, generationOf, type UpdatePersonInput } from './person-schema.js';

export type PersonRow = typeof people.$inferSelect;

/** The fields of a person that leave the server. */
export function presentPerson(p: PersonRow) {
  return {
    id: p.id,
    employeeId: p.employeeId,
    name: p.name,
    email: p.email,
    jobTitle: p.jobTitle,
    jobLevel: p.jobLevel,
    department: p.department,
    managerId: p.managerId,
    location: p.location,
    timeZone: p.timeZone,
    languages: p.languages,
    hireDate: p.hireDate,
    birthYear: p.birthYear,
    generation: generationOf(p.birthYear),
    careerStage: p.careerStage,
    leaveDate: p.leaveDate,
    leaveReason: p.leaveReason,
    version: p.version,
    createdAt: p.createdAt.toISOString(),
    updatedAt: p.updatedAt.toISOString(),
  };
}
export type PersonView = ReturnType<typeof presentPerson>;

export const listPeopleQuery = z.object({
  q: z.string().trim().max(200).optional(),
  department: z.string().trim().max(200).optional(),
  status: z.enum(['current', 'left', 'all']).default('current'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  count: countParam,
});
export type ListPeopleQuery = z.infer<typeof listPeopleQuery>;

export const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listPeople(db: Db, actor: Actor, query: ListPeopleQuery) {
  assertRole(actor, 'org_admin', 'programme_manager');
  const q = query.q?.toLowerCase();
  const { rows, counted } =
    q && q.length >= 3
      ? await searchPeople(db, actor.orgId, q, query)
      : await browsePeople(db, actor.orgId, query);
  return {
    items: rows.map(presentPerson),
    ...counted,
    limit: query.limit,
    offset: query.offset,
  };
}

/** People in name order, or those whose name starts with a short search (under 3 characters). */
async function browsePeople(db: Db, orgId: string, query: ListPeopleQuery) {
  const filters: SQL[] = [eq(people.orgId, orgId)];
  const q = query.q?.toLowerCase();
  if (q) {
    // Too short for trigrams: names starting with it, a range the name index serves.
    filters.push(
      sql`lower(${people.name}) >= ${q} and lower(${people.name}) < ${`${q}\u{10FFFF}`} and lower(${people.name}) like ${`${escapeLike(q)}%`}`,
    );
  }
  if (query.department) filters.push(eq(people.department, query.department));
  if (query.status === 'current') filters.push(isNull(people.leaveDate));
  if (query.status === 'left') filters.push(isNotNull(people.leaveDate));
  const where = and(...filters);
  const [rows, counted] = await Promise.all([
    db
      .select()
      .from(people)
      .where(where)
      .orderBy(asc(sql`lower(${people.name})`), asc(people.id))
      .limit(query.limit)
      .offset(query.offset),
    countMatches(db, db.select(one).from(people).where(where).$dynamic(), query),
  ]);
  return { rows, counted };
}

/**
 * People whose name, email or job title contains `q` (lower-cased, 3 characters or more), or whose
 * employee id is the search as typed, read from people_search (decision 085), in one statement.
 * It first takes the matches up to the count's cap (the trigram index's candidates, checked):
 * their number is the count, and when they are all the matches the page is sorted from them
 * (most name searches). Only when there are more does the page walk the organisation's names
 * on one index, testing each entry without reading a row. The page's people are read by id.
 */
async function searchPeople(db: Db, orgId: string, q: string, query: ListPeopleQuery) {
  const text = sql`${peopleSearch.searchText} like ${`%${escapeLike(q)}%`}`;
  const current = sql`${peopleSearch.current}`;
  const left = sql`not ${peopleSearch.current}`;
  // The trigram index is in two parts, current people and leavers: each text test names its
  // part, so that the planner can take that part's index (both, for everyone).
  const textOf = (side: SQL) => sql`(${side} and ${text})`;
  const texts =
    query.status === 'current'
      ? [textOf(current)]
      : query.status === 'left'
        ? [textOf(left)]
        : [textOf(current), textOf(left)];
  const filters: SQL[] = [
    eq(peopleSearch.orgId, orgId),
    or(...texts, eq(peopleSearch.employeeId, query.q ?? '')) as SQL,
  ];
  if (query.department) filters.push(eq(peopleSearch.department, query.department));
  if (query.status === 'current') filters.push(current);
  if (query.status === 'left') filters.push(left);
  const where = and(...filters);
  const cap = capOf(query);
  // A fresh builder for each use: a dynamic select's limit changes it in place.
  const matches = () =>
    db
      .select({ personId: peopleSearch.personId, nameKey: peopleSearch.nameKey })
      .from(peopleSearch)
      .where(where)
      .$dynamic();
  const hits = db.$with('hits').as(capped(matches(), query));
  const found = sql`(select count(*) from ${hits})`;
  const window = sql`order by name_key, person_id limit ${query.limit} offset ${query.offset}`;
  // Each branch runs only when its condition holds (a one-time filter): the sort of the hits
  // when they are every match, the walk of the names index when there are more.
  const page =
    cap === null
      ? sql`(select person_id, name_key from ${hits} ${window})`
      : sql`((select person_id, name_key from ${hits} where ${found} <= ${cap} ${window})
          union all
          (select person_id, name_key from ${peopleSearch} where ${where} and ${found} > ${cap} ${window}))`;
  const rows = await db
    .with(hits)
    .select({ person: getTableColumns(people), counted: found.mapWith(Number) })
    .from(sql`${page} as page`)
    .innerJoin(people, and(eq(people.id, sql`page.person_id`), eq(people.orgId, orgId)))
    .orderBy(sql`page.name_key`, sql`page.person_id`);
  const counted = await totalBeside(db, rows[0]?.counted, matches(), query);
  return { rows: rows.map((r) => r.person), counted };
}

/**
 * After a bulk load of people: fresh statistics for people and their search rows, and the search
 * trigram indexes' pending entries merged into them. Without that merge every search reads the
 * pending list, and its size steers the planner away from the index (PGlite has no autovacuum to
 * merge it: 114 pending pages after 20,000 people, and the count fell to a sequential scan).
 */
export async function settlePeopleSearch(db: Queryable): Promise<void> {
  await db.execute(sql`analyze people, people_search`);
  await db.execute(
    sql`select gin_clean_pending_list(i::regclass) from unnest(array['people_search_current_trgm_idx', 'people_search_left_trgm_idx']) i`,
  );
}

/** Loads a person of the actor's organisation or throws not_found. */
export async function requirePerson(db: Queryable, orgId: string, id: string): Promise<PersonRow> {
  const [row] = await db
    .select()
    .from(people)
    .where(and(eq(people.orgId, orgId), eq(people.id, id)))
    .limit(1);
  if (!row) throw notFound('Person');
  return row;
}

export async function getPerson(db: Db, actor: Actor, id: string) {
  if (actor.personId !== id) assertRole(actor, 'org_admin', 'programme_manager');
  return presentPerson(await requirePerson(db, actor.orgId, id));
}

async function assertManagerAllowed(
  db: Queryable,
  orgId: string,
  personId: string | null,
  managerId: string,
) {
  if (personId === managerId) throw fieldError('managerId', 'a person cannot be their own manager');
  const manager = await requirePerson(db, orgId, managerId).catch(() => {
    throw fieldError('managerId', 'no such person in this organisation');
  });
  if (!personId) return;
  // Walk up from the new manager; meeting the person again would close a loop.
  const found = await db.execute(sql`
    with recursive up(id, manager_id) as (
      select id, manager_id from people where id = ${manager.id}
      union
      select p.id, p.manager_id from people p join up on p.id = up.manager_id
    )
    select 1 from up where id = ${personId} limit 1`);
  if (rowsOf(found).length > 0) {
    throw fieldError(
      'managerId',
      'this manager reports to the person, directly or indirectly: the reporting line would form a cycle',
    );
  }
}

async function assertUnique(
  db: Queryable,
  orgId: string,
  input: { email?: string; employeeId?: string | null },
  exceptId?: string,
) {
  if (input.email) {
    const [hit] = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(sql`lower(${people.email})`, input.email.toLowerCase())));
    if (hit && hit.id !== exceptId)
      throw conflict('Another person already has this email.', [
        { path: 'email', message: 'is already in use' },
      ]);
  }
  if (input.employeeId) {
    const [hit] = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.orgId, orgId), eq(people.employeeId, input.employeeId)));
    if (hit && hit.id !== exceptId)
      throw conflict('Another person already has this employee id.', [
        { path: 'employeeId', message: 'is already in use' },
      ]);
  }
}

export async function createPerson(db: Db, actor: Actor, input: CreatePersonInput) {
  assertRole(actor, 'org_admin', 'programme_manager');
  return db.transaction(async (tx) => {
    await assertUnique(tx, actor.orgId, input);
    if (input.managerId) await assertManagerAllowed(tx, actor.orgId, null, input.managerId);
    const [row] = await tx
      .insert(people)
      .values({ ...input, orgId: actor.orgId })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'person.created',
      entityType: 'person',
      entityId: row.id,
    });
    return presentPerson(row);
  });
}

export async function updatePerson(db: Db, actor: Actor, id: string, input: UpdatePersonInput) {
  assertRole(actor, 'org_admin', 'programme_manager');
  return db.transaction(async (tx) => {
    const current = await requirePerson(tx, actor.orgId, id);
    if (current.version !== input.version) throw staleVersion('This person');
    const { version, ...changes } = input;
    await assertUnique(tx, actor.orgId, changes, id);
    if (changes.managerId) await assertManagerAllowed(tx, actor.orgId, id, changes.managerId);
    const [row] = await tx
      .update(people)
      .set({ ...changes, version: version + 1, updatedAt: new Date() })
      .where(and(eq(people.id, id), eq(people.orgId, actor.orgId), eq(people.version, version)))
      .returning();
    if (!row) throw staleVersion('This person');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'person.updated',
      entityType: 'person',
      entityId: id,
      details: { fields: Object.keys(changes) },
    });
    return presentPerson(row);
  });
}

export async function deletePerson(db: Db, actor: Actor, id: string) {
  assertRole(actor, 'org_admin');
  await db.transaction(async (tx) => {
    await requirePerson(tx, actor.orgId, id);
    await tx.delete(people).where(and(eq(people.id, id), eq(people.orgId, actor.orgId)));
    await writeAudit(tx, actor, actor.orgId, {
      action: 'person.deleted',
      entityType: 'person',
      entityId: id,
    });
  });
}

export async function departmentsOf(db: Db, actor: Actor): Promise<string[]> {
  assertRole(actor, 'org_admin', 'programme_manager');
  const rows = await db
    .selectDistinct({ department: people.department })
    .from(people)
    .where(and(eq(people.orgId, actor.orgId), isNotNull(people.department)))
    .orderBy(asc(people.department));
  return rows.map((r) => r.department).filter((d): d is string => d !== null);
}
