// The one rule for an email address, used by every schema that takes one (people, the
// import, organisations' first admin, sign-in) and by the calendar invitations. It is the
// intersection of what zod's email check and the HTML5 rule (which the `ics` library
// applies to attendees) accept, so an address the API stores always fits an invitation:
// each domain label 1-63 letters, digits or hyphens, never starting or ending with one.
import { z } from 'zod';

export const emailPattern =
  /^(?:[A-Za-z0-9_'+-]+\.)*[A-Za-z0-9_'+-]*[A-Za-z0-9_+-]@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;

export const maxEmailLength = 320;

export const isEmailAddress = (value: string): boolean =>
  value.length <= maxEmailLength && emailPattern.test(value);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(maxEmailLength, `must be at most ${maxEmailLength} characters`)
  .email({
    pattern: emailPattern,
    message: 'must be an email address',
  });
