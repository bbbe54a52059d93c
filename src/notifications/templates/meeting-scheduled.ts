import { type MeetingTime, meetingWhen } from './meeting-time.js';
import { defineTemplate } from './template.js';

export const meetingScheduled = defineTemplate<
  MeetingTime & { relationshipId: string; partnerName: string; agendaTitle: string }
>({
  label: 'A meeting is planned with you',
  optional: true,
  render: (d) => ({
    subject: `New mentoring meeting with ${d.partnerName}`,
    heading: `${d.partnerName} planned a mentoring meeting`,
    paragraphs: [
      `${d.partnerName} planned a mentoring meeting with you: ${meetingWhen(d)}.`,
      `Agenda: ${d.agendaTitle}. The calendar invitation is attached; add it to your calendar.`,
    ],
    action: { href: `/my/relationships/${d.relationshipId}`, label: 'See the meeting and its agenda' },
  }),
});
