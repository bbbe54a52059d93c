// The engagement sweep: finds what is due at `now` (reminders, nudges, pulses, digests) and
// sends each once. A due item is recorded in engagement_sent under its (kind, key) in the
// same transaction as its outbox emails, so a sweep run twice, retried after a crash, or run
// by two workers at once queues every email exactly once (docs/decisions/090).
import type { Db } from '../db/client.js';
import { engagementSent } from '../db/schema.js';
import { type QueuedNotification, queueNotifications } from '../notifications/outbox.js';
import { findAcceptReminders } from './accept-reminders.js';
import { findWeeklyDigests } from './digest.js';
import type { DueItem, Finder, SweepContext } from './due.js';
import { findMeetingChecks, findMeetingReminders } from './meeting-reminders.js';
import { findPulses } from './pulses.js';
import { findQuietPairs } from './quiet-pairs.js';

/** Every finder, in the order a sweep runs them. */
export const finders: Record<string, Finder> = {
  acceptReminders: findAcceptReminders,
  meetingReminders: findMeetingReminders,
  meetingChecks: findMeetingChecks,
  quietPairs: findQuietPairs,
  pulses: findPulses,
  digests: findWeeklyDigests,
};

/** Records due items and queues the emails of those not recorded before; returns how many were new. */
export async function deliverDue(db: Db, items: readonly DueItem[]): Promise<number> {
  if (!items.length) return 0;
  return db.transaction(async (tx) => {
    const fresh = await tx
      .insert(engagementSent)
      .values(items.map((i) => ({ orgId: i.orgId, kind: i.kind, key: i.key })))
      .onConflictDoNothing()
      .returning({ orgId: engagementSent.orgId, kind: engagementSent.kind, key: engagementSent.key });
    const isFresh = new Set(fresh.map((r) => `${r.orgId} ${r.kind} ${r.key}`));
    const byOrg = new Map<string, QueuedNotification[]>();
    for (const item of items) {
      if (!isFresh.has(`${item.orgId} ${item.kind} ${item.key}`)) continue;
      const list = byOrg.get(item.orgId) ?? [];
      for (const email of item.emails)
        list.push({ ...email, dedupeKey: `${item.kind}:${item.key}:${email.recipientId}` });
      byOrg.set(item.orgId, list);
    }
    for (const [orgId, emails] of byOrg) await queueNotifications(tx, orgId, emails);
    return fresh.length;
  });
}

/** Runs every finder until nothing more is due; returns how many items each sent. */
export async function runEngagementSweep(
  db: Db,
  options: { now: Date; limit?: number },
): Promise<Record<string, number>> {
  const ctx: SweepContext = { now: options.now, limit: options.limit ?? 500 };
  const sent: Record<string, number> = {};
  for (const [name, find] of Object.entries(finders)) {
    sent[name] = 0;
    // Finders leave out what is already recorded, so each pass moves on.
    for (let pass = 0; pass < 1000; pass++) {
      const found = await find(db, ctx);
      sent[name] += await deliverDue(db, found.items);
      if (!found.more) break;
    }
  }
  return sent;
}
