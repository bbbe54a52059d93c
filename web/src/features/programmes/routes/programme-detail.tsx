// A programme's frame: its header, lifecycle actions and tabs. The matching workspace
// and programme health join the tabs as they arrive.
import { Link, NavLink, Outlet, useParams } from 'react-router';
import { PageHeader } from '../../../components/page';
import { KindBadge, StatusBadge } from '../../../components/programme-badges';
import { ErrorState, Loading } from '../../../components/states';
import { formatDate } from '../../../lib/format';
import { useProgramme } from '../api/get-programme';
import { LifecycleActions } from '../components/lifecycle-actions';

export const programmeTabs = [
  { to: '', label: 'Overview' },
  { to: 'enrolments', label: 'Enrolments' },
  { to: 'matching', label: 'Matching' },
  { to: 'health', label: 'Health' },
];

export function Component() {
  const { programmeId } = useParams();
  const programme = useProgramme(programmeId);
  if (programme.isPending) return <Loading label="Loading the programme…" />;
  if (programme.isError) return <ErrorState error={programme.error} retry={() => programme.refetch()} />;
  const p = programme.data;
  return (
    <>
      <PageHeader
        eyebrow={<Link to="/programmes">← Programmes</Link>}
        title={p.name}
        description={
          <span className="inline-badges">
            <KindBadge kind={p.kind} format={p.format} /> <StatusBadge status={p.status} />{' '}
            <span>
              {formatDate(p.cohortStart)} – {formatDate(p.cohortEnd)}
            </span>
          </span>
        }
        actions={
          p.status !== 'closed' ? (
            <Link to={`/programmes/${p.id}/edit`} className="button button--secondary">
              Edit programme
            </Link>
          ) : null
        }
      />
      <LifecycleActions programme={p} />
      <nav className="tabs" aria-label="Programme sections">
        {programmeTabs.map((t) => (
          <NavLink
            key={t.to}
            to={t.to ? `/programmes/${p.id}/${t.to}` : `/programmes/${p.id}`}
            end
            className={({ isActive }) => `tabs__tab${isActive ? ' tabs__tab--active' : ''}`}
          >
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Outlet context={p} />
    </>
  );
}
