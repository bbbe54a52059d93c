// Shapes of the relationship API (docs/relationships.md), taken from the server's response
// schemas (type-only imports: nothing of the server reaches the bundle).
import type { z } from 'zod';
import type {
  MatchResponse,
  MeetingCounts,
  PersonSummary,
  RelationshipResponse,
  Side,
} from '../../../../src/relationships/access';
import type { actionResponseSchema } from '../../../../src/relationships/actions';
import type { Agenda, AgendaItem, AgendaTemplateKey } from '../../../../src/relationships/agendas';
import type { AgreementGoal, AgreementResponse, Channel } from '../../../../src/relationships/agreements';
import type { feedbackResponseSchema } from '../../../../src/relationships/feedback';
import type { journeyEntryResponseSchema } from '../../../../src/relationships/journeys';
import type { learningEntrySchema, learningLogSchema } from '../../../../src/relationships/learning';
import type { MeetingResponse, meetingListSchema } from '../../../../src/relationships/meetings';
import type { noteResponseSchema } from '../../../../src/relationships/notes';
import type {
  reflectionResponseSchema,
  reflectionSchema,
  reflectionsResponseSchema,
} from '../../../../src/relationships/relationships';
import type { RelationshipStatus } from '../../components/relationship-status';
import type { Cadence } from '../../lib/types';

export type { Agenda, AgendaItem, Cadence, Channel, MeetingCounts, RelationshipStatus, Side };
/** A person's place: a pair's side, one of two peers, or a circle's facilitator, member or peer. */
export type Role = NonNullable<RelationshipResponse['myRole']>;
export type Response = MatchResponse;
export type PartyPerson = PersonSummary;
export type Relationship = RelationshipResponse;
export type Goal = AgreementGoal;
export type Agreement = AgreementResponse;
export type AgendaTemplate = AgendaTemplateKey;
export type Meeting = MeetingResponse;
export type MeetingList = z.infer<typeof meetingListSchema>;
export type Feedback = z.infer<typeof feedbackResponseSchema>;
export type Note = z.infer<typeof noteResponseSchema>;
export type LearningEntry = z.infer<typeof learningEntrySchema>;
export type LearningLog = z.infer<typeof learningLogSchema>;
export type Action = z.infer<typeof actionResponseSchema>;
export type JourneyEntry = z.infer<typeof journeyEntryResponseSchema>;
export type Reflection = z.infer<typeof reflectionResponseSchema>;
export type Reflections = z.infer<typeof reflectionsResponseSchema>;
export type ReflectionInput = z.input<typeof reflectionSchema>;

export interface AgreementInput {
  goals: Goal[];
  cadence: Cadence;
  channel: Channel;
  durationMonths: number;
  meetingMinutes?: number;
  confidentialContactId?: string | null;
  version?: number;
}
