// API tokens for scripts and the command line: create one (shown once), see when each was
// last used, revoke. Admins also see and create service tokens, and every token of the organisation.
import { type FormEvent, useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { ConfirmButton } from '../../../components/confirm-button';
import { SelectField, TextField } from '../../../components/field';
import { Card, PageHeader, TableWrap } from '../../../components/page';
import { Alert, EmptyState, ErrorState, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { formatDate, formatDateTime } from '../../../lib/format';
import { hasRole, useMe } from '../../auth/api/get-me';
import {
  type ApiToken,
  type ApiTokenKind,
  type ApiTokenScope,
  useApiTokens,
  useCreateApiToken,
  useRevokeApiToken,
} from '../api/api-tokens';

const scopeLabels: Record<ApiTokenScope, string> = {
  read: 'Read: only reads',
  write: 'Write: reads and changes, no organisation administration',
  admin: 'Admin: everything your roles allow',
};
const statusTones = { active: 'success', expired: 'neutral', revoked: 'danger' } as const;

function CreateTokenForm({ admin }: { admin: boolean }) {
  const [name, setName] = useState('');
  const [scope, setScope] = useState<ApiTokenScope>('read');
  const [kind, setKind] = useState<ApiTokenKind>('personal');
  const [days, setDays] = useState('90');
  const create = useCreateApiToken();
  const fields = fieldErrorsOf(create.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name: name.trim(), scope, kind, expiresInDays: Number(days) });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="New API token">
      {create.data ? (
        <Alert kind="success" title="Copy your token now: it is shown only this once">
          <TextField label="Token" readOnly value={create.data.token} onFocus={(e) => e.target.select()} />
          <p className="small">
            Send it as <code>Authorization: Bearer …</code>, or give it to the command line as{' '}
            <code>--token</code>.
          </p>
        </Alert>
      ) : null}
      {create.error && Object.keys(fields).length === 0 ? <Alert>{messageOf(create.error)}</Alert> : null}
      <TextField
        label="Name"
        hint="What the token is for, e.g. “nightly HR sync”."
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fields.name}
        required
      />
      <SelectField
        label="Scope"
        value={scope}
        onChange={(e) => setScope(e.target.value as ApiTokenScope)}
        error={fields.scope}
      >
        {(Object.keys(scopeLabels) as ApiTokenScope[]).map((s) => (
          <option key={s} value={s}>
            {scopeLabels[s]}
          </option>
        ))}
      </SelectField>
      {admin ? (
        <SelectField
          label="Acts as"
          hint="A service token belongs to the organisation, not to you: it keeps working when you leave."
          value={kind}
          onChange={(e) => setKind(e.target.value as ApiTokenKind)}
        >
          <option value="personal">You (personal token)</option>
          <option value="service">A service account (service token)</option>
        </SelectField>
      ) : null}
      <TextField
        className="field--narrow"
        label="Expires after (days)"
        type="number"
        min={1}
        max={365}
        value={days}
        onChange={(e) => setDays(e.target.value)}
        error={fields.expiresInDays}
      />
      <div className="actions">
        <Button type="submit" busy={create.isPending}>
          Create token
        </Button>
      </div>
    </form>
  );
}

function TokenRow({ token, admin }: { token: ApiToken; admin: boolean }) {
  const revoke = useRevokeApiToken();
  return (
    <tr>
      <th scope="row">
        {token.name}
        <div className="small muted">
          <code>{token.prefix}…</code> · {token.scope}
        </div>
      </th>
      {admin ? <td>{token.kind === 'service' ? 'Service account' : token.ownerEmail}</td> : null}
      <td>
        <Badge tone={statusTones[token.status]}>{token.status}</Badge>
      </td>
      <td className="small">
        Created {formatDate(token.createdAt)}
        <br />
        Expires {formatDate(token.expiresAt)}
        <br />
        {token.lastUsedAt ? `Last used ${formatDateTime(token.lastUsedAt)}` : 'Never used'}
      </td>
      <td>
        {token.status === 'active' ? (
          <ConfirmButton
            label={`Revoke ${token.name}`}
            question="Revoke this token? Scripts using it stop at once."
            confirmLabel="Revoke"
            busy={revoke.isPending}
            onConfirm={() => revoke.mutate(token.id)}
          >
            Revoke
          </ConfirmButton>
        ) : null}
      </td>
    </tr>
  );
}

export function Component() {
  const me = useMe();
  const admin = hasRole(me.data, 'org_admin');
  const tokens = useApiTokens();
  return (
    <>
      <PageHeader
        title="API tokens"
        description="Tokens let scripts and the twoway command line call the API as you, or as a service account."
      />
      <div className="grid grid--sidebar-right">
        <Card title={admin ? 'Tokens of the organisation' : 'Your tokens'}>
          {tokens.isPending ? <Loading /> : null}
          {tokens.isError ? <ErrorState error={tokens.error} retry={() => tokens.refetch()} /> : null}
          {tokens.data?.length === 0 ? <EmptyState title="No tokens yet" /> : null}
          {tokens.data?.length ? (
            <TableWrap label="API tokens">
              <table className="table">
                <thead>
                  <tr>
                    <th scope="col">Token</th>
                    {admin ? <th scope="col">Acts as</th> : null}
                    <th scope="col">Status</th>
                    <th scope="col">Dates</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {tokens.data.map((t) => (
                    <TokenRow key={t.id} token={t} admin={admin} />
                  ))}
                </tbody>
              </table>
            </TableWrap>
          ) : null}
        </Card>
        <Card title="New token">
          <CreateTokenForm admin={admin} />
        </Card>
      </div>
    </>
  );
}
