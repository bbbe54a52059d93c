// Mail that has not gone out: failed for good, or pending after at least one failed attempt
// or overdue. Admins of the organisation see its own rows (never a body: it may hold a
// single-use link) and can send one again.
import { and, count, desc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import { z } from 'zod';
import { pageOf } from '../api/common.js';
import type { Queryable } from '../db/client.js';
import { notificationOutbox } from '../db/schema.js';
import { AppError, notFound } from '../errors.js';
import { type Actor, assertRole } from '../identity/actor.js';

export const undeliveredSchema = z.object({
  id: z.string(),
  kind: z.string(),
  recipientEmail: z.string(),
  subject: z.string(),
  status: z.enum(['pending', 'failed']),
  attempts: z.number().int(),
  lastError: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
  createdAt: z.string(),
});

export type UndeliveredEmail = z.infer<typeof undeliveredSchema>;
export const undeliveredPageSchema = pageOf(undeliveredSchema);

export const undeliveredQuerySchema = z
  .object({
    status: z.enum(['failed', 'pending', 'all']).default('all'),
    limit: z.coerce.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(50),
    offset: z.coerce
      .number()
      .int()
      .min(0, 'must be 0 or more')
      .max(1_000_000, 'must be at most 1000000')
      .default(0),
  })
  .strict();

/** Pending rows count as undelivered once an attempt failed or they are more than 10 minutes overdue. */
const undelivered = (status: 'failed' | 'pending' | 'all') => {
  const failed = eq(notificationOutbox.status, 'failed');
  const stuck = and(
    eq(notificationOutbox.status, 'pending'),
    or(
      gt(notificationOutbox.attempts, 0),
      sql`${notificationOutbox.availableAt} < now() - interval '10 minutes'`,
    ),
  );
  return status === 'failed' ? failed : status === 'pending' ? stuck : or(failed, stuck);
};

export async function listUndelivered(
  db: Queryable,
  actor: Actor,
  query: z.infer<typeof undeliveredQuerySchema>,
) {
  assertRole(actor, 'org_admin');
  const where = and(eq(notificationOutbox.orgId, actor.orgId), undelivered(query.status));
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(notificationOutbox)
      .where(where)
      .orderBy(desc(notificationOutbox.createdAt), desc(notificationOutbox.id))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ n: count() }).from(notificationOutbox).where(where),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      recipientEmail: r.recipientEmail,
      subject: r.subject,
      status: r.status as 'pending' | 'failed',
      attempts: r.attempts,
      lastError: r.lastError,
      nextAttemptAt: r.status === 'pending' ? r.availableAt.toISOString() : null,
      createdAt: r.createdAt.toISOString(),
    })),
    total: total?.n ?? 0,
    totalExact: true,
    limit: query.limit,
    offset: query.offset,
  };
}

/** Sends an undelivered email again at the next pass, with a fresh round of attempts; the last error stays to read. */
export async function retryUndelivered(db: Queryable, actor: Actor, id: string) {
  assertRole(actor, 'org_admin');
  const [row] = await db
    .select({ status: notificationOutbox.status })
    .from(notificationOutbox)
    .where(and(eq(notificationOutbox.id, id), eq(notificationOutbox.orgId, actor.orgId)));
  if (!row) throw notFound('Email');
  if (!['failed', 'pending'].includes(row.status))
    throw new AppError(
      'conflict',
      `This email is ${row.status}; only an undelivered one can be sent again.`,
      {
        fields: [{ path: 'status', message: `is ${row.status}` }],
      },
    );
  await db
    .update(notificationOutbox)
    .set({ status: 'pending', attempts: 0, availableAt: sql`now()` })
    .where(
      and(
        eq(notificationOutbox.id, id),
        eq(notificationOutbox.orgId, actor.orgId),
        inArray(notificationOutbox.status, ['failed', 'pending']),
      ),
    );
}
