/**
 * Twoway's matching engine: plain data in, plain data out. It imports nothing
 * from the rest of the application.
 */
export {
  type Cohort,
  type CohortInput,
  cohortSchema,
  type MatchedPair,
  type MatchResult,
  type MatchSummary,
  matchedPairSchema,
  matchSummarySchema,
  type PairRef,
  type Participant,
  type ParticipantInput,
  type ProgrammeKind,
  type RuleName,
  ruleNames,
  type UnmatchedPerson,
  unmatchedPersonSchema,
} from './cohort.js';
export { MatchingInputError } from './errors.js';
export {
  type Circle,
  type CircleInput,
  type CircleMember,
  type CircleNotFormed,
  type CircleResult,
  type CircleSummary,
  type CircleUnplaced,
  circleMemberSchema,
  circleNotFormedSchema,
  circleSchema,
  circleSummarySchema,
  circlesSchema,
  circleUnplacedSchema,
  type FormedCircle,
  formedCircleSchema,
  matchCircles,
} from './match-circles.js';
export { type MatchOptions, matchCohort, parseCohort } from './match-cohort.js';
export {
  matchPeers,
  type PeerGroup,
  type PeerLeftOut,
  type PeerLink,
  type PeerOptions,
  type PeerResult,
  type PeerSummary,
  peerGroupSchema,
  peerLeftOutSchema,
  peerSummarySchema,
} from './match-peers.js';
export {
  type ComponentName,
  componentNames,
  defaultSettings,
  type MatchSettings,
  type MatchSettingsInput,
  matchSettingsSchema,
  maxReportingDepth,
  type Objective,
  objectives,
  type RuleSettings,
  resolveSettings,
  settingsInputSchema,
} from './settings.js';
export {
  type AssignmentProblemInput,
  type AssignmentResult,
  assignmentProblemSchema,
  parseProblem,
  solveAssignment,
  solveProblem,
} from './solve-assignment.js';
