// Words and numbers as people read them.
import type {
  EnrolmentRole,
  ProgrammeFormat,
  ProgrammeKind,
  ProgrammeStatus,
  Role,
  TopicCategory,
} from './types';

export const roleLabels: Record<Role, string> = {
  org_admin: 'Organisation admin',
  programme_manager: 'Programme manager',
  participant: 'Participant',
  sponsor: 'Executive sponsor',
};

export const kindLabels: Record<ProgrammeKind, string> = {
  conventional: 'Conventional',
  reverse: 'Reverse',
  mutual: 'Two-way',
};

export const formatLabels: Record<ProgrammeFormat, string> = {
  one_to_one: 'One-to-one',
  peer: 'Peer pool',
  circles: 'Circles',
};

export const kindDescriptions: Record<ProgrammeKind, string> = {
  conventional:
    'An experienced colleague mentors a less experienced one: career, industry, networks, leadership.',
  reverse:
    'A less experienced colleague mentors an executive on what they know best: digital tools, channels, trends and what younger colleagues and customers expect.',
  mutual: 'Both people teach and both learn: each shares what the other wants to know.',
};

export const statusLabels: Record<ProgrammeStatus, string> = {
  draft: 'Draft',
  enrolling: 'Enrolling',
  matching: 'Matching',
  active: 'Active',
  closed: 'Closed',
};

export const enrolmentRoleLabels: Record<EnrolmentRole, string> = {
  mentor: 'Mentor',
  mentee: 'Mentee',
  both: 'Mentor and mentee',
};

export const categoryLabels: Record<TopicCategory, string> = {
  digital_and_technology: 'Digital and technology',
  trends_and_culture: 'Trends and culture',
  leadership: 'Leadership and strategy',
  career: 'Career',
  industry: 'Industry',
  networking: 'Networking',
  communication: 'Communication',
  personal_skills: 'Personal skills',
};
export const categories = Object.keys(categoryLabels) as TopicCategory[];

export const dayNames = [
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
  'Sunday',
] as const;

export const proficiencyLabels: Record<number, string> = {
  1: '1 · Basics',
  2: '2 · Working knowledge',
  3: '3 · Confident',
  4: '4 · Advanced',
  5: '5 · Expert',
};
export const priorityLabels: Record<number, string> = {
  1: '1 · Most wanted',
  2: '2 · Wanted',
  3: '3 · Nice to have',
};

/** "09:30" from minutes after midnight. */
export function timeOfDay(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Minutes after midnight from "09:30", or null when it is not a time. */
export function minutesOf(time: string): number | null {
  const m = /^(\d{1,2}):(\d{2})$/.exec(time);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59) return null;
  return h * 60 + min;
}

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "3 Feb 2027" from "2027-02-03" or an ISO timestamp. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '';
  const d = new Date(value.length === 10 ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? value : dateFormat.format(d);
}

const dateTimeFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short' });

/** "3 Feb 2027, 14:05" in the viewer's own time zone, for moments such as a sign-in. */
export function formatDateTime(value: string): string {
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : dateTimeFormat.format(d);
}

export const formatNumber = (n: number) => new Intl.NumberFormat('en-GB').format(n);

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
