// Mail the worker could not deliver yet (retrying with backoff) or gave up on, for the
// admin view of undelivered mail: who, what kind, how many attempts, the last error, when next.
import { and, asc, eq, gt, ne } from 'drizzle-orm';
import type { Queryable } from '../db/client.js';
import { notificationOutbox } from '../db/schema.js';

export interface DeliveryProblem {
  id: string;
  kind: string;
  to: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  status: 'retrying' | 'failed';
  /** When the worker tries again (null once it gave up). */
  nextAttemptAt: string | null;
  queuedAt: string;
}

export async function deliveryProblems(
  db: Queryable,
  orgId: string,
  limit = 200,
): Promise<DeliveryProblem[]> {
  const rows = await db
    .select()
    .from(notificationOutbox)
    .where(
      and(
        eq(notificationOutbox.orgId, orgId),
        ne(notificationOutbox.status, 'sent'),
        gt(notificationOutbox.attempts, 0),
      ),
    )
    .orderBy(asc(notificationOutbox.createdAt))
    .limit(limit);
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind,
    to: r.recipientEmail,
    subject: r.subject,
    attempts: r.attempts,
    lastError: r.lastError,
    status: r.status === 'failed' ? 'failed' : 'retrying',
    nextAttemptAt: r.status === 'failed' ? null : r.availableAt.toISOString(),
    queuedAt: r.createdAt.toISOString(),
  }));
}
