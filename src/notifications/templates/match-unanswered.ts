import { defineTemplate } from './template.js';

/** To programme managers: who and where, never why. */
export const matchUnanswered = defineTemplate<{
  programmeId: string;
  programmeName: string;
  mentorName: string;
  menteeName: string;
}>({
  label: 'Matches unanswered after a week (managers)',
  optional: true,
  render: (d) => ({
    subject: `A ${d.programmeName} match is unanswered after 7 days`,
    heading: 'A match is still waiting for an answer',
    paragraphs: [
      `The match of ${d.mentorName} (mentor) and ${d.menteeName} (mentee) in ${d.programmeName} has waited a week for an answer.`,
    ],
    action: { href: `/programmes/${d.programmeId}/health`, label: 'Open the programme' },
  }),
});
