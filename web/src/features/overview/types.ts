// Programme health: momentum (GET /programmes/{id}/momentum) and feedback aggregates.

export interface MomentumWeek {
  weekStart: string;
  past: boolean;
  pairs: number;
  planned: number;
  held: number;
  scheduled: number;
  cancelled: number;
  cancelledByMentor: number;
  cancelledByMentee: number;
}

export interface Momentum {
  programmeId: string;
  cadence: string;
  asOf: string;
  pairs: Record<'proposed' | 'active' | 'paused' | 'closed' | 'declined' | 'withdrawn', number>;
  meetings: {
    held: number;
    scheduled: number;
    cancelled: number;
    cancelledByMentor: number;
    cancelledByMentee: number;
    cancelledByOthers: number;
  };
  plannedSoFar: number;
  weeks: MomentumWeek[];
  quiet: {
    afterDays: number;
    total: number;
    pairs: {
      relationshipId: string;
      mentorName: string;
      menteeName: string;
      lastMetAt: string | null;
      quietDays: number;
    }[];
  };
}

export interface FeedbackGroup {
  suppressed: boolean;
  answers: number | null;
  meanValue: number | null;
  meanHeard: number | null;
  /** Shares of the answers, 0 to 1. */
  talking: { me: number; balanced: number; other: number } | null;
}

export interface FeedbackSummary {
  programmeId: string;
  minimumGroupSize: number;
  overall: FeedbackGroup;
  fromMentors: FeedbackGroup;
  fromMentees: FeedbackGroup;
  closingReflections: {
    suppressed: boolean;
    answers: number | null;
    /** Shares of the answers, 0 to 1. */
    wouldDoAgain: { yes: number; maybe: number; no: number } | null;
    wouldSwapRoles: number | null;
  };
}
