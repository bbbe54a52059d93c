import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { AuthCard } from '../../../components/auth-card';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { useResetPassword } from '../api/password-reset';

export const passwordHint =
  'At least 10 characters. A few unrelated words work well; common passwords are refused.';

/** The token arrives in the fragment (never sent to a server); it is taken out of the address bar at once. */
export function useTokenFromFragment(): string {
  const [token] = useState(() => new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '');
  useEffect(() => {
    if (window.location.hash) window.history.replaceState(null, '', window.location.pathname);
  }, []);
  return token;
}

export function Component() {
  const token = useTokenFromFragment();
  const [password, setPassword] = useState('');
  const reset = useResetPassword();
  const fields = fieldErrorsOf(reset.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    reset.mutate({ token, password });
  };
  if (!token || fields.token) {
    return (
      <AuthCard title="Choose a new password">
        <Alert title="This link does not work">
          {fields.token ? 'It was used already, or it is more than an hour old.' : 'The link is incomplete.'}{' '}
          Ask for a new one.
        </Alert>
        <p className="auth-card__footer">
          <Link to="/forgot-password">Email me a new link</Link>
        </p>
      </AuthCard>
    );
  }
  if (reset.isSuccess) {
    return (
      <AuthCard title="Password changed">
        <p role="status">Your new password is set, and every session of your account was signed out.</p>
        <p className="auth-card__footer">
          <Link to="/sign-in">Sign in</Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Choose a new password">
      <form className="stack" onSubmit={submit} noValidate aria-label="Choose a new password">
        {reset.error && !fields.password ? (
          <Alert title="Could not set it">{messageOf(reset.error)}</Alert>
        ) : null}
        <TextField
          label="New password"
          type="password"
          name="password"
          autoComplete="new-password"
          required
          hint={passwordHint}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={fields.password}
        />
        <Button type="submit" busy={reset.isPending} className="button--block">
          Set the new password
        </Button>
      </form>
    </AuthCard>
  );
}
