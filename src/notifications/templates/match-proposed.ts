import { defineTemplate } from './template.js';

export const matchProposed = defineTemplate<{
  relationshipId: string;
  programmeName: string;
  partnerName: string;
  /** The recipient's side of the pair. */
  role: 'mentor' | 'mentee';
  reasons: string[];
}>({
  label: 'A match is proposed to you',
  optional: true,
  render: (d) => ({
    subject: `${d.programmeName}: you have been matched with ${d.partnerName}`,
    heading: 'You have a proposed match',
    paragraphs: [
      d.role === 'mentor'
        ? `You are proposed as the mentor of ${d.partnerName} in ${d.programmeName}.`
        : `${d.partnerName} is proposed as your mentor in ${d.programmeName}.`,
      'Accept or decline in Twoway; the match starts once you both accept.',
    ],
    ...(d.reasons.length ? { list: { caption: 'Why you two', items: d.reasons } } : {}),
    action: { href: `/my/relationships/${d.relationshipId}`, label: 'Answer the proposed match in Twoway' },
  }),
});
