// Session tokens: random, sent as an HttpOnly cookie, stored only as a SHA-256 hash.
import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { accounts, sessions } from '../db/schema.js';
import { type Actor, type Role, roleSchema } from './actor.js';

export const sessionCookieName = 'twoway_session';

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Queryable,
  account: { id: string; orgId: string },
  ttlHours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + ttlHours * 3_600_000);
  await db
    .insert(sessions)
    .values({ tokenHash: hashToken(token), accountId: account.id, orgId: account.orgId, expiresAt });
  return { token, expiresAt };
}

/** The actor behind a session token, or null when the token is unknown, expired or the account disabled. */
export async function resolveSession(db: Queryable, token: string): Promise<Actor | null> {
  const rows = await db
    .select({
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
        eq(sessions.tokenHash, hashToken(token)),
        gt(sessions.expiresAt, new Date()),
        isNull(accounts.disabledAt),
      ),
    )
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  return { ...row, roles: row.roles.filter((r): r is Role => roleSchema.safeParse(r).success) };
}

export async function deleteSession(db: Queryable, token: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.tokenHash, hashToken(token)));
}
