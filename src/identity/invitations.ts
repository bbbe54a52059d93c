// Invitations: managers invite one person, a filtered list, a programme's enrolled or everyone
// just imported. Each invitation is a single-use link (only its SHA-256 kept, 7 days,
// revocable, resendable); accepting it sets a password, creates the account and signs in.
// A selection is a batch worked through in chunks, inline when small and by the worker when
// large, with its progress stored on the batch.
import { and, asc, count, desc, eq, gt, inArray, isNull, type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db, Queryable } from '../db/client.js';
import {
  accounts,
  enrolments,
  type InvitationSelection,
  invitationBatches,
  invitations,
  organisations,
  people,
  programmes,
} from '../db/schema.js';
import { conflict, fieldError, forbidden, notFound } from '../errors.js';
import { queueEmail } from '../notifications/outbox.js';
import { escapeLike } from '../people/people.js';
import { type Actor, assertRole, hasRole, roleSchema } from './actor.js';
import { writeAudit } from './audit.js';
import { assertPasswordFor, hashPassword } from './passwords.js';
import { createSession } from './sessions.js';
import { hashToken, newToken } from './tokens.js';

export const invitationDays = 7;
/** Selections up to this size are invited in the request itself; larger ones by the worker. */
export const inlineLimit = 100;
export const chunkSize = 500;

export const invitationSelectionSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('people'),
      personIds: z
        .array(z.string().uuid('must be a person id'))
        .min(1, 'needs at least one person')
        .max(1000),
    })
    .strict(),
  z
    .object({
      kind: z.literal('filter'),
      q: z.string().trim().max(200).optional(),
      department: z.string().trim().max(200).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('programme'), programmeId: z.string().uuid('must be a programme id') }).strict(),
  z
    .object({
      kind: z.literal('imported'),
      since: z.string().datetime({ offset: true, message: 'must be a date-time' }),
    })
    .strict(),
]);

export const inviteSchema = z
  .object({
    selection: invitationSelectionSchema,
    roles: z.array(roleSchema).min(1, 'needs at least one role').max(4).default(['participant']),
  })
  .strict();

export const invitationStatuses = ['sent', 'opened', 'accepted', 'expired', 'revoked'] as const;
export const listInvitationsQuery = z.object({
  status: z.enum(invitationStatuses).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

export const invitationTokenSchema = z
  .object({ token: z.string().min(20, 'is not an invitation token').max(100, 'is not an invitation token') })
  .strict();
export const acceptInvitationSchema = invitationTokenSchema
  .extend({ password: z.string().max(200, 'must be at most 200 characters') })
  .strict();

const invalidLink = () =>
  fieldError('token', 'is invalid, used, revoked or expired; ask for a new invitation');

/** The people a selection names who may still be invited: current, without an account or a live invitation. */
function candidates(orgId: string, selection: InvitationSelection, now: Date): SQL {
  const filters: (SQL | undefined)[] = [
    eq(people.orgId, orgId),
    isNull(people.leaveDate),
    sql`not exists (select 1 from ${accounts} where ${accounts.orgId} = ${orgId} and lower(${accounts.email}) = lower(${people.email}))`,
    sql`not exists (select 1 from ${invitations} where ${invitations.orgId} = ${orgId}
          and ${invitations.personId} = ${people.id}
          and (${invitations.acceptedAt} is not null
            or (${invitations.revokedAt} is null and ${invitations.expiresAt} > ${now.toISOString()}::timestamptz)))`,
  ];
  switch (selection.kind) {
    case 'people':
      filters.push(inArray(people.id, selection.personIds));
      break;
    case 'filter':
      if (selection.q)
        filters.push(
          sql`lower(${people.name} || ' ' || ${people.email}) like ${`%${escapeLike(selection.q.toLowerCase())}%`}`,
        );
      if (selection.department) filters.push(eq(people.department, selection.department));
      break;
    case 'programme':
      filters.push(
        sql`exists (select 1 from ${enrolments} where ${enrolments.programmeId} = ${selection.programmeId}
            and ${enrolments.personId} = ${people.id} and ${enrolments.withdrawnAt} is null)`,
      );
      break;
    case 'imported':
      filters.push(sql`${people.createdAt} >= ${selection.since}::timestamptz`);
      break;
  }
  return and(...filters) as SQL;
}

export const invitationBatchSchema = z.object({
  id: z.string(),
  selection: invitationSelectionSchema,
  roles: z.array(roleSchema),
  total: z.number().int(),
  processed: z.number().int(),
  invited: z.number().int(),
  status: z.enum(['queued', 'done']),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
});

const statusCounts = z.object(
  Object.fromEntries(invitationStatuses.map((s) => [s, z.number().int()])) as Record<
    (typeof invitationStatuses)[number],
    z.ZodNumber
  >,
);
export const invitationListSchema = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      personId: z.string(),
      name: z.string(),
      email: z.string(),
      roles: z.array(roleSchema),
      status: z.enum(invitationStatuses),
      sentAt: z.string(),
      openedAt: z.string().nullable(),
      acceptedAt: z.string().nullable(),
      expiresAt: z.string(),
    }),
  ),
  total: z.number().int(),
  /** Invitations of the whole organisation by status (not only this page). */
  counts: statusCounts,
});

/** What an invitation link shows before it is accepted. */
export const openedInvitationSchema = z.object({
  name: z.string(),
  email: z.string(),
  organisation: z.string(),
});

type BatchRow = typeof invitationBatches.$inferSelect;
const presentBatch = (b: BatchRow): z.infer<typeof invitationBatchSchema> => ({
  id: b.id,
  selection: b.selection,
  roles: b.roles,
  total: b.total,
  processed: b.processed,
  invited: b.invited,
  status: b.status,
  createdAt: b.createdAt.toISOString(),
  finishedAt: b.finishedAt?.toISOString() ?? null,
});

/** Invites a selection of people: counts them, stores the batch, and invites at once when it is small. */
export async function inviteSelection(
  db: Db,
  actor: Actor,
  input: z.infer<typeof inviteSchema>,
  baseUrl: string,
) {
  assertRole(actor, 'org_admin', 'programme_manager');
  const roles = [...new Set(input.roles)];
  // Only admins hand out more than taking part: a manager must not mint admins by invitation.
  if (!hasRole(actor, 'org_admin') && roles.some((r) => r !== 'participant'))
    throw forbidden('Only organisation admins may invite with roles other than participant.');
  const selection = input.selection as InvitationSelection;
  if (selection.kind === 'programme') {
    const [programme] = await db
      .select({ id: programmes.id })
      .from(programmes)
      .where(and(eq(programmes.id, selection.programmeId), eq(programmes.orgId, actor.orgId)));
    if (!programme) throw fieldError('selection.programmeId', 'no such programme in this organisation');
  }
  const [total] = await db
    .select({ n: count() })
    .from(people)
    .where(candidates(actor.orgId, selection, new Date()));
  const [batch] = await db
    .insert(invitationBatches)
    .values({ orgId: actor.orgId, createdBy: actor.accountId, selection, roles, total: total?.n ?? 0 })
    .returning();
  if (!batch) throw new Error('insert returned nothing');
  await writeAudit(db, actor, actor.orgId, {
    action: 'invitation_batch.created',
    entityType: 'invitation_batch',
    entityId: batch.id,
    details: { selection: selection.kind, total: batch.total, roles },
  });
  if (batch.total <= inlineLimit) {
    while (await inviteNextChunk(db, baseUrl, batch.id)) {
      // each pass invites one chunk
    }
  }
  return getBatch(db, actor, batch.id);
}

export async function getBatch(db: Queryable, actor: Actor, id: string) {
  assertRole(actor, 'org_admin', 'programme_manager');
  const [batch] = await db
    .select()
    .from(invitationBatches)
    .where(and(eq(invitationBatches.id, id), eq(invitationBatches.orgId, actor.orgId)));
  if (!batch) throw notFound('Invitation batch');
  return presentBatch(batch);
}

function invitationEmail(to: string, name: string, orgName: string, link: string) {
  return {
    kind: 'account.invitation' as const,
    to,
    data: { name, orgName, link, days: invitationDays },
    secret: true,
  };
}

/**
 * Invites the next chunk of a queued batch (or of the oldest queued batch when `batchId` is
 * not given), in one transaction that holds the batch row; returns false when nothing was left.
 */
export async function inviteNextChunk(db: Db, baseUrl: string, batchId?: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [batch] = await tx
      .select()
      .from(invitationBatches)
      .where(
        and(eq(invitationBatches.status, 'queued'), batchId ? eq(invitationBatches.id, batchId) : undefined),
      )
      .orderBy(asc(invitationBatches.createdAt))
      .limit(1)
      .for('update', { skipLocked: true });
    if (!batch) return false;
    const now = new Date();
    const rows = await tx
      .select({ id: people.id, name: people.name, email: people.email })
      .from(people)
      .where(
        and(
          candidates(batch.orgId, batch.selection, now),
          batch.cursor ? gt(people.id, batch.cursor) : undefined,
        ),
      )
      .orderBy(asc(people.id))
      .limit(chunkSize);
    const [org] = await tx
      .select({ name: organisations.name })
      .from(organisations)
      .where(eq(organisations.id, batch.orgId));
    const expiresAt = new Date(now.getTime() + invitationDays * 86_400_000);
    const emails: ReturnType<typeof invitationEmail>[] = [];
    const values = rows.map((p) => {
      const { token, tokenHash } = newToken();
      emails.push(
        invitationEmail(
          p.email,
          p.name,
          org?.name ?? 'Your organisation',
          `${baseUrl}/accept-invitation#token=${token}`,
        ),
      );
      return {
        orgId: batch.orgId,
        personId: p.id,
        email: p.email,
        roles: batch.roles,
        batchId: batch.id,
        tokenHash,
        sentAt: now,
        expiresAt,
      };
    });
    if (values.length) {
      // An expired or revoked invitation of the same person is renewed in place.
      const written = await tx
        .insert(invitations)
        .values(values)
        .onConflictDoUpdate({
          target: [invitations.orgId, invitations.personId],
          set: {
            email: sql`excluded.email`,
            roles: sql`excluded.roles`,
            batchId: sql`excluded.batch_id`,
            tokenHash: sql`excluded.token_hash`,
            sentAt: sql`excluded.sent_at`,
            expiresAt: sql`excluded.expires_at`,
            openedAt: null,
            revokedAt: null,
          },
          setWhere: isNull(invitations.acceptedAt),
        })
        .returning({ id: invitations.id, personId: invitations.personId });
      await queueEmail(tx, batch.orgId, ...emails);
      await writeAudit(
        tx,
        null,
        batch.orgId,
        ...written.map((w) => ({
          action: 'invitation.sent',
          entityType: 'invitation',
          entityId: w.id,
          details: { personId: w.personId, batchId: batch.id, invitedBy: batch.createdBy },
        })),
      );
    }
    const done = rows.length < chunkSize;
    await tx
      .update(invitationBatches)
      .set({
        processed: sql`${invitationBatches.processed} + ${rows.length}`,
        invited: sql`${invitationBatches.invited} + ${rows.length}`,
        cursor: rows.at(-1)?.id ?? batch.cursor,
        ...(done ? { status: 'done' as const, finishedAt: new Date() } : {}),
      })
      .where(eq(invitationBatches.id, batch.id));
    return true;
  });
}

const statusOf = sql<(typeof invitationStatuses)[number]>`case
  when ${invitations.acceptedAt} is not null then 'accepted'
  when ${invitations.revokedAt} is not null then 'revoked'
  when ${invitations.expiresAt} <= now() then 'expired'
  when ${invitations.openedAt} is not null then 'opened'
  else 'sent' end`;

/** The organisation's invitations, newest first, with how many there are in each status. */
export async function listInvitations(db: Db, actor: Actor, query: z.infer<typeof listInvitationsQuery>) {
  assertRole(actor, 'org_admin', 'programme_manager');
  const where = and(
    eq(invitations.orgId, actor.orgId),
    query.status ? sql`${statusOf} = ${query.status}` : undefined,
  );
  const [rows, totals, byStatus] = await Promise.all([
    db
      .select({ i: invitations, name: people.name, status: statusOf })
      .from(invitations)
      .innerJoin(people, eq(people.id, invitations.personId))
      .where(where)
      .orderBy(desc(invitations.sentAt), asc(invitations.id))
      .limit(query.limit)
      .offset(query.offset),
    db.select({ n: count() }).from(invitations).where(where),
    db
      .select({ status: statusOf, n: count() })
      .from(invitations)
      .where(eq(invitations.orgId, actor.orgId))
      .groupBy(statusOf),
  ]);
  const counts = Object.fromEntries(invitationStatuses.map((s) => [s, 0])) as Record<
    (typeof invitationStatuses)[number],
    number
  >;
  for (const r of byStatus) counts[r.status] = r.n;
  return {
    items: rows.map((r) => ({
      id: r.i.id,
      personId: r.i.personId,
      name: r.name,
      email: r.i.email,
      roles: r.i.roles,
      status: r.status,
      sentAt: r.i.sentAt.toISOString(),
      openedAt: r.i.openedAt?.toISOString() ?? null,
      acceptedAt: r.i.acceptedAt?.toISOString() ?? null,
      expiresAt: r.i.expiresAt.toISOString(),
    })),
    total: totals[0]?.n ?? 0,
    counts,
  };
}

async function requireOpenInvitation(db: Queryable, actor: Actor, id: string) {
  assertRole(actor, 'org_admin', 'programme_manager');
  const [row] = await db
    .select({ i: invitations, name: people.name, org: organisations.name })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(and(eq(invitations.id, id), eq(invitations.orgId, actor.orgId)));
  if (!row) throw notFound('Invitation');
  if (row.i.acceptedAt) throw conflict('This invitation was accepted already.');
  return row;
}

/** Sends a fresh link (the old one stops working) and gives it another 7 days. */
export async function resendInvitation(db: Db, actor: Actor, id: string, baseUrl: string) {
  const row = await requireOpenInvitation(db, actor, id);
  const { token, tokenHash } = newToken();
  const now = new Date();
  await db.transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({
        tokenHash,
        sentAt: now,
        expiresAt: new Date(now.getTime() + invitationDays * 86_400_000),
        revokedAt: null,
        openedAt: null,
      })
      .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt)));
    await queueEmail(
      tx,
      actor.orgId,
      invitationEmail(row.i.email, row.name, row.org, `${baseUrl}/accept-invitation#token=${token}`),
    );
    await writeAudit(tx, actor, actor.orgId, {
      action: 'invitation.resent',
      entityType: 'invitation',
      entityId: id,
    });
  });
}

export async function revokeInvitation(db: Db, actor: Actor, id: string) {
  await requireOpenInvitation(db, actor, id);
  await db.transaction(async (tx) => {
    await tx
      .update(invitations)
      .set({ revokedAt: new Date() })
      .where(and(eq(invitations.id, id), isNull(invitations.acceptedAt)));
    await writeAudit(tx, actor, actor.orgId, {
      action: 'invitation.revoked',
      entityType: 'invitation',
      entityId: id,
    });
  });
}

const live = (tokenHash: string, now: Date) =>
  and(
    eq(invitations.tokenHash, tokenHash),
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, now),
  );

/** What the invitation page shows; marks the invitation opened. Only the link's holder learns this. */
export async function openInvitation(db: Db, token: string) {
  const tokenHash = hashToken(token);
  const [row] = await db
    .select({
      id: invitations.id,
      openedAt: invitations.openedAt,
      email: invitations.email,
      name: people.name,
      org: organisations.name,
      orgId: invitations.orgId,
    })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(live(tokenHash, new Date()));
  if (!row) throw invalidLink();
  if (!row.openedAt) {
    await db
      .update(invitations)
      .set({ openedAt: new Date() })
      .where(and(eq(invitations.id, row.id), isNull(invitations.openedAt)));
    await writeAudit(db, null, row.orgId, {
      action: 'invitation.opened',
      entityType: 'invitation',
      entityId: row.id,
    });
  }
  return { name: row.name, email: row.email, organisation: row.org };
}

/**
 * Accepts an invitation: the link is spent in the statement that checks it (one of two
 * concurrent uses wins), the account is created with the invited roles, and a session starts.
 */
export async function acceptInvitation(
  db: Db,
  input: z.infer<typeof acceptInvitationSchema>,
  ttlHours: number,
  userAgent?: string,
) {
  const tokenHash = hashToken(input.token);
  const [row] = await db
    .select({ email: invitations.email, name: people.name, org: organisations.name })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(organisations, eq(organisations.id, invitations.orgId))
    .where(live(tokenHash, new Date()));
  if (!row) throw invalidLink();
  assertPasswordFor(input.password, [row.email, row.name, row.org]);
  const passwordHash = await hashPassword(input.password);
  return db.transaction(async (tx) => {
    const [spent] = await tx
      .update(invitations)
      .set({ acceptedAt: new Date() })
      .where(live(tokenHash, new Date()))
      .returning();
    if (!spent) throw invalidLink();
    const [taken] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(
        and(eq(accounts.orgId, spent.orgId), eq(sql`lower(${accounts.email})`, spent.email.toLowerCase())),
      );
    if (taken) throw conflict('This email has an account here already; sign in instead.');
    const [account] = await tx
      .insert(accounts)
      .values({
        orgId: spent.orgId,
        personId: spent.personId,
        email: spent.email,
        passwordHash,
        roles: spent.roles,
        // The link came to this email, so following it proves it.
        emailVerifiedAt: new Date(),
      })
      .returning();
    if (!account) throw new Error('insert returned nothing');
    await writeAudit(tx, null, spent.orgId, {
      action: 'invitation.accepted',
      entityType: 'invitation',
      entityId: spent.id,
      details: { accountId: account.id, roles: spent.roles },
    });
    const session = await createSession(tx, account, ttlHours, userAgent);
    return { account, ...session };
  });
}

/** The batches still queued, oldest first: the worker invites a few chunks per pass. */
export async function inviteQueued(db: Db, baseUrl: string, maxChunks = 10): Promise<number> {
  let chunks = 0;
  while (chunks < maxChunks && (await inviteNextChunk(db, baseUrl))) chunks++;
  return chunks;
}
