import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { PageHeader } from '../../../components/page';
import { Alert, ErrorState, Loading } from '../../../components/states';
import { ApiError } from '../../../lib/api-client';
import { formatDate, kindLabels } from '../../../lib/format';
import { useMe } from '../../auth/api/get-me';
import { useProgramme } from '../../programmes/api/get-programme';
import { useEnrol } from '../api/enrol';
import { EnrolmentForm } from '../components/enrolment-form';

export function Component() {
  const { programmeId = '' } = useParams();
  const programme = useProgramme(programmeId);
  const me = useMe();
  const enrol = useEnrol();
  const navigate = useNavigate();

  if (programme.isPending || me.isPending) return <Loading />;
  if (programme.isError) return <ErrorState error={programme.error} retry={() => programme.refetch()} />;
  const p = programme.data;
  const existing = me.data?.enrolments.find((e) => e.programmeId === p.id && e.status === 'active');
  // Straight after enrolling, the success handler decides where to go.
  if (existing && enrol.isIdle) return <Navigate to={`/my/enrolments/${existing.id}`} replace />;
  const existingId =
    enrol.error instanceof ApiError && enrol.error.code === 'conflict'
      ? (enrol.error.details?.enrolmentId as string | undefined)
      : undefined;

  return (
    <>
      <PageHeader
        eyebrow={<Link to="/my">← My mentoring</Link>}
        title={`Enrol in ${p.name}`}
        description={`${kindLabels[p.kind]} mentoring · ${formatDate(p.cohortStart)} to ${formatDate(p.cohortEnd)}`}
      />
      {p.description ? <p className="lead">{p.description}</p> : null}
      {p.status !== 'enrolling' ? (
        <Alert kind="info">This programme is not taking enrolments at the moment.</Alert>
      ) : null}
      {existingId ? (
        <Alert kind="info">
          You are already enrolled. <Link to={`/my/enrolments/${existingId}`}>See your enrolment</Link>.
        </Alert>
      ) : null}
      {p.topics.length === 0 ? (
        <Alert kind="info">
          This programme has no topics yet, so nobody can enrol. Please check back later.
        </Alert>
      ) : (
        <EnrolmentForm
          programme={p}
          busy={enrol.isPending}
          error={enrol.error}
          submitLabel="Enrol"
          onSubmit={(input) =>
            enrol.mutate(
              { programmeId: p.id, ...input },
              { onSuccess: () => navigate('/my', { state: { notice: `You are enrolled in ${p.name}.` } }) },
            )
          }
        />
      )}
    </>
  );
}
