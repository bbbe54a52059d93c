import { defineTemplate } from './template.js';

/** The link is single-use; the row is blanked once sent. */
export const accountInvitation = defineTemplate<{
  name: string;
  orgName: string;
  link: string;
  days: number;
}>({
  label: 'Invitation',
  optional: false,
  render: (d) => ({
    subject: `You are invited to Twoway at ${d.orgName}`,
    heading: `Hello ${d.name}`,
    paragraphs: [
      `${d.orgName} runs its mentoring programmes in Twoway. Choose a password to come in; the link works once, for ${d.days} days.`,
    ],
    action: { href: d.link, label: `Join ${d.orgName} in Twoway` },
    footnote: 'If you did not expect this, ignore this email.',
  }),
});
