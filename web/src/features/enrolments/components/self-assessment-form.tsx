// The self-assessment of one phase: each sought topic rated on the same five anchored
// descriptions, so ratings compare across time; and the answers given, read back to their
// author only.
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { Fieldset } from '../../../components/field';
import { Card } from '../../../components/page';
import { Alert } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import {
  type PhaseState,
  phaseLabels,
  type SelfAssessment,
  useSubmitSelfAssessment,
} from '../api/self-assessment';
import '../self-assessment.css';

type Anchor = SelfAssessment['anchors'][number];
type Topic = SelfAssessment['topics'][number];

function AnchorScale({
  topic,
  anchors,
  value,
  onChange,
  error,
}: {
  topic: Topic;
  anchors: Anchor[];
  value: number | undefined;
  onChange: (rating: number) => void;
  error?: string | undefined;
}) {
  return (
    <Fieldset legend={topic.name} error={error} className="fieldset--plain">
      <div className="anchors">
        {anchors.map((a) => (
          <label
            key={a.rating}
            className={`anchors__option${value === a.rating ? ' anchors__option--selected' : ''}`}
          >
            <input
              type="radio"
              id={a.rating === 1 ? `rate-${topic.topicId}` : undefined}
              name={`rate-${topic.topicId}`}
              value={a.rating}
              checked={value === a.rating}
              onChange={() => onChange(a.rating)}
            />
            <span>
              <strong>
                {a.rating} · {a.label}
              </strong>
              <span className="anchors__description">{a.description}</span>
            </span>
          </label>
        ))}
      </div>
    </Fieldset>
  );
}

/** Rates every sought topic for the due phase; all or nothing, once. */
export function SelfAssessmentForm({ form, phase }: { form: SelfAssessment; phase: PhaseState }) {
  const submit = useSubmitSelfAssessment(form.programmeId);
  const [ratings, setRatings] = useState<Record<string, number>>({});
  const [missing, setMissing] = useState<Record<string, string>>({});
  // The server names a rating by its place in what was sent: ratings.<i>.rating.
  const [sent, setSent] = useState<string[]>([]);
  const serverFields = fieldErrorsOf(submit.error);
  const errorOf = (topicId: string) => {
    if (missing[topicId]) return missing[topicId];
    const i = sent.indexOf(topicId);
    return i < 0 ? undefined : (serverFields[`ratings.${i}.rating`] ?? serverFields[`ratings.${i}.topicId`]);
  };
  const formLevel =
    submit.error &&
    !sent.some((_, i) => serverFields[`ratings.${i}.rating`] || serverFields[`ratings.${i}.topicId`]);

  function onSubmit(e: FormEvent) {
    e.preventDefault();
    const m: Record<string, string> = {};
    for (const t of form.topics)
      if (ratings[t.topicId] === undefined) m[t.topicId] = `Choose how you rate yourself in ${t.name}.`;
    setMissing(m);
    const first = form.topics.find((t) => m[t.topicId]);
    if (first) {
      document.getElementById(`rate-${first.topicId}`)?.focus();
      return;
    }
    const order = form.topics.map((t) => t.topicId);
    setSent(order);
    submit.mutate({
      phase: phase.phase,
      ratings: order.map((topicId) => ({ topicId, rating: ratings[topicId] as number })),
    });
  }

  return (
    <form className="stack" onSubmit={onSubmit} noValidate aria-labelledby="self-assessment-heading">
      <h2 id="self-assessment-heading" className="card__title">
        {phaseLabels[phase.phase]}: rate yourself
      </h2>
      <p className="small muted">
        For each topic you want to learn, choose the description that fits you best today. {phase.note} You
        answer once for this phase, and only you can see your answers; the programme sees only totals over
        groups of at least five people.
      </p>
      {form.topics.map((t) => (
        <AnchorScale
          key={t.topicId}
          topic={t}
          anchors={form.anchors}
          value={ratings[t.topicId]}
          onChange={(rating) => {
            setRatings((r) => ({ ...r, [t.topicId]: rating }));
            setMissing(({ [t.topicId]: _gone, ...rest }) => rest);
          }}
          error={errorOf(t.topicId)}
        />
      ))}
      {formLevel ? <Alert title="Your answers were not saved">{messageOf(submit.error)}</Alert> : null}
      <div>
        <Button type="submit" busy={submit.isPending}>
          Save my self-assessment
        </Button>
      </div>
    </form>
  );
}

/** The answers given so far, read-only, phase by phase. */
export function SelfAssessmentAnswers({ form }: { form: SelfAssessment }) {
  const label = new Map(form.anchors.map((a) => [a.rating, a.label]));
  const name = new Map(form.topics.map((t) => [t.topicId, t.name]));
  const answered = form.phases.filter((p) => p.answers.length);
  if (!answered.length) return null;
  return (
    <Card title="Your answers">
      <p className="small muted">Only you can see these. Answers are kept as given.</p>
      {answered.map((p) => (
        <section key={p.phase} aria-labelledby={`answers-${p.phase}`}>
          <h3 id={`answers-${p.phase}`} className="section-title">
            {phaseLabels[p.phase]}
          </h3>
          <dl className="summary self-assessment-answers">
            {p.answers.map((a) => (
              <div key={a.topicId}>
                <dt>{name.get(a.topicId) ?? 'A topic no longer in the programme'}</dt>
                <dd>
                  {a.rating} · {label.get(a.rating) ?? ''}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Card>
  );
}
