// The sign-in throttle. Each attempt is counted in one atomic upsert before its password is
// checked, so any number of concurrent requests, in any number of processes, admit at most
// `freeAttempts` checks. After that each further attempt waits twice as long as the one
// before (15 s, 30 s, 1 min ... at most 15 minutes): a colleague's five wrong guesses cost
// the owner 15 seconds, not a lockout, and a password-reset link clears the count.
import { eq, type SQL, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { signInThrottle } from '../db/schema.js';

export const freeAttempts = 5;
export const firstDelaySeconds = 15;
export const maxDelaySeconds = 15 * 60;
/** Attempts older than this are forgotten; longer than the longest delay, so waiting it out does not reset the growth. */
export const forgetAfterHours = 24;

/** Seconds the next attempt must wait after `attempts` uncleared attempts. */
export function delayAfter(attempts: number): number {
  if (attempts < freeAttempts) return 0;
  return Math.min(maxDelaySeconds, firstDelaySeconds * 2 ** (attempts - freeAttempts));
}

export const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;

export type Claim = { admitted: true; attempts: number } | { admitted: false; retryAfterSeconds: number };

/**
 * Counts one attempt for `key` unless the key is waiting out a delay. The upsert takes the
 * row lock, so of two concurrent attempts the second sees the first's delay.
 */
export async function claimAttempt(db: Queryable, key: string, now = new Date()): Promise<Claim> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const forgetBefore = sql`${new Date(now.getTime() - forgetAfterHours * 3_600_000).toISOString()}::timestamptz`;
  const free = sql.raw(String(freeAttempts));
  const next = sql`(case when ${signInThrottle.lastAttemptAt} < ${forgetBefore} then 1 else ${signInThrottle.attempts} + 1 end)`;
  const blockedFor = (attempts: SQL) =>
    sql`(case when ${attempts} >= ${free}
      then ${at} + least(${sql.raw(String(maxDelaySeconds))}, ${sql.raw(String(firstDelaySeconds))} * power(2, ${attempts} - ${free})) * interval '1 second'
      end)`;
  const rows = await db
    .insert(signInThrottle)
    .values({ key, attempts: 1, blockedUntil: blockedFor(sql.raw('1')), lastAttemptAt: now })
    .onConflictDoUpdate({
      target: signInThrottle.key,
      set: { attempts: next, blockedUntil: blockedFor(next), lastAttemptAt: now },
      setWhere: sql`${signInThrottle.blockedUntil} is null or ${signInThrottle.blockedUntil} <= ${at}`,
    })
    .returning({ attempts: signInThrottle.attempts });
  const row = rows[0];
  if (row) return { admitted: true, attempts: row.attempts };
  const [state] = await db
    .select({ blockedUntil: signInThrottle.blockedUntil })
    .from(signInThrottle)
    .where(eq(signInThrottle.key, key));
  const until = state?.blockedUntil?.getTime() ?? now.getTime();
  return { admitted: false, retryAfterSeconds: Math.max(1, Math.ceil((until - now.getTime()) / 1000)) };
}

/** Forgets every attempt for `key` (a successful sign-in, a used reset link). */
export async function clearAttempts(db: Queryable, key: string): Promise<void> {
  await db.delete(signInThrottle).where(eq(signInThrottle.key, key));
}
