// API tokens for scripts and the CLI: personal (acting as their owner) or service (acting as
// an account of their own), with a scope, an expiry and a last-used time. The token is shown
// once and kept only as its SHA-256 (see decision 043).
import { randomBytes, randomUUID } from 'node:crypto';
import { and, desc, eq, gt, isNull, lt, or } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { type ApiTokenScope, accounts, apiTokens } from '../db/schema.js';
import { forbidden, notFound } from '../errors.js';
import { type Actor, assertNotToken, hasRole, type Role, roleSchema } from './actor.js';
import { writeAudit } from './audit.js';
import { accountInUse } from './standing.js';
import { hashToken } from './tokens.js';

export const apiTokenScopes = ['read', 'write', 'admin'] as const satisfies readonly ApiTokenScope[];
export const apiTokenKinds = ['personal', 'service'] as const;

/** Every token starts with this, so a leaked one is easy to recognise (and to scan for). */
export const apiTokenPrefix = 'tw_';
/** A token's last-used time is written at most once a minute, and so is its "used" audit entry. */
export const lastUsedResolutionMs = 60_000;

export const createApiTokenSchema = z
  .object({
    name: z.string().trim().min(1, 'is required').max(80, 'must be at most 80 characters'),
    kind: z.enum(apiTokenKinds).default('personal'),
    scope: z.enum(apiTokenScopes),
    expiresInDays: z
      .number()
      .int('must be a whole number of days')
      .min(1, 'must be at least 1 day')
      .max(365, 'must be at most 365 days')
      .default(90),
  })
  .strict();
export type CreateApiTokenInput = z.input<typeof createApiTokenSchema>;

/** A token as listed: never the token or its hash. */
export const apiTokenResponseSchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(apiTokenKinds),
  scope: z.enum(apiTokenScopes),
  /** The token's first characters, to tell tokens apart. */
  prefix: z.string(),
  /** The account a personal token acts as (null for service tokens). */
  ownerEmail: z.string().nullable(),
  status: z.enum(['active', 'expired', 'revoked']),
  createdAt: z.string(),
  expiresAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenResponse = z.infer<typeof apiTokenResponseSchema>;

/** What creating a token answers: the listing, and the token itself, this once. */
export const createdApiTokenSchema = apiTokenResponseSchema.extend({ token: z.string() });

type TokenRow = typeof apiTokens.$inferSelect;

function presentApiToken(row: TokenRow, ownerEmail: string | null, now = new Date()): ApiTokenResponse {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    scope: row.scope,
    prefix: row.prefix,
    ownerEmail: row.kind === 'personal' ? ownerEmail : null,
    status: row.revokedAt ? 'revoked' : row.expiresAt <= now ? 'expired' : 'active',
    createdAt: row.createdAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

/** The roles a service account holds: admin tokens administer, the others manage programmes. */
const serviceRoles = (scope: ApiTokenScope): Role[] =>
  scope === 'admin' ? ['org_admin', 'programme_manager'] : ['programme_manager'];

/**
 * Creates a token and answers it once. Anyone signed in may create personal tokens; service
 * tokens are for admins. A token cannot create tokens: a leaked one must not be able to
 * outlive its own revocation.
 */
export async function createApiToken(db: Db, actor: Actor, raw: CreateApiTokenInput) {
  const input = createApiTokenSchema.parse(raw);
  assertNotToken(actor);
  if (input.kind === 'service' && !hasRole(actor, 'org_admin'))
    throw forbidden('Service tokens are created by organisation admins.');
  const token = `${apiTokenPrefix}${randomBytes(32).toString('base64url')}`;
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  return db.transaction(async (tx) => {
    let accountId = actor.accountId;
    if (input.kind === 'service') {
      // An account of the token's own: no person, no password, so it can sign in no other way.
      const [account] = await tx
        .insert(accounts)
        .values({
          orgId: actor.orgId,
          personId: null,
          email: `service-${randomUUID()}@tokens.invalid`,
          passwordHash: null,
          roles: serviceRoles(input.scope),
        })
        .returning({ id: accounts.id });
      if (!account) throw new Error('insert returned nothing');
      accountId = account.id;
    }
    const [row] = await tx
      .insert(apiTokens)
      .values({
        orgId: actor.orgId,
        accountId,
        kind: input.kind,
        name: input.name,
        scope: input.scope,
        tokenHash: hashToken(token),
        prefix: token.slice(0, apiTokenPrefix.length + 6),
        createdBy: actor.accountId,
        expiresAt,
      })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'api_token.created',
      entityType: 'api_token',
      entityId: row.id,
      details: { name: row.name, kind: row.kind, scope: row.scope, expiresAt: expiresAt.toISOString() },
    });
    return { ...presentApiToken(row, actor.email), token };
  });
}

/** Your own personal tokens; admins also see every token of the organisation. */
export async function listApiTokens(db: Queryable, actor: Actor): Promise<ApiTokenResponse[]> {
  const admin = hasRole(actor, 'org_admin');
  const rows = await db
    .select({ t: apiTokens, email: accounts.email })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .where(
      and(
        eq(apiTokens.orgId, actor.orgId),
        admin ? undefined : and(eq(apiTokens.accountId, actor.accountId), eq(apiTokens.kind, 'personal')),
      ),
    )
    .orderBy(desc(apiTokens.createdAt));
  const now = new Date();
  return rows.map((r) => presentApiToken(r.t, r.email, now));
}

/** Revokes one of your tokens, or (admins) any token of the organisation; others' are not found. */
export async function revokeApiToken(db: Db, actor: Actor, id: string): Promise<ApiTokenResponse> {
  const admin = hasRole(actor, 'org_admin');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(apiTokens.id, id),
          eq(apiTokens.orgId, actor.orgId),
          isNull(apiTokens.revokedAt),
          admin ? undefined : and(eq(apiTokens.accountId, actor.accountId), eq(apiTokens.kind, 'personal')),
        ),
      )
      .returning();
    if (!row) throw notFound('Token');
    await writeAudit(tx, actor, actor.orgId, {
      action: 'api_token.revoked',
      entityType: 'api_token',
      entityId: row.id,
      details: { name: row.name, kind: row.kind },
    });
    const [owner] = await tx
      .select({ email: accounts.email })
      .from(accounts)
      .where(eq(accounts.id, row.accountId));
    return presentApiToken(row, owner?.email ?? null);
  });
}

/**
 * The roles a token acts with. Below `admin` scope, organisation administration is out of
 * reach: an admin's write token manages programmes as a programme manager would.
 */
export function rolesUnderScope(roles: readonly Role[], scope: ApiTokenScope): Role[] {
  if (scope === 'admin') return [...roles];
  const out = roles.map((r): Role => (r === 'org_admin' ? 'programme_manager' : r));
  return [...new Set(out)];
}

/**
 * The actor behind a bearer token, or null when it is unknown, revoked, expired, or its
 * account disabled. Records the use at most once a minute (last-used time and an audit
 * entry), so a busy script does not write on every request.
 */
export async function resolveApiToken(
  db: Db,
  token: string,
  use: { method: string; route: string },
): Promise<Actor | null> {
  if (!token.startsWith(apiTokenPrefix)) return null;
  const now = new Date();
  const [row] = await db
    .select({
      id: apiTokens.id,
      scope: apiTokens.scope,
      accountId: accounts.id,
      orgId: accounts.orgId,
      personId: accounts.personId,
      email: accounts.email,
      roles: accounts.roles,
    })
    .from(apiTokens)
    .innerJoin(accounts, eq(accounts.id, apiTokens.accountId))
    .where(
      and(
        eq(apiTokens.tokenHash, hashToken(token)),
        isNull(apiTokens.revokedAt),
        gt(apiTokens.expiresAt, now),
        accountInUse(),
      ),
    )
    .limit(1);
  if (!row) return null;
  const roles = row.roles.filter((r): r is Role => roleSchema.safeParse(r).success);
  const actor: Actor = {
    accountId: row.accountId,
    orgId: row.orgId,
    personId: row.personId,
    email: row.email,
    roles: rolesUnderScope(roles, row.scope),
    token: { id: row.id, scope: row.scope },
  };
  await recordUse(db, actor, row.id, use, now);
  return actor;
}

async function recordUse(
  db: Db,
  actor: Actor,
  tokenId: string,
  use: { method: string; route: string },
  now: Date,
): Promise<void> {
  await db.transaction(async (tx) => {
    // One conditional update: of many requests in the same minute, only the first writes.
    const touched = await tx
      .update(apiTokens)
      .set({ lastUsedAt: now })
      .where(
        and(
          eq(apiTokens.id, tokenId),
          or(
            isNull(apiTokens.lastUsedAt),
            lt(apiTokens.lastUsedAt, new Date(now.getTime() - lastUsedResolutionMs)),
          ),
        ),
      )
      .returning({ id: apiTokens.id });
    if (touched.length)
      await writeAudit(tx, actor, actor.orgId, {
        action: 'api_token.used',
        entityType: 'api_token',
        entityId: tokenId,
        details: { method: use.method, route: use.route },
      });
  });
}

/** Whether a token's scope allows a request: `read` only reads. */
export function scopeAllows(scope: ApiTokenScope, method: string): boolean {
  return scope !== 'read' || method === 'GET' || method === 'HEAD';
}
