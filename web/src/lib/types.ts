// Shapes the API answers with, taken from the server's response schemas (type-only imports:
// nothing of the server reaches the bundle). A field renamed on the server fails this app's
// type check instead of reading undefined.
import type { PageResponse } from '../../../src/api/common';
import type { CountMode } from '../../../src/db/counted-page';
import type { AccountResponse } from '../../../src/identity/accounts';
import type { Role } from '../../../src/identity/actor';
import type { MeResponse } from '../../../src/identity/me';
import type { SessionResponse } from '../../../src/identity/sessions';
import type { MatchSettings } from '../../../src/matching/settings';
import type { OrganisationResponse } from '../../../src/organisations/organisations';
import type { ColumnMapping } from '../../../src/people/import-columns';
import type { DateFormat } from '../../../src/people/import-dates';
import type { ImportPreview, ImportProblem, ImportReport } from '../../../src/people/import-report';
import type { PersonResponse } from '../../../src/people/person-schema';
import type {
  EnrolmentResponse,
  EnrolmentRole,
  Offer,
  Preferences,
  Seek,
  Slot,
} from '../../../src/programmes/enrolments';
import type { ProgrammeStatus } from '../../../src/programmes/lifecycle';
import type { Cadence, ProgrammeResponse } from '../../../src/programmes/programmes';
import type { TopicCategory, TopicResponse } from '../../../src/programmes/topics';

export type {
  Cadence,
  ColumnMapping,
  CountMode,
  DateFormat,
  EnrolmentRole,
  ImportPreview,
  ImportProblem,
  ImportReport,
  MatchSettings,
  Offer,
  Preferences,
  ProgrammeStatus,
  Role,
  Seek,
  Slot,
  TopicCategory,
};
export type Person = PersonResponse;
export type Programme = ProgrammeResponse;
export type ProgrammeKind = Programme['kind'];
/** one_to_one: mentors and mentees; peer: one pool where everyone teaches and learns; circles: facilitated groups. */
export type ProgrammeFormat = Programme['format'];
export type Topic = TopicResponse;
export type Enrolment = EnrolmentResponse;
export type Me = MeResponse;
export type Account = AccountResponse;
export type SessionInfo = SessionResponse;
export type Organisation = OrganisationResponse;

/**
 * One page of a list as the server answers it; totalExact is absent where the API client
 * assembles the page itself (a list with its count in X-Total-Count) or the route always counts.
 */
export type Page<T> = Omit<PageResponse<T>, 'totalExact'> & Partial<Pick<PageResponse<T>, 'totalExact'>>;

export const roles: readonly Role[] = ['org_admin', 'programme_manager', 'participant', 'sponsor'];
