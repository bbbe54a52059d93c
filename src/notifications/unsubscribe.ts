// One-click unsubscribe (RFC 8058): each optional email carries a link signed with an
// HMAC of who it is for and which kind it is, so it works without a session and cannot
// be forged for anyone else. Following the link (GET) only shows a page; the POST acts.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db/client.js';
import { notificationPreferences, people, signingKeys } from '../db/schema.js';
import { fieldError } from '../errors.js';
import { type NotificationKind, optionalKinds, templates } from './templates/index.js';

const keyName = 'unsubscribe-links';
const cache = new WeakMap<object, Buffer>();

/** The installation's key for unsubscribe links, made on first use (two processes racing agree on one). */
export async function unsubscribeKey(db: Queryable): Promise<Buffer> {
  const cached = cache.get(db);
  if (cached) return cached;
  await db
    .insert(signingKeys)
    .values({ name: keyName, secret: randomBytes(32).toString('base64url') })
    .onConflictDoNothing();
  const [row] = await db.select().from(signingKeys).where(eq(signingKeys.name, keyName));
  if (!row) throw new Error('the unsubscribe signing key could not be stored');
  const key = Buffer.from(row.secret, 'base64url');
  cache.set(db, key);
  return key;
}

const kindSchema = z.enum(optionalKinds as [NotificationKind, ...NotificationKind[]]);
interface Claim {
  personId: string;
  kind: NotificationKind;
}

// 128 bits of HMAC-SHA256 (RFC 2104 allows truncation to half): the link stays short enough for a path.
const sign = (key: Buffer, payload: string) =>
  createHmac('sha256', key).update(payload).digest().subarray(0, 16);

const macLength = 22; // 16 bytes in base64url

/**
 * `<person id and kind><mac>`, all base64url: the person's id (16 bytes) then the kind's name,
 * followed by a MAC of fixed length. No separator, so the path has no dot (which would read as
 * a file name) and the link survives being copied.
 */
export function unsubscribeToken(key: Buffer, who: { personId: string; kind: NotificationKind }) {
  const payload = Buffer.concat([
    Buffer.from(who.personId.replace(/-/g, ''), 'hex'),
    Buffer.from(who.kind, 'utf8'),
  ]).toString('base64url');
  return `${payload}${sign(key, payload).toString('base64url')}`;
}

const badToken = () =>
  fieldError('token', 'is not a valid unsubscribe link; open the link from the email again');

export function verifyUnsubscribeToken(key: Buffer, token: string): Claim {
  const payload = token.slice(0, -macLength);
  const mac = token.slice(-macLength);
  if (payload.length < 22) throw badToken();
  const expected = sign(key, payload);
  const given = Buffer.from(mac, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw badToken();
  const bytes = Buffer.from(payload, 'base64url');
  const hex = bytes.subarray(0, 16).toString('hex');
  const kind = kindSchema.safeParse(bytes.subarray(16).toString('utf8'));
  if (hex.length !== 32 || !kind.success) throw badToken();
  return {
    personId: `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`,
    kind: kind.data,
  };
}

/** What an unsubscribe link stops, and whether it is stopped. */
export const unsubscribeLinkSchema = z.object({
  kind: z.string(),
  label: z.string(),
  unsubscribed: z.boolean(),
});

export const unsubscribeTokenSchema = z
  .string()
  .min(30, 'is not a valid unsubscribe link')
  .max(100, 'is not a valid unsubscribe link')
  .regex(/^[\w-]+$/, 'is not a valid unsubscribe link');

async function requirePerson(db: Queryable, claim: Claim) {
  const [person] = await db.select({ orgId: people.orgId }).from(people).where(eq(people.id, claim.personId));
  // A person since removed: nothing will be sent to them anyway.
  if (!person) throw badToken();
  return person;
}

/** What a link would stop, for the page a GET shows; changes nothing. */
export async function describeUnsubscribe(db: Queryable, token: string) {
  const claim = verifyUnsubscribeToken(await unsubscribeKey(db), token);
  await requirePerson(db, claim);
  const [prefs] = await db
    .select({ emailOff: notificationPreferences.emailOff })
    .from(notificationPreferences)
    .where(eq(notificationPreferences.personId, claim.personId));
  return {
    kind: claim.kind,
    label: templates[claim.kind].label,
    unsubscribed: prefs?.emailOff.includes(claim.kind) ?? false,
  };
}

/** Turns one kind off by email for the person the link was made for; saying it twice is fine. */
export async function unsubscribe(db: Queryable, token: string) {
  const claim = verifyUnsubscribeToken(await unsubscribeKey(db), token);
  const { orgId } = await requirePerson(db, claim);
  await db
    .insert(notificationPreferences)
    .values({ personId: claim.personId, orgId, emailOff: [claim.kind] })
    .onConflictDoUpdate({
      target: notificationPreferences.personId,
      set: {
        emailOff: sql`case when ${claim.kind} = any(${notificationPreferences.emailOff}) then ${notificationPreferences.emailOff} else array_append(${notificationPreferences.emailOff}, ${claim.kind}) end`,
        updatedAt: new Date(),
      },
    });
  return { kind: claim.kind, label: templates[claim.kind].label, unsubscribed: true };
}
