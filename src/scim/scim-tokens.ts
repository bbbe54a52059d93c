// SCIM bearer tokens: made and revoked by an organisation's admins, shown once, kept only as
// SHA-256, good for /scim/v2 of that one organisation and nothing else.
import { and, desc, eq, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { scimTokens } from '../db/schema.js';
import { notFound } from '../errors.js';
import { type Actor, assertNotToken, assertRole } from '../identity/actor.js';
import { writeAudit } from '../identity/audit.js';
import { hashToken, newToken } from '../identity/tokens.js';

/** The prefix tells a leaked SCIM token apart from other secrets (and secret scanners can match it). */
export const scimTokenPrefix = 'twscim_';
/** Token use is recorded at most this often, so a sync of thousands of requests writes a handful of times. */
const lastUsedEveryMs = 60_000;

export const createScimTokenSchema = z
  .object({ name: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters') })
  .strict();

export const scimTokenResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  hint: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export const createdScimTokenSchema = scimTokenResponseSchema.extend({
  /** The token itself, in this answer only. */
  token: z.string(),
});
export type ScimTokenResponse = z.infer<typeof scimTokenResponseSchema>;
export type CreatedScimToken = z.infer<typeof createdScimTokenSchema>;

type Row = typeof scimTokens.$inferSelect;
const present = (t: Row) => ({
  id: t.id,
  name: t.name,
  hint: t.hint,
  createdAt: t.createdAt.toISOString(),
  lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
  revokedAt: t.revokedAt?.toISOString() ?? null,
});

export async function createScimToken(db: Db, actor: Actor, input: z.infer<typeof createScimTokenSchema>) {
  assertRole(actor, 'org_admin');
  assertNotToken(actor);
  const { token: secret } = newToken();
  const token = `${scimTokenPrefix}${secret}`;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(scimTokens)
      .values({
        orgId: actor.orgId,
        name: input.name,
        tokenHash: hashToken(token),
        hint: token.slice(-4),
        createdBy: actor.accountId,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'scim_token.created',
      entityType: 'scim_token',
      entityId: row.id,
      details: { name: input.name },
    });
    return { ...present(row), token };
  });
}

export async function listScimTokens(db: Db, actor: Actor) {
  assertRole(actor, 'org_admin');
  const rows = await db
    .select()
    .from(scimTokens)
    .where(eq(scimTokens.orgId, actor.orgId))
    .orderBy(desc(scimTokens.createdAt));
  return rows.map(present);
}

export async function revokeScimToken(db: Db, actor: Actor, id: string) {
  assertRole(actor, 'org_admin');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(scimTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(scimTokens.id, id), eq(scimTokens.orgId, actor.orgId), isNull(scimTokens.revokedAt)))
      .returning();
    if (!row) throw notFound('SCIM token');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'scim_token.revoked',
      entityType: 'scim_token',
      entityId: id,
    });
    return present(row);
  });
}

/** The organisation and token behind a bearer token, or null when it is unknown or revoked. */
export async function resolveScimToken(
  db: Queryable,
  token: string,
): Promise<{ orgId: string; tokenId: string } | null> {
  if (!token.startsWith(scimTokenPrefix) || token.length > 200) return null;
  const [row] = await db
    .select({ id: scimTokens.id, orgId: scimTokens.orgId })
    .from(scimTokens)
    .where(and(eq(scimTokens.tokenHash, hashToken(token)), isNull(scimTokens.revokedAt)));
  if (!row) return null;
  const now = new Date();
  await db
    .update(scimTokens)
    .set({ lastUsedAt: now })
    .where(
      and(
        eq(scimTokens.id, row.id),
        or(
          isNull(scimTokens.lastUsedAt),
          lt(scimTokens.lastUsedAt, new Date(now.getTime() - lastUsedEveryMs)),
        ),
      ),
    );
  return { orgId: row.orgId, tokenId: row.id };
}
