import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../../../components/field';
import { Card, PageHeader } from '../../../components/page';
import { KindBadge, StatusBadge } from '../../../components/programme-badges';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { formatDate, formatNumber, statusLabels } from '../../../lib/format';
import type { Programme, ProgrammeStatus } from '../../../lib/types';
import { useProgrammes } from '../api/get-programmes';

const statuses = Object.keys(statusLabels) as ProgrammeStatus[];

function ProgrammeCard({ programme }: { programme: Programme }) {
  const enrolled = programme.enrolled;
  return (
    <li className="programme-card">
      <div className="programme-card__badges">
        <KindBadge kind={programme.kind} format={programme.format} />
        <StatusBadge status={programme.status} />
      </div>
      <h2 className="programme-card__title">
        <Link to={`/programmes/${programme.id}`}>{programme.name}</Link>
      </h2>
      <p className="muted small">
        {formatDate(programme.cohortStart)} – {formatDate(programme.cohortEnd)}
      </p>
      {programme.description ? <p className="programme-card__description">{programme.description}</p> : null}
      {enrolled ? (
        <dl className="programme-card__counts">
          <div>
            <dt>Mentors</dt>
            <dd>{formatNumber(enrolled.mentors)}</dd>
          </div>
          <div>
            <dt>Mentees</dt>
            <dd>{formatNumber(enrolled.mentees)}</dd>
          </div>
          <div>
            <dt>Topics</dt>
            <dd>{formatNumber(programme.topics.length)}</dd>
          </div>
        </dl>
      ) : null}
    </li>
  );
}

export function Component() {
  const [params, setParams] = useSearchParams();
  const status = (statuses as string[]).includes(params.get('status') ?? '')
    ? (params.get('status') as ProgrammeStatus)
    : undefined;
  const programmes = useProgrammes(status);

  return (
    <>
      <PageHeader
        title="Programmes"
        description="Create programmes, open enrolment, match the cohort and follow each programme to its close."
        actions={
          <Link to="/programmes/new" className="button button--primary">
            New programme
          </Link>
        }
      />
      {status || (programmes.data?.length ?? 0) > 0 ? (
        <div className="toolbar">
          <SelectField
            label="Stage"
            value={status ?? ''}
            onChange={(e) => setParams(e.target.value ? { status: e.target.value } : {}, { replace: true })}
          >
            <option value="">All stages</option>
            {statuses.map((s) => (
              <option key={s} value={s}>
                {statusLabels[s]}
              </option>
            ))}
          </SelectField>
        </div>
      ) : null}
      {programmes.isPending ? <Loading label="Loading programmes…" /> : null}
      {programmes.isError ? <ErrorState error={programmes.error} retry={() => programmes.refetch()} /> : null}
      {programmes.data && programmes.data.length === 0 ? (
        status ? (
          <EmptyState title={`No programmes are ${statusLabels[status].toLowerCase()}`} />
        ) : (
          <Card title="Getting started">
            <ol className="getting-started">
              <li>
                <Link to="/topics">Add topics</Link> people can share and learn.
              </li>
              <li>
                <Link to="/people/import">Import your people</Link> from an HR export (CSV).
              </li>
              <li>
                <Link to="/programmes/new">Create your first programme</Link> and open enrolment.
              </li>
            </ol>
          </Card>
        )
      ) : null}
      {programmes.data && programmes.data.length > 0 ? (
        <ul className="programme-grid" aria-label="Programmes">
          {programmes.data.map((p) => (
            <ProgrammeCard key={p.id} programme={p} />
          ))}
        </ul>
      ) : null}
    </>
  );
}
