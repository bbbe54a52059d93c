// Organisations are the tenants. A new organisation starts with one admin account, usable
// once a link sent to the admin's email is followed; only the first organisation of an empty
// installation is ready at once (decision 047).
import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { accounts, organisations, people } from '../db/schema.js';
import { conflict, notFound } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { sendEmailVerification } from '../identity/email-verification.js';
import { assertPasswordFor, hashPassword, passwordSchema } from '../identity/passwords.js';
import { personFields } from '../people/person-schema.js';
import { slugSchema } from './slug.js';

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
  /** False when the admin must first follow the link emailed to them; true only on an empty installation. */
  signInReady: z.boolean(),
});

/** An organisation whose admin never confirmed their email gives its short address back after a day. */
export const unconfirmedSlugHours = 24;

type OrganisationRow = typeof organisations.$inferSelect;
export const presentOrganisation = (o: OrganisationRow) => ({
  id: o.id,
  name: o.name,
  slug: o.slug,
  minReportGroupSize: o.minReportGroupSize,
  createdAt: o.createdAt.toISOString(),
});

/**
 * Creates an organisation, its first person and their org_admin account. The account is
 * usable at once only when `emailProven` (the first organisation of an empty installation, or
 * a command run on the server); otherwise a confirmation link goes to the admin's email. The
 * work and the answer are the same whether or not the email has accounts elsewhere.
 */
export async function createOrganisation(
  db: Queryable,
  input: CreateOrganisationInput,
  options: { emailProven: boolean; baseUrl?: string },
) {
  await releaseUnconfirmedSlug(db, input.slug);
  const [taken] = await db
    .select({ id: organisations.id })
    .from(organisations)
    .where(eq(organisations.slug, input.slug));
  if (taken)
    throw conflict('This organisation address is taken.', [{ path: 'slug', message: 'is already in use' }]);
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
      emailVerifiedAt: options.emailProven ? new Date() : null,
    })
    .returning();
  if (!account) throw new Error('insert returned nothing');
  if (!options.emailProven) {
    if (!options.baseUrl) throw new Error('a confirmation link needs the public address');
    await sendEmailVerification(db, account, options.baseUrl);
  }
  await writeAudit(db, null, org.id, {
    action: 'organisation.created',
    entityType: 'organisation',
    entityId: org.id,
    details: { adminAccountId: account.id, emailProven: options.emailProven },
  });
  return { organisation: presentOrganisation(org), accountId: account.id, signInReady: options.emailProven };
}

/** True while no organisation exists: the first-run page of a fresh installation is one step. */
export async function installationIsEmpty(db: Queryable): Promise<boolean> {
  // Two first runs at once: the lock makes the second see the first's organisation.
  await db.execute(sql`select pg_advisory_xact_lock(4701)`);
  const [row] = await db.select({ id: organisations.id }).from(organisations).limit(1);
  return !row;
}

/** Frees a short address held for over a day by an organisation nobody could confirm. */
async function releaseUnconfirmedSlug(db: Queryable, slug: string) {
  const cutoff = new Date(Date.now() - unconfirmedSlugHours * 3_600_000);
  await db.delete(organisations).where(
    and(
      eq(organisations.slug, slug),
      lt(organisations.createdAt, cutoff),
      sql`not exists (select 1 from ${accounts} where ${accounts.orgId} = ${organisations.id}
          and ${accounts.emailVerifiedAt} is not null)`,
    ),
  );
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
