// The outbox: notifications are written in the same transaction as what caused
// them, so a committed change never loses its email, and a rolled-back one sends none.
import { and, asc, eq, gt, inArray, like, lte, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { notificationOutbox, notifications, people } from '../db/schema.js';
import { renderEmail } from './layout.js';
import { contentOf, type Message, type NotificationKind } from './templates/index.js';
import type { EmailContent } from './templates/template.js';

export { type NotificationKind, notificationKinds } from './templates/index.js';

/** A notification to a person: its kind and the data its template needs (never prose). */
export type QueuedNotification = Message & {
  recipientId: string;
  /** A calendar attachment (meetings: METHOD:REQUEST or METHOD:CANCEL). */
  ics?: string;
  /** Same key, same organisation: queued once. */
  dedupeKey?: string;
  /** Not sent before this moment (reminders); default now. */
  availableAt?: Date;
};

/** What a notification shows in the notification centre: its heading, first paragraph and app path. */
export function centreEntry(content: EmailContent) {
  return {
    title: content.heading,
    summary: content.paragraphs[0],
    path: content.action && !/^https?:/.test(content.action.href) ? content.action.href : null,
  };
}

/**
 * Queues notifications to people (by person id) inside the caller's transaction: the email
 * in the outbox and the entry in each person's notification centre, so both or neither exist.
 */
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
  const rows = items.flatMap((i) => {
    const email = emails.get(i.recipientId);
    if (!email) return [];
    const content = contentOf(i);
    return [
      {
        outbox: {
          orgId,
          kind: i.kind,
          recipientId: i.recipientId,
          recipientEmail: email,
          subject: content.subject,
          // A readable record with app paths; the email itself is rendered from `data` when sent.
          body: renderEmail(content, { baseUrl: '' }).text,
          data: i.data as Record<string, unknown>,
          ics: i.ics ?? null,
          dedupeKey: i.dedupeKey ?? null,
          ...(i.availableAt ? { availableAt: i.availableAt } : {}),
        },
        centre: {
          orgId,
          personId: i.recipientId,
          kind: i.kind,
          ...centreEntry(content),
          dedupeKey: i.dedupeKey ?? null,
          ...(i.availableAt ? { createdAt: i.availableAt } : {}),
        },
      },
    ];
  });
  let written = 0;
  // Batches keep each statement's parameter count well under the limit at organisation scale.
  for (let i = 0; i < rows.length; i += 500) {
    const batch = rows.slice(i, i + 500);
    const queued = await db
      .insert(notificationOutbox)
      .values(batch.map((r) => r.outbox))
      .onConflictDoNothing()
      .returning({ dedupeKey: notificationOutbox.dedupeKey, recipientId: notificationOutbox.recipientId });
    written += queued.length;
    // The centre gets an entry for each email actually queued (a deduplicated one is already there).
    const fresh = new Set(queued.map((q) => `${q.recipientId}:${q.dedupeKey}`));
    const entries = batch
      .filter((r) => fresh.has(`${r.outbox.recipientId}:${r.outbox.dedupeKey}`))
      .map((r) => r.centre);
    if (entries.length) await db.insert(notifications).values(entries).onConflictDoNothing();
  }
  return written;
}

/** Kinds that carry a way into an account; without SMTP they are written to the server log. */
export const accountEmailKinds: readonly NotificationKind[] = [
  'account.password_reset',
  'account.password_changed',
  'account.invitation',
  'account.email_verification',
];

/**
 * Queues one email to an address (accounts may have no person) inside the caller's
 * transaction. `secret` emails hold a single-use link and are blanked once sent.
 */
export async function queueEmail(
  db: Queryable,
  orgId: string,
  ...emails: (Message & { to: string; secret?: boolean })[]
): Promise<void> {
  if (!emails.length) return;
  await db.insert(notificationOutbox).values(
    emails.map((email) => {
      const content = contentOf(email);
      return {
        orgId,
        kind: email.kind,
        recipientEmail: email.to,
        subject: content.subject,
        body: renderEmail(content, { baseUrl: '' }).text,
        data: email.data as Record<string, unknown>,
        secret: email.secret ?? false,
      };
    }),
  );
}

/** Drops pending notifications whose dedupe key starts with a prefix (a reminder for a meeting that moved). */
export async function dropPending(
  db: Queryable,
  orgId: string,
  kind: NotificationKind,
  dedupePrefix: string,
): Promise<void> {
  const pattern = `${dedupePrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  await db
    .delete(notificationOutbox)
    .where(
      and(
        eq(notificationOutbox.orgId, orgId),
        eq(notificationOutbox.kind, kind),
        eq(notificationOutbox.status, 'pending'),
        like(notificationOutbox.dedupeKey, pattern),
      ),
    );
  // Their centre entries, not yet due, go too.
  await db
    .delete(notifications)
    .where(
      and(
        eq(notifications.orgId, orgId),
        eq(notifications.kind, kind),
        gt(notifications.createdAt, sql`now()`),
        like(notifications.dedupeKey, pattern),
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
    // Emails due at one moment (one transaction's share a timestamp) go out in the order they were queued.
    .orderBy(asc(notificationOutbox.availableAt), asc(notificationOutbox.seq))
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
      data: sql`case when ${notificationOutbox.secret} then null else ${notificationOutbox.data} end`,
    })
    .where(eq(notificationOutbox.id, id));
}

/** The recipient turned this kind off by email: it is not sent, and stays in their notification centre. */
export async function markSkipped(db: Queryable, id: string): Promise<void> {
  await db
    .update(notificationOutbox)
    .set({ status: 'skipped', lastError: null })
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
