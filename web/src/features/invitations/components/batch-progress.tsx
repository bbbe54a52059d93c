// How far a batch of invitations has got. Small batches come back done; larger ones are
// sent by the worker, so this asks again until the batch is done.
import { Link } from 'react-router';
import { Alert } from '../../../components/states';
import { formatNumber, plural } from '../../../lib/format';
import { useBatch } from '../api/invite';
import type { InvitationBatch } from '../api/types';

export function BatchProgress({ batch: first }: { batch: InvitationBatch }) {
  const { data: batch } = useBatch(first);
  if (batch.status === 'done') {
    const skipped = batch.total - batch.invited;
    return (
      <Alert kind={batch.invited > 0 ? 'success' : 'info'} title="Invitations sent">
        <p>
          {plural(batch.invited, 'person', 'people')} invited
          {skipped > 0 ? `; ${formatNumber(skipped)} already had an account or an invitation` : ''}.{' '}
          <Link to="/invitations">See all invitations</Link>
        </p>
      </Alert>
    );
  }
  return (
    <div className="stack stack--tight">
      <label htmlFor={`batch-${batch.id}`}>
        Sending invitations: {formatNumber(batch.processed)} of {formatNumber(batch.total)}
      </label>
      <progress
        id={`batch-${batch.id}`}
        className="progress"
        max={Math.max(batch.total, 1)}
        value={batch.processed}
      >
        {formatNumber(batch.processed)} of {formatNumber(batch.total)}
      </progress>
      <p className="field__hint">You may leave this screen; the invitations keep going out.</p>
    </div>
  );
}
