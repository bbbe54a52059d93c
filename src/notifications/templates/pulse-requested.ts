import { defineTemplate } from './template.js';

export const pulseRequested = defineTemplate<{
  relationshipId: string;
  programmeName: string;
  partnerName: string;
  day: number;
}>({
  label: 'Pulses at 30, 60 and 90 days',
  optional: true,
  render: (d) => ({
    subject: `${d.day} days with ${d.partnerName}: two quick questions`,
    heading: `${d.day} days with ${d.partnerName}`,
    paragraphs: [
      `How valuable has your ${d.programmeName} relationship been so far, and do you feel heard? Two answers from 1 to 5.`,
      'Only you will see your answers; programme figures show groups of at least five people.',
    ],
    action: {
      href: `/my/relationships/${d.relationshipId}?pulse=${d.day}`,
      label: 'Answer the two questions',
    },
  }),
});
