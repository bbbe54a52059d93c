// Changing one's own password: the current one is needed (and its guesses are throttled like
// sign-in), the new one must pass the password rules, and every other session ends.
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { accounts, people } from '../db/schema.js';
import { fieldError, notFound } from '../errors.js';
import { queueEmail } from '../notifications/outbox.js';
import type { Actor } from './actor.js';
import { writeAudit } from './audit.js';
import { passwordChangedEmail } from './password-reset.js';
import { assertPasswordFor, hashPassword, verifyPassword } from './passwords.js';
import { endSessionsOf } from './sessions.js';
import { tooManyAttempts } from './sign-in.js';
import { claimAttempt, clearAttempts, emailKey } from './throttle.js';

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'is required').max(200),
    newPassword: z.string().max(200, 'must be at most 200 characters'),
  })
  .strict();

export async function changePassword(db: Db, actor: Actor, input: z.infer<typeof changePasswordSchema>) {
  const [account] = await db
    .select({ a: accounts, name: people.name })
    .from(accounts)
    .leftJoin(people, eq(people.id, accounts.personId))
    .where(eq(accounts.id, actor.accountId));
  if (!account) throw notFound('Account');
  const key = emailKey(account.a.email);
  const claim = await claimAttempt(db, key);
  if (!claim.admitted) throw tooManyAttempts(claim.retryAfterSeconds);
  if (!(await verifyPassword(account.a.passwordHash, input.currentPassword)))
    throw fieldError('currentPassword', 'is not right');
  await clearAttempts(db, key);
  if (input.newPassword === input.currentPassword)
    throw fieldError('newPassword', 'must differ from the current password');
  assertPasswordFor(input.newPassword, [account.a.email, account.name ?? ''], 'newPassword');
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx
      .update(accounts)
      .set({ passwordHash, updatedAt: new Date() })
      .where(eq(accounts.id, actor.accountId));
    const ended = await endSessionsOf(tx, actor.accountId, actor.sessionId);
    await writeAudit(tx, actor, actor.orgId, {
      action: 'account.password_changed',
      entityType: 'account',
      entityId: actor.accountId,
      details: { otherSessionsEnded: ended },
    });
    await queueEmail(
      tx,
      actor.orgId,
      passwordChangedEmail(account.a.email, 'your other sessions were signed out'),
    );
  });
}
