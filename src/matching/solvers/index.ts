import { denseJonkerVolgenant } from './dense-jv.js';
import type { AssignmentSolver } from './problem.js';
import { sparseSuccessiveShortestPaths } from './sparse-ssp.js';

export * from './problem.js';
export { denseJonkerVolgenant } from './dense-jv.js';
export { sparseSuccessiveShortestPaths, runSsp, unmatchedPenalty } from './sparse-ssp.js';
export { solveFairest, maximumCardinality } from './fairest.js';
export { stableMatching, countBlockingPairs, type ArcPreferences } from './stable.js';

/** Every exact min-cost solver; the shared suite runs against each. */
export const solvers: readonly AssignmentSolver[] = [denseJonkerVolgenant, sparseSuccessiveShortestPaths];
