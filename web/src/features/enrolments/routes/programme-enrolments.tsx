// The manager's enrolment overview: counts, supply and demand per topic, and everyone enrolled.
import { lazy, Suspense, useMemo, useState } from 'react';
import { useOutletContext } from 'react-router';
import { SelectField, TextField } from '../../../components/field';
import { Card, Stat } from '../../../components/page';
import { Pager } from '../../../components/pager';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { formatNumber } from '../../../lib/format';
import type { Enrolment, EnrolmentRole, Programme } from '../../../lib/types';
import { useProgrammeEnrolments } from '../api/get-programme-enrolments';
import { EnrolmentTable } from '../components/enrolment-table';
import type { TopicDemand } from '../components/topic-demand-chart';

const TopicDemandChart = lazy(() => import('../components/topic-demand-chart'));

const pageSize = 50;

export function topicDemand(programme: Programme, enrolments: Enrolment[]): TopicDemand[] {
  const rows = new Map(programme.topics.map((t) => [t.id, { topic: t.name, offered: 0, sought: 0 }]));
  for (const e of enrolments) {
    if (e.status !== 'active') continue;
    for (const o of e.offers) {
      const r = rows.get(o.topicId);
      if (r) r.offered += 1;
    }
    for (const s of e.seeks) {
      const r = rows.get(s.topicId);
      if (r) r.sought += 1;
    }
  }
  return [...rows.values()].sort((a, b) => b.sought + b.offered - (a.sought + a.offered));
}

export function Component() {
  const programme = useOutletContext<Programme>();
  const enrolments = useProgrammeEnrolments(programme.id, { status: 'all' });
  const [role, setRole] = useState<EnrolmentRole | ''>('');
  const [status, setStatus] = useState<'active' | 'withdrawn' | 'all'>('active');
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const topicNames = useMemo(() => new Map(programme.topics.map((t) => [t.id, t.name])), [programme.topics]);

  const all = enrolments.data ?? [];
  const active = all.filter((e) => e.status === 'active');
  const mentors = active.filter((e) => e.role !== 'mentee');
  const mentees = active.filter((e) => e.role !== 'mentor');
  const seats = mentors.reduce((sum, e) => sum + e.capacity, 0);
  const demand = useMemo(() => topicDemand(programme, all), [programme, all]);

  const needle = q.trim().toLowerCase();
  const shown = all.filter(
    (e) =>
      (status === 'all' || e.status === status) &&
      (!role || e.role === role) &&
      (!needle ||
        `${e.person?.name ?? ''} ${e.person?.department ?? ''} ${e.person?.jobTitle ?? ''}`
          .toLowerCase()
          .includes(needle)),
  );
  const page = shown.slice(offset, offset + pageSize);

  if (enrolments.isPending) return <Loading label="Loading enrolments…" />;
  if (enrolments.isError) return <ErrorState error={enrolments.error} retry={() => enrolments.refetch()} />;

  return (
    <div className="stack">
      <div className="stats">
        <Stat label="Mentors" value={formatNumber(mentors.length)} />
        <Stat label="Mentees" value={formatNumber(mentees.length)} />
        <Stat
          label="Mentoring places"
          value={formatNumber(seats)}
          hint={
            mentees.length === 0
              ? 'no mentees yet'
              : mentees.length > seats
                ? `${formatNumber(mentees.length - seats)} short of the mentees`
                : 'enough for every mentee'
          }
        />
        <Stat label="Withdrawn" value={formatNumber(all.length - active.length)} />
      </div>
      {active.length > 0 && demand.length > 0 ? (
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
        {all.length === 0 ? (
          <EmptyState title="Nobody has enrolled yet">
            <p>
              {programme.status === 'draft'
                ? 'Open enrolment so people can join.'
                : programme.status === 'enrolling'
                  ? 'Enrolment is open; people appear here as they enrol.'
                  : 'This programme has no enrolments.'}
            </p>
          </EmptyState>
        ) : shown.length === 0 ? (
          <EmptyState title="No enrolments match these filters" />
        ) : (
          <>
            <EnrolmentTable enrolments={page} topicNames={topicNames} />
            <Pager
              offset={offset}
              limit={pageSize}
              total={shown.length}
              onChange={setOffset}
              label="Enrolment pages"
            />
          </>
        )}
      </Card>
    </div>
  );
}
