import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import type { Me } from '../../../lib/types';
import { useSignIn } from '../api/sign-in';

export function SignInForm({ onSignedIn }: { onSignedIn: (me: Me | null) => void }) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useSignIn();
  const fields = fieldErrorsOf(signIn.error);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password }, { onSuccess: onSignedIn });
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Sign in">
      {signIn.error && !fields.email && !fields.password ? (
        <Alert title="Could not sign in">{messageOf(signIn.error)}</Alert>
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
      <TextField
        label="Password"
        type="password"
        name="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        error={fields.password}
      />
      <Button type="submit" busy={signIn.isPending} className="button--block">
        Sign in
      </Button>
    </form>
  );
}
