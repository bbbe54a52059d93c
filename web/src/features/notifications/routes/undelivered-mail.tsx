// For admins: email that has not gone out (failed for good, or waiting after a failed
// attempt), with the number of attempts and the mail server's last answer, and a retry.
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { SelectField } from '../../../components/field';
import { PageHeader, TableWrap } from '../../../components/page';
import { Pager } from '../../../components/pager';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { messageOf } from '../../../lib/api-client';
import { formatDateTime, plural } from '../../../lib/format';
import { useSearchUpdate } from '../../../lib/use-search-update';
import type { UndeliveredEmail } from '../api/types';
import { type UndeliveredStatus, useRetryEmail, useUndeliveredMail } from '../api/undelivered-mail';

const pageSize = 50;
const statuses: { value: UndeliveredStatus; label: string }[] = [
  { value: 'all', label: 'Failed or waiting' },
  { value: 'failed', label: 'Failed (given up)' },
  { value: 'pending', label: 'Waiting to retry' },
];

function Row({ email }: { email: UndeliveredEmail }) {
  const retry = useRetryEmail();
  return (
    <tr>
      <th scope="row">
        <span className="cell-title">{email.subject}</span>
        <span className="cell-sub">
          To {email.recipientEmail} · {email.kind}
        </span>
      </th>
      <td>
        {email.status === 'failed' ? (
          <Badge tone="danger">Failed</Badge>
        ) : (
          <Badge tone="warning">Waiting</Badge>
        )}
        <span className="cell-sub">{plural(email.attempts, 'attempt')}</span>
        {email.nextAttemptAt ? (
          <span className="cell-sub">Next {formatDateTime(email.nextAttemptAt)}</span>
        ) : null}
      </td>
      <td>
        <span className="cell-sub">{email.lastError ?? 'Not tried yet'}</span>
      </td>
      <td className="cell-actions">
        <Button
          size="small"
          variant="secondary"
          busy={retry.isPending}
          onClick={() => retry.mutate(email.id)}
          aria-label={`Send again: ${email.subject} to ${email.recipientEmail}`}
        >
          Send again
        </Button>
        {retry.error ? (
          <p className="field__error" role="alert">
            {messageOf(retry.error)}
          </p>
        ) : null}
      </td>
    </tr>
  );
}

export function Component() {
  const [params, update] = useSearchUpdate(['all']);
  const raw = params.get('status');
  const status = statuses.find((s) => s.value === raw)?.value ?? 'all';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const list = useUndeliveredMail({ status, limit: pageSize, offset });
  return (
    <>
      <PageHeader
        title="Undelivered mail"
        description={
          list.data
            ? `${plural(list.data.total, 'email')} not delivered`
            : 'Email the mail server refused or could not be reached for'
        }
      />
      <div className="toolbar">
        <SelectField
          label="Show"
          value={status}
          onChange={(e) => update({ status: e.target.value, offset: 0 })}
        >
          {statuses.map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </SelectField>
      </div>
      {list.isPending ? <Loading label="Loading undelivered mail…" /> : null}
      {list.isError ? <ErrorState error={list.error} retry={() => list.refetch()} /> : null}
      {list.data && list.data.total === 0 ? (
        <EmptyState title="All mail delivered">
          <p>
            Email that fails is tried eight times over about an hour, with growing pauses, and shows here
            meanwhile.
          </p>
        </EmptyState>
      ) : null}
      {list.data && list.data.total > 0 ? (
        <>
          <TableWrap label="Undelivered mail">
            <table className="table">
              <thead>
                <tr>
                  <th scope="col">Email</th>
                  <th scope="col">Status</th>
                  <th scope="col">Last error</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.data.items.map((e) => (
                  <Row key={e.id} email={e} />
                ))}
              </tbody>
            </table>
          </TableWrap>
          <Pager
            offset={offset}
            limit={pageSize}
            total={list.data.total}
            onChange={(o) => update({ offset: o })}
            label="Undelivered mail pages"
          />
        </>
      ) : null}
    </>
  );
}
