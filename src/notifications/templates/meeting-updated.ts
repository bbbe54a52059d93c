import { type MeetingTime, meetingWhen } from './meeting-time.js';
import { defineTemplate } from './template.js';

export const meetingUpdated = defineTemplate<
  MeetingTime & { relationshipId: string; partnerName: string; agendaTitle: string }
>({
  label: 'A meeting moves',
  optional: true,
  render: (d) => ({
    subject: `Mentoring meeting with ${d.partnerName} moved`,
    heading: 'Your mentoring meeting moved',
    paragraphs: [
      `${d.partnerName} moved your mentoring meeting to ${meetingWhen(d)}.`,
      'The attached invitation updates the event in your calendar.',
    ],
    action: { href: `/my/relationships/${d.relationshipId}`, label: 'See the meeting and its agenda' },
  }),
});
