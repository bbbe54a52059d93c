import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { AuthCard } from '../../../components/auth-card';
import { Alert } from '../../../components/states';
import { fieldErrorsOf } from '../../../lib/api-client';
import { useResetPassword } from '../api/password-reset';
import { NewPasswordForm } from '../components/new-password-form';

/** The password rules in a sentence, for other forms that set one. */
export { passwordHint } from '../components/new-password-form';

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
  const reset = useResetPassword();
  const fields = fieldErrorsOf(reset.error);
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
      <NewPasswordForm
        title="Choose a new password"
        fieldLabel="New password"
        errorTitle="Could not set it"
        submitLabel="Set the new password"
        error={reset.error}
        busy={reset.isPending}
        onSubmit={(password) => reset.mutate({ token, password })}
      />
    </AuthCard>
  );
}
