// Who may call each operation, as one of a few rules. The access matrix test reads this
// table for every operation in the OpenAPI document, so a route added without a line here
// fails that test until its author says who may call it.
import type { Operation } from './operations.js';
import type { Identity, Resource } from './world.js';
import { rolesOf } from './world.js';

export type Access =
  /** Anyone, signed in or not. */
  | 'public'
  /** Anyone signed in, within their own organisation. */
  | 'signed_in'
  /** Organisation admins and programme managers. */
  | 'managers'
  /** Organisation admins only. */
  | 'admins'
  /** Only the people the record belongs to (its author, or the two people of a relationship). */
  | 'theirs'
  /** The people the record belongs to, and managers (who see its state, never its private content). */
  | 'theirs_or_managers'
  /** The people the record belongs to, and organisation admins (who may end it, never read its secret). */
  | 'theirs_or_admins'
  /** Managers and executive sponsors (aggregates). */
  | 'managers_or_sponsors'
  /** Named identities of the suite's world, for the rare rule that fits none of the above. */
  | { only: readonly Identity[] };

export const accessPolicy: Record<string, Access> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'POST /api/auth/sign-in': 'public',
  'POST /api/auth/sign-out': 'public',
  'POST /api/auth/password-reset': 'public',
  'POST /api/auth/password-reset/confirm': 'public',
  'POST /api/auth/confirm-email': 'public',
  'GET /api/scim-tokens': 'admins',
  'POST /api/scim-tokens': 'admins',
  'POST /api/scim-tokens/{id}/revoke': 'admins',
  'GET /api/me': 'signed_in',
  'POST /api/me/password': 'signed_in',
  'GET /api/me/sessions': 'signed_in',
  'GET /api/notifications': 'signed_in',
  'GET /api/notifications/unread-count': 'signed_in',
  'POST /api/notifications/{id}/read': 'theirs',
  'POST /api/notifications/read-all': 'signed_in',
  'GET /api/notifications/preferences': 'signed_in',
  'PUT /api/notifications/preferences': 'signed_in',
  // The signed link is the credential (RFC 8058); the second is what mail clients POST, from anywhere.
  'GET /api/unsubscribe/{token}': 'public',
  'POST /api/unsubscribe/{token}': 'public',
  'POST /unsubscribe/{token}': 'public',
  'GET /api/admin/undelivered-mail': 'admins',
  'POST /api/admin/undelivered-mail/{id}/retry': 'admins',
  'DELETE /api/me/sessions/{id}': 'theirs',
  'POST /api/accounts/{id}/disable': 'admins',
  'POST /api/accounts/{id}/enable': 'admins',
  'GET /api/accounts': 'admins',
  'POST /api/accounts': 'admins',
  'PUT /api/accounts/{id}/roles': 'admins',
  'POST /api/invitations': 'managers',
  'GET /api/invitations': 'managers',
  'GET /api/invitation-batches/{id}': 'managers',
  'POST /api/invitations/{id}/resend': 'managers',
  'POST /api/invitations/{id}/revoke': 'managers',
  'POST /api/invitations/open': 'public',
  'POST /api/invitations/accept': 'public',
  'POST /api/organisations': 'public',
  'GET /api/organisation': 'signed_in',
  'PATCH /api/organisation': 'admins',
  'GET /api/people': 'managers',
  'POST /api/people': 'managers',
  'GET /api/people/departments': 'managers',
  'GET /api/people/{id}': 'managers',
  'PATCH /api/people/{id}': 'managers',
  'DELETE /api/people/{id}': 'admins',
  'POST /api/people/import': 'managers',
  'POST /api/people/import/preview': 'managers',
  'PUT /api/people/import/mapping': 'managers',
  'PUT /api/people/import/grades': 'managers',
  'POST /api/people/leavers': 'managers',
  'GET /api/topics': 'signed_in',
  'POST /api/topics': 'managers',
  'PUT /api/topics/{id}': 'managers',
  'DELETE /api/topics/{id}': 'managers',
  'GET /api/programmes': 'signed_in',
  'POST /api/programmes': 'managers',
  'GET /api/programmes/{id}': 'signed_in',
  'PATCH /api/programmes/{id}': 'managers',
  'DELETE /api/programmes/{id}': 'managers',
  'POST /api/programmes/{id}/transitions': 'managers',
  'GET /api/programmes/{id}/circles': 'managers',
  'POST /api/programmes/{id}/circles': 'managers',
  'DELETE /api/programmes/{id}/circles/{circleId}': 'managers',
  'GET /api/programmes/{id}/enrolments': 'signed_in',
  'POST /api/programmes/{id}/enrolments': 'signed_in',
  'GET /api/programmes/{id}/enrolments/summary': 'managers',
  'GET /api/enrolments/{id}': 'theirs_or_managers',
  'PATCH /api/enrolments/{id}': 'theirs_or_managers',
  'POST /api/enrolments/{id}/withdraw': 'theirs_or_managers',
  'POST /api/programmes/{id}/match-runs': 'managers',
  'GET /api/programmes/{id}/match-runs': 'managers',
  'GET /api/match-runs/{id}': 'managers',
  'GET /api/match-runs/{id}/compare': 'managers',
  'POST /api/match-runs/{id}/publish': 'managers',
  'POST /api/match-runs/{id}/discard': 'managers',
  'POST /api/programmes/{id}/rematch': 'managers',
  'GET /api/programmes/{id}/pair-rules': 'managers',
  'POST /api/programmes/{id}/pair-rules': 'managers',
  'DELETE /api/programmes/{id}/pair-rules/{ruleId}': 'managers',
  'GET /api/programmes/{id}/shortlist': { only: ['mentee'] },
  'PUT /api/programmes/{id}/ranking': { only: ['mentee'] },
  'POST /api/relationships/{id}/respond': 'theirs',
  'GET /api/programmes/{id}/decline-reasons': { only: ['programme_manager'] },
  'GET /api/relationships': 'signed_in',
  'GET /api/programmes/{id}/relationships': 'managers',
  'GET /api/relationships/{id}': 'theirs_or_managers',
  'POST /api/relationships/{id}/transitions': 'theirs_or_managers',
  'GET /api/relationships/{id}/check-ins': 'theirs',
  'POST /api/relationships/{id}/check-ins': 'theirs',
  'POST /api/relationships/{id}/reflection': 'theirs',
  'POST /api/relationships/{id}/pulses': 'theirs',
  'GET /api/relationships/{id}/reflections': 'theirs',
  'GET /api/relationships/{id}/decline-reason': 'theirs',
  'GET /api/relationships/{id}/agreement': 'theirs',
  'PUT /api/relationships/{id}/agreement': 'theirs',
  'POST /api/relationships/{id}/agreement/sign': 'theirs',
  'GET /api/relationships/{id}/agenda-templates': 'theirs',
  'GET /api/relationships/{id}/meetings': 'theirs',
  'POST /api/relationships/{id}/meetings': 'theirs',
  'GET /api/meetings/{id}': 'theirs',
  'PATCH /api/meetings/{id}': 'theirs',
  'POST /api/meetings/{id}/cancel': 'theirs',
  'POST /api/meetings/{id}/record': 'theirs',
  'GET /api/meetings/{id}/ics': 'theirs',
  'POST /api/meetings/{id}/feedback': 'theirs',
  'GET /api/meetings/{id}/feedback': 'theirs',
  'GET /api/programmes/{id}/feedback-summary': 'managers_or_sponsors',
  'GET /api/programmes/{id}/pulse-summary': 'managers_or_sponsors',
  'GET /api/programmes/{id}/quiet-pairs': 'managers',
  'GET /api/programmes/{id}/reports/retention': 'managers_or_sponsors',
  'GET /api/programmes/{id}/reports/promotions': 'managers_or_sponsors',
  'GET /api/programmes/{id}/reports/skills': 'managers_or_sponsors',
  'GET /api/programmes/{id}/self-assessment': 'signed_in',
  'POST /api/programmes/{id}/self-assessment': 'signed_in',
  'GET /api/programmes/{id}/reports/learning': 'managers_or_sponsors',
  'GET /api/programmes/{id}/reports/quality': 'managers_or_sponsors',
  'GET /api/programmes/{id}/reports/pdf': 'managers_or_sponsors',
  'GET /api/relationships/{id}/notes': 'theirs',
  'POST /api/relationships/{id}/notes': 'theirs',
  'GET /api/notes/{id}': 'theirs',
  'PATCH /api/notes/{id}': 'theirs',
  'DELETE /api/notes/{id}': 'theirs',
  'GET /api/journey': 'signed_in',
  'POST /api/journey': 'signed_in',
  'PATCH /api/journey/{id}': 'theirs',
  'DELETE /api/journey/{id}': 'theirs',
  'GET /api/relationships/{id}/journeys': 'theirs',
  'GET /api/relationships/{id}/learning': 'theirs',
  'POST /api/relationships/{id}/learning': 'theirs',
  'GET /api/relationships/{id}/actions': 'theirs',
  'POST /api/relationships/{id}/actions': 'theirs',
  'PATCH /api/actions/{id}': 'theirs',
  'GET /api/programmes/{id}/momentum': 'managers',
  'GET /api/relationships/{id}/contact-options': 'theirs',
  'GET /api/api-tokens': 'signed_in',
  'POST /api/api-tokens': 'signed_in',
  'DELETE /api/api-tokens/{id}': 'theirs_or_admins',
  'GET /api/audit-log': 'admins',
  'GET /api/sso/settings': 'admins',
  'PUT /api/sso/settings': 'admins',
  'POST /api/sso/test': 'admins',
  'POST /api/auth/sso/options': 'public',
  'POST /api/auth/sso/start': 'public',
  'GET /api/auth/sso/callback': 'public',
};

const managerRoles = ['org_admin', 'programme_manager'] as const;

/**
 * Whether the policy lets an identity call an operation on these records. Records all
 * belong to the first organisation, so the outsider (of the second) may call only the
 * operations that name no record, within its own organisation.
 */
export function mayCall(access: Access, who: Identity, records: readonly Resource[]): boolean {
  if (access === 'public') return true;
  if (who === 'anonymous') return false;
  if (who === 'outsider' && records.length > 0) return false;
  const roles = rolesOf[who];
  const theirs = records.some((r) => r.theirs.includes(who));
  const manager = roles.some((r) => (managerRoles as readonly string[]).includes(r));
  switch (access) {
    case 'signed_in':
      return true;
    case 'managers':
      return manager;
    case 'admins':
      return roles.includes('org_admin');
    case 'theirs':
      return theirs;
    case 'theirs_or_managers':
      return theirs || manager;
    case 'theirs_or_admins':
      return theirs || roles.includes('org_admin');
    case 'managers_or_sponsors':
      return manager || roles.includes('sponsor');
    default:
      return access.only.includes(who);
  }
}

/**
 * When the matrix runs an operation: reads first; then writes; then what ends a record (it
 * would turn later calls into 404s); then what changes the caller's password or sessions;
 * signing out last of all.
 */
export function stageOf(op: Operation): number {
  if (/sign-out/.test(op.path)) return 4;
  if (op.method === 'GET') return 0;
  if (/password|sessions/.test(op.path)) return 3;
  if (op.method === 'DELETE' || /\/(withdraw|discard|cancel|disable)$/.test(op.path)) return 2;
  return 1;
}
