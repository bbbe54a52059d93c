import { Badge, type Tone } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmButton } from '../../../components/confirm-button';
import { messageOf } from '../../../lib/api-client';
import { formatDate, roleLabels } from '../../../lib/format';
import { useResendInvitation, useRevokeInvitation } from '../api/invitation-actions';
import type { Invitation, InvitationStatus } from '../api/types';

export const statusLabels: Record<InvitationStatus, string> = {
  sent: 'Sent',
  opened: 'Opened',
  accepted: 'Accepted',
  expired: 'Expired',
  revoked: 'Revoked',
};

const tones: Record<InvitationStatus, Tone> = {
  sent: 'info',
  opened: 'accent',
  accepted: 'success',
  expired: 'warning',
  revoked: 'neutral',
};

export function InvitationRow({ invitation }: { invitation: Invitation }) {
  const resend = useResendInvitation();
  const revoke = useRevokeInvitation();
  const who = invitation.name;
  const open = invitation.status !== 'accepted';
  const error = resend.error ?? revoke.error;
  return (
    <tr>
      <th scope="row">
        <span className="cell-title">{who}</span>
        <span className="cell-sub">{invitation.email}</span>
      </th>
      <td>
        <Badge tone={tones[invitation.status]}>{statusLabels[invitation.status]}</Badge>
        <span className="cell-sub">{invitation.roles.map((r) => roleLabels[r]).join(', ')}</span>
      </td>
      <td>
        <span className="cell-sub">Sent {formatDate(invitation.sentAt)}</span>
        {invitation.status === 'accepted' ? (
          <span className="cell-sub">Joined {formatDate(invitation.acceptedAt)}</span>
        ) : (
          <span className="cell-sub">Link ends {formatDate(invitation.expiresAt)}</span>
        )}
      </td>
      <td className="cell-actions">
        {open ? (
          <div className="actions actions--tight">
            <Button
              size="small"
              variant="secondary"
              busy={resend.isPending}
              onClick={() => {
                revoke.reset();
                resend.mutate(invitation.id);
              }}
              aria-label={`Resend the invitation to ${who}`}
            >
              Resend
            </Button>
            {invitation.status === 'revoked' ? null : (
              <ConfirmButton
                label={`Revoke the invitation to ${who}`}
                question={`Revoke the invitation to ${who}? Their link stops working.`}
                confirmLabel="Revoke"
                busy={revoke.isPending}
                onConfirm={() => {
                  resend.reset();
                  revoke.mutate(invitation.id);
                }}
              >
                Revoke
              </ConfirmButton>
            )}
            {error ? (
              <p className="field__error" role="alert">
                {messageOf(error)}
              </p>
            ) : null}
          </div>
        ) : null}
      </td>
    </tr>
  );
}
