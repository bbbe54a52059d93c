// An email is proven by a link sent to it before its account is used (decision 047). Following
// an invitation or a password-reset link proves it too; this is the link for everything else:
// an account an admin gave a password, and the first admin of a new organisation.
import { and, eq, gt, isNull } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import { accounts, accountTokens, organisations } from '../db/schema.js';
import { fieldError } from '../errors.js';
import { queueEmail } from '../notifications/outbox.js';
import { issueLink } from './account-links.js';
import { writeAudit } from './audit.js';
import { countHit } from './rate-limit-store.js';
import { createSession } from './sessions.js';
import { accountInUse } from './standing.js';
import { hashToken } from './tokens.js';

export const verificationLinkHours = 48;
/** Links to one account per hour (a sign-in before confirming sends a fresh one). */
export const verificationEmailsPerHour = 3;

export const confirmEmailSchema = z
  .object({
    token: z.string().min(20, 'is not a confirmation token').max(100, 'is not a confirmation token'),
  })
  .strict();

const invalidLink = () => fieldError('token', 'is invalid, used or expired; sign in to get a new link');

/** Emails a confirmation link for the account (the newest link is the only one that works). */
export async function sendEmailVerification(
  db: Queryable,
  account: { id: string; orgId: string; email: string },
  baseUrl: string,
): Promise<boolean> {
  const { current } = await countHit(db, `verify-email:${account.id}`, 3_600_000);
  if (current > verificationEmailsPerHour) return false;
  const [org] = await db
    .select({ name: organisations.name })
    .from(organisations)
    .where(eq(organisations.id, account.orgId));
  const token = await issueLink(db, account, 'email_verification', verificationLinkHours * 3_600_000);
  await queueEmail(db, account.orgId, {
    kind: 'account.email_verification',
    to: account.email,
    // The token travels in the fragment, which browsers never send to a server or in a Referer.
    data: {
      orgName: org?.name ?? 'an organisation',
      link: `${baseUrl}/confirm-email#token=${token}`,
      hours: verificationLinkHours,
    },
    secret: true,
  });
  return true;
}

/**
 * Follows a confirmation link: spends it in the statement that checks it (one of two
 * concurrent uses wins), marks the email proven and signs the account in.
 */
export async function confirmEmail(
  db: Db,
  input: z.infer<typeof confirmEmailSchema>,
  ttlHours: number,
  userAgent?: string,
) {
  return db.transaction(async (tx) => {
    const [spent] = await tx
      .update(accountTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(accountTokens.tokenHash, hashToken(input.token)),
          eq(accountTokens.purpose, 'email_verification'),
          isNull(accountTokens.usedAt),
          gt(accountTokens.expiresAt, new Date()),
        ),
      )
      .returning({ accountId: accountTokens.accountId });
    if (!spent) throw invalidLink();
    const [account] = await tx
      .update(accounts)
      .set({ emailVerifiedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(accounts.id, spent.accountId), accountInUse()))
      .returning();
    if (!account) throw invalidLink();
    await writeAudit(tx, null, account.orgId, {
      action: 'account.email_verified',
      entityType: 'account',
      entityId: account.id,
    });
    const session = await createSession(tx, account, ttlHours, userAgent);
    return { account, ...session };
  });
}
