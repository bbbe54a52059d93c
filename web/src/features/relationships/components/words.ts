// Words and times for the relationship screens.
import type { Cadence, Channel } from '../types';

export const cadenceLabels: Record<Cadence, string> = {
  weekly: 'Every week',
  fortnightly: 'Every two weeks',
  monthly: 'Every month',
};
export const channelLabels: Record<Channel, string> = {
  in_person: 'In person',
  video: 'Video call',
  phone: 'Phone',
  mixed: 'A mix',
};
export const firstName = (name: string) => name.split(/\s+/)[0] ?? name;

const dateTime = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
});
const timeOnly = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit' });

/** "Tue 12 Jan 2027, 10:00" in the viewer's time zone. */
export const formatDateTime = (iso: string) => dateTime.format(new Date(iso));
export const formatTime = (iso: string) => timeOnly.format(new Date(iso));

/** An ISO instant from a datetime-local value (read in the viewer's time zone). */
export function instantFromLocal(local: string): string | null {
  if (!local) return null;
  const d = new Date(local);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** A datetime-local value ("2027-01-12T10:00") for an instant, in the viewer's time zone. */
export function localFromInstant(iso: string): string {
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A sensible first suggestion: a week from now, on the hour. */
export function suggestedStart(now = new Date()): string {
  const d = new Date(now.getTime() + 7 * 86_400_000);
  d.setMinutes(0, 0, 0);
  d.setHours(Math.min(Math.max(d.getHours(), 9), 16));
  return localFromInstant(d.toISOString());
}

/** "10:00 Tue" at an instant in another person's time zone, or null when it is the viewer's own. */
export function timeIn(iso: string, timeZone: string): string | null {
  const mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (!timeZone || timeZone === mine) return null;
  try {
    return new Intl.DateTimeFormat('en-GB', {
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      timeZone,
    }).format(new Date(iso));
  } catch {
    return null;
  }
}
