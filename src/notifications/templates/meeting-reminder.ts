import { type MeetingTime, meetingWhen } from './meeting-time.js';
import { defineTemplate } from './template.js';

export const meetingReminder = defineTemplate<
  MeetingTime & {
    relationshipId: string;
    programmeName: string;
    partnerName: string;
    agendaTitle: string;
    agendaItems: string[];
    /** Which reminder: the day before or the hour before (absent from emails queued before the two were told apart). */
    lead?: '24h' | '1h';
  }
>({
  label: 'Reminders before a meeting',
  optional: true,
  render: (d) => ({
    // Each reminder says which it is, so the hour-before one does not read as a repeat.
    subject: `${d.lead === '1h' ? 'In an hour' : 'Reminder'}: ${d.programmeName} meeting with ${d.partnerName}, ${d.agendaTitle}`,
    heading: `Your meeting with ${d.partnerName}`,
    paragraphs: [`Your mentoring meeting with ${d.partnerName} is on ${meetingWhen(d)}.`],
    ...(d.agendaItems.length ? { list: { caption: `Agenda: ${d.agendaTitle}`, items: d.agendaItems } } : {}),
    action: { href: `/my/relationships/${d.relationshipId}`, label: 'Open the meeting agenda' },
  }),
});
