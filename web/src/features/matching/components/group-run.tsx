// Peer and circles runs in the matching workspace: the groups with why each person is
// there, who is left out and why, the circles not formed; the planned circles of a circles
// programme; and two such runs compared person by person.
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { CheckboxField, Fieldset, SelectField, TextField } from '../../../components/field';
import { Card, Stat, TableWrap } from '../../../components/page';
import { Alert, EmptyState, ErrorState, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { formatNumber, plural } from '../../../lib/format';
import type { Programme } from '../../../lib/types';
import { useProgrammeEnrolments } from '../../enrolments/api/get-programme-enrolments';
import { useChangeCirclePlans, useCirclePlans } from '../api/match-runs';
import type { AnySummary, CirclePlan, GroupComparison, Run } from '../types';
import { type CoverageRow, CoverageTable } from './run-comparison';
import { percent } from './settings';

/** The figures of a run's row in the runs table, whatever its format. */
export function runFigures(r: Pick<Run, 'format' | 'summary'>) {
  const s = r.summary as AnySummary;
  if (r.format === 'peer')
    return { placed: s.placed ?? 0, notPlaced: s.leftOut ?? 0, mean: s.meanScore ?? 0 };
  if (r.format === 'circles')
    return { placed: s.placed ?? 0, notPlaced: (s.members ?? 0) - (s.placed ?? 0), mean: s.meanFit ?? 0 };
  return { placed: s.matched ?? 0, notPlaced: s.unmatchedMentees ?? 0, mean: s.meanScore ?? 0 };
}

function PeerRun({ run }: { run: Run }) {
  const s = run.summary as AnySummary;
  return (
    <>
      <div className="stats">
        <Stat
          label="People paired"
          value={`${formatNumber(s.placed ?? 0)} of ${formatNumber(s.people ?? 0)}`}
          hint={`${plural(s.pairs ?? 0, 'pair')}${s.trios ? `, ${plural(s.trios, 'trio')}` : ''}`}
        />
        <Stat
          label="Average score"
          value={percent(s.meanScore ?? 0)}
          hint={`weakest ${percent(s.lowestScore ?? 0)}`}
        />
        <Stat
          label="Sought topics covered"
          value={percent(s.topicCoverage?.ratio ?? 0)}
          hint="both ways, in every pair"
        />
        <Stat
          label="Optimal"
          value={s.certified ? 'Proved' : 'Not proved'}
          hint="checked from the solver's duals"
        />
      </div>
      <Card title={`Peer groups (${formatNumber(run.pairCount)})`}>
        <TableWrap label="Peer groups">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Peers</th>
                <th scope="col" className="num">
                  Score
                </th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {run.groups.map((g) => (
                <tr key={g.memberIds.join(',')}>
                  <th scope="row">
                    {g.memberNames.join(' · ')}
                    {g.memberIds.length > 2 ? <span className="badge badge--info">Trio</span> : null}
                  </th>
                  <td className="num">{percent(g.score)}</td>
                  <td>
                    <ul className="reasons">
                      {g.reasons.map((reason) => (
                        <li key={reason}>{reason}</li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      </Card>
      <Card title={`Left out (${formatNumber(run.leftOut.length)})`}>
        {run.leftOut.length ? (
          <ul className="unmatched-list">
            {run.leftOut.map((u) => (
              <li key={u.participantId}>
                <strong>{u.displayName}</strong>: {u.message}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">Everyone is paired.</p>
        )}
      </Card>
    </>
  );
}

function CirclesRun({ run, plans }: { run: Run; plans: CirclePlan[] }) {
  const s = run.summary as AnySummary;
  const facilitators = new Map(plans.flatMap((p) => p.facilitators.map((f) => [f.id, f.name] as const)));
  return (
    <>
      <div className="stats">
        <Stat
          label="Members placed"
          value={`${formatNumber(s.placed ?? 0)} of ${formatNumber(s.members ?? 0)}`}
          hint={plural(s.circlesFormed ?? 0, 'circle formed', 'circles formed')}
        />
        <Stat label="Average topic fit" value={percent(s.meanFit ?? 0)} hint="share of what members seek" />
        <Stat label="Not formed" value={formatNumber(run.notFormed.length)} hint="below their minimum" />
      </div>
      <section className="stack" aria-label="Circles">
        {run.circles.map((c) => (
          <Card key={c.id} title={`${c.name} (${plural(c.members.length, 'member')})`}>
            <p className="small muted">
              Facilitated by{' '}
              {c.facilitatorIds.map((id) => facilitators.get(id) ?? 'a facilitator').join(' and ')};{' '}
              {c.relationshipId
                ? `joining a circle already formed, which had ${plural(c.maxSize, 'place')} left.`
                : `${c.minSize} to ${c.maxSize} members.`}
            </p>
            <ul className="circle-members" aria-label={`Members of ${c.name}`}>
              {c.members.map((m) => (
                <li key={m.participantId}>
                  <strong>{m.displayName}</strong> · {percent(m.topicFit)} fit
                  <ul className="reasons">
                    {m.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </Card>
        ))}
      </section>
      {run.notFormed.length ? (
        <Card title={`Not formed (${formatNumber(run.notFormed.length)})`}>
          <ul className="unmatched-list">
            {run.notFormed.map((c) => (
              <li key={c.id}>
                <strong>{c.name}</strong>: {c.message}
              </li>
            ))}
          </ul>
        </Card>
      ) : null}
      <Card title={`Not placed (${formatNumber(run.unplaced.length)})`}>
        {run.unplaced.length ? (
          <ul className="unmatched-list">
            {run.unplaced.map((u) => (
              <li key={u.participantId}>
                <strong>{u.displayName}</strong>: {u.message}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted small">Every member has a circle.</p>
        )}
      </Card>
    </>
  );
}

/** A peer or circles run: the groups, why each person is there, and who is not placed and why. */
export function GroupRunView({ run, plans }: { run: Run; plans: CirclePlan[] }) {
  return run.format === 'peer' ? <PeerRun run={run} /> : <CirclesRun run={run} plans={plans} />;
}

const metricRows: CoverageRow<keyof GroupComparison['coverage']>[] = [
  { key: 'placed', label: 'People placed', kind: 'count', higherIsBetter: true },
  { key: 'notPlaced', label: 'Not placed', kind: 'count', higherIsBetter: false },
  { key: 'groups', label: 'Groups', kind: 'count', higherIsBetter: true },
  { key: 'meanScore', label: 'Average score', kind: 'score', higherIsBetter: true },
  { key: 'totalScore', label: 'Total score', kind: 'count', higherIsBetter: true },
];

/** Two peer or circles runs side by side: the totals, and everyone whose group differs. */
export function GroupComparisonView({
  comparison,
  labelA,
  labelB,
}: {
  comparison: GroupComparison;
  labelA: string;
  labelB: string;
}) {
  return (
    <div className="stack">
      <CoverageTable rows={metricRows} coverage={comparison.coverage} labelA={labelA} labelB={labelB} />
      <p className="small muted">
        {plural(comparison.samePeople, 'person', 'people')} in the same group in both;{' '}
        {plural(comparison.changedPeople.length, 'person', 'people')} moved.
      </p>
      {comparison.changedPeople.length ? (
        <ul className="unmatched-list" aria-label="People who moved">
          {comparison.changedPeople.map((p) => (
            <li key={p.personId}>
              <strong>{p.name}</strong>: {p.a ? p.a.group : 'not placed'} → {p.b ? p.b.group : 'not placed'}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** The circles a manager plans before matching: focus topics, facilitators, size range. */
export function CirclePlansCard({ programme, editable }: { programme: Programme; editable: boolean }) {
  const plans = useCirclePlans(programme.id, true);
  const enrolled = useProgrammeEnrolments(programme.id, { status: 'active' });
  const { create, remove } = useChangeCirclePlans(programme.id);
  const [name, setName] = useState('');
  const [topicIds, setTopicIds] = useState<string[]>([]);
  const [facilitatorId, setFacilitatorId] = useState('');
  const [minSize, setMinSize] = useState('3');
  const [maxSize, setMaxSize] = useState('6');
  const errors = create.error ? fieldErrorsOf(create.error) : {};
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      {
        programmeId: programme.id,
        name: name.trim(),
        topicIds,
        facilitatorIds: facilitatorId ? [facilitatorId] : [],
        minSize: Number(minSize),
        maxSize: Number(maxSize),
      },
      {
        onSuccess: () => {
          setName('');
          setTopicIds([]);
          setFacilitatorId('');
        },
      },
    );
  };
  return (
    <Card title="Planned circles">
      <p className="muted small">
        Each circle has a topic focus, a facilitator and a size range. Matching places every other enrolled
        person where their topics fit best; a circle that cannot reach its minimum is not formed, and the run
        says why.
      </p>
      {plans.isPending ? <Loading label="Loading circles…" /> : null}
      {plans.isError ? <ErrorState error={plans.error} retry={() => plans.refetch()} /> : null}
      {plans.data && plans.data.length === 0 ? (
        <EmptyState title="No circles planned yet">
          <p>Plan at least one circle before running matching.</p>
        </EmptyState>
      ) : null}
      {plans.data?.length ? (
        <ul className="rule-list" aria-label="Planned circles">
          {plans.data.map((p) => (
            <li key={p.id}>
              <strong>{p.name}</strong>: {p.topics.map((t) => t.name).join(', ')}; facilitated by{' '}
              {p.facilitators.map((f) => f.name).join(' and ')}; {p.minSize} to {p.maxSize} members
              {editable ? (
                <button
                  type="button"
                  className="button button--ghost button--small"
                  onClick={() => remove.mutate({ programmeId: programme.id, id: p.id })}
                  aria-label={`Remove the circle ${p.name}`}
                >
                  Remove
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {editable ? (
        <form className="stack" aria-label="Plan a circle" onSubmit={submit}>
          <TextField
            label="Circle name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            error={errors.name}
          />
          <Fieldset legend="Focus topics" error={errors.topicIds ?? errors['topicIds.0']}>
            {programme.topics.map((t) => (
              <CheckboxField
                key={t.id}
                label={t.name}
                checked={topicIds.includes(t.id)}
                onChange={(e) =>
                  setTopicIds(e.target.checked ? [...topicIds, t.id] : topicIds.filter((x) => x !== t.id))
                }
              />
            ))}
          </Fieldset>
          <SelectField
            label="Facilitator"
            value={facilitatorId}
            onChange={(e) => setFacilitatorId(e.target.value)}
            error={errors.facilitatorIds ?? errors['facilitatorIds.0']}
          >
            <option value="">Choose someone enrolled…</option>
            {(enrolled.data ?? []).map((e) => (
              <option key={e.personId} value={e.personId}>
                {e.person?.name ?? e.personId}
              </option>
            ))}
          </SelectField>
          <div className="row">
            <TextField
              label="Fewest members"
              type="number"
              min={1}
              max={50}
              value={minSize}
              onChange={(e) => setMinSize(e.target.value)}
              error={errors.minSize}
            />
            <TextField
              label="Most members"
              type="number"
              min={1}
              max={50}
              value={maxSize}
              onChange={(e) => setMaxSize(e.target.value)}
              error={errors.maxSize}
            />
          </div>
          {create.error ? <Alert title="The circle was not planned">{messageOf(create.error)}</Alert> : null}
          <div>
            <Button type="submit" busy={create.isPending}>
              Add circle
            </Button>
          </div>
        </form>
      ) : null}
    </Card>
  );
}
