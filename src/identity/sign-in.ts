// Password sign-in. A wrong password and an unknown email get the same answer;
// repeated failures for one email are throttled across all web processes.
import { and, count, eq, gt, lt, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { accounts, sessions, signInFailures } from '../db/schema.js';
import { invalidCredentials, rateLimited } from '../errors.js';
import { verifyPassword } from './passwords.js';
import { createSession } from './sessions.js';

export const signInSchema = z.object({
  email: z.string().trim().toLowerCase().email('must be an email address').max(320),
  password: z.string().min(1, 'is required').max(200),
});
export type SignInInput = z.infer<typeof signInSchema>;

export const maxFailures = 5;
export const failureWindowMinutes = 15;

export async function signIn(db: Db, input: SignInInput, ttlHours: number) {
  const since = new Date(Date.now() - failureWindowMinutes * 60_000);
  const [recent] = await db
    .select({ n: count() })
    .from(signInFailures)
    .where(and(eq(sql`lower(${signInFailures.email})`, input.email), gt(signInFailures.at, since)));
  if ((recent?.n ?? 0) >= maxFailures) throw rateLimited();

  const [account] = await db
    .select()
    .from(accounts)
    .where(eq(sql`lower(${accounts.email})`, input.email))
    .limit(1);
  const ok = await verifyPassword(account?.passwordHash ?? null, input.password);
  if (!account || !ok || account.disabledAt) {
    await db.insert(signInFailures).values({ email: input.email });
    // Old failures are of no further use; keep the table small.
    await db.delete(signInFailures).where(lt(signInFailures.at, since));
    throw invalidCredentials();
  }
  await db.delete(signInFailures).where(eq(sql`lower(${signInFailures.email})`, input.email));
  // Expired sessions are of no further use; sign-in is a cheap, regular moment to drop them.
  await db.delete(sessions).where(lt(sessions.expiresAt, new Date()));
  const session = await createSession(db, account, ttlHours);
  return { account, ...session };
}
