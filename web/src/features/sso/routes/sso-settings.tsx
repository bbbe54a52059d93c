// Single sign-on for the organisation (admins): the OpenID Connect provider, the email
// domains it may sign in, whether passwords still work, and a connection test.
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { CheckboxField, TextArea, TextField } from '../../../components/field';
import { Card, PageHeader } from '../../../components/page';
import { Alert, ErrorState, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { type SsoSettings, useSaveSsoSettings, useSsoSettings, useTestSsoConnection } from '../api/sso';

function SettingsForm({ settings }: { settings: SsoSettings }) {
  const [displayName, setDisplayName] = useState(settings.displayName ?? '');
  const [issuer, setIssuer] = useState(settings.issuer ?? '');
  const [clientId, setClientId] = useState(settings.clientId ?? '');
  const [clientSecret, setClientSecret] = useState('');
  const [domains, setDomains] = useState(settings.allowedDomains.join('\n'));
  const [enabled, setEnabled] = useState(settings.configured ? settings.enabled : true);
  const [passwordSignIn, setPasswordSignIn] = useState(settings.passwordSignIn);
  const save = useSaveSsoSettings();
  const fields = fieldErrorsOf(save.error);
  const domainError = Object.entries(fields).find(([path]) => path.startsWith('allowedDomains'))?.[1];

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      {
        displayName: displayName.trim(),
        issuer: issuer.trim(),
        clientId: clientId.trim(),
        ...(clientSecret ? { clientSecret } : {}),
        allowedDomains: domains
          .split(/[\s,]+/)
          .map((d) => d.trim())
          .filter(Boolean),
        enabled,
        passwordSignIn,
      },
      { onSuccess: () => setClientSecret('') },
    );
  };

  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Single sign-on settings">
      {save.isSuccess ? <Alert kind="success">Saved.</Alert> : null}
      {save.error && Object.keys(fields).length === 0 ? <Alert>{messageOf(save.error)}</Alert> : null}
      <TextField
        label="Provider name"
        hint="Shown on the sign-in button: “Sign in with …”, e.g. Okta or Microsoft."
        value={displayName}
        onChange={(e) => setDisplayName(e.target.value)}
        error={fields.displayName}
        required
      />
      <TextField
        label="Issuer URL"
        hint="The provider’s issuer, as its /.well-known/openid-configuration states it."
        type="url"
        value={issuer}
        onChange={(e) => setIssuer(e.target.value)}
        error={fields.issuer}
        required
      />
      <TextField
        label="Client ID"
        value={clientId}
        onChange={(e) => setClientId(e.target.value)}
        error={fields.clientId}
        required
      />
      <TextField
        label="Client secret"
        type="password"
        autoComplete="new-password"
        hint={
          settings.clientSecretSet
            ? 'A secret is saved (it is never shown). Leave empty to keep it.'
            : 'Stored encrypted, and never shown again.'
        }
        value={clientSecret}
        onChange={(e) => setClientSecret(e.target.value)}
        error={fields.clientSecret}
      />
      <TextArea
        label="Allowed email domains"
        hint="One per line. A first sign-in links the person with the same verified email, in one of these domains."
        rows={3}
        value={domains}
        onChange={(e) => setDomains(e.target.value)}
        error={domainError}
      />
      <CheckboxField
        label="Single sign-on is on"
        checked={enabled}
        onChange={(e) => setEnabled(e.target.checked)}
      />
      <CheckboxField
        label="People may still sign in with a password"
        hint="When off, only organisation admins keep their passwords, so a broken provider cannot lock everyone out."
        checked={passwordSignIn}
        onChange={(e) => setPasswordSignIn(e.target.checked)}
      />
      <div className="actions">
        <Button type="submit" busy={save.isPending}>
          Save single sign-on
        </Button>
      </div>
    </form>
  );
}

function ConnectionTest() {
  const test = useTestSsoConnection();
  const report = test.data;
  return (
    <div className="stack">
      <p className="small muted">Fetches the provider’s discovery document with the saved settings.</p>
      <div className="actions">
        <Button variant="secondary" busy={test.isPending} onClick={() => test.mutate()}>
          Test the connection
        </Button>
      </div>
      {test.error ? <Alert>{messageOf(test.error)}</Alert> : null}
      {report?.ok ? (
        <Alert kind="success" title="Connected">
          <p>
            {report.issuer} answered in {report.milliseconds} ms.{' '}
            {report.supportsPkce
              ? 'It supports PKCE (S256).'
              : 'It does not say that it supports PKCE (S256).'}
          </p>
          <p className="small">Sign-in page: {report.authorizationEndpoint}</p>
        </Alert>
      ) : null}
      {report && !report.ok ? <Alert title="The connection failed">{report.problem}</Alert> : null}
    </div>
  );
}

export function Component() {
  const settings = useSsoSettings();
  return (
    <>
      <PageHeader
        title="Single sign-on"
        description="Let people sign in through your organisation’s OpenID Connect provider."
      />
      {settings.isPending ? <Loading /> : null}
      {settings.isError ? <ErrorState error={settings.error} retry={() => settings.refetch()} /> : null}
      {settings.data ? (
        <div className="grid grid--sidebar-right">
          <Card title="Provider">
            <SettingsForm settings={settings.data} />
          </Card>
          <div className="stack">
            <Card title="At your provider">
              <p className="small">Register this redirect URI for the client:</p>
              <p>
                <code>{settings.data.redirectUri}</code>
              </p>
              <p className="small">People sign in from this link:</p>
              <p>
                <code>{settings.data.signInUrl}</code>
              </p>
            </Card>
            {settings.data.configured ? (
              <Card title="Connection">
                <ConnectionTest />
              </Card>
            ) : null}
          </div>
        </div>
      ) : null}
    </>
  );
}
