// The outbox: notifications are written in the same transaction as what caused
// them, so a committed change never loses its email, and a rolled-back one sends none.
import { and, asc, eq, inArray, like, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { notificationOutbox, people } from '../db/schema.js';

export const notificationKinds = [
  'match.proposed',
  'match.accepted',
  'match.declined',
  'meeting.scheduled',
  'meeting.updated',
  'meeting.cancelled',
  'meeting.reminder',
  'feedback.requested',
  'relationship.closed',
  'account.password_reset',
  'account.password_changed',
  'account.invitation',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface QueuedNotification {
  kind: NotificationKind;
  recipientId: string;
  subject: string;
  body: string;
  ics?: string;
  /** Same key, same organisation: queued once. */
  dedupeKey?: string;
  /** Not sent before this moment (reminders); default now. */
  availableAt?: Date;
}

/** Queues notifications to people (by person id) inside the caller's transaction. */
export async function queueNotifications(
  db: Queryable,
  orgId: string,
  items: QueuedNotification[],
): Promise<number> {
  if (!items.length) return 0;
  const ids = [...new Set(items.map((i) => i.recipientId))];
  const emails = new Map(
    (
      await db
        .select({ id: people.id, email: people.email })
        .from(people)
        .where(and(eq(people.orgId, orgId), inArray(people.id, ids)))
    ).map((p) => [p.id, p.email]),
  );
  const values = items.flatMap((i) => {
    const email = emails.get(i.recipientId);
    if (!email) return [];
    return [
      {
        orgId,
        kind: i.kind,
        recipientId: i.recipientId,
        recipientEmail: email,
        subject: i.subject,
        body: i.body,
        ics: i.ics ?? null,
        dedupeKey: i.dedupeKey ?? null,
        ...(i.availableAt ? { availableAt: i.availableAt } : {}),
      },
    ];
  });
  let written = 0;
  // Batches keep each statement's parameter count well under the limit at organisation scale.
  for (let i = 0; i < values.length; i += 500) {
    const rows = await db
      .insert(notificationOutbox)
      .values(values.slice(i, i + 500))
      .onConflictDoNothing()
      .returning({ id: notificationOutbox.id });
    written += rows.length;
  }
  return written;
}

/** Kinds that carry a way into an account; without SMTP they are written to the server log. */
export const accountEmailKinds: readonly NotificationKind[] = [
  'account.password_reset',
  'account.password_changed',
  'account.invitation',
];

/**
 * Queues one email to an address (accounts may have no person) inside the caller's
 * transaction. `secret` bodies hold a single-use link and are blanked once sent.
 */
export async function queueEmail(
  db: Queryable,
  orgId: string,
  ...emails: { kind: NotificationKind; to: string; subject: string; body: string; secret?: boolean }[]
): Promise<void> {
  if (!emails.length) return;
  await db.insert(notificationOutbox).values(
    emails.map((email) => ({
      orgId,
      kind: email.kind,
      recipientEmail: email.to,
      subject: email.subject,
      body: email.body,
      secret: email.secret ?? false,
    })),
  );
}

/** Drops pending notifications whose dedupe key starts with a prefix (a reminder for a meeting that moved). */
export async function dropPending(
  db: Queryable,
  orgId: string,
  kind: NotificationKind,
  dedupePrefix: string,
): Promise<void> {
  await db
    .delete(notificationOutbox)
    .where(
      and(
        eq(notificationOutbox.orgId, orgId),
        eq(notificationOutbox.kind, kind),
        eq(notificationOutbox.status, 'pending'),
        like(notificationOutbox.dedupeKey, `${dedupePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`),
      ),
    );
}

export type OutboxRow = typeof notificationOutbox.$inferSelect;

/** Claims up to `limit` pending notifications that are due (SKIP LOCKED, so several senders can run). */
export async function claimDue(
  db: Queryable,
  limit: number,
  now?: Date,
  kinds?: readonly NotificationKind[],
): Promise<OutboxRow[]> {
  // The database's clock by default: rows are stamped by it, to the microsecond.
  const due = await db
    .select()
    .from(notificationOutbox)
    .where(
      and(
        eq(notificationOutbox.status, 'pending'),
        lte(notificationOutbox.availableAt, now ?? sql`now()`),
        kinds ? inArray(notificationOutbox.kind, [...kinds]) : undefined,
      ),
    )
    .orderBy(asc(notificationOutbox.availableAt))
    .limit(limit)
    .for('update', { skipLocked: true });
  return due;
}

export async function markSent(db: Queryable, id: string): Promise<void> {
  await db
    .update(notificationOutbox)
    .set({
      status: 'sent',
      sentAt: new Date(),
      attempts: sql`${notificationOutbox.attempts} + 1`,
      lastError: null,
      // A sent link lives in the recipient's mailbox, not in our database.
      body: sql`case when ${notificationOutbox.secret} then '(removed after sending)' else ${notificationOutbox.body} end`,
    })
    .where(eq(notificationOutbox.id, id));
}

export const maxAttempts = 8;

/** Records a failed attempt; retries later with exponential backoff, or gives up after maxAttempts. */
export async function markFailed(
  db: Queryable,
  row: OutboxRow,
  error: string,
  now = new Date(),
): Promise<void> {
  const attempts = row.attempts + 1;
  const delayMs = Math.min(3_600_000, 30_000 * 2 ** (attempts - 1));
  await db
    .update(notificationOutbox)
    .set({
      attempts,
      lastError: error.slice(0, 500),
      status: attempts >= maxAttempts ? 'failed' : 'pending',
      availableAt: new Date(now.getTime() + delayMs),
    })
    .where(eq(notificationOutbox.id, row.id));
}
