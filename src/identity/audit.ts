// The audit log: who changed what, written in the same transaction as the change.
import type { Queryable } from '../db/client.js';
import { auditLog } from '../db/schema.js';
import type { Actor } from './actor.js';
import { cliAccountId, scimAccountPrefix } from './system-actor.js';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId?: string | null;
  details?: Record<string, unknown>;
}

/** Where a change came from when it was not a signed-in browser: a command on the server, an API token, or SCIM. */
function via(actor: Actor | null): Record<string, unknown> {
  if (actor?.accountId === cliAccountId) return { via: 'cli' };
  if (actor?.token) return { via: 'api_token', tokenId: actor.token.id };
  if (actor?.accountId.startsWith(scimAccountPrefix))
    return { via: 'scim', scimTokenId: actor.accountId.slice(scimAccountPrefix.length) };
  return {};
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
      // Commands run on the server and SCIM requests have no account; the details say where they came from.
      actorAccountId:
        actor && actor.accountId !== cliAccountId && !actor.accountId.startsWith(scimAccountPrefix)
          ? actor.accountId
          : null,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId ?? null,
      details: { ...(entry.details ?? {}), ...via(actor) },
    })),
  );
}
