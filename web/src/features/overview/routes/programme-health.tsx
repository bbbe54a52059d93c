// Programme health (a programme tab): momentum as charts (meetings held versus planned,
// cancellations and who cancelled, pairs gone quiet) and feedback as aggregates only.
import { lazy, Suspense } from 'react';
import { useOutletContext } from 'react-router';
import { Card, Stat, TableWrap } from '../../../components/page';
import { Alert, EmptyState, ErrorState, Loading } from '../../../components/states';
import { formatDate, formatNumber, plural } from '../../../lib/format';
import type { Programme } from '../../../lib/types';
import { useFeedbackSummary, useMomentum } from '../api/health';
import { PairsCard } from '../components/pairs-card';
import type { StatusCount } from '../components/pairs-chart';
import type { FeedbackGroup, FeedbackSummary, HiddenReason, Momentum } from '../types';
import '../overview.css';

const MomentumChart = lazy(() => import('../components/momentum-chart'));
const PairsChart = lazy(() => import('../components/pairs-chart'));

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function describeMomentum(m: Momentum): string {
  return m.weeks
    .filter((w) => w.past)
    .map(
      (w) =>
        `week of ${formatDate(w.weekStart)}: ${w.held} held, ${w.planned} planned, ${w.cancelled} cancelled`,
    )
    .join('; ');
}

/** Why a figure is hidden, in plain words. */
export function hiddenBecause(reason: HiddenReason, min: number): string {
  return reason === 'too_few_people'
    ? `Hidden: fewer than ${min} people answered, so nobody’s answers can be picked out.`
    : `Hidden: showing it would let a smaller group’s answers be worked out by subtracting it from another figure.`;
}

function FeedbackTile({ title, group, min }: { title: string; group: FeedbackGroup; min: number }) {
  return (
    <div className="feedback-tile">
      <h3 className="card__subtitle">{title}</h3>
      {group.suppressed ? (
        <p className="muted small">{hiddenBecause(group.reason, min)}</p>
      ) : (
        <dl className="summary">
          <div>
            <dt>Value</dt>
            <dd>{group.meanValue.toFixed(1)} / 5</dd>
          </div>
          <div>
            <dt>Felt heard</dt>
            <dd>{group.meanHeard.toFixed(1)} / 5</dd>
          </div>
          <div>
            <dt>Who talked most</dt>
            <dd>
              the person answering {pct(group.talking.me)} · balanced {pct(group.talking.balanced)} · the
              other {pct(group.talking.other)}
            </dd>
          </div>
          <div>
            <dt>Answers</dt>
            <dd>
              {formatNumber(group.answers)} from {plural(group.people, 'person', 'people')}
            </dd>
          </div>
        </dl>
      )}
    </div>
  );
}

function DepartmentTable({ summary }: { summary: FeedbackSummary }) {
  const min = summary.minimumGroupSize;
  if (!summary.byDepartment.length) return null;
  return (
    <TableWrap label="Feedback by department of the person answering">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Department</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              Felt heard
            </th>
            <th scope="col" className="num">
              People
            </th>
          </tr>
        </thead>
        <tbody>
          {summary.byDepartment.map((d) => (
            <tr key={d.department ?? ''}>
              <th scope="row">{d.department ?? 'No department'}</th>
              {d.suppressed ? (
                <td colSpan={3} className="muted small">
                  {hiddenBecause(d.reason, min)}
                </td>
              ) : (
                <>
                  <td className="num">{d.meanValue.toFixed(1)}</td>
                  <td className="num">{d.meanHeard.toFixed(1)}</td>
                  <td className="num">{formatNumber(d.people)}</td>
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

/** The sides whose answers a programme of each format has, as the summary names them. */
const sidesOf = {
  one_to_one: [
    ['From mentors', 'fromMentors'],
    ['From mentees', 'fromMentees'],
  ],
  circles: [
    ['From facilitators', 'fromFacilitators'],
    ['From members', 'fromMembers'],
  ],
  peer: [['From peers', 'fromPeers']],
} as const;

export function FeedbackCard({
  programmeId,
  format = 'one_to_one',
}: {
  programmeId: string;
  format?: Programme['format'];
}) {
  const summary = useFeedbackSummary(programmeId);
  return (
    <Card title="How meetings feel">
      {summary.isPending ? (
        <Loading />
      ) : summary.isError ? (
        <ErrorState error={summary.error} retry={() => summary.refetch()} />
      ) : (
        <>
          <p className="muted small">
            Totals only. Each figure covers at least {summary.data.minimumGroupSize} different people, and
            figures that could be subtracted from one another to single someone out are hidden too. Nobody’s
            own answers are ever shown here.
            {summary.data.asOf ? ` Answers up to ${formatDate(summary.data.asOf)}.` : ''}
          </p>
          {summary.data.waiting ? (
            <Alert kind="info">
              Newer answers are in. They will show once enough different people have answered since these
              figures, so that the change cannot reveal anyone’s answer.
            </Alert>
          ) : null}
          <div className="grid grid--three">
            <FeedbackTile title="Everyone" group={summary.data.overall} min={summary.data.minimumGroupSize} />
            {sidesOf[format].map(([title, key]) => (
              <FeedbackTile
                key={key}
                title={title}
                group={summary.data[key]}
                min={summary.data.minimumGroupSize}
              />
            ))}
          </div>
          <DepartmentTable summary={summary.data} />
        </>
      )}
    </Card>
  );
}

export function Component() {
  const programme = useOutletContext<Programme>();
  const momentum = useMomentum(programme.id);
  if (programme.status === 'draft' || programme.status === 'enrolling' || programme.status === 'matching')
    return (
      <EmptyState title="Nothing to show yet">
        <p>Health appears once matching is published and pairs begin to meet.</p>
      </EmptyState>
    );
  if (momentum.isPending) return <Loading label="Loading programme health…" />;
  if (momentum.isError) return <ErrorState error={momentum.error} retry={() => momentum.refetch()} />;
  const m = momentum.data;
  const underway = m.pairs.active + m.pairs.paused + m.pairs.closed;
  const c = m.meetings;
  const statusData: StatusCount[] = [
    { status: 'Proposed', count: m.pairs.proposed, color: '#7a5200' },
    { status: 'Active', count: m.pairs.active, color: '#1d6b3a' },
    { status: 'Paused', count: m.pairs.paused, color: '#0b5c7a' },
    { status: 'Closed', count: m.pairs.closed, color: '#4a5668' },
    { status: 'Declined', count: m.pairs.declined, color: '#b42318' },
  ];
  return (
    <div className="stack health">
      <div className="stats">
        <Stat
          label="Pairs under way"
          value={formatNumber(underway)}
          hint={`${formatNumber(m.pairs.proposed)} still deciding · ${formatNumber(m.pairs.declined)} declined`}
        />
        <Stat
          label="Meetings held"
          value={formatNumber(c.held)}
          hint={
            m.plannedSoFar > 0
              ? `against ${formatNumber(Math.round(m.plannedSoFar * 10) / 10)} planned by the ${m.cadence} cadence (${pct(c.held / m.plannedSoFar)})`
              : 'nothing planned yet'
          }
        />
        <Stat
          label="Cancelled"
          value={formatNumber(c.cancelled)}
          hint={`mentors ${formatNumber(c.cancelledByMentor)} · mentees ${formatNumber(c.cancelledByMentee)}${c.cancelledByOthers ? ` · others ${formatNumber(c.cancelledByOthers)}` : ''}`}
        />
        <Stat
          label="Gone quiet"
          value={formatNumber(m.quiet.total)}
          hint={`no meeting for ${m.quiet.afterDays}+ days and none booked`}
        />
      </div>
      <Card title="Meetings, week by week">
        <p className="muted small">
          Bars: meetings held, still in the calendar, and cancelled (by whom). Line: what the programme’s{' '}
          {m.cadence} cadence plans for the pairs under way that week.
        </p>
        {c.held + c.scheduled + c.cancelled === 0 ? (
          <EmptyState title="No meetings yet">
            <p>
              Pairs sign their agreement before the first meeting; meetings appear here as they are booked.
            </p>
          </EmptyState>
        ) : (
          <Suspense fallback={<Loading label="Drawing the chart…" />}>
            <figure className="figure">
              <div role="img" aria-label={`Meetings by week: ${describeMomentum(m)}`}>
                <MomentumChart weeks={m.weeks} />
              </div>
            </figure>
          </Suspense>
        )}
      </Card>
      <div className="grid grid--two">
        <Card title="Where the pairs are">
          <Suspense fallback={<Loading label="Drawing the chart…" />}>
            <figure className="figure">
              <div role="img" aria-label={statusData.map((s) => `${s.status}: ${s.count}`).join(', ')}>
                <PairsChart data={statusData} />
              </div>
            </figure>
          </Suspense>
        </Card>
        <Card title={`Gone quiet (${formatNumber(m.quiet.total)})`}>
          {m.quiet.total === 0 ? (
            <p className="muted">
              Every active pair has met or booked a meeting in the last {m.quiet.afterDays} days.
            </p>
          ) : (
            <>
              <p className="muted small">
                Active pairs with no meeting held for {m.quiet.afterDays} days or more and nothing in the
                calendar. A light nudge often helps.
              </p>
              <TableWrap label="Pairs gone quiet">
                <table className="table">
                  <thead>
                    <tr>
                      <th scope="col">Pair</th>
                      <th scope="col">Last met</th>
                      <th scope="col" className="num">
                        Quiet for
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {m.quiet.pairs.map((q) => (
                      <tr key={q.relationshipId}>
                        <th scope="row">
                          {q.menteeName} <span className="muted">with</span> {q.mentorName}
                        </th>
                        <td>{q.lastMetAt ? formatDate(q.lastMetAt) : 'never'}</td>
                        <td className="num">{plural(q.quietDays, 'day')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
              {m.quiet.total > m.quiet.pairs.length ? (
                <Alert kind="info">…and {formatNumber(m.quiet.total - m.quiet.pairs.length)} more.</Alert>
              ) : null}
            </>
          )}
        </Card>
      </div>
      <FeedbackCard programmeId={programme.id} format={programme.format} />
      <PairsCard programmeId={programme.id} />
    </div>
  );
}
