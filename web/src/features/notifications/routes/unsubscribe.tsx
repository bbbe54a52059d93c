// The page behind an email's unsubscribe link. Opening it changes nothing (mail scanners
// follow links); the button does. No sign-in: the signed link is enough (decision 097).
import { Link, useParams } from 'react-router';
import { AuthCard } from '../../../components/auth-card';
import { Button } from '../../../components/button';
import { Alert, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { useUnsubscribe, useUnsubscribeLink } from '../api/unsubscribe';

export function Component() {
  const { token = '' } = useParams();
  const link = useUnsubscribeLink(token);
  const unsubscribe = useUnsubscribe(token);
  if (link.isPending) return <Loading label="Reading the link…" />;
  if (link.isError) {
    const invalid = Object.keys(fieldErrorsOf(link.error)).length > 0;
    return (
      <AuthCard title="Stop emails">
        <Alert title="This link does not work">
          {invalid ? 'It may be incomplete; open the link from the email again.' : messageOf(link.error)}
        </Alert>
        <p className="auth-card__footer">
          <Link to="/notifications/preferences">Choose your email preferences after signing in</Link>
        </p>
      </AuthCard>
    );
  }
  const label = link.data.label;
  if (unsubscribe.isSuccess || link.data.unsubscribed) {
    return (
      <AuthCard title="Emails stopped">
        <p role="status">
          You will no longer get emails about “{label}”. They still appear in your notifications in Twoway.
        </p>
        <p className="auth-card__footer">
          <Link to="/notifications/preferences">Change which emails Twoway sends you</Link>
        </p>
      </AuthCard>
    );
  }
  return (
    <AuthCard title="Stop emails">
      <div className="stack">
        <p>Stop emails about “{label}”? You can turn them back on in your email preferences.</p>
        {unsubscribe.error ? <Alert title="Could not stop them">{messageOf(unsubscribe.error)}</Alert> : null}
        <Button busy={unsubscribe.isPending} onClick={() => unsubscribe.mutate()}>
          Stop these emails
        </Button>
        <p className="auth-card__footer">
          <Link to="/notifications/preferences">Choose which emails Twoway sends you</Link>
        </p>
      </div>
    </AuthCard>
  );
}
