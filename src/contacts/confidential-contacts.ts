// Who a junior mentor may name as their confidential contact in a reverse programme:
// the organisation's programme managers and admins, never either person in the pair.
// The two people in the relationship may ask; nobody else (participants cannot search people).
import { and, asc, eq, isNull, notInArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../db/client.js';
import { accounts, people } from '../db/schema.js';
import type { Actor } from '../identity/actor.js';
import { requireParty } from '../relationships/access.js';

/** Someone who may be named as the confidential contact. */
export const contactOptionSchema = z.object({
  id: z.string(),
  name: z.string(),
  jobTitle: z.string().nullable(),
  role: z.enum(['programme manager', 'organisation admin']),
});
export type ContactOption = z.infer<typeof contactOptionSchema>;

export async function confidentialContactOptions(
  db: Db,
  actor: Actor,
  relationshipId: string,
): Promise<ContactOption[]> {
  const { rel, people: inIt } = await requireParty(db, actor, relationshipId);
  const rows = await db
    .select({ id: people.id, name: people.name, jobTitle: people.jobTitle, roles: accounts.roles })
    .from(accounts)
    .innerJoin(people, eq(people.id, accounts.personId))
    .where(
      and(
        eq(accounts.orgId, rel.orgId),
        isNull(accounts.disabledAt),
        sql`${accounts.roles} && array['programme_manager', 'org_admin']::text[]`,
        notInArray(people.id, inIt),
      ),
    )
    .orderBy(asc(people.name))
    .limit(50);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    jobTitle: r.jobTitle,
    role: r.roles.includes('programme_manager') ? 'programme manager' : 'organisation admin',
  }));
}
