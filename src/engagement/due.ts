// What the engagement finders share: a due item, the sweep's context, and small SQL helpers.
import { and, inArray, sql } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { accounts, engagementSent } from '../db/schema.js';
import type { QueuedNotification } from '../notifications/outbox.js';

export const engagementKinds = [
  'accept.reminder',
  'accept.overdue',
  'meeting.reminder_24h',
  'meeting.reminder_1h',
  'meeting.check',
  'quiet.nudge',
  'pulse.request',
  'digest.weekly',
] as const;
export type EngagementKind = (typeof engagementKinds)[number];

/** One thing due once: its emails go out if and only if its (kind, key) was not recorded before. */
export interface DueItem {
  orgId: string;
  kind: EngagementKind;
  key: string;
  /** Each email's dedupe key is set from (kind, key, recipient). */
  emails: QueuedNotification[];
}

export interface SweepContext {
  now: Date;
  /** Most items one finder returns per pass; the sweep repeats until a pass finds fewer. */
  limit: number;
}

/** What a finder found; `more` when a query hit the limit and another pass may find more. */
export interface Found {
  items: DueItem[];
  more: boolean;
}

export type Finder = (db: Queryable, ctx: SweepContext) => Promise<Found>;

/** SQL: true when (kind, key) is already recorded for the organisation. */
export const alreadySent = (orgId: unknown, kind: EngagementKind, key: unknown) =>
  sql`exists (select 1 from ${engagementSent} sent where sent.org_id = ${orgId} and sent.kind = ${kind} and sent.key = ${key})`;

/** Programme managers (with a person, so they can be emailed) of each organisation. */
export async function managersOf(db: Queryable, orgIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>();
  if (!orgIds.length) return out;
  const rows = await db
    .select({ orgId: accounts.orgId, personId: accounts.personId })
    .from(accounts)
    .where(
      and(
        inArray(accounts.orgId, [...new Set(orgIds)]),
        sql`'programme_manager' = any(${accounts.roles})`,
        sql`${accounts.personId} is not null`,
        sql`${accounts.disabledAt} is null`,
      ),
    );
  for (const r of rows) {
    if (!r.personId) continue;
    out.set(r.orgId, [...(out.get(r.orgId) ?? []), r.personId]);
  }
  return out;
}

export const days = (n: number) => n * 86_400_000;
export const toDate = (v: unknown) => (v instanceof Date ? v : new Date(String(v)));
