// Shapes of the matching API (docs/relationships.md): runs, comparisons and pair rules, typed
// by the server's response schemas (type-only imports: nothing of the server is bundled).
import type { z } from 'zod';
import type { GroupComparison, RunComparison, RunSummary, RunView } from '../../../../src/matches/match-runs';
import type { PairRuleResponse } from '../../../../src/matches/pair-rules';
import type { publishResultSchema } from '../../../../src/matches/publish-match-run';
import type { MatchedPair, MatchSummary, UnmatchedPerson } from '../../../../src/matching/cohort';
import type { CircleSummary } from '../../../../src/matching/match-circles';
import type { PeerSummary } from '../../../../src/matching/match-peers';
import type { CirclePlanResponse, circlePlanSchema } from '../../../../src/programmes/circle-plans';

export type { GroupComparison, RunComparison, RunSummary };
export type RunSummaryNumbers = MatchSummary;
export type Pair = MatchedPair;
export type Unmatched = UnmatchedPerson;
export type Run = RunView;
export type Metric = RunComparison['coverage']['matched'];
export type PairRule = PairRuleResponse;
export type PublishResult = z.infer<typeof publishResultSchema>;
export type PeerGroup = RunView['groups'][number];
export type RunCircle = RunView['circles'][number];
export type CirclePlan = CirclePlanResponse;
export type CirclePlanInput = z.input<typeof circlePlanSchema>;
/** The totals of a run of any format (one-to-one, peer or circles), for reading by format. */
export type AnySummary = Partial<MatchSummary & PeerSummary & CircleSummary>;
