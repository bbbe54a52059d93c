import { defineTemplate } from './template.js';

/** Never carries the reason for declining. */
export const matchDeclined = defineTemplate<{ programmeName: string }>({
  label: 'A proposed match will not go ahead',
  optional: true,
  render: (d) => ({
    subject: 'Your proposed match will not go ahead',
    heading: 'Your proposed match will not go ahead',
    paragraphs: [
      `The match proposed to you in ${d.programmeName} will not go ahead. Your programme manager will look for another match for you.`,
    ],
    action: { href: '/my', label: 'See your programmes' },
  }),
});
