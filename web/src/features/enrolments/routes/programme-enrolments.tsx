// The manager's enrolment overview: counts, supply and demand per topic, and everyone enrolled.
// The server counts and pages, so the screen stays quick for programmes of any size.
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useOutletContext } from 'react-router';
import { SelectField, TextField } from '../../../components/field';
import { Card, Stat } from '../../../components/page';
import { Pager } from '../../../components/pager';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { formatNumber } from '../../../lib/format';
import type { EnrolmentRole, Programme } from '../../../lib/types';
import { useDebouncedValue } from '../../../lib/use-debounced-value';
import { type EnrolmentSummary, useEnrolmentSummary } from '../api/get-enrolment-summary';
import { useProgrammeEnrolmentsPage, useProgrammeEnrolmentsTotal } from '../api/get-programme-enrolments';
import { EnrolmentTable } from '../components/enrolment-table';
import type { TopicDemand } from '../components/topic-demand-chart';

const TopicDemandChart = lazy(() => import('../components/topic-demand-chart'));

const pageSize = 50;

/** The chart's rows: topics anyone offers or seeks, most asked first. */
export function topicDemand(summary: EnrolmentSummary): TopicDemand[] {
  return summary.topics
    .filter((t) => t.offered + t.sought > 0)
    .map((t) => ({ topic: t.name, offered: t.offered, sought: t.sought }));
}

export function Component() {
  const programme = useOutletContext<Programme>();
  const summary = useEnrolmentSummary(programme.id);
  const [role, setRole] = useState<EnrolmentRole | ''>('');
  const [status, setStatus] = useState<'active' | 'withdrawn' | 'all'>('active');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const needle = useDebouncedValue(q.trim(), 250);
  const filter = { status, role: role || undefined, q: needle || undefined };
  const page = useProgrammeEnrolmentsPage(programme.id, { ...filter, limit: pageSize, offset });
  const total = useProgrammeEnrolmentsTotal(programme.id, page, filter);
  const topicNames = useMemo(() => new Map(programme.topics.map((t) => [t.id, t.name])), [programme.topics]);

  if (summary.isPending) return <Loading label="Loading enrolments…" />;
  if (summary.isError) return <ErrorState error={summary.error} retry={() => summary.refetch()} />;
  const { mentors, mentees, places: seats, withdrawn } = summary.data;
  const enrolled = mentors + mentees + withdrawn;
  const demand = topicDemand(summary.data);

  return (
    <div className="stack">
      <div className="stats">
        <Stat label="Mentors" value={formatNumber(mentors)} />
        <Stat label="Mentees" value={formatNumber(mentees)} />
        <Stat
          label="Mentoring places"
          value={formatNumber(seats)}
          hint={
            mentees === 0
              ? 'no mentees yet'
              : mentees > seats
                ? `${formatNumber(mentees - seats)} short of the mentees`
                : 'enough for every mentee'
          }
        />
        <Stat label="Withdrawn" value={formatNumber(withdrawn)} />
      </div>
      {mentors + mentees > 0 ? (
        <p>
          <Link to={`/invitations/new?programmeId=${programme.id}`}>
            Invite everyone enrolled who has no account yet
          </Link>
        </p>
      ) : null}
      {demand.length > 0 ? (
        <Card title="Topics: offered and sought">
          <p className="muted small">
            Where more people seek a topic than offer it, some mentees may not find a good match; consider
            inviting more mentors.
          </p>
          <Suspense fallback={<Loading label="Drawing the chart…" />}>
            <figure className="figure">
              <div
                role="img"
                aria-label={demand.map((d) => `${d.topic}: ${d.offered} offer, ${d.sought} seek`).join('; ')}
              >
                <TopicDemandChart data={demand} />
              </div>
            </figure>
          </Suspense>
        </Card>
      ) : null}
      <Card title="Everyone enrolled">
        <div className="toolbar">
          <TextField
            label="Search by name, department or title"
            type="search"
            value={q}
            onChange={(e) => {
              setQ(e.target.value);
              setOffset(0);
            }}
          />
          <SelectField
            label="Role"
            value={role}
            onChange={(e) => {
              setRole(e.target.value as EnrolmentRole | '');
              setOffset(0);
            }}
          >
            <option value="">All roles</option>
            <option value="mentor">Mentors</option>
            <option value="mentee">Mentees</option>
            {programme.kind === 'mutual' ? <option value="both">Both</option> : null}
          </SelectField>
          <SelectField
            label="Status"
            value={status}
            onChange={(e) => {
              setStatus(e.target.value as 'active' | 'withdrawn' | 'all');
              setOffset(0);
            }}
          >
            <option value="active">Enrolled</option>
            <option value="withdrawn">Withdrawn</option>
            <option value="all">All</option>
          </SelectField>
        </div>
        {enrolled === 0 ? (
          <EmptyState title="Nobody has enrolled yet">
            <p>
              {programme.status === 'draft'
                ? 'Open enrolment so people can join.'
                : programme.status === 'enrolling'
                  ? 'Enrolment is open; people appear here as they enrol.'
                  : 'This programme has no enrolments.'}
            </p>
          </EmptyState>
        ) : page.isError ? (
          <ErrorState error={page.error} retry={() => page.refetch()} />
        ) : !page.data ? (
          <Loading label="Loading enrolments…" />
        ) : page.data.total === 0 ? (
          <EmptyState title="No enrolments match these filters" />
        ) : (
          <>
            <EnrolmentTable enrolments={page.data.items} topicNames={topicNames} />
            <Pager
              offset={offset}
              limit={pageSize}
              total={total ?? page.data.total}
              exact={total !== undefined}
              onChange={setOffset}
              label="Enrolment pages"
            />
          </>
        )}
      </Card>
    </div>
  );
}
