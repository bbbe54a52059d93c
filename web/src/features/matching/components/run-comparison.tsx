// Two runs side by side: coverage with deltas, and every pair that changed.
import { TableWrap } from '../../../components/page';
import { EmptyState } from '../../../components/states';
import { formatNumber, plural } from '../../../lib/format';
import type { RunComparison as Comparison, Metric } from '../types';
import { percent, points } from './settings';

type Kind = 'count' | 'score' | 'ratio';
/** One row of a coverage table: which figure, how it reads, and which way is better. */
export interface CoverageRow<K extends string> {
  key: K;
  label: string;
  kind: Kind;
  higherIsBetter: boolean;
}

const metrics: CoverageRow<keyof Comparison['coverage']>[] = [
  { key: 'matched', label: 'Pairs made', kind: 'count', higherIsBetter: true },
  { key: 'unmatchedMentees', label: 'Mentees unmatched', kind: 'count', higherIsBetter: false },
  { key: 'meanScore', label: 'Average score', kind: 'score', higherIsBetter: true },
  { key: 'lowestScore', label: 'Weakest pair', kind: 'score', higherIsBetter: true },
  { key: 'topicCoverage', label: 'Sought topics covered', kind: 'ratio', higherIsBetter: true },
  { key: 'pairsAcrossDepartments', label: 'Pairs across departments', kind: 'count', higherIsBetter: true },
  { key: 'pairsAcrossGenerations', label: 'Pairs across generations', kind: 'count', higherIsBetter: true },
];

function show(kind: Kind, n: number) {
  return kind === 'count' ? formatNumber(n) : percent(n);
}
function change(kind: Kind, d: number) {
  if (kind === 'count') return d === 0 ? 'no change' : `${d > 0 ? '+' : '−'}${formatNumber(Math.abs(d))}`;
  return points(d);
}

/** The figures of two runs side by side, with the change and whether it is for the better. */
export function CoverageTable<K extends string>({
  rows,
  coverage,
  labelA,
  labelB,
}: {
  rows: CoverageRow<K>[];
  coverage: Record<K, Metric>;
  labelA: string;
  labelB: string;
}) {
  return (
    <TableWrap label="Coverage of the two runs">
      <table className="table">
        <thead>
          <tr>
            <th scope="col">Measure</th>
            <th scope="col" className="num">
              {labelA}
            </th>
            <th scope="col" className="num">
              {labelB}
            </th>
            <th scope="col" className="num">
              Change
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((m) => {
            const v = coverage[m.key];
            const better = v.delta === 0 ? null : v.delta > 0 === m.higherIsBetter;
            return (
              <tr key={m.key}>
                <th scope="row">{m.label}</th>
                <td className="num">{show(m.kind, v.a)}</td>
                <td className="num">{show(m.kind, v.b)}</td>
                <td className={`num${better === null ? '' : better ? ' delta--better' : ' delta--worse'}`}>
                  {change(m.kind, v.delta)}
                  {better === null ? null : (
                    <span className="visually-hidden">{better ? ' (better)' : ' (worse)'}</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function RunComparison({
  comparison,
  labelA,
  labelB,
}: {
  comparison: Comparison;
  labelA: string;
  labelB: string;
}) {
  const c = comparison;
  return (
    <div className="stack">
      <CoverageTable rows={metrics} coverage={c.coverage} labelA={labelA} labelB={labelB} />
      <p>
        {plural(c.samePairs, 'pair')} the same in both; {plural(c.changedPairs.length, 'mentee')} with a
        different outcome.
      </p>
      {c.changedPairs.length === 0 ? (
        <EmptyState title="The two runs make the same pairs" />
      ) : (
        <TableWrap label="Pairs that changed">
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Mentee</th>
                <th scope="col">{labelA}</th>
                <th scope="col">{labelB}</th>
                <th scope="col" className="num">
                  Score change
                </th>
              </tr>
            </thead>
            <tbody>
              {c.changedPairs.slice(0, 100).map((p) => (
                <tr key={p.menteeId}>
                  <th scope="row">{p.menteeName}</th>
                  <td>
                    {p.a ? (
                      `${p.a.mentorName} (${percent(p.a.score)})`
                    ) : (
                      <span className="muted">unmatched</span>
                    )}
                  </td>
                  <td>
                    {p.b ? (
                      `${p.b.mentorName} (${percent(p.b.score)})`
                    ) : (
                      <span className="muted">unmatched</span>
                    )}
                  </td>
                  <td className="num">{points(p.scoreDelta)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </div>
  );
}
