// A relationship's status in words and badge tones, shared by the relationship screens,
// the participant's home and programme health.
export type RelationshipStatus = 'proposed' | 'active' | 'paused' | 'closed' | 'declined' | 'withdrawn';

export const statusLabels: Record<RelationshipStatus, string> = {
  proposed: 'Proposed',
  active: 'Active',
  paused: 'Paused',
  closed: 'Closed',
  declined: 'Declined',
  withdrawn: 'Withdrawn',
};
export const statusTones = {
  proposed: 'warning',
  active: 'success',
  paused: 'info',
  closed: 'neutral',
  declined: 'neutral',
  withdrawn: 'neutral',
} as const;
