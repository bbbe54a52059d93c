// Outcome reports for sponsors and managers: retention against matched colleagues, learning
// in both directions and relationship quality, each as a chart with a plain reading, its n,
// method and what it cannot show. Hidden figures say why; every table downloads as CSV.
import { lazy, type ReactNode, Suspense, useState } from 'react';
import type { HiddenReason } from '../../../../../src/insights/disclosure';
import { Card, PageHeader, Stat, TableWrap } from '../../../components/page';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { formatDate, formatNumber, plural } from '../../../lib/format';
import { useProgrammes } from '../../programmes/api/get-programmes';
import { csvUrl, type LearningRow, type SkillsRow, useReport } from '../api/reports';

const SurvivalChart = lazy(() => import('../components/survival-chart'));
const LearningBars = lazy(() =>
  import('../components/report-charts').then((m) => ({ default: m.LearningBars })),
);
const QualityLines = lazy(() =>
  import('../components/report-charts').then((m) => ({ default: m.QualityLines })),
);

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const num = (x: number | null, digits = 2) => (x === null ? '–' : x.toFixed(digits));

export function hiddenBecause(reason: HiddenReason | 'not_started' | 'managers_only', min: number): string {
  switch (reason) {
    case 'too_few_people':
      return `Hidden: fewer than ${min} people are behind it, so nobody can be picked out.`;
    case 'protects_a_smaller_group':
      return 'Hidden: showing it would let a smaller group be worked out by subtracting it from another figure.';
    case 'not_started':
      return 'Not yet: the programme has not started, so there is no one to follow.';
    case 'managers_only':
      return 'Shown to programme managers only.';
  }
}

function About({ n, method, caveat }: { n?: number; method: string; caveat: string }) {
  return (
    <p className="muted small">
      {n !== undefined ? `n = ${formatNumber(n)}. ` : ''}
      Method: {method}. <strong>What it cannot show:</strong> {caveat}
    </p>
  );
}

function Download({ programmeId, report }: { programmeId: string; report: string }) {
  return (
    <a className="button button--secondary" href={csvUrl(programmeId, report)} download>
      Download CSV
    </a>
  );
}

const followUpWords = {
  retention: {
    title: 'Retention against comparable colleagues',
    loading: 'Loading retention…',
    curve: 'The curves show the share still employed, month by month.',
  },
  promotions: {
    title: 'Promotions against comparable colleagues',
    loading: 'Loading promotions…',
    curve:
      'The curves show the share not yet promoted, month by month: the lower a curve, the more were promoted.',
  },
} as const;

function Retention({
  programmeId,
  report = 'retention',
}: {
  programmeId: string;
  report?: 'retention' | 'promotions';
}) {
  const words = followUpWords[report];
  const q = useReport(programmeId, report);
  if (q.isPending) return <Loading label={words.loading} />;
  if (q.isError) return <ErrorState error={q.error} retry={() => q.refetch()} />;
  const r = q.data;
  return (
    <Card
      title={words.title}
      actions={r.shown ? <Download programmeId={programmeId} report={report} /> : null}
    >
      {!r.shown ? (
        <p>{r.note ?? hiddenBecause(r.reason, r.minimumGroupSize)}</p>
      ) : (
        <>
          <p className="report-reading">{r.hazardRatio.reading}</p>
          <div className="stats">
            <Stat
              label="Participants followed"
              value={formatNumber(r.matching.participants.matched)}
              hint={`of ${formatNumber(r.matching.participants.total)}`}
            />
            <Stat
              label="Matched colleagues"
              value={formatNumber(r.matching.others.matched)}
              hint={`of ${formatNumber(r.matching.others.total)}`}
            />
            <Stat
              label="Hazard ratio (95% interval)"
              value={num(r.hazardRatio.estimate)}
              hint={`${num(r.hazardRatio.lower)} to ${num(r.hazardRatio.upper)}`}
            />
            <Stat label="Log-rank p" value={num(r.logRank.p, 3)} hint={`χ² ${num(r.logRank.chiSquare)}`} />
          </div>
          <Suspense fallback={<Loading label="Drawing the curves…" />}>
            <SurvivalChart participants={r.curves.participants.points} others={r.curves.others.points} />
          </Suspense>
          <p className="muted small">
            {words.curve} Followed from {formatDate(r.origin)} to {formatDate(r.asOf)}. {r.unadjusted.reading}
          </p>
          <About n={r.n} method={r.method} caveat={r.caveat} />
        </>
      )}
    </Card>
  );
}

const directionLabels: Record<string, string> = {
  upward: 'Leaders learning from more junior colleagues',
  downward: 'Junior colleagues learning from leaders',
  level: 'Between peers',
};

/** A breakdown as a table: one row per value, its figures, or why it is hidden. */
function BreakdownTable<R extends { shown: true } | { shown: false; reason: HiddenReason }>({
  label,
  heading,
  columns,
  rows,
  name,
  figures,
  min,
}: {
  label: string;
  heading: string;
  columns: string[];
  rows: R[];
  /** The row's value (its key) and how it reads. */
  name: (row: R) => { value: string; label: string };
  figures: (row: Extract<R, { shown: true }>) => ReactNode;
  min: number;
}) {
  if (!rows.length) return null;
  return (
    <TableWrap label={label}>
      <table className="table">
        <caption className="muted small">{label}</caption>
        <thead>
          <tr>
            <th scope="col">{heading}</th>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => {
            const { value, label: rowLabel } = name(row);
            return (
              <tr key={value}>
                <th scope="row">{rowLabel}</th>
                {row.shown ? (
                  figures(row as Extract<R, { shown: true }>)
                ) : (
                  <td colSpan={columns.length} className="muted small">
                    {hiddenBecause((row as Extract<R, { shown: false }>).reason, min)}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

function LearningTable({
  label,
  dimension,
  rows,
  min,
}: {
  label: string;
  dimension: 'direction' | 'topic' | 'department';
  rows: LearningRow[];
  min: number;
}) {
  return (
    <BreakdownTable
      label={label}
      heading={dimension === 'direction' ? 'Direction' : dimension === 'topic' ? 'Topic' : 'Department'}
      columns={['Entries', 'People']}
      rows={rows}
      name={(row) => {
        const value = row[dimension] ?? '(none)';
        return { value, label: dimension === 'direction' ? (directionLabels[value] ?? value) : value };
      }}
      figures={(row) => (
        <>
          <td>{formatNumber(row.entries)}</td>
          <td>{formatNumber(row.people)}</td>
        </>
      )}
      min={min}
    />
  );
}

function Learning({ programmeId }: { programmeId: string }) {
  const q = useReport(programmeId, 'learning');
  if (q.isPending) return <Loading label="Loading learning…" />;
  if (q.isError) return <ErrorState error={q.error} retry={() => q.refetch()} />;
  const r = q.data;
  const min = r.minimumGroupSize;
  const bars = r.byDirection.flatMap((d) =>
    d.shown ? [{ label: directionLabels[d.direction ?? ''] ?? String(d.direction), entries: d.entries }] : [],
  );
  const topicBars = r.byTopic.flatMap((d) =>
    d.shown ? [{ label: d.topic ?? '(no topic)', entries: d.entries }] : [],
  );
  const anyHidden = [...r.byDirection, ...r.byTopic, ...r.byDepartment].some((x) => !x.shown);
  return (
    <Card
      title="Learning in both directions"
      actions={r.total.shown ? <Download programmeId={programmeId} report="learning" /> : null}
    >
      {!r.total.shown ? (
        <p>
          No learning figures yet. {hiddenBecause(r.total.reason, min)} They appear once at least {min} people
          have written in their learning logs.
        </p>
      ) : (
        <>
          <p className="report-reading">
            {plural(r.total.people, 'person', 'people')} wrote {formatNumber(r.total.entries)} learning-log{' '}
            {r.total.entries === 1 ? 'entry' : 'entries'}
            {r.asOf ? ` up to ${formatDate(r.asOf)}` : ''}.
          </p>
          <Suspense fallback={<Loading />}>
            {bars.length ? <LearningBars rows={bars} /> : null}
            {topicBars.length ? <LearningBars rows={topicBars} /> : null}
          </Suspense>
          <LearningTable label="By direction" dimension="direction" rows={r.byDirection} min={min} />
          <LearningTable label="By topic" dimension="topic" rows={r.byTopic} min={min} />
          <LearningTable
            label="By department of the person learning"
            dimension="department"
            rows={r.byDepartment}
            min={min}
          />
          <h3 className="card__subtitle">What leaders learned</h3>
          <LearningTable
            label="Leaders’ learning by topic"
            dimension="topic"
            rows={r.upward.byTopic}
            min={min}
          />
          <LearningTable
            label="Leaders’ learning by department"
            dimension="department"
            rows={r.upward.byDepartment}
            min={min}
          />
          <p className="muted small">{r.upward.caveat}</p>
          {anyHidden ? <p className="muted small">{r.hiddenNote}</p> : null}
        </>
      )}
      {r.reciprocity ? (
        r.reciprocity.shown ? (
          <p className="report-reading">
            Reciprocity index {num(r.reciprocity.estimate)} (95% interval {num(r.reciprocity.lower)} to{' '}
            {num(r.reciprocity.upper)}, {plural(r.reciprocity.n, 'relationship')}): 1 means both partners
            wrote down learning equally often, 0 that only one did.
          </p>
        ) : (
          <p className="muted small">Reciprocity index: {hiddenBecause(r.reciprocity.reason, min)}</p>
        )
      ) : null}
      <About method={r.method} caveat={r.caveat} />
    </Card>
  );
}

function Quality({ programmeId }: { programmeId: string }) {
  const q = useReport(programmeId, 'quality');
  if (q.isPending) return <Loading label="Loading quality…" />;
  if (q.isError) return <ErrorState error={q.error} retry={() => q.refetch()} />;
  const r = q.data;
  const min = r.minimumGroupSize;
  const points = r.byMonth.flatMap((m) =>
    m.shown
      ? [
          {
            month: m.month ?? '',
            value: m.value.mean,
            valueError: [
              m.value.mean - (m.value.lower ?? m.value.mean),
              (m.value.upper ?? m.value.mean) - m.value.mean,
            ] as [number, number],
            heard: m.heard.mean,
            heardError: [
              m.heard.mean - (m.heard.lower ?? m.heard.mean),
              (m.heard.upper ?? m.heard.mean) - m.heard.mean,
            ] as [number, number],
          },
        ]
      : [],
  );
  const hiddenMonths = r.byMonth.filter((m) => !m.shown).length;
  return (
    <Card
      title="Relationship quality"
      actions={r.overall.shown ? <Download programmeId={programmeId} report="quality" /> : null}
    >
      {!r.overall.shown ? (
        <p>No quality figures yet. {hiddenBecause(r.overall.reason, min)}</p>
      ) : (
        <>
          <p className="report-reading">
            Meetings were rated {r.overall.value.mean.toFixed(1)} of 5 for value (95% interval{' '}
            {num(r.overall.value.lower, 1)} to {num(r.overall.value.upper, 1)}) and{' '}
            {r.overall.heard.mean.toFixed(1)} for feeling heard, from {formatNumber(r.overall.answers)}{' '}
            answers by {plural(r.overall.people, 'person', 'people')}; {pct(r.overall.balancedShare)} said the
            talk was balanced.
          </p>
          {points.length ? (
            <Suspense fallback={<Loading />}>
              <QualityLines points={points} />
            </Suspense>
          ) : null}
          {hiddenMonths ? (
            <p className="muted small">
              {plural(hiddenMonths, 'month')} hidden. {r.hiddenNote}
            </p>
          ) : null}
        </>
      )}
      {r.momentum.shown ? (
        <p className="report-reading">
          Momentum: {formatNumber(r.momentum.held)} meetings held across{' '}
          {plural(r.momentum.n, 'relationship')} ({r.momentum.heldPerRelationship} each),{' '}
          {formatNumber(r.momentum.cancelled)} cancelled, {formatNumber(r.momentum.scheduled)} in the
          calendar.
        </p>
      ) : (
        <p className="muted small">Momentum: {hiddenBecause(r.momentum.reason, min)}</p>
      )}
      <About method={r.method} caveat={r.caveat} />
    </Card>
  );
}

const sideLabels: Record<string, string> = {
  mentee: 'Mentees (the leaders, in a reverse programme)',
  mentor: 'Mentors',
  both: 'Both ways',
};

function SkillsTable({
  label,
  dimension,
  rows,
  min,
}: {
  label: string;
  dimension: 'side' | 'category' | 'topic';
  rows: SkillsRow[];
  min: number;
}) {
  return (
    <BreakdownTable
      label={label}
      heading={dimension === 'side' ? 'Side' : dimension === 'category' ? 'Topic area' : 'Topic'}
      columns={['Before', 'After', 'Uplift (95% interval)', 'People']}
      rows={rows}
      name={(row) => {
        const value = String(row[dimension] ?? '(none)');
        const label =
          dimension === 'side'
            ? (sideLabels[value] ?? value)
            : dimension === 'category'
              ? value.replaceAll('_', ' ')
              : value;
        return { value, label };
      }}
      figures={(row) => (
        <>
          <td>{num(row.before)}</td>
          <td>{num(row.after)}</td>
          <td>
            {num(row.uplift)} ({num(row.lower)} to {num(row.upper)})
          </td>
          <td>{formatNumber(row.people)}</td>
        </>
      )}
      min={min}
    />
  );
}

function Skills({ programmeId }: { programmeId: string }) {
  const q = useReport(programmeId, 'skills');
  if (q.isPending) return <Loading label="Loading skills…" />;
  if (q.isError) return <ErrorState error={q.error} retry={() => q.refetch()} />;
  const r = q.data;
  const min = r.minimumGroupSize;
  const h = r.headline;
  const stage = h.stage === 'closing' ? r.closing : r.midpoint;
  const anyShown = h.shown || stage.overall.shown || stage.byTopic.some((x) => x.shown);
  return (
    <Card
      title="Skills before and after (self-assessed)"
      actions={anyShown ? <Download programmeId={programmeId} report="skills" /> : null}
    >
      <p className="report-reading">
        {h.shown ? h.reading : `${h.who}: no figure yet. ${hiddenBecause(h.reason, min)}`}
      </p>
      {anyShown ? (
        <>
          <SkillsTable
            label={`By side, enrolment to ${h.stage}`}
            dimension="side"
            rows={stage.bySide}
            min={min}
          />
          <SkillsTable
            label={`By topic area, enrolment to ${h.stage}`}
            dimension="category"
            rows={stage.byCategory}
            min={min}
          />
          <SkillsTable
            label={`By topic, enrolment to ${h.stage}`}
            dimension="topic"
            rows={stage.byTopic}
            min={min}
          />
          <p className="muted small">{r.hiddenNote}</p>
        </>
      ) : null}
      <About method={r.method} caveat={r.caveat} />
    </Card>
  );
}

function Section({ children }: { children: ReactNode }) {
  return <div className="report-section">{children}</div>;
}

export function Component() {
  const programmes = useProgrammes();
  const [chosen, setChosen] = useState<string>('');
  const list = (programmes.data ?? []).filter((p) => p.status !== 'draft');
  // Start with a programme that has history: closed or running, most recent first.
  const preferred = list.find((p) => p.status === 'closed' || p.status === 'active') ?? list[0];
  const programmeId = chosen || preferred?.id;
  return (
    <>
      <PageHeader
        title="Reports"
        description="Retention and promotions against comparable colleagues, skills before and after, learning in both directions and relationship quality. Small groups are never shown."
      />
      {programmes.isPending ? <Loading /> : null}
      {programmes.isError ? <ErrorState error={programmes.error} retry={() => programmes.refetch()} /> : null}
      {programmes.isSuccess && !list.length ? (
        <EmptyState title="No programmes yet">
          <p>Reports appear once a programme has started.</p>
        </EmptyState>
      ) : null}
      {programmeId ? (
        <>
          <label className="field report-picker">
            <span className="field__label">Programme</span>
            <select className="input" value={programmeId} onChange={(e) => setChosen(e.target.value)}>
              {list.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
            </select>
          </label>
          <p>
            <a
              className="button button--secondary"
              href={`/api/programmes/${programmeId}/reports/pdf`}
              download
            >
              Download the report as PDF
            </a>
          </p>
          <Section>
            <Retention programmeId={programmeId} />
          </Section>
          <Section>
            <Skills programmeId={programmeId} />
          </Section>
          <Section>
            <Retention programmeId={programmeId} report="promotions" />
          </Section>
          <Section>
            <Learning programmeId={programmeId} />
          </Section>
          <Section>
            <Quality programmeId={programmeId} />
          </Section>
        </>
      ) : null}
    </>
  );
}
