// Which kinds of notification reach a person by email. Everything does unless they turned
// it off; account emails always do. The notification centre shows every kind regardless.
import { and, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import type { Queryable } from '../db/client.js';
import { notificationPreferences } from '../db/schema.js';
import { AppError } from '../errors.js';
import type { Actor } from '../identity/actor.js';
import { type NotificationKind, optionalKinds, templates } from './templates/index.js';

export const preferencesSchema = z.object({
  kinds: z.array(z.object({ kind: z.string(), label: z.string(), email: z.boolean() })),
});

export type Preferences = z.infer<typeof preferencesSchema>;

export const updatePreferencesSchema = z
  .object({
    emailOff: z
      .array(z.enum(optionalKinds as [NotificationKind, ...NotificationKind[]]))
      .max(optionalKinds.length, `must list at most ${optionalKinds.length} kinds`),
  })
  .strict();

function requirePersonOf(actor: Actor): string {
  if (!actor.personId)
    throw new AppError('not_found', 'This account is not linked to a person, so it gets no notifications.');
  return actor.personId;
}

const present = (emailOff: readonly string[]) => ({
  kinds: optionalKinds.map((kind) => ({
    kind,
    label: templates[kind].label,
    email: !emailOff.includes(kind),
  })),
});

export async function getPreferences(db: Queryable, actor: Actor) {
  const personId = requirePersonOf(actor);
  const [row] = await db
    .select({ emailOff: notificationPreferences.emailOff })
    .from(notificationPreferences)
    .where(
      and(eq(notificationPreferences.personId, personId), eq(notificationPreferences.orgId, actor.orgId)),
    );
  return present(row?.emailOff ?? []);
}

export async function updatePreferences(
  db: Queryable,
  actor: Actor,
  input: z.infer<typeof updatePreferencesSchema>,
) {
  const personId = requirePersonOf(actor);
  const emailOff = [...new Set(input.emailOff)];
  await db
    .insert(notificationPreferences)
    .values({ personId, orgId: actor.orgId, emailOff })
    .onConflictDoUpdate({
      target: notificationPreferences.personId,
      set: { emailOff, updatedAt: new Date() },
    });
  return present(emailOff);
}

/** For the sender: the kinds each of these people turned off by email. */
export async function emailOffByPerson(
  db: Queryable,
  personIds: string[],
): Promise<Map<string, Set<string>>> {
  if (!personIds.length) return new Map();
  const rows = await db
    .select({ personId: notificationPreferences.personId, emailOff: notificationPreferences.emailOff })
    .from(notificationPreferences)
    .where(inArray(notificationPreferences.personId, personIds));
  return new Map(rows.map((r) => [r.personId, new Set(r.emailOff)]));
}
