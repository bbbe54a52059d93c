// The pairs of a run: who with whom, the score, the reasons in plain words, and lock / forbid.
import { useState } from 'react';
import { Badge } from '../../../components/badge';
import { Button } from '../../../components/button';
import { TextField } from '../../../components/field';
import { TableWrap } from '../../../components/page';
import { Pager } from '../../../components/pager';
import { EmptyState } from '../../../components/states';
import type { Pair, PairRule } from '../types';
import { percent } from './settings';

const pageSize = 25;

export function ScoreBar({ score }: { score: number }) {
  const pct = Math.max(0, Math.min(100, Math.round(score * 100)));
  return (
    <span className="score">
      <span className="score__track" aria-hidden="true">
        <span className="score__fill" style={{ width: `${pct}%` }} />
      </span>
      <span className="score__value">{pct}%</span>
    </span>
  );
}

export function PairsTable({
  pairs,
  rules,
  editable,
  busy,
  onRule,
}: {
  pairs: Pair[];
  rules: PairRule[];
  editable: boolean;
  busy: boolean;
  onRule: (pair: Pair, kind: 'locked' | 'forbidden') => void;
}) {
  const [q, setQ] = useState('');
  const [offset, setOffset] = useState(0);
  const needle = q.trim().toLowerCase();
  const shown = needle
    ? pairs.filter((p) => `${p.menteeName} ${p.mentorName}`.toLowerCase().includes(needle))
    : pairs;
  const page = shown.slice(offset, offset + pageSize);
  const ruleOf = (p: Pair) => rules.find((r) => r.mentorId === p.mentorId && r.menteeId === p.menteeId);

  if (pairs.length === 0)
    return (
      <EmptyState title="This run made no pairs">
        <p>See below why each person was left unmatched; loosening a rule often helps.</p>
      </EmptyState>
    );
  return (
    <div className="stack">
      <div className="toolbar">
        <TextField
          label="Find a person in the pairs"
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.target.value);
            setOffset(0);
          }}
        />
      </div>
      <TableWrap label="Pairs">
        <table className="table pairs-table">
          <thead>
            <tr>
              <th scope="col">Mentee</th>
              <th scope="col">Mentor</th>
              <th scope="col">Score</th>
              <th scope="col">Why this pair</th>
              {editable ? <th scope="col">Next runs</th> : null}
            </tr>
          </thead>
          <tbody>
            {page.map((p) => {
              const rule = ruleOf(p);
              return (
                <tr key={`${p.menteeId}:${p.mentorId}`}>
                  <th scope="row">
                    <span className="cell-title">{p.menteeName}</span>
                  </th>
                  <td data-label="Mentor">
                    <span className="cell-title">{p.mentorName}</span>
                    {p.locked ? (
                      <span className="cell-sub">
                        <Badge tone="info">Locked</Badge>
                      </span>
                    ) : null}
                  </td>
                  <td data-label="Score">
                    <ScoreBar score={p.score} />
                  </td>
                  <td className="cell-wrap" data-label="Why this pair">
                    {p.reasons.length ? (
                      <>
                        <ul className="reasons">
                          {p.reasons.slice(0, 2).map((r) => (
                            <li key={r}>{r}</li>
                          ))}
                        </ul>
                        {p.reasons.length > 2 ? (
                          <details className="reasons-more">
                            <summary>{p.reasons.length - 2} more</summary>
                            <ul className="reasons">
                              {p.reasons.slice(2).map((r) => (
                                <li key={r}>{r}</li>
                              ))}
                            </ul>
                          </details>
                        ) : null}
                      </>
                    ) : (
                      <span className="muted">Allowed by every rule ({percent(p.score)} overall)</span>
                    )}
                  </td>
                  {editable ? (
                    <td data-label="Next runs">
                      {rule ? (
                        <Badge tone={rule.kind === 'locked' ? 'info' : 'danger'}>
                          {rule.kind === 'locked' ? 'Locked' : 'Forbidden'}
                        </Badge>
                      ) : (
                        <div className="actions actions--tight">
                          <Button
                            variant="secondary"
                            size="small"
                            disabled={busy}
                            aria-label={`Lock ${p.menteeName} with ${p.mentorName}`}
                            onClick={() => onRule(p, 'locked')}
                          >
                            Lock
                          </Button>
                          <Button
                            variant="ghost"
                            size="small"
                            disabled={busy}
                            aria-label={`Forbid ${p.menteeName} with ${p.mentorName}`}
                            onClick={() => onRule(p, 'forbidden')}
                          >
                            Forbid
                          </Button>
                        </div>
                      )}
                    </td>
                  ) : null}
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      {shown.length === 0 ? <p className="muted">Nobody in the pairs matches “{q}”.</p> : null}
      <Pager offset={offset} limit={pageSize} total={shown.length} onChange={setOffset} label="Pair pages" />
    </div>
  );
}
