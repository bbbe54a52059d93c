import { denseJonkerVolgenant } from './dense-jv.js';
import { generalBlossom } from './general-blossom.js';
import type { AssignmentSolver } from './problem.js';
import { capacitatedAuction, sparseAuction } from './sparse-auction.js';
import { sparseSuccessiveShortestPaths } from './sparse-ssp.js';

export { certify } from './certify.js';
export { denseJonkerVolgenant } from './dense-jv.js';
export { maximumCardinality, solveFairest } from './fairest.js';
export {
  cardinalityShift,
  certifyGeneral,
  type GeneralDuals,
  type GeneralGraph,
  type GeneralMatching,
  type GeneralOptions,
  generalBlossom,
  maxWeightMatching,
} from './general-blossom.js';
export * from './problem.js';
export { capacitatedAuction, solveWithStayPenalty, sparseAuction } from './sparse-auction.js';
export { runSsp, sparseSuccessiveShortestPaths, unmatchedPenalty } from './sparse-ssp.js';
export { type ArcPreferences, countBlockingPairs, stableMatching } from './stable.js';

/** Every exact min-cost solver; the shared suite runs against each. */
export const solvers: readonly AssignmentSolver[] = [
  denseJonkerVolgenant,
  sparseSuccessiveShortestPaths,
  sparseAuction,
  capacitatedAuction,
  generalBlossom,
];
