// Accounts and roles, managed by the organisation's admins.
import { and, asc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { accounts, people } from '../db/schema.js';
import { conflict, fieldError, notFound } from '../errors.js';
import { requirePerson } from '../people/people.js';
import { type Actor, assertRole, roleSchema } from './actor.js';
import { writeAudit } from './audit.js';
import { sendEmailVerification } from './email-verification.js';
import { assertPasswordFor, hashPassword, passwordSchema } from './passwords.js';
import { endSessionsOf } from './sessions.js';

export const createAccountSchema = z
  .object({
    personId: z.string().uuid('must be a person id'),
    roles: z.array(roleSchema).min(1, 'needs at least one role').max(4),
    password: passwordSchema,
  })
  .strict();

export const setRolesSchema = z
  .object({ roles: z.array(roleSchema).min(1, 'needs at least one role').max(4) })
  .strict();

/** An account as admins see it: never its password hash. */
export const accountResponseSchema = z.object({
  id: z.string(),
  email: z.string(),
  personId: z.string().nullable(),
  personName: z.string().nullable(),
  roles: z.array(roleSchema),
  disabled: z.boolean(),
  /** False until the person follows the link emailed to them. */
  emailConfirmed: z.boolean(),
  createdAt: z.string(),
});
export type AccountResponse = z.infer<typeof accountResponseSchema>;

type AccountRow = typeof accounts.$inferSelect;
export const presentAccount = (a: AccountRow, personName?: string | null) => ({
  id: a.id,
  email: a.email,
  personId: a.personId,
  personName: personName ?? null,
  roles: a.roles,
  disabled: a.disabledAt !== null,
  emailConfirmed: a.emailVerifiedAt !== null,
  createdAt: a.createdAt.toISOString(),
});

export async function listAccounts(db: Db, actor: Actor) {
  assertRole(actor, 'org_admin');
  const rows = await db
    .select({ a: accounts, name: people.name })
    .from(accounts)
    .leftJoin(people, eq(people.id, accounts.personId))
    .where(eq(accounts.orgId, actor.orgId))
    .orderBy(asc(accounts.email));
  return rows.map((r) => presentAccount(r.a, r.name));
}

/**
 * Gives a person of the organisation an account. It is usable once the person follows the
 * link emailed to them (decision 047); accounts of the same email in other organisations
 * neither block it nor change the answer.
 */
export async function createAccount(
  db: Db,
  actor: Actor,
  input: z.infer<typeof createAccountSchema>,
  baseUrl: string,
) {
  assertRole(actor, 'org_admin');
  const person = await requirePerson(db, actor.orgId, input.personId).catch(() => {
    throw fieldError('personId', 'no such person in this organisation');
  });
  const [taken] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(
      and(eq(accounts.orgId, actor.orgId), eq(sql`lower(${accounts.email})`, person.email.toLowerCase())),
    );
  if (taken)
    throw conflict('This person already has an account.', [
      { path: 'personId', message: 'already has an account' },
    ]);
  assertPasswordFor(input.password, [person.email, person.name]);
  const passwordHash = await hashPassword(input.password);
  const roles = [...new Set(input.roles)];
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(accounts)
      .values({ orgId: actor.orgId, personId: person.id, email: person.email, passwordHash, roles })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await sendEmailVerification(tx, row, baseUrl);
    await writeAudit(tx, actor, actor.orgId, {
      action: 'account.created',
      entityType: 'account',
      entityId: row.id,
      details: { roles },
    });
    return presentAccount(row, person.name);
  });
}

export async function setRoles(db: Db, actor: Actor, id: string, input: z.infer<typeof setRolesSchema>) {
  assertRole(actor, 'org_admin');
  const roles = [...new Set(input.roles)];
  if (id === actor.accountId && !roles.includes('org_admin')) {
    throw fieldError('roles', 'you cannot remove your own org_admin role');
  }
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(accounts)
      .where(and(eq(accounts.id, id), eq(accounts.orgId, actor.orgId)));
    if (!before) throw notFound('Account');
    const [row] = await tx
      .update(accounts)
      .set({ roles, updatedAt: new Date() })
      .where(eq(accounts.id, id))
      .returning();
    if (!row) throw notFound('Account');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'account.roles_changed',
      entityType: 'account',
      entityId: id,
      details: { from: before.roles, to: roles },
    });
    return presentAccount(row);
  });
}

/** Disables or re-enables an account; disabling ends its sessions at once. */
export async function setAccountDisabled(db: Db, actor: Actor, id: string, disabled: boolean) {
  assertRole(actor, 'org_admin');
  if (disabled && id === actor.accountId) throw fieldError('id', 'you cannot disable your own account');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(accounts)
      .set({ disabledAt: disabled ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(accounts.id, id), eq(accounts.orgId, actor.orgId)))
      .returning();
    if (!row) throw notFound('Account');
    const ended = disabled ? await endSessionsOf(tx, id) : 0;
    await writeAudit(tx, actor, actor.orgId, {
      action: disabled ? 'account.disabled' : 'account.enabled',
      entityType: 'account',
      entityId: id,
      ...(disabled ? { details: { sessionsEnded: ended } } : {}),
    });
    return presentAccount(row);
  });
}
