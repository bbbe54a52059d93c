// After a meeting: how valuable it was, whether I felt heard, who did most of the talking.
// Answers are the author's alone; the programme sees only totals over groups of five or more.
import { type FormEvent, useState } from 'react';
import { Button } from '../../../components/button';
import { Fieldset, TextArea } from '../../../components/field';
import { Alert, Loading } from '../../../components/states';
import { fieldErrorsOf, messageOf } from '../../../lib/api-client';
import { useGiveFeedback, useMyFeedback } from '../api/meetings';
import type { Feedback } from '../types';

const scale = [1, 2, 3, 4, 5];
const valueWords: Record<number, string> = {
  1: 'Not at all',
  2: 'A little',
  3: 'Somewhat',
  4: 'Very',
  5: 'Extremely',
};
const heardWords: Record<number, string> = {
  1: 'Not at all',
  2: 'Rarely',
  3: 'Sometimes',
  4: 'Mostly',
  5: 'Completely',
};

function ScaleField({
  legend,
  name,
  words,
  value,
  onChange,
  error,
}: {
  legend: string;
  name: string;
  words: Record<number, string>;
  value: number | null;
  onChange: (n: number) => void;
  error?: string;
}) {
  return (
    <Fieldset legend={legend} error={error} className="fieldset--plain">
      <div className="scale">
        {scale.map((n) => (
          <label key={n} className={`scale__option${value === n ? ' scale__option--selected' : ''}`}>
            <input type="radio" name={name} value={n} checked={value === n} onChange={() => onChange(n)} />
            <span className="scale__number">{n}</span>
            <span className="scale__word">{words[n]}</span>
          </label>
        ))}
      </div>
    </Fieldset>
  );
}

export function FeedbackSummary({ feedback, partnerName }: { feedback: Feedback; partnerName: string }) {
  const talk = { me: 'I did', balanced: 'Balanced', other: `${partnerName} did` }[feedback.talking];
  return (
    <p className="small feedback-given">
      <span aria-hidden="true">✓ </span>Your feedback: value {feedback.value}/5, felt heard {feedback.heard}
      /5, most of the talking: {talk.toLowerCase()}.{' '}
      <span className="muted">Only you can see your answers.</span>
    </p>
  );
}

export function FeedbackForm({ meetingId, partnerName }: { meetingId: string; partnerName: string }) {
  const mine = useMyFeedback(meetingId, true);
  const give = useGiveFeedback();
  const [value, setValue] = useState<number | null>(null);
  const [heard, setHeard] = useState<number | null>(null);
  const [talking, setTalking] = useState<Feedback['talking'] | null>(null);
  const [comment, setComment] = useState('');
  const [missing, setMissing] = useState<Record<string, string>>({});
  const fields = { ...fieldErrorsOf(give.error), ...missing };

  if (mine.isPending) return <Loading label="Loading your feedback…" />;
  if (mine.data) return <FeedbackSummary feedback={mine.data} partnerName={partnerName} />;

  function submit(e: FormEvent) {
    e.preventDefault();
    const m: Record<string, string> = {};
    if (value === null) m.value = 'choose how valuable it was';
    if (heard === null) m.heard = 'choose how heard you felt';
    if (talking === null) m.talking = 'choose who did most of the talking';
    setMissing(m);
    if (Object.keys(m).length || value === null || heard === null || talking === null) return;
    give.mutate({ meetingId, value, heard, talking, comment: comment.trim() || undefined });
  }

  return (
    <form className="feedback stack" onSubmit={submit} noValidate aria-label="Feedback on this meeting">
      <p className="small muted">
        Three quick questions. Only you can see your answers; the programme sees only totals over at least
        five answers.
      </p>
      <ScaleField
        legend="How valuable was this meeting?"
        name={`value-${meetingId}`}
        words={valueWords}
        value={value}
        onChange={setValue}
        error={fields.value}
      />
      <ScaleField
        legend="I felt heard"
        name={`heard-${meetingId}`}
        words={heardWords}
        value={heard}
        onChange={setHeard}
        error={fields.heard}
      />
      <Fieldset legend="Who did most of the talking?" error={fields.talking} className="fieldset--plain">
        <div className="checks-inline">
          {(
            [
              ['me', 'I did'],
              ['balanced', 'About even'],
              ['other', `${partnerName} did`],
            ] as const
          ).map(([v, l]) => (
            <label key={v} className="check">
              <input
                type="radio"
                name={`talking-${meetingId}`}
                value={v}
                checked={talking === v}
                onChange={() => setTalking(v)}
              />
              {l}
            </label>
          ))}
        </div>
      </Fieldset>
      <TextArea
        label="Anything else? (optional)"
        rows={2}
        maxLength={2000}
        value={comment}
        error={fields.comment}
        onChange={(e) => setComment(e.target.value)}
      />
      {give.error && !Object.keys(fieldErrorsOf(give.error)).length ? (
        <Alert>{messageOf(give.error)}</Alert>
      ) : null}
      <div>
        <Button type="submit" busy={give.isPending}>
          Send feedback
        </Button>
      </div>
    </form>
  );
}
