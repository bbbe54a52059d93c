import { defineTemplate } from './template.js';

/** The link is single-use; the row is blanked once sent. */
export const accountPasswordReset = defineTemplate<{ link: string; minutes: number; orgName?: string }>({
  label: 'Password reset',
  optional: false,
  render: (d) => ({
    subject: 'Reset your Twoway password',
    heading: 'Reset your password',
    paragraphs: [
      `Someone (we hope you) asked to reset the password of your Twoway account${d.orgName ? ` at ${d.orgName}` : ''}.`,
      `Choose a new password within ${d.minutes} minutes; the link works once.`,
    ],
    action: { href: d.link, label: 'Choose a new Twoway password' },
    footnote: 'If it was not you, ignore this email: your password stays as it is.',
  }),
});
