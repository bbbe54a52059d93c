import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { AuthCard } from '../../../components/auth-card';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { useRequestPasswordReset } from '../api/password-reset';

export function Component() {
  const [email, setEmail] = useState('');
  const request = useRequestPasswordReset();
  const fields = fieldErrorsOf(request.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    request.mutate(email);
  };
  return (
    <AuthCard
      title="Forgotten password"
      intro="We email you a link to choose a new password. It works once, for an hour."
    >
      {request.isSuccess ? (
        <div className="stack">
          <p role="status">{request.data.message}</p>
          <p className="muted">
            No email after a few minutes? Check the address and your spam folder, or ask again.
          </p>
        </div>
      ) : (
        <form className="stack" onSubmit={submit} noValidate aria-label="Forgotten password">
          {request.error && !fields.email ? (
            <Alert title="Could not send the link">{messageOf(request.error)}</Alert>
          ) : null}
          <TextField
            label="Work email"
            type="email"
            name="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            error={fields.email}
          />
          <Button type="submit" busy={request.isPending} className="button--block">
            Email me a link
          </Button>
        </form>
      )}
      <p className="auth-card__footer">
        <Link to="/sign-in">Back to sign in</Link>
      </p>
    </AuthCard>
  );
}
