// Invitations as the server answers them (type-only imports of its response schemas).
import type { z } from 'zod';
import type {
  invitationBatchSchema,
  invitationListSchema,
  invitationSelectionSchema,
} from '../../../../../src/identity/invitations';

export const invitationStatuses = ['sent', 'opened', 'accepted', 'expired', 'revoked'] as const;
export type InvitationStatus = (typeof invitationStatuses)[number];

export type InvitationList = z.infer<typeof invitationListSchema>;
export type Invitation = InvitationList['items'][number];
/** Who to invite, as the server takes it. */
export type InvitationSelection = z.infer<typeof invitationSelectionSchema>;
export type InvitationBatch = z.infer<typeof invitationBatchSchema>;
