// Organisations are the tenants. A new organisation starts with one admin account.
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { accounts, organisations, people } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { assertPasswordFor, hashPassword, passwordSchema } from '../identity/passwords.js';
import { personFields } from '../people/person-schema.js';

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/, 'must be 1-48 lowercase letters, digits and dashes');

export const createOrganisationSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200),
    slug: slugSchema,
    admin: z
      .object({
        name: personFields.name,
        email: personFields.email,
        password: passwordSchema,
        jobTitle: personFields.jobTitle,
        jobLevel: personFields.jobLevel.default(5),
        timeZone: personFields.timeZone.default('UTC'),
      })
      .strict(),
  })
  .strict();
export type CreateOrganisationInput = z.infer<typeof createOrganisationSchema>;

export const updateOrganisationSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(200).optional(),
    minReportGroupSize: z.number().int().min(3, 'must be at least 3').max(100).optional(),
  })
  .strict();

/** The fields of an organisation that leave the server. */
export const organisationResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  slug: z.string(),
  minReportGroupSize: z.number().int(),
  createdAt: z.string(),
});
export type OrganisationResponse = z.infer<typeof organisationResponseSchema>;
export const createdOrganisationSchema = z.object({
  organisation: organisationResponseSchema,
  accountId: z.string(),
});

type OrganisationRow = typeof organisations.$inferSelect;
export const presentOrganisation = (o: OrganisationRow) => ({
  id: o.id,
  name: o.name,
  slug: o.slug,
  minReportGroupSize: o.minReportGroupSize,
  createdAt: o.createdAt.toISOString(),
});

/** Creates an organisation, its first person and their org_admin account. */
export async function createOrganisation(db: Queryable, input: CreateOrganisationInput) {
  const [taken] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, input.slug));
  if (taken)
    throw conflict('This organisation address is taken.', [{ path: 'slug', message: 'is already in use' }]);
  const [emailTaken] = await db
    .select({ id: accounts.id })
    .from(accounts)
    .where(eq(sql`lower(${accounts.email})`, input.admin.email));
  if (emailTaken)
    throw conflict('An account with this email exists.', [
      { path: 'admin.email', message: 'is already in use' },
    ]);
  assertPasswordFor(
    input.admin.password,
    [input.admin.email, input.admin.name, input.name, input.slug],
    'admin.password',
  );
  const passwordHash = await hashPassword(input.admin.password);
  const [org] = await db.insert(organisations).values({ name: input.name, slug: input.slug }).returning();
  if (!org) throw new Error('insert returned nothing');
  const [person] = await db
    .insert(people)
    .values({
      orgId: org.id,
      name: input.admin.name,
      email: input.admin.email,
      jobTitle: input.admin.jobTitle ?? null,
      jobLevel: input.admin.jobLevel,
      timeZone: input.admin.timeZone,
    })
    .returning();
  if (!person) throw new Error('insert returned nothing');
  const [account] = await db
    .insert(accounts)
    .values({
      orgId: org.id,
      personId: person.id,
      email: input.admin.email,
      passwordHash,
      roles: ['org_admin'],
    })
    .returning();
  if (!account) throw new Error('insert returned nothing');
  await writeAudit(db, null, org.id, {
    action: 'organisation.created',
    entityType: 'organisation',
    entityId: org.id,
    details: { adminAccountId: account.id },
  });
  return { organisation: presentOrganisation(org), accountId: account.id };
}

export async function getOrganisation(db: Db, actor: Actor) {
  const [org] = await db.select().from(organisations).where(eq(organisations.id, actor.orgId));
  if (!org) throw notFound('Organisation');
  return presentOrganisation(org);
}

export async function updateOrganisation(
  db: Db,
  actor: Actor,
  input: z.infer<typeof updateOrganisationSchema>,
) {
  assertRole(actor, 'org_admin');
  const [org] = await db
    .update(organisations)
    .set({ ...input, updatedAt: new Date() })
    .where(eq(organisations.id, actor.orgId))
    .returning();
  if (!org) throw notFound('Organisation');
  await writeAudit(db, actor, actor.orgId, {
    action: 'organisation.updated',
    entityType: 'organisation',
    entityId: org.id,
    details: { fields: Object.keys(input) },
  });
  return presentOrganisation(org);
}
