// Why people declined: shown to the programme manager on request (every read is audited).
import { useState } from 'react';
import { Button } from '../../../components/button';
import { Card } from '../../../components/page';
import { ErrorState, Loading } from '../../../components/states';
import { formatDate } from '../../../lib/format';
import { useDeclineReasons } from '../api/decline-reasons';

export function DeclineReasonsCard({ programmeId }: { programmeId: string }) {
  const [asked, setAsked] = useState(false);
  const reasons = useDeclineReasons(programmeId, asked);
  return (
    <Card title="Why people declined">
      <p className="muted small">
        Written for you alone, to find better matches; never shown to the other person. Each time you read
        them it is recorded in the audit log.
      </p>
      {!asked ? (
        <Button variant="secondary" onClick={() => setAsked(true)}>
          Show decline reasons
        </Button>
      ) : reasons.isPending ? (
        <Loading />
      ) : reasons.isError ? (
        <ErrorState error={reasons.error} retry={() => reasons.refetch()} />
      ) : reasons.data.length === 0 ? (
        <p className="muted">Nobody has declined with a reason.</p>
      ) : (
        <ul className="unmatched">
          {reasons.data.map((r) => (
            <li key={`${r.relationshipId}:${r.authorId}`} className="unmatched__item">
              <strong>{r.authorName}</strong>{' '}
              <span className="muted small">
                ({r.side}, {formatDate(r.createdAt)})
              </span>
              <p className="small">{r.reason ?? <span className="muted">No reason given.</span>}</p>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
