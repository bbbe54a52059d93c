// The time of a meeting as its reader sees it: in their own time zone, with the zone named.
import { localTime } from '../../relationships/ics.js';

export interface MeetingTime {
  /** ISO 8601 instant. */
  startsAt: string;
  durationMinutes: number;
  /** The recipient's IANA time zone. */
  timeZone: string;
}

export const meetingWhen = (m: MeetingTime) =>
  `${localTime(new Date(m.startsAt), m.timeZone)}, ${m.durationMinutes} minutes`;
