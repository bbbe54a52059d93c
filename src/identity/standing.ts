// Who may still use an account: one not disabled, whose person has not left the organisation.
// A leave date (HR import, SCIM, an edit) ends access from that day on, whether or not anyone
// also disabled the account, because a leaver must not go on reading notes and reflections.
import { and, isNull, type Placeholder, sql } from 'drizzle-orm';
import { accounts, people } from '../db/schema.js';

/** Today's date in UTC, the day a leave date is compared with. */
export const todayUtc = (now = new Date()) => now.toISOString().slice(0, 10);

/** The same rule for a leave date already read. */
export const hasLeft = (leaveDate: string | null) => leaveDate !== null && leaveDate <= todayUtc();

/**
 * True when the account's person has a leave date of `today` or earlier (today's date, or a
 * placeholder for it in a prepared query).
 */
export const personHasLeft = (today: string | Placeholder = todayUtc()) =>
  sql<boolean>`exists (select 1 from ${people} where ${people.id} = ${accounts.personId} and ${people.leaveDate} <= ${today}::date)`;

/** The condition for an account that can sign in, hold a session, use a token or take a link. */
export const accountInUse = (today?: string | Placeholder) =>
  and(isNull(accounts.disabledAt), sql`not ${personHasLeft(today)}`);
