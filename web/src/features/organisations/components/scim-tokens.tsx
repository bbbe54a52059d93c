// SCIM provisioning (admins): the tenant URL a directory needs, and its bearer tokens, each shown
// once when made and revocable at any time.
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { ConfirmButton } from '../../../components/confirm-button';
import { TextField } from '../../../components/field';
import { TableWrap } from '../../../components/page';
import { Alert, ErrorState, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import {
  type CreatedScimToken,
  type ScimTokenResponse,
  useCreateScimToken,
  useRevokeScimToken,
  useScimTokens,
} from '../api/scim-tokens';

function TokenRow({ token }: { token: ScimTokenResponse }) {
  const revoke = useRevokeScimToken();
  return (
    <tr>
      <th scope="row">{token.name}</th>
      <td>
        <code>…{token.hint}</code>
      </td>
      <td>{formatDateTime(token.createdAt)}</td>
      <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt) : 'Never'}</td>
      <td>
        {token.revokedAt ? (
          `Revoked ${formatDateTime(token.revokedAt)}`
        ) : (
          <ConfirmButton
            question={`Revoke ${token.name}? The directory using it is refused at once.`}
            confirmLabel="Revoke"
            busy={revoke.isPending}
            onConfirm={() => revoke.mutate(token.id)}
            label={`Revoke the SCIM token ${token.name}`}
          >
            Revoke
          </ConfirmButton>
        )}
        {revoke.error ? <span className="field__error">{messageOf(revoke.error)}</span> : null}
      </td>
    </tr>
  );
}

export function ScimTokens() {
  const tokens = useScimTokens();
  const create = useCreateScimToken();
  const [name, setName] = useState('');
  const [made, setMade] = useState<CreatedScimToken | null>(null);
  const fields = fieldErrorsOf(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(name.trim(), {
      onSuccess: (token) => {
        setMade(token);
        setName('');
      },
    });
  };
  return (
    <div className="stack">
      <p>
        Your directory (Microsoft Entra ID, Okta) keeps people and departments in step through SCIM. Its
        tenant URL is <code>{`${window.location.origin}/scim/v2`}</code>; give it a token made here.
      </p>
      {made ? (
        <Alert kind="success" title={`Token “${made.name}” made`}>
          Copy it into your directory now: it is not shown again.
          <br />
          <code className="secret">{made.token}</code>
        </Alert>
      ) : null}
      <form className="stack" onSubmit={submit} noValidate aria-label="Make a SCIM token">
        {create.error && !fields.name ? <Alert>{messageOf(create.error)}</Alert> : null}
        <TextField
          label="Token name"
          hint="Which directory uses it, e.g. Entra ID production."
          value={name}
          onChange={(e) => setName(e.target.value)}
          error={fields.name}
          required
        />
        <div className="actions">
          <Button type="submit" busy={create.isPending}>
            Make a SCIM token
          </Button>
        </div>
      </form>
      {tokens.isPending ? <Loading /> : null}
      {tokens.isError ? <ErrorState error={tokens.error} retry={() => tokens.refetch()} /> : null}
      {tokens.data?.length ? (
        <TableWrap label="SCIM tokens">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Ends in</th>
                <th scope="col">Made</th>
                <th scope="col">Last used</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((t) => (
                <TokenRow key={t.id} token={t} />
              ))}
            </tbody>
          </table>
        </TableWrap>
      ) : null}
    </div>
  );
}
