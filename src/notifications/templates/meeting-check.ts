import { type MeetingTime, meetingWhen } from './meeting-time.js';
import { defineTemplate } from './template.js';

export const meetingCheck = defineTemplate<
  MeetingTime & { relationshipId: string; programmeName: string; partnerName: string }
>({
  label: 'Did a meeting happen?',
  optional: true,
  render: (d) => ({
    subject: `Did your ${d.programmeName} meeting with ${d.partnerName} happen?`,
    heading: `Did your meeting with ${d.partnerName} happen?`,
    paragraphs: [
      `Your meeting with ${d.partnerName} was planned for ${meetingWhen(d)}.`,
      'Record it as held (you will be asked three quick questions) or cancel it.',
    ],
    action: { href: `/my/relationships/${d.relationshipId}`, label: 'Record or cancel the meeting' },
  }),
});
