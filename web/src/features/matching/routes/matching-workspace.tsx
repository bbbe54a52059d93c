// The matching workspace (a programme tab): run matching with chosen settings, read the
// pairs and the unmatched, lock and forbid pairs, compare runs, and publish one.
import { useState } from 'react';
import { useOutletContext, useSearchParams } from 'react-router';
import { Badge } from '../../../components/badge';
import { ConfirmButton } from '../../../components/confirm-button';
import { CheckboxField, SelectField } from '../../../components/field';
import { Card, Stat, TableWrap } from '../../../components/page';
import { Alert, EmptyState, ErrorState, Loading } from '../../../components/states';
import { messageOf } from '../../../lib/api-client';
import { formatNumber, plural } from '../../../lib/format';
import type { Programme } from '../../../lib/types';
import { hasRole, useMe } from '../../auth/api/get-me';
import {
  useCirclePlans,
  useCreateMatchRun,
  useDiscardMatchRun,
  useMatchRun,
  useMatchRuns,
  usePublishMatchRun,
  useRematch,
  useRunComparison,
} from '../api/match-runs';
import { usePairRules, useSetPairRule } from '../api/pair-rules';
import { DeclineReasonsCard } from '../components/decline-reasons-card';
import { CirclePlansCard, GroupComparisonView, GroupRunView, runFigures } from '../components/group-run';
import { PairRulesCard } from '../components/pair-rules-card';
import { PairsTable } from '../components/pairs-table';
import { RunComparison } from '../components/run-comparison';
import { RunSettingsForm } from '../components/run-settings-form';
import { objectiveLabel, percent } from '../components/settings';
import { UnmatchedList } from '../components/unmatched-list';
import type {
  GroupComparison,
  RunComparison as PairComparison,
  RunSummary,
  RunSummaryNumbers,
} from '../types';
import '../matching.css';

const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

export function runLabel(r: Pick<RunSummary, 'createdAt' | 'objective' | 'mode'>) {
  return `${r.mode === 'rematch' ? 'Re-match' : 'Run'} of ${timeFormat.format(new Date(r.createdAt))} (${objectiveLabel(r.objective)})`;
}

const statusTone = { draft: 'warning', published: 'success', discarded: 'neutral' } as const;
const statusWords = { draft: 'Draft', published: 'Published', discarded: 'Discarded' } as const;

function RunsTable({
  runs,
  selected,
  onOpen,
}: {
  runs: RunSummary[];
  selected?: string;
  onOpen: (id: string) => void;
}) {
  return (
    <TableWrap label="Runs">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Run</th>
            <th scope="col">Status</th>
            <th scope="col" className="num">
              Placed
            </th>
            <th scope="col" className="num">
              Not placed
            </th>
            <th scope="col" className="num">
              Average score
            </th>
            <th scope="col">
              <span className="visually-hidden">Open</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr
              key={r.id}
              aria-current={r.id === selected ? 'true' : undefined}
              className={r.id === selected ? 'row--selected' : undefined}
            >
              <th scope="row">{runLabel(r)}</th>
              <td>
                <Badge tone={statusTone[r.status]}>{statusWords[r.status]}</Badge>
              </td>
              <td className="num">{formatNumber(runFigures(r).placed)}</td>
              <td className="num">{formatNumber(runFigures(r).notPlaced)}</td>
              <td className="num">{percent(runFigures(r).mean)}</td>
              <td>
                {r.id === selected ? (
                  <span className="small muted">Showing</span>
                ) : (
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    onClick={() => onOpen(r.id)}
                    aria-label={`Open ${runLabel(r)}`}
                  >
                    Open
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function Component() {
  const programme = useOutletContext<Programme>();
  const [params, setParams] = useSearchParams();
  const runs = useMatchRuns(programme.id);
  const selectedId = params.get('run') ?? runs.data?.[0]?.id;
  const compareId = params.get('compare') ?? '';
  const run = useMatchRun(selectedId);
  const comparison = useRunComparison(selectedId, compareId || undefined);
  const rules = usePairRules(programme.id);
  const create = useCreateMatchRun(programme.id);
  const publish = usePublishMatchRun(programme.id);
  const discard = useDiscardMatchRun(programme.id);
  const rematch = useRematch(programme.id);
  const setRule = useSetPairRule(programme.id);
  const me = useMe();
  const [allowTrio, setAllowTrio] = useState(false);
  const oneToOne = programme.format === 'one_to_one';
  const plans = useCirclePlans(programme.id, programme.format === 'circles');

  const canRun = programme.status === 'matching';
  const canRematch = programme.status === 'active';
  const select = (id: string) => {
    publish.reset();
    discard.reset();
    setParams({ run: id }, { replace: false });
  };

  if (runs.isPending) return <Loading label="Loading matching runs…" />;
  if (runs.isError) return <ErrorState error={runs.error} retry={() => runs.refetch()} />;

  const r = run.data;
  const others = (runs.data ?? []).filter((x) => x.id !== selectedId);

  return (
    <div className="stack matching">
      {canRun ? (
        <Card title="Run matching">
          <p className="muted small">
            Matching looks at the whole cohort at once, never first come first served. A run is a draft:
            nothing is sent until you publish it.
          </p>
          {programme.format === 'peer' ? (
            <CheckboxField
              label="Make one trio when the pool is odd"
              hint="Otherwise one person is left out, and the run says who and why."
              checked={allowTrio}
              onChange={(e) => setAllowTrio(e.target.checked)}
            />
          ) : null}
          <RunSettingsForm
            programme={programme}
            busy={create.isPending}
            error={create.error}
            submitLabel={runs.data.length ? 'Run matching again' : 'Run matching'}
            onSubmit={(settings) =>
              create.mutate(
                { programmeId: programme.id, settings, allowTrio: programme.format === 'peer' && allowTrio },
                { onSuccess: (newRun) => select(newRun.id) },
              )
            }
          />
          {create.error ? <Alert title="Matching did not run">{messageOf(create.error)}</Alert> : null}
        </Card>
      ) : canRematch ? (
        <Card title="Re-match">
          <p className="muted small">
            {programme.format === 'circles'
              ? 'Places members who declined, were not placed or whose circle did not go ahead in circles with room left, or in planned circles never formed. Places held are not touched; the new proposals are sent at once.'
              : 'Pairs people who declined or whose partner left with the remaining places. Accepted and pending pairs are not touched; the new proposals are sent at once.'}
          </p>
          <ConfirmButton
            variant="primary"
            question="Re-match the declined and withdrawn now? New proposals go out at once."
            confirmLabel="Re-match now"
            busy={rematch.isPending}
            onConfirm={() =>
              rematch.mutate(
                { programmeId: programme.id, settings: {} },
                { onSuccess: (res) => select(res.run.id) },
              )
            }
          >
            Re-match declined and withdrawn
          </ConfirmButton>
          {rematch.data ? (
            <Alert kind="success">
              {plural(rematch.data.relationshipsCreated, 'new proposal')} sent;{' '}
              {rematch.data.membersJoined
                ? `${plural(rematch.data.membersJoined, 'place')} offered in circles already formed; `
                : ''}
              {plural(rematch.data.proposalsWithdrawn, 'pending proposal')} withdrawn
              {rematch.data.placesReleased
                ? `; ${plural(rematch.data.placesReleased, 'place')} given up by people who left the programme`
                : ''}
              .
            </Alert>
          ) : null}
          {rematch.error ? <Alert title="Nothing was re-matched">{messageOf(rematch.error)}</Alert> : null}
        </Card>
      ) : (
        <Alert kind="info" title="Matching opens when enrolment closes">
          {programme.status === 'closed'
            ? 'This programme is closed.'
            : 'Close enrolment and start matching (above) to run matching on everyone enrolled.'}
        </Alert>
      )}

      {canRematch && hasRole(me.data, 'programme_manager') ? (
        <DeclineReasonsCard programmeId={programme.id} />
      ) : null}
      {programme.format === 'circles' ? (
        <CirclePlansCard
          programme={programme}
          editable={['draft', 'enrolling', 'matching'].includes(programme.status)}
        />
      ) : null}
      {(canRun || canRematch) && oneToOne ? <PairRulesCard programme={programme} editable /> : null}

      {runs.data.length === 0 ? (
        <EmptyState title="No runs yet">
          <p>Run matching to see the pairs it would make, with scores and reasons, before anyone is told.</p>
        </EmptyState>
      ) : (
        <>
          <Card title="Runs">
            <RunsTable runs={runs.data} selected={selectedId} onOpen={select} />
          </Card>
          {run.isPending ? (
            <Loading label="Loading the run…" />
          ) : run.isError ? (
            <ErrorState error={run.error} retry={() => run.refetch()} />
          ) : r ? (
            <section className="stack" aria-labelledby="run-heading">
              <div className="run-head">
                <h2 id="run-heading" className="section-title">
                  {runLabel(r)} <Badge tone={statusTone[r.status]}>{statusWords[r.status]}</Badge>
                </h2>
                {r.status === 'draft' ? (
                  <div className="actions">
                    <ConfirmButton
                      variant="primary"
                      question={`Publish these ${plural(r.pairCount, r.format === 'circles' ? 'circle' : r.format === 'peer' ? 'group' : 'pair')}? Everyone placed is told at once, and the programme becomes active.`}
                      confirmLabel="Publish"
                      busy={publish.isPending}
                      onConfirm={() => publish.mutate({ id: r.id, version: r.version })}
                    >
                      Publish this run
                    </ConfirmButton>
                    <ConfirmButton
                      question="Discard this run?"
                      confirmLabel="Discard"
                      busy={discard.isPending}
                      onConfirm={() => discard.mutate(r.id)}
                    >
                      Discard
                    </ConfirmButton>
                  </div>
                ) : null}
              </div>
              {r.stale ? (
                <Alert kind="info" title="The cohort has changed since this run">
                  Enrolments, locks or rankings changed after it ran, so it can no longer be published. Run
                  matching again.
                </Alert>
              ) : null}
              {publish.data ? (
                <Alert kind="success" title="Published">
                  {plural(publish.data.relationshipsCreated, 'relationship')} proposed and{' '}
                  {plural(publish.data.invitationsQueued, 'invitation')} on their way. Each person now accepts
                  or declines.
                </Alert>
              ) : null}
              {publish.error ? <Alert title="Not published">{messageOf(publish.error)}</Alert> : null}
              {discard.error ? <Alert title="Not discarded">{messageOf(discard.error)}</Alert> : null}
              {setRule.error ? (
                <Alert title="The rule was not saved">{messageOf(setRule.error)}</Alert>
              ) : null}
              {r.format !== 'one_to_one' ? (
                <GroupRunView run={r} plans={plans.data ?? []} />
              ) : (
                <>
                  <div className="stats">
                    <Stat
                      label="Mentees matched"
                      value={`${formatNumber((r.summary as RunSummaryNumbers).matched)} of ${formatNumber((r.summary as RunSummaryNumbers).mentees)}`}
                      hint={`${formatNumber((r.summary as RunSummaryNumbers).mentors)} mentors available`}
                    />
                    <Stat
                      label="Average score"
                      value={percent((r.summary as RunSummaryNumbers).meanScore)}
                      hint={`weakest pair ${percent((r.summary as RunSummaryNumbers).lowestScore)}`}
                    />
                    <Stat
                      label="Sought topics covered"
                      value={percent((r.summary as RunSummaryNumbers).topicCoverage.ratio)}
                      hint={`${formatNumber((r.summary as RunSummaryNumbers).topicCoverage.covered)} of ${formatNumber((r.summary as RunSummaryNumbers).topicCoverage.sought)}`}
                    />
                    <Stat
                      label="Across departments"
                      value={formatNumber((r.summary as RunSummaryNumbers).pairsAcrossDepartments)}
                      hint={`${formatNumber((r.summary as RunSummaryNumbers).pairsAcrossGenerations)} across generations`}
                    />
                  </div>
                  <Card title={`Pairs (${formatNumber(r.pairCount)})`}>
                    {r.pairCount > r.pairs.length ? (
                      <p className="small muted">
                        Showing the first {formatNumber(r.pairs.length)} pairs; the summary above counts them
                        all.
                      </p>
                    ) : null}
                    <PairsTable
                      pairs={r.pairs}
                      rules={rules.data ?? []}
                      editable={(canRun || canRematch) && r.status === 'draft'}
                      busy={setRule.isPending}
                      onRule={(p, kind) =>
                        setRule.mutate({
                          programmeId: programme.id,
                          mentorId: p.mentorId,
                          menteeId: p.menteeId,
                          kind,
                        })
                      }
                    />
                  </Card>
                  <Card title={`Unmatched (${formatNumber(r.unmatchedCount)})`}>
                    <UnmatchedList unmatched={r.unmatched} />
                  </Card>
                </>
              )}
              {others.length ? (
                <Card title="Compare with another run">
                  <SelectField
                    label="Compare this run with"
                    value={compareId}
                    onChange={(e) =>
                      setParams(e.target.value ? { run: r.id, compare: e.target.value } : { run: r.id })
                    }
                  >
                    <option value="">Choose a run…</option>
                    {others.map((o) => (
                      <option key={o.id} value={o.id}>
                        {runLabel(o)} · {statusWords[o.status]}
                      </option>
                    ))}
                  </SelectField>
                  {compareId ? (
                    comparison.isPending ? (
                      <Loading label="Comparing…" />
                    ) : comparison.isError ? (
                      <ErrorState error={comparison.error} retry={() => comparison.refetch()} />
                    ) : 'samePeople' in comparison.data ? (
                      <GroupComparisonView
                        comparison={comparison.data as GroupComparison}
                        labelA="This run"
                        labelB={runLabel(others.find((o) => o.id === compareId) ?? comparison.data.b)}
                      />
                    ) : (
                      <RunComparison
                        comparison={comparison.data as PairComparison}
                        labelA="This run"
                        labelB={runLabel(others.find((o) => o.id === compareId) ?? comparison.data.b)}
                      />
                    )
                  ) : null}
                </Card>
              ) : null}
            </section>
          ) : null}
        </>
      )}
    </div>
  );
}
