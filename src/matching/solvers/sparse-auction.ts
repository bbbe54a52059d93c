import type { AssignmentSolver, Problem, Solution } from './problem.js';

/** Placeholder until the auction lands: supports nothing, so SSP is chosen. */
export const sparseAuction: AssignmentSolver = {
  name: 'sparse-auction',
  supports: (_p: Problem) => false,
  solve(_p: Problem): Solution {
    throw new Error('sparse-auction is not available');
  },
};
