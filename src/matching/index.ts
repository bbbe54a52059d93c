/**
 * Twoway's matching engine: plain data in, plain data out. It imports nothing
 * from the rest of the application.
 */
export {
  type Cohort,
  type CohortInput,
  type ComponentName,
  cohortSchema,
  componentNames,
  type MatchedPair,
  type MatchResult,
  type MatchSettings,
  type MatchSettingsInput,
  type MatchSummary,
  type PairRef,
  type Participant,
  type ParticipantInput,
  type ProgrammeKind,
  type RuleName,
  ruleNames,
  settingsInputSchema,
  type UnmatchedPerson,
} from './cohort.js';
export { MatchingInputError } from './errors.js';
export { type MatchOptions, matchCohort, parseCohort } from './match-cohort.js';
export {
  matchPeers,
  type PeerGroup,
  type PeerLeftOut,
  type PeerLink,
  type PeerOptions,
  type PeerResult,
  type PeerSummary,
} from './match-peers.js';
export { defaultSettings, resolveSettings } from './settings.js';
export {
  type AssignmentProblemInput,
  type AssignmentResult,
  assignmentProblemSchema,
  parseProblem,
  solveAssignment,
  solveProblem,
} from './solve-assignment.js';
