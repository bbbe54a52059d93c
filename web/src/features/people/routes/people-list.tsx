// Everyone in the organisation. The server searches and pages (50 at a time), and the
// search box waits for typing to pause, so this stays quick at 200,000 people.
// The query lives in the address, so back and reload keep the place.
import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SelectField, TextField } from '../../../components/field';
import { PageHeader } from '../../../components/page';
import { Pager } from '../../../components/pager';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { formatNumber, plural } from '../../../lib/format';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { useDepartments } from '../api/get-departments';
import { usePeople, usePeopleTotal } from '../api/get-people';
import { PeopleTable } from '../components/people-table';

const pageSize = 50;
type Status = 'current' | 'left' | 'all';

export function Component() {
  const [params, setParams] = useSearchParams();
  const urlQ = params.get('q') ?? '';
  const department = params.get('department') ?? '';
  const status = (
    ['current', 'left', 'all'].includes(params.get('status') ?? '') ? params.get('status') : 'current'
  ) as Status;
  const offset = Math.max(0, Number(params.get('offset')) || 0);
  const [q, setQ] = useState(urlQ);
  const debouncedQ = useDebouncedValue(q.trim(), 300);

  const update = (changes: Record<string, string | number | null>) => {
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [k, v] of Object.entries(changes)) {
          if (v === null || v === '' || (k === 'offset' && v === 0) || (k === 'status' && v === 'current'))
            next.delete(k);
          else next.set(k, String(v));
        }
        return next;
      },
      { replace: true },
    );
  };

  // A search changed from outside (back button, the People link) shows in the box.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the address changes
  useEffect(() => {
    if (urlQ !== debouncedQ) setQ(urlQ);
  }, [urlQ]);

  // The typed search reaches the address (and the server) once typing pauses.
  // biome-ignore lint/correctness/useExhaustiveDependencies: only when the debounced text changes
  useEffect(() => {
    if (debouncedQ !== urlQ) update({ q: debouncedQ, offset: 0 });
  }, [debouncedQ]);

  const people = usePeople({
    q: urlQ || undefined,
    department: department || undefined,
    status,
    limit: pageSize,
    offset,
  });
  const total = usePeopleTotal(people, {
    q: urlQ || undefined,
    department: department || undefined,
    status,
  });
  const departments = useDepartments();
  const searching = people.isFetching && !people.isPending;

  return (
    <>
      <PageHeader
        title="People"
        description={
          people.data
            ? `${total === undefined ? `More than ${plural(people.data.total, 'person', 'people')}` : plural(total, 'person', 'people')} ${status === 'left' ? 'who have left' : status === 'all' ? 'in total' : 'in the organisation'}`
            : 'Everyone in your organisation'
        }
        actions={
          <>
            <Link to="/people/import" className="button button--primary">
              Import from CSV
            </Link>
            {status !== 'left' ? (
              // Carries the list's search and department; only current people without an account are asked.
              <Link
                to={`/invitations/new?${new URLSearchParams({ from: 'people', ...(urlQ ? { q: urlQ } : {}), ...(department ? { department } : {}) })}`}
                className="button button--secondary"
              >
                Invite these people
              </Link>
            ) : null}
          </>
        }
      />
      {/* biome-ignore lint/a11y/useSemanticElements: <search> is not yet known to every browser we support */}
      <div role="search" className="toolbar" aria-label="Find people">
        <TextField
          label="Search"
          hint="Name, email, job title or employee id"
          type="search"
          value={q}
          onChange={(e) => setQ(e.target.value)}
          className="toolbar__grow"
          autoComplete="off"
        />
        <SelectField
          label="Department"
          value={department}
          onChange={(e) => update({ department: e.target.value, offset: 0 })}
        >
          <option value="">All departments</option>
          {(departments.data ?? []).map((d) => (
            <option key={d} value={d}>
              {d}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Status"
          value={status}
          onChange={(e) => update({ status: e.target.value, offset: 0 })}
        >
          <option value="current">Current staff</option>
          <option value="left">Left</option>
          <option value="all">Everyone</option>
        </SelectField>
      </div>
      <p className="visually-hidden" aria-live="polite">
        {people.data && !searching
          ? `${total === undefined ? 'More than ' : ''}${formatNumber(total ?? people.data.total)} results`
          : ''}
      </p>
      {people.isPending ? <Loading label="Loading people…" /> : null}
      {people.isError ? <ErrorState error={people.error} retry={() => people.refetch()} /> : null}
      {people.data && people.data.total === 0 ? (
        urlQ || department || status !== 'current' ? (
          <EmptyState title="Nobody matches">
            <p>Try a shorter search or another department.</p>
          </EmptyState>
        ) : (
          <EmptyState
            title="No people yet"
            action={<Link to="/people/import">Import people from a CSV file</Link>}
          >
            <p>Import an export from your HR system to get started.</p>
          </EmptyState>
        )
      ) : null}
      {people.data && people.data.total > 0 ? (
        <>
          <PeopleTable people={people.data.items} busy={searching} />
          <Pager
            offset={people.data.offset}
            limit={pageSize}
            total={total ?? people.data.total}
            exact={total !== undefined}
            onChange={(o) => update({ offset: o })}
            label="People pages"
          />
        </>
      ) : null}
    </>
  );
}
