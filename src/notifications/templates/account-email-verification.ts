import { defineTemplate } from './template.js';

/** The link proves the email before its account is used (decision 047); single-use, blanked once sent. */
export const accountEmailVerification = defineTemplate<{ orgName: string; link: string; hours: number }>({
  label: 'Email confirmation',
  optional: false,
  render: (d) => ({
    subject: 'Confirm your email for Twoway',
    heading: 'Confirm your email',
    paragraphs: [
      `An account at ${d.orgName} on Twoway was set up for this email.`,
      `Confirm that it is yours within ${d.hours} hours; the link works once and signs you in.`,
    ],
    action: { href: d.link, label: `Confirm your email for ${d.orgName}` },
    footnote: 'If you did not expect this, ignore this email: the account stays unusable.',
  }),
});
