// Forgotten passwords: a single-use link by email, valid for one hour. The request answers
// the same, in about the same time, whether or not the email has an account.
import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { accounts, accountTokens, organisations, people } from '../db/schema.js';
import { fieldError } from '../errors.js';
import { queueEmail } from '../notifications/outbox.js';
import { emailSchema } from '../people/email.js';
import { issueLink, spendLinks } from './account-links.js';
import { writeAudit } from './audit.js';
import { assertPasswordFor, hashPassword } from './passwords.js';
import { countHit } from './rate-limit-store.js';
import { endSessionsOf } from './sessions.js';
import { maxAccountsPerEmail } from './sign-in.js';
import { accountInUse } from './standing.js';
import { clearAttempts, emailKey } from './throttle.js';
import { answerNoSoonerThan, hashToken } from './tokens.js';

export const resetLinkMinutes = 60;
/** Reset emails to one address per hour; more requests are answered alike and send nothing. */
export const resetEmailsPerHour = 3;
/** Every request answers after at least this long, whatever it found. */
export const resetAnswerMs = 400;

export const requestResetSchema = z.object({ email: emailSchema }).strict();
export const resetPasswordSchema = z
  .object({
    token: z.string().min(20, 'is not a reset link token').max(100, 'is not a reset link token'),
    password: z.string().max(200, 'must be at most 200 characters'),
  })
  .strict();

/** Tells the owner their password changed, so a change they did not make does not go unnoticed. */
export const passwordChangedEmail = (to: string, sessions: string) => ({
  kind: 'account.password_changed' as const,
  to,
  data: { sessions },
});

const invalidLink = () => fieldError('token', 'is invalid, used or expired; ask for a new link');

/** Sends a reset link when the email has an enabled account; the answer never says which. */
export async function requestPasswordReset(
  db: Db,
  input: z.infer<typeof requestResetSchema>,
  baseUrl: string,
): Promise<void> {
  const started = Date.now();
  try {
    const { current } = await countHit(db, `reset-email:${input.email}`, 3_600_000);
    // One link per organisation the email has an account in, each naming it.
    const found = await db
      .select({ id: accounts.id, orgId: accounts.orgId, email: accounts.email, org: organisations.name })
      .from(accounts)
      .innerJoin(organisations, eq(organisations.id, accounts.orgId))
      .where(and(eq(sql`lower(${accounts.email})`, input.email), accountInUse()))
      .limit(maxAccountsPerEmail);
    if (current > resetEmailsPerHour) return;
    for (const account of found) {
      await db.transaction(async (tx) => {
        const token = await issueLink(tx, account, 'password_reset', resetLinkMinutes * 60_000);
        await queueEmail(tx, account.orgId, {
          kind: 'account.password_reset',
          to: account.email,
          // The token travels in the fragment, which browsers never send to a server or in a Referer.
          data: {
            link: `${baseUrl}/reset-password#token=${token}`,
            minutes: resetLinkMinutes,
            orgName: account.org,
          },
          secret: true,
        });
        await writeAudit(tx, null, account.orgId, {
          action: 'account.password_reset_requested',
          entityType: 'account',
          entityId: account.id,
        });
      });
    }
  } finally {
    await answerNoSoonerThan(started, resetAnswerMs);
  }
}

/**
 * Sets a new password through a reset link: the link is spent in the same statement that
 * checks it, so of two concurrent uses one wins. Every session of the account ends and the
 * sign-in throttle for its email is cleared.
 */
export async function resetPassword(db: Db, input: z.infer<typeof resetPasswordSchema>): Promise<void> {
  const tokenHash = hashToken(input.token);
  const now = new Date();
  const [link] = await db
    .select({ accountId: accountTokens.accountId, email: accounts.email, name: people.name })
    .from(accountTokens)
    .innerJoin(accounts, eq(accounts.id, accountTokens.accountId))
    .leftJoin(people, eq(people.id, accounts.personId))
    .where(
      and(
        eq(accountTokens.tokenHash, tokenHash),
        eq(accountTokens.purpose, 'password_reset'),
        isNull(accountTokens.usedAt),
        gt(accountTokens.expiresAt, now),
      ),
    );
  if (!link) throw invalidLink();
  // A weak password leaves the link unspent, so the person can try another.
  assertPasswordFor(input.password, [link.email, link.name ?? '']);
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const [spent] = await tx
      .update(accountTokens)
      .set({ usedAt: new Date() })
      .where(
        and(
          eq(accountTokens.tokenHash, tokenHash),
          isNull(accountTokens.usedAt),
          gt(accountTokens.expiresAt, new Date()),
        ),
      )
      .returning({ orgId: accountTokens.orgId });
    if (!spent) throw invalidLink();
    await spendLinks(tx, link.accountId, 'password_reset');
    await tx
      .update(accounts)
      // The link came to this email, so following it proves it.
      .set({
        passwordHash,
        emailVerifiedAt: sql`coalesce(${accounts.emailVerifiedAt}, now())`,
        updatedAt: new Date(),
      })
      .where(eq(accounts.id, link.accountId));
    const ended = await endSessionsOf(tx, link.accountId);
    await clearAttempts(tx, emailKey(link.email));
    await writeAudit(tx, null, spent.orgId, {
      action: 'account.password_reset',
      entityType: 'account',
      entityId: link.accountId,
      details: { sessionsEnded: ended },
    });
    await queueEmail(tx, spent.orgId, passwordChangedEmail(link.email, 'every session was signed out'));
  });
}
