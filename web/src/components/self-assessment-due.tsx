// "Your self-assessment is due", with a link, where a participant will see it: on their home
// and on each relationship's page. Nothing shows when nothing is due (or there is no form).
import { useId } from 'react';
import { Link } from 'react-router';
import {
  duePhase,
  type PhaseState,
  phaseLabels,
  useSelfAssessment,
  useSelfAssessments,
} from '../features/enrolments/api/self-assessment';
import { Alert } from './states';

/** Every self-assessment due across the person's programmes, each with a link; nothing if none. */
export function SelfAssessmentsDue({ programmes }: { programmes: { id: string; name: string }[] }) {
  const forms = useSelfAssessments(programmes.map((p) => p.id));
  const due = programmes.flatMap((p, i) => {
    const phase = duePhase(forms[i]?.data);
    return phase ? [{ programme: p, phase }] : [];
  });
  if (!due.length) return null;
  return (
    <section aria-label="Self-assessments due" className="stack">
      {due.map(({ programme, phase }) => (
        <DueNotice
          key={programme.id}
          programmeId={programme.id}
          programmeName={programme.name}
          phase={phase}
        />
      ))}
    </section>
  );
}

/** "Your self-assessment is due", with a link, where the person will see it; nothing otherwise. */
export function SelfAssessmentDue({
  programmeId,
  programmeName,
}: {
  programmeId: string;
  programmeName?: string;
}) {
  const form = useSelfAssessment(programmeId);
  const due = duePhase(form.data);
  if (!due) return null;
  return <DueNotice programmeId={programmeId} programmeName={programmeName} phase={due} />;
}

export function DueNotice({
  programmeId,
  programmeName,
  phase,
}: {
  programmeId: string;
  programmeName?: string | undefined;
  phase: PhaseState;
}) {
  const titleId = useId();
  const when = phaseLabels[phase.phase];
  return (
    <Alert kind="info">
      <p className="alert__title" id={titleId}>
        Self-assessment due{programmeName ? `: ${programmeName}` : ''}
      </p>
      <p>
        {when}, rate yourself in the topics you want to learn. It takes a minute, and only you see your
        answers. {phase.note}
      </p>
      <p>
        {/* The link names the phase; the programme is read from the title it is described by. */}
        <Link to={`/my/programmes/${programmeId}/self-assessment`} aria-describedby={titleId}>
          Rate yourself {when.toLowerCase()}
        </Link>
      </p>
    </Alert>
  );
}
