import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import type { Me } from '../../../lib/types';
import { type OrganisationChoice, useSignIn } from '../api/sign-in';

/** `organisation`: the short address from the organisation's own sign-in link (/sign-in?org=slug). */
export function SignInForm({
  onSignedIn,
  organisation: orgOfLink,
}: {
  onSignedIn: (me: Me | null) => void;
  organisation?: string | undefined;
}) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [choice, setChoice] = useState<OrganisationChoice | null>(null);
  const signIn = useSignIn();
  const fields = fieldErrorsOf(signIn.error);

  const go = (organisation?: string) =>
    signIn.mutate(
      { email, password, ...(organisation ? { organisation } : {}) },
      {
        onSuccess: (result) => {
          if (result && 'organisations' in result) setChoice(result);
          else onSignedIn(result);
        },
      },
    );
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setChoice(null);
    go(orgOfLink);
  };

  if (choice) {
    // Shown only after the password opened accounts in more than one organisation.
    return (
      <section className="stack" aria-labelledby="choose-organisation">
        <h2 id="choose-organisation">Which organisation?</h2>
        <p className="muted">{email} has an account in each of these.</p>
        {signIn.error ? <Alert title="Could not sign in">{messageOf(signIn.error)}</Alert> : null}
        {choice.organisations.map((o) => (
          <Button key={o.slug} onClick={() => go(o.slug)} busy={signIn.isPending} className="button--block">
            Sign in to {o.name}
          </Button>
        ))}
        <Button variant="secondary" onClick={() => setChoice(null)}>
          Back
        </Button>
      </section>
    );
  }

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
