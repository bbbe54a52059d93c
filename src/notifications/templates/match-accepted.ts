import { defineTemplate } from './template.js';

export const matchAccepted = defineTemplate<{
  relationshipId: string;
  partnerName: string;
  /** Both accepted (the relationship is active), or only the partner so far. */
  both: boolean;
}>({
  label: 'Your match is accepted',
  optional: true,
  render: (d) =>
    d.both
      ? {
          subject: 'Your match is confirmed',
          heading: `You and ${d.partnerName} both accepted`,
          paragraphs: [
            `You and ${d.partnerName} both accepted: agree your mentoring agreement, then plan your first meeting.`,
          ],
          action: { href: `/my/relationships/${d.relationshipId}`, label: 'Open your mentoring agreement' },
        }
      : {
          subject: 'Your match accepted',
          heading: `${d.partnerName} accepted your match`,
          paragraphs: [`${d.partnerName} accepted the match; it starts once you accept too.`],
          action: { href: `/my/relationships/${d.relationshipId}`, label: 'Answer the proposed match' },
        },
});
