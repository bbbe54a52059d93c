// The in-app notification centre: each person reads and marks only their own entries.
// Every query is scoped by the caller's organisation and person; another person's entry
// answers "not found", as if it did not exist.
import { and, count, desc, eq, isNull, lte, sql } from 'drizzle-orm';
import { z } from 'zod';
import { pageOf } from '../api/common.js';
import type { Queryable } from '../db/client.js';
import { notifications } from '../db/schema.js';
import { notFound } from '../errors.js';
import type { Actor } from '../identity/actor.js';

export const notificationSchema = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  summary: z.string(),
  path: z.string().nullable(),
  createdAt: z.string(),
  read: z.boolean(),
});

export type NotificationView = z.infer<typeof notificationSchema>;

/** A page of one's notifications, with how many are unread in all. */
export const notificationPageSchema = pageOf(notificationSchema).extend({ unread: z.number().int() });

export const listQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1, 'must be at least 1').max(100, 'must be at most 100').default(20),
    offset: z.coerce
      .number()
      .int()
      .min(0, 'must be 0 or more')
      .max(100_000, 'must be at most 100000')
      .default(0),
    unread: z.enum(['true', 'false']).optional(),
  })
  .strict();

/** Mine, and already due (a reminder queued for tomorrow appears tomorrow). */
const mine = (actor: Actor, personId: string) =>
  and(
    eq(notifications.orgId, actor.orgId),
    eq(notifications.personId, personId),
    lte(notifications.createdAt, sql`now()`),
  );

export async function unreadCount(db: Queryable, actor: Actor): Promise<{ unread: number }> {
  if (!actor.personId) return { unread: 0 };
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(mine(actor, actor.personId), isNull(notifications.readAt)));
  return { unread: row?.n ?? 0 };
}

export async function listNotifications(db: Queryable, actor: Actor, query: z.infer<typeof listQuerySchema>) {
  const { limit, offset } = query;
  if (!actor.personId) return { items: [], total: 0, totalExact: true, limit, offset, unread: 0 };
  const where = and(
    mine(actor, actor.personId),
    query.unread === 'true' ? isNull(notifications.readAt) : undefined,
  );
  const [rows, [total], { unread }] = await Promise.all([
    db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(limit)
      .offset(offset),
    db.select({ n: count() }).from(notifications).where(where),
    unreadCount(db, actor),
  ]);
  return {
    items: rows.map((r) => ({
      id: r.id,
      kind: r.kind,
      title: r.title,
      summary: r.summary,
      path: r.path,
      createdAt: r.createdAt.toISOString(),
      read: r.readAt !== null,
    })),
    total: total?.n ?? 0,
    totalExact: true,
    limit,
    offset,
    unread,
  };
}

export async function markRead(db: Queryable, actor: Actor, id: string) {
  if (!actor.personId) throw notFound('Notification');
  const [row] = await db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, now())` })
    .where(and(eq(notifications.id, id), mine(actor, actor.personId)))
    .returning({ id: notifications.id });
  if (!row) throw notFound('Notification');
  return unreadCount(db, actor);
}

export async function markAllRead(db: Queryable, actor: Actor) {
  if (!actor.personId) return { unread: 0 };
  await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(and(mine(actor, actor.personId), isNull(notifications.readAt)));
  return unreadCount(db, actor);
}
