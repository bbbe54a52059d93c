// Shapes of the matching API (docs/relationships.md): runs, comparisons and pair rules.

export type EngineObjective = 'total' | 'fairest' | 'stable';
export type ComponentName = 'topics' | 'goals' | 'department' | 'generation' | 'availability' | 'preference';

export interface RunSettings {
  objective?: EngineObjective;
  maximiseMatches?: boolean;
  weights?: Partial<Record<ComponentName, number>>;
  rules?: {
    reportingLine?: { enabled?: boolean; depth?: number };
    jobLevel?: { enabled?: boolean; gap?: number };
    language?: { enabled?: boolean };
    overlap?: { enabled?: boolean; minHours?: number };
    pastPairs?: { enabled?: boolean };
    differentDepartment?: { enabled?: boolean };
    minScore?: number;
  };
}

export interface RunSummaryNumbers {
  mentees: number;
  mentors: number;
  matched: number;
  unmatchedMentees: number;
  totalScore: number;
  meanScore: number;
  lowestScore: number;
  topicCoverage: { sought: number; covered: number; ratio: number };
  pairsAcrossDepartments: number;
  pairsAcrossGenerations: number;
}

export interface RunSummary {
  id: string;
  programmeId: string;
  mode: 'full' | 'rematch';
  status: 'draft' | 'published' | 'discarded';
  objective: string;
  settings: RunSettings;
  summary: RunSummaryNumbers;
  pairCount: number;
  unmatchedCount: number;
  createdAt: string;
  publishedAt: string | null;
  version: number;
}

export interface Pair {
  mentorId: string;
  menteeId: string;
  mentorName: string;
  menteeName: string;
  score: number;
  components: Record<ComponentName, number | null>;
  locked: boolean;
  reasons: string[];
}

export interface Unmatched {
  participantId: string;
  displayName: string;
  side: 'mentee' | 'mentor';
  reason: 'no_candidate' | 'capacity' | 'left_out' | 'not_needed';
  message: string;
  ruleCounts?: Record<string, number>;
  bestCandidates?: { id: string; displayName: string; score: number; takenBy: string[] }[];
}

export interface Run extends RunSummary {
  stale: boolean | null;
  pairs: Pair[];
  unmatched: Unmatched[];
}

export interface Metric {
  a: number;
  b: number;
  delta: number;
}

export interface RunComparison {
  a: RunSummary;
  b: RunSummary;
  samePairs: number;
  changedPairs: {
    menteeId: string;
    menteeName: string;
    a: { mentorId: string; mentorName: string; score: number } | null;
    b: { mentorId: string; mentorName: string; score: number } | null;
    scoreDelta: number | null;
  }[];
  coverage: Record<
    | 'matched'
    | 'unmatchedMentees'
    | 'meanScore'
    | 'lowestScore'
    | 'totalScore'
    | 'topicCoverage'
    | 'pairsAcrossDepartments'
    | 'pairsAcrossGenerations',
    Metric
  >;
}

export interface PairRule {
  id: string;
  programmeId: string;
  mentorId: string;
  mentorName: string | null;
  menteeId: string;
  menteeName: string | null;
  kind: 'locked' | 'forbidden';
  createdAt: string;
}

export interface PublishResult {
  run: RunSummary;
  relationshipsCreated: number;
  invitationsQueued: number;
}
