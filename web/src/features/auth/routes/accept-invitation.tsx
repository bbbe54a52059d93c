import { Link, useNavigate } from 'react-router';
import { AuthCard } from '../../../components/auth-card';
import { Alert, Loading } from '../../../components/states';
import { fieldErrorsOf } from '../../../lib/api-client';
import { useAcceptInvitation, useInvitation } from '../api/invitation';
import { NewPasswordForm } from '../components/new-password-form';
import { useTokenFromFragment } from './reset-password';

export function Component() {
  const token = useTokenFromFragment();
  const invitation = useInvitation(token);
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const fields = fieldErrorsOf(accept.error);
  if (token && invitation.isPending) return <Loading />;
  if (!token || invitation.isError || fields.token) {
    return (
      <AuthCard title="Join Twoway">
        <Alert title="This invitation does not work">
          It was used already, revoked, or it is more than 7 days old. Ask whoever invited you to send it
          again.
        </Alert>
        <p className="auth-card__footer">
          <Link to="/sign-in">Sign in</Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Join Twoway"
      intro={`${invitation.data?.organisation} invites ${invitation.data?.name} (${invitation.data?.email}). Choose a password to come in.`}
    >
      <NewPasswordForm
        title="Join Twoway"
        fieldLabel="Choose a password"
        errorTitle="Could not join"
        submitLabel="Join"
        error={accept.error}
        busy={accept.isPending}
        onSubmit={(password) =>
          accept.mutate({ token, password }, { onSuccess: () => navigate('/my', { replace: true }) })
        }
      />
    </AuthCard>
  );
}
