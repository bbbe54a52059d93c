import { defineTemplate } from './template.js';

export const relationshipClosed = defineTemplate<{ relationshipId: string; partnerName: string }>({
  label: 'A relationship closes',
  optional: true,
  render: (d) => ({
    subject: 'Your mentoring relationship is closed: a short reflection?',
    heading: `Your mentoring relationship with ${d.partnerName} is closed`,
    paragraphs: [
      'Tell us what changed, whether you would do it again, and whether you would like to swap roles next time.',
    ],
    action: { href: `/my/relationships/${d.relationshipId}`, label: 'Write your closing reflection' },
  }),
});
