// Session tokens: random, sent as an HttpOnly cookie, stored only as a SHA-256 hash.
import { and, desc, eq, gt, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db/client.js';
import { accounts, sessions } from '../db/schema.js';
import { type Actor, type Role, roleSchema } from './actor.js';
import { accountInUse, todayUtc } from './standing.js';
import { hashToken, newToken } from './tokens.js';

export const sessionCookieName = 'twoway_session';

/** One of your sessions: never its token or the token's hash. */
export const sessionResponseSchema = z.object({
  id: z.string(),
  userAgent: z.string().nullable(),
  createdAt: z.string(),
  expiresAt: z.string(),
  current: z.boolean(),
});
export type SessionResponse = z.infer<typeof sessionResponseSchema>;

export async function createSession(
  db: Queryable,
  account: { id: string; orgId: string },
  ttlHours: number,
  userAgent?: string,
): Promise<{ token: string; expiresAt: Date }> {
  const { token, tokenHash } = newToken();
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  await db.insert(sessions).values({
    tokenHash,
    accountId: account.id,
    orgId: account.orgId,
    expiresAt,
    userAgent: userAgent?.slice(0, 300) ?? null,
  });
  return { token, expiresAt };
}

/**
 * The session lookup every signed-in request makes, built once per database and prepared: on
 * PostgreSQL a named statement planned once per connection (its plan, by the token's unique
 * index, does not depend on the values; parsing and planning it took ten times its execution).
 */
function sessionLookup(db: Queryable) {
  return db
    .select({
      sessionId: sessions.id,
      accountId: accounts.id,
      orgId: accounts.orgId,
      personId: accounts.personId,
      email: accounts.email,
      roles: accounts.roles,
    })
    .from(sessions)
    .innerJoin(accounts, eq(accounts.id, sessions.accountId))
    .where(
      and(
        eq(sessions.tokenHash, sql.placeholder('tokenHash')),
        gt(sessions.expiresAt, sql.placeholder('now')),
        accountInUse(sql.placeholder('today')),
      ),
    )
    .limit(1)
    .prepare('resolve_session');
}
const lookups = new WeakMap<Queryable, ReturnType<typeof sessionLookup>>();

/** The actor behind a session token, or null when the token is unknown or expired, the account disabled or its person gone. */
export async function resolveSession(db: Queryable, token: string): Promise<Actor | null> {
  let lookup = lookups.get(db);
  if (!lookup) {
    lookup = sessionLookup(db);
    lookups.set(db, lookup);
  }
  const now = new Date();
  const rows = await lookup.execute({ tokenHash: hashToken(token), now, today: todayUtc(now) });
  const row = rows[0];
  if (!row) return null;
  return { ...row, roles: row.roles.filter((r): r is Role => roleSchema.safeParse(r).success) };
}

/** The account's live sessions, newest first; `current` marks the caller's own. */
export async function listSessions(db: Queryable, actor: Actor) {
  const rows = await db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      createdAt: sessions.createdAt,
      expiresAt: sessions.expiresAt,
    })
    .from(sessions)
    .where(and(eq(sessions.accountId, actor.accountId), gt(sessions.expiresAt, new Date())))
    .orderBy(desc(sessions.createdAt));
  return rows.map((s) => ({
    id: s.id,
    userAgent: s.userAgent,
    createdAt: s.createdAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    current: s.id === actor.sessionId,
  }));
}

/** Ends one of the caller's own sessions; another account's session id is simply not found. */
export async function endSession(db: Queryable, actor: Actor, id: string): Promise<boolean> {
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.accountId, actor.accountId)))
    .returning({ id: sessions.id });
  return ended.length > 0;
}

/** Ends every session of an account, except `keep` (the caller's own, after a password change). */
export async function endSessionsOf(db: Queryable, accountId: string, keep?: string): Promise<number> {
  const ended = await db
    .delete(sessions)
    .where(and(eq(sessions.accountId, accountId), keep ? ne(sessions.id, keep) : undefined))
    .returning({ id: sessions.id });
  return ended.length;
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}
