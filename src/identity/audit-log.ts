// Reading the audit log: admins of an organisation see its entries, newest first, filtered
// by action, actor and date range, one page at a time.
import { and, desc, eq, gte, ilike, lt, or, type SQL, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { z } from 'zod';
import type { Queryable } from '../db/client.js';
import { accounts, auditLog } from '../db/schema.js';
import { type Actor, assertRole } from './actor.js';

const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date (YYYY-MM-DD)')
  .refine((s) => DateTime.fromISO(s, { zone: 'utc' }).isValid, 'must be a real date');

export const auditLogQuery = z
  .object({
    /** An action (`sign_in.failed`) or a family of them (`sign_in`). */
    action: z
      .string()
      .trim()
      .max(80)
      .regex(/^[a-z_.]*$/, 'must be an action such as sign_in or api_token.used')
      .optional(),
    /** Part of the email of who acted (or, for sign-in attempts, of the email tried). */
    actor: z.string().trim().max(200).optional(),
    /** First day included (UTC). */
    from: day.optional(),
    /** Last day included (UTC). */
    to: day.optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { path: ['to'], message: 'must not be before from' });
export type AuditLogQuery = z.input<typeof auditLogQuery>;

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: z.string(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  actor: z.object({ id: z.string(), email: z.string() }).nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntryResponse = z.infer<typeof auditEntrySchema>;

export const auditLogPageSchema = z.object({
  items: z.array(auditEntrySchema),
  total: z.number().int(),
  limit: z.number().int(),
  offset: z.number().int(),
  /** Every action this organisation's log holds, for the filter. */
  actions: z.array(z.string()),
});

/** Escapes LIKE's wildcards, so a filter means its own characters. */
const likeText = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listAuditLog(db: Queryable, actor: Actor, raw: AuditLogQuery) {
  assertRole(actor, 'org_admin');
  const q = auditLogQuery.parse(raw);
  const where: (SQL | undefined)[] = [eq(auditLog.orgId, actor.orgId)];
  if (q.action)
    where.push(
      or(eq(auditLog.action, q.action), sql`${auditLog.action} like ${`${q.action.replace(/_/g, '\\_')}.%`}`),
    );
  if (q.actor)
    where.push(
      or(
        ilike(accounts.email, likeText(q.actor)),
        ilike(sql`${auditLog.details}->>'email'`, likeText(q.actor)),
      ),
    );
  if (q.from) where.push(gte(auditLog.at, DateTime.fromISO(q.from, { zone: 'utc' }).toJSDate()));
  if (q.to) where.push(lt(auditLog.at, DateTime.fromISO(q.to, { zone: 'utc' }).plus({ days: 1 }).toJSDate()));
  const filter = and(...where);
  // One after another: a transaction's single connection takes one query at a time.
  const rows = await db
    .select({ e: auditLog, email: accounts.email })
    .from(auditLog)
    .leftJoin(accounts, eq(accounts.id, auditLog.actorAccountId))
    .where(filter)
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(q.limit)
    .offset(q.offset);
  const [count] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(auditLog)
    .leftJoin(accounts, eq(accounts.id, auditLog.actorAccountId))
    .where(filter);
  const actions = await db
    .selectDistinct({ action: auditLog.action })
    .from(auditLog)
    .where(eq(auditLog.orgId, actor.orgId))
    .orderBy(auditLog.action);
  return {
    items: rows.map(
      (r): AuditEntryResponse => ({
        id: r.e.id,
        at: r.e.at.toISOString(),
        action: r.e.action,
        entityType: r.e.entityType,
        entityId: r.e.entityId,
        actor: r.e.actorAccountId && r.email ? { id: r.e.actorAccountId, email: r.email } : null,
        details: (r.e.details ?? {}) as Record<string, unknown>,
      }),
    ),
    total: count?.n ?? 0,
    limit: q.limit,
    offset: q.offset,
    actions: actions.map((a) => a.action),
  };
}
