// SCIM Groups are departments (decision 048): a group's members are the people whose
// department is its name. Every department the people list holds is a group; adding a member
// moves the person into that department (a person is in one department), removing them
// clears it, renaming a group renames the department for everyone in it.
import { and, asc, count, eq, inArray, isNotNull, isNull, type SQL, sql } from 'drizzle-orm';
import type { ScimPatchOperation } from 'scim-patch';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { people, scimGroups, scimUsers } from '../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { type FilterAttribute, filterToSql } from './filter.js';
import { ScimError, scimInvalid, scimNotFound } from './scim-errors.js';
import { assertIfMatch, etagOf, groupSchema, listResponse, type Page, parsePatch } from './scim-protocol.js';
import { applyPatch, existingUserIds } from './scim-users.js';

type GroupRow = typeof scimGroups.$inferSelect;

function groupAttribute(path: string): FilterAttribute | SQL | null {
  switch (path) {
    case 'id':
      return { expr: sql`${scimGroups.id}::text`, caseExact: true };
    case 'displayname':
      return { expr: sql`${scimGroups.displayName}`, caseExact: false };
    case 'externalid':
      return { expr: sql`${scimGroups.externalId}`, caseExact: true };
    default:
      return null;
  }
}

/** Departments named on people but not yet a group become groups, so a directory finds them by name. */
async function ensureDepartmentGroups(db: Queryable, orgId: string) {
  await db.execute(sql`
    insert into ${scimGroups} (org_id, display_name)
    select distinct ${people.orgId}, ${people.department} from ${people}
    where ${people.orgId} = ${orgId} and ${people.department} is not null
    on conflict do nothing`);
}

type Member = { id: string; name: string };

/** The members of each of these departments, in one query (a page of groups asks once, not once a group). */
async function membersByDepartment(db: Queryable, orgId: string, names: string[]) {
  const byName = new Map<string, Member[]>(names.map((n) => [n, []]));
  if (!names.length) return byName;
  const rows = await db
    .select({ id: people.id, name: people.name, department: people.department })
    .from(people)
    .leftJoin(scimUsers, eq(scimUsers.personId, people.id))
    .where(and(eq(people.orgId, orgId), inArray(people.department, names), isNull(scimUsers.deletedAt)))
    .orderBy(asc(people.name), asc(people.id));
  for (const r of rows) if (r.department) byName.get(r.department)?.push({ id: r.id, name: r.name });
  return byName;
}

async function membersOf(db: Queryable, orgId: string, displayName: string): Promise<Member[]> {
  return (await membersByDepartment(db, orgId, [displayName])).get(displayName) ?? [];
}

function presentGroup(g: GroupRow, baseUrl: string, members: Member[] | null) {
  return {
    schemas: [groupSchema],
    id: g.id,
    ...(g.externalId ? { externalId: g.externalId } : {}),
    displayName: g.displayName,
    ...(members
      ? { members: members.map((m) => ({ value: m.id, $ref: `${baseUrl}/Users/${m.id}`, display: m.name })) }
      : {}),
    meta: {
      resourceType: 'Group',
      created: g.createdAt.toISOString(),
      lastModified: g.updatedAt.toISOString(),
      version: etagOf(g.version),
      location: `${baseUrl}/Groups/${g.id}`,
    },
  };
}
type ScimGroup = ReturnType<typeof presentGroup>;

async function present(db: Queryable, g: GroupRow, baseUrl: string, withMembers: boolean) {
  return presentGroup(g, baseUrl, withMembers ? await membersOf(db, g.orgId, g.displayName) : null);
}

async function requireGroup(db: Queryable, orgId: string, id: string): Promise<GroupRow> {
  if (!z.string().uuid().safeParse(id).success) throw scimNotFound('Group');
  const [row] = await db
    .select()
    .from(scimGroups)
    .where(and(eq(scimGroups.orgId, orgId), eq(scimGroups.id, id)));
  if (!row) throw scimNotFound('Group');
  return row;
}

const memberSchema = z.object({ value: z.string().max(100) }).passthrough();
const groupInputSchema = z
  .object({
    displayName: z.string().trim().min(1, 'is required').max(200, 'must be at most 200 characters'),
    externalId: z.string().trim().max(300).nullish(),
    members: z.array(memberSchema).max(100_000).nullish(),
  })
  .passthrough();
type GroupInput = z.infer<typeof groupInputSchema>;

function readGroup(body: unknown): GroupInput {
  const parsed = groupInputSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw scimInvalid(`${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'is not valid'}`);
  }
  return parsed.data;
}

async function assertUniqueName(db: Queryable, orgId: string, input: GroupInput, exceptId?: string) {
  const [byName] = await db
    .select({ id: scimGroups.id })
    .from(scimGroups)
    .where(and(eq(scimGroups.orgId, orgId), eq(scimGroups.displayName, input.displayName)));
  if (byName && byName.id !== exceptId)
    throw new ScimError(409, `A group named "${input.displayName}" exists`, 'uniqueness');
  if (!input.externalId) return;
  const [byExternal] = await db
    .select({ id: scimGroups.id })
    .from(scimGroups)
    .where(and(eq(scimGroups.orgId, orgId), eq(scimGroups.externalId, input.externalId)));
  if (byExternal && byExternal.id !== exceptId)
    throw new ScimError(409, `externalId "${input.externalId}" is already in use`, 'uniqueness');
}

/** Moves people into or out of a department; every id must be a user of this organisation. */
async function setDepartment(
  db: Queryable,
  actor: Actor,
  ids: string[],
  department: string | null,
  from?: string,
) {
  if (!ids.length) return;
  const known = await existingUserIds(db, actor.orgId, ids);
  const unknown = ids.find((id) => !known.has(id));
  if (unknown) throw scimInvalid(`members: no user "${unknown}" here`);
  await db
    .update(people)
    .set({ department, version: sql`${people.version} + 1`, updatedAt: new Date() })
    .where(
      and(
        eq(people.orgId, actor.orgId),
        inArray(people.id, ids),
        from === undefined ? undefined : eq(people.department, from),
      ),
    );
}

/** Writes a group's new state: its name (renaming the department), external id and, when given, its members. */
async function writeGroup(tx: Db, actor: Actor, group: GroupRow, input: GroupInput) {
  await assertUniqueName(tx, actor.orgId, input, group.id);
  const before = new Set((await membersOf(tx, actor.orgId, group.displayName)).map((m) => m.id));
  if (input.displayName !== group.displayName)
    await tx
      .update(people)
      .set({ department: input.displayName, version: sql`${people.version} + 1`, updatedAt: new Date() })
      .where(and(eq(people.orgId, actor.orgId), eq(people.department, group.displayName)));
  let added: string[] = [];
  let removed: string[] = [];
  if (input.members) {
    const wanted = new Set(input.members.map((m) => m.value));
    // Sets, so a department of thousands is compared in linear time.
    added = [...wanted].filter((id) => !before.has(id));
    removed = [...before].filter((id) => !wanted.has(id));
    await setDepartment(tx, actor, added, input.displayName);
    await setDepartment(tx, actor, removed, null, input.displayName);
  }
  await tx
    .update(scimGroups)
    .set({
      displayName: input.displayName,
      externalId: input.externalId ?? null,
      version: group.version + 1,
      updatedAt: new Date(),
    })
    .where(eq(scimGroups.id, group.id));
  await writeAudit(tx, actor, actor.orgId, {
    action: 'scim.group_updated',
    entityType: 'department',
    entityId: group.id,
    details: {
      displayName: input.displayName,
      ...(input.displayName !== group.displayName ? { renamedFrom: group.displayName } : {}),
      added: added.length,
      removed: removed.length,
    },
  });
}

export async function createGroup(db: Db, actor: Actor, body: unknown, baseUrl: string) {
  const input = readGroup(body);
  return db.transaction(async (tx) => {
    await ensureDepartmentGroups(tx, actor.orgId);
    await assertUniqueName(tx, actor.orgId, input);
    const [row] = await tx
      .insert(scimGroups)
      .values({ orgId: actor.orgId, displayName: input.displayName, externalId: input.externalId ?? null })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await setDepartment(
      tx,
      actor,
      (input.members ?? []).map((m) => m.value),
      input.displayName,
    );
    await writeAudit(tx, actor, actor.orgId, {
      action: 'scim.group_created',
      entityType: 'department',
      entityId: row.id,
      details: { displayName: input.displayName, members: input.members?.length ?? 0 },
    });
    return present(tx, row, baseUrl, true);
  });
}

export async function getGroup(db: Db, actor: Actor, id: string, baseUrl: string, withMembers: boolean) {
  await ensureDepartmentGroups(db, actor.orgId);
  return present(db, await requireGroup(db, actor.orgId, id), baseUrl, withMembers);
}

export async function listGroups(
  db: Db,
  actor: Actor,
  filter: string | undefined,
  page: Page,
  baseUrl: string,
  withMembers: boolean,
) {
  await ensureDepartmentGroups(db, actor.orgId);
  const where = and(
    eq(scimGroups.orgId, actor.orgId),
    filter ? filterToSql(filter, groupAttribute) : undefined,
  );
  const [total] = await db.select({ n: count() }).from(scimGroups).where(where);
  const rows =
    page.count > 0
      ? await db
          .select()
          .from(scimGroups)
          .where(where)
          .orderBy(asc(scimGroups.displayName), asc(scimGroups.id))
          .limit(page.count)
          .offset(page.startIndex - 1)
      : [];
  const members = withMembers
    ? await membersByDepartment(
        db,
        actor.orgId,
        rows.map((r) => r.displayName),
      )
    : null;
  const resources = rows.map((row) => presentGroup(row, baseUrl, members?.get(row.displayName) ?? null));
  return listResponse(resources, total?.n ?? 0, page);
}

/** Rewrites a group from its current state (the ETag checked first), and answers the result with its members. */
async function rewriteGroup(
  db: Db,
  actor: Actor,
  id: string,
  ifMatch: string | undefined,
  baseUrl: string,
  next: (tx: Db, group: GroupRow) => Promise<GroupInput> | GroupInput,
) {
  return db.transaction(async (tx) => {
    const group = await requireGroup(tx, actor.orgId, id);
    assertIfMatch(ifMatch, group.version);
    await writeGroup(tx, actor, group, await next(tx, group));
    return present(tx, await requireGroup(tx, actor.orgId, id), baseUrl, true);
  });
}

export async function replaceGroup(
  db: Db,
  actor: Actor,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
  baseUrl: string,
) {
  const input = readGroup(body);
  // PUT replaces the whole group: members left out leave the department.
  return rewriteGroup(db, actor, id, ifMatch, baseUrl, () => ({ ...input, members: input.members ?? [] }));
}

export async function patchGroup(
  db: Db,
  actor: Actor,
  id: string,
  body: unknown,
  ifMatch: string | undefined,
  baseUrl: string,
) {
  const operations = parsePatch(body);
  return rewriteGroup(db, actor, id, ifMatch, baseUrl, async (tx, group) => {
    const before = await present(tx, group, baseUrl, true);
    const after = applyPatch(before, operations.flatMap(removeMembersByValue)) as ScimGroup & {
      id?: unknown;
    };
    if (after.id !== group.id) throw new ScimError(400, 'id cannot be changed', 'mutability');
    // scim-patch drops an array it emptied: no members left means none.
    return readGroup({ ...after, members: after.members ?? [] });
  });
}

/**
 * Entra removes members as `{"op":"Remove","path":"members","value":[{"value":"id"}]}`;
 * scim-patch matches such values only when the whole member object is equal, so each is
 * turned into the filter form `members[value eq "id"]`.
 */
function removeMembersByValue(op: ScimPatchOperation): ScimPatchOperation[] {
  if (op.op !== 'remove' || op.path?.toLowerCase() !== 'members' || !Array.isArray(op.value)) return [op];
  return (op.value as { value?: unknown }[]).map((m) => ({
    op: 'remove',
    path: `members[value eq ${JSON.stringify(String(m.value ?? ''))}]`,
  }));
}

/** DELETE /Groups/:id: the department is gone; its people have none until told otherwise. */
export async function deleteGroup(db: Db, actor: Actor, id: string, ifMatch: string | undefined) {
  await db.transaction(async (tx) => {
    const group = await requireGroup(tx, actor.orgId, id);
    assertIfMatch(ifMatch, group.version);
    await tx
      .update(people)
      .set({ department: null, version: sql`${people.version} + 1`, updatedAt: new Date() })
      .where(
        and(
          eq(people.orgId, actor.orgId),
          eq(people.department, group.displayName),
          isNotNull(people.department),
        ),
      );
    await tx.delete(scimGroups).where(eq(scimGroups.id, group.id));
    await writeAudit(tx, actor, actor.orgId, {
      action: 'scim.group_deleted',
      entityType: 'department',
      entityId: id,
      details: { displayName: group.displayName },
    });
  });
}
