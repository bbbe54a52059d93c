// The programme lifecycle: draft -> enrolling -> matching -> active -> closed.
import { z } from 'zod';
import { illegalTransition } from '../errors.js';

export const programmeStatuses = ['draft', 'enrolling', 'matching', 'active', 'closed'] as const;
export const programmeStatusSchema = z.enum(programmeStatuses);
export type ProgrammeStatus = z.infer<typeof programmeStatusSchema>;

/** Legal moves. Matching may go back to enrolling to admit late joiners before anything is published. */
export const transitions: Record<ProgrammeStatus, readonly ProgrammeStatus[]> = {
  draft: ['enrolling'],
  enrolling: ['matching'],
  matching: ['enrolling', 'active'],
  active: ['closed'],
  closed: [],
};

export function assertTransition(from: ProgrammeStatus, to: ProgrammeStatus): void {
  if (!transitions[from].includes(to)) throw illegalTransition(from, to, transitions[from]);
}
