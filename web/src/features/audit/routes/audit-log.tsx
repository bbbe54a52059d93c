// The audit log (admins): who did what and when, newest first, filtered by action, actor and
// days. The filters and the page live in the address, so back and reload keep the place.
import { SelectField, TextField } from '../../../components/field';
import { PageHeader } from '../../../components/page';
import { PagedTable } from '../../../components/paged-table';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { formatDateTime, plural } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useSearchUpdate } from '../../../lib/use-search-update';
import { type AuditEntry, useAuditLog } from '../api/audit-log';

const pageSize = 50;

/** The details worth a glance, as "key: value" pairs. */
function detailsText(entry: AuditEntry): string {
  return Object.entries(entry.details)
    .filter(([, v]) => v !== null && v !== undefined && typeof v !== 'object')
    .map(([k, v]) => `${k}: ${String(v)}`)
    .join(' · ');
}

export function Component() {
  const [params, update] = useSearchUpdate();
  const action = params.get('action') ?? '';
  const actor = params.get('actor') ?? '';
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const actorQuery = useDebouncedValue(actor, 300);
  const log = useAuditLog({
    ...(action ? { action } : {}),
    ...(actorQuery ? { actor: actorQuery } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    limit: pageSize,
    offset,
  });

  const actions = log.data?.actions ?? [];
  const families = [...new Set(actions.map((a) => a.split('.')[0] ?? a))];

  return (
    <>
      <PageHeader
        title="Audit log"
        description={
          log.data
            ? plural(log.data.total, 'entry', 'entries')
            : 'Who did what, and when, in your organisation'
        }
      />
      <div className="toolbar">
        <SelectField
          label="Action"
          value={action}
          onChange={(e) => update({ action: e.target.value, offset: 0 })}
        >
          <option value="">Every action</option>
          {families.map((f) => (
            <optgroup key={f} label={f}>
              <option value={f}>all {f}</option>
              {actions
                .filter((a) => a.startsWith(`${f}.`))
                .map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
            </optgroup>
          ))}
        </SelectField>
        <TextField
          label="Actor"
          hint="Part of an email"
          type="search"
          value={actor}
          onChange={(e) => update({ actor: e.target.value, offset: 0 })}
        />
        <TextField
          label="From"
          type="date"
          value={from}
          onChange={(e) => update({ from: e.target.value, offset: 0 })}
        />
        <TextField
          label="To"
          type="date"
          value={to}
          onChange={(e) => update({ to: e.target.value, offset: 0 })}
        />
      </div>
      {log.isPending ? <Loading label="Loading the audit log…" /> : null}
      {log.isError ? <ErrorState error={log.error} retry={() => log.refetch()} /> : null}
      {log.data && log.data.total === 0 ? <EmptyState title="No entries match these filters" /> : null}
      {log.data && log.data.total > 0 ? (
        <PagedTable
          label="Audit log entries"
          columns={['When', 'Action', 'Who', 'Details']}
          offset={offset}
          limit={pageSize}
          total={log.data.total}
          onOffset={(o) => update({ offset: o })}
          pagerLabel="Audit log pages"
        >
          {log.data.items.map((e) => (
            <tr key={e.id}>
              <td className="small">{formatDateTime(e.at)}</td>
              <td>
                <code>{e.action}</code>
              </td>
              <td>{e.actor?.email ?? (typeof e.details.via === 'string' ? e.details.via : '—')}</td>
              <td className="small">{detailsText(e)}</td>
            </tr>
          ))}
        </PagedTable>
      ) : null}
    </>
  );
}
