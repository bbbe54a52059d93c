// Everyone a run left unmatched, with why, and the candidates who came closest.
import { Badge } from '../../../components/badge';
import { EmptyState } from '../../../components/states';
import type { Unmatched } from '../types';
import { percent } from './settings';

const reasonLabels: Record<Unmatched['reason'], string> = {
  no_candidate: 'No one the rules allow',
  capacity: 'Places taken',
  left_out: 'Left out for a better whole',
  not_needed: 'Not needed this time',
};

export function UnmatchedList({ unmatched }: { unmatched: Unmatched[] }) {
  const mentees = unmatched.filter((u) => u.side === 'mentee');
  const mentors = unmatched.filter((u) => u.side === 'mentor');
  if (unmatched.length === 0)
    return <EmptyState title="Everyone is matched">Every mentee has a mentor in this run.</EmptyState>;
  return (
    <div className="stack">
      {[
        { title: 'Mentees without a mentor', list: mentees },
        { title: 'Mentors with a free place', list: mentors },
      ].map((group) =>
        group.list.length ? (
          <section key={group.title} aria-label={group.title}>
            <h3 className="card__subtitle">
              {group.title} ({group.list.length})
            </h3>
            <ul className="unmatched">
              {group.list.slice(0, 50).map((u) => (
                <li key={u.participantId} className="unmatched__item">
                  <div className="unmatched__head">
                    <strong>{u.displayName}</strong>{' '}
                    <Badge tone={u.reason === 'no_candidate' ? 'warning' : 'neutral'}>
                      {reasonLabels[u.reason]}
                    </Badge>
                  </div>
                  <p className="small">{u.message}</p>
                  {u.bestCandidates?.length ? (
                    <p className="small muted">
                      Closest:{' '}
                      {u.bestCandidates
                        .slice(0, 3)
                        .map(
                          (c) =>
                            `${c.displayName} (${percent(c.score)}${c.takenBy.length ? `, taken by ${c.takenBy.join(', ')}` : ''})`,
                        )
                        .join('; ')}
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
            {group.list.length > 50 ? (
              <p className="small muted">…and {group.list.length - 50} more.</p>
            ) : null}
          </section>
        ) : null,
      )}
    </div>
  );
}
