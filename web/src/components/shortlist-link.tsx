// On a mentee's enrolment: the way to the shortlist of candidate mentors, while it can still change.
import { Link } from 'react-router';
import type { Enrolment, Programme } from '../lib/types';
import { Alert } from './states';

export function ShortlistLink({ enrolment, programme }: { enrolment: Enrolment; programme: Programme }) {
  if (enrolment.status !== 'active' || enrolment.role === 'mentor') return null;
  if (programme.status !== 'enrolling' && programme.status !== 'matching') return null;
  return (
    <Alert kind="info" title="Would you like a say in who mentors you?">
      {programme.kind === 'reverse'
        ? 'See the colleagues who could mentor you and rank the ones you would most like to learn from.'
        : 'See the mentors who could be a good fit and rank your favourites.'}{' '}
      <Link to={`/my/programmes/${programme.id}/mentors`}>Choose your mentors</Link>
    </Alert>
  );
}
