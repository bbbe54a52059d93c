// Which kinds of notification come by email. Everything stays in the notification centre.
import { type FormEvent, useEffect, useState } from 'react';
import { Link } from 'react-router';
import { Button } from '../../../components/button';
import { CheckboxField, Fieldset } from '../../../components/field';
import { Card, PageHeader } from '../../../components/page';
import { Alert, ErrorState, Loading } from '../../../components/states';
import { messageOf } from '../../../lib/api-client';
import { usePreferences, useUpdatePreferences } from '../api/notifications';

export function Component() {
  const prefs = usePreferences();
  const save = useUpdatePreferences();
  const [email, setEmail] = useState<Record<string, boolean>>({});
  useEffect(() => {
    if (prefs.data) setEmail(Object.fromEntries(prefs.data.kinds.map((k) => [k.kind, k.email])));
  }, [prefs.data]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate(
      Object.entries(email)
        .filter(([, on]) => !on)
        .map(([kind]) => kind),
    );
  };
  return (
    <>
      <PageHeader
        title="Email preferences"
        description="Choose what reaches you by email. Everything still shows in your notifications."
        actions={
          <Link to="/notifications" className="button button--ghost">
            Back to notifications
          </Link>
        }
      />
      {prefs.isPending ? <Loading label="Loading your preferences…" /> : null}
      {prefs.isError ? <ErrorState error={prefs.error} retry={() => prefs.refetch()} /> : null}
      {prefs.data ? (
        <Card>
          <form className="stack" onSubmit={submit} aria-label="Email preferences">
            {save.isSuccess ? (
              <Alert kind="success" title="Saved">
                Your email preferences are saved.
              </Alert>
            ) : null}
            {save.error ? <Alert title="Could not save">{messageOf(save.error)}</Alert> : null}
            <Fieldset
              legend="Email me when"
              hint="Password and invitation emails always come: they are how you get into your account."
            >
              {prefs.data.kinds.map((k) => (
                <CheckboxField
                  key={k.kind}
                  label={k.label}
                  checked={email[k.kind] ?? true}
                  onChange={(e) => {
                    save.reset();
                    setEmail((current) => ({ ...current, [k.kind]: e.target.checked }));
                  }}
                />
              ))}
            </Fieldset>
            <div className="actions">
              <Button type="submit" busy={save.isPending}>
                Save preferences
              </Button>
            </div>
          </form>
        </Card>
      ) : null}
    </>
  );
}
