// Everyone invited to the organisation, newest first, with how many are in each status.
// The status filter and the page live in the address, so back and reload keep the place.
import { Link } from 'react-router';
import { SelectField } from '../../../components/field';
import { PageHeader, Stat } from '../../../components/page';
import { PagedTable } from '../../../components/paged-table';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { formatNumber, plural } from '../../../lib/format';
import { useSearchUpdate } from '../../../lib/use-search-update';
import { useInvitations } from '../api/get-invitations';
import { type InvitationStatus, invitationStatuses } from '../api/types';
import { InvitationRow, statusLabels } from '../components/invitation-row';

const pageSize = 50;

export function Component() {
  const [params, update] = useSearchUpdate();
  const raw = params.get('status') ?? '';
  const status = (invitationStatuses as readonly string[]).includes(raw)
    ? (raw as InvitationStatus)
    : undefined;
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const list = useInvitations({ status, limit: pageSize, offset });
  const counts = list.data?.counts;

  return (
    <>
      <PageHeader
        title="Invitations"
        description={
          list.data
            ? `${plural(list.data.total, 'invitation')}${status ? ` ${statusLabels[status].toLowerCase()}` : ''}`
            : 'Who has been asked to join, and who has come in'
        }
        actions={
          <Link to="/invitations/new" className="button button--primary">
            Invite people
          </Link>
        }
      />
      {counts ? (
        <div className="stats">
          {invitationStatuses.map((s) => (
            <Stat key={s} label={statusLabels[s]} value={formatNumber(counts[s])} />
          ))}
        </div>
      ) : null}
      <div className="toolbar">
        <SelectField
          label="Status"
          value={status ?? ''}
          onChange={(e) => update({ status: e.target.value, offset: 0 })}
        >
          <option value="">Every status</option>
          {invitationStatuses.map((s) => (
            <option key={s} value={s}>
              {statusLabels[s]}
              {counts ? ` (${formatNumber(counts[s])})` : ''}
            </option>
          ))}
        </SelectField>
      </div>
      {list.isPending ? <Loading label="Loading invitations…" /> : null}
      {list.isError ? <ErrorState error={list.error} retry={() => list.refetch()} /> : null}
      {list.data && list.data.total === 0 ? (
        status ? (
          <EmptyState title={`No invitations ${statusLabels[status].toLowerCase()}`} />
        ) : (
          <EmptyState title="Nobody invited yet" action={<Link to="/invitations/new">Invite people</Link>}>
            <p>Invite people from your imported staff list to choose a password and come in.</p>
          </EmptyState>
        )
      ) : null}
      {list.data && list.data.total > 0 ? (
        <PagedTable
          label="Invitations"
          columns={['Person', 'Status', 'Dates']}
          actions
          offset={offset}
          limit={pageSize}
          total={list.data.total}
          onOffset={(o) => update({ offset: o })}
          pagerLabel="Invitation pages"
        >
          {list.data.items.map((i) => (
            <InvitationRow key={i.id} invitation={i} />
          ))}
        </PagedTable>
      ) : null}
    </>
  );
}
