import type { Role } from '../../../lib/types';

export const invitationStatuses = ['sent', 'opened', 'accepted', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

export interface Invitation {
  id: string;
  personId: string;
  name: string;
  email: string;
  roles: Role[];
  status: InvitationStatus;
  sentAt: string;
  openedAt: string | null;
  acceptedAt: string | null;
  expiresAt: string;
}

export interface InvitationList {
  items: Invitation[];
  total: number;
  counts: Record<InvitationStatus, number>;
}

/** Who to invite, as the server takes it. */
export type InvitationSelection =
  | { kind: 'people'; personIds: string[] }
  | { kind: 'filter'; q?: string; department?: string }
  | { kind: 'programme'; programmeId: string }
  | { kind: 'imported'; since: string };

export interface InvitationBatch {
  id: string;
  selection: InvitationSelection;
  roles: Role[];
  total: number;
  processed: number;
  invited: number;
  status: 'queued' | 'done';
  createdAt: string;
  finishedAt: string | null;
}
