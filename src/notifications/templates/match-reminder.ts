import { defineTemplate } from './template.js';

export const matchReminder = defineTemplate<{
  relationshipId: string;
  programmeName: string;
  partnerName: string;
}>({
  label: 'Reminders to answer a proposed match',
  optional: true,
  render: (d) => ({
    subject: `Your ${d.programmeName} match with ${d.partnerName} is waiting for your answer`,
    heading: `${d.partnerName} is waiting for your answer`,
    paragraphs: [
      `You were matched with ${d.partnerName} in ${d.programmeName} three days ago and have not answered yet.`,
    ],
    action: { href: `/my/relationships/${d.relationshipId}`, label: 'Accept or decline the match' },
  }),
});
