import { type MeetingTime, meetingWhen } from './meeting-time.js';
import { defineTemplate } from './template.js';

export const meetingCancelled = defineTemplate<MeetingTime & { relationshipId: string; partnerName: string }>(
  {
    label: 'A meeting is cancelled',
    optional: true,
    render: (d) => ({
      subject: `Mentoring meeting with ${d.partnerName} cancelled`,
      heading: 'Your mentoring meeting is cancelled',
      paragraphs: [
        `${d.partnerName} cancelled the mentoring meeting of ${meetingWhen(d)}.`,
        'The attached cancellation removes the event from your calendar.',
      ],
      action: { href: `/my/relationships/${d.relationshipId}`, label: 'Plan another meeting' },
    }),
  },
);
