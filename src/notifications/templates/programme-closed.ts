import { defineTemplate } from './template.js';

export const programmeClosed = defineTemplate<{
  programmeId: string;
  programmeName: string;
  lines: string[];
}>({
  label: 'Summary when a programme closes (managers)',
  optional: true,
  render: (d) => ({
    subject: `${d.programmeName} is closed: summary`,
    heading: `${d.programmeName} is closed`,
    paragraphs: [`${d.programmeName} is closed and its relationships with it. Its reports stay open to you.`],
    list: { caption: 'Summary', items: d.lines },
    action: { href: `/programmes/${d.programmeId}/health`, label: 'Open the programme' },
  }),
});
