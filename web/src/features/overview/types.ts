// Programme health: momentum (GET /programmes/{id}/momentum) and feedback aggregates.

export type { Momentum, MomentumWeek } from '../../../../src/insights/momentum';

/** Why a figure is hidden: too few people in it, or it would let a smaller group be subtracted out. */
export type HiddenReason = 'too_few_people' | 'protects_a_smaller_group';

export type FeedbackGroup =
  | { suppressed: true; reason: HiddenReason }
  | {
      suppressed: false;
      reason: null;
      /** Distinct people who answered. */
      people: number;
      answers: number;
      meanValue: number;
      meanHeard: number;
      /** Shares of the answers, 0 to 1. */
      talking: { me: number; balanced: number; other: number };
    };

export type ReflectionsGroup =
  | { suppressed: true; reason: HiddenReason }
  | {
      suppressed: false;
      reason: null;
      people: number;
      answers: number;
      /** Shares of the answers, 0 to 1. */
      wouldDoAgain: { yes: number; maybe: number; no: number };
      wouldSwapRoles: number;
    };

export interface FeedbackSummary {
  programmeId: string;
  minimumGroupSize: number;
  /** The published snapshot runs to this time (null before the first). */
  asOf: string | null;
  /** Newer answers wait until adding them cannot single anyone out. */
  waiting: boolean;
  overall: FeedbackGroup;
  fromMentors: FeedbackGroup;
  fromMentees: FeedbackGroup;
  byDepartment: (FeedbackGroup & { department: string | null })[];
  closingReflections: ReflectionsGroup;
}
