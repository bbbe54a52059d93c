// Password sign-in. A wrong password and an unknown email get the same answer; every
// attempt is counted before its password is checked (see throttle.ts).
import { eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { accounts, sessions, ssoSettings } from '../db/schema.js';
import { AppError, invalidCredentials } from '../errors.js';
import { emailSchema } from '../people/email.js';
import { writeAudit } from './audit.js';
import { verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';
import { claimAttempt, clearAttempts, emailKey } from './throttle.js';

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(200),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError(
    'rate_limited',
    `Too many sign-in attempts for this email; try again in ${retryAfterSeconds} s, or reset the password.`,
    { details: { retryAfterSeconds } },
  );

export async function signIn(db: Db, input: SignInInput, ttlHours: number, userAgent?: string) {
  const key = emailKey(input.email);
  const claim = await claimAttempt(db, key);
  if (!claim.admitted) throw tooManyAttempts(claim.retryAfterSeconds);

  const [account] = await db
    .select()
    .from(accounts)
    .where(eq(sql`lower(${accounts.email})`, input.email))
    .limit(1);
  const ok = await verifyPassword(account?.passwordHash ?? null, input.password);
  if (!account || !ok || account.disabledAt) {
    await writeAudit(db, null, account?.orgId ?? null, {
      action: 'sign_in.failed',
      entityType: 'account',
      entityId: account?.id ?? null,
      details: {
        email: input.email,
        reason: !account ? 'unknown_email' : !ok ? 'wrong_password' : 'disabled',
        attempt: claim.attempts,
      },
    });
    throw invalidCredentials();
  }
  await assertPasswordSignInAllowed(db, account);
  await clearAttempts(db, key);
  // Expired sessions are of no further use; sign-in is a cheap, regular moment to drop them.
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  const session = await createSession(db, account, ttlHours, userAgent);
  await writeAudit(db, null, account.orgId, {
    action: 'sign_in.succeeded',
    entityType: 'account',
    entityId: account.id,
  });
  return { account, ...session };
}

/**
 * An organisation that signs in through its provider may turn passwords off; its admins keep
 * theirs, so a broken provider cannot lock everyone out. Checked after the password, so the
 * answer tells only someone who knows it.
 */
async function assertPasswordSignInAllowed(db: Db, account: typeof accounts.$inferSelect) {
  if (account.roles.includes('org_admin')) return;
  const [sso] = await db
    .select({
      name: ssoSettings.displayName,
      passwordSignIn: ssoSettings.passwordSignIn,
      enabled: ssoSettings.enabled,
    })
    .from(ssoSettings)
    .where(eq(ssoSettings.orgId, account.orgId));
  if (!sso?.enabled || sso.passwordSignIn) return;
  await writeAudit(db, null, account.orgId, {
    action: 'sign_in.failed',
    entityType: 'account',
    entityId: account.id,
    details: { email: account.email, reason: 'password_sign_in_off' },
  });
  throw new AppError(
    'forbidden',
    `Your organisation signs in with ${sso.name}: use “Sign in with ${sso.name}”.`,
    {
      details: { sso: true },
    },
  );
}
