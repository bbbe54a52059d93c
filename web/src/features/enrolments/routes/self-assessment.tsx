// A participant's self-assessment in one programme: the due phase to answer, then the
// answers given, read-only, and when the next phase opens.
import { Link, useParams } from 'react-router';
import { Card, PageHeader } from '../../../components/page';
import { EmptyState, ErrorState, Loading } from '../../../components/states';
import { useProgramme } from '../../programmes/api/get-programme';
import { duePhase, phaseLabels, useSelfAssessment } from '../api/self-assessment';
import { SelfAssessmentAnswers, SelfAssessmentForm } from '../components/self-assessment-form';

export function Component() {
  const { programmeId = '' } = useParams();
  const form = useSelfAssessment(programmeId);
  const programme = useProgramme(programmeId);
  const header = (
    <PageHeader
      eyebrow={<Link to="/my">← My mentoring</Link>}
      title="Your self-assessment"
      description={programme.data?.name}
    />
  );
  if (form.isPending)
    return (
      <>
        {header}
        <Loading label="Loading your self-assessment…" />
      </>
    );
  if (form.isError)
    return (
      <>
        {header}
        <ErrorState error={form.error} retry={() => form.refetch()} />
      </>
    );
  if (!form.data?.topics.length)
    return (
      <>
        {header}
        <EmptyState title="Nothing to rate here">
          <p>
            You rate yourself in the topics you seek in a programme you are enrolled in. This enrolment seeks
            none.
          </p>
        </EmptyState>
      </>
    );
  const due = duePhase(form.data);
  const upcoming = form.data.phases.filter((p) => !p.open && p.answers.length === 0);
  return (
    <>
      {header}
      <div className="stack stack--large">
        {due ? (
          <Card>
            <SelfAssessmentForm key={due.phase} form={form.data} phase={due} />
          </Card>
        ) : (
          <p className="muted">Nothing is due now. Thank you for your answers.</p>
        )}
        <SelfAssessmentAnswers form={form.data} />
        {upcoming.length ? (
          <Card title="Other phases">
            <ul className="small">
              {upcoming.map((p) => (
                <li key={p.phase}>
                  {phaseLabels[p.phase]}: {p.note}
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </>
  );
}
