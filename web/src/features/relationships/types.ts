// Shapes of the relationship API (docs/relationships.md).

import type { RelationshipStatus } from '../../components/relationship-status';
import type { ProgrammeKind } from '../../lib/types';

export type { RelationshipStatus };
export type Side = 'mentor' | 'mentee';
export type Response = 'pending' | 'accepted' | 'declined';

export interface PartyPerson {
  id: string;
  name: string;
  jobTitle: string | null;
  department: string | null;
  timeZone: string;
}

export interface MeetingCounts {
  scheduled: number;
  held: number;
  cancelled: number;
  cancelledByMentor: number;
  cancelledByMentee: number;
}

export interface Relationship {
  id: string;
  programmeId: string;
  programmeName: string | null;
  programmeKind: ProgrammeKind | null;
  mentor: PartyPerson;
  mentee: PartyPerson;
  myRole: Side | null;
  status: RelationshipStatus;
  mentorResponse: Response;
  menteeResponse: Response;
  score: { score: number; reasons: string[] } | null;
  acceptedAt: string | null;
  closedAt: string | null;
  lastCheckInAt: string | null;
  meetings: MeetingCounts;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type Cadence = 'weekly' | 'fortnightly' | 'monthly';
export type Channel = 'in_person' | 'video' | 'phone' | 'mixed';

export interface Goal {
  learner: Side;
  text: string;
}

export interface Agreement {
  relationshipId: string;
  goals: Goal[];
  cadence: Cadence;
  channel: Channel;
  durationMonths: number;
  meetingMinutes: number;
  charter: string;
  noRetaliationPledge: string | null;
  confidentialContact: { id: string; name: string } | null;
  mentorSignedAt: string | null;
  menteeSignedAt: string | null;
  agreed: boolean;
  version: number;
  updatedAt: string;
}

export interface AgreementInput {
  goals: Goal[];
  cadence: Cadence;
  channel: Channel;
  durationMonths: number;
  meetingMinutes?: number;
  confidentialContactId?: string | null;
  version?: number;
}

export interface AgendaItem {
  title: string;
  prompt: string;
  lead: 'mentee' | 'mentor' | 'both';
}
export interface Agenda {
  template: string;
  title: string;
  items: AgendaItem[];
}

export type AgendaTemplate = 'journey' | 'mistake' | 'topics' | 'two_way' | 'check_in';

export interface Meeting {
  id: string;
  relationshipId: string;
  startsAt: string;
  endsAt: string;
  durationMinutes: number;
  location: string | null;
  status: 'scheduled' | 'held' | 'cancelled';
  agenda: Agenda;
  sequence: number;
  cancelledBy: 'mentor' | 'mentee' | 'manager' | null;
  cancelledAt: string | null;
  heldAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface MeetingList {
  meetings: Meeting[];
  cancellations: { total: number; byMentor: number; byMentee: number; byOthers: number };
}

export interface Feedback {
  id: string;
  meetingId: string;
  value: number;
  heard: number;
  talking: 'me' | 'balanced' | 'other';
  comment: string | null;
  createdAt: string;
}

export interface Note {
  id: string;
  relationshipId: string;
  meetingId: string | null;
  authorId: string;
  mine: boolean;
  visibility: 'private' | 'shared';
  body: string;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface LearningEntry {
  id: string;
  learnerId: string;
  learnerSide: Side;
  topicId: string | null;
  topic: string | null;
  body: string;
  learnedOn: string;
  createdAt: string;
}

export interface LearningLog {
  entries: LearningEntry[];
  balance: { mentorLearned: number; menteeLearned: number };
}

export interface Action {
  id: string;
  relationshipId: string;
  kind: 'goal' | 'action';
  title: string;
  ownerId: string | null;
  dueOn: string | null;
  status: 'open' | 'done' | 'dropped';
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface JourneyEntry {
  id: string;
  authorId: string;
  mine: boolean;
  kind: 'triumph' | 'struggle' | 'mistake' | 'lesson';
  year: number;
  title: string;
  body: string | null;
  sharedWith?: string[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface Reflection {
  id?: string;
  authorId?: string;
  whatChanged: string;
  wouldDoAgain: 'yes' | 'maybe' | 'no';
  wouldSwapRoles: 'yes' | 'maybe' | 'no';
  shareWithPartner?: boolean;
  createdAt?: string;
}

export interface Reflections {
  mine: Reflection | null;
  partnerHasReflected: boolean;
  partner: Reflection | null;
}
