// Shapes of the matching API (docs/relationships.md): runs, comparisons and pair rules.

import type { ComponentName, MatchSettingsInput } from '../../components/matching-words';

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
  /** Every setting the run used (runs made before settings were recorded in full hold what they were given). */
  settings: MatchSettingsInput;
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
