// The sign-in page's single sign-on: "Sign in with <provider>" for the organisation named in
// the address (/sign-in?org=acme), or a way to name it. Which organisations exist is never shown.
import { type FormEvent, useState } from 'react';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { Alert } from '../../../components/states';
import { messageOf } from '../../../lib/api-client';
import { useSsoOptions, useStartSso } from '../api/sso-sign-in';

export function SsoSignIn({ org }: { org: string | null }) {
  const options = useSsoOptions(org);
  const start = useStartSso();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const [slug, setSlug] = useState('');

  if (org && options.data) {
    return (
      <div className="stack">
        {start.error ? <Alert title="Could not start signing in">{messageOf(start.error)}</Alert> : null}
        <Button busy={start.isPending} className="button--block" onClick={() => start.mutate(org)}>
          Sign in with {options.data.displayName}
        </Button>
      </div>
    );
  }
  if (org && options.data === null) {
    return <Alert kind="info">There is no single sign-on at this address; sign in with your password.</Alert>;
  }
  if (org) return null;
  if (!asking) {
    return (
      <Button variant="secondary" className="button--block" onClick={() => setAsking(true)}>
        Sign in with your organisation’s single sign-on
      </Button>
    );
  }
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const name = slug.trim().toLowerCase();
    if (name) navigate(`/sign-in?org=${encodeURIComponent(name)}`);
  };
  return (
    <form className="stack" onSubmit={submit} aria-label="Single sign-on">
      <TextField
        label="Organisation address name"
        hint="The short name in your organisation’s Twoway sign-in link, such as acme."
        value={slug}
        onChange={(e) => setSlug(e.target.value)}
        autoComplete="organization"
      />
      <Button type="submit" variant="secondary">
        Continue
      </Button>
    </form>
  );
}
