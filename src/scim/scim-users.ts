// SCIM Users are the organisation's people (decision 048). A directory creates, reads, updates
// and removes them; the person fields map as in the people import (employee number and email
// find an existing person), writes go through the people use cases, `active: false` makes the
// person a leaver (leave date today, the one the outcome reports read) and disables their
// account, ending its sessions at once.
import { and, asc, count, eq, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { type ScimPatchOperation, type ScimResource, scimPatch } from 'scim-patch';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { accounts, people, scimUsers } from '../db/schema.js';
import { setAccountDisabled } from '../identity/accounts.js';
import type { Actor } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { hasLeft, todayUtc } from '../identity/standing.js';
import { isEmailAddress } from '../people/email.js';
import { createPerson, updatePerson } from '../people/people.js';
import { isIanaTimeZone } from '../people/person-schema.js';
import { type FilterAttribute, filterToSql } from './filter.js';
import { ScimError, scimInvalid, scimNotFound } from './scim-errors.js';
import {
  assertIfMatch,
  enterpriseSchema,
  etagOf,
  listResponse,
  type Page,
  parsePatch,
  twowaySchema,
  userSchema,
} from './scim-protocol.js';

type PersonRow = typeof people.$inferSelect;
type ScimUserRow = typeof scimUsers.$inferSelect;
interface UserRecord {
  person: PersonRow;
  scim: ScimUserRow | null;
  account: { id: string; disabledAt: Date | null } | null;
  managerName: string | null;
}

/** A person with no SCIM row yet goes by their email, so a directory's first lookup finds people imported from CSV. */
const userNameExpr = sql`coalesce(${scimUsers.userName}, ${people.email})`;
const live = (orgId: string) => and(eq(people.orgId, orgId), isNull(scimUsers.deletedAt));

function userAttribute(path: string): FilterAttribute | SQL | null {
  switch (path) {
    case 'id':
      return { expr: sql`${people.id}::text`, caseExact: true };
    case 'username':
      return { expr: userNameExpr, caseExact: false };
    case 'externalid':
      return { expr: sql`${scimUsers.externalId}`, caseExact: true };
    case 'emails':
    case 'emails.value':
      return { expr: sql`${people.email}`, caseExact: false };
    // Every person has one email, their work email, and it is primary.
    case 'emails.type':
      return { expr: sql`'work'`, caseExact: false };
    case 'emails.primary':
      return sql`true`;
    case 'displayname':
    case 'name.formatted':
      return { expr: sql`${people.name}`, caseExact: false };
    case `${enterpriseSchema.toLowerCase()}:employeenumber`:
      return { expr: sql`${people.employeeId}`, caseExact: true };
    default:
      return null;
  }
}

const isActive = (r: UserRecord) => !hasLeft(r.person.leaveDate) && !r.account?.disabledAt;

async function loadUsers(db: Queryable, where: SQL | undefined, page?: Page): Promise<UserRecord[]> {
  const manager = sql<string | null>`(select m.name from people m where m.id = ${people.managerId})`;
  const query = db
    .select({
      person: people,
      scim: scimUsers,
      account: { id: accounts.id, disabledAt: accounts.disabledAt },
      managerName: manager,
    })
    .from(people)
    .leftJoin(scimUsers, eq(scimUsers.personId, people.id))
    .leftJoin(accounts, and(eq(accounts.personId, people.id), eq(accounts.orgId, people.orgId)))
    .where(where)
    .orderBy(asc(people.createdAt), asc(people.id));
  const rows = page ? await query.limit(page.count).offset(page.startIndex - 1) : await query;
  return rows.map((r) => ({
    person: r.person,
    scim: r.scim,
    account: r.account?.id ? { id: r.account.id, disabledAt: r.account.disabledAt } : null,
    managerName: r.managerName,
  }));
}

async function requireUser(db: Queryable, orgId: string, id: string): Promise<UserRecord> {
  if (!z.string().uuid().safeParse(id).success) throw scimNotFound('User');
  const [found] = await loadUsers(db, and(live(orgId), eq(people.id, id)));
  if (!found) throw scimNotFound('User');
  return found;
}

export function presentUser(r: UserRecord, baseUrl: string) {
  const p = r.person;
  const enterprise = {
    ...(p.employeeId ? { employeeNumber: p.employeeId } : {}),
    ...(p.department ? { department: p.department } : {}),
    ...(p.managerId
      ? {
          manager: {
            value: p.managerId,
            $ref: `${baseUrl}/Users/${p.managerId}`,
            displayName: r.managerName,
          },
        }
      : {}),
  };
  return {
    schemas: [userSchema, enterpriseSchema, twowaySchema],
    id: p.id,
    ...(r.scim?.externalId ? { externalId: r.scim.externalId } : {}),
    userName: r.scim?.userName ?? p.email,
    name: {
      formatted: p.name,
      ...(r.scim?.givenName ? { givenName: r.scim.givenName } : {}),
      ...(r.scim?.familyName ? { familyName: r.scim.familyName } : {}),
    },
    displayName: p.name,
    ...(p.jobTitle ? { title: p.jobTitle } : {}),
    emails: [{ value: p.email, type: 'work', primary: true }],
    timezone: p.timeZone,
    active: isActive(r),
    [enterpriseSchema]: enterprise,
    [twowaySchema]: { jobLevel: p.jobLevel },
    meta: {
      resourceType: 'User',
      created: p.createdAt.toISOString(),
      lastModified: p.updatedAt.toISOString(),
      version: etagOf(p.version),
      location: `${baseUrl}/Users/${p.id}`,
    },
  };
}
export type ScimUser = ReturnType<typeof presentUser>;

// What a directory sends. Unknown attributes (locale, phoneNumbers, password, roles...) are ignored.
const text = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`);
const booleanLike = z.union([
  z.boolean(),
  // Entra has sent booleans as the strings "True" and "False".
  z
    .string()
    .regex(/^(true|false)$/i, 'must be true or false')
    .transform((s) => s.toLowerCase() === 'true'),
]);
const reference = z.union([
  text(100),
  z.object({ value: text(100).nullish() }).passthrough(),
  z.array(z.object({ value: text(100).nullish() }).passthrough()).max(1),
]);
const userInputSchema = z
  .object({
    userName: text(320).min(1, 'is required'),
    externalId: text(300).nullish(),
    name: z
      .object({
        formatted: text(200).nullish(),
        givenName: text(100).nullish(),
        familyName: text(100).nullish(),
      })
      .passthrough()
      .nullish(),
    displayName: text(200).nullish(),
    title: text(200).nullish(),
    timezone: text(64).nullish(),
    active: booleanLike.nullish(),
    emails: z
      .array(
        z
          .object({ value: text(320).nullish(), type: text(50).nullish(), primary: booleanLike.nullish() })
          .passthrough(),
      )
      .max(20)
      .nullish(),
    [enterpriseSchema]: z
      .object({
        employeeNumber: text(64).nullish(),
        department: text(200).nullish(),
        manager: reference.nullish(),
      })
      .passthrough()
      .nullish(),
    [twowaySchema]: z
      .object({ jobLevel: z.coerce.number().int().min(1).max(20).nullish() })
      .passthrough()
      .nullish(),
  })
  .passthrough();

interface UserInput {
  userName: string;
  externalId: string | null;
  givenName: string | null;
  familyName: string | null;
  name: string;
  email: string;
  jobTitle: string | null;
  timeZone: string | null;
  active: boolean;
  employeeId: string | null;
  department: string | null;
  managerId: string | null;
  jobLevel: number | null;
}

const blank = (s: string | null | undefined) => (s && s.trim() !== '' ? s.trim() : null);

function managerIdOf(m: z.infer<typeof reference> | null | undefined): string | null {
  if (m === null || m === undefined) return null;
  if (typeof m === 'string') return blank(m);
  if (Array.isArray(m)) return blank(m[0]?.value);
  return blank(m.value);
}

/** Reads a User resource into person fields; `previous` decides which of several name fields changed. */
function readUser(body: unknown, previous?: ScimUser): UserInput {
  const parsed = userInputSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw scimInvalid(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'is not valid'}`);
  }
  const u = parsed.data;
  const emails = u.emails ?? [];
  const chosen =
    emails.find((e) => e.primary === true) ??
    emails.find((e) => e.type?.toLowerCase() === 'work') ??
    emails[0];
  const email = (blank(chosen?.value) ?? (isEmailAddress(u.userName) ? u.userName : '')).toLowerCase();
  if (!isEmailAddress(email))
    throw scimInvalid('emails: needs a work email address (or an email as userName)');

  const givenName = blank(u.name?.givenName);
  const familyName = blank(u.name?.familyName);
  const joined = blank([givenName, familyName].filter(Boolean).join(' '));
  const formatted = blank(u.name?.formatted);
  const display = blank(u.displayName);
  // The field the directory changed wins; otherwise the most complete one.
  const before = previous && {
    formatted: previous.name.formatted,
    joined: blank([previous.name.givenName, previous.name.familyName].filter(Boolean).join(' ')),
    display: previous.displayName,
  };
  const changed = before
    ? [
        formatted !== before.formatted ? formatted : null,
        joined !== before.joined ? joined : null,
        display !== before.display ? display : null,
      ].find((n) => n)
    : null;
  const name = changed ?? formatted ?? joined ?? display ?? u.userName;
  const timeZone = blank(u.timezone);
  const enterprise = u[enterpriseSchema];
  return {
    userName: u.userName,
    externalId: blank(u.externalId),
    givenName,
    familyName,
    name: name.slice(0, 200),
    email,
    jobTitle: blank(u.title),
    timeZone: timeZone && isIanaTimeZone(timeZone) ? timeZone : null,
    active: u.active ?? true,
    employeeId: blank(enterprise?.employeeNumber),
    department: blank(enterprise?.department),
    managerId: managerIdOf(enterprise?.manager),
    jobLevel: u[twowaySchema]?.jobLevel ?? null,
  };
}

async function assertUniqueIdentity(db: Queryable, orgId: string, input: UserInput, exceptPersonId?: string) {
  const clash = async (condition: SQL) => {
    const [hit] = await db
      .select({ id: people.id })
      .from(people)
      .leftJoin(scimUsers, eq(scimUsers.personId, people.id))
      .where(and(live(orgId), condition));
    return hit && hit.id !== exceptPersonId;
  };
  if (await clash(sql`lower(${userNameExpr}) = ${input.userName.toLowerCase()}`))
    throw new ScimError(409, `userName "${input.userName}" is already in use`, 'uniqueness');
  if (input.externalId && (await clash(eq(scimUsers.externalId, input.externalId))))
    throw new ScimError(409, `externalId "${input.externalId}" is already in use`, 'uniqueness');
}

async function assertManager(db: Queryable, orgId: string, managerId: string | null) {
  if (!managerId) return;
  const ok = z.string().uuid().safeParse(managerId).success;
  const [found] = ok
    ? await db
        .select({ id: people.id })
        .from(people)
        .where(and(eq(people.orgId, orgId), eq(people.id, managerId)))
    : [];
  if (!found) throw scimInvalid(`${enterpriseSchema}:manager: no user "${managerId}" here`);
}

async function saveScimRow(db: Queryable, orgId: string, personId: string, input: UserInput) {
  const values = {
    userName: input.userName,
    externalId: input.externalId,
    givenName: input.givenName,
    familyName: input.familyName,
    deletedAt: null,
    updatedAt: new Date(),
  };
  await db
    .insert(scimUsers)
    .values({ personId, orgId, ...values })
    .onConflictDoUpdate({ target: scimUsers.personId, set: values });
}

/**
 * Turns `active` into what it means here: a leaver (leave date today) whose account is
 * disabled and whose sessions end, or back again.
 */
async function applyActive(db: Db, actor: Actor, record: UserRecord, active: boolean) {
  const wasActive = isActive(record);
  if (active === wasActive) return;
  const person = record.person;
  if (!active && !person.leaveDate)
    await updatePerson(db, actor, person.id, { version: person.version, leaveDate: todayUtc() });
  if (active && person.leaveDate)
    await updatePerson(db, actor, person.id, { version: person.version, leaveDate: null, leaveReason: null });
  if (record.account && Boolean(record.account.disabledAt) === active)
    await setAccountDisabled(db, actor, record.account.id, !active);
}

const fieldsOf = (input: UserInput) => ({
  name: input.name,
  email: input.email,
  jobTitle: input.jobTitle,
  employeeId: input.employeeId,
  department: input.department,
  managerId: input.managerId,
  ...(input.timeZone ? { timeZone: input.timeZone } : {}),
  ...(input.jobLevel ? { jobLevel: input.jobLevel } : {}),
});

/**
 * POST /Users. Like the import, an existing person is found by employee number, then by
 * email, and taken over rather than duplicated, unless the directory already has them.
 */
export async function createUser(db: Db, actor: Actor, body: unknown, baseUrl: string) {
  const input = readUser(body);
  return db.transaction(async (tx) => {
    await assertUniqueIdentity(tx, actor.orgId, input);
    await assertManager(tx, actor.orgId, input.managerId);
    const byEmployee = input.employeeId
      ? await loadUsers(tx, and(eq(people.orgId, actor.orgId), eq(people.employeeId, input.employeeId)))
      : [];
    const byEmail = await loadUsers(
      tx,
      and(eq(people.orgId, actor.orgId), eq(sql`lower(${people.email})`, input.email)),
    );
    const existing = byEmployee[0] ?? byEmail[0];
    if (existing?.scim && !existing.scim.deletedAt)
      throw new ScimError(
        409,
        `This person is already provisioned as "${existing.scim.userName}"`,
        'uniqueness',
      );
    let personId: string;
    if (existing) {
      personId = existing.person.id;
      await updatePerson(tx, actor, personId, { version: existing.person.version, ...fieldsOf(input) });
    } else {
      const created = await createPerson(tx, actor, {
        ...fieldsOf(input),
        timeZone: input.timeZone ?? 'UTC',
        // The directory does not know grades; the import or the Twoway extension sets the level.
        jobLevel: input.jobLevel ?? 1,
        languages: [],
      });
      personId = created.id;
    }
    await saveScimRow(tx, actor.orgId, personId, input);
    await applyActive(tx, actor, await requireUser(tx, actor.orgId, personId), input.active);
    await writeAudit(tx, actor, actor.orgId, {
      action: 'scim.user_provisioned',
      entityType: 'person',
      entityId: personId,
      details: { userName: input.userName, adopted: Boolean(existing) },
    });
    return presentUser(await requireUser(tx, actor.orgId, personId), baseUrl);
  });
}

async function writeUser(tx: Db, actor: Actor, record: UserRecord, input: UserInput) {
  await assertUniqueIdentity(tx, actor.orgId, input, record.person.id);
  await assertManager(tx, actor.orgId, input.managerId);
  await updatePerson(tx, actor, record.person.id, { version: record.person.version, ...fieldsOf(input) });
  await saveScimRow(tx, actor.orgId, record.person.id, input);
  await applyActive(tx, actor, await requireUser(tx, actor.orgId, record.person.id), input.active);
}

/** Rewrites a user from its current resource (the ETag checked first), and answers the result. */
async function rewriteUser(
  db: Db,
  actor: Actor,
  id: string,
  ifMatch: string | undefined,
  baseUrl: string,
  next: (before: ScimUser) => unknown,
) {
  return db.transaction(async (tx) => {
    const record = await requireUser(tx, actor.orgId, id);
    assertIfMatch(ifMatch, record.person.version);
    const before = presentUser(record, baseUrl);
    await writeUser(tx, actor, record, readUser(next(before), before));
    return presentUser(await requireUser(tx, actor.orgId, id), baseUrl);
  });
}

/** PUT /Users/:id: the whole resource replaced (attributes left out are cleared). */
export async function replaceUser(
  db: Db,
  actor: Actor,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
  baseUrl: string,
) {
  return rewriteUser(db, actor, id, ifMatch, baseUrl, () => body);
}

/** PATCH /Users/:id: the operations applied to the resource as it is (scim-patch), then written like a PUT. */
export async function patchUser(
  db: Db,
  actor: Actor,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
  baseUrl: string,
) {
  const operations = parsePatch(body);
  return rewriteUser(db, actor, id, ifMatch, baseUrl, (before) => applyPatch(before, operations));
}

/**
 * Entra writes `{"op":"replace","value":{"name.givenName":"Ada"}}` with dotted keys and the
 * manager as a bare id; both are put in their RFC shape before scim-patch applies them.
 */
export function applyPatch<T extends { schemas: string[] }>(
  resource: T,
  operations: ScimPatchOperation[],
): T {
  const normalised = operations.map((op) => {
    if (op.op.toLowerCase() === 'remove' || op.path || !op.value || typeof op.value !== 'object') return op;
    const value: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(op.value as Record<string, unknown>)) {
      const dot = key.startsWith('urn:') ? -1 : key.indexOf('.');
      if (dot < 0) value[key] = v;
      else {
        const head = key.slice(0, dot);
        value[head] = { ...((value[head] as object) ?? {}), [key.slice(dot + 1)]: v };
      }
    }
    return { ...op, value };
  });
  try {
    // scim-patch types meta dates as Date; it never reads meta, and ours are ISO strings.
    const copy = structuredClone(resource) as unknown as ScimResource;
    return scimPatch(copy, normalised, { mutateDocument: true, treatMissingAsAdd: true }) as unknown as T;
  } catch (error) {
    const e = error as { scimType?: string; message?: string };
    throw scimInvalid(
      e.message ?? 'The patch does not apply.',
      e.scimType === 'noTarget' ? 'noTarget' : 'invalidPath',
    );
  }
}

/** DELETE /Users/:id: the person leaves (kept for the reports), their account is disabled, and /Users forgets them. */
export async function deleteUser(db: Db, actor: Actor, id: string, ifMatch: string | undefined) {
  await db.transaction(async (tx) => {
    const record = await requireUser(tx, actor.orgId, id);
    assertIfMatch(ifMatch, record.person.version);
    await applyActive(tx, actor, record, false);
    // The SCIM row is kept with its userName, so the same directory can provision the person again.
    await tx
      .insert(scimUsers)
      .values({ personId: id, orgId: actor.orgId, userName: record.person.email, deletedAt: new Date() })
      .onConflictDoUpdate({
        target: scimUsers.personId,
        set: { deletedAt: new Date(), updatedAt: new Date() },
      });
    await writeAudit(tx, actor, actor.orgId, {
      action: 'scim.user_deleted',
      entityType: 'person',
      entityId: id,
    });
  });
}

export async function getUser(db: Db, actor: Actor, id: string, baseUrl: string) {
  return presentUser(await requireUser(db, actor.orgId, id), baseUrl);
}

export async function listUsers(
  db: Db,
  actor: Actor,
  filter: string | undefined,
  page: Page,
  baseUrl: string,
) {
  const where = and(live(actor.orgId), filter ? filterToSql(filter, userAttribute) : undefined);
  const [total] = await db
    .select({ n: count() })
    .from(people)
    .leftJoin(scimUsers, eq(scimUsers.personId, people.id))
    .where(where);
  const records = page.count > 0 ? await loadUsers(db, where, page) : [];
  return listResponse(
    records.map((r) => presentUser(r, baseUrl)),
    total?.n ?? 0,
    page,
  );
}

/** Live users among `ids` in the organisation (for group membership). */
export async function existingUserIds(db: Queryable, orgId: string, ids: string[]): Promise<Set<string>> {
  const valid = ids.filter((id) => z.string().uuid().safeParse(id).success);
  if (!valid.length) return new Set();
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .leftJoin(scimUsers, eq(scimUsers.personId, people.id))
    .where(and(live(orgId), inArray(people.id, valid)));
  return new Set(rows.map((r) => r.id));
}
