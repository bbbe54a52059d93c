import { defineTemplate } from './template.js';

export const relationshipNudge = defineTemplate<{
  relationshipId: string;
  programmeName: string;
  partnerName: string;
  quietDays: number;
}>({
  label: 'Nudges when a pair has not met for a while',
  optional: true,
  render: (d) => ({
    subject: `It has been ${d.quietDays} days since you met ${d.partnerName}`,
    heading: `Time to meet ${d.partnerName} again`,
    paragraphs: [
      `Your ${d.programmeName} pair has not met for ${d.quietDays} days and has nothing in the calendar.`,
    ],
    action: { href: `/my/relationships/${d.relationshipId}?schedule=1`, label: 'Pick a time in one click' },
  }),
});
