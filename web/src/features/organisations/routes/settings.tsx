// The organisation's own settings (admins): its name, and the smallest group a report may show.
import { type FormEvent, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { Card, PageHeader } from '../../../components/page';
import { Alert, ErrorState, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import type { Organisation } from '../../../lib/types';
import { useOrganisation } from '../api/get-organisation';
import { useUpdateOrganisation } from '../api/update-organisation';
import { ScimTokens } from '../components/scim-tokens';

function SettingsForm({ organisation }: { organisation: Organisation }) {
  const [name, setName] = useState(organisation.name);
  const [minGroup, setMinGroup] = useState(String(organisation.minReportGroupSize));
  const update = useUpdateOrganisation();
  const fields = fieldErrorsOf(update.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ name: name.trim(), minReportGroupSize: Number(minGroup) });
  };
  return (
    <form className="stack" onSubmit={submit} noValidate aria-label="Organisation settings">
      {update.isSuccess ? <Alert kind="success">Saved.</Alert> : null}
      {update.error && Object.keys(fields).length === 0 ? <Alert>{messageOf(update.error)}</Alert> : null}
      <TextField
        label="Organisation name"
        value={name}
        onChange={(e) => setName(e.target.value)}
        error={fields.name}
        required
      />
      <TextField
        className="field--narrow"
        label="Smallest group shown in reports"
        hint="Reports never show a group smaller than this, so no one can be singled out. At least 3."
        type="number"
        min={3}
        max={100}
        value={minGroup}
        onChange={(e) => setMinGroup(e.target.value)}
        error={fields.minReportGroupSize}
      />
      <p className="small muted">
        Address: <code>{organisation.slug}</code> · on Twoway since {formatDate(organisation.createdAt)}
      </p>
      <div className="actions">
        <Button type="submit" busy={update.isPending}>
          Save settings
        </Button>
      </div>
    </form>
  );
}

export function Component() {
  const organisation = useOrganisation();
  return (
    <>
      <PageHeader
        title="Organisation settings"
        description="How your organisation appears, and how its reports protect privacy."
      />
      <Card>
        {organisation.isPending ? <Loading /> : null}
        {organisation.isError ? (
          <ErrorState error={organisation.error} retry={() => organisation.refetch()} />
        ) : null}
        {organisation.data ? (
          <SettingsForm key={organisation.data.id} organisation={organisation.data} />
        ) : null}
      </Card>
      <Card title="Sign-in and security">
        <ul className="stack stack--tight">
          <li>
            <Link to="/settings/sso">Single sign-on</Link>: sign in through your OpenID Connect provider
          </li>
          <li>
            <Link to="/api-tokens">API tokens</Link>: for scripts and the command line
          </li>
          <li>
            <Link to="/audit-log">Audit log</Link>: sign-ins, invitations, token use and every change
          </li>
        </ul>
      </Card>
      <Card title="SCIM provisioning">
        <ScimTokens />
      </Card>
    </>
  );
}
