// Links emailed to an account (password reset, email confirmation): one table, one purpose per
// kind, and only the newest link of a kind works.
import { and, eq, isNull } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { accountTokens } from '../db/schema.js';
import { newToken } from './tokens.js';

export type AccountLinkPurpose = (typeof accountTokens.$inferInsert)['purpose'];

/** Spends the account's unused links of this purpose. */
export async function spendLinks(db: Queryable, accountId: string, purpose: AccountLinkPurpose) {
  await db
    .update(accountTokens)
    .set({ usedAt: new Date() })
    .where(
      and(
        eq(accountTokens.accountId, accountId),
        eq(accountTokens.purpose, purpose),
        isNull(accountTokens.usedAt),
      ),
    );
}

/** Makes a new link of this purpose (spending the earlier ones) and answers its token, kept only hashed. */
export async function issueLink(
  db: Queryable,
  account: { id: string; orgId: string },
  purpose: AccountLinkPurpose,
  validMs: number,
): Promise<string> {
  const { token, tokenHash } = newToken();
  await spendLinks(db, account.id, purpose);
  await db.insert(accountTokens).values({
    tokenHash,
    purpose,
    accountId: account.id,
    orgId: account.orgId,
    expiresAt: new Date(Date.now() + validMs),
  });
  return token;
}
