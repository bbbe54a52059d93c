// Password sign-in. A wrong password and an unknown email get the same answer; every
// attempt is counted before its password is checked (see throttle.ts). One email may have
// an account in several organisations (decision 047): the password is checked against each,
// and only when it opens more than one does the answer name them, so a stranger learns
// nothing of where an email has accounts.
import { and, eq, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { accounts, organisations, sessions, ssoSettings } from '../db/schema.js';
import { AppError, invalidCredentials } from '../errors.js';
import { slugSchema } from '../organisations/slug.js';
import { emailSchema } from '../people/email.js';
import { writeAudit } from './audit.js';
import { sendEmailVerification } from './email-verification.js';
import { verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';
import { personHasLeft } from './standing.js';
import { claimAttempt, clearAttempts, emailKey } from './throttle.js';

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string().min(1, 'is required').max(200),
  /** The organisation's short address, when the email has accounts in several. */
  organisation: slugSchema.optional(),
});
export type SignInInput = z.infer<typeof signInSchema>;

/** The organisations a password opened, when it opened more than one: the caller picks one. */
export const organisationChoiceSchema = z.object({
  organisations: z.array(z.object({ slug: z.string(), name: z.string() })),
});

/** Accounts of one email checked per attempt; more than any person holds, fewer than would slow the server. */
export const maxAccountsPerEmail = 20;

export const tooManyAttempts = (retryAfterSeconds: number) =>
  new AppError(
    'rate_limited',
    `Too many sign-in attempts for this email; try again in ${retryAfterSeconds} s, or reset the password.`,
    { details: { retryAfterSeconds } },
  );

export const emailNotConfirmed = () =>
  new AppError(
    'forbidden',
    'Confirm your email first: we have sent a link to it. Follow the link, then you are signed in.',
    { details: { reason: 'email_not_confirmed' } },
  );

type AccountRow = typeof accounts.$inferSelect;
export type SignInResult =
  | { kind: 'signed_in'; account: AccountRow; token: string; expiresAt: Date }
  | { kind: 'choose'; organisations: { slug: string; name: string }[] };

export async function signIn(
  db: Db,
  input: SignInInput,
  ttlHours: number,
  userAgent: string | undefined,
  baseUrl: string,
): Promise<SignInResult> {
  const key = emailKey(input.email);
  const claim = await claimAttempt(db, key);
  if (!claim.admitted) throw tooManyAttempts(claim.retryAfterSeconds);

  const candidates = await db
    .select({
      account: accounts,
      left: personHasLeft(),
      slug: organisations.slug,
      orgName: organisations.name,
    })
    .from(accounts)
    .innerJoin(organisations, eq(organisations.id, accounts.orgId))
    .where(
      and(
        eq(sql`lower(${accounts.email})`, input.email),
        input.organisation ? eq(organisations.slug, input.organisation) : undefined,
      ),
    )
    .orderBy(organisations.slug)
    .limit(maxAccountsPerEmail);
  // Checked side by side (argon2 runs off the event loop), so several accounts take about as long as one.
  const checks = candidates.length
    ? await Promise.all(candidates.map((c) => verifyPassword(c.account.passwordHash, input.password)))
    : [await verifyPassword(null, input.password)];
  const opened = candidates.filter((_, i) => checks[i]);
  // A leaver's account is closed like a disabled one, from their leave date on.
  const closed = (c: (typeof candidates)[number]) => c.account.disabledAt !== null || c.left;
  const usable = opened.filter((c) => !closed(c) && c.account.emailVerifiedAt);

  if (usable.length === 0) {
    const unconfirmed = opened.filter((c) => !closed(c) && !c.account.emailVerifiedAt);
    const reason = !candidates.length
      ? 'unknown_email'
      : !opened.length
        ? 'wrong_password'
        : unconfirmed.length
          ? 'email_not_confirmed'
          : 'disabled';
    const first = (unconfirmed[0] ?? opened[0] ?? candidates[0])?.account;
    await writeAudit(db, null, first?.orgId ?? null, {
      action: 'sign_in.failed',
      entityType: 'account',
      entityId: first?.id ?? null,
      details: { email: input.email, reason, attempt: claim.attempts },
    });
    // Only someone who knows the password learns that the email waits for its confirmation.
    if (unconfirmed.length) {
      for (const c of unconfirmed) await sendEmailVerification(db, c.account, baseUrl);
      throw emailNotConfirmed();
    }
    throw invalidCredentials();
  }
  await clearAttempts(db, key);
  if (usable.length > 1)
    return { kind: 'choose', organisations: usable.map((c) => ({ slug: c.slug, name: c.orgName })) };
  const account = (usable[0] as (typeof usable)[number]).account;
  await assertPasswordSignInAllowed(db, account);
  // Expired sessions are of no further use; sign-in is a cheap, regular moment to drop them.
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  const session = await createSession(db, account, ttlHours, userAgent);
  await writeAudit(db, null, account.orgId, {
    action: 'sign_in.succeeded',
    entityType: 'account',
    entityId: account.id,
  });
  return { kind: 'signed_in', account, ...session };
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
