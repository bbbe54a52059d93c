// Shapes of the matching API (docs/relationships.md): runs, comparisons and pair rules, typed
// by the server's response schemas (type-only imports: nothing of the server is bundled).
import type { z } from 'zod';
import type { RunComparison, RunSummary, RunView } from '../../../../src/matches/match-runs';
import type { PairRuleResponse } from '../../../../src/matches/pair-rules';
import type { publishResultSchema } from '../../../../src/matches/publish-match-run';
import type { MatchedPair, MatchSummary, UnmatchedPerson } from '../../../../src/matching/cohort';

export type { RunComparison, RunSummary };
export type RunSummaryNumbers = MatchSummary;
export type Pair = MatchedPair;
export type Unmatched = UnmatchedPerson;
export type Run = RunView;
export type Metric = RunComparison['coverage']['matched'];
export type PairRule = PairRuleResponse;
export type PublishResult = z.infer<typeof publishResultSchema>;
