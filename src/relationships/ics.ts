// RFC 5545 invitations for meetings, generated with the `ics` library. Times are
// written in UTC, which every calendar shows in each reader's own zone; the
// description spells out the local time for both people.
import { createEvent, type EventAttributes } from 'ics';
import { DateTime } from 'luxon';
import { isEmailAddress } from '../people/email.js';
import type { Agenda } from './agendas.js';

export interface IcsMeeting {
  id: string;
  startsAt: Date;
  durationMinutes: number;
  status: string;
  sequence: number;
  location: string | null;
  agenda: Agenda;
  updatedAt: Date;
  createdAt: Date;
}

export interface IcsPerson {
  name: string;
  email: string;
  timeZone: string;
}

export const icsUid = (meetingId: string) => `meeting-${meetingId}@twoway`;

export function localTime(at: Date, timeZone: string): string {
  const dt = DateTime.fromJSDate(at, { zone: timeZone });
  const zoned = dt.isValid ? dt : DateTime.fromJSDate(at, { zone: 'UTC' });
  return `${zoned.toFormat('ccc d LLL yyyy, HH:mm')} (${zoned.zoneName})`;
}

/**
 * The .ics text of a meeting of everyone in a relationship (a pair, peers or a circle,
 * each attendee with their place in it); CANCEL once cancelled.
 */
export function meetingIcs(
  meeting: IcsMeeting,
  attendees: (IcsPerson & { role: string })[],
  programmeName: string,
  circleName: string | null = null,
): string {
  const cancelled = meeting.status === 'cancelled';
  const names = attendees.map((p) => p.name);
  const together =
    names.length <= 2 ? names.join(' and ') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  const lines = [
    `${programmeName}: mentoring meeting of ${circleName ? `${circleName}: ` : ''}${attendees.map((p) => `${p.name} (${p.role})`).join(', ')}.`,
    ...attendees.map((p) => `For ${p.name}: ${localTime(meeting.startsAt, p.timeZone)}.`),
    '',
    `Agenda: ${meeting.agenda.title}`,
    ...meeting.agenda.items.map((item, i) => `${i + 1}. ${item.title} (${item.lead} leads): ${item.prompt}`),
  ];
  const attrs: EventAttributes = {
    uid: icsUid(meeting.id),
    sequence: meeting.sequence,
    productId: 'twoway/meetings',
    method: cancelled ? 'CANCEL' : 'REQUEST',
    start: meeting.startsAt.getTime(),
    startInputType: 'utc',
    startOutputType: 'utc',
    duration: { minutes: meeting.durationMinutes },
    title: `Mentoring: ${circleName ?? together}`,
    description: lines.join('\n'),
    status: cancelled ? 'CANCELLED' : 'CONFIRMED',
    busyStatus: 'BUSY',
    created: meeting.createdAt.getTime(),
    lastModified: meeting.updatedAt.getTime(),
    // The API admits only addresses that fit an invitation; one stored before that rule
    // (or written to the database directly) leaves its holder out rather than failing the file.
    attendees: attendees
      .filter((p) => isEmailAddress(p.email))
      .map((p) => ({
        name: p.name,
        email: p.email,
        rsvp: true,
        role: 'REQ-PARTICIPANT',
        partstat: 'ACCEPTED',
      })),
    organizer: { name: 'Twoway', email: 'no-reply@twoway.invalid' },
    ...(meeting.location ? { location: meeting.location } : {}),
  };
  const { error, value } = createEvent(attrs);
  if (error || !value)
    throw new Error(`could not build the calendar invitation: ${error?.message ?? 'empty'}`);
  return value;
}
