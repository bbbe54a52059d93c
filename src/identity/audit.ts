// The audit log: who changed what, written in the same transaction as the change.
import type { Queryable } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import type { Actor } from './actor.js';
import { cliAccountId } from './system-actor.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

export async function writeAudit(
  db: Queryable,
  actor: Actor | null,
  /** Null only for what belongs to no organisation (a sign-in attempt for an unknown email). */
  orgId: string | null,
  ...entries: AuditEntry[]
): Promise<void> {
  if (!entries.length) return;
  await db.insert(auditLog).values(
    entries.map((entry) => ({
      orgId,
      // Commands run on the server have no account; the details say where they came from.
      actorAccountId: actor && actor.accountId !== cliAccountId ? actor.accountId : null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      details: { ...(entry.details ?? {}), ...(actor?.accountId === cliAccountId ? { via: 'cli' } : {}) },
    })),
  );
}
