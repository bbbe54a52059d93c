// Every kind of notification and its template: the one place where their words live.
// A new kind is a new module here and one line in this table.
import { accountEmailVerification } from './account-email-verification.js';
import { accountInvitation } from './account-invitation.js';
import { accountPasswordChanged } from './account-password-changed.js';
import { accountPasswordReset } from './account-password-reset.js';
import { digestWeekly } from './digest-weekly.js';
import { feedbackRequested } from './feedback-requested.js';
import { matchAccepted } from './match-accepted.js';
import { matchDeclined } from './match-declined.js';
import { matchProposed } from './match-proposed.js';
import { matchReminder } from './match-reminder.js';
import { matchUnanswered } from './match-unanswered.js';
import { meetingCancelled } from './meeting-cancelled.js';
import { meetingCheck } from './meeting-check.js';
import { meetingReminder } from './meeting-reminder.js';
import { meetingScheduled } from './meeting-scheduled.js';
import { meetingUpdated } from './meeting-updated.js';
import { programmeClosed } from './programme-closed.js';
import { pulseRequested } from './pulse-requested.js';
import { relationshipClosed } from './relationship-closed.js';
import { relationshipNudge } from './relationship-nudge.js';
import type { Template } from './template.js';

export const templates = {
  'match.proposed': matchProposed,
  'match.accepted': matchAccepted,
  'match.declined': matchDeclined,
  'meeting.scheduled': meetingScheduled,
  'meeting.updated': meetingUpdated,
  'meeting.cancelled': meetingCancelled,
  'meeting.reminder': meetingReminder,
  'feedback.requested': feedbackRequested,
  'relationship.closed': relationshipClosed,
  'account.password_reset': accountPasswordReset,
  'account.password_changed': accountPasswordChanged,
  'account.invitation': accountInvitation,
  'account.email_verification': accountEmailVerification,
  // Sent by the engagement sweep and programme close (src/engagement/).
  'match.reminder': matchReminder,
  'match.unanswered': matchUnanswered,
  'meeting.check': meetingCheck,
  'relationship.nudge': relationshipNudge,
  'pulse.requested': pulseRequested,
  'digest.weekly': digestWeekly,
  'programme.closed': programmeClosed,
} as const;

export type NotificationKind = keyof typeof templates;
export const notificationKinds = Object.keys(templates) as NotificationKind[];

/** The data a kind's template needs. */
export type TemplateData<K extends NotificationKind> =
  (typeof templates)[K] extends Template<infer D> ? D : never;

/** A kind with its data, one of each kind (a discriminated union). */
export type Message = { [K in NotificationKind]: { kind: K; data: TemplateData<K> } }[NotificationKind];

/** The kinds a person may turn off by email. */
export const optionalKinds = notificationKinds.filter((k) => templates[k].optional);

export function contentOf(message: Message) {
  return (templates[message.kind] as Template<unknown>).render(message.data);
}
