// Shapes the API answers with (see /openapi.json); only the fields the web app reads.
import type { MatchSettings } from '../../../src/matching/settings';

export type { MatchSettings };

export type Role = 'org_admin' | 'programme_manager' | 'participant' | 'sponsor';
export const roles: readonly Role[] = ['org_admin', 'programme_manager', 'participant', 'sponsor'];

export type ProgrammeKind = 'conventional' | 'reverse' | 'mutual';
export type ProgrammeStatus = 'draft' | 'enrolling' | 'matching' | 'active' | 'closed';
export type Cadence = 'weekly' | 'fortnightly' | 'monthly';
export type EnrolmentRole = 'mentor' | 'mentee' | 'both';

export type TopicCategory =
  | 'digital_and_technology'
  | 'trends_and_culture'
  | 'leadership'
  | 'career'
  | 'industry'
  | 'networking'
  | 'communication'
  | 'personal_skills';

export interface Topic {
  id: string;
  name: string;
  category: TopicCategory;
  description: string | null;
}

export interface Person {
  id: string;
  employeeId: string | null;
  name: string;
  email: string;
  jobTitle: string | null;
  jobLevel: number;
  department: string | null;
  managerId: string | null;
  location: string | null;
  timeZone: string;
  languages: string[];
  hireDate: string | null;
  birthYear: number | null;
  generation: string | null;
  careerStage: string | null;
  leaveDate: string | null;
  leaveReason: string | null;
  version: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** false when total is a lower bound (the server counted only so far past the page). */
  totalExact?: boolean;
  limit: number;
  offset: number;
}

export interface Programme {
  id: string;
  name: string;
  kind: ProgrammeKind;
  description: string | null;
  goals: string[];
  cohortStart: string;
  cohortEnd: string;
  meetingCadence: Cadence;
  defaultMentorCapacity: number;
  /** Every setting a run uses unless told otherwise (the engine's shape, defaults filled in). */
  matchingSettings: MatchSettings;
  status: ProgrammeStatus;
  topics: { id: string; name: string; category: TopicCategory }[];
  /** Counts of active enrolments; only managers get them. */
  enrolled: { mentors: number; mentees: number } | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Offer {
  topicId: string;
  proficiency: number;
}
export interface Seek {
  topicId: string;
  priority: number;
}
export interface Slot {
  day: number;
  start: number;
  end: number;
}
export interface Preferences {
  preferredMentorIds: string[];
  preferDifferentDepartment?: boolean;
  note?: string;
}

export interface Enrolment {
  id: string;
  programmeId: string;
  personId: string;
  person: { name: string; department: string | null; jobTitle: string | null; jobLevel: number } | null;
  role: EnrolmentRole;
  offers: Offer[];
  seeks: Seek[];
  goals: string;
  availability: Slot[];
  capacity: number;
  preferences: Preferences;
  consentAt: string;
  status: 'active' | 'withdrawn';
  withdrawnAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Me {
  account: { id: string; email: string; roles: Role[]; orgId: string };
  person: Person | null;
  enrolments: Enrolment[];
}

export interface Account {
  id: string;
  email: string;
  personId: string | null;
  personName: string | null;
  roles: Role[];
  disabled: boolean;
  createdAt: string;
}

export interface SessionInfo {
  id: string;
  userAgent: string | null;
  createdAt: string;
  expiresAt: string;
  current: boolean;
}

export interface Organisation {
  id: string;
  name: string;
  slug: string;
  minReportGroupSize: number;
  createdAt: string;
}

export interface ImportProblem {
  row: number;
  column: string | null;
  message: string;
}

export interface ImportReport {
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  applied: boolean;
  dryRun: boolean;
  ignoredColumns: string[];
  errors: ImportProblem[];
}

/** Columns (by header text) for each Twoway field; see src/people/import-columns.ts. */
export type ColumnMapping = Partial<Record<string, string>>;
export type DateFormat = 'YYYY-MM-DD' | 'DD.MM.YYYY' | 'DD/MM/YYYY' | 'MM/DD/YYYY';

/** The mapping step's reading of a file (POST /people/import/preview). */
export interface ImportPreview {
  format: 'csv' | 'xlsx';
  encoding: string | null;
  delimiter: string | null;
  sheets: string[];
  sheet: string | null;
  header: string[];
  preview: string[][];
  rows: number;
  preset: { id: string; name: string } | null;
  mapping: ColumnMapping;
  mappingSource: 'given' | 'saved' | 'preset' | 'columns';
  dateFormat: DateFormat | null;
  dateFormatNeeded: boolean;
  grades: { grade: string; level: number | null }[];
  problems: { column: string | null; message: string }[];
  fields: string[];
  dateFormats: DateFormat[];
}
