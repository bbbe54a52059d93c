import { defineTemplate } from './template.js';

export const feedbackRequested = defineTemplate<{ relationshipId: string; partnerName: string }>({
  label: 'Feedback after a meeting',
  optional: true,
  render: (d) => ({
    subject: 'How was your mentoring meeting?',
    heading: `How was your meeting with ${d.partnerName}?`,
    paragraphs: [
      'Three quick questions: how valuable it was, whether you felt heard, and who did most of the talking.',
      'Only you will see your answers; programme figures show groups of at least five people.',
    ],
    action: { href: `/my/relationships/${d.relationshipId}`, label: 'Give feedback on the meeting' },
  }),
});
