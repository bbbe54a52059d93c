import { defineTemplate } from './template.js';

export const accountPasswordChanged = defineTemplate<{ sessions: string }>({
  label: 'Password changed',
  optional: false,
  render: (d) => ({
    subject: 'Your Twoway password was changed',
    heading: 'Your password was changed',
    paragraphs: [
      `The password of your Twoway account was just changed, and ${d.sessions}.`,
      'If it was not you, reset your password from the sign-in page and tell your organisation admin.',
    ],
    action: { href: '/forgot-password', label: 'Reset your Twoway password' },
  }),
});
