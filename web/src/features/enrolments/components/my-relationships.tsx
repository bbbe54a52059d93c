// "Your matches" on a participant's home: each relationship with what to do next.
import { Link } from 'react-router';
import { Badge } from '../../../components/badge';
import { statusLabels, statusTones } from '../../../components/relationship-status';
import { ErrorState } from '../../../components/states';
import { plural } from '../../../lib/format';
import { useMyRelationships } from '../../relationships/api/relationships';
import { partiesOf } from '../../relationships/parties';
import type { Relationship } from '../../relationships/types';

function nextStep(rel: Relationship): string {
  const { mySide } = partiesOf(rel);
  if (rel.status === 'proposed')
    return rel[`${mySide}Response`] === 'pending'
      ? 'Answer the proposal'
      : 'Waiting for your match to answer';
  if (rel.status === 'paused') return 'Paused';
  if (rel.status === 'closed') return 'Closed: write your reflection';
  if (rel.meetings.scheduled) return `${plural(rel.meetings.scheduled, 'meeting')} coming up`;
  if (rel.meetings.held) return `${plural(rel.meetings.held, 'meeting')} held · schedule the next`;
  return 'Agree, sign and schedule your first meeting';
}

export function MyRelationships() {
  const relationships = useMyRelationships();
  if (relationships.isPending) return null;
  if (relationships.isError)
    return <ErrorState error={relationships.error} retry={() => relationships.refetch()} />;
  const list = relationships.data.filter((r) => r.status !== 'declined' && r.status !== 'withdrawn');
  if (list.length === 0) return null;
  return (
    <section aria-labelledby="matches-heading">
      <h2 id="matches-heading" className="section-title">
        Your matches
      </h2>
      <ul className="programme-grid">
        {list.map((rel) => {
          const { partner, mySide } = partiesOf(rel);
          return (
            <li key={rel.id} className="programme-card">
              <div className="programme-card__badges">
                <Badge tone={statusTones[rel.status]}>{statusLabels[rel.status]}</Badge>
                <Badge tone="info">You are the {mySide}</Badge>
              </div>
              <h3 className="programme-card__title">
                <Link to={`/my/relationships/${rel.id}`}>{partner.name}</Link>
              </h3>
              <p className="muted small">
                {[partner.jobTitle, partner.department].filter(Boolean).join(' · ')}
              </p>
              <p className="small">{rel.programmeName}</p>
              <p className="small">
                <strong>{nextStep(rel)}</strong>
              </p>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
