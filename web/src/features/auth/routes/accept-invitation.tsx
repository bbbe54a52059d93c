import { type FormEvent, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { AuthCard } from '../../../components/auth-card';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { Alert, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { useAcceptInvitation, useInvitation } from '../api/invitation';
import { passwordHint, useTokenFromFragment } from './reset-password';

export function Component() {
  const token = useTokenFromFragment();
  const invitation = useInvitation(token);
  const accept = useAcceptInvitation();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const fields = fieldErrorsOf(accept.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    accept.mutate({ token, password }, { onSuccess: () => navigate('/my', { replace: true }) });
  };
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
      <form className="stack" onSubmit={submit} noValidate aria-label="Join Twoway">
        {accept.error && !fields.password ? (
          <Alert title="Could not join">{messageOf(accept.error)}</Alert>
        ) : null}
        <TextField
          label="Choose a password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          hint={passwordHint}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fields.password}
        />
        <Button type="submit" busy={accept.isPending} className="button--block">
          Join
        </Button>
      </form>
    </AuthCard>
  );
}
